/**
 * Paragraph, run, table and cell properties as the layout needs them: resolved values in
 * points, read from WordprocessingML property elements (w:pPr, w:rPr, w:tblPr, w:tcPr...).
 * Each reader returns only what the element sets (a partial), so style layers merge by
 * spreading: docDefaults, then the style chain, then direct formatting.
 */
import { elements, type XElement } from '../../ooxml/xml.js';

export type Align = 'left' | 'center' | 'right' | 'both';
export type LineRule = 'auto' | 'exact' | 'atLeast';
export type TabKind = 'left' | 'center' | 'right' | 'decimal' | 'bar' | 'clear';
export type Leader = 'none' | 'dot' | 'hyphen' | 'underscore' | 'middleDot' | 'heavy';

export interface TabStop {
  pos: number;
  kind: TabKind;
  leader: Leader;
}

export interface Border {
  /** Line width in points (0: none). */
  width: number;
  color: string;
  /** Distance from the text in points. */
  space: number;
  style: string;
}

export interface ParaProps {
  align: Align;
  indLeft: number;
  indRight: number;
  /** Positive: first-line indent; negative: hanging. */
  indFirst: number;
  spaceBefore: number;
  spaceAfter: number;
  beforeAuto: boolean;
  afterAuto: boolean;
  contextualSpacing: boolean;
  lineRule: LineRule;
  /** auto: a multiple (1 = single); exact/atLeast: points. */
  line: number;
  keepNext: boolean;
  keepLines: boolean;
  widowControl: boolean;
  pageBreakBefore: boolean;
  tabs: TabStop[];
  numId: string | undefined;
  ilvl: number;
  outlineLevel: number | undefined;
  shading: string | undefined;
  borderTop: Border | undefined;
  borderBottom: Border | undefined;
  borderLeft: Border | undefined;
  borderRight: Border | undefined;
  /** Absolute position (w:framePr), in points from the page or margin. */
  frame: FrameProps | undefined;
  suppressLineNumbers?: boolean;
}

export interface FrameProps {
  x: number | undefined;
  y: number | undefined;
  width: number | undefined;
  hAnchor: 'page' | 'margin' | 'text';
  vAnchor: 'page' | 'margin' | 'text';
}

export interface FontRef {
  ascii?: string;
  hAnsi?: string;
  cs?: string;
  eastAsia?: string;
  asciiTheme?: string;
  hAnsiTheme?: string;
}

export interface RunProps {
  font: FontRef;
  /** Points. */
  size: number;
  bold: boolean;
  italic: boolean;
  underline: string | undefined;
  strike: boolean;
  doubleStrike: boolean;
  /** RGB hex, or undefined for auto. */
  color: string | undefined;
  highlight: string | undefined;
  shading: string | undefined;
  vertAlign: 'baseline' | 'superscript' | 'subscript';
  caps: boolean;
  smallCaps: boolean;
  hidden: boolean;
  /** Extra space after each character, points. */
  spacing: number;
  /** Raised (+) or lowered (-) by points. */
  position: number;
  lang: string | undefined;
}

export const DEFAULT_PARA: ParaProps = {
  align: 'left',
  indLeft: 0,
  indRight: 0,
  indFirst: 0,
  spaceBefore: 0,
  spaceAfter: 0,
  beforeAuto: false,
  afterAuto: false,
  contextualSpacing: false,
  lineRule: 'auto',
  line: 1,
  keepNext: false,
  keepLines: false,
  // Word and LibreOffice keep widows and orphans unless a paragraph says w:widowControl w:val="0".
  widowControl: true,
  pageBreakBefore: false,
  tabs: [],
  numId: undefined,
  ilvl: 0,
  outlineLevel: undefined,
  shading: undefined,
  borderTop: undefined,
  borderBottom: undefined,
  borderLeft: undefined,
  borderRight: undefined,
  frame: undefined,
};

export const DEFAULT_RUN: RunProps = {
  font: {},
  size: 10,
  bold: false,
  italic: false,
  underline: undefined,
  strike: false,
  doubleStrike: false,
  color: undefined,
  highlight: undefined,
  shading: undefined,
  vertAlign: 'baseline',
  caps: false,
  smallCaps: false,
  hidden: false,
  spacing: 0,
  position: 0,
  lang: undefined,
};

/** Twentieths of a point to points. */
export const twips = (v: string | undefined): number | undefined => (v === undefined || v === '' || isNaN(Number(v)) ? undefined : Number(v) / 20);

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' || isNaN(Number(v)) ? undefined : Number(v));

