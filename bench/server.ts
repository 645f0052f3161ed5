/**
 * Render API and batch benchmark (issue 6), in one run on this machine:
 *
 * - the server (`kp-brev serve`, its own process, render threads = cores) hit over loopback by
 *   autocannon at a fixed request rate, PDF letters, then .docx letters: throughput and
 *   p50 / p95 / p99 latency from every response;
 * - the batch runner making 10,000 letters (PDF, then .docx) with the worker pool: letters/s and
 *   memory (RSS) along the way.
 *
 * Targets: p99 <= 50 ms at 200 letters/s on 2 cores; batch >= 300 letters/s.
 *
 *     npm run bench      (or: tsx bench/server.ts; BENCH_RATE, BENCH_SECONDS, BENCH_BATCH to change)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runBatch } from '../src/batch/batch.js';
import { newToken } from '../src/server/auth.js';
import { WorkerPool } from '../src/service/pool.js';

const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 10_000);
const root = join(import.meta.dirname, '..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const cores = availableParallelism();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(url: string, token: string, format: 'pdf' | 'docx'): Promise<string> {
  const times: number[] = [];
  // Without a callback autocannon returns an event emitter (its types say a promise).
  const instance = autocannon({
    url,
    connections: 16,
    duration: SECONDS,
    overallRate: RATE,
    requests: [{ method: 'POST', path: '/v1/letters', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ template: 'np_1004', context: karen, format }) }],
  }) as unknown as NodeJS.EventEmitter;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await new Promise<autocannon.Result>((resolve, reject) => instance.on('done', resolve).on('error', reject));
  times.sort((a, b) => a - b);
  const ok = r['2xx'];
  return `| ${format} | ${RATE} | ${(ok / r.duration).toFixed(0)} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${r.non2xx + r.errors} |`;
}

console.log(`node ${process.version}, ${cores} cores\n`);

// 1. The server under a fixed request rate.
{
  const { token, credential } = newToken('bench', { kommune: '540' });
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-bench-'));
  writeFileSync(join(dir, 'server.json'), JSON.stringify({ templates, port: 0, host: '127.0.0.1', credentials: [credential] }));
  const child = spawn(process.execPath, [join(root, 'bin/kp-brev.js'), 'serve', '--config', join(dir, 'server.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve) => child.stderr!.on('data', (b: Buffer) => /lytter på (http:\/\/\S+)\./.exec(b.toString())?.[1] && resolve(/lytter på (http:\/\/\S+)\./.exec(b.toString())![1]!)));
  console.log(`Render API over loopback, ${SECONDS} s per format at a fixed rate (autocannon, 16 connections), render threads: ${cores}:\n`);
  console.log('| format | requested/s | letters/s | p50 ms | p95 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const format of ['pdf', 'docx'] as const) {
    // Warm the connection pool and the server's threads first.
    await autocannon({ url, connections: 4, amount: 200, requests: [{ method: 'POST', path: '/v1/letters', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ template: 'np_1004', context: karen, format }) }] });
    console.log(await load(url, token, format));
  }
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

// 2. The batch runner.
{
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-batch-'));
  const cases = join(dir, 'sager.ndjson');
  writeFileSync(cases, Array.from({ length: BATCH }, (_, i) => JSON.stringify({ id: `sag-${i}`, ...karen })).join('\n') + '\n');
  console.log(`\nBatch of ${BATCH} letters (np_1004), worker pool of ${cores} threads:\n`);
  console.log('| format | letters/s | seconds | RSS at 10 % | RSS at 100 % |');
  console.log('|---|---:|---:|---:|---:|');
  for (const format of ['pdf', 'docx'] as const) {
    const out = join(dir, format);
    const pool = new WorkerPool({ maxQueue: 1_000_000, warm: templates });
    await pool.ready();
    let rssAt10 = 0;
    const summary = await runBatch({
      templatesDir: templates,
      template: 'np_1004',
      cases,
      out,
      format,
      pool,
      onProgress: (p) => {
        if (!rssAt10 && p.made >= BATCH / 10) rssAt10 = process.memoryUsage().rss;
      },
    });
    const rss = process.memoryUsage().rss;
    await pool.close();
    console.log(`| ${format} | ${summary.rate.toFixed(0)} | ${(summary.elapsedMs / 1000).toFixed(1)} | ${(rssAt10 / 1048576).toFixed(0)} MB | ${(rss / 1048576).toFixed(0)} MB |`);
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('\nTargets: p99 <= 50 ms at 200 letters/s on 2 cores; batch >= 300 letters/s (PDF and .docx).');
}
