/** unknown-field: a MERGEFIELD name that is not in the catalog, nor a question, flettetekst or content element. */
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, isCompositionName, mergeFieldName, QUESTION } from '../helpers.js';

export const unknownField: Rule = {
  meta: {
    id: 'unknown-field',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et flettefelt hvis navn ikke findes i kataloget og heller ikke er et flettespørgsmål, en flettetekst eller et indholdselement (ofte en stavefejl).',
      en: 'A merge field whose name is not in the catalog, nor a flettespørgsmål, flettetekst or content element (often a typo).',
    },
    messages: {
      unknown: { da: 'Flettefeltet "{field}" findes ikke i kataloget.', en: 'The merge field "{field}" is not in the catalog.' },
      element: { da: 'Indholdselementet "{id}" findes ikke.', en: 'The content element "{id}" does not exist.' },
      text: { da: 'Flettetekst "{id}" findes ikke.', en: 'The flettetekst "{id}" does not exist.' },
    },
    examples: [
      {
        valid: false,
        description: { da: 'Fornavn er stavet forkert.', en: 'Fornavn is misspelt.' },
        doc: { body: ['Kære { MERGEFIELD Borger.Fornvn }'], catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n' },
      },
      {
        valid: true,
        description: { da: 'Feltet findes i kataloget.', en: 'The field is in the catalog.' },
        doc: { body: ['Kære { MERGEFIELD Borger.Fornavn }'], catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n' },
      },
    ],
  },
  check(model, ctx) {
    const catalog = ctx.settings.catalog;
    if (!catalog) return;
    for (const f of model.template.fieldNodes) {
      const name = mergeFieldName(f);
      if (!name || inCachedResult(f) || name.startsWith(QUESTION) || name === 'Skabelon:Indhold') continue;
      if (name.startsWith('Indholdselement:')) {
        const id = name.slice('Indholdselement:'.length);
        if (ctx.settings.elements.size && !ctx.settings.elements.has(id)) ctx.report('element', { id }, fieldPlace(model, f));
        continue;
      }
      if (isCompositionName(name)) {
        if (ctx.settings.texts.size && !ctx.settings.texts.has(name)) ctx.report('text', { id: name }, fieldPlace(model, f));
        continue;
      }
      if (ctx.settings.texts.has(name) || catalog.fields.has(name)) continue;
      ctx.report('unknown', { field: name }, fieldPlace(model, f));
    }
  },
};
