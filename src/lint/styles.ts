/**
 * Effective formatting for the accessibility rules: heading levels (from outline levels or
 * the built-in heading style names, never from style ids: Danish Word calls Heading1
 * "Overskrift1") and the colour, size and background of text, through docDefaults, paragraph
 * and character style chains and direct formatting, over the lint model's XML text. The style
 * sheet, the basedOn chain, the colours and the heading rule are ooxml/styles/'s, which the PDF
 * reads too.
 */
import { defaultParagraphStyle, defaultStyle, styleChain, type StyleDef, type StyleSheet } from '../ooxml/styles/sheet.js';
import { highlightColor, over, resolveColor, shadingOf, type Shade } from '../ooxml/styles/colors.js';
import { headingLevel } from '../ooxml/styles/headings.js';
import type { Theme } from '../ooxml/styles/theme.js';
import type { CellModel, ParagraphModel, TableModel } from './model.js';

export interface TextLook {
  /** RGB, or undefined for automatic (black on light). */
  color: string | undefined;
  /** Half-points. */
  size: number;
  bold: boolean;
  /** Background RGB (highlight, run shading, paragraph shading), or undefined (white). */
  background: string | undefined;
}

export class StyleView {
  private readonly defaults: string;
  readonly defaultParagraph: string | undefined;
  private readonly defaultTable: string | undefined;
  private readonly cells = new WeakMap<CellModel, CellStyle>();

  constructor(
    private readonly sheet: StyleSheet | undefined,
    private readonly theme: Theme,
  ) {
    this.defaults = sheet?.docDefaults ?? '';
    this.defaultParagraph = sheet ? defaultParagraphStyle(sheet)?.id : undefined;
    this.defaultTable = sheet ? defaultStyle(sheet, 'table')?.id : undefined;
  }

  /** The style and its basedOn ancestors, nearest first. */
  chain(id: string | undefined): StyleDef[] {
    return styleChain(this.sheet, id);
  }

  name(id: string | undefined): string | undefined {
    return id ? this.sheet?.styles.get(id)?.name : undefined;
  }

  /** Outline level 0-8 from direct formatting or the style chain (9 = body text). */
  outlineLevel(p: ParagraphModel): number | undefined {
    const direct = /<w:outlineLvl w:val="(\d)"/.exec(p.pPr)?.[1];
    if (direct !== undefined) return Number(direct);
    for (const s of this.chain(p.styleId ?? this.defaultParagraph)) {
      const lvl = /<w:pPr>[\s\S]*?<w:outlineLvl w:val="(\d)"/.exec(s.xml)?.[1];
      if (lvl !== undefined) return Number(lvl);
    }
    return undefined;
  }

  /** Built-in heading level (1-9) from the style names in the chain (`heading 2`). */
  builtinHeading(styleId: string | undefined): number | undefined {
    return headingLevel(
      undefined,
      this.chain(styleId).map((s) => s.name),
    );
  }

  /** A paragraph's heading level (1-9), or undefined for body text (ooxml/styles/headings.ts). */
  headingLevel(p: ParagraphModel): number | undefined {
    return headingLevel(
      this.outlineLevel(p),
      this.chain(p.styleId).map((s) => s.name),
    );
  }

