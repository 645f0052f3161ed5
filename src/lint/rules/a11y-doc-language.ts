/** a11y-doc-language: no document language. */
import type { Rule } from '../types.js';

export const a11yDocLanguage: Rule = {
  meta: {
    id: 'a11y-doc-language',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Dokumentet har intet sprog: hverken på teksten, i standardtypografierne eller i dokumentegenskaberne. Uden sprog læser skærmlæseren dansk med forkert udtale (WCAG 3.1.1).',
      en: 'The document has no language: not on its text, not in the default styles, not in the document properties. Without one a screen reader reads Danish with the wrong pronunciation (WCAG 3.1.1).',
    },
    messages: { missing: { da: 'Dokumentet har intet sprog; sæt sproget til dansk.', en: 'The document has no language; set it to Danish.' } },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'missing', part: 'word/styles.xml' }],
        description: { da: 'Intet sprog.', en: 'No language.' },
        doc: { body: ['Tekst.'], lang: null },
      },
      { valid: true, description: { da: 'Dansk som standardsprog.', en: 'Danish as the default language.' }, doc: { body: ['Tekst.'], lang: 'da-DK' } },
      {
        valid: true,
        description: {
          da: 'Sproget står kun i dokumentegenskaberne (dc:language i docProps/core.xml).',
          en: 'The language is only in the document properties (dc:language in docProps/core.xml).',
        },
        doc: { body: ['Tekst.'], lang: null, coreLang: 'da-DK' },
      },
      {
        valid: true,
        description: {
          da: 'Sproget står kun på teksten (w:lang på kørslerne), som når man markerer alt og vælger sprog.',
          en: 'The language is only on the text (w:lang on the runs), as when all is selected and a language chosen.',
        },
        doc: { xml: '<w:p><w:r><w:rPr><w:lang w:val="da-DK"/></w:rPr><w:t>Vi har modtaget din ansøgning.</w:t></w:r></w:p>', lang: null },
      },
    ],
  },
  create(ctx) {
    const { model } = ctx;
    if (ctx.styles.documentLanguage() || model.core.language) return {};
    // On the text itself: every run with text has a language, directly or from its styles.
    let runs = 0;
    let without = false;
    return {
      paragraph(p) {
        if (without) return;
        for (const r of p.runs) {
          if (!r.text.trim()) continue;
          runs++;
          if (ctx.styles.look(p, r.rPr).lang === undefined) {
            without = true;
            return;
          }
        }
      },
      'document:exit'() {
        if (runs && !without) return;
        ctx.report('missing', {}, { template: model.file, part: 'word/styles.xml' });
      },
    };
  },
};
