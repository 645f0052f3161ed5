/**
 * Render API and batch benchmark (issue 6), in one run on this machine:
 *
 * - the server (`kp-brev serve`, its own process, render threads = cores) hit over loopback at a
 *   fixed request rate (open loop, bench/open-loop.ts), PDF letters, then .docx letters:
 *   throughput and p50 / p95 / p99 latency from every request's scheduled time;
 * - the batch runner making 10,000 letters (PDF, then .docx) with the worker pool: letters/s and
 *   memory (RSS) along the way.
 *
 * Targets: p99 <= 50 ms at 200 letters/s on 2 cores; batch >= 300 letters/s.
 *
 *     npm run bench      (or: tsx bench/server.ts; BENCH_RATE, BENCH_SECONDS, BENCH_BATCH to change)
 *
 * BENCH_FAIR_SHARE=1 runs the server with the fair-share limits on (a rate and a concurrency limit
 * per credential, set high enough never to refuse), BENCH_TRACING=1 with OpenTelemetry tracing
 * exported over OTLP/HTTP to a collector stub in this process, so that their cost shows against
 * a run without; BENCH_BATCH=0 leaves the batch out.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runBatch } from '../src/batch/batch.js';
import { newToken } from '../src/server/auth.js';
import { WorkerPool } from '../src/service/pool.js';
import { openLoop } from './open-loop.js';

const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 10_000);
const FAIR_SHARE = process.env['BENCH_FAIR_SHARE'] === '1';
const TRACING = process.env['BENCH_TRACING'] === '1';
const root = join(import.meta.dirname, '..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const cores = availableParallelism();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The resident memory of a process (Linux), in MB. */
function rssOf(pid: number | undefined): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return '?';
  }
}

async function load(url: string, token: string, format: 'pdf' | 'docx', pid: number | undefined): Promise<string> {
  const before = rssOf(pid);
  const r = await openLoop(url, {
    rate: RATE,
    seconds: SECONDS,
    path: '/v1/letters',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ template: 'np_1004', context: karen, format }),
  });
  const t = r.latencies;
  return `| ${format} | ${RATE} | ${(r.ok / r.seconds).toFixed(0)} | ${percentile(t, 50).toFixed(1)} | ${percentile(t, 95).toFixed(1)} | ${percentile(t, 99).toFixed(1)} | ${r.failed} | ${before} → ${rssOf(pid)} |`;
}

console.log(`node ${process.version}, ${cores} cores\n`);

// 1. The server under a fixed request rate.
{
  const { token, credential } = newToken('bench', { kommune: '540' });
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-bench-'));
  writeFileSync(
    join(dir, 'server.json'),
    JSON.stringify({
      templates,
      port: 0,
      host: '127.0.0.1',
      credentials: [credential],
      ...(FAIR_SHARE ? { rateLimit: { max: 1_000_000, windowSeconds: 60, concurrent: 10_000 } } : {}),
    }),
  );
  // A collector that takes the spans and answers 200, counting what it got.
  let exported = 0;
  const collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exported++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const otel = TRACING ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` } : {};
  const child = spawn(process.execPath, [join(root, 'bin/kp-brev.js'), 'serve', '--config', join(dir, 'server.json')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...otel },
  });
  const url = await new Promise<string>((resolve) =>
    child.stderr!.on(
      'data',
      (b: Buffer) => /lytter på (http:\/\/\S+)\./.exec(b.toString())?.[1] && resolve(/lytter på (http:\/\/\S+)\./.exec(b.toString())![1]!),
    ),
  );
  console.log(
    `Render API over loopback, ${SECONDS} s per format at a fixed rate (open loop: one request every ${(1000 / RATE).toFixed(1)} ms, latency from its scheduled time), render threads: ${cores}, fair-share limits ${FAIR_SHARE ? 'on' : 'off'}, tracing ${TRACING ? 'on (OTLP/HTTP)' : 'off'}:\n`,
  );
  console.log('| format | requested/s | letters/s | p50 ms | p95 ms | p99 ms | errors | server RSS before → after |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const format of ['pdf', 'docx'] as const) {
    // Warm the connection pool and the server's threads first.
    await autocannon({
      url,
      connections: 4,
      amount: 200,
      requests: [
        {
          method: 'POST',
          path: '/v1/letters',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ template: 'np_1004', context: karen, format }),
        },
      ],
    });
    console.log(await load(url, token, format, child.pid));
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  collector.close();
  if (TRACING) console.log(`\nOTLP export requests received: ${exported}`);
  rmSync(dir, { recursive: true, force: true });
}

// 2. The batch runner.
if (BATCH > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-batch-'));
  const cases = join(dir, 'sager.ndjson');
  writeFileSync(cases, Array.from({ length: BATCH }, (_, i) => JSON.stringify({ id: `sag-${i}`, ...karen })).join('\n') + '\n');
  console.log(`\nBatch of ${BATCH} letters (np_1004), worker pool of ${cores} threads:\n`);
  console.log('| format | letters/s | seconds | RSS at 10 % | RSS at 100 % | RSS lowest-highest, 10-100 % |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const format of ['pdf', 'docx'] as const) {
    const out = join(dir, format);
    const pool = new WorkerPool({ maxQueue: 1_000_000, warm: templates });
    await pool.ready();
    // RSS at every tenth of the run: flat memory means no trend, only the swings of garbage
    // collection in the render threads.
    const rssSamples: number[] = [];
    let nextSample = BATCH / 10;
    const summary = await runBatch({
      templatesDir: templates,
      template: 'np_1004',
      cases,
      out,
      format,
      pool,
      onProgress: (p) => {
        while (p.made >= nextSample) {
          rssSamples.push(process.memoryUsage().rss);
          nextSample += BATCH / 10;
        }
      },
    });
    rssSamples.push(process.memoryUsage().rss);
    await pool.close();
    const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
    console.log(
      `| ${format} | ${summary.rate.toFixed(0)} | ${(summary.elapsedMs / 1000).toFixed(1)} | ${mb(rssSamples[0]!)} | ${mb(rssSamples.at(-1)!)} | ${mb(Math.min(...rssSamples))}-${mb(Math.max(...rssSamples))} |`,
    );
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('\nTargets: p99 <= 50 ms at 200 letters/s on 2 cores; batch >= 300 letters/s (PDF and .docx).');
}
