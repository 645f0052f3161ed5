/**
 * The batch ledgers (issue 13) against each other, in one run on this machine: the same cases
 * made by `kp-brev batch` with the file ledger (W processes, `--shard k/W`) and by W
 * `kp-brev batch work` processes over the PostgreSQL ledger (a throwaway PostgreSQL with fsync
 * on, as in production), for W = 1, 2, 3, each process with one render thread; rounds
 * interleaved (which ledger goes first alternates), medians of letters/s.
 *
 * Two rates per run: wall (from starting the processes to the last one's exit: start-up, the
 * PostgreSQL workers' last idle check and everything) and steady (letters between the first and
 * the last letter file written, from the files' times: what a long run sustains). Then the
 * projection for the year-end volume: 2,000,000 letters on 4 machines like this one.
 *
 * Target (issue 13): the PostgreSQL ledger costs at most 10 % of the file ledger's letters/s.
 *
 *     npm run bench   (or: tsx bench/ledger.ts; BENCH_LEDGER_CASES, BENCH_LEDGER_ROUNDS, BENCH_LEDGER_FORMATS=docx,pdf)
 *
 * BENCH_LEDGER_BASELINE=<checkout> (another checkout, built) adds its PostgreSQL workers to each
 * turn, on the same server, for a before/after in one run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PgLedger } from '../src/ledger/pg-ledger.js';
import { havePostgres, startPostgres } from '../test/helpers/postgres.js';
import { writeSkewedCases } from './skewed-cases.js';

const N = Number(process.env['BENCH_LEDGER_CASES'] ?? 2000);
const ROUNDS = Number(process.env['BENCH_LEDGER_ROUNDS'] ?? 3);
const FORMATS = (process.env['BENCH_LEDGER_FORMATS'] ?? 'docx,pdf').split(',') as Array<'pdf' | 'docx'>;
const WORKERS = [1, 2, 3];
const YEAR_END = 2_000_000;
const MACHINES = 4;
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/kp-brev.js');
const BASELINE = process.env['BENCH_LEDGER_BASELINE'];
const templates = join(root, 'templates');
const env = { ...process.env, KP_BREV_LANG: '' };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

function run(args: string[], program = bin): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [program, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kp-brev ${args.slice(0, 2).join(' ')} exited with ${code}`))));
  });
}

/** Letters in the folders and the steady rate between the first and the last letter written. */
function letters(dirs: string[], format: string): { count: number; steady: number } {
  const times: number[] = [];
  for (const d of dirs) for (const f of readdirSync(d)) if (f.endsWith(`.${format}`)) times.push(statSync(join(d, f)).mtimeMs);
  times.sort((a, b) => a - b);
  const span = (times[times.length - 1]! - times[0]!) / 1000;
  return { count: times.length, steady: span > 0 ? (times.length - 1) / span : NaN };
}

interface Measured {
  wall: number;
  steady: number;
}

