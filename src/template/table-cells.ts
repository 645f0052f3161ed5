/**
 * Table cells for formulas: `= SUM(ABOVE)`, `= B2 * C2`, `= SUM(B2:B6)`, `= R2C3`. A story's
 * tables are read once per template into rows of cells (a cell by its place in its row, as
 * Word numbers them: a merged cell counts once); nested tables are tables of their own. What a
 * cell holds is read per letter: its text with the fields in it evaluated for the case, so a
 * calculation table (beregningstabel) sums merged amounts and other formulas. Rows repeated from
 * the case (regions/) are read as the letter has them: regions/expand.ts expands the table.
 *
 * How Word reads cells (docs/word-fields.md): a cell holds a number when its whole text is one
 * in the machine's symbols (`1.234,50`), maybe with a currency sign or code (`kr.`, `kr`, `DKK`,
 * `$`, `€`, `£`) before or after it or a `%` after it (a hundredth); a blank cell and a text cell
 * hold none. ABOVE, BELOW, LEFT and RIGHT go from the formula's cell outwards, pass the cells
 * without a number until the first with one, and stop at the next cell without one (Microsoft
 * KB 105639; the conformance corpus has Word's own result for this); header rows are left out.
 * In a list function a range counts the cells with numbers; as a single operand a cell without
 * a number is 0.
 */
import type { Story } from '../ooxml/tokens.js';
import type { FieldLocale } from '../format/locale.js';
import { NOT_PLAIN, numberTuning, parseLocaleNumber, parsePlain } from '../format/number.js';
import type { CellRange, CellRef, FormulaRefs } from './formula.js';

export interface TableCell {
  readonly table: TableModel;
  /** 0-based row and place in the row. */
  readonly row: number;
  readonly col: number;
  /** Token indexes of the w:tc open and close tokens. */
  readonly open: number;
  readonly close: number;
}

export interface TableRow {
  readonly cells: TableCell[];
  /** Token index of the w:tr open token. */
  readonly open: number;
  /** A header row (w:tblHeader): left out of ABOVE, BELOW, LEFT and RIGHT. */
  readonly header: boolean;
}

export interface TableModel {
  readonly story: Story;
  /** Token index of the w:tbl open token. */
  readonly open?: number;
  readonly rows: TableRow[];
}

export interface StoryTables {
  /** The innermost cell around a token, if any. */
  cellAt(token: number): TableCell | undefined;
}

/** Reads the tables of a story. */
export function storyTables(story: Story): StoryTables {
  const tokens = story.tokens;
  const owner = new Int32Array(tokens.length).fill(-1);
  const cells: TableCell[] = [];
  const tables: Array<{ model: TableModel; row: TableRow | undefined }> = [];
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'open' && tok.name === 'w:tbl') tables.push({ model: { story, open: i, rows: [] }, row: undefined });
    else if (tok.t === 'close' && tok.name === 'w:tbl') tables.pop();
    else if (tok.t === 'open' && tok.name === 'w:tr') {
      const t = tables[tables.length - 1];
      if (t) {
        const trPr = tokens[i + 1];
        const header = trPr?.t === 'raw' && trPr.name === 'w:trPr' && /<w:tblHeader(?:\s*\/>|\s+w:val="(?:1|true|on)")/.test(trPr.xml);
        t.row = { cells: [], header, open: i };
        t.model.rows.push(t.row);
      }
    } else if (tok.t === 'open' && tok.name === 'w:tc') {
      const t = tables[tables.length - 1];
      if (t?.row) {
        const cell: TableCell = { table: t.model, row: t.model.rows.length - 1, col: t.row.cells.length, open: i, close: tok.close };
        t.row.cells.push(cell);
        cells.push(cell);
        open.push(cells.length - 1);
      }
    } else if (tok.t === 'close' && tok.name === 'w:tc' && open.length) {
      owner[i] = open.pop()!;
      continue;
    }
    if (open.length) owner[i] = open[open.length - 1]!;
  }
  return { cellAt: (token) => (owner[token]! >= 0 ? cells[owner[token]!] : undefined) };
}

/** What a cell's text holds: a number, nothing (blank) or text. */
export type CellValue = number | 'blank' | 'text';

const CURRENCY = /^(?:kr\.?|dkk|eur|usd|[$€£])\s*|\s*(?:kr\.?|dkk|eur|usd|[$€£])$/i;

