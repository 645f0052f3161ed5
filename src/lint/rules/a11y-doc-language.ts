/** a11y-doc-language: no document language. */
import type { Rule } from '../types.js';

export const a11yDocLanguage: Rule = {
  meta: {
    id: 'a11y-doc-language',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Dokumentet har intet sprog (standardtypografiens sprog eller dokumentegenskaberne). Uden sprog læser skærmlæseren dansk med forkert udtale (WCAG 3.1.1).',
      en: 'The document has no language (in the default style or the document properties). Without one a screen reader reads Danish with the wrong pronunciation (WCAG 3.1.1).',
    },
    messages: { missing: { da: 'Dokumentet har intet sprog; sæt sproget til dansk.', en: 'The document has no language; set it to Danish.' } },
    examples: [
      { valid: false, description: { da: 'Intet sprog.', en: 'No language.' }, doc: { body: ['Tekst.'], lang: null } },
      { valid: true, description: { da: 'Dansk som standardsprog.', en: 'Danish as the default language.' }, doc: { body: ['Tekst.'], lang: 'da-DK' } },
    ],
  },
  check(model, ctx) {
    const defaults = model.styles?.docDefaults ?? '';
    if (/<w:lang\b[^>]*\sw:val="[^"]+"/.test(defaults) || model.core.language) return;
    const styled = [...(model.styles?.styles.values() ?? [])].some((s) => s.isDefault && s.type === 'paragraph' && /<w:lang\b[^>]*\sw:val="/.test(s.xml));
    if (!styled) ctx.report('missing', {}, { template: model.file, part: 'word/styles.xml' });
  },
};
