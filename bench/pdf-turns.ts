/**
 * The PDF of np_1004 in this checkout against other checkouts (built), each measured in a
 * process of its own, in turns (alternating which goes first): one process per turn and
 * checkout renders BENCH_PDF_WARMUP letters (1,000: the JIT keeps getting faster for the first
 * 500-750) and then BENCH_RUNS letters, and reports its median and CPU time per letter. Separate
 * processes, because two builds in one process favour whichever was loaded first (by ~20 %).
 *
 *     BENCH_PDF_BASELINE=<checkout>[,<checkout>…] tsx bench/pdf-turns.ts   (BENCH_PDF_TURNS, BENCH_RUNS)
 *
 * Prints each turn, the median over the turns of each checkout's medians, and the median of
 * the per-turn ratios to each baseline (issue 14: <= 2.0 ms; issue 16: <= 0.55x of d8e3047).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, median, runChild, turnOrder } from './turns.js';

const root = join(import.meta.dirname, '..');

if (process.argv[2] === '--child') {
  const dir = process.argv[3]!;
  const imp = async <T>(path: string): Promise<T> => (await import(join(dir, 'dist', path))) as T;
  const { parseContextText } = await imp<{ parseContextText: (text: string) => unknown }>('context/context.js');
  const { renderTemplatePdf } = await imp<{ renderTemplatePdf: (t: unknown, c: unknown) => Promise<unknown> }>('pdf/index.js');
  const { TemplateRepository } = await imp<{ TemplateRepository: { open(dir: string): { compile(id: string): { template: unknown } } } }>(
    'repository/repository.js',
  );
  const template = TemplateRepository.open(join(dir, 'templates')).compile('np_1004').template;
  const context = parseContextText(readFileSync(join(dir, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8'));
  const warmup = Number(process.env['BENCH_PDF_WARMUP'] ?? 1000);
  const runs = Number(process.env['BENCH_RUNS'] ?? 2000);
  for (let i = 0; i < warmup; i++) await renderTemplatePdf(template, context);
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await renderTemplatePdf(template, context);
    times.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median: times[runs >> 1], cpu: (c.user + c.system) / 1000 / runs }));
  process.exit(0);
}

const baselines = (process.env['BENCH_PDF_BASELINE'] ?? '').split(',').filter(Boolean);
const sides = [{ name: 'this checkout', dir: root }, ...baselines.map((dir) => ({ name: dir, dir }))];
const turns = Number(process.env['BENCH_PDF_TURNS'] ?? 10);
const results = new Map(sides.map((s) => [s.name, [] as Array<{ median: number; cpu: number }>]));
console.log(`np_1004 PDF, ${turns} turns, a process per turn and checkout; node ${process.version}; load ${load()} at the start`);
for (let turn = 0; turn < turns; turn++) {
  const line: string[] = [];
  for (const side of turnOrder(sides, turn)) {
    const m = runChild<{ median: number; cpu: number }>(['--child', side.dir]);
    results.get(side.name)!.push(m);
    line.push(`${side.name} ${m.median.toFixed(3)} ms (CPU ${m.cpu.toFixed(3)})`);
  }
  console.log(`  turn ${turn + 1}: ${line.join(', ')}`);
}
const ours = results.get('this checkout')!;
for (const side of sides) {
  const r = results.get(side.name)!;
  const ratio =
    side.dir === root
      ? ''
      : `; this checkout / it: per-turn ratio median ${median(ours.map((o, i) => o.median / r[i]!.median)).toFixed(2)}x, CPU ${(median(ours.map((o) => o.cpu)) / median(r.map((x) => x.cpu))).toFixed(2)}x`;
  console.log(
    `${side.name}: median of medians ${median(r.map((x) => x.median)).toFixed(3)} ms (${Math.min(...r.map((x) => x.median)).toFixed(2)}-${Math.max(...r.map((x) => x.median)).toFixed(2)}), CPU ${median(r.map((x) => x.cpu)).toFixed(3)} ms${ratio}`,
  );
}
console.log(`load ${load()} at the end`);
