/** a11y-table-header: a data table without a repeating header row. */
import type { Rule } from '../types.js';
import { paragraphPlace } from '../helpers.js';

const BORDERS =
  '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>';
const NO_BORDERS =
  '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';
/** Word's "Table Grid" (Tabel - Gitter): its borders come from the style. */
const TABLE_GRID =
  '<w:style w:type="table" w:styleId="Tabel-Gitter"><w:name w:val="Table Grid"/><w:basedOn w:val="Tabel-Normal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
  '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="Tabel-Normal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>';

const CELL = (text: string): string => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

const TABLE = (header: boolean, tblPr = BORDERS): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${tblPr}</w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>` +
  `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}<w:tc><w:p><w:r><w:t>Udgift</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tilskud</w:t></w:r></w:p></w:tc></w:tr>` +
  `<w:tr><w:tc><w:p><w:r><w:t>Medicin</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>85 %</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>`;

const FIELD = (code: string): string =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«${code.replace(/^MERGEFIELD /, '')}»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

/** A table whose second row repeats per expense (a region). */
const REGION_TABLE = (header: boolean): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${NO_BORDERS}</w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>` +
  `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${CELL('Udgift')}${CELL('Tilskud')}</w:tr>` +
  `<w:tr><w:tc><w:p>${FIELD('MERGEFIELD TableStart:Udgifter')}${FIELD('MERGEFIELD Beskrivelse')}${FIELD('MERGEFIELD TableEnd:Udgifter')}</w:p></w:tc><w:tc><w:p>${FIELD('MERGEFIELD Tilskud')}</w:p></w:tc></w:tr></w:tbl><w:p/>`;

export const a11yTableHeader: Rule = {
  meta: {
    id: 'a11y-table-header',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'En datatabel uden en overskriftsrække der gentages (Gentag som overskriftsrække, w:tblHeader). Uden den ved en skærmlæser ikke, hvad kolonnerne er (WCAG 1.3.1). En tabel uden synlige kanter (ingen kanter på tabellen eller cellerne og ingen fra tabeltypografien) regnes for en layouttabel, fx en adresseblok, og tjekkes ikke.',
      en: 'A data table without a repeating header row (Repeat as header row, w:tblHeader). Without it a screen reader cannot tell what the columns are (WCAG 1.3.1). A table without visible borders (none on the table or its cells and none from its table style) is taken for a layout table, e.g. an address block, and is not checked.',
    },
    messages: {
      noHeader: {
        da: 'Tabellen har ingen overskriftsrække; marker første række som "Gentag som overskriftsrække".',
        en: 'The table has no header row; mark the first row "Repeat as header row".',
      },
      regionNoHeader: {
        da: 'Tabellen gentager rækker for hvert element i "{list}" og kan blive lang, men har ingen overskriftsrække der gentages på hver side; marker første række som "Gentag som overskriftsrække".',
        en: 'The table repeats rows for each item of "{list}" and can grow long, but has no header row repeated on each page; mark the first row "Repeat as header row".',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'noHeader', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Tabel uden overskriftsrække.', en: 'A table without a header row.' },
        doc: { xml: TABLE(false) },
      },
      {
        valid: false,
        errors: [{ messageId: 'noHeader', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Tabel med kanter fra tabeltypografien "Tabel - Gitter", uden overskriftsrække.',
          en: 'A table with borders from the table style "Table Grid", without a header row.',
        },
        doc: { xml: TABLE(false, '<w:tblStyle w:val="Tabel-Gitter"/>'), styles: TABLE_GRID },
      },
      { valid: true, description: { da: 'Første række gentages som overskrift.', en: 'The first row repeats as header.' }, doc: { xml: TABLE(true) } },
      {
        valid: false,
        errors: [{ messageId: 'regionNoHeader', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'En tabel uden kanter, hvis række gentages for hver udgift (TableStart:Udgifter), uden overskriftsrække: også en layouttabel skal have en, når den kan fylde flere sider.',
          en: 'A table without borders whose row repeats for each expense (TableStart:Udgifter), without a header row: even a layout table needs one when it can fill several pages.',
        },
        doc: { xml: REGION_TABLE(false) },
      },
      {
        valid: true,
        description: { da: 'Samme tabel med en overskriftsrække der gentages.', en: 'The same table with a repeated header row.' },
        doc: { xml: REGION_TABLE(true) },
      },
      {
        valid: true,
        description: {
          da: 'En layouttabel uden kanter: adresseblok med modtager til venstre og afsender til højre.',
          en: 'A layout table without borders: an address block with the recipient on the left and the sender on the right.',
        },
        doc: {
          xml:
            `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>${NO_BORDERS}<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="6000"/><w:gridCol w:w="3000"/></w:tblGrid>` +
            `<w:tr>${CELL('Karen Jensen')}${CELL('Borgerservice')}</w:tr><w:tr>${CELL('Møllegade 4')}${CELL('Dato: 5. januar 2026')}</w:tr></w:tbl><w:p/>`,
        },
      },
    ],
  },
  create(ctx) {
    // Tables with rows repeated per item of a list (regions) grow with the case. A story's
    // regions come before its tables.
    const repeated = new Map<string, string>();
    return {
      region(r) {
        const open = r.table ? r.story.tokens[r.table.open] : undefined;
        if (open && !repeated.has(`${r.story.part}#${r.story.label}#${open.para}`)) repeated.set(`${r.story.part}#${r.story.label}#${open.para}`, r.name);
      },
      table(t) {
        const place = (): ReturnType<typeof paragraphPlace> => paragraphPlace(ctx.model, t.story, t.index);
        const list = repeated.get(`${t.story.part}#${t.story.label}#${t.index}`);
        if (list !== undefined) {
          if (!/<w:tblHeader(?!\s+w:val="(?:0|false)")/.test(t.rows[0]?.trPr ?? '')) ctx.report('regionNoHeader', { list }, place());
          return;
        }
        const cols = Math.max(0, ...t.rows.map((r) => r.cells.length));
        if (t.rows.length < 2 || cols < 2) return;
        const first = t.rows[0]!;
        if (/<w:tblHeader(?!\s+w:val="(?:0|false)")/.test(first.trPr)) return;
        if (!ctx.styles.tableHasBorders(t)) return;
        ctx.report('noHeader', {}, place());
      },
    };
  },
};
