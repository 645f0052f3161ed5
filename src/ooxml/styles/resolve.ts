/**
 * Style resolution over the element tree (ECMA-376 17.7.2): document defaults, then the table
 * style, the paragraph style chain (basedOn), the character style chain, then direct
 * formatting, into the typed properties the PDF lays out and the linter judges, colours
 * resolved with the document's theme. Resolved chains are cached: a letter's paragraphs share a
 * handful of styles.
 */
import { elements, type XElement } from '../xml.js';
import { DEFAULT_PARA, mergePara, readParaProps, type ParaProps } from './para-props.js';
import { DEFAULT_RUN, mergeRun, readRunProps, type RunProps } from './run-props.js';
import { readCellProps, readTableProps, type CellMargins, type CellProps, type TableBorders, type TableProps } from './table-props.js';
import { headingLevel } from './headings.js';
import { NO_THEME, type Theme, type ThemeFonts } from './theme.js';
import { over, shadingColor, type Shade } from './colors.js';

interface RawStyle {
  id: string;
  type: string;
  name: string;
  basedOn: string | undefined;
  isDefault: boolean;
  pPr: XElement | undefined;
  rPr: XElement | undefined;
  tblPr: XElement | undefined;
  tcPr: XElement | undefined;
  /** Table style conditional formatting (firstRow, lastRow, band1Horz...). */
  conditional: Map<string, { pPr?: XElement; rPr?: XElement; tcPr?: XElement }>;
}

export interface TableStyle {
  table: Partial<TableProps> & { cellMarginsPartial?: Partial<CellMargins> };
  para: Partial<ParaProps>;
  run: Partial<RunProps>;
  cell: CellProps | undefined;
  /** What the style's w:tcPr shading paints in every cell, and its w:tblPr shading under the table (over the basedOn chain). */
  cellShading: Shade;
  tableShading: Shade;
  /** The conditional formats by type (firstRow, band1Horz...), each merged over the basedOn chain. */
  conditional: Map<string, ConditionalFormat>;
  /** The style as a cell with these conditional formats sees it (cell-style.ts cellStyle), by their types joined. */
  readonly cells: Map<string, TableStyle>;
}

export interface ConditionalFormat {
  para: Partial<ParaProps>;
  run: Partial<RunProps>;
  cell: CellProps | undefined;
  shading: Shade;
}

const child = (el: XElement, name: string): XElement | undefined => elements(el).find((c) => c.name === name);

/** The paragraph style a w:pPr names (its own w:pStyle, not one in a tracked change). */
export function paragraphStyleId(pPr: XElement | undefined): string | undefined {
  return pPr ? child(pPr, 'w:pStyle')?.attrs['w:val'] : undefined;
}

export class StyleResolver {
  private readonly styles = new Map<string, RawStyle>();
  readonly docRun: RunProps;
  readonly docPara: ParaProps;
  readonly defaultParagraphStyle: string | undefined;
  readonly defaultTableStyle: string | undefined;
  private readonly paraCache = new Map<string, { para: ParaProps; run: RunProps }>();
  /** The same inside tables, per cell style (readTable shares one between the cells it suits). */
  private readonly tableParaCache = new WeakMap<TableStyle, Map<string, { para: ParaProps; run: RunProps }>>();
  private readonly charCache = new Map<string, Partial<RunProps>>();
  private readonly tableCache = new Map<string, TableStyle>();
  private readonly headingCache = new Map<string, number | undefined>();

