/**
 * Colours for the contrast rule: theme colours (theme1.xml) with tint and shade, highlight
 * names, and WCAG 2.1 contrast ratios.
 */
import type { DocxPackage } from '../ooxml/package.js';

export interface Theme {
  colors: Map<string, string>;
}

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

export function parseTheme(pkg: DocxPackage): Theme {
  const colors = new Map<string, string>([
    ['dk1', '000000'],
    ['lt1', 'FFFFFF'],
  ]);
  const rel = pkg.mainRels.find((r) => r.type === 'theme' && r.part);
  if (rel?.part && pkg.has(rel.part)) {
    const xml = pkg.text(rel.part);
    const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0] ?? '';
    for (const m of scheme.matchAll(/<a:(\w+)>\s*<a:(?:srgbClr val="([0-9A-Fa-f]{6})"|sysClr\b[^>]*lastClr="([0-9A-Fa-f]{6})")/g)) {
      colors.set(m[1]!, (m[2] ?? m[3]!).toUpperCase());
    }
  }
  return { colors };
}

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
export function resolveColor(
  theme: Theme,
  value: string | undefined,
  themeName: string | undefined,
  tint?: string,
  shade?: string,
): string | undefined {
  const fromTheme = themeName ? theme.colors.get(THEME_NAMES[themeName] ?? themeName) : undefined;
  if (fromTheme) return tintAndShade(fromTheme, tint, shade);
  if (value && /^[0-9A-Fa-f]{6}$/.test(value)) return value.toUpperCase();
  return undefined;
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
  return [r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** `a` laid over `b` with the given share (0..1) of `a`. */
export function mixColors(a: string, b: string, share: number): string {
  const ch = (s: string, i: number): number => parseInt(s.slice(i, i + 2), 16);
  const [r, g, bl] = [0, 2, 4].map((i) => Math.round(ch(a, i) * share + ch(b, i) * (1 - share))) as [number, number, number];
  return hex(r, g, bl);
}

function luminance(rgb: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(rgb.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two RGB colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
