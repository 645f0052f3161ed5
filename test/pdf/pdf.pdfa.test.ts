/**
 * PDF/A: by default a letter is PDF/A-2a and PDF/UA-1 in one file, checked by the project's
 * checker (test/tools/pdfua_check.py, PDF/A rules citing ISO 19005-2); `pdfa: '1a'` (CLI
 * --pdfa 1a, API "pdfa": "1a", batch --pdfa 1a) gives PDF/A-1a, which Apache PDFBox Preflight
 * (Debian's libpdfbox2-java) validates with 0 errors for every sample letter and case.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/authoring/package.js';
import { KpBrevError } from '../../src/diagnostics.js';
import { renderPdf, renderTemplatePdf } from '../../src/pdf/index.js';
import { ICC_FILE } from '../../src/pdf/writer/pdfa.js';
import { combineForPrint } from '../../src/pdf/writer/attachments.js';
import { pdfuaAvailable, pdfuaCheck, pikepdfEdit, preflight, preflightAvailable, sampleLetters, type PreflightResult } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const checker = needTool('python3-pikepdf', pdfuaAvailable(), 'python3-pikepdf');
const java = needTool('Apache PDFBox Preflight (java)', preflightAvailable(), 'default-jre-headless, libpdfbox2-java, libactivation-java and libjaxb-api-java');

async function xmpOf(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return Buffer.from((doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream).getContents()).toString('utf8');
}

/** A letter with a half-transparent PNG logo (a red square whose right half has alpha 0). */
function logoLetter(): Uint8Array {
  const png = new PNG({ width: 4, height: 4 });
  for (let i = 0; i < 16; i++) png.data.set([255, 0, 0, i % 4 < 2 ? 255 : 0], i * 4);
  const bytes = PNG.sync.write(png);
  const drawing =
    '<w:r><w:drawing><wp:inline><wp:extent cx="360000" cy="360000"/><wp:docPr id="1" name="Logo" descr="Kommunens logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="360000" cy="360000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>';
  return buildDocx({
    body: `<w:p>${drawing}</w:p><w:p><w:r><w:t>Brev med logo</w:t></w:r></w:p>`,
    title: 'Logo',
    media: [{ rId: 'rIdImg', name: 'logo.png', data: bytes }],
  });
}

describe('the default output: PDF/A-2a and PDF/UA-1 in one file', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    const l = sampleLetters().find((s) => s.name.startsWith('np_1004/'))!;
    pdf = (await renderTemplatePdf(l.template, l.context, { title: l.title!, date: new Date('2026-01-05T09:30:15.250Z') })).pdf;
  });

  it('claims PDF/A-2a and PDF/UA-1 in the XMP, with the extension schema for pdfuaid, and the Info dictionary says the same', async () => {
    const xmp = await xmpOf(pdf);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
    expect(xmp).toContain('<xmp:CreateDate>2026-01-05T09:30:15Z</xmp:CreateDate>');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-01-05T09:30:15.000Z');
    expect(doc.getProducer()).toMatch(/^kp-brev /);
    expect(xmp).toContain(`<pdf:Producer>${doc.getProducer()}</pdf:Producer>`);
  });

  it('has an sRGB output intent with the shipped ICC profile embedded, and a trailer ID', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const intent = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(String(intent.get(PDFName.of('S')))).toBe('/GTS_PDFA1');
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream;
    expect(inflateSync(profile.getContents()).equals(readFileSync(ICC_FILE))).toBe(true);
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/trailer\s*<<[^>]*\/ID \[\s*<([0-9A-F]{32})>\s*<\1>\s*\]/);
    // The shipped profile is sRGB (RGB data, XYZ connection space, a display profile, ICC v2).
    const icc = readFileSync(ICC_FILE);
    expect([icc.toString('latin1', 16, 20), icc.toString('latin1', 36, 40), icc[8]]).toEqual(['RGB ', 'acsp', 2]);
  });

  it.skipIf(!checker)("passes the project checker's PDF/UA and PDF/A-2 checks", () => {
    const report = pdfuaCheck(pdf);
    expect(report.failed).toEqual([]);
    const pdfa = report.checks.filter((c) => c.id.startsWith('pdfa-'));
    expect(pdfa.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'pdfa-id',
        'pdfa-header',
        'pdfa-trailer-id',
        'pdfa-output-intent',
        'pdfa-device-colour',
        'pdfa-transparency',
        'pdfa-fonts',
        'pdfa-notdef',
        'pdfa-xmp',
        'pdfa-extension-schema',
        'pdfa-info-xmp',
      ]),
    );
    expect(pdfa.every((c) => c.status === 'pass')).toBe(true);
  });

  it.skipIf(!checker).each([
    ['pdfa-output-intent', 'del pdf.Root.OutputIntents'],
    ['pdfa-device-colour', 'del pdf.Root.OutputIntents'],
    ['pdfa-id', "m = pdf.Root.Metadata; m.write(m.read_bytes().replace(b'<pdfaid:part>2</pdfaid:part>', b'<pdfaid:part>5</pdfaid:part>'))"],
    [
      'pdfa-extension-schema',
      "m = pdf.Root.Metadata; m.write(m.read_bytes().replace(b'<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>', b'').replace(b'http://www.aiim.org/pdfua/ns/id/</pdfaSchema', b'urn:x</pdfaSchema'))",
    ],
    ['pdfa-info-xmp', "pdf.docinfo['/Title'] = 'En anden titel'"],
    ['pdfa-fonts', "fonts = pdf.pages[0].Resources.Font\nfor k in list(fonts.keys()):\n    del fonts[k].DescendantFonts[0].FontDescriptor['/FontFile2']"],
  ])('the checker fails a letter whose %s rule is broken', (id, snippet) => {
    const broken = pikepdfEdit(pdf, snippet);
    expect(pdfuaCheck(broken).failed.map((c) => c.id)).toContain(id);
  });

  it('the print copy with attachments claims no PDF/A part (the attachments are not checked), and keeps PDF/UA', async () => {
    const bilag = readFileSync(join(root, 'templates/central/bilag/regler-helbredstillaegskort.pdf'));
    const print = await combineForPrint(pdf, [{ name: 'regler.pdf', bytes: bilag }]);
    const xmp = await xmpOf(print.pdf);
    expect(xmp).not.toContain('pdfaid:part');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
  });
});

