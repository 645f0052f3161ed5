/** a11y-contrast: text colour against its background below 4.5:1 (3:1 for large text). */
import { contrastRatio } from '../colors.js';
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

export const a11yContrast: Rule = {
  meta: {
    id: 'a11y-contrast',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Tekstfarve mod baggrund med kontrast under 4,5:1 (3:1 for stor tekst: 18 pkt., eller 14 pkt. fed). Farver findes gennem typografier, temafarver, markering og skygge (WCAG 1.4.3).',
      en: 'Text colour against its background below 4.5:1 (3:1 for large text: 18 pt, or 14 pt bold). Colours are resolved through styles, theme colours, highlighting and shading (WCAG 1.4.3).',
    },
    messages: {
      low: {
        da: 'Teksten "{text}" har kontrasten {ratio}:1 (farve #{color} på #{background}); mindst {needed}:1 kræves.',
        en: 'The text "{text}" has a contrast of {ratio}:1 (colour #{color} on #{background}); at least {needed}:1 is required.',
      },
    },
    examples: [
      { valid: false, description: { da: 'Lysegrå tekst på hvid.', en: 'Light grey text on white.' }, doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="BFBFBF"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' } },
      { valid: true, description: { da: 'Mørkegrå tekst på hvid.', en: 'Dark grey text on white.' }, doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="595959"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' } },
    ],
  },
  check(model, ctx) {
    for (const p of model.paragraphs) {
      for (const run of p.runs) {
        if (!run.text.trim()) continue;
        const look = ctx.styles.look(p, run.rPr);
        const color = look.color ?? '000000';
        const background = look.background ?? 'FFFFFF';
        const large = look.size >= 36 || (look.bold && look.size >= 28);
        const needed = large ? 3 : 4.5;
        const ratio = contrastRatio(color, background);
        if (ratio < needed) {
          ctx.report('low', { text: run.text.trim().slice(0, 40), ratio: ratio.toFixed(2).replace('.', ','), color, background, needed: String(needed).replace('.', ',') }, placeOfParagraph(model, p));
          break;
        }
      }
    }
  },
};
