/**
 * Where the PostgreSQL ledger's time goes, against the file ledger, one process at a time: for
 * each run the wall time, the worker process's own CPU (user + system, from /usr/bin/time), the
 * PostgreSQL server's CPU over the run (every postgres process of the throwaway server, those
 * that exited included), and from PostgreSQL's statistics the transactions committed, the
 * write-ahead log's flushes (fsyncs) and the rows updated, each per letter.
 *
 * Give one or more checkouts (built with `npm run build`) to compare their workers in turns, each
 * against its own throwaway PostgreSQL (fsync on):
 *
 *     tsx bench/ledger-profile.ts [checkout ...]   (BENCH_LEDGER_CASES=2000, BENCH_LEDGER_ROUNDS=3, BENCH_LEDGER_FORMAT=docx, BENCH_LEDGER_WORKERS=1)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { havePostgres, startPostgres, type TestPostgres } from '../test/helpers/postgres.js';
import { writeSkewedCases } from './skewed-cases.js';

const N = Number(process.env['BENCH_LEDGER_CASES'] ?? 2000);
const ROUNDS = Number(process.env['BENCH_LEDGER_ROUNDS'] ?? 3);
const FORMAT = process.env['BENCH_LEDGER_FORMAT'] ?? 'docx';
const W = Number(process.env['BENCH_LEDGER_WORKERS'] ?? 1);
const here = join(import.meta.dirname, '..');
const roots = process.argv.slice(2).length ? process.argv.slice(2).map((r) => resolve(r)) : [here];
const env = { ...process.env, KP_BREV_LANG: '' };
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/** Runs kp-brev under /usr/bin/time: its CPU seconds (user + system). */
function timed(root: string, args: string[]): Promise<number> {
  const out = join(mkdtempSync(join(tmpdir(), 'kp-brev-time-')), 't');
  return new Promise((ok, fail) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', out, process.execPath, join(root, 'bin/kp-brev.js'), ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`kp-brev ${args.slice(0, 2).join(' ')} exited with ${code}`));
      const [u, s] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      ok(u! + s!);
    });
  });
}

/** CPU seconds used so far by the server's processes: the live ones and the exited (reaped by the postmaster). */
function serverCpu(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(p);
    const ppid = Number(f[1]);
    if (pid !== postmaster && ppid !== postmaster) continue;
    ticks += Number(f[11]) + Number(f[12]);
    if (pid === postmaster) ticks += Number(f[13]) + Number(f[14]);
  }
  return ticks / TICK;
}

interface Stats {
  commits: number;
  walSyncs: number;
  updated: number;
}
async function stats(c: pg.Client): Promise<Stats> {
  await c.query('SELECT pg_stat_clear_snapshot()');
  const d = (await c.query<{ x: string; u: string }>(`SELECT xact_commit AS x, tup_updated AS u FROM pg_stat_database WHERE datname = current_database()`))
    .rows[0]!;
  const w = (await c.query<{ s: string }>(`SELECT wal_sync AS s FROM pg_stat_wal`)).rows[0]!;
  return { commits: Number(d.x), walSyncs: Number(w.s), updated: Number(d.u) };
}

interface Row {
  wall: number;
  cpu: number;
  server: number;
  commits: number;
  walSyncs: number;
  updated: number;
}

if (!havePostgres()) {
  console.log('bench/ledger-profile.ts: PostgreSQL is not installed; skipped.');
  process.exit(0);
}
const servers: Array<{ db: TestPostgres; client: pg.Client; data: string }> = [];
try {
  for (const _ of roots) {
    const db = startPostgres({ durable: true });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const data = join(decodeURIComponent(/host=([^&]+)/.exec(db.url)![1]!), 'data');
    servers.push({ db, client, data });
  }
  const cases = writeSkewedCases(here, N, 'kp-brev-prof-cases-');
  const dir = dirname(cases);
  console.log(`${N} cases np_1004 ${FORMAT}, ${W} process(es), ${ROUNDS} rounds; checkouts: ${roots.join(', ')}; load at the start ${load()}`);

  const file: Row[] = [];
  const pgRows: Row[][] = roots.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = [-1, ...roots.keys()];
    if (round % 2) order.reverse();
    for (const which of order) {
      if (which < 0) {
        const base = mkdtempSync(join(tmpdir(), 'kp-brev-prof-file-'));
        const t0 = performance.now();
        const cpus = await Promise.all(
          Array.from({ length: W }, (_, k) =>
            timed(roots[0]!, [
              'batch',
              '--template',
              'np_1004',
              '--cases',
              cases,
              '--out',
              join(base, `s${k}`),
              '--format',
              FORMAT,
              '--templates',
              join(roots[0]!, 'templates'),
              '--concurrency',
              '1',
              '--shard',
              `${k + 1}/${W}`,
            ]),
          ),
        );
        file.push({ wall: (performance.now() - t0) / 1000, cpu: cpus.reduce((a, b) => a + b, 0), server: 0, commits: 0, walSyncs: 0, updated: 0 });
        rmSync(base, { recursive: true, force: true });
        continue;
      }
      const root = roots[which]!;
      const s = servers[which]!;
      const run = `prof-${round}`;
      await timed(root, ['batch', 'migrate', '--ledger', s.db.url]);
      await timed(root, ['batch', 'enqueue', '--ledger', s.db.url, '--run', run, '--template', 'np_1004', '--cases', cases, '--format', FORMAT]);
      const out = mkdtempSync(join(tmpdir(), 'kp-brev-prof-pg-'));
      const st0 = await stats(s.client);
      const cpu0 = serverCpu(s.data);
      const t0 = performance.now();
      const cpus = await Promise.all(
        Array.from({ length: W }, () =>
          timed(root, ['batch', 'work', '--ledger', s.db.url, '--run', run, '--out', out, '--templates', join(root, 'templates'), '--concurrency', '1']),
        ),
      );
      const wall = (performance.now() - t0) / 1000;
      const server = serverCpu(s.data) - cpu0;
      const st1 = await stats(s.client);
      const made = readdirSync(out).filter((f) => f.endsWith(`.${FORMAT}`)).length;
      if (made !== N) throw new Error(`${root}: ${made} letters, not ${N}`);
      rmSync(out, { recursive: true, force: true });
      pgRows[which]!.push({
        wall,
        cpu: cpus.reduce((a, b) => a + b, 0),
        server,
        commits: st1.commits - st0.commits,
        walSyncs: st1.walSyncs - st0.walSyncs,
        updated: st1.updated - st0.updated,
      });
    }
  }
  const show = (name: string, rows: Row[]): void => {
    const m = (f: (r: Row) => number): number => median(rows.map(f));
    console.log(
      `| ${name} | ${(N / m((r) => r.wall)).toFixed(0)} | ${((m((r) => r.cpu) / N) * 1000).toFixed(2)} | ${((m((r) => r.server) / N) * 1000).toFixed(2)} | ${(m((r) => r.commits) / N).toFixed(2)} | ${(m((r) => r.walSyncs) / N).toFixed(2)} | ${(m((r) => r.updated) / N).toFixed(2)} |`,
    );
  };
  console.log('\n| ledger | letters/s (wall) | worker CPU ms/letter | PostgreSQL CPU ms/letter | commits/letter | WAL fsyncs/letter | rows updated/letter |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  show('file', file);
  for (const [i, r] of roots.entries()) show(`PostgreSQL (${r})`, pgRows[i]!);
  console.log(`\nload at the end ${load()}`);
  rmSync(dir, { recursive: true, force: true });
} finally {
  for (const s of servers) {
    await s.client.end();
    s.db.stop();
  }
}