  look(p: ParagraphModel, rPr: string): TextLook {
    const table = p.cell ? this.cellStyle(p.cell) : undefined;
    // Word's order: document defaults, table style, paragraph style, character style, direct.
    const layers: string[] = [rPrOf(this.defaults), ...(table?.rPr ?? [])];
    for (const s of this.chain(p.styleId ?? this.defaultParagraph).reverse()) layers.push(rPrOf(s.xml));
    const rStyle = /<w:rStyle w:val="([^"]+)"/.exec(rPr)?.[1];
    for (const s of this.chain(rStyle).reverse()) layers.push(rPrOf(s.xml));
    layers.push(rPr);
    const look: TextLook = { color: undefined, size: 20, bold: false, background: undefined };
    let paragraphFill: Shade = undefined;
    for (const s of this.chain(p.styleId ?? this.defaultParagraph).reverse()) paragraphFill = over(paragraphFill, shadingOf(pPrOf(s.xml), this.theme));
    paragraphFill = over(paragraphFill, shadingOf(p.pPr.replace(/<w:rPr>[\s\S]*?<\/w:rPr>/, ''), this.theme));
    let runFill: Shade = undefined;
    let highlight: string | undefined;
    for (const layer of layers) {
      const color = /<w:color\b([^>]*)\/>/.exec(layer)?.[1];
      if (color !== undefined) {
        const val = /w:val="([^"]+)"/.exec(color)?.[1];
        look.color =
          val === 'auto'
            ? undefined
            : resolveColor(
                this.theme,
                val,
                /w:themeColor="([^"]+)"/.exec(color)?.[1],
                /w:themeTint="([^"]+)"/.exec(color)?.[1],
                /w:themeShade="([^"]+)"/.exec(color)?.[1],
              );
      }
      const sz = /<w:sz w:val="(\d+)"/.exec(layer)?.[1];
      if (sz) look.size = Number(sz);
      const b = /<w:b(?:\s+w:val="([^"]*)")?\s*\/>/.exec(layer);
      if (b) look.bold = b[1] === undefined || (b[1] !== '0' && b[1] !== 'false' && b[1] !== 'off');
      runFill = over(runFill, shadingOf(layer, this.theme));
      const hl = /<w:highlight w:val="([^"]+)"/.exec(layer)?.[1];
      if (hl) highlight = highlightColor(hl);
    }
    // Under the paragraph's own shading lies its table cell's (see cellBackground).
    look.background = highlight ?? runFill ?? paragraphFill ?? (p.cell ? this.cellBackground(p.cell) : undefined);
    return look;
  }

  /**
   * Whether a table shows any border: its own borders (w:tblBorders, side by side over the
   * table style's), its cells' borders, or borders from its table style (conditional formats
   * included). A table without any is a layout table.
   */
  tableHasBorders(table: TableModel): boolean {
    const sides = new Map<string, boolean>();
    const styleId = /<w:tblStyle w:val="([^"]+)"/.exec(table.tblPr)?.[1] ?? this.defaultTable;
    for (const s of this.chain(styleId).reverse()) {
      const own = s.xml.replace(/<w:tblStylePr\b[\s\S]*?<\/w:tblStylePr>/g, '');
      for (const [side, visible] of borderSides(own, 'tblBorders')) sides.set(side, visible);
      // Borders a table style gives cells (whole table or a conditional part) are seen as such.
      if ([...borderSides(s.xml, 'tcBorders')].some(([, visible]) => visible)) return true;
      for (const cond of s.xml.match(/<w:tblStylePr\b[\s\S]*?<\/w:tblStylePr>/g) ?? []) {
        if ([...borderSides(cond, 'tblBorders')].some(([, visible]) => visible)) return true;
      }
    }
    for (const [side, visible] of borderSides(table.tblPr, 'tblBorders')) sides.set(side, visible);
    if ([...sides.values()].some(Boolean)) return true;
    return table.rows.some((r) => r.cells.some((c) => [...borderSides(c.tcPr, 'tcBorders')].some(([, visible]) => visible)));
  }

  /** What the table style gives a cell: character formatting layers and shading. */
  private cellStyle(cell: CellModel): CellStyle {
    const hit = this.cells.get(cell);
    if (hit) return hit;
    const out: CellStyle = { rPr: [], shading: undefined, tableShading: undefined };
    const tblPr = cell.table.tblPr;
    const styleId = /<w:tblStyle w:val="([^"]+)"/.exec(tblPr)?.[1] ?? this.defaultTable;
    const chain = this.chain(styleId).reverse();
    const types = conditionalTypes(cell, tblPr, chain);
    for (const s of chain) {
      const own = s.xml.replace(/<w:tblStylePr\b[\s\S]*?<\/w:tblStylePr>/g, '');
      out.rPr.push(rPrOf(own));
      out.tableShading = over(out.tableShading, shadingOf(/<w:tblPr>([\s\S]*?)<\/w:tblPr>/.exec(own)?.[1] ?? '', this.theme));
      out.shading = over(out.shading, shadingOf(/<w:tcPr>([\s\S]*?)<\/w:tcPr>/.exec(own)?.[1] ?? '', this.theme));
    }
    // Conditional formatting, in the order Word applies it (later wins).
    for (const type of types) {
      for (const s of chain) {
        const cond = new RegExp(`<w:tblStylePr w:type="${type}">([\\s\\S]*?)</w:tblStylePr>`).exec(s.xml)?.[1];
        if (!cond) continue;
        out.rPr.push(rPrOf(cond));
        out.shading = over(out.shading, shadingOf(/<w:tcPr>([\s\S]*?)<\/w:tcPr>/.exec(cond)?.[1] ?? '', this.theme));
      }
    }
    this.cells.set(cell, out);
    return out;
  }

  /**
   * The background of a cell: its own shading, else the table style's (conditional formatting
   * included), else the table's shading, else the cell around a nested table. An explicit "no
   * colour" in the cell stops the table style's shading.
   */
  cellBackground(cell: CellModel): string | undefined {
    const style = this.cellStyle(cell);
    const own = shadingOf(cell.tcPr, this.theme);
    const cellFill = own !== undefined ? own : style.shading;
    if (cellFill) return cellFill;
    const tableFill = over(style.tableShading, shadingOf(cell.table.tblPr, this.theme));
    if (tableFill) return tableFill;
    return cell.table.outer ? this.cellBackground(cell.table.outer) : undefined;
  }
}

