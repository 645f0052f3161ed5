/** a11y-fake-heading: a short, bold or large paragraph made to look like a heading without being one. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

export const a11yFakeHeading: Rule = {
  meta: {
    id: 'a11y-fake-heading',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Et kort afsnit i fed eller stor skrift der ligner en overskrift, men ikke er formateret som en. Skærmlæsere og den mærkede PDF kender det ikke som overskrift; brug en overskriftstypografi (WCAG 1.3.1).',
      en: 'A short paragraph in bold or large type that looks like a heading but is not formatted as one. Screen readers and the tagged PDF do not know it as a heading; use a heading style (WCAG 1.3.1).',
    },
    messages: { fake: { da: '"{text}" ser ud som en overskrift, men er formateret med fed eller stor skrift; brug en overskriftstypografi.', en: '"{text}" looks like a heading but is formatted with bold or large type; use a heading style.' } },
    examples: [
      { valid: false, description: { da: 'Fed tekst som overskrift.', en: 'Bold text as a heading.' }, doc: { body: ['**Begrundelse**', 'Vi giver dig afslag, fordi din formue er for stor.'] } },
      { valid: true, description: { da: 'En rigtig overskrift.', en: 'A real heading.' }, doc: { body: ['## Begrundelse', 'Vi giver dig afslag, fordi din formue er for stor.'] } },
    ],
  },
  check(model, ctx) {
    for (const p of model.paragraphs) {
      const text = p.text.trim();
      if (!text || p.fields.length || p.inTable || text.length > 80 || /[.:;,!?]$/.test(text) || text.split(/\s+/).length > 12) continue;
      if (ctx.styles.headingLevel(p) !== undefined || p.story.label || p.story.part !== model.template.package.mainPart) continue;
      const runs = p.runs.filter((r) => r.text.trim());
      if (!runs.length) continue;
      const looks = runs.map((r) => ctx.styles.look(p, r.rPr));
      const normal = ctx.styles.look({ ...p, pPr: '', styleId: undefined }, '');
      const headingLike = looks.every((l) => l.bold && !normal.bold) || looks.every((l) => l.size >= Math.max(28, normal.size + 4));
      if (headingLike) ctx.report('fake', { text: text.slice(0, 60) }, placeOfParagraph(model, p));
    }
  },
};
