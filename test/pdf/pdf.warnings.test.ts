/**
 * What the PDF layout cannot draw as Word would, each built as Word saves it: the warning with
 * the template and the place, the text kept in the PDF, and `--strict` refusing the letter.
 * A character no shipped font has. The PDF/UA checker on every kind of PDF kp-brev makes
 * (letters with warnings, strict, the CLI's output, the print copy with attachments), and
 * `--pdf-engine libreoffice` reporting LibreOffice's pages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocx, noteReferenceXml, noteRefXml, type DocxParts } from '../../src/authoring/package.js';
import { formatDiagnostic, KpBrevError, messageOf, type Diagnostic } from '../../src/diagnostics.js';
import { escapeXml } from '../../src/ooxml/xml.js';
import { renderPdf } from '../../src/pdf/index.js';
import { findSoffice } from '../../src/pdf/libreoffice.js';
import { combineForPrint } from '../../src/pdf/writer/attachments.js';
import { unmarkContent } from '../../src/pdf/writer/marked-content.js';
import { allText, bodyLines, hasTool, layOut, pdfuaAvailable, pdfuaCheck } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';
import { HANG_GUARD_MS } from '../helpers/wait.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-warn-'));
const poppler = needTool('pdftotext', hasTool('pdftotext', ['-v']), 'poppler-utils');
const checker = needTool('python3-pikepdf', pdfuaAvailable(), 'python3-pikepdf');
const libreoffice = needTool('LibreOffice', findSoffice() !== null, 'libreoffice-writer-nogui');

const NS_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const NS_PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

const run = (text: string, rPr = ''): string => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
const para = (content: string, pPr = ''): string => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
const p = (text: string, pPr = ''): string => para(run(text), pPr);

function pdftotext(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(dir, 'txt-')), 'a.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const words = (s: string): string => s.replace(/\s+/g, ' ').trim();

function png(): Buffer {
  const img = new PNG({ width: 4, height: 2 });
  img.data.fill(120);
  return PNG.sync.write(img);
}
/** A 1 x 1 GIF, as Word keeps a pasted GIF (word/media/image1.gif). */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
/** The start of an EMF picture (EMR_HEADER with its " EMF" signature), as Word keeps a pasted vector logo. */
function emf(): Buffer {
  const b = Buffer.alloc(108);
  b.writeUInt32LE(1, 0);
  b.writeUInt32LE(108, 4);
  b.writeUInt32LE(0x464d4520, 40);
  b.writeUInt32LE(0x10000, 44);
  return b;
}

/** A picture as Word saves it: inline, or floating with square wrapping. */
function picture(rId: string, name: string, descr: string, holder: 'inline' | 'square' = 'inline'): string {
  const graphic =
    `<wp:docPr id="1" name="${name}" descr="${escapeXml(descr)}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks ${NS_A} noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic ${NS_A}><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic ${NS_PIC}><pic:nvPicPr><pic:cNvPr id="1" name="${name}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1270000" cy="635000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>`;
  if (holder === 'inline')
    return `<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1270000" cy="635000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>${graphic}</wp:inline></w:drawing></w:r>`;
  return (
    '<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">' +
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>4000500</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>' +
    `<wp:extent cx="1270000" cy="635000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>${graphic}</wp:anchor></w:drawing></w:r>`
  );
}