interface CellStyle {
  /** Character formatting of the table style: whole table, then the conditional parts. */
  rPr: string[];
  shading: Shade;
  tableShading: Shade;
}

/** The table-style conditional formats that apply to a cell, in the order Word applies them:
 * banding, then first/last column, first/last row, then the corner cells. tblLook turns them
 * on (attributes, or the older hexadecimal w:val). */
function conditionalTypes(cell: CellModel, tblPr: string, chain: StyleDef[]): string[] {
  const look = /<w:tblLook\b([^>]*)\/>/.exec(tblPr)?.[1] ?? '';
  const bits = parseInt(/w:val="([0-9A-Fa-f]+)"/.exec(look)?.[1] ?? '0', 16);
  const flag = (name: string, bit: number): boolean => {
    const v = new RegExp(`w:${name}="([^"]*)"`).exec(look)?.[1];
    return v !== undefined ? v === '1' || v === 'true' || v === 'on' : (bits & bit) !== 0;
  };
  const firstRow = flag('firstRow', 0x20);
  const lastRow = flag('lastRow', 0x40);
  const firstCol = flag('firstColumn', 0x80);
  const lastCol = flag('lastColumn', 0x100);
  const hBand = !flag('noHBand', 0x200);
  const vBand = !flag('noVBand', 0x400);
  const size = (name: string): number => {
    for (const s of chain) {
      const v = new RegExp(`<w:${name} w:val="(\\d+)"`).exec(s.xml)?.[1];
      if (v) return Math.max(1, Number(v));
    }
    return 1;
  };
  const rows = cell.table.rows.length;
  const cols = cell.table.rows[cell.row]?.cells.length ?? 1;
  const isFirstRow = firstRow && cell.row === 0;
  const isLastRow = lastRow && cell.row === rows - 1;
  const isFirstCol = firstCol && cell.col === 0;
  const isLastCol = lastCol && cell.col === cols - 1;
  const out: string[] = [];
  if (vBand && !isFirstCol && !isLastCol)
    out.push(Math.floor((cell.col - (firstCol ? 1 : 0)) / size('tblStyleColBandSize')) % 2 === 0 ? 'band1Vert' : 'band2Vert');
  if (hBand && !isFirstRow && !isLastRow)
    out.push(Math.floor((cell.row - (firstRow ? 1 : 0)) / size('tblStyleRowBandSize')) % 2 === 0 ? 'band1Horz' : 'band2Horz');
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

/** The sides of a w:tblBorders or w:tcBorders element, each visible or not (nil, none). */
function borderSides(xml: string, element: 'tblBorders' | 'tcBorders'): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  for (const block of xml.match(new RegExp(`<w:${element}>[\\s\\S]*?</w:${element}>`, 'g')) ?? []) {
    for (const m of block.matchAll(/<w:(top|left|start|bottom|right|end|insideH|insideV|tl2br|tr2bl)\b([^>]*)\/>/g)) {
      const val = /w:val="([^"]+)"/.exec(m[2]!)?.[1] ?? 'nil';
      const size = /w:sz="(\d+)"/.exec(m[2]!)?.[1];
      out.push([m[1]!, val !== 'nil' && val !== 'none' && size !== '0']);
    }
  }
  return out;
}

function rPrOf(xml: string): string {
  return /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(xml)?.[1] ?? '';
}

function pPrOf(xml: string): string {
  return /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
}
