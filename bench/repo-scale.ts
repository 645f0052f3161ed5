/**
 * A repository the size KP really has (issue 16): 98 municipalities each overriding 10 of the
 * 15 letters (scripts/lib/large-repo.ts, built into tmp/repo-98 on first use).
 *
 * - `kp-brev lint tmp/repo-98 --format json` as its own process: CPU seconds (user + system, all
 *   threads) and wall time, this build and (with BENCH_BASE, another checkout, built) the
 *   baseline in turns (BENCH_ROUNDS, 7), and whether their reports are the same byte for byte;
 * - `kp-brev templates --templates tmp/repo-98`: the whole command as its own process (wall
 *   and CPU time, start-up included), and opening the repository alone in this process;
 * - opening the repository and checking it for changes (the server's fingerprint) with 1x and
 *   2x the municipalities: time per file, which must stay the same (linear).
 *
 * Targets: lint <= 4 s CPU; `kp-brev templates` <= 1 s.
 *
 *     npm run bench      (or: tsx bench/repo-scale.ts; BENCH_BASE, BENCH_KOMMUNER, BENCH_ROUNDS)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildLargeRepository } from '../scripts/lib/large-repo.js';
import { load, median, turnOrder } from './turns.js';

const KOMMUNER = Number(process.env['BENCH_KOMMUNER'] ?? 98);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const root = join(import.meta.dirname, '..');
const base = process.env['BENCH_BASE'];

const repo = await buildLargeRepository({ kommuner: KOMMUNER, log: (l) => console.log(l) });
const tmp = mkdtempSync(join(tmpdir(), 'kp-brev-repo-scale-'));

/** `kp-brev lint <repo> --format json` of a checkout as its own process: its CPU time (all
 * threads, bench/cpu-at-exit.mjs) and wall time, and its report. */
function lintProcess(checkout: string): { cpu: number; wall: number; out: string } {
  const cpuFile = join(tmp, `cpu-${process.pid}.json`);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(root, 'bench/cpu-at-exit.mjs')).href, join(checkout, 'bin/kp-brev.js'), 'lint', repo.dir, '--format', 'json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, BENCH_CPU_FILE: cpuFile },
    },
  );
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`kp-brev lint in ${checkout} failed (${r.status}): ${r.stderr}`);
  const { user, system } = JSON.parse(readFileSync(cpuFile, 'utf8')) as { user: number; system: number };
  return { cpu: user + system, wall, out: r.stdout };
}

const loadAtStart = load();
console.log(`node ${process.version}; ${repo.dir}: ${repo.kommuner.length} kommuner, ${repo.files} .docx files; load average ${loadAtStart}\n`);

// 1. Lint, as its own process (what the user runs: start-up and V8's warm-up included), this
// build and the baseline in turns.
const builds: Array<{ label: string; dir: string; cpu: number[]; wall: number[]; out?: string }> = [{ label: 'this build', dir: root, cpu: [], wall: [] }];
if (base && existsSync(join(base, 'dist/cli/lint.js'))) builds.push({ label: `baseline (${base})`, dir: base, cpu: [], wall: [] });
for (let r = 0; r < ROUNDS; r++) {
  for (const b of turnOrder(builds, r)) {
    const m = lintProcess(b.dir);
    b.cpu.push(m.cpu);
    b.wall.push(m.wall);
    b.out ??= m.out;
  }
}
console.log(`\`kp-brev lint ${repo.dir} --format json\` as its own process, ${ROUNDS} turns:\n`);
console.log('| build | CPU s (median) | CPU s (min-max) | wall s (median) | report bytes |');
console.log('|---|---:|---:|---:|---:|');
for (const b of builds)
  console.log(
    `| ${b.label} | ${median(b.cpu).toFixed(2)} | ${Math.min(...b.cpu).toFixed(2)}-${Math.max(...b.cpu).toFixed(2)} | ${median(b.wall).toFixed(2)} | ${b.out!.length} |`,
  );
if (builds.length === 2) {
  console.log(
    `\nRatio this build / baseline: ${(median(builds[0]!.cpu) / median(builds[1]!.cpu)).toFixed(2)}x CPU (medians; per-turn ratios' median ${median(builds[0]!.cpu.map((c, i) => c / builds[1]!.cpu[i]!)).toFixed(2)}x); the reports are ${builds[0]!.out === builds[1]!.out ? 'the same byte for byte' : 'DIFFERENT'}.`,
  );
}

// 2. `kp-brev templates`, as a process and in this process.
const proc: Array<{ wall: number }> = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), 'templates', '--templates', repo.dir], { stdio: 'ignore' });
  proc.push({ wall: (performance.now() - t0) / 1000 });
}
const version: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), '--version'], { stdio: 'ignore' });
  version.push((performance.now() - t0) / 1000);
}
const { TemplateRepository } = await import('../src/repository/repository.js');
const { RepositoryHolder } = await import('../src/service/repository-holder.js');
const opens: number[] = [];
for (let i = 0; i < 5; i++) {
  const c0 = process.cpuUsage();
  TemplateRepository.open(repo.dir).list();
  const c = process.cpuUsage(c0);
  opens.push((c.user + c.system) / 1e6);
}
console.log(
  `\n\`kp-brev templates --templates ${repo.dir}\` as its own process: median ${median(proc.map((p) => p.wall)).toFixed(2)} s wall (\`kp-brev --version\`, start-up alone: ${median(version).toFixed(2)} s); opening the repository and listing it in this process: ${median(opens).toFixed(3)} s CPU.`,
);

// 3. Linear: open + fingerprint with half and all of the municipalities.
if (KOMMUNER >= 4) {
  const half = await buildLargeRepository({ kommuner: Math.floor(KOMMUNER / 2) });
  const perFile = (dir: string, files: number): number => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      new RepositoryHolder(dir, 0).get();
      const c = process.cpuUsage(c0);
      times.push((c.user + c.system) / 1e3 / files);
    }
    return median(times);
  };
  const a = perFile(half.dir, half.files);
  const b = perFile(repo.dir, repo.files);
  console.log(
    `Opening and checking for changes, per file: ${a.toFixed(3)} ms with ${half.kommuner.length} kommuner, ${b.toFixed(3)} ms with ${repo.kommuner.length} (${(b / a).toFixed(2)}x: linear when about 1).`,
  );
}
rmSync(tmp, { recursive: true, force: true });
const lintCpu = median(builds[0]!.cpu);
console.log(
  `\nTargets (issue 16): lint <= 4 s CPU as a process: ${lintCpu <= 4 ? 'met' : 'NOT met'} (median ${lintCpu.toFixed(2)} s); \`kp-brev templates\` <= 1 s: ${median(proc.map((p) => p.wall)) <= 1 ? 'met' : 'NOT met'}; load average ${loadAtStart} at start, ${load()} at end.`,
);
