/** tracked-changes: a template with tracked changes or comments. */
import type { Rule } from '../types.js';

export const trackedChanges: Rule = {
  meta: {
    id: 'tracked-changes',
    severity: 'warning',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Skabelonen har registrerede ændringer eller kommentarer. Godkend eller afvis ændringerne og slet kommentarerne, før skabelonen tages i brug; ellers kan de ende i borgerens brev.',
      en: "The template has tracked changes or comments. Accept or reject the changes and delete the comments before the template is used; otherwise they can end up in the citizen's letter.",
    },
    messages: {
      changes: { da: '{part} har registrerede ændringer.', en: '{part} has tracked changes.' },
      comments: { da: '{part} har kommentarer.', en: '{part} has comments.' },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'changes', part: 'word/document.xml' }],
        description: { da: 'En registreret indsættelse.', en: 'A tracked insertion.' },
        doc: { xml: '<w:p><w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>ny tekst</w:t></w:r></w:ins></w:p>' },
      },
      { valid: true, description: { da: 'Ingen ændringer.', en: 'No changes.' }, doc: { body: ['ny tekst'] } },
    ],
  },
  create(ctx) {
    return {
      // The part's markup: tracked changes and comments are not in the model's text.
      part(part) {
        const xml = ctx.model.partText(part);
        if (/<w:(?:ins|del|moveFrom|moveTo)\b[^>]*\sw:author=/.test(xml)) ctx.report('changes', { part }, { template: ctx.model.file, part });
        if (/<w:commentRangeStart\b|<w:commentReference\b/.test(xml)) ctx.report('comments', { part }, { template: ctx.model.file, part });
      },
    };
  },
};
