/** a11y-heading-order: a heading level skipped, or a document that starts below level 1. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

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
      skipped: { da: 'Overskriften er på niveau {level} efter niveau {previous}; niveau {missing} springes over.', en: 'The heading is at level {level} after level {previous}; level {missing} is skipped.' },
      start: { da: 'Dokumentets første overskrift er på niveau {level}; den første bør være på niveau 1.', en: "The document's first heading is at level {level}; the first should be at level 1." },
    },
    examples: [
      { valid: false, description: { da: 'Niveau 1 og så 3.', en: 'Level 1 then 3.' }, doc: { body: ['# Afgørelse', '### Begrundelse', 'Tekst.'] } },
      { valid: true, description: { da: 'Niveau 1 og så 2.', en: 'Level 1 then 2.' }, doc: { body: ['# Afgørelse', '## Begrundelse', 'Tekst.'] } },
    ],
  },
  check(model, ctx) {
    let previous: number | undefined;
    for (const p of model.paragraphs) {
      if (p.story.part !== model.template.package.mainPart || p.story.label) continue;
      const level = ctx.styles.headingLevel(p);
      if (level === undefined) continue;
      if (previous === undefined) {
        if (level > 1 && ctx.settings.kind !== 'indholdselement') ctx.report('start', { level }, placeOfParagraph(model, p));
      } else if (level > previous + 1) {
        ctx.report('skipped', { level, previous, missing: previous + 1 }, placeOfParagraph(model, p));
      }
      previous = level;
    }
  },
};