describe('pdfa: "1a"', () => {
  it('writes PDF 1.4, composites a translucent image onto white instead of a soft mask, and gives every font a CIDSet', async () => {
    const docx = logoLetter();
    const two = (await renderPdf(docx)).pdf;
    const one = (await renderPdf(docx, { pdfa: '1a' })).pdf;
    expect(Buffer.from(one.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.4');
    expect(Buffer.from(two.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    expect(await xmpOf(one)).toContain('<pdfaid:part>1</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>');
    const image = async (pdf: Uint8Array): Promise<PDFRawStream> => {
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const xo = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
      return xo.lookup(xo.keys()[0]!) as PDFRawStream;
    };
    expect((await image(two)).dict.has(PDFName.of('SMask'))).toBe(true);
    const flat = await image(one);
    expect(flat.dict.has(PDFName.of('SMask'))).toBe(false);
    const samples = inflateSync(flat.getContents());
    // Row 0: two opaque red pixels, then two transparent ones, now white.
    expect([...samples.subarray(0, 12)]).toEqual([255, 0, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    const doc = await PDFDocument.load(one, { updateMetadata: false });
    const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    for (const name of fonts.keys()) {
      const cid = fonts.lookup(name, PDFDict).lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
      const set = (descriptor.lookup(PDFName.of('CIDSet')) as PDFRawStream).getContents();
      expect(set[0]! & 0x80).toBe(0x80); // glyph 0 is in every program
      expect(set.some((b, i) => i > 0 && b !== 0)).toBe(true);
    }
    if (checker) expect(pdfuaCheck(one).failed).toEqual([]);
  });

  describe.skipIf(!java)('Apache PDFBox Preflight: 0 errors for every sample letter and case', () => {
    const letters = sampleLetters();
    let results: PreflightResult[] = [];
    beforeAll(async () => {
      const pdfs = [];
      for (const l of letters)
        pdfs.push({ name: l.name, pdf: (await renderTemplatePdf(l.template, l.context, { ...(l.title ? { title: l.title } : {}), pdfa: '1a' })).pdf });
      pdfs.push({ name: 'logo med gennemsigtighed', pdf: (await renderPdf(logoLetter(), { pdfa: '1a' })).pdf });
      results = preflight(pdfs);
      console.log(
        `Preflight (PDF/A-1b) on --pdfa 1a: ${results.filter((r) => r.valid).length} of ${results.length} letters valid, ${results.reduce((a, r) => a + r.errors.length, 0)} errors`,
      );
    });

    it.each([...letters.map((l) => l.name), 'logo med gennemsigtighed'])('%s', (name) => {
      const r = results.find((x) => x.name === name)!;
      expect(r.errors).toEqual([]);
      expect(r.valid).toBe(true);
    });

    it('is not satisfied by the default PDF/A-2 output (it checks what it claims to)', async () => {
      const [r] = preflight([{ name: 'pdfa-2', pdf: (await renderPdf(logoLetter())).pdf }]);
      expect(r!.valid).toBe(false);
      expect(r!.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['7.11.2', '2.2.2', '3.1.11']));
    });
  });

  it('the library refuses a PDF/A level it does not make with a KpBrevError naming it, in Danish and English', async () => {
    const err = await renderPdf(logoLetter(), { pdfa: '3b' as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpBrevError);
    expect((err as KpBrevError).kind).toBe('input');
    expect((err as KpBrevError).describe('da')).toContain('PDF/A-niveauet "3b" findes ikke; vælg et af: 2a, 1a.');
    expect((err as KpBrevError).describe('en')).toContain('There is no PDF/A level "3b"; choose one of: 2a, 1a.');
  });

  it('the CLI (--pdfa 1a) and the batch runner (--pdfa 1a) pass it on; another value is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pdfa-'));
    const kpBrev = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } });
    const r = kpBrev(
      'render',
      '--template',
      'np_1004',
      '--context',
      'samples/sager/np_1004/karen-85-procent.json',
      '--out',
      join(dir, 'a.pdf'),
      '--pdfa',
      '1a',
    );
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'a.pdf')).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const bad = kpBrev(
      'render',
      '--template',
      'np_1004',
      '--context',
      'samples/sager/np_1004/karen-85-procent.json',
      '--out',
      join(dir, 'b.pdf'),
      '--pdfa',
      '3b',
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--pdfa');
    const cases = join(dir, 'cases.ndjson');
    writeFileSync(
      cases,
      JSON.stringify({ id: 'karen', ...JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) }) + '\n',
    );
    const batch = kpBrev('batch', '--template', 'np_1004', '--cases', cases, '--out', join(dir, 'ud'), '--pdfa', '1a', '--concurrency', '1');
    expect(batch.status).toBe(0);
    expect(
      readFileSync(join(dir, 'ud', 'karen.pdf'))
        .subarray(0, 8)
        .toString('latin1'),
    ).toBe('%PDF-1.4');
  });
});
