/** field-structure: a field that begins and ends in different containers. */
import type { Rule } from '../types.js';
import { fieldPlace } from '../helpers.js';

export const fieldStructure: Rule = {
  meta: {
    id: 'field-structure',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et felt der begynder i én tabelcelle (eller et link) og slutter i en anden; det kan ikke flettes sikkert, og brevet afvises.',
      en: 'A field that begins in one table cell (or link) and ends in another; it cannot be merged safely and the letter is refused.',
    },
    messages: {
      crosses: {
        da: 'Feltet begynder og slutter i forskellige dele af dokumentet (fx to tabelceller); flyt hele feltet ind i én celle.',
        en: 'The field begins and ends in different parts of the document (e.g. two table cells); move the whole field into one cell.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'crosses', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Et felt der starter i én celle og slutter i den næste.', en: 'A field that starts in one cell and ends in the next.' },
        doc: {
          xml: '<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD Borger.Navn </w:instrText></w:r></w:p></w:tc><w:tc><w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>',
        },
      },
      {
        valid: true,
        description: { da: 'Feltet står helt i én celle.', en: 'The field stands wholly in one cell.' },
        doc: { body: ['{ MERGEFIELD Borger.Navn }'] },
      },
    ],
  },
  create(ctx) {
    return {
      story(plan) {
        for (const f of plan.broken) ctx.report('crosses', {}, fieldPlace(ctx.model, f));
      },
    };
  },
};
