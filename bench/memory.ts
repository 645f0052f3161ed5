/**
 * Memory of the render API over a repository the size KP really has (issue 16): the server
 * (`kp-brev serve`, its own process, 2 render threads) over 98 municipalities that each override
 * 10 of the 15 letters (scripts/lib/large-repo.ts, built on first use into tmp/repo-98), asked
 * for one .docx and one PDF of every letter of every municipality (and the central ones), three
 * passes; the server's resident memory (RSS) after each pass, and the template cache's figures
 * from /metrics.
 *
 * With BENCH_BASE=<a checkout of another commit, built> the same is run against that build
 * first, for the comparison (e.g. `git worktree add /tmp/base16 1c96c35`, `npm ci` there).
 *
 * Target: RSS <= 700 MB after pass 1 and flat over passes 2 and 3.
 *
 *     npm run bench      (or: tsx bench/memory.ts; BENCH_KOMMUNER, BENCH_PASSES, BENCH_BASE)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newToken } from '../src/server/auth.js';
import { buildLargeRepository } from '../scripts/lib/large-repo.js';

const KOMMUNER = Number(process.env['BENCH_KOMMUNER'] ?? 98);
const PASSES = Number(process.env['BENCH_PASSES'] ?? 3);
const CONCURRENCY = 4;
const root = join(import.meta.dirname, '..');
const base = process.env['BENCH_BASE'];

const repo = await buildLargeRepository({ kommuner: KOMMUNER, log: (l) => console.log(l) });
const ids = readdirSync(join(root, 'samples/sager')).sort();
const cases = new Map(
  ids.map((id) => [id, JSON.parse(readFileSync(join(root, 'samples/sager', id, readdirSync(join(root, 'samples/sager', id)).sort()[0]!), 'utf8')) as unknown]),
);

function rssMb(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** User + system CPU seconds of a process so far (all its threads). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Run {
  label: string;
  idle: number;
  passes: Array<{ rss: number; seconds: number; cpu: number; errors: number; cache: string }>;
}

async function measure(label: string, checkout: string): Promise<Run> {
  const { token, credential } = newToken('bench', { admin: true });
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-bench-mem-'));
  writeFileSync(join(dir, 'server.json'), JSON.stringify({ templates: repo.dir, port: 0, host: '127.0.0.1', threads: 2, credentials: [credential] }));
  const child = spawn(process.execPath, [join(checkout, 'bin/kp-brev.js'), 'serve', '--config', join(dir, 'server.json')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`the server stopped (${code})`)));
      child.stderr!.on('data', (b: Buffer) => {
        const m = /(?:lytter på|listening on) (http:\/\/\S+)\./.exec(b.toString());
        if (m) resolve(m[1]!);
      });
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const run: Run = { label, idle: rssMb(child.pid), passes: [] };
    const work: Array<{ template: string; kommune?: string; format: 'pdf' | 'docx' }> = [];
    for (const kommune of [undefined, ...repo.kommuner]) {
      for (const template of ids) for (const format of ['docx', 'pdf'] as const) work.push({ template, ...(kommune ? { kommune } : {}), format });
    }
    for (let pass = 1; pass <= PASSES; pass++) {
      const t0 = performance.now();
      const cpu0 = cpuSeconds(child.pid);
      let next = 0;
      let errors = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < work.length) {
            const w = work[next++]!;
            const res = await fetch(`${url}/v1/letters`, { method: 'POST', headers, body: JSON.stringify({ ...w, context: cases.get(w.template) }) });
            const body = await res.arrayBuffer();
            if (!res.ok && errors++ < 3) console.log(`    ${res.status} for ${JSON.stringify(w)}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
          }
        }),
      );
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const metric = (name: string): number => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? NaN);
      const entries = metric('kpbrev_template_cache_size');
      const bytes = metric('kpbrev_template_cache_bytes');
      const ratio = metric('kpbrev_template_cache_hit_ratio');
      const cache = `${entries} letters` + (Number.isFinite(bytes) ? `, ${(bytes / 1048576).toFixed(0)} MB est., hit ratio ${(ratio * 100).toFixed(0)} %` : '');
      run.passes.push({ rss: rssMb(child.pid), seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds(child.pid) - cpu0, errors, cache });
      console.log(
        `  ${label}: pass ${pass}: ${work.length} letters in ${run.passes.at(-1)!.seconds.toFixed(0)} s (server CPU ${run.passes.at(-1)!.cpu.toFixed(0)} s), RSS ${run.passes.at(-1)!.rss.toFixed(0)} MB, ${errors} errors, cache ${cache}`,
      );
    }
    return run;
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `node ${process.version}; repository ${repo.dir}: ${repo.kommuner.length} kommuner, ${repo.files} .docx files; 2 render threads; load average ${loadavg()[0]!.toFixed(1)}\n`,
);
const runs: Run[] = [];
if (base && existsSync(join(base, 'dist/cli/main.js'))) runs.push(await measure(`baseline (${base})`, base));
runs.push(await measure('this build', root));

console.log(
  `\n| build | RSS idle | ${Array.from({ length: PASSES }, (_, i) => `after pass ${i + 1}`).join(' | ')} | errors | template cache after the last pass |`,
);
console.log(`|---|---:|${'---:|'.repeat(PASSES)}---:|---|`);
for (const r of runs) {
  console.log(
    `| ${r.label} | ${r.idle.toFixed(0)} MB | ${r.passes.map((p) => `${p.rss.toFixed(0)} MB (${p.seconds.toFixed(0)} s, CPU ${p.cpu.toFixed(0)} s)`).join(' | ')} | ${r.passes.reduce((a, p) => a + p.errors, 0)} | ${r.passes.at(-1)!.cache} |`,
  );
}
const own = runs.at(-1)!;
const rss = own.passes.map((p) => p.rss);
const flat = Math.max(...rss.slice(1)) - rss[0]!;
console.log(
  `\nTarget (issue 16): RSS <= 700 MB after pass 1 and flat: ${Math.max(...rss) <= 700 && flat <= 0.1 * rss[0]! ? 'met' : 'NOT met'} ` +
    `(${rss.map((r) => r.toFixed(0)).join(' / ')} MB; ${flat >= 0 ? '+' : ''}${flat.toFixed(0)} MB after pass 1); load average ${loadavg()[0]!.toFixed(1)}.`,
);
