/**
 * What a paragraph's style chain says about it, for the fields that read the document: its
 * outline (heading) level, for SEQ's `\s` restarts, and its list (numId, ilvl), for REF's
 * paragraph numbers. Direct formatting in the paragraph's own w:pPr comes first, then its style
 * and the styles it is based on, then the default paragraph style.
 */
import { defaultParagraphStyle, parseStyles, styleChain, type StyleDef } from '../ooxml/styles/sheet.js';
import type { DocxPackage } from '../ooxml/package.js';

export interface ParagraphStyles {
  /** The heading level (1-9) of a paragraph, from its w:pPr; undefined for body text. */
  headingLevel(pPr: string): number | undefined;
  /** The list a paragraph is numbered in (numId, ilvl), undefined when it is not numbered. */
  listOf(pPr: string): { numId: string; ilvl: number } | undefined;
}

const pPrOf = (xml: string): string => /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
const styleOf = (pPr: string): string | undefined => /<w:pStyle w:val="([^"]+)"/.exec(pPr)?.[1];
const outlineIn = (pPr: string): number | undefined => {
  const v = /<w:outlineLvl w:val="(\d)"/.exec(pPr)?.[1];
  return v === undefined ? undefined : Number(v);
};
const numIdIn = (pPr: string): string | undefined => /<w:numId w:val="([^"]+)"/.exec(pPr)?.[1];
const ilvlIn = (pPr: string): number | undefined => {
  const v = /<w:ilvl w:val="(\d+)"/.exec(pPr)?.[1];
  return v === undefined ? undefined : Number(v);
};

export function paragraphStyles(pkg: DocxPackage): ParagraphStyles {
  const sheet = pkg.stylesPart ? parseStyles(pkg.text(pkg.stylesPart), pkg.stylesPart) : undefined;
  const fallback = sheet ? defaultParagraphStyle(sheet)?.id : undefined;
  const chain = (id: string | undefined): StyleDef[] => styleChain(sheet, id ?? fallback);
  const headingOf = new Map<string, number | undefined>();
  const styleHeading = (id: string | undefined): number | undefined => {
    const key = id ?? '';
    if (headingOf.has(key)) return headingOf.get(key);
    let level: number | undefined;
    for (const s of chain(id)) {
      const outline = outlineIn(pPrOf(s.xml));
      if (outline !== undefined) {
        level = outline < 9 ? outline + 1 : undefined;
        break;
      }
      const named = /^heading ([1-9])$/i.exec(s.name.trim());
      if (named) {
        level = Number(named[1]);
        break;
      }
    }
    headingOf.set(key, level);
    return level;
  };
  return {
    headingLevel(pPr) {
      const direct = outlineIn(pPr);
      if (direct !== undefined) return direct < 9 ? direct + 1 : undefined;
      return styleHeading(styleOf(pPr));
    },
    listOf(pPr) {
      let numId = numIdIn(pPr);
      let ilvl = ilvlIn(pPr);
      for (const s of chain(styleOf(pPr))) {
        if (numId !== undefined && ilvl !== undefined) break;
        const own = pPrOf(s.xml);
        numId ??= numIdIn(own);
        ilvl ??= ilvlIn(own);
      }
      return numId === undefined || numId === '0' ? undefined : { numId, ilvl: ilvl ?? 0 };
    },
  };
}