/** A toggle (w:b, w:i...): present without val, or val true/1/on, is on. */
function toggle(el: XElement): boolean {
  const v = el.attrs['w:val'];
  return v === undefined || !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}

export function color(v: string | undefined): string | undefined {
  if (!v || v === 'auto' || !/^[0-9A-Fa-f]{6}$/.test(v)) return undefined;
  return v.toUpperCase();
}

function fill(el: XElement): string | undefined {
  const f = color(el.attrs['w:fill']);
  if (f) return f;
  // Patterned shading with a solid foreground colour.
  if (el.attrs['w:val'] === 'solid') return color(el.attrs['w:color']) ?? '000000';
  return undefined;
}

export function border(el: XElement | undefined): Border | undefined {
  if (!el) return undefined;
  const style = el.attrs['w:val'] ?? 'none';
  if (style === 'none' || style === 'nil') return { width: 0, color: '000000', space: 0, style };
  const sz = num(el.attrs['w:sz']) ?? 4;
  // w:sz is in eighths of a point; double lines are drawn as one thicker line.
  const width = Math.max(0.25, (sz / 8) * (style === 'double' ? 3 : 1));
  return { width, color: color(el.attrs['w:color']) ?? '000000', space: num(el.attrs['w:space']) ?? 0, style };
}

const JC: Record<string, Align> = { left: 'left', start: 'left', center: 'center', right: 'right', end: 'right', both: 'both', distribute: 'both', justify: 'both' };

export function readParaProps(pPr: XElement | undefined): Partial<ParaProps> {
  const out: Partial<ParaProps> = {};
  if (!pPr) return out;
  for (const el of elements(pPr)) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:jc':
        if (a['w:val'] && JC[a['w:val']]) out.align = JC[a['w:val']]!;
        break;
      case 'w:ind': {
        const left = twips(a['w:left'] ?? a['w:start']);
        const right = twips(a['w:right'] ?? a['w:end']);
        const hanging = twips(a['w:hanging']);
        const first = twips(a['w:firstLine']);
        if (left !== undefined) out.indLeft = left;
        if (right !== undefined) out.indRight = right;
        if (hanging !== undefined) out.indFirst = -hanging;
        else if (first !== undefined) out.indFirst = first;
        break;
      }
      case 'w:spacing': {
        const before = twips(a['w:before']);
        const after = twips(a['w:after']);
        if (before !== undefined) out.spaceBefore = before;
        if (after !== undefined) out.spaceAfter = after;
        if (a['w:beforeAutospacing'] !== undefined) out.beforeAuto = a['w:beforeAutospacing'] === '1' || a['w:beforeAutospacing'] === 'true';
        if (a['w:afterAutospacing'] !== undefined) out.afterAuto = a['w:afterAutospacing'] === '1' || a['w:afterAutospacing'] === 'true';
        const line = num(a['w:line']);
        if (line !== undefined) {
          const rule = (a['w:lineRule'] ?? 'auto') as LineRule;
          out.lineRule = rule === 'exact' || rule === 'atLeast' ? rule : 'auto';
          out.line = out.lineRule === 'auto' ? line / 240 : line / 20;
        }
        break;
      }
      case 'w:contextualSpacing':
        out.contextualSpacing = toggle(el);
        break;
      case 'w:keepNext':
        out.keepNext = toggle(el);
        break;
      case 'w:keepLines':
        out.keepLines = toggle(el);
        break;
      case 'w:widowControl':
        out.widowControl = toggle(el);
        break;
      case 'w:pageBreakBefore':
        out.pageBreakBefore = toggle(el);
        break;
      case 'w:outlineLvl': {
        const v = num(a['w:val']);
        if (v !== undefined) out.outlineLevel = v;
        break;
      }
      case 'w:numPr':
        for (const c of elements(el)) {
          if (c.name === 'w:numId') out.numId = c.attrs['w:val'];
          if (c.name === 'w:ilvl') out.ilvl = num(c.attrs['w:val']) ?? 0;
        }
        break;
      case 'w:tabs':
        out.tabs = elements(el)
          .filter((t) => t.name === 'w:tab')
          .map((t) => ({
            pos: twips(t.attrs['w:pos']) ?? 0,
            kind: (t.attrs['w:val'] === 'start' ? 'left' : t.attrs['w:val'] === 'end' ? 'right' : (t.attrs['w:val'] ?? 'left')) as TabKind,
            leader: (t.attrs['w:leader'] ?? 'none') as Leader,
          }));
        break;
      case 'w:shd':
        out.shading = fill(el);
        break;
      case 'w:pBdr':
        for (const b of elements(el)) {
          if (b.name === 'w:top') out.borderTop = border(b);
          else if (b.name === 'w:bottom') out.borderBottom = border(b);
          else if (b.name === 'w:left' || b.name === 'w:start') out.borderLeft = border(b);
          else if (b.name === 'w:right' || b.name === 'w:end') out.borderRight = border(b);
        }
        break;
      case 'w:framePr':
        out.frame = {
          x: twips(a['w:x']),
          y: twips(a['w:y']),
          width: twips(a['w:w']),
          hAnchor: (a['w:hAnchor'] ?? 'margin') === 'page' ? 'page' : a['w:hAnchor'] === 'text' ? 'text' : 'margin',
          vAnchor: (a['w:vAnchor'] ?? 'margin') === 'page' ? 'page' : a['w:vAnchor'] === 'text' ? 'text' : 'margin',
        };
        break;
    }
  }
  return out;
}

