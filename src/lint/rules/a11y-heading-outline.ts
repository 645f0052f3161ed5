/** a11y-heading-outline: heading styles without an outline level. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

export const a11yHeadingOutline: Rule = {
  meta: {
    id: 'a11y-heading-outline',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'En overskriftstypografi uden dispositionsniveau. Overskrifter findes i den mærkede PDF ud fra dispositionsniveauet; uden det bliver overskriften til almindelig tekst.',
      en: 'A heading style without an outline level. Headings in the tagged PDF are found by outline level; without one the heading becomes ordinary text.',
    },
    messages: {
      noLevel: { da: 'Typografien "{style}" hedder som en overskrift men har intet dispositionsniveau.', en: 'The style "{style}" is named as a heading but has no outline level.' },
    },
    examples: [
      {
        valid: false,
        description: { da: 'En overskriftstypografi uden dispositionsniveau.', en: 'A heading style without an outline level.' },
        doc: { xml: '<w:p><w:pPr><w:pStyle w:val="MinOverskrift"/></w:pPr><w:r><w:t>Afgørelse</w:t></w:r></w:p>', styles: '<w:style w:type="paragraph" w:styleId="MinOverskrift"><w:name w:val="heading 2"/><w:rPr><w:b/></w:rPr></w:style>' },
      },
      { valid: true, description: { da: 'Word\'s indbyggede Overskrift 1.', en: "Word's built-in Heading 1." }, doc: { body: ['# Afgørelse'] } },
    ],
  },
  check(model, ctx) {
    const seen = new Set<string>();
    for (const p of model.paragraphs) {
      if (!p.styleId || seen.has(p.styleId)) continue;
      if (ctx.styles.builtinHeading(p.styleId) === undefined || ctx.styles.outlineLevel(p) !== undefined) continue;
      seen.add(p.styleId);
      ctx.report('noLevel', { style: ctx.styles.name(p.styleId) ?? p.styleId }, placeOfParagraph(model, p));
    }
  },
};
