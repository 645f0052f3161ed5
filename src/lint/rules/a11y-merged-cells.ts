/** a11y-merged-cells: merged or split table cells. */
import type { Rule } from '../types.js';
import { paragraphPlace } from '../helpers.js';

export const a11yMergedCells: Rule = {
  meta: {
    id: 'a11y-merged-cells',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Flettede eller opdelte celler gør en tabel svær at læse med skærmlæser, fordi cellerne ikke længere ligger i faste rækker og kolonner (WCAG 1.3.1).',
      en: 'Merged or split cells make a table hard to read with a screen reader because the cells no longer sit in fixed rows and columns (WCAG 1.3.1).',
    },
    messages: { merged: { da: 'Tabellen har flettede celler.', en: 'The table has merged cells.' } },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'merged', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En celle flettet over to kolonner.', en: 'A cell merged across two columns.' },
        doc: {
          xml: '<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Beregning</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Pris</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>450 kr.</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>',
        },
      },
      {
        valid: true,
        description: { da: 'Ingen flettede celler.', en: 'No merged cells.' },
        doc: {
          xml: '<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Post</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Beløb</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Pris</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>450 kr.</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>',
        },
      },
    ],
  },
  create(ctx) {
    return {
      table(t) {
        const merged = t.rows.some((r) => r.cells.some((c) => /<w:gridSpan w:val="([2-9]|\d{2,})"|<w:vMerge\b|<w:hMerge\b/.test(c.tcPr)));
        if (merged) ctx.report('merged', {}, paragraphPlace(ctx.model, t.story, t.index));
      },
    };
  },
};