/** Merges paragraph tab stops: a later layer adds stops and clears others. */
export function mergeTabs(base: readonly TabStop[], layer: readonly TabStop[]): TabStop[] {
  const out = base.filter((t) => !layer.some((l) => Math.abs(l.pos - t.pos) < 0.05));
  for (const t of layer) if (t.kind !== 'clear') out.push(t);
  return out.sort((a, b) => a.pos - b.pos);
}

export function mergePara(base: ParaProps, layer: Partial<ParaProps>): ParaProps {
  const out = { ...base, ...layer };
  if (layer.tabs) out.tabs = mergeTabs(base.tabs, layer.tabs);
  return out;
}

export function readRunProps(rPr: XElement | undefined): Partial<RunProps> {
  const out: Partial<RunProps> = {};
  if (!rPr) return out;
  for (const el of elements(rPr)) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:rFonts': {
        const f: FontRef = {};
        if (a['w:ascii']) f.ascii = a['w:ascii'];
        if (a['w:hAnsi']) f.hAnsi = a['w:hAnsi'];
        if (a['w:cs']) f.cs = a['w:cs'];
        if (a['w:eastAsia']) f.eastAsia = a['w:eastAsia'];
        if (a['w:asciiTheme']) f.asciiTheme = a['w:asciiTheme'];
        if (a['w:hAnsiTheme']) f.hAnsiTheme = a['w:hAnsiTheme'];
        out.font = f;
        break;
      }
      case 'w:sz': {
        const v = num(a['w:val']);
        if (v !== undefined && v > 0) out.size = v / 2;
        break;
      }
      case 'w:b':
        out.bold = toggle(el);
        break;
      case 'w:i':
        out.italic = toggle(el);
        break;
      case 'w:u':
        out.underline = a['w:val'] === 'none' ? undefined : (a['w:val'] ?? 'single');
        break;
      case 'w:strike':
        out.strike = toggle(el);
        break;
      case 'w:dstrike':
        out.doubleStrike = toggle(el);
        break;
      case 'w:color':
        out.color = a['w:val'] === 'auto' ? undefined : color(a['w:val']);
        break;
      case 'w:highlight':
        out.highlight = a['w:val'] === 'none' ? undefined : a['w:val'];
        break;
      case 'w:shd':
        out.shading = fill(el);
        break;
      case 'w:vertAlign':
        out.vertAlign = a['w:val'] === 'superscript' || a['w:val'] === 'subscript' ? a['w:val'] : 'baseline';
        break;
      case 'w:caps':
        out.caps = toggle(el);
        break;
      case 'w:smallCaps':
        out.smallCaps = toggle(el);
        break;
      case 'w:vanish':
      case 'w:specVanish':
        out.hidden = toggle(el);
        break;
      case 'w:spacing':
        out.spacing = twips(a['w:val']) ?? 0;
        break;
      case 'w:position': {
        const v = num(a['w:val']);
        if (v !== undefined) out.position = v / 2;
        break;
      }
      case 'w:lang':
        if (a['w:val']) out.lang = a['w:val'];
        break;
    }
  }
  return out;
}

export function mergeRun(base: RunProps, layer: Partial<RunProps>): RunProps {
  const out = { ...base, ...layer };
  if (layer.font) out.font = { ...base.font, ...layer.font };
  return out;
}

// ---------------------------------------------------------------- tables

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
  look: { firstRow: boolean; lastRow: boolean; firstColumn: boolean; lastColumn: boolean; noHBand: boolean; noVBand: boolean };
}

export interface CellProps {
  width: number | undefined;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | undefined;
  borders: TableBorders;
  shading: string | undefined;
  margins: Partial<CellMargins>;
  vAlign: 'top' | 'center' | 'bottom';
}

