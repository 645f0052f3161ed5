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
      da: 'Et flettespørgsmål der bruges i feltkoderne, men ikke er slået til (krydset af) på skabelonen; sagsbehandleren bliver aldrig spurgt. I en masterskabelon eller et indholdselement skal spørgsmålet være slået til på hvert brev, der bruger det.',
      en: 'A flettespørgsmål used in the field codes but not enabled (ticked) on the template; the caseworker is never asked. In a master or content element the question must be enabled on every letter that uses it.',
    },
    messages: {
      notEnabled: {
        da: 'Flettespørgsmålet "{key}" bruges, men er ikke slået til på skabelonen.',
        en: 'The flettespørgsmål "{key}" is used but not enabled on the template.',
      },
      notEnabledIn: {
        da: 'Flettespørgsmålet "{key}" bruges her, men er ikke slået til på disse breve, der bruger skabelonen: {letters}.',
        en: 'The flettespørgsmål "{key}" is used here but not enabled on these letters that use the template: {letters}.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'notEnabled', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Spørgsmålet bruges, men kun et andet er slået til.', en: 'The question is used but only another is enabled.' },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'],
          settings: { questions: ['flettespoergsmaal-10024'] },
        },
      },
      {
        valid: true,
        description: { da: 'Spørgsmålet er slået til.', en: 'The question is enabled.' },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'],
          settings: { questions: ['flettespoergsmaal-10023'] },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'notEnabledIn', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Et indholdselement bruger et spørgsmål, som ét af brevene med elementet ikke har slået til (ifølge manifestet har np_1011 det slået til, np_1016 ikke).',
          en: 'A content element uses a question that one of the letters with the element has not enabled (by the manifest np_1011 has it enabled, np_1016 does not).',
        },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Ring til os, hvis du ikke har regningen." }'],
          settings: {
            kind: 'indholdselement',
            usedBy: [
              { letter: 'np_1011', questions: ['flettespoergsmaal-10023'] },
              { letter: 'np_1016', questions: [] },
            ],
          },
        },
      },
      {
        valid: true,
        description: {
          da: 'Alle breve med indholdselementet har spørgsmålet slået til (her kun np_1011).',
          en: 'Every letter with the content element has the question enabled (here only np_1011).',
        },
        doc: {
          body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Ring til os, hvis du ikke har regningen." }'],
          settings: { kind: 'indholdselement', usedBy: [{ letter: 'np_1011', questions: ['flettespoergsmaal-10023'] }] },
        },
      },
    ],
  },
  create(ctx) {
    const seen = new Set<string>();
    if (ctx.settings.kind === 'master' || ctx.settings.kind === 'indholdselement') {
      // A part: every letter it goes into must have the question enabled.
      const users = ctx.settings.usedBy;
      if (!users?.length) return {};
      return {
        field(f) {
          const key = questionKey(f);
          if (key === undefined || inCachedResult(f) || seen.has(key)) return;
          seen.add(key);
          const missing = users.filter((u) => !u.questions.includes(key)).map((u) => u.letter);
          if (missing.length) ctx.report('notEnabledIn', { key, letters: missing.join(', ') }, fieldPlace(ctx.model, f));
        },
      };
    }
    const enabled = ctx.settings.questions;
    if (!enabled) return {};
    return {
      field(f) {
        const key = questionKey(f);
        if (key === undefined || inCachedResult(f) || enabled.includes(key) || seen.has(key)) return;
        seen.add(key);
        ctx.report('notEnabled', { key }, fieldPlace(ctx.model, f));
      },
    };
  },
};
