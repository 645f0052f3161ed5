/**
 * Colour values of WordprocessingML: w:color and w:shd to RGB through the theme (with tint and
 * shade), highlight names, and the colour a shading pattern paints. The linter's contrast
 * judgement and the PDF's drawing both read colours here.
 */
import type { Theme } from './theme.js';
import { findAll, parseXml } from '../xml.js';
import { shadingRef, type ColorRef, type ShadingRef } from './values.js';

const THEME_NAMES: Record<string, string> = {
  text1: 'dk1',
  background1: 'lt1',
  text2: 'dk2',
  background2: 'lt2',
  dark1: 'dk1',
  light1: 'lt1',
  dark2: 'dk2',
  light2: 'lt2',
  hyperlink: 'hlink',
  followedHyperlink: 'folHlink',
};

const HIGHLIGHTS: Record<string, string> = {
  black: '000000',
  blue: '0000FF',
  cyan: '00FFFF',
  green: '00FF00',
  magenta: 'FF00FF',
  red: 'FF0000',
  yellow: 'FFFF00',
  white: 'FFFFFF',
  darkBlue: '000080',
  darkCyan: '008080',
  darkGreen: '008000',
  darkMagenta: '800080',
  darkRed: '800000',
  darkYellow: '808000',
  darkGray: '808080',
  lightGray: 'C0C0C0',
};

export function highlightColor(name: string): string | undefined {
  return name === 'none' ? undefined : HIGHLIGHTS[name];
}

/**
 * A colour element (w:color, w:shd) to RGB. w:val already holds the final colour (ECMA-376
 * 17.3.2.6); a theme colour is taken from the theme, with its tint or shade, only when the theme
 * defines it, so a tint is never applied twice to a w:val that already has it.
 */
export function resolveColor(theme: Theme, value: string | undefined, themeName: string | undefined, tint?: string, shade?: string): string | undefined {
  const fromTheme = themeName ? theme.colors.get(THEME_NAMES[themeName] ?? themeName) : undefined;
  if (fromTheme) return tintAndShade(fromTheme, tint, shade);
  if (value && /^[0-9A-Fa-f]{6}$/.test(value)) return value.toUpperCase();
  return undefined;
}

/** The colour of a resolved run's w:color (run-props.ts colorRef) through the theme; undefined for automatic. */
export function colorOf(ref: ColorRef | undefined, theme: Theme): string | undefined {
  if (!ref || ref.val === 'auto') return undefined;
  return resolveColor(theme, ref.val, ref.themeColor, ref.themeTint, ref.themeShade);
}

function tintAndShade(rgb: string, tint: string | undefined, shade: string | undefined): string {
  let [r, g, b] = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16)) as [number, number, number];
  if (tint && /^[0-9A-Fa-f]{1,2}$/.test(tint)) {
    const t = parseInt(tint, 16) / 255;
    [r, g, b] = [r, g, b].map((c) => Math.round(c * t + 255 * (1 - t))) as [number, number, number];
  }
  if (shade && /^[0-9A-Fa-f]{1,2}$/.test(shade)) {
    const s = parseInt(shade, 16) / 255;
    [r, g, b] = [r, g, b].map((c) => Math.round(c * s)) as [number, number, number];
  }
  return hex(r, g, b);
}

function hex(r: number, g: number, b: number): string {
  return [r, g, b]
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** `a` laid over `b` with the given share (0..1) of `a`. */
export function mixColors(a: string, b: string, share: number): string {
  const ch = (s: string, i: number): number => parseInt(s.slice(i, i + 2), 16);
  const [r, g, bl] = [0, 2, 4].map((i) => Math.round(ch(a, i) * share + ch(b, i) * (1 - share))) as [number, number, number];
  return hex(r, g, bl);
}

/** RGB, null for "no colour" said explicitly, undefined when nothing is said. */
export type Shade = string | null | undefined;

/** A later layer's shading replaces an earlier one's when it says anything, "no colour" too. */
export function over(earlier: Shade, later: Shade): Shade {
  return later !== undefined ? later : earlier;
}

/**
 * The colour a w:shd paints: w:fill for clear shading, w:color (the pattern colour) for solid
 * shading, and a mix of the two for the percentage patterns (pct10 is 10 % pattern colour over
 * the fill). Other patterns (stripes, crosses) are taken as their fill.
 */
export function shadingOf(xml: string, theme: Theme): Shade {
  const shd = findAll(parseXml(`<w:x>${xml}</w:x>`, 'word/document.xml'), 'w:shd')[0];
  return shd ? shadingColor(shadingRef(shd), theme) : undefined;
}

/** The colour a w:shd as read (values.ts shadingRef) paints, as shadingOf. */
export function shadingColor(ref: ShadingRef | undefined, theme: Theme): Shade {
  if (!ref) return undefined;
  const val = ref.val ?? 'clear';
  if (val === 'nil') return null;
  const fill = ref.fill === 'auto' && !ref.themeFill ? undefined : resolveColor(theme, ref.fill, ref.themeFill, ref.themeFillTint, ref.themeFillShade);
  const pattern =
    ref.color === 'auto' && !ref.themeColor ? '000000' : (resolveColor(theme, ref.color, ref.themeColor, ref.themeTint, ref.themeShade) ?? '000000');
  if (val === 'solid') return pattern;
  const pct = /^pct(\d+)$/.exec(val)?.[1];
  if (pct) return mixColors(pattern, fill ?? 'FFFFFF', Number(pct) / 100);
  return fill ?? null;
}
