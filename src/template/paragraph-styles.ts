/**
 * What a paragraph's style chain says about it, for the fields that read the document: its
 * outline (heading) level, for SEQ's `\s` restarts, and its list (numId, ilvl), for REF's
 * paragraph numbers. Direct formatting in the paragraph's own w:pPr comes first, then its style
 * and the styles it is based on, then the default paragraph style. Read through
 * ooxml/styles/ (the style sheet, the property readers, the heading names).
 */
import { builtinHeadingLevel, headingLevel } from '../ooxml/styles/headings.js';
import type { ParaProps } from '../ooxml/styles/para-props.js';
import { readParaProps } from '../ooxml/styles/para-props.js';
import { paragraphStyleId } from '../ooxml/styles/resolve.js';
import { defaultParagraphStyle, parseStyles, styleChain, styleParagraph, type StyleDef } from '../ooxml/styles/sheet.js';
import { propsElement } from '../ooxml/styles/values.js';
import type { DocxPackage } from '../ooxml/package.js';

export interface ParagraphStyles {
  /** The heading level (1-9) of a paragraph, from its w:pPr; undefined for body text. */
  headingLevel(pPr: string): number | undefined;
  /** The list a paragraph is numbered in (numId, ilvl), undefined when it is not numbered. */
  listOf(pPr: string): { numId: string; ilvl: number } | undefined;
}

export function paragraphStyles(pkg: DocxPackage): ParagraphStyles {
  const sheet = pkg.stylesPart ? parseStyles(pkg.text(pkg.stylesPart), pkg.stylesPart) : undefined;
  const fallback = sheet ? defaultParagraphStyle(sheet)?.id : undefined;
  const chain = (id: string | undefined): StyleDef[] => styleChain(sheet, id ?? fallback);
  // A paragraph's w:pPr as read, by its text (paragraphs repeat a handful).
  const direct = new Map<string, { styleId: string | undefined; props: Partial<ParaProps> }>();
  const read = (pPr: string): { styleId: string | undefined; props: Partial<ParaProps> } => {
    let out = direct.get(pPr);
    if (!out) {
      const el = propsElement(pPr, 'w:pPr');
      direct.set(pPr, (out = { styleId: paragraphStyleId(el), props: readParaProps(el) }));
    }
    return out;
  };
  const headingOf = new Map<string, number | undefined>();
  // The nearest style that says anything decides: its outline level, else its built-in heading name.
  const styleHeading = (id: string | undefined): number | undefined => {
    const key = id ?? '';
    if (headingOf.has(key)) return headingOf.get(key);
    let level: number | undefined;
    for (const s of chain(id)) {
      const outline = styleParagraph(s).outlineLevel;
      if (outline !== undefined) {
        level = headingLevel(outline, []);
        break;
      }
      level = builtinHeadingLevel(s.name);
      if (level !== undefined) break;
    }
    headingOf.set(key, level);
    return level;
  };
  return {
    headingLevel(pPr) {
      const own = read(pPr);
      if (own.props.outlineLevel !== undefined) return headingLevel(own.props.outlineLevel, []);
      return styleHeading(own.styleId);
    },
    listOf(pPr) {
      const own = read(pPr);
      let numId = own.props.numId;
      let ilvl = own.props.ilvl;
      for (const s of chain(own.styleId)) {
        if (numId !== undefined && ilvl !== undefined) break;
        const props = styleParagraph(s);
        numId ??= props.numId;
        ilvl ??= props.ilvl;
      }
      return numId === undefined || numId === '0' ? undefined : { numId, ilvl: ilvl ?? 0 };
    },
  };
}