  constructor(
    stylesRoot: XElement | undefined,
    readonly themeFonts: ThemeFonts = { major: undefined, minor: undefined },
    /** The theme's colours: every colour and shading read here is resolved with them. */
    readonly theme: Theme = NO_THEME,
  ) {
    let docRun: Partial<RunProps> = {};
    let docPara: Partial<ParaProps> = {};
    let defaultPara: string | undefined;
    let defaultTable: string | undefined;
    for (const el of stylesRoot ? elements(stylesRoot) : []) {
      if (el.name === 'w:docDefaults') {
        const rPrDefault = child(el, 'w:rPrDefault');
        const pPrDefault = child(el, 'w:pPrDefault');
        docRun = readRunProps(rPrDefault ? child(rPrDefault, 'w:rPr') : undefined, theme);
        docPara = readParaProps(pPrDefault ? child(pPrDefault, 'w:pPr') : undefined, theme);
      } else if (el.name === 'w:style') {
        const id = el.attrs['w:styleId'];
        if (!id) continue;
        const val = (name: string): string | undefined => child(el, name)?.attrs['w:val'];
        const conditional = new Map<string, { pPr?: XElement; rPr?: XElement; tcPr?: XElement }>();
        for (const c of elements(el)) {
          if (c.name !== 'w:tblStylePr' || !c.attrs['w:type']) continue;
          const entry: { pPr?: XElement; rPr?: XElement; tcPr?: XElement } = {};
          const pPr = child(c, 'w:pPr');
          const rPr = child(c, 'w:rPr');
          const tcPr = child(c, 'w:tcPr');
          if (pPr) entry.pPr = pPr;
          if (rPr) entry.rPr = rPr;
          if (tcPr) entry.tcPr = tcPr;
          conditional.set(c.attrs['w:type'], entry);
        }
        const style: RawStyle = {
          id,
          type: el.attrs['w:type'] ?? 'paragraph',
          name: val('w:name') ?? id,
          basedOn: val('w:basedOn'),
          isDefault: el.attrs['w:default'] === '1' || el.attrs['w:default'] === 'true',
          pPr: child(el, 'w:pPr'),
          rPr: child(el, 'w:rPr'),
          tblPr: child(el, 'w:tblPr'),
          tcPr: child(el, 'w:tcPr'),
          conditional,
        };
        this.styles.set(id, style);
        if (style.isDefault && style.type === 'paragraph') defaultPara = id;
        if (style.isDefault && style.type === 'table') defaultTable = id;
      }
    }
    this.docRun = mergeRun(DEFAULT_RUN, docRun);
    this.docPara = mergePara(DEFAULT_PARA, docPara);
    this.defaultParagraphStyle = defaultPara ?? (this.styles.has('Normal') ? 'Normal' : undefined);
    this.defaultTableStyle = defaultTable;
  }

  /** The style and its ancestors, root first (cycles cut). */
  private chain(id: string | undefined, type: string): RawStyle[] {
    const out: RawStyle[] = [];
    const seen = new Set<string>();
    for (let s = id ? this.styles.get(id) : undefined; s && !seen.has(s.id) && s.type === type; s = s.basedOn ? this.styles.get(s.basedOn) : undefined) {
      seen.add(s.id);
      out.unshift(s);
    }
    return out;
  }

  styleName(id: string | undefined): string | undefined {
    return id ? this.styles.get(id)?.name : undefined;
  }

  /** A paragraph's heading level (1-9) from its resolved outline level and its style chain (headings.ts). */
  headingLevel(styleId: string | undefined, outline: number | undefined): number | undefined {
    if (outline !== undefined) return headingLevel(outline, []);
    const key = styleId ?? '';
    if (this.headingCache.has(key)) return this.headingCache.get(key);
    const level = headingLevel(
      undefined,
      this.chain(styleId, 'paragraph')
        .map((s) => s.name)
        .reverse(),
    );
    this.headingCache.set(key, level);
    return level;
  }

  /** Paragraph and run properties of a paragraph style (on top of the document defaults and a table style). */
  paragraph(styleId: string | undefined, table?: TableStyle): { para: ParaProps; run: RunProps } {
    const id = styleId && this.styles.get(styleId)?.type === 'paragraph' ? styleId : this.defaultParagraphStyle;
    const key = id ?? '';
    let cache = this.paraCache;
    if (table) {
      let byTable = this.tableParaCache.get(table);
      if (!byTable) this.tableParaCache.set(table, (byTable = new Map()));
      cache = byTable;
    }
    let base = cache.get(key);
    if (base) return base;
    let para = this.docPara;
    let run = this.docRun;
    if (table) {
      para = mergePara(para, table.para);
      run = mergeRun(run, table.run);
    }
    for (const s of this.chain(id, 'paragraph')) {
      para = mergePara(para, readParaProps(s.pPr, this.theme));
      run = mergeRun(run, readRunProps(s.rPr, this.theme));
    }
    base = { para, run };
    cache.set(key, base);
    return base;
  }

