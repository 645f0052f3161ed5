/** question-unused: an enabled question that no code uses. */
import type { Rule } from '../types.js';
import { inCachedResult, questionKey } from '../helpers.js';

export const questionUnused: Rule = {
  meta: {
    id: 'question-unused',
    severity: 'warning',
    category: 'questions',
    accessibility: false,
    description: {
      da: 'Et flettespørgsmål der er slået til på skabelonen, men ikke bruges i nogen feltkode i brevet (beskedskabelonen, dens masterskabelon og dens indholdselementer); sagsbehandleren svarer forgæves.',
      en: 'A flettespørgsmål enabled on the template but used in no field code of the letter (the beskedskabelon, its master and its content elements); the caseworker answers in vain.',
    },
    messages: {
      unused: { da: 'Flettespørgsmålet "{key}" er slået til, men bruges ikke.', en: 'The flettespørgsmål "{key}" is enabled but not used.' },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'unused' }],
        description: { da: 'To spørgsmål er slået til, ét bruges.', en: 'Two questions are enabled, one is used.' },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'],
          settings: { questions: ['flettespoergsmaal-10023', 'flettespoergsmaal-10024'] },
        },
      },
      {
        valid: true,
        description: { da: 'Det slåede spørgsmål bruges.', en: 'The enabled question is used.' },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'],
          settings: { questions: ['flettespoergsmaal-10023'] },
        },
      },
      {
        valid: true,
        description: {
          da: 'Det andet slåede spørgsmål (flettespoergsmaal-10024) bruges i brevets indholdselement kontakt, ikke i selve beskedskabelonen.',
          en: "The other enabled question (flettespoergsmaal-10024) is used in the letter's content element kontakt, not in the beskedskabelon itself.",
        },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }', '{ MERGEFIELD Indholdselement:kontakt }'],
          settings: { kind: 'beskedskabelon', questions: ['flettespoergsmaal-10023', 'flettespoergsmaal-10024'], partQuestions: ['flettespoergsmaal-10024'] },
        },
      },
    ],
  },
  create(ctx) {
    const enabled = ctx.settings.questions;
    if (!enabled || (ctx.settings.kind !== 'beskedskabelon' && ctx.settings.kind !== 'file')) return {};
    const used = new Set<string>();
    return {
      field(f) {
        const key = inCachedResult(f) ? undefined : questionKey(f);
        if (key !== undefined) used.add(key);
      },
      // Unused is known only when every field has been seen.
      'document:exit'(model) {
        // Questions used in the master or a content element of the letter are used too.
        for (const key of ctx.settings.partQuestions ?? []) used.add(key);
        for (const key of enabled) {
          if (!used.has(key)) ctx.report('unused', { key }, { template: model.file });
        }
      },
    };
  },
};
