/**
 * WCAG 2.1 contrast ratios for the contrast rule (the colours themselves are resolved in
 * ooxml/styles/colors.ts).
 */
import { remembered } from '../memo.js';

function channel(rgb: string, at: number): number {
  const c = parseInt(rgb.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance by colour: a repository's letters use a handful of colours, met in every
 * run of text. */
const luminance = remembered((rgb: string): number => 0.2126 * channel(rgb, 0) + 0.7152 * channel(rgb, 2) + 0.0722 * channel(rgb, 4), 1024);

/** WCAG 2.1 contrast ratio of two RGB colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
