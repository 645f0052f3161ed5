/** a11y-heading-outline: heading styles without an outline level. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

/** A custom style whose name says heading (Danish or English), e.g. "Overskrift 1". */
const NAMED_HEADING = /^(?:heading|overskrift)(?:\s*\d)?$/i;

export const a11yHeadingOutline: Rule = {
  meta: {
    id: 'a11y-heading-outline',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'En overskriftstypografi uden dispositionsniveau: Words indbyggede (heading 1-9) eller en egen typografi hvis navn siger overskrift ("Overskrift 1"). Overskrifter findes i den mærkede PDF ud fra dispositionsniveauet; uden det bliver overskriften til almindelig tekst.',
      en: 'A heading style without an outline level: Word\'s built-in ones (heading 1-9) or a custom style whose name says heading ("Overskrift 1"). Headings in the tagged PDF are found by outline level; without one the heading becomes ordinary text.',
    },
    messages: {
      noLevel: {
        da: 'Typografien "{style}" hedder som en overskrift men har intet dispositionsniveau.',
        en: 'The style "{style}" is named as a heading but has no outline level.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'noLevel', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En overskriftstypografi uden dispositionsniveau.', en: 'A heading style without an outline level.' },
        doc: {
          xml: '<w:p><w:pPr><w:pStyle w:val="MinOverskrift"/></w:pPr><w:r><w:t>Afgørelse</w:t></w:r></w:p>',
          styles: '<w:style w:type="paragraph" w:styleId="MinOverskrift"><w:name w:val="heading 2"/><w:rPr><w:b/></w:rPr></w:style>',
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'noLevel', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'En egen typografi med navnet "Overskrift 1", fed og stor, men uden dispositionsniveau.',
          en: 'A custom style named "Overskrift 1", bold and large, but without an outline level.',
        },
        doc: {
          xml: '<w:p><w:pPr><w:pStyle w:val="Overskrift10"/></w:pPr><w:r><w:t>Afgørelse</w:t></w:r></w:p><w:p><w:r><w:t>Vi har behandlet din ansøgning.</w:t></w:r></w:p>',
          styles:
            '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Overskrift10"><w:name w:val="Overskrift 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>',
        },
      },
      { valid: true, description: { da: "Word's indbyggede Overskrift 1.", en: "Word's built-in Heading 1." }, doc: { body: ['# Afgørelse'] } },
    ],
  },
  create(ctx) {
    const seen = new Set<string>();
    return {
      paragraph(p) {
        if (!p.styleId || seen.has(p.styleId)) return;
        const named = ctx.styles.builtinHeading(p.styleId) !== undefined || NAMED_HEADING.test(ctx.styles.name(p.styleId) ?? '');
        if (!named || ctx.styles.outlineLevel(p) !== undefined) return;
        seen.add(p.styleId);
        ctx.report('noLevel', { style: ctx.styles.name(p.styleId) ?? p.styleId }, placeOfParagraph(ctx.model, p));
      },
    };
  },
};
