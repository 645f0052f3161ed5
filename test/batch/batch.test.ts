/**
 * Batch runs: every case ends as a letter or a line in errors.ndjson; an interrupted run
 * resumes without losing or duplicating a letter; shards split a run without overlap;
 * templates that may not be sent automatically are refused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch, parseShard } from '../../src/batch/batch.js';
import { progressLine } from '../../src/batch/progress.js';
import { execute } from '../../src/cli/main.js';
import { KpBrevError, messageOf } from '../../src/diagnostics.js';
import { InlinePool } from '../../src/service/pool.js';
import { ndjsonLines } from '../../src/batch/ndjson.js';
import { BATCH_LINE_BYTES } from '../../src/limits.js';
import { Readable } from 'node:stream';
import { openDocx } from '../helpers/inspect.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;

function casesFile(n: number, extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-cases-'));
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `sag-${String(i + 1).padStart(4, '0')}`, ...karen }));
  const file = join(dir, 'sager.ndjson');
  writeFileSync(file, [...lines, ...extra].join('\n') + '\n');
  return file;
}

const readNd = (file: string): Array<Record<string, unknown>> =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

describe('runBatch', () => {
  it('makes a letter per good case and puts every bad one in errors.ndjson with the reason', async () => {
    const fields = { ...(karen['fields'] as Record<string, unknown>) };
    delete fields['Klage'];
    const cases = casesFile(10, ['{ikke json', JSON.stringify({ id: 'uden-frist', ...karen, fields }), JSON.stringify({ id: 'sag-0003', ...karen })]);
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    const summary = await runBatch({ templatesDir: templates, template: 'np_1004', cases, out, format: 'docx', pool: new InlinePool({ threads: 2 }) });
    expect(summary).toMatchObject({ total: 13, made: 10, failed: 3, skipped: 0 });
    const letters = readdirSync(out)
      .filter((f) => f.endsWith('.docx'))
      .sort();
    expect(letters.length).toBe(10);
    expect(openDocx(readFileSync(join(out, letters[0]!))).texts()).toContain('Kære Karen');
    const errors = readNd(join(out, 'errors.ndjson')).sort((a, b) => (a['line'] as number) - (b['line'] as number));
    expect(errors.map((e) => [e['line'], e['id'], e['reason']])).toEqual([
      [11, 'linje-11', 'bad-case'],
      [12, 'uden-frist', 'letter-refused'],
      [13, 'sag-0003', 'duplicate-id'],
    ]);
    expect((errors[1]!['problems'] as Array<{ message: string }>)[0]!.message).toBe(
      'Flettefeltet "Klage.Frist" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
    );
    const manifest = readNd(join(out, 'manifest.ndjson'));
    expect(manifest[0]).toMatchObject({ kind: 'kp-brev batch', template: 'np_1004', format: 'docx' });
    expect(manifest[1]).toMatchObject({ kind: 'cases', sha256: createHash('sha256').update(readFileSync(cases)).digest('hex') });
    expect(manifest.length).toBe(2 + 13);
  });

  it('refuses, case by case, a template that may not be sent automatically', async () => {
    const poul = readFileSync(join(root, 'samples/sager/np_1031/poul-til-udbetaling-danmark.json'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-cases-'));
    writeFileSync(join(dir, 'c.ndjson'), [1, 2].map((i) => JSON.stringify({ id: `p${i}`, ...JSON.parse(poul) })).join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    const summary = await runBatch({ templatesDir: templates, template: 'np_1031', cases: join(dir, 'c.ndjson'), out, format: 'pdf', pool: new InlinePool() });
    expect(summary).toMatchObject({ made: 0, failed: 2 });
    expect(readNd(join(out, 'errors.ndjson')).map((e) => e['reason'])).toEqual(['not-automatic', 'not-automatic']);
  });

  it('splits a run into shards that together make every letter once', async () => {
    const cases = casesFile(11);
    const seen: string[] = [];
    for (const k of [1, 2, 3]) {
      const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
      const s = await runBatch({
        templatesDir: templates,
        template: 'np_1004',
        cases,
        out,
        format: 'docx',
        pool: new InlinePool(),
        shard: parseShard(`${k}/3`),
      });
      const mine = readdirSync(out).filter((f) => f.endsWith('.docx'));
      expect(s.total).toBe(mine.length);
      expect(mine.length).toBeGreaterThan(0);
      seen.push(...mine);
    }
    expect(seen.sort()).toEqual(Array.from({ length: 11 }, (_, i) => `sag-${String(i + 1).padStart(4, '0')}.docx`));
    expect(() => parseShard('4/3')).toThrow(KpBrevError);
    expect(() => parseShard('0/3')).toThrow(KpBrevError);
  });

  it('will not mix two runs in one folder', async () => {
    const cases = casesFile(2);
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    await runBatch({ templatesDir: templates, template: 'np_1004', cases, out, format: 'docx', pool: new InlinePool() });
    const err = await runBatch({ templatesDir: templates, template: 'np_1004', cases, out, format: 'pdf', pool: new InlinePool() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpBrevError);
    expect(messageOf((err as KpBrevError).diagnostics[0]!)).toContain('indeholder en anden kørsel');
  });

  it('writes progress as a bar with rate and time left, or as plain lines', () => {
    const p = progressLine({ total: 1000, made: 240, failed: 10, skipped: 0, elapsedMs: 2000 }, 'da');
    expect(p.bar).toBe('[######------------------] 250/1000 (25 %), 125 breve/s, 10 fejl, 0 allerede lavet, ca. 0:06 tilbage');
    expect(progressLine({ total: 10, made: 5, failed: 0, skipped: 5, elapsedMs: 1000 }, 'en').plain).toBe(
      '10/10 (100 %), 5 letters/s, 0 failed, 5 already done, about 0:00 left',
    );
  });

  it("--kommune makes the letters with that municipality's override", async () => {
    const fatima = JSON.parse(readFileSync(join(root, 'samples/sager/np_1011/fatima-briller.json'), 'utf8')) as Record<string, unknown>;
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-cases-'));
    writeFileSync(join(dir, 'sager.ndjson'), JSON.stringify({ id: 'f1', ...fatima }) + '\n');
    const texts = async (kommune: string[]): Promise<string> => {
      const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
      const io = { stdout: () => undefined, stderr: () => undefined, cwd: root, color: false };
      expect(
        await execute(
          [
            'batch',
            '--template',
            'np_1011',
            ...kommune,
            '--cases',
            join(dir, 'sager.ndjson'),
            '--out',
            out,
            '--format',
            'docx',
            '--templates',
            templates,
            '--concurrency',
            '1',
          ],
          io,
        ),
      ).toBe(0);
      return openDocx(readFileSync(join(out, 'f1.docx')))
        .texts()
        .join('\n');
    };
    expect(await texts(['--kommune', '540'])).toContain('Rådhustorvet');
    expect(await texts([])).not.toContain('Rådhustorvet');
  });

  it('draws the bar when stderr is a terminal, whatever stdout is (kp-brev batch ... > log)', async () => {
    const run = async (stderrTty: boolean): Promise<string> => {
      let err = '';
      const io = { stdout: () => undefined, stderr: (t: string) => (err += t), cwd: root, color: false, stderrTty };
      const code = await execute(
        [
          'batch',
          '--template',
          'np_1004',
          '--cases',
          casesFile(3),
          '--out',
          mkdtempSync(join(tmpdir(), 'kp-brev-out-')),
          '--format',
          'docx',
          '--templates',
          templates,
          '--concurrency',
          '1',
        ],
        io,
      );
      expect(code).toBe(0);
      return err;
    };
    const bar = await run(true);
    expect(bar).toContain('\r[########################] 3/3 (100 %)');
    const plain = await run(false);
    expect(plain).not.toContain('\r');
    expect(plain).not.toContain('[#');
  });
});

describe('kp-brev batch, hostile cases files', () => {
  it('drops a byte order mark, records a line over the limit and a case nested 5,000 deep as case errors, and goes on', async () => {
    const deep = '{"a":'.repeat(5000) + '0' + '}'.repeat(5000);
    const lines = [
      '\ufeff' + JSON.stringify({ id: 'bom', ...karen }),
      JSON.stringify({ id: 'deep', ...karen, fields: { ...(karen['fields'] as object), x: '@@' } }).replace('"@@"', deep),
      JSON.stringify({ id: 'long', ...karen, x: 'y'.repeat(BATCH_LINE_BYTES) }),
      JSON.stringify({ id: 'ok', ...karen }),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-cases-'));
    writeFileSync(join(dir, 'sager.ndjson'), lines.join('\n') + '\n');
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    let stdout = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, cwd: root, color: false };
    // Through the CLI: its render threads are where a deep case used to overflow the stack.
    expect(
      await execute(
        [
          'batch',
          '--template',
          'np_1004',
          '--cases',
          join(dir, 'sager.ndjson'),
          '--out',
          `${out}/`,
          '--format',
          'docx',
          '--templates',
          templates,
          '--concurrency',
          '1',
        ],
        io,
      ),
    ).toBe(0);
    expect(stdout).toMatch(/^2 breve lavet, 2 fejl/);
    // The folder as given, ending in a slash, is not doubled before errors.ndjson.
    expect(stdout).toContain(`(se ${out}/errors.ndjson)`);
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.docx'))
        .sort(),
    ).toEqual(['bom.docx', 'ok.docx']);
    expect(openDocx(readFileSync(join(out, 'bom.docx'))).texts()).toContain('Kære Karen');
    const errors = readNd(join(out, 'errors.ndjson')).sort((a, b) => (a['line'] as number) - (b['line'] as number));
    expect(errors.map((e) => [e['line'], e['id'], e['reason']])).toEqual([
      [2, 'deep', 'bad-context'],
      [3, 'linje-3', 'bad-case'],
    ]);
    const message = (e: Record<string, unknown>): string => (e['problems'] as Array<{ message: string }>)[0]!.message;
    expect(message(errors[0]!)).toMatch(/^Sagskonteksten er indlejret dybere end 32 niveauer \(\$\.fields\.x\.a\.a/);
    expect(message(errors[1]!)).toBe(
      `Linje 3 er længere end grænsen på ${BATCH_LINE_BYTES} byte og er ikke læst; sagen dannes ikke. Resten af kørslen fortsætter.`,
    );
  });

  it('reports a line over the limit before reading past it, and skips the rest of it without keeping it', async () => {
    const max = 1000;
    let pulled = 0;
    let pulledAtReport = -1;
    const chunk = 100;
    const total = 50 * max;
    // A line of 50 times the limit, then a short one, handed out 100 bytes at a time.
    const input = new Readable({
      read() {
        if (pulled >= total + 8) return this.push(null);
        const piece = pulled < total ? Buffer.alloc(Math.min(chunk, total - pulled), 0x78) : Buffer.from('\n{"a":1}\n');
        pulled += piece.length;
        this.push(piece);
      },
    });
    const seen: unknown[] = [];
    for await (const next of ndjsonLines(input, max)) {
      if ('tooLong' in next) pulledAtReport = pulled;
      seen.push(next);
    }
    expect(seen).toEqual([
      { line: 1, tooLong: true },
      { line: 2, text: '{"a":1}' },
    ]);
    // Reported within the stream's read-ahead of the limit, not after the whole line.
    expect(pulledAtReport).toBeGreaterThan(max);
    expect(pulledAtReport).toBeLessThan(max + 20 * chunk);
  });
});

describe('kp-brev batch, interrupted and resumed', () => {
  it('loses and duplicates nothing when killed half-way and started again', async () => {
    const cases = casesFile(120, ['{ikke json']);
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    const args = [
      join(root, 'bin/kp-brev.js'),
      'batch',
      '--template',
      'np_1004',
      '--cases',
      cases,
      '--out',
      out,
      '--format',
      'pdf',
      '--concurrency',
      '2',
      '--templates',
      templates,
    ];
    // First run: killed (SIGKILL, no clean-up) once some letters are made.
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const made = existsSync(join(out, 'manifest.ndjson')) ? readFileSync(join(out, 'manifest.ndjson'), 'utf8').split('\n').length : 0;
        if (made > 30) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const before = readNd(join(out, 'manifest.ndjson')).length - 2;
    // Every case in the manifest has its whole letter on disk.
    for (const e of readNd(join(out, 'manifest.ndjson')).filter((e) => e['ok'] === true)) {
      expect(
        readFileSync(join(out, e['file'] as string))
          .subarray(-6)
          .toString(),
      ).toContain('%%EOF');
    }
    expect(before).toBeGreaterThan(25);
    expect(before).toBeLessThan(121);
    // Second run: finishes the rest.
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } });
    expect(r.status).toBe(0); // done: the bad line is in the error queue
    expect(r.stdout).toMatch(/^\d+ breve lavet, 1 fejl \(se .*errors\.ndjson\), \d+ allerede lavet af en tidligere kørsel; /);
    const manifest = readNd(join(out, 'manifest.ndjson')).filter((e) => 'id' in e);
    const ids = manifest.map((e) => e['id'] as string);
    expect(new Set(ids).size).toBe(ids.length);
    const lines = manifest.map((e) => e['line'] as number);
    expect(new Set(lines).size).toBe(lines.length);
    expect([...lines].sort((a, b) => a - b)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    const letters = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(letters.length).toBe(120);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of letters.slice(0, 5)) expect(readFileSync(join(out, f)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readNd(join(out, 'errors.ndjson')).map((e) => e['line'])).toEqual([121]);
  });
});
