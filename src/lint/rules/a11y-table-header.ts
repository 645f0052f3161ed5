/** a11y-table-header: a data table without a repeating header row. */
import type { Rule } from '../types.js';
import { paragraphPlace } from '../helpers.js';

const TABLE = (header: boolean): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>` +
  `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}<w:tc><w:p><w:r><w:t>Udgift</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tilskud</w:t></w:r></w:p></w:tc></w:tr>` +
  `<w:tr><w:tc><w:p><w:r><w:t>Medicin</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>85 %</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>`;

export const a11yTableHeader: Rule = {
  meta: {
    id: 'a11y-table-header',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'En datatabel uden en overskriftsrække der gentages (Gentag som overskriftsrække, w:tblHeader). Uden den ved en skærmlæser ikke, hvad kolonnerne er (WCAG 1.3.1).',
      en: 'A data table without a repeating header row (Repeat as header row, w:tblHeader). Without it a screen reader cannot tell what the columns are (WCAG 1.3.1).',
    },
    messages: {
      noHeader: {
        da: 'Tabellen har ingen overskriftsrække; marker første række som "Gentag som overskriftsrække".',
        en: 'The table has no header row; mark the first row "Repeat as header row".',
      },
    },
    examples: [
      { valid: false, description: { da: 'Tabel uden overskriftsrække.', en: 'A table without a header row.' }, doc: { xml: TABLE(false) } },
      { valid: true, description: { da: 'Første række gentages som overskrift.', en: 'The first row repeats as header.' }, doc: { xml: TABLE(true) } },
    ],
  },
  check(model, ctx) {
    for (const t of model.tables) {
      const cols = Math.max(0, ...t.rows.map((r) => r.cells.length));
      if (t.rows.length < 2 || cols < 2) continue;
      const first = t.rows[0]!;
      if (/<w:tblHeader(?!\s+w:val="(?:0|false)")/.test(first.trPr)) continue;
      ctx.report('noHeader', {}, paragraphPlace(model, t.story, t.index));
    }
  },
};
