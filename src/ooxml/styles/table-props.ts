/**
 * Table, row and cell properties (w:tblPr, w:trPr, w:tcPr): widths, alignment, borders,
 * cell margins, layout, the table look, row heights and header rows, spans and merges.
 */
import { elements, type XElement } from '../xml.js';
import { border } from './borders.js';
import { num, shadingRef, toggle, twips, type Border, type ShadingRef } from './values.js';
import { shadingColor } from './colors.js';
import { NO_THEME, type Theme } from './theme.js';

export interface CellMargins {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface TableBorders {
  top?: Border;
  left?: Border;
  bottom?: Border;
  right?: Border;
  insideH?: Border;
  insideV?: Border;
}

export interface TableProps {
  width: { value: number; type: 'dxa' | 'pct' | 'auto' } | undefined;
  align: 'left' | 'center' | 'right';
  indent: number;
  borders: TableBorders;
  cellMargins: CellMargins;
  styleId: string | undefined;
  layoutFixed: boolean;
  look: TableLook;
  /** The table's own w:shd (the background under cells without shading; cell-style.ts). */
  shd: ShadingRef | undefined;
  /** Rows and columns in a band of the table style's banding (w:tblStyleRowBandSize, w:tblStyleColBandSize). */
  rowBandSize: number;
  colBandSize: number;
}

/** Which of the table style's conditional formats the table shows (w:tblLook). */
export interface TableLook {
  firstRow: boolean;
  lastRow: boolean;
  firstColumn: boolean;
  lastColumn: boolean;
  noHBand: boolean;
  noVBand: boolean;
}

export interface CellProps {
  width: number | undefined;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | undefined;
  borders: TableBorders;
  /** RGB hex the cell's own w:shd paints (theme resolved), or undefined for none. */
  shading: string | undefined;
  /** The cell's own w:shd as written ("no colour" said explicitly stops the table style's; cell-style.ts). */
  shd: ShadingRef | undefined;
  margins: Partial<CellMargins>;
  vAlign: 'top' | 'center' | 'bottom';
}

export interface RowProps {
  height: number | undefined;
  heightRule: 'auto' | 'atLeast' | 'exact';
  cantSplit: boolean;
  header: boolean;
}

function readBorders(el: XElement | undefined, theme: Theme): TableBorders {
  const out: TableBorders = {};
  if (!el) return out;
  for (const b of elements(el)) {
    const name = b.name.slice(2);
    const key = name === 'start' ? 'left' : name === 'end' ? 'right' : name;
    if (key === 'top' || key === 'left' || key === 'bottom' || key === 'right' || key === 'insideH' || key === 'insideV') {
      const v = border(b, theme);
      if (v) out[key] = v;
    }
  }
  return out;
}

function readMargins(el: XElement | undefined): Partial<CellMargins> {
  const out: Partial<CellMargins> = {};
  if (!el) return out;
  for (const m of elements(el)) {
    const name = m.name.slice(2);
    const key = name === 'start' ? 'left' : name === 'end' ? 'right' : name;
    const v = twips(m.attrs['w:w']);
    if (v === undefined || m.attrs['w:type'] === 'pct') continue;
    if (key === 'top' || key === 'left' || key === 'bottom' || key === 'right') out[key] = v;
  }
  return out;
}

export function readTableProps(tblPr: XElement | undefined, theme: Theme = NO_THEME): Partial<TableProps> & { cellMarginsPartial?: Partial<CellMargins> } {
  const out: Partial<TableProps> & { cellMarginsPartial?: Partial<CellMargins> } = {};
  if (!tblPr) return out;
  for (const el of elements(tblPr)) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:tblStyle':
        out.styleId = a['w:val'];
        break;
      case 'w:tblW': {
        const type = (a['w:type'] ?? 'dxa') as 'dxa' | 'pct' | 'auto';
        const w = num(a['w:w']) ?? 0;
        out.width =
          type === 'pct'
            ? { value: String(a['w:w']).endsWith('%') ? parseFloat(a['w:w']!) : w / 50, type }
            : type === 'auto' || w === 0
              ? { value: 0, type: 'auto' }
              : { value: w / 20, type: 'dxa' };
        break;
      }
      case 'w:jc':
        out.align = a['w:val'] === 'center' ? 'center' : a['w:val'] === 'right' || a['w:val'] === 'end' ? 'right' : 'left';
        break;
      case 'w:tblInd':
        out.indent = twips(a['w:w']) ?? 0;
        break;
      case 'w:tblBorders':
        out.borders = readBorders(el, theme);
        break;
      case 'w:tblCellMar':
        out.cellMarginsPartial = readMargins(el);
        break;
      case 'w:tblLayout':
        out.layoutFixed = a['w:type'] === 'fixed';
        break;
      case 'w:shd':
        out.shd = shadingRef(el);
        break;
      case 'w:tblStyleRowBandSize':
      case 'w:tblStyleColBandSize': {
        const v = num(a['w:val']);
        if (v !== undefined) out[el.name === 'w:tblStyleRowBandSize' ? 'rowBandSize' : 'colBandSize'] = Math.max(1, v);
        break;
      }
      case 'w:tblLook': {
        const flag = (name: string, bit: number): boolean => {
          if (a[name] !== undefined) return a[name] === '1' || a[name] === 'true';
          const v = parseInt(a['w:val'] ?? '0', 16);
          return (v & bit) !== 0;
        };
        out.look = {
          firstRow: flag('w:firstRow', 0x20),
          lastRow: flag('w:lastRow', 0x40),
          firstColumn: flag('w:firstColumn', 0x80),
          lastColumn: flag('w:lastColumn', 0x100),
          noHBand: flag('w:noHBand', 0x200),
          noVBand: flag('w:noVBand', 0x400),
        };
        break;
      }
    }
  }
  return out;
}

