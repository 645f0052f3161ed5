/**
 * Effective formatting for the accessibility rules: heading levels (from outline levels or
 * the built-in heading style names, never from style ids: Danish Word calls Heading1
 * "Overskrift1") and the colour, size and background of text, through docDefaults, paragraph
 * and character style chains and direct formatting, over the lint model's XML text. The style
 * sheet, the basedOn chain, the colours and the heading rule are ooxml/styles/'s, which the PDF
 * reads too.
 */
import { defaultParagraphStyle, defaultStyle, styleChain, type StyleDef, type StyleSheet } from '../ooxml/styles/sheet.js';
import { colorOf, highlightColor, over, shadingColor, shadingOf, type Shade } from '../ooxml/styles/colors.js';
import { StyleResolver, type TableStyle } from '../ooxml/styles/resolve.js';
import { parseXml, type XElement } from '../ooxml/xml.js';
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
  readonly defaultParagraph: string | undefined;
  private readonly defaultTable: string | undefined;
  private readonly cells = new WeakMap<CellModel, CellStyle>();
  private resolved: StyleResolver | undefined;
  private readonly parsed = new Map<string, XElement>();
  private readonly tableStyles = new Map<string, TableStyle>();

  constructor(
    private readonly sheet: StyleSheet | undefined,
    private readonly theme: Theme,
  ) {
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

  /**
   * How a run of the paragraph looks, from the properties the PDF draws with (ooxml/styles/
   * resolve.ts: document defaults, the cell's table style with its conditional formats, the
   * paragraph style chain, the character style chain, direct formatting), its colour and
   * shading resolved with the theme (colors.ts). `rPr` is a w:rPr element or its content.
   */
  look(p: ParagraphModel, rPr: string): TextLook {
    const resolver = this.resolver();
    const table = p.cell ? this.cellTableStyle(p.cell) : undefined;
    const { para, run: paraRun } = resolver.resolveParagraph(this.element(p.pPr, 'w:pPr'), table, () => undefined);
    const run = resolver.resolveRun(paraRun, this.element(rPr, 'w:rPr'));
    const highlight = run.highlight ? highlightColor(run.highlight) : undefined;
    // Under the paragraph's own shading lies its table cell's (see cellBackground).
    const background =
      highlight ?? shadingColor(run.shd, this.theme) ?? shadingColor(para.shd, this.theme) ?? (p.cell ? this.cellBackground(p.cell) : undefined);
    return { color: colorOf(run.colorRef, this.theme), size: run.size * 2, bold: run.bold, background };
  }

  /** The style resolver the PDF draws with, over the same style sheet (made when first asked). */
  private resolver(): StyleResolver {
    this.resolved ??= new StyleResolver(this.sheet ? parseXml(this.sheet.source, 'word/styles.xml') : undefined);
    return this.resolved;
  }

  /** A property element of the lint model's XML text (w:pPr, w:rPr, or a run property alone) as a tree. */
  private element(xml: string, name: 'w:pPr' | 'w:rPr'): XElement | undefined {
    if (!xml) return undefined;
    let el = this.parsed.get(xml);
    if (!el) {
      el = parseXml(xml.startsWith(`<${name}`) ? xml : `<${name}>${xml}</${name}>`, 'word/document.xml');
      this.parsed.set(xml, el);
    }
    return el;
  }

  /** The cell's table style with the conditional formats that apply to the cell layered on (as the PDF's tables.ts does). */
  private cellTableStyle(cell: CellModel): TableStyle {
    const styleId = /<w:tblStyle w:val="([^"]+)"/.exec(cell.table.tblPr)?.[1] ?? this.defaultTable;
    const types = conditionalTypes(cell, cell.table.tblPr, this.chain(styleId).reverse());
    const key = `${styleId ?? ''} ${types.join(' ')}`;
    let out = this.tableStyles.get(key);
    if (out) return out;
    const style = this.resolver().table(styleId);
    out = { ...style, para: { ...style.para }, run: { ...style.run } };
    for (const type of types) {
      const c = style.conditional.get(type);
      if (!c) continue;
      out.para = { ...out.para, ...c.para };
      out.run = { ...out.run, ...c.run, ...(c.run.font ? { font: { ...out.run.font, ...c.run.font } } : {}) };
    }
    this.tableStyles.set(key, out);
    return out;
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

  /** The shading the table style gives a cell and its table. */
  private cellStyle(cell: CellModel): CellStyle {
    const hit = this.cells.get(cell);
    if (hit) return hit;
    const out: CellStyle = { shading: undefined, tableShading: undefined };
    const tblPr = cell.table.tblPr;
    const styleId = /<w:tblStyle w:val="([^"]+)"/.exec(tblPr)?.[1] ?? this.defaultTable;
    const chain = this.chain(styleId).reverse();
    const types = conditionalTypes(cell, tblPr, chain);
    for (const s of chain) {
      const own = s.xml.replace(/<w:tblStylePr\b[\s\S]*?<\/w:tblStylePr>/g, '');
      out.tableShading = over(out.tableShading, shadingOf(/<w:tblPr>([\s\S]*?)<\/w:tblPr>/.exec(own)?.[1] ?? '', this.theme));
      out.shading = over(out.shading, shadingOf(/<w:tcPr>([\s\S]*?)<\/w:tcPr>/.exec(own)?.[1] ?? '', this.theme));
    }
    // Conditional formatting, in the order Word applies it (later wins).
    for (const type of types) {
      for (const s of chain) {
        const cond = new RegExp(`<w:tblStylePr w:type="${type}">([\\s\\S]*?)</w:tblStylePr>`).exec(s.xml)?.[1];
        if (!cond) continue;
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
