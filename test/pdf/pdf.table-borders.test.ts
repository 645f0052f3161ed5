/**
 * A table's borders are worked out once (ooxml/styles/cell-style.ts): the PDF draws them and the
 * linter's a11y-table-header asks whether a table shows any line (a table without any is a
 * layout table, left alone). A table style that gives borders only in a conditional format
 * (firstRow) draws lines when the table's w:tblLook turns that format on, and none when it is
 * off; the linter must judge the same table the PDF draws.
 */
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/authoring/package.js';
import { defaultSettings, lintDocx } from '../../src/lint/engine.js';
import { layOut } from '../helpers/pdf.js';

const styles =
  '<w:style w:type="table" w:styleId="KunOverskrift"><w:name w:val="Streg under overskrift"/>' +
  '<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tcBorders></w:tcPr></w:tblStylePr>' +
  '</w:style>';
const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
const table = (firstRow: 0 | 1): string =>
  `<w:tbl><w:tblPr><w:tblStyle w:val="KunOverskrift"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:firstRow="${firstRow}" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>` +
  '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>' +
  `<w:tr>${cell('Ydelse')}${cell('Beløb')}</w:tr><w:tr>${cell('Fodbehandling')}${cell('100 kr.')}</w:tr><w:tr>${cell('Medicin')}${cell('200 kr.')}</w:tr>` +
  '</w:tbl><w:p/>';

const drawnLines = (docx: Uint8Array): number =>
  layOut(docx)
    .letter.pages.flatMap((p) => p.items)
    .filter((i) => i.kind === 'line').length;
const headerFindings = (docx: Uint8Array): string[] =>
  lintDocx(docx, 'tabel.docx', defaultSettings())
    .findings.filter((f) => f.rule === 'a11y-table-header')
    .map((f) => String(f.code));

describe("borders from a table style's conditional format: the linter judges the table the PDF draws", () => {
  it('with the header row turned on, the PDF draws its line and the linter asks for a header row', () => {
    const docx = buildDocx({ body: table(1), styles });
    expect(drawnLines(docx)).toBeGreaterThan(0);
    expect(headerFindings(docx)).toEqual(['lint.a11y-table-header.noHeader']);
  });

  it('with the header row turned off, the PDF draws no line and the linter sees a layout table', () => {
    const docx = buildDocx({ body: table(0), styles });
    expect(drawnLines(docx)).toBe(0);
    expect(headerFindings(docx)).toEqual([]);
  });
});