  /**
   * A paragraph's properties in the order they apply: document defaults, table style and the
   * paragraph style chain (paragraph()), then the numbering level the paragraph is in (its numId
   * and ilvl said directly or by its style; `levelOf` finds it), then direct formatting. `run`
   * is what its runs start from.
   */
  resolveParagraph<L extends { para: Partial<ParaProps> }>(
    pPr: XElement | undefined,
    table: TableStyle | undefined,
    levelOf: (numId: ParaProps['numId'], ilvl: ParaProps['ilvl']) => L | undefined,
  ): { styleId: string | undefined; para: ParaProps; run: RunProps; numId: ParaProps['numId']; ilvl: ParaProps['ilvl']; level: L | undefined } {
    const styleId = paragraphStyleId(pPr);
    const base = this.paragraph(styleId, table);
    const direct = readParaProps(pPr, this.theme);
    const numId = direct.numId ?? base.para.numId;
    const ilvl = direct.ilvl ?? base.para.ilvl;
    const level = levelOf(numId, ilvl);
    let para = base.para;
    if (level) para = mergePara(para, level.para);
    para = mergePara(para, direct);
    return { styleId, para, run: base.run, numId, ilvl, level };
  }

  /** A run's properties: its paragraph's (paragraph()), then its character style chain, then direct formatting. */
  resolveRun(paraRun: RunProps, rPr: XElement | undefined): RunProps {
    if (!rPr) return paraRun;
    const rStyle = child(rPr, 'w:rStyle')?.attrs['w:val'];
    let run = paraRun;
    if (rStyle) run = mergeRun(run, this.character(rStyle));
    return mergeRun(run, readRunProps(rPr, this.theme));
  }

  /** Run properties a character style adds. */
  character(styleId: string | undefined): Partial<RunProps> {
    if (!styleId) return {};
    let c = this.charCache.get(styleId);
    if (!c) {
      let run: Partial<RunProps> = {};
      for (const s of this.chain(styleId, 'character')) {
        const layer = readRunProps(s.rPr, this.theme);
        run = { ...run, ...layer, ...(layer.font ? { font: { ...run.font, ...layer.font } } : {}) };
      }
      c = run;
      this.charCache.set(styleId, c);
    }
    return c;
  }

  table(styleId: string | undefined): TableStyle {
    const id = styleId && this.styles.get(styleId)?.type === 'table' ? styleId : this.defaultTableStyle;
    const key = id ?? '';
    let t = this.tableCache.get(key);
    if (t) return t;
    t = { table: {}, para: {}, run: {}, cell: undefined, cellShading: undefined, tableShading: undefined, conditional: new Map(), cells: new Map() };
    for (const s of this.chain(id, 'table')) {
      const tp = readTableProps(s.tblPr, this.theme);
      t.tableShading = over(t.tableShading, shadingColor(tp.shd, this.theme));
      t.table = {
        ...t.table,
        ...tp,
        ...(tp.borders ? { borders: { ...t.table.borders, ...tp.borders } } : {}),
        ...(tp.cellMarginsPartial ? { cellMarginsPartial: { ...t.table.cellMarginsPartial, ...tp.cellMarginsPartial } } : {}),
      };
      t.para = { ...t.para, ...readParaProps(s.pPr, this.theme) };
      t.run = { ...t.run, ...readRunProps(s.rPr, this.theme) };
      if (s.tcPr) {
        t.cell = readCellProps(s.tcPr, this.theme);
        t.cellShading = over(t.cellShading, shadingColor(t.cell.shd, this.theme));
      }
      // A conditional format of a style layers over the same format of the style it is based on.
      for (const [type, c] of s.conditional) {
        const base = t.conditional.get(type);
        const cell = c.tcPr ? readCellProps(c.tcPr, this.theme) : undefined;
        const run = readRunProps(c.rPr, this.theme);
        t.conditional.set(type, {
          para: { ...base?.para, ...readParaProps(c.pPr, this.theme) },
          run: { ...base?.run, ...run, ...(run.font ? { font: { ...base?.run.font, ...run.font } } : {}) },
          cell: cell && base?.cell ? { ...cell, borders: { ...base.cell.borders, ...cell.borders } } : (cell ?? base?.cell),
          shading: over(base?.shading, shadingColor(cell?.shd, this.theme)),
        });
      }
    }
    this.tableCache.set(key, t);
    return t;
  }

  /** The font family a run uses for Latin text, with theme fonts resolved. */
  fontFamily(run: RunProps): string | undefined {
    const f = run.font;
    const theme = f.asciiTheme ?? f.hAnsiTheme;
    if (theme) {
      const name = theme.startsWith('major') ? this.themeFonts.major : this.themeFonts.minor;
      if (name) return name;
    }
    return f.ascii ?? f.hAnsi ?? f.cs ?? f.eastAsia;
  }
}

export type { TableBorders };
