/**
 * Effective formatting for the accessibility rules: heading levels (from outline levels or
 * the built-in heading style names, never from style ids: Danish Word calls Heading1
 * "Overskrift1") and the colour, size and background of text, through docDefaults, paragraph
 * and character style chains and direct formatting, over the lint model's XML text. The style
 * sheet, the basedOn chain, the colours and the heading rule are ooxml/styles/'s, which the PDF
 * reads too.
 */
import { defaultParagraphStyle, styleChain, styleParagraph, type StyleDef, type StyleSheet } from '../ooxml/styles/sheet.js';
import { readParaProps, type ParaProps } from '../ooxml/styles/para-props.js';
import { propsElement } from '../ooxml/styles/values.js';
import { highlightColor } from '../ooxml/styles/colors.js';
import { StyleResolver, type TableStyle } from '../ooxml/styles/resolve.js';
import { cellBackground, cellBorders, cellStyle, conditionalTypes, drawsLine, tableBorders, tableLook } from '../ooxml/styles/cell-style.js';
import { readCellProps, readTableProps, type TableProps } from '../ooxml/styles/table-props.js';
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
  /** The run's language (w:lang w:val) through its styles and direct formatting, or undefined for none. */
  lang: string | undefined;
}

/** Looks a view keeps (look): far more than a repository's templates use. */
const MAX_LOOKS = 4096;

export class StyleView {
  readonly defaultParagraph: string | undefined;
  private readonly cells = new WeakMap<CellModel, CellLook>();
  private readonly tables = new WeakMap<TableModel, Partial<TableProps>>();
  private resolved: StyleResolver | undefined;
  private readonly parsed = new Map<string, XElement>();
  private readonly direct = new Map<string, Partial<ParaProps>>();
  /** Looks outside tables, by paragraph and run properties (see look). */
  private readonly looks = new Map<string, TextLook>();

  constructor(
    private readonly sheet: StyleSheet | undefined,
    private readonly theme: Theme,
  ) {
    this.defaultParagraph = sheet ? defaultParagraphStyle(sheet)?.id : undefined;
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
    const direct = this.paragraphProps(p.pPr).outlineLevel;
    if (direct !== undefined) return direct;
    for (const s of this.chain(p.styleId ?? this.defaultParagraph)) {
      const level = styleParagraph(s).outlineLevel;
      if (level !== undefined) return level;
    }
    return undefined;
  }

