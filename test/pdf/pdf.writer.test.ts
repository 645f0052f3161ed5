/**
 * The PDF file itself: read back with the PDF library and with poppler, checked with the
 * PDF/UA checker (test/tools, from ../shared/tools), refused in strict mode, and made from the
 * command line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from '@cantoo/pdf-lib';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/authoring/package.js';
import { parseContextText } from '../../src/context/context.js';
import { KpBrevError, messageOf } from '../../src/diagnostics.js';
import { renderPdf, renderTemplatePdf } from '../../src/pdf/index.js';
import { combineForPrint, DIGITAL_POST_LIMITS } from '../../src/pdf/writer/attachments.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { existsSync } from 'node:fs';
import { hasTool, ORIGINAL_PDFUA_CHECK, PDFUA_CHECK, pdfuaAvailable, pdfuaCheck, SHARED_PDFUA_CHECK } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const repo = TemplateRepository.open(join(root, 'templates'));
const karen = parseContextText(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8'));
const poppler = needTool('pdftotext', hasTool('pdftotext', ['-v']), 'poppler-utils');
const checker = needTool('python3-pikepdf', pdfuaAvailable(), 'python3-pikepdf');

function pdftotext(pdf: Uint8Array, layout = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pdf-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

describe('a composed letter as PDF', () => {
  const compiled = repo.compile('np_1004');
  let pdf: Uint8Array;
  let pages: number;
  beforeAll(async () => {
    const r = await renderTemplatePdf(compiled.template, karen, { title: compiled.def.digitalPostTitle! });
    pdf = r.pdf;
    pages = r.pages;
    expect(r.warnings).toEqual([]);
  });

  it('is a tagged PDF with language, title shown, PDF/UA identification and embedded Unicode fonts', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(pages);
    expect(pages).toBe(2);
    const cat = doc.catalog;
    expect(String(cat.get(PDFName.of('Lang')))).toBe('(da-DK)');
    expect(String((cat.lookup(PDFName.of('MarkInfo')) as PDFDict).get(PDFName.of('Marked')))).toBe('true');
    expect(String((cat.lookup(PDFName.of('ViewerPreferences')) as PDFDict).get(PDFName.of('DisplayDocTitle')))).toBe('true');
    expect(cat.get(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFRef);
    const xmp = Buffer.from((cat.lookup(PDFName.of('Metadata')) as PDFRawStream).getContents()).toString('utf8');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${compiled.def.digitalPostTitle}</rdf:li>`);
    expect(doc.getTitle()).toBe(compiled.def.digitalPostTitle);
    // Every font: Type0 / Identity-H with ToUnicode, its program embedded (FontFile2).
    const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const names = fonts.keys();
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) {
      const font = fonts.lookup(name, PDFDict);
      expect(String(font.get(PDFName.of('Subtype')))).toBe('/Type0');
      expect(font.get(PDFName.of('ToUnicode'))).toBeInstanceOf(PDFRef);
      const cid = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
      const program = descriptor.lookup(PDFName.of('FontFile2')) as PDFRawStream;
      const ttf = inflateSync(program.getContents());
      expect(ttf.readUInt32BE(0)).toBe(0x00010000);
      expect(String(descriptor.get(PDFName.of('FontName')))).toMatch(/^\/[A-Z]{6}\+Liberation/);
    }
  });

  it.skipIf(!poppler)('reads back as the letter: every line where it stands', () => {
    const text = pdftotext(pdf, true);
    expect(text).toMatch(/Du får et helbredstillægskort\n/);
    expect(text).toMatch(/Vi har den 10\. december 2025 modtaget din ansøgning om helbredstillæg\. Du får et\n/);
    expect(text).toMatch(/Medicin med tilskud +85 %/);
    expect(text).toMatch(/Side 1 af 2/);
    expect(text).toMatch(/Side 2 af 2/);
    expect(text).toContain('Sønderborg Kommune · Rådhustorvet 10, 6400 Sønderborg');
  });

  it.skipIf(!checker)('passes the PDF/UA checker', () => {
    expect(pdfuaCheck(pdf).failed).toEqual([]);
  });
});

describe.runIf(checker)('the project\u2019s PDF checker', () => {
  it('runs every check of the workplace\u2019s PDF/UA checker (test/tools/shared) with the same result, and adds the PDF/A rules', async () => {
    // test/tools/pdfua_check.py is the shared PDF/UA checker plus PDF/A rules (ids pdfa-*).
    const letters = [
      (await renderTemplatePdf(repo.compile('np_1004').template, karen)).pdf,
      (await renderPdf(buildDocx({ body: '<w:p><w:r><w:t>Brev</w:t></w:r></w:p>', title: 'x' }))).pdf,
    ];
    for (const pdf of letters) {
      const ours = pdfuaCheck(pdf);
      const original = pdfuaCheck(pdf, ORIGINAL_PDFUA_CHECK);
      expect(ours.checks.filter((c) => !c.id.startsWith('pdfa-'))).toEqual(original.checks);
      expect(ours.checks.filter((c) => c.id.startsWith('pdfa-')).length).toBeGreaterThan(10);
    }
    expect(readFileSync(PDFUA_CHECK, 'utf8')).toContain('def check_pdfa(');
  });

  // ../shared lies beside the repository in the workplace, not in a clean clone (nor in CI, which
  // tests the carried copy above): compared when it is there, else said so.
  const shared = existsSync(SHARED_PDFUA_CHECK);
  if (!shared)
    console.warn(`${SHARED_PDFUA_CHECK} is not there (a clone without ../shared): the carried copy test/tools/shared/pdfua_check.py is not compared with it.`);
  it.skipIf(!shared)('the carried copy is the workplace\u2019s checker as it is in ../shared/tools', () => {
    expect(readFileSync(ORIGINAL_PDFUA_CHECK, 'utf8')).toBe(readFileSync(SHARED_PDFUA_CHECK, 'utf8'));
  });
});

describe('strict mode and reproducible output', () => {
  const textbox =
    '<w:p><w:r><w:t>Anker</w:t></w:r><w:r><w:pict><v:shape id="tb" style="width:100pt;height:40pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Tekst i boksen</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>';
  const docx = buildDocx({ body: textbox, title: 'Prøve' });

  it('warns by default and keeps the text; refuses in strict mode naming the template and the place', async () => {
    const loose = await renderPdf(docx, { name: 'tekstboks.docx' });
    expect(loose.warnings.map((w) => w.code)).toEqual(['pdf.textbox']);
    const err = await renderPdf(docx, { name: 'tekstboks.docx', strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpBrevError);
    const ke = err as KpBrevError;
    expect(ke.kind).toBe('refused');
    expect(messageOf(ke.diagnostics[0]!)).toBe('PDF-brevet fra tekstboks.docx dannes ikke i streng tilstand: 1 forhold kan ikke vises som i Word.');
    expect(ke.diagnostics[1]!.location).toMatchObject({ template: 'tekstboks.docx', part: 'word/document.xml', paragraph: 1 });
  });

  it('with exact font subsets, the same letter gives the same bytes', async () => {
    const a = await renderPdf(docx, { fonts: 'exact' });
    const b = await renderPdf(docx, { fonts: 'exact' });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});

describe('kp-brev render --out letter.pdf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pdfcli-'));
  const kpBrev = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } });

  it('writes a PDF chosen by the extension and says how many pages', () => {
    const out = join(dir, 'brev.pdf');
    const r = kpBrev('render', 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx', '--context', 'samples/enkeltbrev/karen-jensen.json', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Brevet er dannet: ${out} (2 sider, 37 felter flettet).\n`);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('--format pdf for a name without an extension; --lang en', () => {
    const out = join(dir, 'brev');
    const r = kpBrev(
      'render',
      '--template',
      'np_1031',
      '--context',
      'samples/sager/np_1031/poul-til-udbetaling-danmark.json',
      '--out',
      out,
      '--format',
      'pdf',
      '--lang',
      'en',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`The letter is made: ${out} (1 page, 19 fields merged).\n`);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses in --strict mode with exit 1 when the letter holds what cannot be drawn', () => {
    const body =
      '<w:p><w:r><w:t>Anker</w:t></w:r><w:r><w:pict><v:shape style="width:100pt;height:40pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Boks</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>';
    writeFileSync(join(dir, 'boks.docx'), buildDocx({ body, title: 'x' }));
    writeFileSync(join(dir, 'tom.json'), '{"fields": {}, "questions": {}}');
    const ok = kpBrev('render', join(dir, 'boks.docx'), '--context', join(dir, 'tom.json'), '--out', join(dir, 'boks.pdf'));
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('En tekstboks kan ikke placeres, som Word gør');
    const strict = kpBrev('render', join(dir, 'boks.docx'), '--context', join(dir, 'tom.json'), '--out', join(dir, 'boks2.pdf'), '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('dannes ikke i streng tilstand');
    expect(spawnSync('test', ['-e', join(dir, 'boks2.pdf')]).status).not.toBe(0);
  });
});

describe('attachments (bilag) for printing', () => {
  const bilag = readFileSync(join(root, 'templates/central/bilag/regler-helbredstillaegskort.pdf'));

  it('puts the attachment after the letter, keeps the letter tagged and marks the attachment as an artifact of the print copy', async () => {
    const letter = await renderTemplatePdf(repo.compile('np_1004').template, karen);
    const { pdf, pages } = await combineForPrint(letter.pdf, [{ name: 'regler.pdf', bytes: bilag }]);
    expect(pages).toBe(letter.pages + 1);
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFRef);
    const last = doc.getPage(pages - 1).node;
    const contents = last.lookup(PDFName.of('Contents'), PDFArray);
    const first = Buffer.from((contents.lookup(0) as PDFRawStream).getContents()).toString('latin1');
    expect(first).toContain('/Artifact');
    if (poppler) expect(pdftotext(pdf).split('\f')[pages - 1]).toContain('Regler for helbredstillægskort');
  });

  it('refuses what Digital Post refuses: more than 10 files, more than 99,5 MB, or an attachment that is not a PDF', async () => {
    const letter = (await renderPdf(buildDocx({ body: '<w:p><w:r><w:t>Brev</w:t></w:r></w:p>', title: 'x' }))).pdf;
    const eleven = Array.from({ length: 10 }, (_, i) => ({ name: `bilag-${i + 1}.pdf`, bytes: bilag }));
    const tooMany = await combineForPrint(letter, eleven).then(
      () => undefined,
      (e: unknown) => e as KpBrevError,
    );
    expect(messageOf(tooMany!.diagnostics[0]!)).toBe('Forsendelsen har 11 filer (brevet og dets bilag); Digital Post tillader højst 10 filer.');
    const tooLarge = await combineForPrint(letter, [{ name: 'stor.pdf', bytes: bilag }], { ...DIGITAL_POST_LIMITS, maxBytes: 20_000 }).then(
      () => undefined,
      (e: unknown) => e as KpBrevError,
    );
    expect(messageOf(tooLarge!.diagnostics[0]!)).toMatch(/^Forsendelsen fylder 0,\d MB; Digital Post tillader højst 0,0 MB\.$/);
    const notPdf = await combineForPrint(letter, [{ name: 'bilag.docx', bytes: Buffer.from('PK\x03\x04') }]).then(
      () => undefined,
      (e: unknown) => e as KpBrevError,
    );
    expect(notPdf).toBeInstanceOf(KpBrevError);
    expect(messageOf(notPdf!.diagnostics[0]!)).toBe('Bilaget "bilag.docx" er ikke en PDF-fil, der kan læses.');
  });

  it('kp-brev render --print adds the standard attachments from the repository', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kp-brev-print-')), 'brev.pdf');
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/kp-brev.js'), 'render', '--template', 'np_1004', '--context', 'samples/sager/np_1004/karen-85-procent.json', '--out', out, '--print'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Brevet er dannet: ${out} (3 sider, 38 felter flettet).\n`);
    const docx = spawnSync(
      process.execPath,
      [
        join(root, 'bin/kp-brev.js'),
        'render',
        '--template',
        'np_1004',
        '--context',
        'samples/sager/np_1004/karen-85-procent.json',
        '--out',
        out.replace('.pdf', '.docx'),
        '--attachment',
        'templates/central/bilag/regler-helbredstillaegskort.pdf',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } },
    );
    expect(docx.status).toBe(2);
    expect(docx.stderr).toContain('Bilag kan kun sættes efter et PDF-brev');
  });
});
