/** question-not-enabled: a Question: key used in the codes but not enabled (ticked) for the template. */
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, questionKey } from '../helpers.js';

export const questionNotEnabled: Rule = {
  meta: {
    id: 'question-not-enabled',
    severity: 'error',
    category: 'questions',
    accessibility: false,
    description: {
      da: 'Et flettespørgsmål der bruges i feltkoderne, men ikke er slået til (krydset af) på skabelonen; sagsbehandleren bliver aldrig spurgt.',
      en: 'A flettespørgsmål used in the field codes but not enabled (ticked) on the template; the caseworker is never asked.',
    },
    messages: {
      notEnabled: {
        da: 'Flettespørgsmålet "{key}" bruges, men er ikke slået til på skabelonen.',
        en: 'The flettespørgsmål "{key}" is used but not enabled on the template.',
      },
    },
    examples: [
      {
        valid: false,
        description: { da: 'Spørgsmålet bruges, men kun et andet er slået til.', en: 'The question is used but only another is enabled.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'], settings: { questions: ['flettespoergsmaal-10024'] } },
      },
      {
        valid: true,
        description: { da: 'Spørgsmålet er slået til.', en: 'The question is enabled.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'], settings: { questions: ['flettespoergsmaal-10023'] } },
      },
    ],
  },
  check(model, ctx) {
    const enabled = ctx.settings.questions;
    if (!enabled || ctx.settings.kind === 'master' || ctx.settings.kind === 'indholdselement') return;
    const seen = new Set<string>();
    for (const f of model.template.fieldNodes) {
      const key = questionKey(f);
      if (key === undefined || inCachedResult(f) || enabled.includes(key) || seen.has(key)) continue;
      seen.add(key);
      ctx.report('notEnabled', { key }, fieldPlace(model, f));
    }
  },
};
