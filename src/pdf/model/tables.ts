/**
 * Reads a table (w:tbl) into a table block: its properties over the table style, the grid,
 * rows and cells, with the style's conditional formatting (header row, bands, first and last
 * row and column) applied to each cell.
 */
import { child, elements, type XElement } from '../../ooxml/xml.js';
import type { ReadContext } from './context.js';
import { twips } from '../../ooxml/styles/values.js';
import { readCellProps, readRowProps, readTableProps, type CellMargins, type TableProps } from '../../ooxml/styles/table-props.js';
import type { TableStyle } from '../../ooxml/styles/resolve.js';
import type { Block, CellBlock, RowBlock, TableBlock } from './types.js';

/** A table and its rows and cells, each cell's blocks read with its conditional style. */
export function readTable(ctx: ReadContext, tbl: XElement): TableBlock {
  const tblPr = child(tbl, 'w:tblPr');
  const direct = readTableProps(tblPr);
  const style = ctx.info.styles.table(direct.styleId);
  const margins: CellMargins = { top: 0, left: 5.4, bottom: 0, right: 5.4, ...style.table.cellMarginsPartial, ...direct.cellMarginsPartial };
  const props: TableProps = {
    width: direct.width ?? style.table.width,
    align: direct.align ?? style.table.align ?? 'left',
    indent: direct.indent ?? style.table.indent ?? 0,
    borders: { ...style.table.borders, ...direct.borders },
    cellMargins: margins,
    styleId: direct.styleId,
    layoutFixed: direct.layoutFixed ?? style.table.layoutFixed ?? false,
    look: direct.look ?? style.table.look ?? { firstRow: true, lastRow: false, firstColumn: true, lastColumn: false, noHBand: false, noVBand: true },
  };
  const grid = elements(child(tbl, 'w:tblGrid') ?? tbl)
    .filter((g) => g.name === 'w:gridCol')
    .map((g) => twips(g.attrs['w:w']) ?? 0);
  const source = ctx.where();
  const rowEls: XElement[] = [];
  const collectRows = (el: XElement): void => {
    for (const c of elements(el)) {
      if (c.name === 'w:tr') rowEls.push(c);
      else if (c.name === 'w:sdt') collectRows(child(c, 'w:sdtContent') ?? c);
      else if (c.name === 'w:customXml' || c.name === 'w:ins') collectRows(c);
    }
  };
  collectRows(tbl);
  const cellStyles = new Map<string, TableStyle>();
  const rows: RowBlock[] = rowEls.map((tr, ri) => {
    const rowProps = readRowProps(child(tr, 'w:trPr'));
    const cells: CellBlock[] = [];
    let col = 0;
    const tcs: XElement[] = [];
    const collectCells = (el: XElement): void => {
      for (const c of elements(el)) {
        if (c.name === 'w:tc') tcs.push(c);
        else if (c.name === 'w:sdt') collectCells(child(c, 'w:sdtContent') ?? c);
        else if (c.name === 'w:customXml') collectCells(c);
      }
    };
    collectCells(tr);
    const gridBefore = Number(child(child(tr, 'w:trPr') ?? tr, 'w:gridBefore')?.attrs['w:val'] ?? 0) || 0;
    col = gridBefore;
    tcs.forEach((tc, ci) => {
      const cellProps = readCellProps(child(tc, 'w:tcPr'));
      const conditional = conditionalTypes(props, ri, rowEls.length, ci, tcs.length, rowProps.header);
      // Cells with the same conditional formats share their style (and what styles.ts works
      // out from it once per style: a long table has few kinds of cell).
      const kind = conditional.join(' ');
      let cellStyle = cellStyles.get(kind);
      if (!cellStyle) {
        cellStyle = { ...style, para: { ...style.para }, run: { ...style.run } };
        for (const type of conditional) {
          const c = style.conditional.get(type);
          if (!c) continue;
          cellStyle.para = { ...cellStyle.para, ...c.para };
          cellStyle.run = { ...cellStyle.run, ...c.run, ...(c.run.font ? { font: { ...cellStyle.run.font, ...c.run.font } } : {}) };
        }
        cellStyles.set(kind, cellStyle);
      }
      let shading = style.cell?.shading;
      let borders = { ...style.cell?.borders };
      for (const type of conditional) {
        const c = style.conditional.get(type);
        if (!c) continue;
        if (c.cell?.shading) shading = c.cell.shading;
        if (c.cell) borders = { ...borders, ...c.cell.borders };
      }
      cellProps.borders = { ...borders, ...cellProps.borders };
      const blocks: Block[] = [];
      ctx.readBlocks(tc, blocks, cellStyle, () => undefined);
      cells.push({ props: cellProps, col, blocks, shading: cellProps.shading ?? shading });
      col += cellProps.gridSpan;
    });
    return { props: rowProps, cells };
  });
  return { kind: 'table', props, grid, rows, source };
}

/** The conditional formats of a table style that apply to a cell, in the order they layer. */
function conditionalTypes(t: TableProps, row: number, rows: number, col: number, cols: number, header: boolean): string[] {
  const out: string[] = [];
  const look = t.look;
  const bodyRow = row - (look.firstRow ? 1 : 0);
  if (!look.noHBand && bodyRow >= 0) out.push(bodyRow % 2 === 0 ? 'band1Horz' : 'band2Horz');
  if (!look.noVBand) out.push(col % 2 === 0 ? 'band1Vert' : 'band2Vert');
  if (look.firstColumn && col === 0) out.push('firstCol');
  if (look.lastColumn && col === cols - 1) out.push('lastCol');
  if ((look.firstRow && row === 0) || header) out.push('firstRow');
  if (look.lastRow && row === rows - 1) out.push('lastRow');
  return out;
}
