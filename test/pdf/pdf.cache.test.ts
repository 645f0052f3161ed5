/**
 * Issue 16: what the PDF keeps per template version (the paragraphs and tables no field changes,
 * read once, and their lines): letters from the same compiled template keep their own values in
 * the body, the header and the footer; a letter made with the cache warm is byte for byte the
 * letter a fresh template makes (list labels that count on, warnings placed where the letter
 * has them); a new template version starts with nothing kept; what is kept is counted in the
 * repository's bounded cache.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseContextText, toContext, type CaseContext } from '../../src/context/context.js';
import { renderTemplatePdf } from '../../src/pdf/index.js';
import { blockCacheStats } from '../../src/pdf/model/block-cache.js';
import { LetterCache } from '../../src/repository/letter-cache.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { loadTemplate, type Template } from '../../src/template/template.js';
import { docx, formatted, mergeField, p, pStyled } from '../helpers/build.js';
import { hasTool } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const poppler = needTool('pdftotext', hasTool('pdftotext', ['-v']), 'poppler-utils');
const sag = (file: string): CaseContext => parseContextText(readFileSync(join(root, 'samples/sager', file), 'utf8'));

function pdftotext(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-cache-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('a composed letter made again and again from one compiled template', () => {
  const karen = sag('np_1004/karen-85-procent.json');
  const poul = sag('np_1004/poul-100-procent.json');

  it('is byte for byte the letter a fresh template makes, for each case in turn, and takes the unchanged blocks and their lines from the cache', async () => {
    const warm = TemplateRepository.open(join(root, 'templates')).compile('np_1004');
    const first = blockCacheStats(warm.template.package);
    expect(first).toMatchObject({ hits: 0, kept: 0, lineHits: 0 });
    const made: Array<{ name: string; pdf: Uint8Array }> = [];
    for (const [name, c] of [
      ['karen', karen],
      ['poul', poul],
      ['karen', karen],
      ['poul', poul],
    ] as const) {
      made.push({ name, pdf: (await renderTemplatePdf(warm.template, c, { fonts: 'exact' })).pdf });
    }
    const stats = blockCacheStats(warm.template.package);
    // The first letter keeps the template's unchanged blocks; the other three take them.
    expect(stats.kept).toBeGreaterThan(5);
    expect(stats.hits).toBe(3 * stats.kept);
    expect(stats.lineHits).toBeGreaterThanOrEqual(3 * stats.kept);
    // Kept blocks the letter holds as the template's text are not parsed again (each letter after the first).
    expect(stats.unparsed).toBeGreaterThan(0);
    expect(stats.unparsed).toBeLessThanOrEqual(stats.hits);
    for (const m of made) {
      // A template compiled now has nothing kept: its first letter is read and laid out in full.
      const fresh = TemplateRepository.open(join(root, 'templates')).compile('np_1004');
      const ref = await renderTemplatePdf(fresh.template, m.name === 'karen' ? karen : poul, { fonts: 'exact' });
      expect(blockCacheStats(fresh.template.package).hits).toBe(0);
      expect(same(m.pdf, ref.pdf), m.name).toBe(true);
    }
    expect(same(made[0]!.pdf, made[1]!.pdf)).toBe(false);
  });

  it("says where each rendered part holds the template's own text unchanged", () => {
    const t = TemplateRepository.open(join(root, 'templates')).compile('np_1004').template;
    const rendered = t.renderParts(karen);
    expect([...rendered.verbatim.keys()].sort()).toEqual([...rendered.parts.keys()].sort());
    let total = 0;
    for (const [part, triples] of rendered.verbatim) {
      const letter = rendered.parts.get(part)!;
      const own = t.package.text(part);
      expect(triples.length % 3).toBe(0);
      for (let i = 0; i < triples.length; i += 3) {
        const [at, from, length] = triples.slice(i, i + 3) as [number, number, number];
        if (i > 0) expect(at).toBeGreaterThanOrEqual(triples[i - 3]! + triples[i - 1]!);
        expect(letter.slice(at, at + length)).toBe(own.slice(from, from + length));
        total += length;
      }
    }
    // Most of np_1004's text is the template's (the fields change a few runs).
    expect(total).toBeGreaterThan(0.5 * [...rendered.parts.values()].reduce((n, x) => n + x.length, 0));
  });

  it.skipIf(!poppler)("shows each case's own name and figures, in the body and beside the kept paragraphs", async () => {
    const t = TemplateRepository.open(join(root, 'templates')).compile('np_1004').template;
    const texts: string[] = [];
    for (const c of [karen, poul, karen, poul]) texts.push(pdftotext((await renderTemplatePdf(t, c)).pdf));
    expect(texts[0]).toContain('Karen');
    expect(texts[0]).not.toContain('Poul');
    expect(texts[1]).toContain('Poul');
    expect(texts[1]).not.toContain('Karen');
    expect(texts[2]).toBe(texts[0]);
    expect(texts[3]).toBe(texts[1]);
  });
});

describe('a template with a header and a footer that hold fields, a list that counts on and a font that is not shipped', () => {
  const numbering =
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
  const listItem = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>';
  const bytes = docx(
    [
      p('Kære ', mergeField('Navn')),
      p('Denne tekst er den samme i hvert brev, og den er lang nok til at brydes over flere linjer på siden, så linjerne gemmes med afsnittet.'),
      pStyled(listItem, mergeField('TableStart:Linjer'), mergeField('Tekst'), mergeField('TableEnd:Linjer')),
      pStyled(listItem, 'Et punkt i samme liste, der tæller videre efter linjerne.'),
      p(formatted('Skrevet med en skrift kp-brev ikke har.', '<w:rPr><w:rFonts w:ascii="Comic Sans MS" w:hAnsi="Comic Sans MS"/></w:rPr>')),
      p('Med venlig hilsen'),
    ],
    { numbering, header: p('Sagsnummer ', mergeField('Sag')), footer: p('Til ', mergeField('Navn')) },
  );
  const caseOf = (navn: string, sag: string, linjer: string[]): CaseContext =>
    toContext({ fields: { Navn: navn, Sag: sag, Linjer: linjer.map((Tekst) => ({ Tekst })) }, questions: {} });
  const one = caseOf('Karen Jensen', 'S-1', ['Regningen']);
  const three = caseOf('Poul Nielsen', 'S-2', ['Regningen', 'Kopien', 'Overslaget']);
  const fresh = (): Template => loadTemplate(bytes, { name: 'liste.docx' });

  it('makes the letters a fresh template makes, warnings and their places included, in any order', async () => {
    const t = fresh();
    const runs: Array<{ c: CaseContext; r: Awaited<ReturnType<typeof renderTemplatePdf>> }> = [];
    for (const c of [one, three, one, three, three, one]) runs.push({ c, r: await renderTemplatePdf(t, c, { fonts: 'exact' }) });
    const stats = blockCacheStats(t.package);
    expect(stats.hits).toBeGreaterThan(0);
    expect(stats.lineHits).toBeGreaterThan(0);
    // The list paragraph that counts on among them: taken unparsed, and numbered again.
    expect(stats.unparsed).toBeGreaterThan(0);
    for (const { c, r } of runs) {
      const ref = await renderTemplatePdf(fresh(), c, { fonts: 'exact' });
      expect(same(r.pdf, ref.pdf)).toBe(true);
      expect(r.warnings).toEqual(ref.warnings);
    }
    // The warning is placed at the paragraph the font is in, which the list's lines move.
    const at = (i: number): unknown => runs[i]!.r.warnings.find((w) => w.code === 'pdf.font-substituted')?.location?.paragraph;
    expect(at(0)).toBe(5);
    expect(at(1)).toBe(7);
  });

  it.skipIf(!poppler)("shows each letter's header, footer and list numbers", async () => {
    const t = fresh();
    const a = pdftotext((await renderTemplatePdf(t, one)).pdf);
    const b = pdftotext((await renderTemplatePdf(t, three)).pdf);
    const c = pdftotext((await renderTemplatePdf(t, one)).pdf);
    expect(a).toContain('Sagsnummer S-1');
    expect(a).toContain('Til Karen Jensen');
    expect(a).toContain('2. Et punkt i samme liste');
    expect(b).toContain('Sagsnummer S-2');
    expect(b).toContain('Til Poul Nielsen');
    expect(b).toContain('4. Et punkt i samme liste');
    expect(b).not.toContain('Karen');
    expect(c).toBe(a);
  });
});

describe('a new template version', () => {
  it('starts with nothing kept, and shows its own text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-repo-'));
    cpSync(join(root, 'templates'), dir, { recursive: true });
    const karen = sag('np_1004/karen-85-procent.json');
    const before = TemplateRepository.open(dir).compile('np_1004');
    await renderTemplatePdf(before.template, karen);
    await renderTemplatePdf(before.template, karen);
    expect(blockCacheStats(before.template.package).hits).toBeGreaterThan(0);
    // Version 2 of the letter's message: one unchanged paragraph says something else.
    const manifest = join(dir, 'manifest.yaml');
    const data = parse(readFileSync(manifest, 'utf8')) as { beskedskabeloner: Array<Record<string, unknown>> };
    const entry = data.beskedskabeloner.find((b) => b['id'] === 'np_1004')!;
    const file = join(dir, entry['file'] as string);
    const zip = new PizZip(readFileSync(file));
    const xml = zip.file('word/document.xml')!.asText();
    const old = 'Du skal give os besked';
    expect(xml).toContain(old);
    zip.file('word/document.xml', xml.replace(old, 'Giv os besked'));
    writeFileSync(file, zip.generate({ type: 'nodebuffer' }));
    entry['version'] = Number(entry['version']) + 1;
    writeFileSync(manifest, stringify(data));
    const after = TemplateRepository.open(dir).compile('np_1004');
    expect(after.def.versionKey).not.toBe(before.def.versionKey);
    const r = await renderTemplatePdf(after.template, karen);
    expect(blockCacheStats(after.template.package).hits).toBe(0);
    if (poppler) {
      const text = pdftotext(r.pdf);
      expect(text).toContain('Giv os besked');
      expect(text).not.toContain(old);
    }
  });
});

describe("what is kept is counted in the repository's cache of compiled letters", () => {
  it('the estimate grows with the first letter and then holds', async () => {
    const repo = TemplateRepository.open(join(root, 'templates'));
    const compiled = repo.compile('np_1004');
    const at0 = repo.cacheStats().bytes;
    expect(at0).toBe(compiled.template.estimatedBytes);
    const karen = sag('np_1004/karen-85-procent.json');
    await renderTemplatePdf(compiled.template, karen);
    const at1 = repo.cacheStats().bytes;
    expect(at1 - at0).toBe(blockCacheStats(compiled.template.package).bytes);
    expect(at1).toBeGreaterThan(at0);
    for (let i = 0; i < 5; i++) await renderTemplatePdf(compiled.template, i % 2 ? karen : sag('np_1004/poul-100-procent.json'));
    expect(repo.cacheStats().bytes).toBe(at1);
  });

  it('an entry that grows past the bound pushes the least recently used out', () => {
    const cache = new LetterCache<string>({ maxEntries: 10, maxBytes: 100 });
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    cache.grow('b', 30);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 70, evictions: 1 });
    expect(cache.get('a')).toBeUndefined();
    cache.grow('gone', 10);
    expect(cache.stats().bytes).toBe(70);
  });
});
