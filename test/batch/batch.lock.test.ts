/**
 * The file ledger's folder (issue 13): `kp-brev batch` killed with SIGKILL mid-run and started
 * again makes every case once and removes the temporary letter the killed run left; a second run
 * in a folder a live run holds is refused; a dead holder's folder is taken over; a run that finds
 * its folder taken over stops writing (fencing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLock, LOCK_FILE, STALE_MS } from '../../src/batch/folder-lock.js';
import { KpBrevError, messageOf } from '../../src/diagnostics.js';
import { openDocx } from '../helpers/inspect.js';
import { until } from '../helpers/wait.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const manifestIds = (out: string): string[] =>
  existsSync(join(out, 'manifest.ndjson'))
    ? readFileSync(join(out, 'manifest.ndjson'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          try {
            return JSON.parse(l) as { id?: string; ok?: boolean };
          } catch {
            return {};
          }
        })
        .filter((e) => e.id && e.ok)
        .map((e) => e.id!)
    : [];
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    if (err instanceof KpBrevError) return messageOf(err.diagnostics[0]!, 'da');
    throw err;
  }
  return '';
};

describe('kp-brev batch and its output folder', () => {
  it('resumes after kill -9: every case once, the killed run\u2019s temporary letter removed; a second live run is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-kill-'));
    const cases = join(dir, 'sager.ndjson');
    const n = 200;
    writeFileSync(cases, Array.from({ length: n }, (_, i) => JSON.stringify({ id: `sag-${i}`, ...karen })).join('\n') + '\n');
    const out = join(dir, 'ud');
    const args = [bin, 'batch', '--template', 'np_1004', '--cases', cases, '--out', out, '--format', 'docx', '--templates', templates, '--concurrency', '1'];
    const env = { ...process.env, KP_BREV_LANG: '' };
    const first = spawn(process.execPath, args, { stdio: 'ignore', env });
    await until('the first letters', () => manifestIds(out).length >= 3);
    // Held still while it lives (its lock fresh): a second run in its folder is refused.
    first.kill('SIGSTOP');
    const second = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`Mappen ${out} bruges af en anden kørsel (${hostname()}, pid ${first.pid}`);
    first.kill('SIGKILL');
    await until('the run to die', () => first.signalCode !== null);
    const before = manifestIds(out).length;
    expect(before).toBeLessThan(n);
    // What a killed run was writing when it died (as writeLetter names it).
    writeFileSync(join(out, `sag-${n - 1}.docx.tmp`), 'PK half a letter');
    writeFileSync(join(out, 'noter.txt.tmp'), 'not a letter of this run');
    expect(existsSync(join(out, LOCK_FILE))).toBe(true);

    const again = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`${n - before} breve lavet`);
    expect(again.stdout).toContain(`${before} allerede lavet`);
    // The planted one, and any the killed run was writing when it died.
    expect(Number(/(\d+) midlertidige? fil(er)? efter afbrudte processer er fjernet fra mappen\./.exec(again.stdout)?.[1])).toBeGreaterThanOrEqual(1);
    const ids = manifestIds(out);
    expect(new Set(ids).size).toBe(n);
    expect(ids.length).toBe(n);
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.docx')).length).toBe(n);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual(['noter.txt.tmp']);
    expect(files).not.toContain(LOCK_FILE);
    expect(openDocx(readFileSync(join(out, `sag-${n - 1}.docx`))).texts()).toContain('Kære Karen');
  }, 600_000);

  it('takes over a dead holder\u2019s folder, refuses a live one, and fences off a run whose folder was taken over', () => {
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-lock-'));
    const lockFile = join(out, LOCK_FILE);
    const holder = (host: string, pid: number): string => JSON.stringify({ token: 'other', host, pid, started: new Date().toISOString() });
    // A run on this machine whose process is gone: taken over at once.
    writeFileSync(lockFile, holder(hostname(), deadPid()));
    FolderLock.acquire(out).release();
    expect(existsSync(lockFile)).toBe(false);
    // A run on another machine with a recent sign of life: refused.
    writeFileSync(lockFile, holder('en-anden-maskine', 1));
    expect(message(() => FolderLock.acquire(out))).toMatch(
      /^Mappen .* bruges af en anden kørsel \(en-anden-maskine, pid 1; sidste livstegn for \d+ sekund(er)? siden\)/,
    );
    // … and without one for longer than the limit: taken over.
    const old = new Date(Date.now() - STALE_MS - 10_000);
    utimesSync(lockFile, old, old);
    const lock = FolderLock.acquire(out);
    lock.check();
    // Another run takes the folder over while this one stands still: this one stops writing.
    writeFileSync(lockFile, holder('en-anden-maskine', 2));
    expect(message(() => lock.check())).toBe(
      `En anden kørsel har overtaget mappen ${out}, mens denne kørsel stod stille; denne kørsel stopper uden at skrive mere. Den anden kørsel gør arbejdet færdigt.`,
    );
    lock.release();
    // Its release leaves the other run's lock alone.
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(2);
  });
});
