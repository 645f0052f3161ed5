/** field-typographic-quotes: typographic quotation marks as delimiters in field codes. */
import type { Argument } from '../../fieldcode/index.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult } from '../helpers.js';

export const fieldTypographicQuotes: Rule = {
  meta: {
    id: 'field-typographic-quotes',
    severity: 'info',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Typografiske anførselstegn (“ ” „) i en feltkode. Word og kp-brev læser dem som almindelige anførselstegn, men andre programmer gør ikke; Word laver dem selv om, når Autokorrektur er slået til.',
      en: 'Typographic quotation marks (“ ” „) in a field code. Word and kp-brev read them as plain quotes, but other programs do not; Word makes them itself when AutoCorrect is on.',
    },
    messages: {
      quotes: {
        da: 'Feltkoden bruger typografiske anførselstegn ({quote}); brug lige anførselstegn (").',
        en: 'The field code uses typographic quotation marks ({quote}); use straight quotes (").',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'quotes', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'KP-vejledningens skrivemåde ”J”.', en: "The KP guide's spelling ”J”." },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = ”J” ”Vi mangler regningen.” }'] },
      },
      {
        valid: true,
        description: { da: 'Lige anførselstegn.', en: 'Straight quotes.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }'] },
      },
    ],
  },
  create(ctx) {
    return {
      field(f) {
        if (inCachedResult(f)) return;
        const ins = f.parsed.instruction;
        const args: Argument[] =
          ins.type === 'IF'
            ? [ins.left, ins.right, ins.trueText, ins.falseText].filter((a): a is Argument => !!a)
            : ins.type === 'MERGEFIELD'
              ? [ins.name, ...ins.switches.map((s) => s.argument)].filter((a): a is Argument => !!a)
              : ins.type === 'field'
                ? ins.items.flatMap((i) => (i.type === 'argument' ? [i] : i.type === 'switch' && i.argument ? [i.argument] : []))
                : [];
        const curly = args.find((a) => a.quote !== null && a.quote !== '"');
        if (curly) ctx.report('quotes', { quote: curly.quote! }, fieldPlace(ctx.model, f));
      },
    };
  },
};
