/**
 * The PostgreSQL ledger and work queue (issue 13) with a real, throwaway PostgreSQL
 * (test/helpers/postgres.ts) and real worker processes: three `kp-brev batch work` processes over
 * 600 cases for 98 municipalities of skewed sizes, 1 % duplicate ids, 0.5 % bad cases; a bounded
 * chaos loop kills workers with SIGKILL and restarts them, and stops one with SIGSTOP past its
 * lease. (The 20,000 cases are scaled to 600 so the suite ends in minutes on a busy 2-core
 * machine; `npm run chaos` runs the same test at 20,000 cases: KP_BREV_CHAOS_CASES=20000.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgLedger } from '../../src/ledger/pg-ledger.js';
import { openDocx } from '../helpers/inspect.js';
import { havePostgres, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/wait.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const withoutDeadline = { ...karen, fields: Object.fromEntries(Object.entries(karen['fields'] as Record<string, unknown>).filter(([k]) => k !== 'Klage')) };

const present = havePostgres();
/** Lines of the chaos test's cases file (the 20,000: `npm run chaos`). */
const LINES = Number(process.env['KP_BREV_CHAOS_CASES'] ?? 600);

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
  const cli = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [bin, 'batch', ...args, '--ledger', db.url], { encoding: 'utf8', env: { ...process.env, KP_BREV_LANG: '' } });
  const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

  it(
    'makes each case once through kills, restarts and a worker paused past its lease',
    async () => {
      expect(cli(['migrate']).status).toBe(0);
      expect(cli(['migrate']).stdout).toContain('(0 trin)');
      // 594 unique cases over 98 municipalities of skewed sizes, 6 duplicate ids, 3 bad cases (at
      // the default 600 lines; KP_BREV_CHAOS_CASES=20000 gives the scale, same shares).
      const dups = Math.round(LINES * 0.01);
      const bad = Math.round(LINES * 0.005);
      const unique = LINES - dups;
      const good = unique - bad;
      const lines: string[] = [];
      const kommuner = Array.from({ length: 98 }, (_, i) => String(101 + i));
      const weights = kommuner.map((_, i) => 1 / (i + 1));
      const sum = weights.reduce((a, b) => a + b, 0);
      let n = 0;
      for (const [i, k] of kommuner.entries()) {
        const size = Math.max(1, Math.round((weights[i]! / sum) * good * 0.88));
        for (let j = 0; j < size && n < good; j++, n++) lines.push(JSON.stringify({ id: `sag-${n}`, kommune: k, ...karen }));
      }
      while (n < good) lines.push(JSON.stringify({ id: `sag-${n++}`, kommune: '198', ...karen }));
      for (let b = 0; b < bad; b++) lines.push(JSON.stringify({ id: `daarlig-${b}`, kommune: '101', ...withoutDeadline }));
      for (let d = 0; d < dups; d++) {
        const first = JSON.parse(lines[d * Math.floor(good / dups)]!) as Record<string, unknown>;
        lines.push(JSON.stringify({ ...first, note: 'dublet' }));
      }
      const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pg-cases-'));
      const cases = join(dir, 'sager.ndjson');
      writeFileSync(cases, lines.join('\n') + '\n');
      const out = mkdtempSync(join(tmpdir(), 'kp-brev-pg-out-'));
      const enqueue = ['enqueue', '--run', 'aar-2027', '--template', 'np_1004', '--cases', cases, '--format', 'docx'];
      expect(cli(enqueue).stdout).toBe(`${unique} sager lagt i kø, 0 fandtes allerede, ${dups} med et id der allerede er brugt (ikke lagt i kø).\n`);

      const outputs = new Map<ChildProcess, string>();
      const startWorker = (): ChildProcess => {
        const child = spawn(
          process.execPath,
          [
            bin,
            'batch',
            'work',
            '--ledger',
            db.url,
            '--run',
            'aar-2027',
            '--out',
            out,
            '--templates',
            templates,
            '--concurrency',
            '1',
            '--lease',
            '4',
            '--claim',
            '3',
          ],
          { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KP_BREV_LANG: '' } },
        );
        outputs.set(child, '');
        child.stdout!.on('data', (b: Buffer) => outputs.set(child, outputs.get(child)! + b.toString()));
        return child;
      };
      const exited = (c: ChildProcess): boolean => c.exitCode !== null || c.signalCode !== null;
      const workers = [startWorker(), startWorker(), startWorker()];
      const name = (c: ChildProcess): string => `%:${c.pid}`;

      const holds = async (c: ChildProcess): Promise<boolean> =>
        (await count(`SELECT count(*) AS n FROM kp_brev_letters WHERE state = 'claimed' AND worker LIKE '${name(c)}'`)) > 0;
      /** Stops every worker but `active` (and lets `active` go on): what it claims is then its own to hold. */
      const only = (active: ChildProcess): void => {
        for (const w of workers) if (!exited(w)) w.kill(w === active ? 'SIGCONT' : 'SIGSTOP');
      };
      const all = (): void => {
        for (const w of workers) if (!exited(w)) w.kill('SIGCONT');
      };

      // Kill a random worker with SIGKILL while it holds claims and start a new one, four times. The others
      // are stopped meanwhile: on a fast machine three workers would otherwise make the whole run
      // between two looks (the claims they hold when stopped run out after the lease, and are made
      // by whoever claims them then, which is part of what is tested).
      let kills = 0;
      for (; kills < 4; kills++) {
        const victim = workers[Math.floor(Math.random() * workers.length)]!;
        only(victim);
        await until('a claim held by the worker to kill', async () => exited(victim) || (await holds(victim)));
        expect(exited(victim), 'the worker to kill left while the others were stopped').toBe(false);
        victim.kill('SIGKILL');
        await until('the killed worker to exit', () => exited(victim));
        workers[workers.indexOf(victim)] = startWorker();
      }
      all();

      // Pause one worker while it holds claims, until others have claimed them again.
      let paused: ChildProcess | undefined;
      for (let attempt = 0; attempt < 50 && !paused; attempt++) {
        const candidate = workers[attempt % workers.length]!;
        only(candidate);
        await until('a claim to pause', async () => exited(candidate) || (await holds(candidate)));
        candidate.kill('SIGSTOP');
        // Its claims outside a commit of its own (one it was stopped in keeps its rows locked: those
        // it records when it resumes, as no one else can claim them meanwhile).
        await client.query('BEGIN');
        const held = (
          await client.query<{ case_id: string; lease_token: string }>(
            `SELECT case_id, lease_token FROM kp_brev_letters WHERE state = 'claimed' AND worker LIKE '${name(candidate)}' FOR UPDATE SKIP LOCKED`,
          )
        ).rows;
        await client.query('ROLLBACK');
        for (const w of workers) if (w !== candidate && !exited(w)) w.kill('SIGCONT');
        if (!held.length) {
          candidate.kill('SIGCONT');
          continue;
        }
        const reclaimed = async (): Promise<boolean> => {
          const r = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM kp_brev_letters WHERE case_id = ANY($1) AND (lease_token IS NULL OR lease_token <> ALL($2::uuid[]))`,
            [held.map((h) => h.case_id), held.map((h) => h.lease_token)],
          );
          return Number(r.rows[0]!.n) === held.length;
        };
        // Only claims outside a transaction of its own were taken above: those others claim again
        // once the lease runs out.
        await until('the paused worker\u2019s cases claimed again', reclaimed, { every: 100 });
        paused = candidate;
        candidate.kill('SIGCONT');
      }
      expect(paused).toBeDefined();
      all();
      await until('all workers to finish', () => workers.every(exited), { guardMs: Math.max(600_000, LINES * 200) });
      for (const w of workers) expect(w.exitCode).toBe(0);

      // The paused worker's late commit was refused.
      expect(outputs.get(paused!)).toMatch(/[1-9]\d* afvist fordi reservationen var udløbet/);
      const rows = (
        await client.query<{
          case_id: string;
          state: string;
          output_file: string | null;
          output_sha256: string | null;
          template_version: string | null;
          reason: string | null;
          input: unknown;
        }>(`SELECT * FROM kp_brev_letters WHERE run = 'aar-2027'`)
      ).rows;
      const doneRows = rows.filter((r) => r.state === 'done');
      const failedRows = rows.filter((r) => r.state === 'failed');
      expect(doneRows.length + failedRows.length).toBe(unique);
      expect(failedRows.map((r) => [r.case_id, r.reason]).sort()).toEqual(Array.from({ length: bad }, (_, b) => [`daarlig-${b}`, 'letter-refused']).sort());
      const files = readdirSync(out).filter((f) => f.endsWith('.docx'));
      // What killed workers were writing is gone: the last workers removed it.
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files.length).toBe(doneRows.length);
      for (const r of doneRows) {
        expect(
          createHash('sha256')
            .update(readFileSync(join(out, r.output_file!)))
            .digest('hex'),
        ).toBe(r.output_sha256);
        expect(r.template_version).toMatch(/^np_1004@\d+/);
      }
      // No case text stays in the ledger.
      expect(rows.every((r) => r.input === null)).toBe(true);
      // Enqueueing the file again adds nothing.
      expect(cli(enqueue).stdout).toBe(
        `0 sager lagt i kø, ${unique} fandtes allerede, ${dups} med et id der allerede er brugt (ikke lagt i kø).\nIkke lagt i kø igen: ${bad} sager, der fejlede tidligere. Ret sagsfilen, og læg den i kø igen med --retry-failed.\n`,
      );
      const status = cli(['status', '--run', 'aar-2027']);
      expect(status.stdout).toContain('101 np_1004: ');
      expect(status.stdout).toContain(
        LINES === 600
          ? 'Fejl af typen letter-refused: 3 sager (101/daarlig-0, 101/daarlig-1, 101/daarlig-2)'
          : `Fejl af typen letter-refused: ${bad} sager (101/daarlig-0, `,
      );
    },
    Math.max(900_000, LINES * 300),
  );

  it('makes failed cases again with --retry-failed, keeps letters in the ledger with --in-ledger, and removes only abandoned temporary files', async () => {
    expect(cli(['migrate']).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pg-retry-'));
    const write = (name: string, lines: string[]): string => {
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
      return join(dir, name);
    };
    const kase = (id: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ id, ...karen, ...extra });
    const first = write('sager-1.ndjson', [kase('a'), JSON.stringify({ id: 'b', ...withoutDeadline }), JSON.stringify({ id: 'c', fields: 'ikke et objekt' })]);
    const enqueue = (cases: string, more: string[] = []) =>
      cli(['enqueue', '--run', 'ret', '--template', 'np_1004', '--cases', cases, '--format', 'docx', '--requested-by', 'drift@kp', ...more]);
    expect(enqueue(first).stdout).toBe('3 sager lagt i kø, 0 fandtes allerede, 0 med et id der allerede er brugt (ikke lagt i kø).\n');

    // Temporary files in the output folder: one of a claim no case holds (a killed worker's),
    // one of a claim still held (a live worker's), one that is not ours.
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-pg-retry-out-'));
    const ledger = new PgLedger(db.url);
    await ledger.enqueue([
      { run: 'other', kommune: '', template: 'np_1004', caseId: 'x', caseSha256: 'x', line: 1, format: 'docx', requestedBy: 'test', input: {} },
    ]);
    const [live] = await ledger.claim('other', 'a live worker', 1, 600);
    await ledger.close();
    writeFileSync(join(out, 'a.docx.0b9f1c4e-5d1a-4c1b-9a57-3c2f8e1d0a11.tmp'), 'half a letter');
    writeFileSync(join(out, `x.docx.${live!.token}.tmp`), 'being written');
    writeFileSync(join(out, 'noter.tmp'), 'not ours');
    const work = (more: string[]) =>
      spawnSync(process.execPath, [bin, 'batch', 'work', '--ledger', db.url, '--run', 'ret', '--templates', templates, '--concurrency', '1', ...more], {
        encoding: 'utf8',
        env: { ...process.env, KP_BREV_LANG: '' },
      });
    const w1 = work(['--out', out]);
    expect(w1.stdout).toBe(
      '1 brev lavet, 2 fejl, 0 afvist fordi reservationen var udløbet.\n1 midlertidig fil efter afbrudte processer er fjernet fra mappen.\n',
    );
    expect(readdirSync(out).sort()).toEqual(['a.docx', 'noter.tmp', `x.docx.${live!.token}.tmp`].sort());
    const status = cli(['status', '--run', 'ret']).stdout;
    expect(status).toContain('– np_1004: 1 lavet, 2 fejl, 0 tilbage');
    expect(status).toContain('Fejl af typen bad-context: 1 sag (c)');
    expect(status).toContain('Fejl af typen letter-refused: 1 sag (b)');

    // The corrected file: a changed after its letter, b and c fixed, d new.
    const fixed = write('sager-2.ndjson', [kase('a', { note: 'rettet' }), kase('b'), kase('c'), kase('d')]);
    const plain = enqueue(fixed);
    expect(plain.stdout).toBe(
      '1 sag lagt i kø, 3 fandtes allerede, 0 med et id der allerede er brugt (ikke lagt i kø).\nIkke lagt i kø igen: 2 sager, der fejlede tidligere. Ret sagsfilen, og læg den i kø igen med --retry-failed.\n',
    );
    expect(plain.stderr).toBe('1 sag er ændret i sagsfilen, efter deres brev blev dannet; brevene er ikke dannet igen: a\n');
    const retry = enqueue(fixed, ['--retry-failed']);
    expect(retry.stdout).toBe(
      '0 sager lagt i kø, 4 fandtes allerede, 0 med et id der allerede er brugt (ikke lagt i kø).\n2 sager, der fejlede, er lagt i kø igen fra sagsfilen.\n',
    );

    // Made into the ledger this time (bytea), not into the folder.
    expect(work(['--in-ledger']).stdout).toBe('3 breve lavet, 0 fejl, 0 afvist fordi reservationen var udløbet.\n');
    const rows = (
      await client.query<{
        case_id: string;
        state: string;
        output: Buffer | null;
        output_file: string | null;
        output_sha256: string;
        requested_by: string;
        reason: string | null;
        input: unknown;
      }>(`SELECT * FROM kp_brev_letters WHERE run = 'ret' ORDER BY case_id`)
    ).rows;
    expect(rows.map((r) => [r.case_id, r.state, r.output_file, r.output !== null, r.reason])).toEqual([
      ['a', 'done', 'a.docx', false, null],
      ['b', 'done', null, true, null],
      ['c', 'done', null, true, null],
      ['d', 'done', null, true, null],
    ]);
    for (const r of rows.filter((x) => x.output)) {
      expect(createHash('sha256').update(r.output!).digest('hex')).toBe(r.output_sha256);
      expect(openDocx(r.output!).texts()).toContain('Kære Karen');
    }
    expect(rows.every((r) => r.requested_by === 'drift@kp' && r.input === null)).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.docx'))).toEqual(['a.docx']);
    expect(cli(['status', '--run', 'ret']).stdout).toBe('– np_1004: 4 lavet, 0 fejl, 0 tilbage\n');
  });

  it('gives back the cases it claimed ahead when stopped, and a killed worker\u2019s claims ahead are made once by another after their lease', async () => {
    expect(cli(['migrate']).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pg-ahead-'));
    const cases = join(dir, 'sager.ndjson');
    const total = 300;
    writeFileSync(
      cases,
      Array.from({ length: total }, (_, i) => JSON.stringify({ id: `sag-${i}`, kommune: String(101 + (i % 5)), ...karen })).join('\n') + '\n',
    );
    expect(cli(['enqueue', '--run', 'ahead', '--template', 'np_1004', '--cases', cases, '--format', 'docx']).status).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'kp-brev-pg-ahead-out-'));
    const start = (lease: number): { child: ChildProcess; stdout: () => string } => {
      let text = '';
      const child = spawn(
        process.execPath,
        [
          bin,
          'batch',
          'work',
          '--ledger',
          db.url,
          '--run',
          'ahead',
          '--out',
          out,
          '--templates',
          templates,
          '--concurrency',
          '1',
          '--claim',
          '16',
          '--lease',
          String(lease),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KP_BREV_LANG: '' } },
      );
      child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
      return { child, stdout: () => text };
    };
    const claimedBy = (c: ChildProcess): Promise<number> =>
      count(`SELECT count(*) AS n FROM kp_brev_letters WHERE run = 'ahead' AND state = 'claimed' AND worker LIKE '%:${c.pid}'`);
    const exit = (c: ChildProcess): Promise<number | null> =>
      new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', r)));

    // Stopped with SIGTERM while holding claims ahead (a lease of ten minutes): it records what
    // is under way and gives the rest back at once, claimable by anyone.
    const a = start(600);
    await until('claims ahead', async () => (await claimedBy(a.child)) >= 12);
    a.child.kill('SIGTERM');
    expect(await exit(a.child)).toBe(0);
    const released = Number(/Stoppet: (\d+) sager? reserveret på forhånd er givet tilbage/.exec(a.stdout())?.[1]);
    expect(released).toBeGreaterThan(0);
    expect(await claimedBy(a.child)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM kp_brev_letters WHERE run = 'ahead' AND state = 'claimed'`)).toBe(0);

    // Killed while holding claims ahead (a lease of 2 seconds): another worker makes them once
    // their lease has run out.
    const b = start(2);
    await until('claims ahead', async () => (await claimedBy(b.child)) >= 12);
    b.child.kill('SIGKILL');
    await exit(b.child);
    const held = (
      await client.query<{ case_id: string }>(
        `SELECT case_id FROM kp_brev_letters WHERE run = 'ahead' AND state = 'claimed' AND worker LIKE '%:${b.child.pid}'`,
      )
    ).rows.map((r) => r.case_id);
    expect(held.length).toBeGreaterThan(0);
    const c = start(60);
    expect(await exit(c.child)).toBe(0);
    const rows = (
      await client.query<{ case_id: string; state: string; output_file: string; output_sha256: string; worker: string }>(
        `SELECT case_id, state, output_file, output_sha256, worker FROM kp_brev_letters WHERE run = 'ahead'`,
      )
    ).rows;
    expect(rows.filter((r) => r.state === 'done').length).toBe(total);
    for (const r of rows.filter((x) => held.includes(x.case_id))) expect(r.worker).toMatch(new RegExp(`:${c.child.pid}$`));
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.length).toBe(total);
    for (const r of rows)
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, r.output_file)))
          .digest('hex'),
      ).toBe(r.output_sha256);
  });

  it('claims the cases still waiting when the municipalities it looked up earlier have run out', async () => {
    const ledger = new PgLedger(db.url);
    try {
      await ledger.migrate();
      const row = (kommune: string, caseId: string) => ({
        run: 'stale',
        kommune,
        template: 'np_1004',
        caseId,
        caseSha256: 'x',
        line: 1,
        format: 'docx',
        requestedBy: 'test',
        input: { id: caseId },
      });
      await ledger.enqueue([row('101', 'a1'), row('101', 'a2'), row('102', 'b1'), row('102', 'b2'), row('102', 'b3')]);
      // Looks up 101 and 102 and claims one of each, then one more of 102 (its turn).
      expect((await ledger.claim('stale', 'w1', 2, 60)).map((c) => c.caseId).sort()).toEqual(['a1', 'b1']);
      expect((await ledger.claim('stale', 'w1', 1, 60)).map((c) => c.caseId)).toEqual(['b2']);
      // Another worker makes 101's last case; this worker's next turn is 101's.
      await client.query(`UPDATE kp_brev_letters SET state = 'done', input = NULL WHERE run = 'stale' AND case_id = 'a2'`);
      expect((await ledger.claim('stale', 'w1', 1, 60)).map((c) => c.caseId)).toEqual(['b3']);
      expect(await ledger.claim('stale', 'w1', 1, 60)).toEqual([]);
    } finally {
      await ledger.close();
    }
  });

  it('claims round-robin across municipalities and fences off a claim whose lease ran out', async () => {
    const ledger = new PgLedger(db.url);
    try {
      await ledger.migrate();
      const row = (kommune: string, caseId: string) => ({
        run: 'fair',
        kommune,
        template: 'np_1004',
        caseId,
        caseSha256: 'x',
        line: 1,
        format: 'docx',
        requestedBy: 'test',
        input: { id: caseId },
      });
      expect(
        await ledger.enqueue([...Array.from({ length: 300 }, (_, i) => row('101', `stor-${i}`)), row('999', 'lille-1'), row('999', 'lille-2')]),
      ).toMatchObject({ added: 302 });
      const first = await ledger.claim('fair', 'w1', 2, 60);
      expect(first.map((c) => c.kommune).sort()).toEqual(['101', '999']);
      // A lease of 0 seconds has run out at once: the claim cannot commit, and another takes the case.
      const [stale] = await ledger.claim('fair', 'w2', 1, 0);
      await until(
        'the lease to run out',
        async () =>
          (await count(`SELECT count(*) AS n FROM kp_brev_letters WHERE run = 'fair' AND case_id = '${stale!.caseId}' AND lease_until < now()`)) === 1,
      );
      let placed = false;
      expect(await ledger.finish(stale!, { ok: true, file: 'x', sha256: 'y', version: 'v', pages: 1 }, async () => void (placed = true))).toBe(false);
      expect(placed).toBe(false);
      const again = (await ledger.claim('fair', 'w3', 2, 60)).find((c) => c.caseId === stale!.caseId);
      expect(again).toBeDefined();
      expect(await ledger.finish(again!, { ok: true, file: 'x', sha256: 'y', version: 'v', pages: 1 }, async () => void (placed = true))).toBe(true);
      expect(placed).toBe(true);
      expect(await ledger.finish(stale!, { ok: false, reason: 'late', problems: [] })).toBe(false);
      // A claim given back is claimable again at once; one given back by a token no longer held is not touched.
      const [back] = await ledger.claim('fair', 'w4', 1, 600);
      expect(await ledger.release([{ ...back!, token: stale!.token }])).toBe(0);
      expect(await ledger.release([back!])).toBe(1);
      expect(
        await count(
          `SELECT count(*) AS n FROM kp_brev_letters WHERE run = 'fair' AND case_id = '${back!.caseId}' AND state = 'pending' AND lease_token IS NULL`,
        ),
      ).toBe(1);
      expect(await ledger.finish(back!, { ok: false, reason: 'late', problems: [] })).toBe(false);
      expect(await ledger.enqueue([row('999', 'lille-1')])).toMatchObject({ added: 0, already: 1 });
    } finally {
      await ledger.close();
    }
  });
});
