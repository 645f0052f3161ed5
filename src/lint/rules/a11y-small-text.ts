/** a11y-small-text: very small text. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

export const a11ySmallText: Rule = {
  meta: {
    id: 'a11y-small-text',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Meget lille tekst (under 8 punkter) er svær at læse for mange, også når brevet printes.',
      en: 'Very small text (below 8 points) is hard to read for many, also when the letter is printed.',
    },
    messages: { small: { da: 'Teksten "{text}" er {size:punkt|punkter}; brug mindst 8.', en: 'The text "{text}" is {size:point|points}; use at least 8.' } },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'small', part: 'word/document.xml', paragraph: 1 }],
        description: { da: '7 punkter.', en: '7 points.' },
        doc: { xml: '<w:p><w:r><w:rPr><w:sz w:val="14"/></w:rPr><w:t>Sønderborg Kommune, Rådhustorvet 10</w:t></w:r></w:p>' },
      },
      {
        valid: true,
        description: { da: '9 punkter.', en: '9 points.' },
        doc: { xml: '<w:p><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>Sønderborg Kommune, Rådhustorvet 10</w:t></w:r></w:p>' },
      },
    ],
  },
  create(ctx) {
    return {
      paragraph(p) {
        const run = p.runs.find((r) => r.text.trim() && ctx.styles.look(p, r.rPr).size < 16);
        if (run)
          ctx.report(
            'small',
            { text: run.text.trim().slice(0, 40), size: String(ctx.styles.look(p, run.rPr).size / 2).replace('.', ',') },
            placeOfParagraph(ctx.model, p),
          );
      },
    };
  },
};
