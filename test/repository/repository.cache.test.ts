/**
 * Issue 16: the compiled letters' cache over a repository of many municipalities (made by the
 * large repository generator): letters a municipality does not override are the central letter,
 * compiled once; the cache is bounded by count and by bytes, least recently used out first; a
 * compiled letter makes the same bytes after its parsed XML is dropped.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseContextText, type CaseContext } from '../../src/context/context.js';
import { renderTemplatePdf } from '../../src/pdf/index.js';
import { defaultCacheLimits, LetterCache } from '../../src/repository/letter-cache.js';
import { readZip } from '../../src/ooxml/zip.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { buildLargeRepository, centralOnly, type LargeRepo } from '../../scripts/lib/large-repo.js';
import { LETTERS } from '../../scripts/lib/kp-templates.js';
import { danishError } from '../helpers/errors.js';

const root = join(import.meta.dirname, '../..');
const caseOf = (id: string): CaseContext => {
  const dir = join(root, 'samples/sager', id);
  return parseContextText(readFileSync(join(dir, readdirSync(dir).sort()[0]!), 'utf8'));
};

let big: LargeRepo;
beforeAll(async () => {
  big = await buildLargeRepository({ kommuner: 2, out: mkdtempSync(join(tmpdir(), 'kp-brev-large-')) });
});

describe('the large repository generator', () => {
  it('makes municipalities that each override 10 of the central letters, a different rest left central', () => {
    const repo = TemplateRepository.open(big.dir);
    expect([...repo.kommuner.keys()]).toEqual(big.kommuner);
    expect(repo.central.beskedskabeloner).toHaveLength(LETTERS.length);
    // The central letters, their 2 masters and 3 content elements; 10 overrides per municipality.
    expect(big.files).toBe(LETTERS.length + 5 + 2 * 10);
    for (const [i, k] of big.kommuner.entries()) {
      const overridden = repo
        .list(k)
        .filter((r) => r.kind === 'beskedskabelon' && r.status === 'overridden')
        .map((r) => r.id);
      expect(overridden).toHaveLength(10);
      expect(repo.central.beskedskabeloner.map((b) => b.id).filter((id) => !overridden.includes(id))).toEqual([...centralOnly(i)].sort());
    }
    expect(centralOnly(0)).not.toEqual(centralOnly(1));
  });

  it("an override is the central letter with the municipality's own paragraph", () => {
    const repo = TemplateRepository.open(big.dir);
    const k = big.kommuner[0]!;
    const id = repo.central.beskedskabeloner.map((b) => b.id).find((x) => !centralOnly(0).has(x))!;
    const own = repo.compile(id, k).template.render(caseOf(id)).docx;
    const text = readDocumentText;
    expect(text(own)).toContain(`Borgerservice i Eksempelkommune ${k}`);
    expect(text(repo.compile(id).template.render(caseOf(id)).docx)).not.toContain('Borgerservice i Eksempelkommune');
  });
});

describe('letters a municipality does not override are compiled once', () => {
  it('shares the central letter, with the municipality in its settings', async () => {
    const repo = TemplateRepository.open(big.dir);
    const [k0, k1] = big.kommuner as [string, string];
    const id = [...centralOnly(0)].find((x) => !centralOnly(1).has(x)) ?? [...centralOnly(0)][0]!;
    const central = repo.compile(id);
    const shared = repo.compile(id, k0);
    expect(shared.template).toBe(central.template);
    expect(shared.def.kommune).toBe(k0);
    expect(central.def.kommune).toBeUndefined();
    // The other municipality overrides it: its own letter.
    if (!centralOnly(1).has(id)) expect(repo.compile(id, k1).template).not.toBe(central.template);
    expect(repo.cacheStats()).toMatchObject({ hits: 1 });
    const ctx = caseOf(id);
    expect(Buffer.from(shared.template.render(ctx).docx).equals(Buffer.from(central.template.render(ctx).docx))).toBe(true);
    const pdf = await renderTemplatePdf(shared.template, ctx);
    expect(pdf.pages).toBeGreaterThan(0);
  });

  it('compiles every distinct letter once: each central letter + 10 per municipality', () => {
    const repo = TemplateRepository.open(big.dir);
    for (const k of [undefined, ...big.kommuner]) for (const b of repo.central.beskedskabeloner) repo.compile(b.id, k);
    const n = LETTERS.length;
    expect(repo.cacheStats()).toMatchObject({ entries: n + 2 * 10, misses: n + 2 * 10, hits: 2 * (n - 10), evictions: 0 });
  });
});

describe('the cache is bounded, least recently used out first', () => {
  it('by count', () => {
    const repo = TemplateRepository.open(join(root, 'templates'), { cache: { maxEntries: 2 } });
    const a = repo.compile('np_1001');
    repo.compile('np_1002');
    expect(repo.compile('np_1001')).toBe(a); // used again: now the most recent
    repo.compile('np_1003'); // np_1002 goes
    expect(repo.cacheStats()).toMatchObject({ entries: 2, evictions: 1, hits: 1, misses: 3 });
    expect(repo.compile('np_1001')).toBe(a);
    expect(repo.compile('np_1002')).not.toBe(undefined);
    expect(repo.cacheStats()).toMatchObject({ entries: 2, evictions: 2, misses: 4 });
  });

  it('by estimated bytes, keeping at least the letter just made', () => {
    const repo = TemplateRepository.open(join(root, 'templates'), { cache: { maxBytes: 1 } });
    const a = repo.compile('np_1004');
    expect(a.template.estimatedBytes).toBeGreaterThan(100_000);
    expect(repo.cacheStats()).toMatchObject({ entries: 1, bytes: a.template.estimatedBytes });
    repo.compile('np_1001');
    expect(repo.cacheStats()).toMatchObject({ entries: 1, evictions: 1 });
    expect(repo.compile('np_1004')).not.toBe(a);
  });

  it('LetterCache: replacing a key keeps one entry and its bytes', () => {
    const cache = new LetterCache<string>({ maxEntries: 10, maxBytes: 100 });
    cache.set('a', 'x', 60);
    cache.set('a', 'y', 30);
    cache.set('b', 'z', 60);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 90, evictions: 0 });
    cache.set('c', 'w', 20);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 80, evictions: 1 });
  });

  it('limits from the environment, and a clear error for a bad one', () => {
    expect(defaultCacheLimits({ KP_BREV_CACHE_MB: '10', KP_BREV_CACHE_ENTRIES: '20' })).toEqual({ maxEntries: 20, maxBytes: 10 * 1024 * 1024 });
    expect(defaultCacheLimits({})).toEqual({ maxEntries: 1500, maxBytes: 32 * 1024 * 1024 });
    expect(danishError(() => defaultCacheLimits({ KP_BREV_CACHE_MB: 'meget' }))).toMatch(/KP_BREV_CACHE_MB skal være et positivt tal, ikke "meget"/);
  });
});

describe('a compiled letter keeps what rendering needs', () => {
  it('makes the same .docx and PDF as a letter compiled in a fresh repository, after its XML trees are dropped', async () => {
    const repo = TemplateRepository.open(join(root, 'templates'));
    const compiled = repo.compile('np_1004');
    const ctx = caseOf('np_1004');
    const first = compiled.template.render(ctx).docx;
    const pdf1 = await renderTemplatePdf(compiled.template, ctx, { fonts: 'exact' });
    compiled.template.package.release();
    expect(Buffer.from(compiled.template.render(ctx).docx).equals(Buffer.from(first))).toBe(true);
    const pdf2 = await renderTemplatePdf(compiled.template, ctx, { fonts: 'exact' });
    expect(Buffer.from(pdf2.pdf).equals(Buffer.from(pdf1.pdf))).toBe(true);
  });
});

function readDocumentText(bytes: Uint8Array): string {
  // The text of word/document.xml's w:t elements.
  const xml = readZipText(bytes, 'word/document.xml');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

function readZipText(bytes: Uint8Array, name: string): string {
  return Buffer.from(readZip(bytes).read(name)).toString('utf8');
}
