/**
 * Run properties (w:rPr): fonts, size, emphasis, underline and strike, colour, highlight,
 * vertical alignment, caps, hidden text, spacing and language; their defaults and merging.
 */
import { elements, type XElement } from '../xml.js';
import { colorRef, num, shadingRef, toggle, twips, type ColorRef, type ShadingRef } from './values.js';
import { colorOf, shadingColor } from './colors.js';
import { NO_THEME, type Theme } from './theme.js';

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
  /** RGB hex of the w:color, its theme colour resolved (colors.ts colorOf), or undefined for auto. */
  color: string | undefined;
  /** The w:color this comes from, theme reference included (colors.ts colorOf resolves it with the theme). */
  colorRef: ColorRef | undefined;
  highlight: string | undefined;
  /** RGB hex the w:shd paints (colors.ts shadingColor: theme fills and percentage patterns), or undefined for none. */
  shading: string | undefined;
  /** The w:shd this comes from (colors.ts shadingColor: theme fills and percentage patterns). */
  shd: ShadingRef | undefined;
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

export const DEFAULT_RUN: RunProps = {
  font: {},
  size: 10,
  bold: false,
  italic: false,
  underline: undefined,
  strike: false,
  doubleStrike: false,
  color: undefined,
  colorRef: undefined,
  highlight: undefined,
  shading: undefined,
  shd: undefined,
  vertAlign: 'baseline',
  caps: false,
  smallCaps: false,
  hidden: false,
  spacing: 0,
  position: 0,
  lang: undefined,
};

/** The properties a w:rPr sets, its colours resolved with the document's theme. */
export function readRunProps(rPr: XElement | undefined, theme: Theme = NO_THEME): Partial<RunProps> {
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
        out.colorRef = colorRef(el);
        out.color = colorOf(out.colorRef, theme);
        break;
      case 'w:highlight':
        out.highlight = a['w:val'] === 'none' ? undefined : a['w:val'];
        break;
      case 'w:shd':
        out.shd = shadingRef(el);
        out.shading = shadingColor(out.shd, theme) ?? undefined;
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
