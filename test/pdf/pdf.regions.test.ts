/**
 * A letter whose table grows with the case (a region over 60 expenses) laid out as PDF: the table
 * runs over several pages with its header row repeated on each, no row split across pages
 * (cantSplit), the structure stays a Table of TR with TH and TD, and the footer's "Side x af y"
 * counts the pages the PDF really has. Read back with poppler's pdftotext, page by page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContextText, toContext } from '../../src/context/context.js';
import { renderTemplatePdf } from '../../src/pdf/index.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { find, hasTool, layOut, structure } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const repo = TemplateRepository.open(join(root, 'templates'));
const base = parseContextText(readFileSync(join(root, 'samples/sager/np_1017/fatima-briller-tre-udgifter.json'), 'utf8'));
const N = 60;
const udgifter = Array.from({ length: N }, (_, i) => {
  const k = i + 1;
  return {
    Beskrivelse: `Udgift nr. ${k}: brilleglas med særlig slibning og antirefleks til skærmarbejde (${k})`,
    Overslag: 1000 + k,
    Prisaftale: null,
    Tilskud: 500 + k,
    Egenbetaling: 500,
  };
});
const context = toContext({ ...base, fields: { ...base.fields, Udgifter: udgifter, Tilskud: { Beloeb: udgifter.reduce((s, u) => s + u.Tilskud, 0) } } });
const compiled = repo.compile('np_1017');

const poppler = needTool('pdftotext', hasTool('pdftotext', ['-v']), 'poppler-utils');

describe('a long repeated table in the PDF', () => {
  it('the layout tags it Table > TR > TH/TD, with a TR per expense and the header once', () => {
    const docx = compiled.template.render(context).docx;
    const { letter } = layOut(docx);
    const tables = find(letter.root, 'Table');
    expect(tables).toHaveLength(1);
    const rows = find(tables[0]!, 'TR');
    // Header, 60 expenses, the total row (a header row repeated on a page is an artifact, not a new TR).
    expect(rows).toHaveLength(N + 2);
    expect(structure(rows[0]!)).toEqual([
      'TR',
      [
        ['TH', [['P']]],
        ['TH', [['P']]],
        ['TH', [['P']]],
        ['TH', [['P']]],
        ['TH', [['P']]],
      ],
    ]);
    expect(find(rows[1]!, 'TD')).toHaveLength(5);
    expect(letter.pages.length).toBeGreaterThan(2);
  });

  it.runIf(poppler)('pages repeat the header row, split no row, and the footer counts the pages', { timeout: 60_000 }, async () => {
    const { pdf } = await renderTemplatePdf(compiled.template, context, { name: 'np_1017.pdf' });
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-regions-pdf-'));
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    const text = (page: number): string => spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' }).stdout;
    const seen = new Map<number, number>();
    let tablePages = 0;
    for (let page = 1; page <= pages; page++) {
      const t = text(page);
      expect(t, `page ${page}`).toContain(`Side ${page} af ${pages}`);
      const starts = [...t.matchAll(/Udgift nr\. (\d+):/g)].map((m) => Number(m[1]));
      const ends = [...t.matchAll(/skærmarbejde \((\d+)\)/g)].map((m) => Number(m[1]));
      // A row is never split: the first and last line of its description are on the same page.
      expect(ends, `page ${page}`).toEqual(starts);
      for (const k of starts) seen.set(k, page);
      if (starts.length) {
        tablePages++;
        // The header row heads every page the table is on, above the first row there.
        const header = t.search(/Udgift\s+Overslag\s+Prisaftale\s+Tilskud\s+Du betaler/);
        expect(header, `page ${page}`).toBeGreaterThanOrEqual(0);
        expect(header).toBeLessThan(t.indexOf(`Udgift nr. ${starts[0]}:`));
      }
    }
    expect(tablePages).toBeGreaterThan(1);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(udgifter.map((_, i) => i + 1));
    // In order, page after page.
    const order = [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
