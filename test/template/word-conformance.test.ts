/**
 * The Word conformance corpus (test/fixtures/word-conformance, see its NOTES.md): every file is
 * attributed in SOURCES.md, listed in fields.json with the evidence that Word saved it, and read
 * by kp-brev without error. fields.json is written by `npx tsx scripts/conformance-extract.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/template/template.js';

const dir = join(import.meta.dirname, '../fixtures', 'word-conformance');

function docxFiles(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((name) => {
      const p = join(d, name);
      if (statSync(p).isDirectory()) return docxFiles(p);
      return /\.docx$/i.test(name) ? [relative(dir, p)] : [];
    });
}

interface FileInfo {
  file: string;
  application: string;
  wordXml: boolean;
  rsids: boolean;
  paragraphRsids: number;
  generatorMarks?: string[];
  fields: number;
  computable: number;
}

interface FieldEntry {
  file: string;
  class: 'computable' | 'not-computable';
  cached: string | null;
  stale: boolean | 'unknown' | null;
}

const files = docxFiles(dir);
const listed = JSON.parse(readFileSync(join(dir, 'fields.json'), 'utf8')) as { files: FileInfo[]; fields: FieldEntry[] };

describe('Word conformance corpus', () => {
  it('attributes every file in SOURCES.md, and lists no file that is not there', () => {
    const rows = readFileSync(join(dir, 'SOURCES.md'), 'utf8')
      .split('\n')
      .filter((l) => /^\| [^|]+\.docx \|/.test(l))
      .map((l) => l.split('|')[1]!.trim());
    expect(rows.sort()).toEqual([...files].sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('lists every file in fields.json with the evidence that Microsoft Word saved it', () => {
    expect(listed.files.map((f) => f.file).sort()).toEqual([...files].sort());
    for (const f of listed.files) {
      expect(f.application, f.file).toMatch(/^Microsoft (Office|Macintosh) Word$/);
      expect(f.wordXml && f.rsids && f.paragraphRsids >= 0.5, f.file).toBe(true);
      expect(f.generatorMarks, f.file).toBeUndefined();
    }
  });

  it('has a cached result and a stale verdict for every computable field', () => {
    const computable = listed.fields.filter((e) => e.class === 'computable');
    expect(computable.length).toBeGreaterThanOrEqual(300);
    for (const e of computable) {
      expect(e.cached, e.file).not.toBeNull();
      expect([true, false, 'unknown']).toContain(e.stale);
    }
  });

  it.each(files)('kp-brev reads %s and finds the fields fields.json lists', (file) => {
    const tpl = loadTemplate(readFileSync(join(dir, file)), { name: file });
    expect(tpl.fields().length).toBe(listed.files.find((f) => f.file === file)!.fields);
  });
});