/** A text box as Word 2010+ saves it: DrawingML (wps) with a VML fallback holding the same text. */
function textBox(content: string, holder: 'inline' | 'square'): string {
  const open =
    holder === 'inline'
      ? '<wp:inline distT="0" distB="0" distL="0" distR="0">'
      : '<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251661312" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3600450</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>';
  const wrap = holder === 'square' ? '<wp:wrapSquare wrapText="bothSides"/>' : '';
  return (
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${open}<wp:extent cx="2160000" cy="720000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>${wrap}<wp:docPr id="2" name="Tekstfelt 2"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic ${NS_A}><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2160000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${content}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>` +
    `${holder === 'inline' ? '</wp:inline>' : '</wp:anchor>'}</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Tekstfelt 2" o:spid="_x0000_s1026" type="#_x0000_t202" style="width:170.1pt;height:56.7pt"><v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
  );
}

/** A chart (word/charts/chart1.xml) with its alt text, as Word saves an inserted chart. */
function chartDocx(): Buffer {
  const chart =
    `<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" cy="3200400"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="3" name="Diagram 3" descr="Søjlediagram: udbetalt helbredstillæg 2024 og 2025"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic ${NS_A}><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart1"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  const part =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:lang val="da-DK"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strLit><c:ptCount val="2"/><c:pt idx="0"><c:v>2024</c:v></c:pt><c:pt idx="1"><c:v>2025</c:v></c:pt></c:strLit></c:cat>' +
    '<c:val><c:numLit><c:ptCount val="2"/><c:pt idx="0"><c:v>1200</c:v></c:pt><c:pt idx="1"><c:v>1350</c:v></c:pt></c:numLit></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>';
  return buildDocx({
    body: p('Udbetalingerne i de to år:') + para(chart) + p('Kilde: KP.'),
    title: 'Diagram',
    parts: [
      {
        name: 'word/charts/chart1.xml',
        data: part,
        contentType: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
        rId: 'rIdChart1',
        type: 'chart',
        target: 'charts/chart1.xml',
      },
    ],
  });
}

/** SmartArt (a process of three steps) as Word saves it: the data model and its layout, style and colour parts. */
function smartArtDocx(): Buffer {
  const DGM = 'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"';
  const drawing =
    `<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" cy="1600200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="4" name="Diagram 4"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic ${NS_A}><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds ${DGM} r:dm="rIdDm" r:lo="rIdLo" r:qs="rIdQs" r:cs="rIdCs"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  const pt = (id: string, text: string): string =>
    `<dgm:pt modelId="{${id}}"><dgm:prSet phldrT="[Tekst]"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="da-DK"/><a:t>${text}</a:t></a:r></a:p></dgm:t></dgm:pt>`;
  const cxn = (id: string, src: string, dest: string, ord: number): string =>
    `<dgm:cxn modelId="{${id}}" srcId="{${src}}" destId="{${dest}}" srcOrd="${ord}" destOrd="0"/>`;
  const doc = '6D1B3F56-0000-4000-8000-000000000000';
  const ids = ['6D1B3F56-0000-4000-8000-000000000001', '6D1B3F56-0000-4000-8000-000000000002', '6D1B3F56-0000-4000-8000-000000000003'];
  const data =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:dataModel ${DGM} ${NS_A}><dgm:ptLst>` +
    `<dgm:pt modelId="{${doc}}" type="doc"><dgm:prSet loTypeId="urn:microsoft.com/office/officeart/2005/8/layout/process1"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="da-DK"/></a:p></dgm:t></dgm:pt>` +
    pt(ids[0]!, 'Ansøgning modtaget') +
    pt(ids[1]!, 'Sagen behandles') +
    pt(ids[2]!, 'Afgørelse sendt') +
    `</dgm:ptLst><dgm:cxnLst>${ids.map((id, i) => cxn(`6D1B3F56-0000-4000-8000-00000000001${i}`, doc, id, i)).join('')}</dgm:cxnLst><dgm:bg/><dgm:whole/></dgm:dataModel>`;
  const stub = (root: string): string =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:${root} ${DGM} ${NS_A} uniqueId="urn:microsoft.com/office/officeart/2005/8/${root}/process1"/>`;
  const part = (name: string, type: string, rId: string, rel: string, data: string): NonNullable<DocxParts['parts']>[number] => ({
    name: `word/diagrams/${name}`,
    data,
    contentType: `application/vnd.openxmlformats-officedocument.drawingml.${type}+xml`,
    rId,
    type: rel,
  });
  return buildDocx({
    body: p('Sådan behandler vi din sag:') + para(drawing) + p('Du hører fra os.'),
    title: 'SmartArt',
    parts: [
      part('data1.xml', 'diagramData', 'rIdDm', 'diagramData', data),
      part('layout1.xml', 'diagramLayout', 'rIdLo', 'diagramLayout', stub('layoutDef')),
      part('quickStyle1.xml', 'diagramStyle', 'rIdQs', 'diagramQuickStyle', stub('styleDef')),
      part('colors1.xml', 'diagramColors', 'rIdCs', 'diagramColors', stub('colorsDef')),
    ],
  });
}

const FOOTNOTE_STYLES =
  '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>' +
  '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>';

interface Case {
  what: string;
  code: string;
  docx: Buffer;
  /** The paragraph of word/document.xml the warning names. */
  paragraph: number;
  /** Text that must still be in the PDF. */
  kept: string[];
  /** Pieces that must follow one another in this order. */
  order?: string[];
  /** The Danish message (after the place). */
  message: string;
}

const MSG = {
  textbox: 'En tekstboks kan ikke placeres, som Word gør; dens tekst står efter afsnittet, den er forankret i.',
  wrap: 'Tekstombrydning omkring et billede understøttes ikke; billedet placeres uden at flytte teksten.',
  frame: 'Et afsnit i en ramme (fast placering) sættes i teksten, hvor det står, ikke på rammens plads.',
  columns: 'Spalter understøttes ikke; teksten sættes i én spalte.',
  equation: 'En ligning vises som almindelig tekst.',
  chart: 'Et diagram kan ikke tegnes; dets alternative tekst står i stedet.',
  smartart: 'SmartArt kan ikke tegnes; dets tekst står som almindelig tekst.',
  footnote: 'Fodnoter sættes sidst i brevet, ikke nederst på siden.',
};

const LONG = 'Vi har den 10. december 2025 modtaget din ansøgning om helbredstillæg, og vi har behandlet den ud fra de oplysninger, du har givet os.';
const M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"';

const CASES: Case[] = [
  {
    what: 'an inline text box (DrawingML with its VML fallback)',
    code: 'pdf.textbox',
    docx: buildDocx({ body: p('Før boksen') + para(run('Anker ') + textBox(p('Tekst i boksen'), 'inline')) + p('Efter boksen'), title: 'Tekstboks' }),
    paragraph: 2,
    kept: ['Anker', 'Tekst i boksen', 'Efter boksen'],
    order: ['Anker', 'Tekst i boksen', 'Efter boksen'],
    message: MSG.textbox,
  },
  {
    what: 'a VML text box (Word 2007 and older)',
    code: 'pdf.textbox',
    docx: buildDocx({
      body: para(
        run('Anker ') +
          '<w:r><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"/><v:shape id="Tekstfelt 1" o:spid="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:170.1pt;height:56.7pt;z-index:251659264"><v:textbox><w:txbxContent>' +
          p('Gammel tekstboks') +
          '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>',
      ),
      title: 'VML',
    }),
    paragraph: 1,
    kept: ['Anker', 'Gammel tekstboks'],
    message: MSG.textbox,
  },
  {
    what: 'a floating picture with square text wrapping',
    code: 'pdf.wrap',
    docx: buildDocx({
      body: para(picture('rIdImg', 'Billede 1', 'Kommunens logo', 'square') + run(LONG)),
      title: 'Ombrydning',
      media: [{ name: 'image1.png', data: png(), rId: 'rIdImg' }],
    }),
    paragraph: 1,
    kept: ['Vi har den 10. december 2025 modtaget din ansøgning'],
    message: MSG.wrap,
  },
  {
    what: 'a floating text box with square text wrapping',
    code: 'pdf.wrap',
    docx: buildDocx({ body: p('Indledning') + para(textBox(p('Sagsbehandler: Line Kristensen'), 'square') + run(LONG)), title: 'Ombrydning' }),
    paragraph: 2,
    // Placed at its position over the text (which does not flow around it): the lines interleave.
    kept: ['Indledning', 'Sagsbehandler:', 'Kristensen', 'modtaget din ansøgning'],
    message: MSG.wrap,
  },
  {
    what: 'a paragraph in a frame (w:framePr) positioned on the page',
    code: 'pdf.frame',
    docx: buildDocx({
      body:
        p('Kære Karen') +
        p(
          'Dato: 5. januar 2026',
          '<w:framePr w:w="3402" w:h="567" w:hRule="exact" w:hSpace="142" w:wrap="around" w:vAnchor="page" w:hAnchor="page" w:x="7372" w:y="2269"/>',
        ) +
        p(LONG),
      title: 'Ramme',
    }),
    paragraph: 2,
    kept: ['Dato: 5. januar 2026', 'Kære Karen'],
    message: MSG.frame,
  },
  {
    what: 'a paragraph in a frame placed by alignment only (w:xAlign, w:yAlign)',
    code: 'pdf.frame',
    docx: buildDocx({
      body:
        p('Kære Karen') +
        p('Dato: 5. januar 2026', '<w:framePr w:w="3402" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" w:xAlign="right" w:yAlign="top"/>') +
        p(LONG),
      title: 'Ramme',
    }),
    paragraph: 2,
    kept: ['Dato: 5. januar 2026', 'Kære Karen'],
    message: MSG.frame,
  },
  {
    what: 'two columns (w:cols w:num="2")',
    code: 'pdf.columns',
    docx: buildDocx({
      body: p('Første spalte. ' + LONG) + p('Anden spalte. ' + LONG) + p('Sidste afsnit.'),
      title: 'Spalter',
      columns: '<w:cols w:num="2" w:space="708"/>',
    }),
    paragraph: 3,
    kept: ['Første spalte.', 'Anden spalte.', 'Sidste afsnit.'],
    message: MSG.columns,
  },
  {
    what: 'an inline equation (m:oMath)',
    code: 'pdf.equation',
    docx: buildDocx({
      body:
        p('Sådan er tilskuddet beregnet:') +
        para(
          run('Tilskud: ') +
            `<m:oMath ${M}><m:r><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr><m:t>85 % × 1.200 kr. = 1.020 kr.</m:t></m:r></m:oMath>`,
        ),
      title: 'Ligning',
    }),
    paragraph: 2,
    kept: ['Tilskud: 85 % × 1.200 kr. = 1.020 kr.'],
    message: MSG.equation,
  },
  {
    what: 'a display equation (m:oMathPara)',
    code: 'pdf.equation',
    docx: buildDocx({
      body:
        `<w:p><m:oMathPara ${M}><m:oMath><m:r><m:t>tilskud = </m:t></m:r><m:f><m:num><m:r><m:t>85</m:t></m:r></m:num><m:den><m:r><m:t>100</m:t></m:r></m:den></m:f><m:r><m:t> · betaling</m:t></m:r></m:oMath></m:oMathPara></w:p>` +
        p('Efter ligningen'),
      title: 'Ligning',
    }),
    paragraph: 1,
    kept: ['tilskud = 85100 · betaling', 'Efter ligningen'],
    message: MSG.equation,
  },
  {
    what: 'a chart (c:chart)',
    code: 'pdf.chart',
    docx: chartDocx(),
    paragraph: 2,
    kept: ['Søjlediagram: udbetalt helbredstillæg 2024 og 2025', 'Kilde: KP.'],
    message: MSG.chart,
  },
  {
    what: 'SmartArt (dgm:relIds)',
    code: 'pdf.smartart',
    docx: smartArtDocx(),
    paragraph: 2,
    kept: ['Ansøgning modtaget', 'Sagen behandles', 'Afgørelse sendt', 'Du hører fra os.'],
    message: MSG.smartart,
  },
  {
    what: 'a GIF picture',
    code: 'pdf.image',
    docx: buildDocx({
      body: p('Før billedet') + para(picture('rIdGif', 'Billede 5', 'Kort over Sønderborg Kommune')),
      title: 'GIF',
      media: [{ name: 'image1.gif', data: GIF, rId: 'rIdGif' }],
    }),
    paragraph: 2,
    kept: ['Før billedet', 'Kort over Sønderborg Kommune'],
    message: 'Billedet "Billede 5" kan ikke læses (kun PNG og JPEG kan bruges); dets alternative tekst står i stedet.',
  },
  {
    what: 'an EMF picture (a vector logo)',
    code: 'pdf.image',
    docx: buildDocx({
      body: para(picture('rIdEmf', 'Billede 2', 'Sønderborg Kommunes logo')) + p('Brevets tekst'),
      title: 'EMF',
      media: [{ name: 'image1.emf', data: emf(), rId: 'rIdEmf' }],
    }),
    paragraph: 1,
    kept: ['Sønderborg Kommunes logo', 'Brevets tekst'],
    message: 'Billedet "Billede 2" kan ikke læses (kun PNG og JPEG kan bruges); dets alternative tekst står i stedet.',
  },
  {
    what: 'a footnote',
    code: 'pdf.footnote',
    docx: buildDocx({
      body: p('Kære Karen') + para(run('Du kan klage over afgørelsen.') + noteReferenceXml(1, 'footnote')) + p('Med venlig hilsen'),
      footnotes: [para(noteRefXml('footnote') + run(' Ankestyrelsen, 7998 Statsservice.'), '<w:pStyle w:val="FootnoteText"/>')],
      endnotes: [],
      styles: FOOTNOTE_STYLES,
      title: 'Fodnote',
    }),
    paragraph: 2,
    // After the letter's text, numbered; the superscript reference stays in its line.
    kept: ['Du kan klage over afgørelsen.', 'Med venlig hilsen', '1 Ankestyrelsen, 7998 Statsservice.'],
    order: ['Du kan klage over afgørelsen.', 'Med venlig hilsen', 'Ankestyrelsen'],
    message: MSG.footnote,
  },
  {
    what: 'an endnote',
    code: 'pdf.footnote',
    docx: buildDocx({
      body: para(run('Vi har modtaget din ansøgning.') + noteReferenceXml(1)) + p('Med venlig hilsen'),
      endnotes: [para(noteRefXml() + run(' Ansøgningen kom den 10. december 2025.'), '<w:pStyle w:val="EndnoteText"/>')],
      title: 'Slutnote',
    }),
    paragraph: 1,
    kept: ['Vi har modtaget din ansøgning.', 'Med venlig hilsen', '1 Ansøgningen kom den 10. december 2025.'],
    order: ['Vi har modtaget din ansøgning.', 'Med venlig hilsen', 'Ansøgningen kom'],
    message: MSG.footnote,
  },
];

describe('what the layout cannot draw as Word: a warning with the template and the place, the text kept, --strict refusing', () => {
  const made = new Map<string, { warnings: Diagnostic[]; pdf: Uint8Array; strict: unknown }>();
  beforeAll(async () => {
    for (const c of CASES) {
      const name = `${c.code.slice(4)}.docx`;
      const loose = await renderPdf(c.docx, { name });
      const strict = await renderPdf(c.docx, { name, strict: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      made.set(c.what, { warnings: loose.warnings, pdf: loose.pdf, strict });
    }
  });

  it.each(CASES.map((c) => [c.what, c] as const))('%s: warns with the code, template, part and paragraph', (_, c) => {
    const { warnings } = made.get(c.what)!;
    const name = `${c.code.slice(4)}.docx`;
    expect(warnings.map((w) => w.code)).toEqual([c.code]);
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.location).toMatchObject({ template: name, part: 'word/document.xml', paragraph: c.paragraph });
    expect(formatDiagnostic(warnings[0]!, 'da')).toBe(`${name}, word/document.xml, afsnit ${c.paragraph}: ${c.message}`);
    expect(messageOf(warnings[0]!, 'en')).not.toBe(c.message);
  });

  it.each(CASES.map((c) => [c.what, c] as const))('%s: keeps the text in the laid-out letter', (_, c) => {
    const text = words(allText(layOut(c.docx).letter).join(' '));
    for (const k of c.kept) expect(text).toContain(k);
    const at = (c.order ?? []).map((k) => text.indexOf(k));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it.skipIf(!poppler).each(CASES.map((c) => [c.what, c] as const))('%s: keeps the text in the PDF (pdftotext)', (_, c) => {
    const text = words(pdftotext(made.get(c.what)!.pdf));
    for (const k of c.kept) expect(text).toContain(k);
  });

  it.each(CASES.map((c) => [c.what, c] as const))('%s: refused in strict mode, naming the template and the place', (_, c) => {
    const err = made.get(c.what)!.strict;
    const name = `${c.code.slice(4)}.docx`;
    expect(err).toBeInstanceOf(KpBrevError);
    const ke = err as KpBrevError;
    expect(ke.kind).toBe('refused');
    expect(ke.diagnostics.map((d) => d.code)).toEqual(['pdf.refused', c.code]);
    expect(messageOf(ke.diagnostics[0]!)).toBe(`PDF-brevet fra ${name} dannes ikke i streng tilstand: 1 forhold kan ikke vises som i Word.`);
    expect(ke.diagnostics[1]!.severity).toBe('error');
    expect(ke.diagnostics[1]!.location).toMatchObject({ template: name, part: 'word/document.xml', paragraph: c.paragraph });
  });

  it.skipIf(!checker).each(CASES.map((c) => [c.what, c] as const))('%s: the PDF made despite it passes the PDF/UA checker', (_, c) => {
    expect(pdfuaCheck(made.get(c.what)!.pdf).failed).toEqual([]);
  });
});

describe('a character none of the shipped fonts has (pdf.missing-glyph)', () => {
  // U+4E2D (CJK) and U+1F600 (an emoji outside the BMP): in none of fonts/*.ttf (checked below).
  const CJK = 0x4e2d;
  const EMOJI = 0x1f600;
  const body = p('Før') + p(`Navn: ${String.fromCodePoint(CJK)} og ${String.fromCodePoint(EMOJI)} slut`, '<w:jc w:val="right"/>');
  const docx = buildDocx({ body, title: 'Tegn' });

  it('the characters are in none of the shipped fonts', async () => {
    const fontkit = await import('fontkit');
    const files = ['Carlito', 'LiberationMono', 'LiberationSans', 'LiberationSerif'].flatMap((f) =>
      ['Regular', 'Bold', 'Italic', 'BoldItalic'].map((s) => join(root, `fonts/${f}-${s}.ttf`)),
    );
    for (const file of files) {
      const font = fontkit.create(readFileSync(file)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
      expect(font.hasGlyphForCodePoint(CJK)).toBe(false);
      expect(font.hasGlyphForCodePoint(EMOJI)).toBe(false);
    }
  });

  it('is reported once per character, naming it, its code point and the place', async () => {
    const { warnings } = await renderPdf(docx, { name: 'tegn.docx' });
    expect(warnings.map((w) => [w.code, w.params, w.location])).toEqual([
      ['pdf.missing-glyph', { char: '中', code: '4E2D', font: 'Liberation Sans' }, { template: 'tegn.docx', part: 'word/document.xml', paragraph: 2 }],
      ['pdf.missing-glyph', { char: '😀', code: '1F600', font: 'Liberation Sans' }, { template: 'tegn.docx', part: 'word/document.xml', paragraph: 2 }],
    ]);
    expect(formatDiagnostic(warnings[0]!, 'da')).toBe(
      'tegn.docx, word/document.xml, afsnit 2: Tegnet "中" (U+4E2D) findes ikke i skrifttypen Liberation Sans, som teksten sættes med, og kan ikke vises.',
    );
    expect(messageOf(warnings[1]!, 'en')).toBe('The character "😀" (U+1F600) is not in the font Liberation Sans the text is set in and cannot be shown.');
    const strict = await renderPdf(docx, { name: 'tegn.docx', strict: true }).catch((e: unknown) => e as KpBrevError);
    expect((strict as KpBrevError).diagnostics.map((d) => d.code)).toEqual(['pdf.refused', 'pdf.missing-glyph', 'pdf.missing-glyph']);
  });

  it('is never drawn as the .notdef glyph: glyph 0 appears in no text operator of the PDF', async () => {
    const { pdf } = await renderPdf(docx, { name: 'tegn.docx', fonts: 'exact' });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const contents = doc.getPage(0).node.lookup(PDFName.of('Contents'));
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const ops = streams.map((s) => inflateSync((s as PDFRawStream).getContents()).toString('latin1')).join('\n');
    const shown = [...ops.matchAll(/<([0-9A-F]*)>/g)].flatMap((m) => m[1]!.match(/.{4}/g) ?? []);
    expect(shown.length).toBeGreaterThan(15);
    expect(shown).not.toContain('0000');
  });

  it('takes no room: the rest of the line is drawn where the layout measured it', async () => {
    const { letter } = layOut(docx);
    const line = bodyLines(letter.pages[0]!).find((l) => l.text.startsWith('Navn'))!;
    const item = line.items[line.items.length - 1]!;
    // Right-aligned at the margin; neither character is drawn with the .notdef box (glyph 0),
    // and the reader gets them from the ActualText of the items that draw them as spaces.
    expect(item.text).toBe(' slut');
    expect(item.x + item.width).toBeCloseTo(595.3 - 56.7, 1);
    expect(line.items.flatMap((i) => i.codes)).not.toContain(CJK);
    expect(line.items.flatMap((i) => i.codes)).not.toContain(EMOJI);
    expect(line.items.map((i) => i.actualText).filter(Boolean)).toEqual([String.fromCodePoint(CJK), String.fromCodePoint(EMOJI)]);
    if (!poppler) return;
    const file = join(mkdtempSync(join(dir, 'bbox-')), 'a.pdf');
    writeFileSync(file, (await renderPdf(docx, { fonts: 'exact' })).pdf);
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const slut = /<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">slut<\/word>/.exec(bbox);
    expect(Number(slut![1])).toBeCloseTo(item.x + item.width, 1);
  });
});

describe('unmarking an attachment page: BDC becomes BMC, nothing else changes', () => {
  const un = (s: string): string => Buffer.from(unmarkContent(Buffer.from(s, 'latin1'))).toString('latin1');

  it('turns marked content with properties (inline or named) into plain marked content', () => {
    expect(un('/P <</MCID 0>> BDC\nBT (Tekst) Tj ET\nEMC')).toBe('/P BMC\nBT (Tekst) Tj ET\nEMC');
    expect(un('/Span<</MCID 3/ActualText(x BDC \\) y)/Lang (da)>>BDC EMC')).toBe('/Span BMC EMC');
    expect(un('/Artifact <</Type /Pagination /Attached [/Top]>> BDC 0 0 m 1 1 l S EMC /Figure /MC0 BDC /Im1 Do EMC')).toBe(
      '/Artifact BMC 0 0 m 1 1 l S EMC /Figure BMC /Im1 Do EMC',
    );
  });

  it('leaves strings, comments and inline image data that look like operators alone', () => {
    const s = '% /P <</MCID 1>> BDC\nBT (/P <</MCID 1>> BDC) Tj <2F50> Tj ET BI /W 4 /H 1 /BPC 8 /CS /G ID \x00/P<<>>BDC\xff EI Q';
    const bytes = Buffer.from(s, 'latin1');
    expect(unmarkContent(bytes)).toBe(bytes);
  });
});

describe('the PDF/UA checker on every kind of PDF kp-brev makes', () => {
  const kpBrev = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } });
  const check = (file: string) => pdfuaCheck(readFileSync(file)).failed;
  const bilag = 'templates/central/bilag/regler-helbredstillaegskort.pdf';

  it.skipIf(!checker)('a letter with layout warnings (a text box and a GIF picture) passes', async () => {
    const body = para(run('Anker ') + textBox(p('Tekst i boksen'), 'inline')) + para(picture('rIdGif', 'Billede 5', 'Kort over kommunen')) + p('Slut');
    const r = await renderPdf(buildDocx({ body, title: 'Advarsler', media: [{ name: 'image1.gif', data: GIF, rId: 'rIdGif' }] }), { name: 'advarsler.docx' });
    expect(r.warnings.map((w) => w.code)).toEqual(['pdf.textbox', 'pdf.image']);
    expect(pdfuaCheck(r.pdf).failed).toEqual([]);
  });

  it.skipIf(!checker)('--strict: a letter it accepts passes (the same bytes as without --strict); one it refuses is not written', async () => {
    const clean = buildDocx({ body: p('Kære Karen') + p(LONG), title: 'Ren' });
    const strict = await renderPdf(clean, { strict: true, fonts: 'exact' });
    expect(Buffer.from(strict.pdf).equals(Buffer.from((await renderPdf(clean, { fonts: 'exact' })).pdf))).toBe(true);
    expect(pdfuaCheck(strict.pdf).failed).toEqual([]);
    writeFileSync(join(dir, 'ren.docx'), clean);
    writeFileSync(join(dir, 'gif.docx'), CASES.find((c) => c.code === 'pdf.image')!.docx);
    writeFileSync(join(dir, 'tom.json'), '{"fields": {}, "questions": {}}');
    const accepted = kpBrev('render', join(dir, 'ren.docx'), '--context', join(dir, 'tom.json'), '--out', join(dir, 'ren.pdf'), '--strict');
    expect([accepted.status, accepted.stderr]).toEqual([0, '']);
    expect(check(join(dir, 'ren.pdf'))).toEqual([]);
    const refused = kpBrev('render', join(dir, 'gif.docx'), '--context', join(dir, 'tom.json'), '--out', join(dir, 'gif.pdf'), '--strict');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('gif.docx, word/document.xml, afsnit 2: Billedet "Billede 5" kan ikke læses');
    expect(existsSync(join(dir, 'gif.pdf'))).toBe(false);
    const loose = kpBrev('render', join(dir, 'gif.docx'), '--context', join(dir, 'tom.json'), '--out', join(dir, 'gif.pdf'));
    expect(loose.status).toBe(0);
    expect(check(join(dir, 'gif.pdf'))).toEqual([]);
  });

  it.skipIf(!checker)('kp-brev render --out x.pdf, from the repository and from a template file, passes', () => {
    const fromRepo = join(dir, 'np_1004.pdf');
    expect(kpBrev('render', '--template', 'np_1004', '--context', 'samples/sager/np_1004/karen-85-procent.json', '--out', fromRepo).status).toBe(0);
    expect(check(fromRepo)).toEqual([]);
    const fromFile = join(dir, 'enkeltbrev.pdf');
    expect(
      kpBrev('render', 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx', '--context', 'samples/enkeltbrev/poul-nielsen.json', '--out', fromFile).status,
    ).toBe(0);
    expect(check(fromFile)).toEqual([]);
  });

  it.skipIf(!checker)('the print copy (--print, --attachment) passes: a tagged attachment is unmarked, its pages artifacts', async () => {
    // The repository's attachment is itself a tagged PDF (made by kp-brev): its marked content
    // must not stay tagged inside the print copy's artifacts.
    expect(pdfuaCheck(readFileSync(join(root, bilag))).failed).toEqual([]);
    const printed = join(dir, 'print.pdf');
    const r = kpBrev('render', '--template', 'np_1004', '--context', 'samples/sager/np_1004/karen-85-procent.json', '--out', printed, '--print');
    expect(r.stdout).toBe(`Brevet er dannet: ${printed} (3 sider, 38 felter flettet).\n`);
    expect(check(printed)).toEqual([]);
    const attached = join(dir, 'attached.pdf');
    const a = kpBrev(
      'render',
      'samples/enkeltbrev/bevilling-helbredstillaegskort.docx',
      '--context',
      'samples/enkeltbrev/karen-jensen.json',
      '--out',
      attached,
      '--attachment',
      bilag,
      '--attachment',
      bilag,
    );
    expect(a.stdout).toBe(`Brevet er dannet: ${attached} (4 sider, 37 felter flettet).\n`);
    expect(check(attached)).toEqual([]);
    if (poppler) expect(words(pdftotext(readFileSync(attached)).split('\f')[3]!)).toContain('Regler for helbredstillægskort');
  });

  it.skipIf(!checker)(
    'an untagged attachment passes as artifacts; one whose fonts are not embedded fails only on that font, which kp-brev cannot embed',
    async () => {
      const letter = (await renderPdf(buildDocx({ body: p('Brev'), title: 'Brev' }))).pdf;
      const drawn = await PDFDocument.create();
      drawn.addPage([595, 842]).drawRectangle({ x: 50, y: 700, width: 200, height: 50, color: rgb(0.2, 0.4, 0.6) });
      const untagged = await combineForPrint(letter, [{ name: 'skema.pdf', bytes: await drawn.save() }]);
      expect(untagged.pages).toBe(2);
      expect(pdfuaCheck(untagged.pdf).failed).toEqual([]);
      const typed = await PDFDocument.create();
      typed.addPage([595, 842]).drawText('Bilag', { x: 50, y: 700, font: await typed.embedFont(StandardFonts.Helvetica) });
      const failed = pdfuaCheck((await combineForPrint(letter, [{ name: 'bilag.pdf', bytes: await typed.save() }])).pdf).failed;
      expect(failed.map((f) => [f.id, f.details])).toEqual([['fonts-embedded', { not_embedded: ['Helvetica (Type1)'] }]]);
    },
  );
});

describe.skipIf(!libreoffice)('kp-brev render --pdf-engine libreoffice', () => {
  // Three columns: LibreOffice sets them side by side on one page; kp-brev's own layout sets
  // them in one column over two pages (pdf.columns), so the two counts differ.
  const lines = Array.from({ length: 70 }, (_, i) => p(`Linje ${i + 1}`, '<w:spacing w:after="0"/>')).join('');
  const template = buildDocx({ body: lines, title: 'Spalter', columns: '<w:cols w:num="3" w:space="708"/>' });

  it("says how many pages LibreOffice's PDF has, not kp-brev's own layout", async () => {
    writeFileSync(join(dir, 'spalter.docx'), template);
    writeFileSync(join(dir, 'tom.json'), '{"fields": {}, "questions": {}}');
    const own = await renderPdf(template);
    expect(own.pages).toBe(2);
    const out = join(dir, 'spalter-lo.pdf');
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/kp-brev.js'), 'render', join(dir, 'spalter.docx'), '--context', join(dir, 'tom.json'), '--out', out, '--pdf-engine', 'libreoffice'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, KP_BREV_LANG: '' },
        timeout: HANG_GUARD_MS,
      },
    );
    expect(r.stderr).toBe('');
    const pdf = readFileSync(out);
    expect(String((await PDFDocument.load(pdf, { updateMetadata: false })).getProducer())).toMatch(/LibreOffice/);
    const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    expect(pages).toBe(1);
    expect(r.stdout).toBe(`Brevet er dannet: ${out} (1 side, 0 felter flettet).\n`);
  });
});
