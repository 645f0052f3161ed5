/**
 * A document's theme (theme1.xml, reached by the main part's relationship): its colour scheme
 * (dk1, lt1, accent1...) and its major and minor Latin fonts, the two things styles refer to
 * by theme name (w:themeColor, w:asciiTheme).
 */
import type { DocxPackage } from '../package.js';
import { elements, type XElement } from '../xml.js';

export interface Theme {
  colors: Map<string, string>;
}

/** No theme: a theme colour falls back to the w:val written beside it. */
export const NO_THEME: Theme = { colors: new Map() };

export interface ThemeFonts {
  major: string | undefined;
  minor: string | undefined;
}

/** The theme part of the main document, when the package has it. */
export function themePart(pkg: DocxPackage): string | undefined {
  return pkg.mainRels.find((r) => r.type === 'theme' && r.part && pkg.has(r.part))?.part;
}

/** The theme's colour scheme; without a theme, dk1 black and lt1 white. */
export function parseTheme(pkg: DocxPackage): Theme {
  const colors = new Map<string, string>([
    ['dk1', '000000'],
    ['lt1', 'FFFFFF'],
  ]);
  const part = themePart(pkg);
  if (part) {
    const xml = pkg.text(part);
    const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0] ?? '';
    for (const m of scheme.matchAll(/<a:(\w+)>\s*<a:(?:srgbClr val="([0-9A-Fa-f]{6})"|sysClr\b[^>]*lastClr="([0-9A-Fa-f]{6})")/g)) {
      colors.set(m[1]!, (m[2] ?? m[3]!).toUpperCase());
    }
  }
  return { colors };
}

/** Major and minor Latin fonts of the theme (theme1.xml). */
export function readThemeFonts(themeRoot: XElement | undefined): ThemeFonts {
  const out: ThemeFonts = { major: undefined, minor: undefined };
  if (!themeRoot) return out;
  const walk = (el: XElement): void => {
    for (const c of elements(el)) {
      if (c.name === 'a:majorFont' || c.name === 'a:minorFont') {
        const latin = elements(c).find((l) => l.name === 'a:latin')?.attrs['typeface'];
        if (latin) out[c.name === 'a:majorFont' ? 'major' : 'minor'] = latin;
      } else walk(c);
    }
  };
  walk(themeRoot);
  return out;
}
