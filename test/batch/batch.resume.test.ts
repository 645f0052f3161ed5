/**
 * The file ledger keyed by case id (issue 13): a reordered cases file resumes by id, a failed
 * case is made again only with --retry-failed (after it is fixed), a case changed after its
 * letter was made is reported and not made again, and a duplicate id is caught whichever shards
 * a run is split into.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShard, runBatch } from '../../src/batch/batch.js';
import { execute } from '../../src/cli/main.js';
import { InlinePool } from '../../src/service/pool.js';
import { openDocx } from '../helpers/inspect.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const withoutDeadline = { ...karen, fields: Object.fromEntries(Object.entries(karen['fields'] as Record<string, unknown>).filter(([k]) => k !== 'Klage')) };

const kase = (id: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ id, ...karen, ...extra });
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `sag-${i + 1}`);

function write(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-brev-cases-')), 'sager.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const readNd = (file: string): Array<Record<string, unknown>> =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const letters = (out: string): string[] =>
  readdirSync(out)
    .filter((f) => f.endsWith('.docx'))
    .sort();
const run = (cases: string, out: string, more: Partial<Parameters<typeof runBatch>[0]> = {}) =>
  runBatch({ templatesDir: templates, template: 'np_1004', cases, out, format: 'docx', pool: new InlinePool({ threads: 2 }), ...more });

describe('kp-brev batch, resumed by case id', () => {
  it('resumes a reordered, longer cases file by id: the cases made are skipped, the others made, none twice', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    expect(await run(write(ids(4).map((id) => kase(id))), out)).toMatchObject({ made: 4, failed: 0 });
    const firstWritten = statSync(join(out, 'sag-1.docx')).mtimeMs;
    // The regenerated file: the same four cases and four new ones, in reverse order.
    const again = await run(
      write(
        ids(8)
          .reverse()
          .map((id) => kase(id)),
      ),
      out,
    );
    expect(again).toMatchObject({ made: 4, skipped: 4, failed: 0, changed: [] });
    expect(letters(out)).toEqual(
      ids(8)
        .map((id) => `${id}.docx`)
        .sort(),
    );
    const entries = readNd(join(out, 'manifest.ndjson')).filter((e) => 'id' in e);
    expect(entries.map((e) => e['id']).sort()).toEqual(ids(8).sort());
    expect(statSync(join(out, 'sag-1.docx')).mtimeMs).toBe(firstWritten);
    // Both cases files are recorded by their content.
    expect(readNd(join(out, 'manifest.ndjson')).filter((e) => e['kind'] === 'cases').length).toBe(2);
  });

  it('keeps a failed case failed until --retry-failed, then makes it from the corrected file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    const cli = async (cases: string, more: string[] = []): Promise<string> => {
      let stdout = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, cwd: root, color: false };
      expect(
        await execute(
          ['batch', '--template', 'np_1004', '--cases', cases, '--out', out, '--format', 'docx', '--templates', templates, '--concurrency', '1', ...more],
          io,
        ),
      ).toBe(0);
      return stdout;
    };
    const broken = write([kase('a'), JSON.stringify({ id: 'b', ...withoutDeadline }), kase('c')]);
    expect(await cli(broken)).toMatch(/^2 breve lavet, 1 fejl/);
    expect(readNd(join(out, 'errors.ndjson')).map((e) => [e['id'], e['reason']])).toEqual([['b', 'letter-refused']]);
    // The case is fixed in the cases file of the same run.
    const fixed = write([kase('a'), kase('b'), kase('c')]);
    const plain = await cli(fixed);
    expect(plain).toMatch(/^0 breve lavet, 0 fejl .* 2 allerede lavet/);
    expect(plain).toContain('1 sag fejlede i en tidligere kørsel og er ikke dannet igen');
    expect(letters(out)).toEqual(['a.docx', 'c.docx']);
    expect(readNd(join(out, 'errors.ndjson')).map((e) => e['id'])).toEqual(['b']);
    expect(await cli(fixed, ['--retry-failed'])).toMatch(/^1 brev lavet, 0 fejl .* 2 allerede lavet/);
    expect(letters(out)).toEqual(['a.docx', 'b.docx', 'c.docx']);
    expect(openDocx(readFileSync(join(out, 'b.docx'))).texts()).toContain('Kære Karen');
    expect(readNd(join(out, 'errors.ndjson'))).toEqual([]);
    // Nothing left to do.
    expect(await cli(fixed, ['--retry-failed'])).toMatch(/^0 breve lavet, 0 fejl .* 3 allerede lavet/);
  });

  it('reports a case changed after its letter was made, and does not make it again', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
    await run(write([kase('a'), kase('b')]), out);
    const before = readFileSync(join(out, 'a.docx'));
    const s = await run(write([kase('a', { note: 'rettet' }), kase('b'), kase('c')]), out, { retryFailed: true });
    expect(s).toMatchObject({ made: 1, skipped: 2, changed: [{ id: 'a', line: 1 }] });
    expect(readFileSync(join(out, 'a.docx')).equals(before)).toBe(true);
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), cwd: root, color: false };
    await execute(
      [
        'batch',
        '--template',
        'np_1004',
        '--cases',
        write([kase('a', { note: 'rettet' }), kase('b'), kase('c')]),
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
    );
    expect(stderr).toContain('1 sag er ændret i sagsfilen, efter deres brev blev dannet; brevene er ikke dannet igen: a');
  });

  it('catches a duplicate id whichever shards the run is split into', async () => {
    const cases = write([kase('dobbelt'), ...ids(6).map((id) => kase(id)), kase('dobbelt', { note: 'en anden sag' })]);
    const made: string[] = [];
    const duplicates: unknown[] = [];
    for (const k of [1, 2, 3]) {
      const out = mkdtempSync(join(tmpdir(), 'kp-brev-out-'));
      await run(cases, out, { shard: parseShard(`${k}/3`) });
      made.push(...letters(out));
      duplicates.push(...readNd(join(out, 'errors.ndjson')).map((e) => [e['id'], e['line'], e['reason']]));
      // Resumed, the shard records the duplicate once.
      await run(cases, out, { shard: parseShard(`${k}/3`) });
      expect(readNd(join(out, 'errors.ndjson')).length).toBe(readNd(join(out, 'errors.ndjson')).filter((e) => e['reason'] === 'duplicate-id').length);
    }
    expect(made.sort()).toEqual(['dobbelt', ...ids(6)].map((id) => `${id}.docx`).sort());
    expect(duplicates).toEqual([['dobbelt', 8, 'duplicate-id']]);
  });
});
