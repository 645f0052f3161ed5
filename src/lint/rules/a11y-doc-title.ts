/** a11y-doc-title: no document title in the core properties. */
import type { Rule } from '../types.js';

export const a11yDocTitle: Rule = {
  meta: {
    id: 'a11y-doc-title',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Dokumentet har ingen titel i egenskaberne (Filer > Oplysninger > Titel). Titlen vises i PDF-læsere og læses op af skærmlæsere (WCAG 2.4.2).',
      en: 'The document has no title in its properties (File > Info > Title). PDF readers show it and screen readers read it (WCAG 2.4.2).',
    },
    messages: { missing: { da: 'Dokumentet har ingen titel.', en: 'The document has no title.' } },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'missing', part: 'docProps/core.xml' }],
        description: { da: 'Ingen titel.', en: 'No title.' },
        doc: { body: ['Tekst.'], title: null },
      },
      { valid: true, description: { da: 'Titel sat.', en: 'Title set.' }, doc: { body: ['Tekst.'], title: 'Bevilling af helbredstillægskort' } },
    ],
  },
  create(ctx) {
    return {
      document(model) {
        if (!model.core.title) ctx.report('missing', {}, { template: model.file, part: 'docProps/core.xml' });
      },
    };
  },
};
