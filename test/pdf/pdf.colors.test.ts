/**
 * The PDF draws what the linter judges (issue 15): text colours, paragraph shading and table
 * cell backgrounds are resolved once, in ooxml/styles/ (theme colours with tint and shade,
 * theme fills, the table style's conditional formats), and the colour operators in the PDF's
 * content stream are the colours a11y-contrast reports. Each w:val / w:fill written beside a
 * theme reference is a colour used nowhere else, so drawing it literally would show.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, type PDFRawStream } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/authoring/package.js';
import { defaultSettings, lintDocx } from '../../src/lint/engine.js';
import { buildLintModel } from '../../src/lint/model.js';
import { StyleView } from '../../src/lint/styles.js';
import { renderPdf } from '../../src/pdf/index.js';
import { loadTemplate } from '../../src/template/template.js';

const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const THEME = `<a:theme ${A} name="Office"><a:themeElements>
  <a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2></a:clrScheme>
  <a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme>
</a:themeElements></a:theme>`;
const themePart = {
  name: 'word/theme/theme1.xml',
  data: THEME,
  contentType: 'application/vnd.openxmlformats-officedocument.theme+xml',
  rId: 'rIdTheme',
  type: 'theme',
};

const run = (rPr: string, text: string): string => `<w:r><w:rPr>${rPr}</w:rPr><w:t>${text}</w:t></w:r>`;

/** The colours the content streams of every page fill with (`r g b rg`), or stroke with (`r g b RG`), as RGB hex. */
async function fills(pdf: Uint8Array, op: 'rg' | 'RG' = 'rg'): Promise<Set<string>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out = new Set<string>();
  for (const page of doc.getPages()) {
    const contents = page.node.lookup(PDFName.of('Contents'));
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const ops = streams.map((s) => inflateSync((s as PDFRawStream).getContents()).toString('latin1')).join('\n');
    for (const m of ops.matchAll(new RegExp(`([\\d.]+) ([\\d.]+) ([\\d.]+) ${op}\\b`, 'g')))
      out.add(
        [m[1], m[2], m[3]]
          .map((c) =>
            Math.round(Number(c) * 255)
              .toString(16)
              .padStart(2, '0'),
          )
          .join('')
          .toUpperCase(),
      );
  }
  return out;
}

describe('theme colours: the PDF draws what the linter judges', () => {
  const body =
    // Background 1 darker 15 %: light grey text (w:val says 010203).
    `<w:p>${run('<w:color w:val="010203" w:themeColor="background1" w:themeShade="D9"/>', 'Svar senest om 14 dage.')}</w:p>` +
    // White text (w:val 040506) on Accent 1 darker 25 % paragraph shading (w:fill 070809).
    `<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="070809" w:themeFill="accent1" w:themeFillShade="BF"/></w:pPr>` +
    `${run('<w:color w:val="040506" w:themeColor="background1"/>', 'Hvid tekst på blå.')}</w:p>` +
    // A cell shaded Accent 2 (w:fill 0A0B0C) with run shading Accent 1 lighter 80 % (w:fill 0D0E0F) in it.
    '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>' +
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="0A0B0C" w:themeFill="accent2"/></w:tcPr>' +
    `<w:p>${run('<w:color w:val="FFFFFF"/>', 'Hvid på orange.')}${run('<w:shd w:val="clear" w:color="auto" w:fill="0D0E0F" w:themeFill="accent1" w:themeFillTint="33"/>', ' Lys blå.')}</w:p>` +
    '</w:tc></w:tr></w:tbl><w:p/>';
  const docx = buildDocx({ body, parts: [themePart] });

  it('fills text, paragraph shading, cell shading and run shading with the theme colours, never the w:val or w:fill beside them', async () => {
    const colours = await fills((await renderPdf(docx, { name: 'tema.docx', fonts: 'exact' })).pdf);
    // D9D9D9: FFFFFF shaded D9; 335593: 4472C4 shaded BF; DAE3F3: 4472C4 tinted 33.
    for (const c of ['D9D9D9', '335593', 'FFFFFF', 'ED7D31', 'DAE3F3']) expect(colours).toContain(c);
    for (const c of ['010203', '040506', '070809', '0A0B0C', '0D0E0F']) expect(colours).not.toContain(c);
  });

  it('the linter judges those colours: its look of each run and a11y-contrast name the same ones', async () => {
    const model = buildLintModel(loadTemplate(docx), 'tema.docx');
    const view = new StyleView(model.styles, model.theme);
    const looks = model.paragraphs.flatMap((p) => p.runs.map((r) => view.look(p, r.rPr))).map((l) => [l.color, l.background]);
    expect(looks).toEqual([
      ['D9D9D9', undefined],
      ['FFFFFF', '335593'],
      ['FFFFFF', 'ED7D31'],
      [undefined, 'DAE3F3'],
    ]);
    const colours = await fills((await renderPdf(docx, { name: 'tema.docx', fonts: 'exact' })).pdf);
    for (const c of looks.flat().filter((x): x is string => x !== undefined)) expect(colours).toContain(c);
    const contrast = lintDocx(docx, 'tema.docx', defaultSettings()).findings.filter((f) => f.rule === 'a11y-contrast');
    expect(contrast.map((f) => [f.params['color'], f.params['background']])).toEqual([
      ['D9D9D9', 'FFFFFF'],
      ['FFFFFF', 'ED7D31'],
    ]);
  });
});

