/**
 * What a letter keeps of a region's copy once it is made. While a copy is made, the results of
 * its fields that other fields read again are kept (evaluate.ts, regions/scope.ts); after it,
 * the only fields that can still read them are formulas over the table the copy's rows are in
 * (`{ = SUM(ABOVE) }` in a total row, regions/expand.ts). So a copy of a row region in a table
 * a formula reads records its cells as the formula reads them (a number, blank or text), and
 * every copy then lets its results go: a letter's heap does not grow with its rows' results (a
 * thousand rows' results took most of the garbage collector's time, issue 12).
 *
 * A recorded cell gives the formula exactly what reading the copy's kept results gives: the
 * cell's text from what the cell is made of (bookmarks.ts), its fields' texts from their kept
 * results, read as Word reads numbers in tables (table-cells.ts); and the problems those
 * results carry are reported again when the cell is read, as a kept result's reader reports
 * them. A copy whose cells cannot all be recorded keeps its results, and is read as before.
 */
import type { FieldNode } from '../ooxml/fields.js';
import { fieldTypeOf } from '../fieldcode/index.js';
import type { EvalEnv } from './eval-env.js';
import { piecesText, rangePieces, type RangePiece } from './bookmarks.js';
import { KeptWithProblems } from './kept.js';
import { shownText, type FieldResult } from './outs.js';
import { cellValue, type CellValue, type TableCell } from './table-cells.js';
import type { RegionDef } from './regions/find.js';
import type { RecordedCells, Scope } from './regions/scope.js';
import type { DocModel } from './doc-model-types.js';

/** Switches for tests that compare with every copy keeping every result (not for production). */
export const copyTuning = { lean: true };

/** What recording a row region's copy needs, the same for every letter: its cells (in order)
 * and what each is made of. */
interface Layout {
  readonly at: ReadonlyMap<number, number>;
  readonly pieces: ReadonlyArray<readonly RangePiece[]>;
}

/** By region: its layout; null when its copies are not recorded but keep their results (a row
 * region with regions inside it, in a table a formula reads); 'free' when nothing reads a copy
 * once it is made. */
const layouts = new WeakMap<RegionDef, Layout | null | 'free'>();

function layoutOf(region: RegionDef, doc: DocModel): Layout | null | 'free' {
  let l = layouts.get(region);
  if (l !== undefined) return l;
  l = 'free';
  const table = region.table;
  const story = region.story;
  const tables = doc.tables(story);
  const read =
    table !== undefined &&
    doc.fields.some((f) => f.story === story && fieldTypeOf(f.parsed.instruction) === '=' && tables.cellAt(f.begin)?.table.open === table.open);
  if (read) {
    l = null;
    const model = tables.cellAt(region.start.begin)?.table;
    if (!region.children.length && model && model.open === table.open) {
      const rows = new Set(table.rows);
      const at = new Map<number, number>();
      const pieces: RangePiece[][] = [];
      const fieldsAt = doc.fieldsAt(story);
      for (const row of model.rows) {
        if (!rows.has(row.open)) continue;
        for (const cell of row.cells) {
          at.set(cell.open, pieces.length);
          pieces.push(rangePieces({ name: '', story, start: cell.open, end: cell.close }, fieldsAt));
        }
      }
      l = { at, pieces };
    }
  }
  layouts.set(region, l);
  return l;
}

/**
 * A copy of a region is made (its scope is off the stack): its cells are recorded if a formula
 * may read them later, and its results are let go when nothing can read them any more.
 */
export function finishCopy(scope: Scope, env: EvalEnv): void {
  const results = scope.results;
  if (!copyTuning.lean || !results || !env.doc) return;
  const layout = layoutOf(scope.region, env.doc);
  if (layout === null) return;
  if (layout !== 'free' && !record(scope, layout, results, env)) return;
  scope.results = undefined;
}

/** Records the copy's cells; false when one of their fields has no kept result (the copy then
 * keeps its results and is read as before). */
function record(scope: Scope, layout: Layout, results: ReadonlyMap<FieldNode, unknown>, env: EvalEnv): boolean {
  const per = layout.pieces.length;
  let again: KeptWithProblems[] | undefined;
  const texts: string[] = [];
  const agains: Array<typeof again> = [];
  let whole = true;
  const read = (g: FieldNode): string => {
    const kept = results.get(g);
    if (kept === undefined) {
      whole = false;
      return '';
    }
    let r = kept as FieldResult;
    if (kept instanceof KeptWithProblems) {
      (again ??= []).push(kept);
      r = kept.result;
    }
    return r.stored ?? shownText(g, r.outs);
  };
  for (let k = 0; k < per; k++) {
    again = undefined;
    texts.push(piecesText(layout.pieces[k]!, read));
    agains.push(again);
    if (!whole) return false;
  }
  let cells = scope.list.cells;
  if (!cells) {
    cells = scope.list.cells = {
      region: scope.region,
      per,
      at: layout.at,
      values: new Float64Array(per * scope.count),
      kinds: new Uint8Array(per * scope.count),
      again: new Map(),
    } satisfies RecordedCells;
  }
  const machine = env.numberLocale;
  for (let k = 0; k < per; k++) {
    const i = scope.index * per + k;
    const v = cellValue(texts[k]!, machine);
    if (typeof v === 'number') {
      cells.values[i] = v;
      cells.kinds[i] = 1;
    } else cells.kinds[i] = v === 'blank' ? 2 : 3;
    const a = agains[k];
    if (a) cells.again.set(i, a);
  }
  return true;
}

/** A cell of a table as the letter has it, as recorded when its copy was made (`stack`: the
 * copies its row is read with, outermost first); undefined when it was not recorded. The
 * problems its fields reported are reported again, as reading their kept results does. */
export function recordedValue(stack: readonly Scope[], cell: TableCell, env: EvalEnv): CellValue | undefined {
  const s = stack[stack.length - 1];
  const cells = s?.list.cells;
  if (!cells || cells.region !== s.region) return undefined;
  const k = cells.at.get(cell.open);
  if (k === undefined) return undefined;
  const i = s.index * cells.per + k;
  const kind = cells.kinds[i];
  if (!kind) return undefined;
  const again = cells.again.get(i);
  if (again) {
    for (const a of again) {
      if (a.problems.length) env.diagnostics.push(...a.problems);
      env.stats.missing += a.missing;
    }
  }
  return kind === 1 ? cells.values[i]! : kind === 2 ? 'blank' : 'text';
}