  /** What a paragraph's own w:pPr says (ooxml/styles/para-props.ts). */
  private paragraphProps(pPr: string): Partial<ParaProps> {
    let props = this.direct.get(pPr);
    if (!props) this.direct.set(pPr, (props = readParaProps(this.element(pPr, 'w:pPr'), this.theme)));
    return props;
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
   * How a run of the paragraph looks: the properties the PDF draws with (ooxml/styles/
   * resolve.ts: document defaults, the cell's table style with its conditional formats, the
   * paragraph style chain, the character style chain, direct formatting, colours and shading
   * resolved with the theme) and the cell's background as the PDF paints it (cell-style.ts).
   * `rPr` is a w:rPr element or its content.
   */
  look(p: ParagraphModel, rPr: string): TextLook {
    // Outside a table the look follows from the two property elements alone: a repository's
    // templates repeat a few hundred pairs (the view is shared by templates with one style
    // sheet, engine.ts), so each pair is worked out once. The looks are read only.
    if (p.cell) return this.lookOf(p, rPr);
    const key = `${p.pPr}\0${rPr}`;
    let look = this.looks.get(key);
    if (!look) {
      if (this.looks.size >= MAX_LOOKS) this.looks.clear();
      this.looks.set(key, (look = this.lookOf(p, rPr)));
    }
    return look;
  }

  private lookOf(p: ParagraphModel, rPr: string): TextLook {
    const resolver = this.resolver();
    const cell = p.cell ? this.cellOf(p.cell) : undefined;
    const { para, run: paraRun } = resolver.resolveParagraph(this.element(p.pPr, 'w:pPr'), cell?.style, () => undefined);
    const run = resolver.resolveRun(paraRun, this.element(rPr, 'w:rPr'));
    const highlight = run.highlight ? highlightColor(run.highlight) : undefined;
    // Under the paragraph's own shading lies its table cell's (see cellBackground).
    const background = highlight ?? run.shading ?? para.shading ?? (p.cell ? this.cellBackground(p.cell) : undefined);
    return { color: run.color, size: run.size * 2, bold: run.bold, background, lang: run.lang };
  }

  /** The language text has from the styles alone: the document defaults and the default paragraph style (with its basedOn chain). */
  documentLanguage(): string | undefined {
    return this.resolver().paragraph(undefined).run.lang;
  }

  /** The style resolver the PDF draws with, over the same style sheet and theme (made when first asked). */
  private resolver(): StyleResolver {
    this.resolved ??= new StyleResolver(this.sheet ? parseXml(this.sheet.source, 'word/styles.xml') : undefined, undefined, this.theme);
    return this.resolved;
  }

  /** A property element of the lint model's XML text (w:pPr, w:rPr, w:tblPr, w:tcPr, or a run property alone) as a tree. */
  private element(xml: string, name: 'w:pPr' | 'w:rPr' | 'w:tblPr' | 'w:tcPr'): XElement | undefined {
    if (!xml) return undefined;
    let el = this.parsed.get(xml);
    if (!el) {
      el = propsElement(xml, name)!;
      this.parsed.set(xml, el);
    }
    return el;
  }

  /** A table's own properties as the PDF reads them. */
  private tableOf(table: TableModel): Partial<TableProps> {
    let props = this.tables.get(table);
    if (!props) this.tables.set(table, (props = readTableProps(this.element(table.tblPr, 'w:tblPr'), this.theme)));
    return props;
  }

  /** The cell's table style with the conditional formats that apply to the cell layered on, as the PDF's tables.ts sees it (cell-style.ts). */
  private cellOf(cell: CellModel): CellLook {
    let out = this.cells.get(cell);
    if (out) return out;
    const direct = this.tableOf(cell.table);
    const table = this.resolver().table(direct.styleId);
    const place = { row: cell.row, rows: cell.table.rows.length, col: cell.col, cols: cell.table.rows[cell.row]?.cells.length ?? 1 };
    const types = conditionalTypes(tableLook(direct, table), table, place);
    out = { table, types, style: cellStyle(table, types) };
    this.cells.set(cell, out);
    return out;
  }

  /**
   * Whether a table shows any border, as the PDF draws it (cell-style.ts): its own borders over
   * its table style's, or a cell's borders (the style's, its conditional formats' for the cell,
   * the cell's own). A table without any is a layout table.
   */
  tableHasBorders(table: TableModel): boolean {
    const direct = this.tableOf(table);
    const style = this.resolver().table(direct.styleId);
    if (drawsLine(tableBorders(direct, style))) return true;
    return table.rows.some((r) =>
      r.cells.some((c) => drawsLine(cellBorders(style, this.cellOf(c).types, readCellProps(this.element(c.tcPr, 'w:tcPr'), this.theme).borders))),
    );
  }

  /**
   * The background of a cell as the PDF paints it (cell-style.ts cellBackground: its own
   * shading, else the table style's with its conditional formats, else the table's), else the
   * cell around a nested table.
   */
  cellBackground(cell: CellModel): string | undefined {
    const { table, types } = this.cellOf(cell);
    const own = readCellProps(this.element(cell.tcPr, 'w:tcPr'), this.theme).shd;
    const background = cellBackground(table, types, own, this.tableOf(cell.table).shd, this.theme);
    if (background) return background;
    return cell.table.outer ? this.cellBackground(cell.table.outer) : undefined;
  }
}

interface CellLook {
  /** The table's style, the conditional formats that apply to the cell, and the style as the cell sees it. */
  table: TableStyle;
  types: string[];
  style: TableStyle;
}
