/**
 * Paragraph properties (w:pPr): alignment, indents, spacing, keep and widow rules, tabs,
 * numbering, shading, borders and frames; their defaults and how style layers merge.
 */
import { elements, type XElement } from '../xml.js';
import { border } from './borders.js';
import { num, shadingRef, toggle, twips, type Border, type ShadingRef } from './values.js';
import { shadingColor } from './colors.js';
import { NO_THEME, type Theme } from './theme.js';

export type Align = 'left' | 'center' | 'right' | 'both';
export type LineRule = 'auto' | 'exact' | 'atLeast';
export type TabKind = 'left' | 'center' | 'right' | 'decimal' | 'bar' | 'clear';
export type Leader = 'none' | 'dot' | 'hyphen' | 'underscore' | 'middleDot' | 'heavy';

export interface TabStop {
  pos: number;
  kind: TabKind;
  leader: Leader;
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
  /** RGB hex the w:shd paints (colors.ts shadingColor, theme resolved), or undefined for none. */
  shading: string | undefined;
  /** The w:shd this comes from (colors.ts shadingColor: theme fills and percentage patterns). */
  shd: ShadingRef | undefined;
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
  /** Placed by alignment (left, center, right, inside, outside; top, center, bottom, ...) instead of x/y. */
  xAlign: string | undefined;
  yAlign: string | undefined;
  hAnchor: 'page' | 'margin' | 'text';
  vAnchor: 'page' | 'margin' | 'text';
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
  shd: undefined,
  borderTop: undefined,
  borderBottom: undefined,
  borderLeft: undefined,
  borderRight: undefined,
  frame: undefined,
};

const JC: Record<string, Align> = {
  left: 'left',
  start: 'left',
  center: 'center',
  right: 'right',
  end: 'right',
  both: 'both',
  distribute: 'both',
  justify: 'both',
};

/** The properties a w:pPr sets, its shading resolved with the document's theme. */
export function readParaProps(pPr: XElement | undefined, theme: Theme = NO_THEME): Partial<ParaProps> {
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
        out.shd = shadingRef(el);
        out.shading = shadingColor(out.shd, theme) ?? undefined;
        break;
      case 'w:pBdr':
        for (const b of elements(el)) {
          if (b.name === 'w:top') out.borderTop = border(b, theme);
          else if (b.name === 'w:bottom') out.borderBottom = border(b, theme);
          else if (b.name === 'w:left' || b.name === 'w:start') out.borderLeft = border(b, theme);
          else if (b.name === 'w:right' || b.name === 'w:end') out.borderRight = border(b, theme);
        }
        break;
      case 'w:framePr':
        out.frame = {
          x: twips(a['w:x']),
          y: twips(a['w:y']),
          width: twips(a['w:w']),
          xAlign: a['w:xAlign'],
          yAlign: a['w:yAlign'],
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
