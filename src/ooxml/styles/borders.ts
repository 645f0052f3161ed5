/**
 * Borders as the layout draws them (w:pBdr, w:tblBorders, w:tcBorders): width in points, line
 * style, distance, and the colour through the theme (w:themeColor with its tint and shade wins
 * over w:color, as for text and shading; colors.ts).
 */
import type { XElement } from '../xml.js';
import { resolveColor } from './colors.js';
import { NO_THEME, type Theme } from './theme.js';
import { num, type Border } from './values.js';

export function border(el: XElement | undefined, theme: Theme = NO_THEME): Border | undefined {
  if (!el) return undefined;
  const a = el.attrs;
  const style = a['w:val'] ?? 'none';
  if (style === 'none' || style === 'nil') return { width: 0, color: '000000', space: 0, style };
  const sz = num(a['w:sz']) ?? 4;
  // w:sz is in eighths of a point; double lines are drawn as one thicker line.
  const width = Math.max(0.25, (sz / 8) * (style === 'double' ? 3 : 1));
  // An automatic colour is black on the white page kp-brev draws on.
  const color =
    (a['w:color'] === 'auto' && !a['w:themeColor'] ? undefined : resolveColor(theme, a['w:color'], a['w:themeColor'], a['w:themeTint'], a['w:themeShade'])) ??
    '000000';
  return { width, color, space: num(a['w:space']) ?? 0, style };
}
