/**
 * Tables: grid widths, cell margins, spans (gridSpan, vMerge), row heights (auto, at least,
 * exact), shading and borders (cell borders over table borders, inside borders between
 * cells), header rows repeated on each page, rows split across pages unless "can't split".
 *
 * A table with header rows (w:tblHeader) is tagged Table > TR > TH (Scope Column) / TD; one
 * without is a layout table: its cells' content is tagged in reading order, row by row, so
 * that a screen reader does not announce a data grid that has no headers.
 */
import type { Border } from '../model/props.js';
import type { Block, CellBlock, TableBlock } from '../model/types.js';
import type { Frag, MeasureCtx, PlaceCtx } from './frag.js';
import { Container, structNode } from './tags.js';
import type { StructNode } from './types.js';

export type MeasureBlocks = (blocks: Block[], width: number, ctx: MeasureCtx) => Frag[];

interface CellLayout {
  cell: CellBlock;
  x: number;
  width: number;
  frags: Frag[];
  /** Offsets of each frag's top within the cell's content box. */
  tops: number[];
  contentHeight: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  rowSpan: number;
  /** A continuation of a vertically merged cell: drawn as part of the cell above. */
  continued: boolean;
}

interface TableState {
  /** The Table element (data tables) or the container the layout table's content goes in. */
  table: StructNode | undefined;
  layoutContainer: Container | undefined;
  started: boolean;
  headings: { last: number };
  /** Each row's structure, reused when a split row goes on over a page. */
  rows: Map<number, { tr: StructNode | undefined; cells: Map<number, Container | undefined> }>;
}

function stack(frags: Frag[]): { tops: number[]; height: number } {
  const tops: number[] = [];
  let y = 0;
  let after = 0;
  for (const f of frags) {
    y += Math.max(0, f.spaceBefore - after);
    tops.push(y);
    y += f.height + f.spaceAfter;
    after = f.spaceAfter;
  }
  return { tops, height: y };
}

/** `joinsNext`: another table follows with nothing between them; the two are one table, so this
 * table's bottom border takes no room (the next one's top border is the line between them). */
export function tableFrags(table: TableBlock, width: number, ctx: MeasureCtx, measure: MeasureBlocks, headings: { last: number }, joinsNext = false): Frag[] {
  const t = table.props;
  let grid = table.grid.slice();
  const total = grid.reduce((a, b) => a + b, 0);
  if (!grid.length || total <= 0) {
    const cols = Math.max(1, ...table.rows.map((r) => r.cells.reduce((a, c) => a + c.props.gridSpan, 0)));
    const w = t.width?.type === 'dxa' ? t.width.value : t.width?.type === 'pct' ? (width * t.width.value) / 100 : width;
    grid = new Array(cols).fill(w / cols);
  }
  const tableWidth = grid.reduce((a, b) => a + b, 0);
  const colX = [0];
  for (const g of grid) colX.push(colX[colX.length - 1]! + g);
  let left = t.indent;
  if (t.align === 'center') left = (width - tableWidth) / 2;
  else if (t.align === 'right') left = width - tableWidth;
  // Before Word 2013's layout (compatibilityMode < 15), a table's indent places the text of its
  // cells, not its border: the table stands out into the margin by its left cell margin, so
  // the cell text lines up with the body text. Word and LibreOffice both follow the document's mode.
  else if (ctx.compatibilityMode < 15 && !ctx.inTable) left -= t.cellMargins.left;
  const hasHeader = table.rows.length > 0 && table.rows[0]!.props.header;
  const state: TableState = { table: undefined, layoutContainer: undefined, started: false, headings, rows: new Map() };
  const rows = table.rows.length;

  // Lay out every cell's content at its width.
  const layouts: CellLayout[][] = table.rows.map((row) =>
    row.cells.map((cell) => {
      const span = Math.max(1, cell.props.gridSpan);
      const x = colX[Math.min(cell.col, grid.length)] ?? 0;
      const w = (colX[Math.min(cell.col + span, grid.length)] ?? tableWidth) - x;
      const m = { ...t.cellMargins, ...cell.props.margins };
      const continued = cell.props.vMerge === 'continue';
      const frags = continued ? [] : measure(cell.blocks, Math.max(1, w - m.left - m.right), { ...ctx, inTable: true });
      const { tops, height } = stack(frags);
      return { cell, x, width: w, frags, tops, contentHeight: height, marginTop: m.top, marginBottom: m.bottom, marginLeft: m.left, rowSpan: 1, continued };
    }),
  );
  // Vertical merges: the first cell spans the rows that continue it.
  for (let r = 0; r < rows; r++) {
    for (const c of layouts[r]!) {
      if (c.continued || c.cell.props.vMerge !== 'restart') continue;
      let span = 1;
      while (r + span < rows && layouts[r + span]!.some((d) => d.continued && d.cell.col === c.cell.col)) span++;
      c.rowSpan = span;
    }
  }
  // Borders take room: the top border of each row (and the bottom border of the last) is
  // added to the row's height, as Word and LibreOffice do.
  const tb = t.borders;
  for (let r = 0; r < rows; r++) {
    const cells = layouts[r]!;
    const topW = Math.max(0, ...cells.map((c) => (c.continued ? 0 : (resolveBorder(c.cell.props.borders.top, r === 0 ? tb.top : tb.insideH)?.width ?? 0))));
    for (const c of cells) c.marginTop += topW;
    if (r === rows - 1 && !joinsNext) {
      const bottomW = Math.max(0, ...cells.map((c) => resolveBorder(c.cell.props.borders.bottom, tb.bottom)?.width ?? 0));
      for (const c of cells) c.marginBottom += bottomW;
    }
  }
  const heights = table.rows.map((row, r) => {
    let h = 0;
    for (const c of layouts[r]!) if (!c.continued && c.rowSpan === 1) h = Math.max(h, c.marginTop + c.contentHeight + c.marginBottom);
    if (row.props.height !== undefined) {
      if (row.props.heightRule === 'exact') return row.props.height;
      h = Math.max(h, row.props.height);
    }
    return h;
  });
  // A merged cell taller than its rows makes the last of them taller.
  for (let r = 0; r < rows; r++) {
    for (const c of layouts[r]!) {
      if (c.rowSpan < 2) continue;
      const need = c.marginTop + c.contentHeight + c.marginBottom;
      const have = heights.slice(r, r + c.rowSpan).reduce((a, b) => a + b, 0);
      if (need > have) heights[r + c.rowSpan - 1]! += need - have;
    }
  }

  const frags: Frag[] = [];
  const headers: Frag[] = [];
  const id = {};
  for (let r = 0; r < rows; r++) {
    const row = table.rows[r]!;
    const isHeader = hasHeader && row.props.header && (r === 0 || table.rows[r - 1]!.props.header);
    const mergedHeight = (c: CellLayout): number => heights.slice(r, r + c.rowSpan).reduce((a, b) => a + b, 0);
    const frag = rowFrag(table, layouts[r]!, r, heights[r]!, mergedHeight, isHeader, hasHeader, left, state, rows, layouts);
    frag.table = { id, headers, isHeader };
    if (isHeader) {
      frag.keepWithNext = true;
      headers.push(frag);
    }
    frags.push(frag);
  }
  if (frags.length) {
    frags[0]!.spaceBefore = 0;
  }
  return frags;
}

