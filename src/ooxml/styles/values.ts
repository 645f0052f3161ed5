/**
 * Attribute values shared by the property readers: twips and plain numbers, toggles,
 * colours, shading fills and borders (the Border type; borders.ts reads them), in the units the
 * layout uses (points, RGB hex).
 */
import { parseXml, type XElement } from '../xml.js';

export interface Border {
  /** Line width in points (0: none). */
  width: number;
  color: string;
  /** Distance from the text in points. */
  space: number;
  style: string;
}

/** Twentieths of a point to points. */
export const twips = (v: string | undefined): number | undefined => (v === undefined || v === '' || isNaN(Number(v)) ? undefined : Number(v) / 20);

export const num = (v: string | undefined): number | undefined => (v === undefined || v === '' || isNaN(Number(v)) ? undefined : Number(v));

/** A toggle (w:b, w:i...): present without val, or val true/1/on, is on. */
export function toggle(el: XElement): boolean {
  const v = el.attrs['w:val'];
  return v === undefined || !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}

export function color(v: string | undefined): string | undefined {
  if (!v || v === 'auto' || !/^[0-9A-Fa-f]{6}$/.test(v)) return undefined;
  return v.toUpperCase();
}

/** A w:color as written: its value and its theme reference (resolved with the theme by colors.ts colorOf). */
export interface ColorRef {
  val: string | undefined;
  themeColor: string | undefined;
  themeTint: string | undefined;
  themeShade: string | undefined;
}

export function colorRef(el: XElement): ColorRef {
  const a = el.attrs;
  return { val: a['w:val'], themeColor: a['w:themeColor'], themeTint: a['w:themeTint'], themeShade: a['w:themeShade'] };
}

/** A w:shd as written: pattern, fill and pattern colour with their theme references (resolved by colors.ts shadingColor). */
export type ShadingRef = Readonly<Partial<Record<(typeof SHADING_ATTRS)[number], string>>>;

export const SHADING_ATTRS = ['val', 'fill', 'color', 'themeFill', 'themeFillTint', 'themeFillShade', 'themeColor', 'themeTint', 'themeShade'] as const;

export function shadingRef(el: XElement): ShadingRef {
  const out: Partial<Record<(typeof SHADING_ATTRS)[number], string>> = {};
  for (const name of SHADING_ATTRS) {
    const v = el.attrs[`w:${name}`];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * A property element kept as XML text (the token stream's w:pPr and w:rPr, a table's w:tblPr,
 * a cell's w:tcPr), as a tree for the property readers; its content alone is wrapped in it.
 * Callers keep what they parse: paragraphs repeat a handful of properties.
 */
export function propsElement(xml: string, name: 'w:pPr' | 'w:rPr' | 'w:tblPr' | 'w:tcPr'): XElement | undefined {
  if (!xml) return undefined;
  return parseXml(xml.startsWith(`<${name}`) ? xml : `<${name}>${xml}</${name}>`, 'word/document.xml');
}
