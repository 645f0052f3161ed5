/**
 * The PostgreSQL ledger and work queue (issue 13) with a real, throwaway PostgreSQL
 * (test/helpers/postgres.ts) and real worker processes: three `kp-brev batch work` processes over
 * 600 cases for 98 municipalities of skewed sizes, 1 % duplicate ids, 0.5 % bad cases; a bounded
 * chaos loop kills workers with SIGKILL and restarts them, and stops one with SIGSTOP past its
 * lease. (The 20,000 cases are scaled to 600 so the test ends in minutes on a busy 2-core
 * machine; the code paths are the same.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgLedger } from '../src/ledger/pg-ledger.js';
import { havePostgres, startPostgres, type TestPostgres } from './helpers/postgres.js';
import { until } from './helpers/wait.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/kp-brev.js');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const withoutDeadline = { ...karen, fields: Object.fromEntries(Object.entries(karen['fields'] as Record<string, unknown>).filter(([k]) => k !== 'Klage')) };

const present = havePostgres();

describe.skipIf(!present)('kp-brev batch with a PostgreSQL ledger', () => {
  let db: TestPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    db = startPostgres();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    db?.stop();
  });
  const cli = (args: string[]): { status: number | null; stdout: string; stderr: string } => spawnSync(process.execPath, [bin, 'batch', ...args, '--ledger', db.url], { encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } });
  const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

  it('makes each case once through kills, restarts and a worker paused past its lease', async () => {
    expect(cli(['migrate']).status).toBe(0);
    expect(cli(['migrate']).stdout).toContain('(0 trin)');
    // 594 unique cases over 98 municipalities of skewed sizes, 6 duplicate ids, 3 bad cases.
    const lines: string[] = [];
    const kommuner = Array.from({ length: 98 }, (_, i) => String(101 + i));
    const weights = kommuner.map((_, i) => 1 / (i + 1));
    const sum = weights.reduce((a, b) => a + b, 0);
    let n = 0;
    for (const [i, k] of kommuner.entries()) {
      const size = Math.max(1, Math.round((weights[i]! / sum) * 520));
      for (let j = 0; j < size && n < 591; j++, n++) lines.push(JSON.stringify({ id: `sag-${n}`, kommune: k, ...karen }));
    }
    while (n < 591) lines.push(JSON.stringify({ id: `sag-${n++}`, kommune: '198', ...karen }));
    for (let b = 0; b < 3; b++) lines.push(JSON.stringify({ id: `daarlig-${b}`, kommune: '101', ...withoutDeadline }));
    for (let d = 0; d < 6; d++) {
      const first = JSON.parse(lines[d * 50]!) as Record<string, unknown>;
      lines.push(JSON.stringify({ ...first, note: 'dublet' }));
    }
    const unique = 594;
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pg-cases-'));
    const cases = join(dir, 'sager.ndjson');
    writeFileSync(cases, lines.join('\n') + '\n');
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-pg-out-'));
    const enqueue = ['enqueue', '--run', 'aar-2027', '--template', 'np_1004', '--cases', cases, '--format', 'docx'];
    expect(cli(enqueue).stdout).toBe('594 sager lagt i kø, 0 fandtes allerede, 6 med et id der allerede er brugt (ikke lagt i kø).\n');

    const outputs = new Map<ChildProcess, string>();
    // Each worker connects under its own application_name, so that the test can see in
    // pg_stat_activity whether a paused one is inside a transaction.
    const connections = new Map<ChildProcess, string>();
    const startWorker = (): ChildProcess => {
      const app = `kp-brev-test-worker-${connections.size + 1}`;
      const child = spawn(process.execPath, [bin, 'batch', 'work', '--ledger', `${db.url}&application_name=${app}`, '--run', 'aar-2027', '--out', out, '--templates', templates, '--concurrency', '1', '--lease', '4', '--claim', '3'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KP_BREV_LANG: '' } });
      outputs.set(child, '');
      connections.set(child, app);
      child.stdout!.on('data', (b: Buffer) => outputs.set(child, outputs.get(child)! + b.toString()));
      return child;
    };
    const exited = (c: ChildProcess): boolean => c.exitCode !== null || c.signalCode !== null;
    const workers = [startWorker(), startWorker(), startWorker()];
    const done = (): Promise<number> => count(`SELECT count(*) AS n FROM kp_brev_letters WHERE run = 'aar-2027' AND state IN ('done', 'failed')`);
    const name = (c: ChildProcess): string => `%:${c.pid}`;

    // Pause one worker while it holds claims, until others have claimed them again.
    let paused: ChildProcess | undefined;
    for (let attempt = 0; attempt < 3 && !paused; attempt++) {
      const candidate = workers[attempt]!;
      await until('a claim to pause', async () => (await count(`SELECT count(*) AS n FROM kp_brev_letters WHERE state = 'claimed' AND worker LIKE '${name(candidate)}'`)) > 0);
      candidate.kill('SIGSTOP');
      const held = (await client.query<{ case_id: string; lease_token: string }>(`SELECT case_id, lease_token FROM kp_brev_letters WHERE state = 'claimed' AND worker LIKE '${name(candidate)}'`)).rows;
      const reclaimed = async (): Promise<boolean> => {
        const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM kp_brev_letters WHERE case_id = ANY($1) AND (lease_token IS NULL OR lease_token <> ALL($2::uuid[]))`, [held.map((h) => h.case_id), held.map((h) => h.lease_token)]);
        return Number(r.rows[0]!.n) === held.length;
      };
      // Paused inside a transaction (its commit, rows locked), its cases may never be claimed
      // again while it sleeps: then try another worker. Told by the database, not by waiting.
      const inTransaction = async (): Promise<boolean> =>
        (await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = '${connections.get(candidate)}' AND state LIKE 'idle in transaction%'`)) > 0;
      const outcome = await until('the paused worker\u2019s cases claimed again, or the worker seen paused inside a transaction', async () => ((await reclaimed()) ? 'reclaimed' : (await inTransaction()) ? 'in a transaction' : undefined), { every: 100 });
      if (outcome === 'reclaimed') paused = candidate;
      candidate.kill('SIGCONT');
    }
    expect(paused).toBeDefined();

    // Kill random other workers with SIGKILL and start new ones, four times, as letters are made.
    let kills = 0;
    while (kills < 4) {
      const before = await done();
      if (before >= unique - 20) break;
      await until('progress before a kill', async () => (await done()) >= before + 40 || workers.every(exited));
      const victims = workers.filter((w) => w !== paused && !exited(w));
      if (!victims.length) break;
      const victim = victims[kills % victims.length]!;
      victim.kill('SIGKILL');
      await until('the killed worker to exit', () => exited(victim));
      workers[workers.indexOf(victim)] = startWorker();
      kills++;
    }
    await until('all workers to finish', () => workers.every(exited), { guardMs: 600_000 });
    expect(kills).toBeGreaterThan(0);
    for (const w of workers) expect(w.exitCode).toBe(0);

    // The paused worker's late commit was refused.
    expect(outputs.get(paused!)).toMatch(/[1-9]\d* afvist fordi reservationen var udløbet/);
    const rows = (await client.query<{ case_id: string; state: string; output_file: string | null; output_sha256: string | null; template_version: string | null; reason: string | null; input: unknown }>(`SELECT * FROM kp_brev_letters WHERE run = 'aar-2027'`)).rows;
    const doneRows = rows.filter((r) => r.state === 'done');
    const failedRows = rows.filter((r) => r.state === 'failed');
    expect(doneRows.length + failedRows.length).toBe(unique);
    expect(failedRows.map((r) => [r.case_id, r.reason]).sort()).toEqual([0, 1, 2].map((b) => [`daarlig-${b}`, 'letter-refused']));
    const files = readdirSync(out).filter((f) => f.endsWith('.docx'));
    expect(files.length).toBe(doneRows.length);
    for (const r of doneRows) {
      expect(createHash('sha256').update(readFileSync(join(out, r.output_file!))).digest('hex')).toBe(r.output_sha256);
      expect(r.template_version).toMatch(/^np_1004@\d+/);
    }
    // No case text stays in the ledger.
    expect(rows.every((r) => r.input === null)).toBe(true);
    // Enqueueing the file again adds nothing.
    expect(cli(enqueue).stdout).toBe('0 sager lagt i kø, 594 fandtes allerede, 6 med et id der allerede er brugt (ikke lagt i kø).\n');
    const status = cli(['status', '--run', 'aar-2027']);
    expect(status.stdout).toContain('101 np_1004: ');
    expect(status.stdout).toContain('daarlig-0: letter-refused');
  }, 900_000);

  it('claims round-robin across municipalities and fences off a claim whose lease ran out', async () => {
    const ledger = new PgLedger(db.url);
    try {
      await ledger.migrate();
      const row = (kommune: string, caseId: string) => ({ run: 'fair', kommune, template: 'np_1004', caseId, caseSha256: 'x', line: 1, format: 'docx', requestedBy: 'test', input: { id: caseId } });
      expect(await ledger.enqueue([...Array.from({ length: 300 }, (_, i) => row('101', `stor-${i}`)), row('999', 'lille-1'), row('999', 'lille-2')])).toBe(302);
      const first = await ledger.claim('fair', 'w1', 2, 60);
      expect(first.map((c) => c.kommune).sort()).toEqual(['101', '999']);
      // A lease of 0 seconds has run out at once: the claim cannot commit, and another takes the case.
      const [stale] = await ledger.claim('fair', 'w2', 1, 0);
      await until('the lease to run out', async () => (await count(`SELECT count(*) AS n FROM kp_brev_letters WHERE run = 'fair' AND case_id = '${stale!.caseId}' AND lease_until < now()`)) === 1);
      let placed = false;
      expect(await ledger.finish(stale!, { ok: true, file: 'x', sha256: 'y', version: 'v', pages: 1 }, async () => void (placed = true))).toBe(false);
      expect(placed).toBe(false);
      const again = (await ledger.claim('fair', 'w3', 2, 60)).find((c) => c.caseId === stale!.caseId);
      expect(again).toBeDefined();
      expect(await ledger.finish(again!, { ok: true, file: 'x', sha256: 'y', version: 'v', pages: 1 }, async () => void (placed = true))).toBe(true);
      expect(placed).toBe(true);
      expect(await ledger.finish(stale!, { ok: false, reason: 'late', problems: [] })).toBe(false);
      expect(await ledger.enqueue([row('999', 'lille-1')])).toBe(0);
    } finally {
      await ledger.close();
    }
  });
});