function rowFrag(
  table: TableBlock,
  cells: CellLayout[],
  r: number,
  height: number,
  mergedHeight: (c: CellLayout) => number,
  isHeader: boolean,
  dataTable: boolean,
  left: number,
  state: TableState,
  rows: number,
  all: CellLayout[][],
): Frag {
  const row = table.rows[r]!;
  const frag: Frag = {
    height,
    spaceBefore: 0,
    spaceAfter: 0,
    keepWithNext: false,
    breakBefore: false,
    breakAfter: false,
    where: table.source,
    place(pc: PlaceCtx, x: number, y: number) {
      placeRow(pc, table, cells, r, height, mergedHeight, isHeader, dataTable, x + left, y, state, rows, all);
    },
  };
  if (!row.props.cantSplit && !isHeader) {
    frag.split = (available: number) => splitRow(table, cells, r, height, available, isHeader, dataTable, left, state, rows, all);
  }
  return frag;
}

/** Cuts a row: each cell keeps the fragments that fit; the rest make a row of their own. */
function splitRow(
  table: TableBlock,
  cells: CellLayout[],
  r: number,
  height: number,
  available: number,
  isHeader: boolean,
  dataTable: boolean,
  left: number,
  state: TableState,
  rows: number,
  all: CellLayout[][],
): [Frag, Frag] | undefined {
  const firstCells: CellLayout[] = [];
  const restCells: CellLayout[] = [];
  let any = false;
  let anyRest = false;
  for (const c of cells) {
    const room = available - c.marginTop - c.marginBottom;
    let k = 0;
    while (k < c.frags.length && c.tops[k]! + c.frags[k]!.height <= room + 0.01) k++;
    if (k > 0) any = true;
    if (k < c.frags.length) anyRest = true;
    const keep = c.frags.slice(0, k);
    const rest = c.frags.slice(k);
    const a = stack(keep);
    const b = stack(rest);
    firstCells.push({ ...c, frags: keep, tops: a.tops, contentHeight: a.height, rowSpan: 1 });
    restCells.push({ ...c, frags: rest, tops: b.tops, contentHeight: b.height, rowSpan: 1 });
  }
  if (!any || !anyRest) return undefined;
  const h1 = available;
  const h2 = Math.max(1, ...restCells.map((c) => c.marginTop + c.contentHeight + c.marginBottom));
  const first = rowFrag(table, firstCells, r, h1, () => h1, isHeader, dataTable, left, state, rows, all);
  const second = rowFrag(table, restCells, r, Math.max(h2, 0), () => Math.max(h2, 0), isHeader, dataTable, left, state, rows, all);
  return [first, second];
}

