/**
 * Every sample letter both ways: kp-brev's own PDF, and LibreOffice converting the same filled
 * .docx. Same number of pages, the same text on at least 90 % of the lines (pdftotext -layout),
 * and a pixel score of the page images (pdftoppm), printed for the record. Every one of our
 * PDFs also passes the PDF/UA checker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseContextText } from '../../src/context/context.js';
import { renderPdf } from '../../src/pdf/index.js';
import { convertWithLibreOffice, findSoffice } from '../../src/pdf/libreoffice.js';
import { loadTemplate } from '../../src/template/template.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { compare, hasTool, type Comparison } from '../../scripts/lib/fidelity.js';
import { buildDocx } from '../../src/authoring/package.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pdfuaAvailable, pdfuaCheck, tableLetterBody, withCompatibilityMode } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const ready =
  needTool('LibreOffice', findSoffice() !== null, 'libreoffice-writer-nogui') &&
  needTool('pdftotext/pdftoppm', hasTool('pdftotext') && hasTool('pdftoppm'), 'poppler-utils');
const checker = needTool('python3-pikepdf', pdfuaAvailable(), 'python3-pikepdf');

const TABLE_2010 = 'tabel i Word 2010-layout (compatibilityMode 14: the table stands out by its cell margin)';

/** Where a word starts on the first page (pdftotext -bbox), points from the left. */
function wordX(pdf: Uint8Array, word: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-bbox-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  const bbox = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  const m = new RegExp(`<word xMin="([\\d.]+)"[^>]*>${word}</word>`).exec(bbox);
  if (!m) throw new Error(`${word} not found`);
  return Number(m[1]);
}

interface Sample {
  name: string;
  docx: Uint8Array;
}

function samples(): Sample[] {
  const repo = TemplateRepository.open(join(root, 'templates'));
  const out: Sample[] = [];
  const dir = join(root, 'samples/sager');
  for (const id of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, id)).sort()) {
      const ctx = parseContextText(readFileSync(join(dir, id, file), 'utf8'));
      out.push({ name: `${id}/${file}`, docx: repo.compile(id).template.render(ctx).docx });
      const own = repo.letter(id, '540');
      if (own.message.override) out.push({ name: `540/${id}/${file}`, docx: repo.compile(id, '540').template.render(ctx).docx });
    }
  }
  const single = loadTemplate(readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx')), {
    name: 'bevilling-helbredstillaegskort.docx',
  });
  for (const c of ['karen-jensen', 'poul-nielsen'])
    out.push({ name: `enkeltbrev/${c}`, docx: single.render(parseContextText(readFileSync(join(root, `samples/enkeltbrev/${c}.json`), 'utf8'))).docx });
  out.push({ name: 'adressefelt (a floating text box for a window envelope)', docx: addressWindowLetter() });
  out.push({ name: TABLE_2010, docx: withCompatibilityMode(buildDocx({ body: tableLetterBody(), title: 'Tabel' }), 14) });
  return out;
}

/** A letter whose recipient stands in a floating text box 20 mm from the left and 50 mm from the top. */
function addressWindowLetter(): Uint8Array {
  const p = (t: string, jc = ''): string => `<w:p><w:pPr><w:spacing w:after="0"/>${jc}</w:pPr><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
  const box =
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="114300" distR="114300" simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" relativeHeight="2"><wp:simplePos x="0" y="0"/>' +
    '<wp:positionH relativeFrom="page"><wp:posOffset>720090</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>1799590</wp:posOffset></wp:positionV><wp:extent cx="3060700" cy="1079500"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="2" name="Adressefelt"/><wp:cNvGraphicFramePr/>' +
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3060700" cy="1079500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent>' +
    p('Karen Jensen') +
    p('Engvej 12') +
    p('6400 Sønderborg') +
    '</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>';
  const body =
    `<w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="right"/></w:pPr><w:r><w:t>Dato: 5. januar 2026</w:t></w:r>${box}</w:p>` +
    p('Sagsnr.: HT-2026-000123', '<w:jc w:val="right"/>') +
    '<w:p><w:pPr><w:spacing w:before="2000" w:after="0"/></w:pPr><w:r><w:t>Kære Karen</w:t></w:r></w:p>' +
    p('Vi har modtaget din ansøgning om helbredstillæg.');
  return buildDocx({ body, title: 'Adressefelt' });
}

describe.skipIf(!ready)('kp-brev PDF against LibreOffice, every sample letter', () => {
  const all = samples();
  const results = new Map<string, { comparison: Comparison; ours: Uint8Array; lo: Uint8Array }>();
  beforeAll(async () => {
    const lo = convertWithLibreOffice(all.map((s) => s.docx));
    for (const [i, s] of all.entries()) {
      const ours = (await renderPdf(s.docx, { name: s.name })).pdf;
      results.set(s.name, { comparison: compare(ours, lo[i]!), ours, lo: lo[i]! });
    }
    const lines = [...results.values()].reduce((a, r) => a + r.comparison.lines, 0);
    const same = [...results.values()].reduce((a, r) => a + r.comparison.sameLines, 0);
    const pixels = [...results.values()].flatMap((r) => r.comparison.pixel);
    console.log(
      `PDF fidelity: ${all.length} letters, ${same}/${lines} lines identical (${((100 * same) / lines).toFixed(1)} %), pixel score median ${pixels.sort((a, b) => a - b)[pixels.length >> 1]!.toFixed(3)}, lowest ${pixels[0]!.toFixed(3)}`,
    );
  });

  it.each(all.map((s) => s.name))('%s: same pages, ≥ 90 % of lines identical, pixel score ≥ 0.9', (name) => {
    const { comparison: c } = results.get(name)!;
    expect(c.pagesOurs).toBe(c.pagesLo);
    expect(c.sameLines / c.lines, JSON.stringify(c.differences.slice(0, 5))).toBeGreaterThanOrEqual(0.9);
    for (const score of c.pixel) expect(score).toBeGreaterThanOrEqual(0.9);
  });

  it('a table in Word 2010 layout: its cell text starts where LibreOffice puts it, in line with the body text', () => {
    const { ours, lo } = results.get(TABLE_2010)!;
    expect(wordX(ours, 'Celletekst')).toBeCloseTo(wordX(lo, 'Celletekst'), 0);
    expect(wordX(ours, 'Celletekst')).toBeCloseTo(wordX(ours, 'Brødtekst'), 0);
  });

  it.skipIf(!checker).each(all.map((s) => s.name))('%s passes the PDF/UA checker', (name) => {
    expect(pdfuaCheck(results.get(name)!.ours).failed).toEqual([]);
  });
});
