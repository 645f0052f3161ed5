/** question-value: a question compared with anything but "J" or "N", or not with = / <>. */
import { argumentText } from '../../fieldcode/index.js';
import type { FieldNode } from '../../ooxml/fields.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, mergeFieldName, questionConditions } from '../helpers.js';
import { QUESTION_PREFIX } from '../../fieldcode/names.js';

export const questionValue: Rule = {
  meta: {
    id: 'question-value',
    severity: 'error',
    category: 'questions',
    accessibility: false,
    description: {
      da: 'Et flettespørgsmål kan kun besvares "J" eller "N"; en sammenligning med andet (fx "Ja" eller "j") eller med <, > giver altid samme resultat.',
      en: 'A flettespørgsmål can only be answered "J" or "N"; a comparison with anything else (e.g. "Ja" or "j") or with <, > always gives the same result.',
    },
    messages: {
      value: {
        da: 'Flettespørgsmålet "{key}" sammenlignes med "{value}"; svaret er altid "J" eller "N".',
        en: 'The flettespørgsmål "{key}" is compared with "{value}"; the answer is always "J" or "N".',
      },
      operator: {
        da: 'Flettespørgsmålet "{key}" sammenlignes med {operator}; brug = eller <>.',
        en: 'The flettespørgsmål "{key}" is compared with {operator}; use = or <>.',
      },
      printed: {
        da: 'Flettespørgsmålet "{key}" flettes direkte ind i teksten (som "J" eller "N"); det hører hjemme i en IF-betingelse.',
        en: 'The flettespørgsmål "{key}" is merged straight into the text (as "J" or "N"); it belongs in an IF condition.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'operator', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Sammenligning med > i stedet for = eller <>.', en: 'A comparison with > instead of = or <>.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } > "J" "Vi mangler regningen." }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'printed', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Spørgsmålet flettes direkte ind i teksten i stedet for at stå i en betingelse.',
          en: 'The question is merged straight into the text instead of standing in a condition.',
        },
        doc: { body: ['Mangler regning: { MERGEFIELD Question:flettespoergsmaal-10023 }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'value', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Sammenligning med "Ja".', en: 'A comparison with "Ja".' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "Ja" "Vi mangler regningen." }'] },
      },
      {
        valid: true,
        description: { da: 'Sammenligning med "J".', en: 'A comparison with "J".' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'] },
      },
      {
        valid: true,
        description: { da: 'Forskellig fra "N" med <>.', en: 'Different from "N" with <>.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } <> "N" "Vi mangler regningen." }'] },
      },
    ],
  },
  create(ctx) {
    // Question fields in an IF's condition, and the others (printed), reported after the
    // conditions' findings of their story.
    const inCondition = new Set<FieldNode>();
    let questions: FieldNode[] = [];
    return {
      field(f) {
        const name = mergeFieldName(f);
        if (name?.startsWith(QUESTION_PREFIX)) questions.push(f);
        for (const { ins, question, key, side } of questionConditions(f)) {
          inCondition.add(question);
          if (inCachedResult(f)) continue;
          if (ins.operator && ins.operator !== '=' && ins.operator !== '<>') ctx.report('operator', { key, operator: ins.operator }, fieldPlace(ctx.model, f));
          const other = side === 'left' ? ins.right : ins.left;
          if (!other || other.parts.some((p) => p.type === 'field')) continue;
          const value = argumentText(other);
          if (value !== 'J' && value !== 'N') ctx.report('value', { key, value }, fieldPlace(ctx.model, f));
        }
      },
      'story:exit'() {
        for (const f of questions) {
          if (inCondition.has(f) || inCachedResult(f)) continue;
          ctx.report('printed', { key: mergeFieldName(f)!.slice(QUESTION_PREFIX.length) }, fieldPlace(ctx.model, f));
        }
        questions = [];
      },
    };
  },
};
