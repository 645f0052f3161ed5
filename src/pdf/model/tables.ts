/**
 * Reads a table (w:tbl) into a table block: its properties over the table style, the grid,
 * rows and cells, with the style's conditional formatting (bands, first and last row and
 * column, corners) applied to each cell and its background worked out as the linter sees it
 * (ooxml/styles/cell-style.ts).
 */
import { child, elements, type XElement } from '../../ooxml/xml.js';
import type { ReadContext } from './context.js';
import { twips } from '../../ooxml/styles/values.js';
import { readCellProps, readRowProps, readTableProps, type CellMargins, type TableProps } from '../../ooxml/styles/table-props.js';
import { cellBackground, cellBorders, cellStyle, conditionalTypes, tableBorders, tableLook } from '../../ooxml/styles/cell-style.js';
import type { Block, CellBlock, RowBlock, TableBlock } from './types.js';

/** A table and its rows and cells, each cell's blocks read with its conditional style. */
export function readTable(ctx: ReadContext, tbl: XElement): TableBlock {
  const tblPr = child(tbl, 'w:tblPr');
  const styles = ctx.info.styles;
  const direct = readTableProps(tblPr, styles.theme);
  const style = styles.table(direct.styleId);
  const margins: CellMargins = { top: 0, left: 5.4, bottom: 0, right: 5.4, ...style.table.cellMarginsPartial, ...direct.cellMarginsPartial };
  const props: TableProps = {
    width: direct.width ?? style.table.width,
    align: direct.align ?? style.table.align ?? 'left',
    indent: direct.indent ?? style.table.indent ?? 0,
    borders: tableBorders(direct, style),
    cellMargins: margins,
    styleId: direct.styleId,
    layoutFixed: direct.layoutFixed ?? style.table.layoutFixed ?? false,
    look: tableLook(direct, style),
    shd: direct.shd,
    rowBandSize: style.table.rowBandSize ?? 1,
    colBandSize: style.table.colBandSize ?? 1,
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
      const cellProps = readCellProps(child(tc, 'w:tcPr'), styles.theme);
      const conditional = conditionalTypes(props.look, style, { row: ri, rows: rowEls.length, col: ci, cols: tcs.length });
      cellProps.borders = cellBorders(style, conditional, cellProps.borders);
      const blocks: Block[] = [];
      // Cells with the same conditional formats share their style (cell-style.ts keeps it).
      ctx.readBlocks(tc, blocks, cellStyle(style, conditional), () => undefined);
      cells.push({ props: cellProps, col, blocks, shading: cellBackground(style, conditional, cellProps.shd, props.shd, styles.theme) });
      col += cellProps.gridSpan;
    });
    return { props: rowProps, cells };
  });
  return { kind: 'table', props, grid, rows, source };
}