export function readRowProps(trPr: XElement | undefined): RowProps {
  const out: RowProps = { height: undefined, heightRule: 'atLeast', cantSplit: false, header: false };
  if (!trPr) return out;
  for (const el of elements(trPr)) {
    if (el.name === 'w:trHeight') {
      out.height = twips(el.attrs['w:val']);
      out.heightRule = el.attrs['w:hRule'] === 'exact' ? 'exact' : el.attrs['w:hRule'] === 'auto' ? 'auto' : 'atLeast';
    } else if (el.name === 'w:cantSplit') out.cantSplit = toggle(el);
    else if (el.name === 'w:tblHeader') out.header = toggle(el);
  }
  return out;
}

/** The properties a w:tcPr sets, its shading resolved with the document's theme. */
export function readCellProps(tcPr: XElement | undefined, theme: Theme = NO_THEME): CellProps {
  const out: CellProps = { width: undefined, gridSpan: 1, vMerge: undefined, borders: {}, shading: undefined, shd: undefined, margins: {}, vAlign: 'top' };
  if (!tcPr) return out;
  for (const el of elements(tcPr)) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:tcW':
        if ((a['w:type'] ?? 'dxa') === 'dxa') out.width = twips(a['w:w']);
        break;
      case 'w:gridSpan':
        out.gridSpan = Math.max(1, num(a['w:val']) ?? 1);
        break;
      case 'w:vMerge':
        out.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:tcBorders':
        out.borders = readBorders(el, theme);
        break;
      case 'w:shd':
        out.shd = shadingRef(el);
        out.shading = shadingColor(out.shd, theme) ?? undefined;
        break;
      case 'w:tcMar':
        out.margins = readMargins(el);
        break;
      case 'w:vAlign':
        out.vAlign = a['w:val'] === 'center' ? 'center' : a['w:val'] === 'bottom' ? 'bottom' : 'top';
        break;
    }
  }
  return out;
}
