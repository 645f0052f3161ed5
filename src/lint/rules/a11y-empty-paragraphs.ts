/** a11y-empty-paragraphs: empty paragraphs, repeated spaces or tabs used for layout. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

export const a11yEmptyParagraphs: Rule = {
  meta: {
    id: 'a11y-empty-paragraphs',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Tomme afsnit, gentagne mellemrum eller tabulatorer brugt til at lave luft og placere tekst. En skærmlæser læser dem op som "tom"; brug afstand før og efter afsnit og indrykning i stedet.',
      en: 'Empty paragraphs, repeated spaces or tabs used to make room or place text. A screen reader reads them as "blank"; use spacing before and after paragraphs and indentation instead.',
    },
    messages: {
      empty: { da: '{count} tomme afsnit i træk bruges som luft.', en: '{count} empty paragraphs in a row are used as space.' },
      spaces: { da: 'Gentagne mellemrum eller tabulatorer bruges til at placere tekst.', en: 'Repeated spaces or tabs are used to place text.' },
    },
    examples: [
      { valid: false, description: { da: 'To tomme afsnit som luft.', en: 'Two empty paragraphs as space.' }, doc: { body: ['Kære Karen', '', '', 'Tekst.'] } },
      { valid: false, description: { da: 'Mellemrum til at rykke tekst.', en: 'Spaces to move text.' }, doc: { body: ['Dato:          5. januar 2026'] } },
      { valid: true, description: { da: 'Ingen tomme afsnit.', en: 'No empty paragraphs.' }, doc: { body: ['Kære Karen', 'Tekst.'] } },
    ],
  },
  check(model, ctx) {
    let run: typeof model.paragraphs = [];
    const flush = (): void => {
      if (run.length >= 2) ctx.report('empty', { count: run.length }, placeOfParagraph(model, run[0]!));
      run = [];
    };
    let story = model.paragraphs[0]?.story;
    for (const p of model.paragraphs) {
      if (p.story !== story) {
        flush();
        story = p.story;
      }
      const empty = !p.text.trim() && !p.objects && !p.fields.length && !p.markInField && !p.lastInContainer && !/<w:sectPr\b/.test(p.pPr);
      if (empty) run.push(p);
      else flush();
      if (/ {3,}|\t{2,}/.test(p.text.trim()) || /^[ \t]{3,}\S/.test(p.text)) ctx.report('spaces', {}, placeOfParagraph(model, p));
    }
    flush();
  },
};