describe("a table style's conditional format: the PDF paints the cell background the linter judges", () => {
  // Header row in Accent 2 (white text on it is too faint), the body's first band in Accent 1
  // lighter 80 %, the second band unshaded; the table's own w:tblLook turns the header row on.
  const styles =
    '<w:style w:type="table" w:styleId="Farvet"><w:name w:val="Farvet tabel"/><w:tblPr><w:tblStyleRowBandSize w:val="1"/></w:tblPr>' +
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="0A0B0C" w:themeColor="background1"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="0D0E0F" w:themeFill="accent2"/></w:tcPr></w:tblStylePr>' +
    '<w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="010203" w:themeFill="accent1" w:themeFillTint="33"/></w:tcPr></w:tblStylePr>' +
    '</w:style>';
  const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
  const body =
    '<w:tbl><w:tblPr><w:tblStyle w:val="Farvet"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>' +
    '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>' +
    `<w:tr>${cell('Ydelse')}${cell('Beløb')}</w:tr><w:tr>${cell('Fodbehandling')}${cell('100 kr.')}</w:tr><w:tr>${cell('Medicin')}${cell('200 kr.')}</w:tr>` +
    '</w:tbl><w:p/>';
  const docx = buildDocx({ body, styles, parts: [themePart] });

  it('header row and first band: the same backgrounds in the lint judgement and the PDF, the second band unshaded', async () => {
    const model = buildLintModel(loadTemplate(docx), 'tabel.docx');
    const view = new StyleView(model.styles, model.theme);
    const backgrounds = model.tables[0]!.rows.map((r) => r.cells.map((c) => view.cellBackground(c)));
    expect(backgrounds).toEqual([
      ['ED7D31', 'ED7D31'],
      ['DAE3F3', 'DAE3F3'],
      [undefined, undefined],
    ]);
    const colours = await fills((await renderPdf(docx, { name: 'tabel.docx', fonts: 'exact' })).pdf);
    expect(colours).toContain('ED7D31');
    expect(colours).toContain('DAE3F3');
    for (const c of ['0A0B0C', '0D0E0F', '010203']) expect(colours).not.toContain(c);
    // a11y-contrast reports the header row's cells: white (the conditional format's theme colour) on Accent 2.
    const contrast = lintDocx(docx, 'tabel.docx', defaultSettings()).findings.filter((f) => f.rule === 'a11y-contrast');
    expect(contrast.map((f) => [f.params['text'], f.params['color'], f.params['background']])).toEqual([
      ['Ydelse', 'FFFFFF', 'ED7D31'],
      ['Beløb', 'FFFFFF', 'ED7D31'],
    ]);
  });
});

describe('theme colours of borders: the PDF strokes the colour the theme gives, never the w:color beside it', () => {
  // A paragraph border in Accent 1 (w:color 0A0B0C), a table border in Accent 2 (w:color 0D0E0F),
  // a cell border in Accent 1 darker 25 % (w:color 010203), and a plain black one for comparison.
  const body =
    '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="1" w:color="0A0B0C" w:themeColor="accent1"/></w:pBdr></w:pPr>' +
    `${run('', 'Afgørelse om helbredstillæg')}</w:p>` +
    '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="0D0E0F" w:themeColor="accent2"/>' +
    '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>' +
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/><w:tcBorders><w:left w:val="single" w:sz="8" w:space="0" w:color="010203" w:themeColor="accent1" w:themeShade="BF"/></w:tcBorders></w:tcPr>' +
    `<w:p>${run('', 'Fodbehandling')}</w:p></w:tc></w:tr></w:tbl><w:p/>`;

  it('paragraph, table and cell borders', async () => {
    const strokes = await fills((await renderPdf(buildDocx({ body, parts: [themePart] }), { name: 'tema.docx', fonts: 'exact' })).pdf, 'RG');
    // 335593: 4472C4 shaded BF (as the text colour above).
    for (const c of ['4472C4', 'ED7D31', '335593', '000000']) expect(strokes).toContain(c);
    for (const c of ['0A0B0C', '0D0E0F', '010203']) expect(strokes).not.toContain(c);
  });

  it('without a theme part, the w:color written beside the theme reference', async () => {
    const strokes = await fills((await renderPdf(buildDocx({ body }), { name: 'tema.docx', fonts: 'exact' })).pdf, 'RG');
    for (const c of ['0A0B0C', '0D0E0F', '010203']) expect(strokes).toContain(c);
  });
});