export interface RowProps {
  height: number | undefined;
  heightRule: 'auto' | 'atLeast' | 'exact';
  cantSplit: boolean;
  header: boolean;
}

function readBorders(el: XElement | undefined): TableBorders {
  const out: TableBorders = {};
  if (!el) return out;
  for (const b of elements(el)) {
    const name = b.name.slice(2);
    const key = name === 'start' ? 'left' : name === 'end' ? 'right' : name;
    if (key === 'top' || key === 'left' || key === 'bottom' || key === 'right' || key === 'insideH' || key === 'insideV') {
      const v = border(b);
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

export function readTableProps(tblPr: XElement | undefined): Partial<TableProps> & { cellMarginsPartial?: Partial<CellMargins> } {
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
        out.width = type === 'pct' ? { value: String(a['w:w']).endsWith('%') ? parseFloat(a['w:w']!) : w / 50, type } : type === 'auto' || w === 0 ? { value: 0, type: 'auto' } : { value: w / 20, type: 'dxa' };
        break;
      }
      case 'w:jc':
        out.align = a['w:val'] === 'center' ? 'center' : a['w:val'] === 'right' || a['w:val'] === 'end' ? 'right' : 'left';
        break;
      case 'w:tblInd':
        out.indent = twips(a['w:w']) ?? 0;
        break;
      case 'w:tblBorders':
        out.borders = readBorders(el);
        break;
      case 'w:tblCellMar':
        out.cellMarginsPartial = readMargins(el);
        break;
      case 'w:tblLayout':
        out.layoutFixed = a['w:type'] === 'fixed';
        break;
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

export function readCellProps(tcPr: XElement | undefined): CellProps {
  const out: CellProps = { width: undefined, gridSpan: 1, vMerge: undefined, borders: {}, shading: undefined, margins: {}, vAlign: 'top' };
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
        out.borders = readBorders(el);
        break;
      case 'w:shd':
        out.shading = fill(el);
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

// ---------------------------------------------------------------- sections

export interface SectionProps {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
  header: number;
  footer: number;
  gutter: number;
  titlePage: boolean;
  headers: { default?: string; first?: string; even?: string };
  footers: { default?: string; first?: string; even?: string };
  columns: number;
  pageNumberStart: number | undefined;
  /** How the section begins: on a new page (default) or continuing the current one. */
  start: 'nextPage' | 'continuous' | 'evenPage' | 'oddPage' | 'nextColumn';
}

export function readSectionProps(sectPr: XElement | undefined): SectionProps {
  const out: SectionProps = {
    width: 595.3,
    height: 841.9,
    marginTop: 72,
    marginRight: 72,
    marginBottom: 72,
    marginLeft: 72,
    header: 36,
    footer: 36,
    gutter: 0,
    titlePage: false,
    headers: {},
    footers: {},
    columns: 1,
    pageNumberStart: undefined,
    start: 'nextPage',
  };
  if (!sectPr) return out;
  for (const el of elements(sectPr)) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:pgSz':
        out.width = twips(a['w:w']) ?? out.width;
        out.height = twips(a['w:h']) ?? out.height;
        break;
      case 'w:pgMar':
        out.marginTop = Math.abs(twips(a['w:top']) ?? out.marginTop);
        out.marginRight = twips(a['w:right'] ?? a['w:end']) ?? out.marginRight;
        out.marginBottom = Math.abs(twips(a['w:bottom']) ?? out.marginBottom);
        out.marginLeft = twips(a['w:left'] ?? a['w:start']) ?? out.marginLeft;
        out.header = twips(a['w:header']) ?? out.header;
        out.footer = twips(a['w:footer']) ?? out.footer;
        out.gutter = twips(a['w:gutter']) ?? 0;
        break;
      case 'w:titlePg':
        out.titlePage = toggle(el);
        break;
      case 'w:headerReference':
      case 'w:footerReference': {
        const type = (a['w:type'] ?? 'default') as 'default' | 'first' | 'even';
        const id = a['r:id'];
        if (id && (type === 'default' || type === 'first' || type === 'even')) (el.name === 'w:headerReference' ? out.headers : out.footers)[type] = id;
        break;
      }
      case 'w:cols':
        out.columns = Math.max(1, num(a['w:num']) ?? 1);
        break;
      case 'w:pgNumType': {
        const start = num(a['w:start']);
        if (start !== undefined) out.pageNumberStart = start;
        break;
      }
      case 'w:type':
        out.start = (a['w:val'] ?? 'nextPage') as SectionProps['start'];
        break;
    }
  }
  return out;
}
