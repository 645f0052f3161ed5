/**
 * What a paragraph's style chain says about it, for the fields that read the document: its
 * outline (heading) level, for SEQ's `\s` restarts, and its list (numId, ilvl), for REF's
 * paragraph numbers. Resolved by ooxml/styles/resolve.ts (StyleResolver) as the PDF and the
 * linter resolve them: direct formatting in the paragraph's own w:pPr first, then its style and
 * the styles it is based on, then the document defaults; a heading is its resolved outline level,
 * else the nearest built-in heading name (ooxml/styles/headings.ts).
 */
import type { ParaProps } from '../ooxml/styles/para-props.js';
import { readParaProps } from '../ooxml/styles/para-props.js';
import { paragraphStyleId, StyleResolver } from '../ooxml/styles/resolve.js';
import { propsElement } from '../ooxml/styles/values.js';
import type { DocxPackage } from '../ooxml/package.js';

export interface ParagraphStyles {
  /** The heading level (1-9) of a paragraph, from its w:pPr; undefined for body text. */
  headingLevel(pPr: string): number | undefined;
  /** The list a paragraph is numbered in (numId, ilvl), undefined when it is not numbered. */
  listOf(pPr: string): { numId: string; ilvl: number } | undefined;
}

export function paragraphStyles(pkg: DocxPackage): ParagraphStyles {
  const styles = new StyleResolver(pkg.stylesPart ? pkg.xml(pkg.stylesPart) : undefined);
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
  return {
    headingLevel(pPr) {
      const own = read(pPr);
      return styles.headingLevel(own.styleId, own.props.outlineLevel ?? styles.paragraph(own.styleId).para.outlineLevel);
    },
    listOf(pPr) {
      const own = read(pPr);
      const style = styles.paragraph(own.styleId).para;
      const numId = own.props.numId ?? style.numId;
      const ilvl = own.props.ilvl ?? style.ilvl;
      return numId === undefined || numId === '0' ? undefined : { numId, ilvl: ilvl ?? 0 };
    },
  };
}
