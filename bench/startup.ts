/**
 * `npm run bench` (or `npx tsx bench/startup.ts`): what starting kp-brev costs. The CPU time
 * (user + sys) of bare node (`node -e 0`) against `kp-brev --version`, `kp-brev --help` and
 * `kp-brev lint` on the sample letter, each run BENCH_STARTUP_RUNS times (default 21), the
 * commands taking turns so that a change in the machine's load falls on all of them alike.
 * Prints the medians, the ratio to bare node and the load average; the target (issue 19) is
 * --version and --help at most 1.5 times bare node.
 *
 * A child's CPU time is read as bash's `times` reports it for the shell's children
 * (getrusage RUSAGE_CHILDREN, to the millisecond); wall time is shown beside it.
 *
 * BENCH_STARTUP_BEFORE=<another checkout, built> measures that checkout's commands in the same
 * turns, for a before/after comparison under the same load.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const RUNS = Math.max(15, Number(process.env['BENCH_STARTUP_RUNS'] ?? 21));
const root = join(import.meta.dirname, '..');
const sample = join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx');

interface Case {
  name: string;
  args: string[];
  /** Exit codes that mean the command did its work (lint exits 1 on findings). */
  ok: number[];
}

function commands(checkout: string, label = ''): Case[] {
  const bin = join(checkout, 'bin/kp-brev.js');
  return [
    { name: `kp-brev --version${label}`, args: [bin, '--version'], ok: [0] },
    { name: `kp-brev --help${label}`, args: [bin, '--help'], ok: [0] },
    { name: `kp-brev lint <sample>${label}`, args: [bin, 'lint', sample], ok: [0, 1] },
  ];
}

const before = process.env['BENCH_STARTUP_BEFORE'];
const cases: Case[] = [{ name: 'node -e 0', args: ['-e', '0'], ok: [0] }, ...commands(root), ...(before ? commands(before, ' (before)') : [])];

/** Runs node with the arguments under bash; its CPU and wall time in ms. */
function run(c: Case): { cpu: number; wall: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$@" >/dev/null 2>&1; code=$?; times; exit $code', 'bench', process.execPath, ...c.args], {
    encoding: 'utf8',
    cwd: root,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!c.ok.includes(r.status ?? -1)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  // `times`: the shell's user and sys on the first line, its children's on the second.
  const children = r.stdout.trim().split('\n').at(-1)!;
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`cannot read the CPU time from "${r.stdout}"`);
  return { cpu: (seconds[0]! + seconds[1]!) * 1000, wall };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const loadBefore = loadavg();
const cpu = new Map(cases.map((c) => [c.name, [] as number[]]));
const wall = new Map(cases.map((c) => [c.name, [] as number[]]));
for (const c of cases) run(c); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const c of cases) {
    const r = run(c);
    cpu.get(c.name)!.push(r.cpu);
    wall.get(c.name)!.push(r.wall);
  }
}
const loadAfter = loadavg();

const bare = median(cpu.get('node -e 0')!);
console.log(
  `\nStart-up, median of ${RUNS} runs each (node ${process.version}, ${cpus().length} cores; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after)`,
);
const width = Math.max(...cases.map((c) => c.name.length));
console.log(`${'command'.padEnd(width)}   CPU ms   × bare node   wall ms`);
for (const c of cases) {
  const m = median(cpu.get(c.name)!);
  console.log(`${c.name.padEnd(width)} ${m.toFixed(0).padStart(8)} ${(m / bare).toFixed(2).padStart(12)}× ${median(wall.get(c.name)!).toFixed(0).padStart(9)}`);
}
const worst = Math.max(median(cpu.get('kp-brev --version')!), median(cpu.get('kp-brev --help')!)) / bare;
console.log(`target: --version and --help ≤ 1.5× bare node: ${worst <= 1.5 ? 'met' : 'NOT met'} (${worst.toFixed(2)}×)`);