function resolveBorder(own: Border | undefined, fallback: Border | undefined): Border | undefined {
  const b = own ?? fallback;
  return b && b.width > 0 ? b : undefined;
}

function placeRow(
  pc: PlaceCtx,
  table: TableBlock,
  cells: CellLayout[],
  r: number,
  height: number,
  mergedHeight: (c: CellLayout) => number,
  isHeader: boolean,
  dataTable: boolean,
  x0: number,
  y: number,
  state: TableState,
  rows: number,
  all: CellLayout[][],
): void {
  const page = pc.page;
  const tb = table.props.borders;
  // Structure: Table > TR > TH/TD for data tables; cells' content in reading order otherwise.
  let rowState = state.rows.get(r);
  if (!pc.artifact && pc.container && !rowState) {
    if (!state.started) {
      state.started = true;
      pc.container.endLists();
      if (dataTable) state.table = structNode('Table', pc.container.node);
      else state.layoutContainer = pc.container;
    }
    rowState = { tr: dataTable && state.table ? structNode('TR', state.table) : undefined, cells: new Map() };
    state.rows.set(r, rowState);
  }
  const tr = pc.artifact ? undefined : rowState?.tr;
  for (const c of cells) {
    const cx = x0 + c.x;
    const h = c.continued ? height : mergedHeight(c);
    if (c.cell.shading) page.items.push({ kind: 'rect', x: cx, y, w: c.width, h, fill: c.cell.shading, tag: 'artifact' });
    // Borders: the cell's own, else the table's (outer edges) or inside borders.
    const b = c.cell.props.borders;
    const lastRow = r + c.rowSpan - 1 >= rows - 1;
    const lastCol = c.x + c.width >= all[r]!.reduce((m, d) => Math.max(m, d.x + d.width), 0) - 0.01;
    const top = c.continued ? undefined : resolveBorder(b.top, r === 0 ? tb.top : tb.insideH);
    const bottom = resolveBorder(b.bottom, lastRow ? tb.bottom : tb.insideH);
    const leftB = resolveBorder(b.left, c.x <= 0.01 ? tb.left : tb.insideV);
    const rightB = resolveBorder(b.right, lastCol ? tb.right : tb.insideV);
    const continuesBelow = r + 1 < rows && all[r + 1]!.some((d) => d.continued && d.cell.col === c.cell.col);
    const line = (x1: number, y1: number, x2: number, y2: number, bd: Border): void => {
      page.items.push({
        kind: 'line',
        x1,
        y1,
        x2,
        y2,
        width: bd.width,
        color: bd.color,
        dash: bd.style === 'dotted' ? [bd.width, bd.width * 2] : bd.style === 'dashed' ? [bd.width * 3, bd.width * 2] : undefined,
        tag: 'artifact',
      });
    };
    if (top) line(cx, y, cx + c.width, y, top);
    if (bottom && !continuesBelow) line(cx, y + h, cx + c.width, y + h, bottom);
    if (leftB) line(cx, y, cx, y + h, leftB);
    if (rightB) line(cx + c.width, y, cx + c.width, y + h, rightB);
    if (c.continued) continue;
    let container: Container | undefined;
    if (!pc.artifact && pc.container && rowState) {
      const ci = cells.indexOf(c);
      if (rowState.cells.has(ci)) container = rowState.cells.get(ci);
      else {
        if (tr) {
          const cell = structNode(isHeader ? 'TH' : 'TD', tr);
          if (isHeader) cell.scope = 'Column';
          if (c.cell.props.gridSpan > 1) cell.colSpan = c.cell.props.gridSpan;
          if (c.rowSpan > 1) cell.rowSpan = c.rowSpan;
          container = new Container(cell, state.headings);
        } else container = state.layoutContainer;
        rowState.cells.set(ci, container);
      }
    }
    const inner: PlaceCtx = { ...pc, container };
    const contentH = c.contentHeight;
    const room = h - c.marginTop - c.marginBottom;
    const shift = c.cell.props.vAlign === 'center' ? Math.max(0, (room - contentH) / 2) : c.cell.props.vAlign === 'bottom' ? Math.max(0, room - contentH) : 0;
    c.frags.forEach((f, i) => f.place(inner, cx + c.marginLeft, y + c.marginTop + shift + c.tops[i]!));
  }
}
