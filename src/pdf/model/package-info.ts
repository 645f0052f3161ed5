/**
 * What the reader takes from a letter's package once, for every letter made from it: the
 * style resolver, numbering, settings, core properties, and each part's relationships.
 */
import type { DocxPackage, Relationship } from '../../ooxml/package.js';
import { parseRels, relsPartOf } from '../../ooxml/package.js';
import { elements, unescapeXml } from '../../ooxml/xml.js';
import { Numbering } from './numbering.js';
import { twips } from '../../ooxml/styles/values.js';
import { parseTheme, readThemeFonts, themePart } from '../../ooxml/styles/theme.js';
import { StyleResolver } from '../../ooxml/styles/resolve.js';

/** What stays the same for every letter made from one package: styles, numbering, theme, rels. */
export interface PackageInfo {
  styles: StyleResolver;
  /** The list definitions (each letter counts with its own copy: numbering.fresh()). */
  numbering: Numbering;
  /** Image bytes by part, inflated once. */
  images: Map<string, Uint8Array>;
  rels: Map<string, Relationship[]>;
  defaultTabStop: number;
  evenAndOddHeaders: boolean;
  /** Word's layout version (w:compatSetting compatibilityMode: 15 for Word 2013 and later); 0 when the settings do not say (older layout). */
  compatibilityMode: number;
  lang: string | undefined;
  title: string | undefined;
}

const infoCache = new WeakMap<DocxPackage, PackageInfo>();

export function packageInfo(pkg: DocxPackage): PackageInfo {
  let info = infoCache.get(pkg);
  if (info) return info;
  const theme = themePart(pkg);
  // Colours resolved with the theme, as the linter judges them (ooxml/styles/colors.ts).
  const colors = parseTheme(pkg);
  const styles = new StyleResolver(pkg.stylesPart ? pkg.xml(pkg.stylesPart) : undefined, readThemeFonts(theme ? pkg.xml(theme) : undefined), colors);
  let defaultTabStop = 36;
  let evenAndOddHeaders = false;
  let compatibilityMode = 0;
  if (pkg.settingsPart) {
    for (const el of elements(pkg.xml(pkg.settingsPart))) {
      if (el.name === 'w:compat')
        for (const c of elements(el))
          if (c.name === 'w:compatSetting' && c.attrs['w:name'] === 'compatibilityMode') compatibilityMode = Number(c.attrs['w:val']) || 0;
      if (el.name === 'w:defaultTabStop') defaultTabStop = twips(el.attrs['w:val']) || 36;
      if (el.name === 'w:evenAndOddHeaders') evenAndOddHeaders = el.attrs['w:val'] !== '0' && el.attrs['w:val'] !== 'false';
    }
  }
  let title: string | undefined;
  let lang = styles.docRun.lang;
  if (pkg.has('docProps/core.xml')) {
    const core = pkg.text('docProps/core.xml');
    const t = /<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1]?.trim();
    if (t) title = unescapeXml(t);
    lang ??= /<dc:language>([^<]*)<\/dc:language>/.exec(core)?.[1]?.trim() || undefined;
  }
  info = {
    styles,
    numbering: new Numbering(pkg.numberingPart ? pkg.xml(pkg.numberingPart) : undefined, colors),
    images: new Map(),
    rels: new Map([[pkg.mainPart, [...pkg.mainRels]]]),
    defaultTabStop,
    evenAndOddHeaders,
    compatibilityMode,
    lang,
    title,
  };
  infoCache.set(pkg, info);
  return info;
}

/** A part's relationships, read once per package. */
export function relsOf(pkg: DocxPackage, info: PackageInfo, part: string): Relationship[] {
  let rels = info.rels.get(part);
  if (!rels) {
    const relsPart = relsPartOf(part);
    rels = pkg.has(relsPart) ? parseRels(pkg.xml(relsPart), part.slice(0, part.lastIndexOf('/') + 1)) : [];
    info.rels.set(part, rels);
  }
  return rels;
}
