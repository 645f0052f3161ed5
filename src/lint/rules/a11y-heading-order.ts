/** a11y-heading-order: a heading level skipped, or a document that starts below level 1. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

const P = (style: string, text: string): string => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;

/** Heading styles as Danish Word saves them: id "Overskrift<n>", built-in name "heading <n>". */
const DANISH = (levels: number[], outline: boolean): string =>
  levels
    .map(
      (n) =>
        `<w:style w:type="paragraph" w:styleId="Overskrift${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Overskrift${n}Tegn"/><w:uiPriority w:val="9"/><w:qFormat/>` +
        `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240"/>${outline ? `<w:outlineLvl w:val="${n - 1}"/>` : ''}</w:pPr><w:rPr><w:b/><w:sz w:val="${34 - n * 2}"/></w:rPr></w:style>`,
    )
    .join('');

export const a11yHeadingOrder: Rule = {
  meta: {
    id: 'a11y-heading-order',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Et overskriftsniveau der springes over (1 og så 3), eller et dokument der begynder under niveau 1. Overskrifter findes ud fra typografiens indbyggede navn ("heading 1", som dansk Word viser som Overskrift 1) eller dispositionsniveau, ikke ud fra typografiens id.',
      en: 'A heading level skipped (1 then 3), or a document that starts below level 1. Headings are found by the style\'s built-in name ("heading 1", shown as Overskrift 1 in Danish Word) or outline level, not by the style id.',
    },
    messages: {
      skipped: {
        da: 'Overskriften er på niveau {level} efter niveau {previous}; niveau {missing} springes over.',
        en: 'The heading is at level {level} after level {previous}; level {missing} is skipped.',
      },
      start: {
        da: 'Dokumentets første overskrift er på niveau {level}; den første bør være på niveau 1.',
        en: "The document's first heading is at level {level}; the first should be at level 1.",
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'skipped', part: 'word/document.xml', paragraph: 2 }],
        description: { da: 'Niveau 1 og så 3.', en: 'Level 1 then 3.' },
        doc: { body: ['# Afgørelse', '### Begrundelse', 'Tekst.'] },
      },
      { valid: true, description: { da: 'Niveau 1 og så 2.', en: 'Level 1 then 2.' }, doc: { body: ['# Afgørelse', '## Begrundelse', 'Tekst.'] } },
      {
        valid: false,
        errors: [{ messageId: 'start', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Dokumentet begynder med en overskrift på niveau 2.', en: 'The document starts with a level 2 heading.' },
        doc: { body: ['## Begrundelse', 'Tekst.'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'skipped', part: 'word/document.xml', paragraph: 3 }],
        description: {
          da: 'Dansk Word: typografierne hedder Overskrift1 og Overskrift3 (id), men deres indbyggede navne er "heading 1" og "heading 3"; niveau 2 springes over.',
          en: 'Danish Word: the styles are Overskrift1 and Overskrift3 (ids), but their built-in names are "heading 1" and "heading 3"; level 2 is skipped.',
        },
        doc: { xml: P('Overskrift1', 'Afgørelse') + P('', 'Tekst.') + P('Overskrift3', 'Begrundelse') + P('', 'Tekst.'), styles: DANISH([1, 3], true) },
      },
      {
        valid: false,
        errors: [{ messageId: 'skipped', part: 'word/document.xml', paragraph: 3 }],
        description: {
          da: 'Samme typografier uden dispositionsniveau: de findes stadig ved deres indbyggede navn.',
          en: 'The same styles without outline levels: they are still found by their built-in names.',
        },
        doc: { xml: P('Overskrift1', 'Afgørelse') + P('', 'Tekst.') + P('Overskrift3', 'Begrundelse') + P('', 'Tekst.'), styles: DANISH([1, 3], false) },
      },
      {
        valid: true,
        description: {
          da: 'En egen typografi med id\'et "Heading4" men navnet "Fed brødtekst" og intet dispositionsniveau er ikke en overskrift.',
          en: 'A custom style with the id "Heading4" but the name "Fed brødtekst" and no outline level is not a heading.',
        },
        doc: {
          xml: P('Heading1', 'Afgørelse') + P('', 'Tekst.') + P('Heading4', 'Vigtigt at vide') + P('', 'Tekst.'),
          styles:
            '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Heading4"><w:name w:val="Fed brødtekst"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>',
        },
      },
      {
        valid: true,
        description: {
          da: 'En overskrift på niveau 3 i sidehovedet tæller ikke: kun brødtekstens overskrifter.',
          en: "A level 3 heading in the page header does not count: only the body's headings do.",
        },
        doc: { header: P('Heading3', 'Sønderborg Kommune'), body: ['# Afgørelse', 'Tekst.'] },
      },
    ],
  },
  create(ctx) {
    const mainPart = ctx.model.template.package.mainPart;
    let previous: number | undefined;
    return {
      paragraph(p) {
        if (p.story.part !== mainPart || p.story.label) return;
        const level = ctx.styles.headingLevel(p);
        if (level === undefined) return;
        if (previous === undefined) {
          if (level > 1 && ctx.settings.kind !== 'indholdselement') ctx.report('start', { level }, placeOfParagraph(ctx.model, p));
        } else if (level > previous + 1) {
          ctx.report('skipped', { level, previous, missing: previous + 1 }, placeOfParagraph(ctx.model, p));
        }
        previous = level;
      },
    };
  },
};
