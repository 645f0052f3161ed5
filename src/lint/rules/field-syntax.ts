/** field-syntax: a field code that does not parse, or a field that never ends. */
import { formatMessage } from '../../i18n/index.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, paragraphPlace } from '../helpers.js';

export const fieldSyntax: Rule = {
  meta: {
    id: 'field-syntax',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'En feltkode der ikke kan læses (anførselstegn der ikke lukkes, manglende sammenligning, ukendt parameter), eller et felt der aldrig slutter.',
      en: 'A field code that does not parse (unterminated quote, missing comparison, unknown switch), or a field that never ends.',
    },
    messages: {
      problem: { da: '{problem}', en: '{problemEn}' },
      unclosed: {
        da: 'Et felt begynder her men slutter aldrig; Word ignorerer det.',
        en: 'A field begins here but never ends; Word ignores it.',
      },
    },
    examples: [
      { valid: false, description: { da: 'Sammenligningen mangler (= er glemt).', en: 'The comparison is missing (= is forgotten).' }, doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } "J" "Tekst" }'] } },
      { valid: false, description: { da: 'Anførselstegnet lukkes aldrig.', en: 'The quotation mark is never closed.' }, doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Tekst }'] } },
      { valid: true, description: { da: 'En korrekt betingelse.', en: 'A correct condition.' }, doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Tekst" }'] } },
    ],
  },
  check(model, ctx) {
    for (const f of model.template.fieldNodes) {
      if (inCachedResult(f)) continue;
      for (const p of f.parsed.problems) {
        ctx.report('problem', { problem: formatMessage(p.code, p.params, 'da'), problemEn: formatMessage(p.code, p.params, 'en') }, { ...fieldPlace(model, f), offset: p.position.start });
      }
    }
    for (const plan of model.template.stories) {
      const seen = new Set<number>();
      for (const i of plan.stray) {
        const tok = plan.story.tokens[i]!;
        if (tok.t !== 'item' || tok.kind !== 'begin' || seen.has(tok.para)) continue;
        seen.add(tok.para);
        ctx.report('unclosed', {}, paragraphPlace(model, plan.story, tok.para));
      }
    }
  },
};
