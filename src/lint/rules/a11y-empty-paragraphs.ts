/** a11y-empty-paragraphs: empty paragraphs, repeated spaces or tabs used for layout. */
import type { ParagraphModel } from '../model.js';
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

/** A MERGEFIELD as Word saves it, with its cached result. */
const FIELD = (name: string): string =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD ${name} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«${name}»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
const TABS = (n: number): string => `<w:r><w:t>Dato:</w:t></w:r><w:r>${'<w:tab/>'.repeat(n)}</w:r>`;
const CELL = (text: string): string => `<w:tc><w:p>${text ? `<w:r><w:t>${text}</w:t></w:r>` : ''}</w:p></w:tc>`;

/** Three or more spaces, or two or more tabs, in static text: at the start, between words, or
 * before a field (`Dato:\t\t\t{ MERGEFIELD Brev.Dato }`). Only what trails the paragraph's
 * last text is ignored: nothing stands after it. */
function layoutSpaces(segments: readonly string[]): boolean {
  return segments.some((s, i) => / {3,}|\t{2,}/.test(i === segments.length - 1 ? s.trimEnd() : s));
}

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
      empty: {
        da: '{count:tomt afsnit|tomme afsnit} i træk bruges som luft.',
        en: '{count:empty paragraph in a row is|empty paragraphs in a row are} used as space.',
      },
      spaces: { da: 'Gentagne mellemrum eller tabulatorer bruges til at placere tekst.', en: 'Repeated spaces or tabs are used to place text.' },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'empty', part: 'word/document.xml', paragraph: 2 }],
        description: { da: 'To tomme afsnit som luft.', en: 'Two empty paragraphs as space.' },
        doc: { body: ['Kære Karen', '', '', 'Tekst.'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'spaces', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Mellemrum til at rykke tekst.', en: 'Spaces to move text.' },
        doc: { body: ['Dato:          5. januar 2026'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'spaces', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Tabulatorer der skubber et flettefelt sidst på linjen på plads.',
          en: 'Tabs that push a merge field at the end of the line into place.',
        },
        doc: { xml: `<w:p>${TABS(3)}${FIELD('Brev.Dato')}</w:p>` },
      },
      {
        valid: false,
        errors: [{ messageId: 'spaces', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Mellemrum foran et flettefelt.', en: 'Spaces before a merge field.' },
        doc: { body: ['Sagsnummer:          { MERGEFIELD Sag.Nummer }'] },
      },
      { valid: true, description: { da: 'Ingen tomme afsnit.', en: 'No empty paragraphs.' }, doc: { body: ['Kære Karen', 'Tekst.'] } },
      {
        valid: true,
        description: { da: 'Én tabulator foran et flettefelt.', en: 'One tab before a merge field.' },
        doc: { xml: `<w:p>${TABS(1)}${FIELD('Brev.Dato')}</w:p>` },
      },
      {
        valid: true,
        description: { da: 'Tomme tabelceller: cellens afsnit er ikke luft.', en: "Empty table cells: a cell's paragraph is not space." },
        doc: {
          xml: `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>${CELL('Udgift')}${CELL('Tilskud')}</w:tr><w:tr>${CELL('Medicin')}${CELL('')}</w:tr><w:tr>${CELL('')}${CELL('85 %')}</w:tr></w:tbl><w:p/>`,
        },
      },
    ],
  },
  create(ctx) {
    // Empty paragraphs in a row, within one story.
    let run: ParagraphModel[] = [];
    const flush = (): void => {
      if (run.length >= 2) ctx.report('empty', { count: run.length }, placeOfParagraph(ctx.model, run[0]!));
      run = [];
    };
    return {
      paragraph(p) {
        const empty = !p.text.trim() && !p.objects && !p.fields.length && !p.markInField && !p.lastInContainer && !/<w:sectPr\b/.test(p.pPr);
        if (empty) run.push(p);
        else flush();
        if (layoutSpaces(p.segments)) ctx.report('spaces', {}, placeOfParagraph(ctx.model, p));
      },
      'story:exit': flush,
    };
  },
};
