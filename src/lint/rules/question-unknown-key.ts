/** question-unknown-key: a question key that does not exist in the target environment. */
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, questionKey } from '../helpers.js';

export const questionUnknownKey: Rule = {
  meta: {
    id: 'question-unknown-key',
    severity: 'error',
    category: 'questions',
    accessibility: false,
    description: {
      da: 'En nøgle til et flettespørgsmål der ikke findes i målmiljøet (--env), fx en nøgle fra træningsmiljøet i en skabelon til produktion. Brug kp-brev remap-keys.',
      en: 'A flettespørgsmål key that does not exist in the target environment (--env), e.g. a training key in a production template. Use kp-brev remap-keys.',
    },
    messages: {
      trainingKey: {
        da: 'Nøglen "{key}" hører til træningsmiljøet, men skabelonen er til produktion. Skriv nøglerne om med kp-brev remap-keys.',
        en: 'The key "{key}" belongs to the training environment but the template is for production. Rewrite the keys with kp-brev remap-keys.',
      },
      productionKey: {
        da: 'Nøglen "{key}" hører til produktionsmiljøet, men skabelonen er til træningsmiljøet. Skriv nøglerne om med kp-brev remap-keys.',
        en: 'The key "{key}" belongs to production but the template is for the training environment. Rewrite the keys with kp-brev remap-keys.',
      },
      unknown: { da: 'Nøglen "{key}" findes ikke i kataloget.', en: 'The key "{key}" is not in the catalog.' },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'trainingKey', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En træningsnøgle i en skabelon til produktion.', en: 'A training key in a production template.' },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-90023 } = "J" "Vi mangler regningen." }'],
          catalog: 'questions:\n  - key: flettespoergsmaal-10023\n    env: production\n  - key: flettespoergsmaal-90023\n    env: training\n',
          settings: { env: 'production' },
        },
      },
      {
        valid: true,
        description: { da: 'Produktionsnøglen.', en: 'The production key.' },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'],
          catalog: 'questions:\n  - key: flettespoergsmaal-10023\n    env: production\n  - key: flettespoergsmaal-90023\n    env: training\n',
          settings: { env: 'production' },
        },
      },
    ],
  },
  create(ctx) {
    const catalog = ctx.settings.catalog;
    if (!catalog) return {};
    const env = ctx.settings.env;
    const seen = new Set<string>();
    return {
      field(f) {
        const key = questionKey(f);
        if (key === undefined || inCachedResult(f) || seen.has(key)) return;
        seen.add(key);
        const q = catalog.questions.get(key);
        if (!q) ctx.report('unknown', { key }, fieldPlace(ctx.model, f));
        else if (q.env && q.env !== env) ctx.report(q.env === 'training' ? 'trainingKey' : 'productionKey', { key }, fieldPlace(ctx.model, f));
      },
    };
  },
};
