/**
 * What a table style gives one cell (ECMA-376 17.7.6): which of its conditional formats apply
 * (firstRow, band1Horz, ..., by the table's w:tblLook and the cell's place), the style as the
 * cell's paragraphs and runs see it with those formats layered on, and the cell's background.
 * The PDF draws with it (pdf/model/tables.ts) and the linter judges contrast with it
 * (lint/styles.ts), so both see the same cell.
 */
import { over, shadingColor, type Shade } from './colors.js';
import type { TableStyle } from './resolve.js';
import type { TableBorders, TableLook, TableProps } from './table-props.js';
import type { Theme } from './theme.js';
import type { ShadingRef } from './values.js';

/** Without a w:tblLook anywhere, banding applies and the first and last rows and columns do not (17.4.56). */
export const DEFAULT_LOOK: TableLook = { firstRow: false, lastRow: false, firstColumn: false, lastColumn: false, noHBand: false, noVBand: false };

/** The look a table shows: its own w:tblLook, else its table style's, else the default. */
export function tableLook(direct: Partial<TableProps>, style: TableStyle): TableLook {
  return direct.look ?? style.table.look ?? DEFAULT_LOOK;
}

/** Where a cell stands: its row among the table's rows, its column among its row's cells (0-based). */
export interface CellPlace {
  row: number;
  rows: number;
  col: number;
  cols: number;
}

/**
 * The conditional formats that apply to a cell, in the order Word layers them: banding (band
 * sizes from the style, first and last rows and columns left out of it), then first/last
 * column, first/last row, then the corner cells.
 */
export function conditionalTypes(look: TableLook, style: TableStyle, place: CellPlace): string[] {
  const rowBand = style.table.rowBandSize ?? 1;
  const colBand = style.table.colBandSize ?? 1;
  const isFirstRow = look.firstRow && place.row === 0;
  const isLastRow = look.lastRow && place.row === place.rows - 1;
  const isFirstCol = look.firstColumn && place.col === 0;
  const isLastCol = look.lastColumn && place.col === place.cols - 1;
  const out: string[] = [];
  if (!look.noVBand && !isFirstCol && !isLastCol)
    out.push(Math.floor((place.col - (look.firstColumn ? 1 : 0)) / colBand) % 2 === 0 ? 'band1Vert' : 'band2Vert');
  if (!look.noHBand && !isFirstRow && !isLastRow) out.push(Math.floor((place.row - (look.firstRow ? 1 : 0)) / rowBand) % 2 === 0 ? 'band1Horz' : 'band2Horz');
  if (isFirstCol) out.push('firstCol');
  if (isLastCol) out.push('lastCol');
  if (isFirstRow) out.push('firstRow');
  if (isLastRow) out.push('lastRow');
  if (isFirstRow && isFirstCol) out.push('nwCell');
  if (isFirstRow && isLastCol) out.push('neCell');
  if (isLastRow && isFirstCol) out.push('swCell');
  if (isLastRow && isLastCol) out.push('seCell');
  return out;
}

/**
 * The table style as a cell with these conditional formats sees it: their paragraph and run
 * properties layered over the style's, in order. Made once per kind of cell (a long table has
 * few) and kept in the style.
 */
export function cellStyle(style: TableStyle, types: readonly string[]): TableStyle {
  const key = types.join(' ');
  let out = style.cells.get(key);
  if (out) return out;
  out = { ...style, para: { ...style.para }, run: { ...style.run } };
  for (const type of types) {
    const c = style.conditional.get(type);
    if (!c) continue;
    out.para = { ...out.para, ...c.para };
    out.run = { ...out.run, ...c.run, ...(c.run.font ? { font: { ...out.run.font, ...c.run.font } } : {}) };
  }
  style.cells.set(key, out);
  return out;
}

/**
 * A cell's background: its own shading (an explicit "no colour" too stops the table style's),
 * else the table style's cell shading with the conditional formats' over it, else the table's
 * own shading over the style's table shading. Undefined when none paints: the page, or the
 * cell around a nested table, shows through.
 */
export function cellBackground(
  style: TableStyle,
  types: readonly string[],
  cellShd: ShadingRef | undefined,
  tableShd: ShadingRef | undefined,
  theme: Theme,
): string | undefined {
  const own = shadingColor(cellShd, theme);
  let shade: Shade = own;
  if (own === undefined) {
    shade = style.cellShading;
    for (const type of types) shade = over(shade, style.conditional.get(type)?.shading);
  }
  if (shade) return shade;
  return over(style.tableShading, shadingColor(tableShd, theme)) ?? undefined;
}

/** A table's borders: its own w:tblBorders side by side over its table style's (17.4.38). */
export function tableBorders(direct: Partial<TableProps>, style: TableStyle): TableBorders {
  return { ...style.table.borders, ...direct.borders };
}

/**
 * A cell's borders: the table style's cell borders, the conditional formats' that apply over
 * them in order, the cell's own w:tcBorders over all (17.4.66). The PDF draws them against the
 * table's borders; the linter asks whether a table has any line at all.
 */
export function cellBorders(style: TableStyle, types: readonly string[], own: TableBorders): TableBorders {
  let borders: TableBorders = { ...style.cell?.borders };
  for (const type of types) {
    const c = style.conditional.get(type);
    if (c?.cell) borders = { ...borders, ...c.cell.borders };
  }
  return { ...borders, ...own };
}

/** Whether any of these borders draws a line (not none or nil). */
export function drawsLine(borders: TableBorders): boolean {
  return Object.values(borders).some((b) => b !== undefined && b.width > 0);
}