/** The value of a cell's (or a bookmark's) text, read as Word reads numbers in tables. */
export function cellValue(text: string, machine: FieldLocale): CellValue {
  if (numberTuning.fastPaths) {
    const v = plainCell(text, machine);
    if (v !== NOT_PLAIN) return v ?? 'text';
  }
  let t = text.replace(/[\r\n\v\u00a0]+/g, ' ').trim();
  if (t === '') return 'blank';
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  t = t.replace(CURRENCY, '').trim();
  const n = parseLocaleNumber(t, machine);
  if (n === undefined) return 'text';
  return percent ? n / 100 : n;
}

/**
 * cellValue for the text a beregningstabel's cells mostly show: a number in the machine's
 * symbols, maybe followed by `kr.` or `kr` (with or without a space before it). NOT_PLAIN for
 * anything else (spaces around, another currency, a per cent sign...): the general path reads it.
 * With only such characters the general path's cleaning changes nothing and its currency
 * pattern takes exactly that ending.
 */
function plainCell(text: string, machine: FieldLocale): number | undefined | typeof NOT_PLAIN {
  // The cell's paragraph marks (and line breaks, no-break spaces) at the end: cleaned to spaces
  // and trimmed away by the general path.
  let stop = text.length;
  while (stop > 0 && isBreak(text.charCodeAt(stop - 1))) stop--;
  let end = stop;
  if (endsAt(text, stop, 'kr.')) end -= 3;
  else if (endsAt(text, stop, 'kr')) end -= 2;
  if (end < stop && end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return parsePlain(text, 0, end, machine);
}

/** \r, \n, \v and the no-break space: what cellValue's general path makes a space. */
const isBreak = (c: number): boolean => c === 13 || c === 10 || c === 11 || c === 0xa0;

const endsAt = (text: string, stop: number, tail: string): boolean => stop >= tail.length && text.startsWith(tail, stop - tail.length);

/** The formula references of a field in a cell: its table's cells, read with `textOf`, or given
 * by `recorded` (the copies of a region's rows, region-cells.ts). */
export function cellReferences(
  here: TableCell,
  machine: FieldLocale,
  textOf: (cell: TableCell) => string,
  recorded?: (cell: TableCell) => CellValue | undefined,
): Required<Pick<FormulaRefs, 'cell' | 'range'>> {
  const table = here.table;
  const values = new Map<TableCell, CellValue>();
  const valueOf = (cell: TableCell | undefined): CellValue => {
    if (!cell) return 'blank';
    let v = values.get(cell);
    if (v === undefined) values.set(cell, (v = recorded?.(cell) ?? cellValue(textOf(cell), machine)));
    return v;
  };
  const at = (row: number, col: number): TableCell | undefined => table.rows[row]?.cells[col];
  const direction = (dr: number, dc: number): number[] => {
    const out: number[] = [];
    let started = false;
    for (let r = here.row + dr, c = here.col + dc; r >= 0 && r < table.rows.length && c >= 0; r += dr, c += dc) {
      if (table.rows[r]!.header) {
        if (dr !== 0) continue;
        break;
      }
      if (dc !== 0 && c >= table.rows[r]!.cells.length) break;
      const v = valueOf(at(r, c));
      if (typeof v === 'number') {
        started = true;
        out.push(v);
      } else if (started) break;
    }
    return out;
  };
  // The formula's own cell holds no value for it (Word would read its previous result).
  const cell = (ref: CellRef): number => {
    const target = at(ref.row - 1, ref.col - 1);
    const v = target === here ? 'blank' : valueOf(target);
    return typeof v === 'number' ? v : 0;
  };
  const range = (r: CellRange): number[] => {
    if ('direction' in r) {
      const [dr, dc] = { ABOVE: [-1, 0], BELOW: [1, 0], LEFT: [0, -1], RIGHT: [0, 1] }[r.direction];
      return direction(dr!, dc!);
    }
    // A 0 row or column (B:B, 2:2) takes the whole column or row.
    const rows = [r.from.row || 1, r.to.row || table.rows.length].sort((a, b) => a - b);
    const cols = [r.from.col || 1, r.to.col || Math.max(...table.rows.map((x) => x.cells.length))].sort((a, b) => a - b);
    const out: number[] = [];
    for (let row = rows[0]!; row <= rows[1]!; row++) {
      for (let col = cols[0]!; col <= cols[1]!; col++) {
        const target = at(row - 1, col - 1);
        const v = target === here ? 'blank' : valueOf(target);
        if (typeof v === 'number') out.push(v);
      }
    }
    return out;
  };
  return { cell, range };
}
