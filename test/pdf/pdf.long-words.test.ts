/**
 * Line breaking is linear in the paragraph: a word far wider than the line is cut between
 * characters without measuring the rest of the word again for every line (a 160,000-character
 * word took 40 s, a 1 MB name more than 7 minutes; now about 1 and 5 s). Every character still reaches the PDF, in
 * order (pdftotext).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/index.js';
import { docx, mergeField, p } from '../helpers/build.js';
import { hasTool } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-words-'));
const poppler = needTool('pdftotext', hasTool('pdftotext', ['-v']), 'poppler-utils');

/** The PDF's text with the line and page ends taken out. */
function joinedText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/[\n\f]/g, '');
}

describe.runIf(poppler)('words wider than the line', () => {
  // The quadratic line breaking of old took 122 s for this word on an idle machine; the linear
  // one takes about 2 s there and up to about 15 s on the 2-core test machine under heavy load.
  // The timeout guards against the quadratic one coming back, not a speed limit.
  it('a 400,000-character word in the template is cut into lines with every character drawn', { timeout: 100_000 }, async () => {
    const word = 'abcdefghij'.repeat(40_000);
    const r = await renderPdf(docx([p(word)]));
    const file = join(dir, 'ord.pdf');
    writeFileSync(file, r.pdf);
    expect(joinedText(file)).toBe(word);
    expect(r.pages).toBeGreaterThan(60);
  });

  it('kp-brev render makes the PDF of a case with a 1 MB name', () => {
    const name = 'klmnopqrst'.repeat(100_000);
    writeFileSync(join(dir, 'navn.docx'), docx([p('Navn: ', mergeField('Navn'))]));
    writeFileSync(join(dir, 'sag.json'), JSON.stringify({ fields: { Navn: name } }));
    const r = spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), 'render', 'navn.docx', '--context', 'sag.json', '--out', 'navn.pdf'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/Brevet er dannet: .*navn\.pdf \(\d+ sider, 1 felt flettet\)/);
    expect(r.status).toBe(0);
    // "Navn: " ends the first line (the name does not fit after it); its space is not drawn.
    expect(joinedText(join(dir, 'navn.pdf'))).toBe('Navn:' + name);
    expect(readFileSync(join(dir, 'navn.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