async function fileLedger(cases: string, format: string, workers: number): Promise<Measured> {
  const base = mkdtempSync(join(tmpdir(), 'kp-brev-bench-file-'));
  const outs = Array.from({ length: workers }, (_, k) => join(base, `shard-${k + 1}`));
  const t0 = performance.now();
  await Promise.all(
    outs.map((out, k) =>
      run([
        'batch',
        '--template',
        'np_1004',
        '--cases',
        cases,
        '--out',
        out,
        '--format',
        format,
        '--templates',
        templates,
        '--concurrency',
        '1',
        '--shard',
        `${k + 1}/${workers}`,
      ]),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const l = letters(outs, format);
  rmSync(base, { recursive: true, force: true });
  if (l.count !== N) throw new Error(`file ledger: ${l.count} letters, not ${N}`);
  return { wall: N / seconds, steady: l.steady };
}

async function pgLedger(
  url: string,
  ledger: PgLedger,
  runName: string,
  cases: string,
  format: string,
  workers: number,
  enqueueSeconds: number[],
  program = bin,
): Promise<Measured> {
  const t = performance.now();
  await run(['batch', 'enqueue', '--ledger', url, '--run', runName, '--template', 'np_1004', '--cases', cases, '--format', format], program);
  enqueueSeconds.push((performance.now() - t) / 1000);
  const out = mkdtempSync(join(tmpdir(), 'kp-brev-bench-pg-'));
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, () =>
      run(['batch', 'work', '--ledger', url, '--run', runName, '--out', out, '--templates', templates, '--concurrency', '1'], program),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const l = letters([out], format);
  rmSync(out, { recursive: true, force: true });
  const done = Number(
    (await ledger.pool.query<{ n: string }>(`SELECT count(*) AS n FROM kp_brev_letters WHERE run = $1 AND state = 'done'`, [runName])).rows[0]!.n,
  );
  if (l.count !== N || done !== N) throw new Error(`PostgreSQL ledger: ${l.count} letters, ${done} done rows, not ${N}`);
  return { wall: N / seconds, steady: l.steady };
}

if (!havePostgres()) {
  console.log('bench/ledger.ts: PostgreSQL (initdb, pg_ctl) is not installed; the ledger benchmark is skipped.');
  process.exit(0);
}

const db = startPostgres({ durable: true });
const ledger = new PgLedger(db.url);
try {
  await ledger.migrate();
  const cases = writeSkewedCases(root, N, 'kp-brev-bench-cases-');
  const dir = dirname(cases);

  console.log(
    `node ${process.version}, ${availableParallelism()} cores; ${N} cases (np_1004) over 98 municipalities, ${ROUNDS} rounds; load average (1/5/15 min) at the start: ${load()}\n`,
  );
  const enqueueSeconds: number[] = [];
  const best: Record<string, number> = {};
  for (const format of FORMATS) {
    const results = new Map<number, { file: Measured[]; pg: Measured[]; base: Measured[] }>(WORKERS.map((w) => [w, { file: [], pg: [], base: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const w of WORKERS) {
        const r = results.get(w)!;
        const file = (): Promise<void> => fileLedger(cases, format, w).then((m) => void r.file.push(m));
        const pg = (): Promise<void> =>
          pgLedger(db.url, ledger, `bench-${format}-${round}-${w}`, cases, format, w, enqueueSeconds).then((m) => void r.pg.push(m));
        const base = (): Promise<void> =>
          BASELINE
            ? pgLedger(db.url, ledger, `base-${format}-${round}-${w}`, cases, format, w, [], join(BASELINE, 'bin/kp-brev.js')).then((m) => void r.base.push(m))
            : Promise.resolve();
        const turn = [file, pg, base];
        if ((round + w) % 2) turn.reverse();
        for (const f of turn) await f();
      }
    }
    console.log(`**${format}**, letters/s (medians of ${ROUNDS}; each process one render thread):\n`);
    console.log('| processes | file ledger, wall | PostgreSQL, wall | PostgreSQL vs file | file ledger, steady | PostgreSQL, steady | PostgreSQL vs file |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    for (const w of WORKERS) {
      const r = results.get(w)!;
      const fw = median(r.file.map((m) => m.wall));
      const pw = median(r.pg.map((m) => m.wall));
      const fs = median(r.file.map((m) => m.steady));
      const ps = median(r.pg.map((m) => m.steady));
      best[format] = Math.max(best[format] ?? 0, ps);
      const pct = (a: number, b: number): string => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`;
      console.log(`| ${w} | ${fw.toFixed(0)} | ${pw.toFixed(0)} | ${pct(pw, fw)} | ${fs.toFixed(0)} | ${ps.toFixed(0)} | ${pct(ps, fs)} |`);
    }
    if (BASELINE) {
      console.log(`\nPostgreSQL workers of ${BASELINE} in the same turns (wall / steady letters/s, against the file ledger):\n`);
      for (const w of WORKERS) {
        const r = results.get(w)!;
        const bw = median(r.base.map((m) => m.wall));
        const bs = median(r.base.map((m) => m.steady));
        const fw = median(r.file.map((m) => m.wall));
        const fs = median(r.file.map((m) => m.steady));
        console.log(`| ${w} | ${bw.toFixed(0)} (${(((bw - fw) / fw) * 100).toFixed(1)} %) | ${bs.toFixed(0)} (${(((bs - fs) / fs) * 100).toFixed(1)} %) |`);
      }
    }
    console.log('');
  }
  console.log(
    `Enqueue (\`kp-brev batch enqueue\`, ${N} cases, process start included): median ${median(enqueueSeconds).toFixed(2)} s, ${(N / median(enqueueSeconds)).toFixed(0)} cases/s.\n`,
  );
  for (const format of FORMATS) {
    const perMachine = best[format]!;
    const hours = YEAR_END / (perMachine * MACHINES) / 3600;
    console.log(
      `Projection, ${format}: ${YEAR_END.toLocaleString('en')} letters on ${MACHINES} machines like this one at the best steady PostgreSQL rate (${perMachine.toFixed(0)} letters/s per machine): ${hours.toFixed(1)} hours.`,
    );
  }
  // What a finished row costs the database (docs/operations.md's sizing): the table with its
  // indexes and TOAST, as left by the runs above and after VACUUM FULL (what autovacuum approaches).
  const size = async (): Promise<{ bytes: number; rows: number }> => {
    const r = (
      await ledger.pool.query<{ bytes: string; rows: string }>(
        `SELECT pg_total_relation_size('kp_brev_letters') AS bytes, (SELECT count(*) FROM kp_brev_letters) AS rows`,
      )
    ).rows[0]!;
    return { bytes: Number(r.bytes), rows: Number(r.rows) };
  };
  const left = await size();
  await ledger.pool.query('VACUUM FULL kp_brev_letters');
  const packed = await size();
  const gb = (perRow: number): string => ((perRow * YEAR_END) / 1e9).toFixed(2);
  console.log(
    `\nLedger size: ${packed.rows} finished rows; ${(left.bytes / left.rows).toFixed(0)} bytes a row as the runs left the table, ${(packed.bytes / packed.rows).toFixed(0)} after VACUUM FULL (indexes included): ${gb(left.bytes / left.rows)} / ${gb(packed.bytes / packed.rows)} GB for ${YEAR_END.toLocaleString('en')} letters.`,
  );
  console.log(`\nLoad average (1/5/15 min) at the end: ${load()}`);
  rmSync(dir, { recursive: true, force: true });
} finally {
  await ledger.close();
  db.stop();
}
