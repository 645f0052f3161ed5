/**
 * `npm run bench` (lists): a letter whose beregningstabel repeats a row per expense (np_1017:
 * master + message + two content elements, a region over Udgifter with a total row of
 * `{ = SUM(ABOVE) }`), at 10, 100 and 1,000 rows, as .docx and as PDF. Cost should grow linearly:
 * 1,000 rows at most 12x the cost of 100 rows; a 100-row .docx at most 2 ms median.
 *
 *     tsx bench/lists.ts   (BENCH_RUNS; BENCH_LISTS_PDF=0 leaves the PDF rows out)
 *
 * BENCH_LISTS_BASELINE=<checkout> (another checkout, built) then renders the same .docx letters
 * with that checkout and this one in turns (blocks of letters, alternating which goes first),
 * in this process: medians, CPU per letter and the 1000/100 ratio of each, for a before/after
 * in one run.
 *
 * BENCH_LISTS_CPU=<turns> (with or without BENCH_LISTS_BASELINE) measures CPU time instead, which
 * a busy machine disturbs less than wall time: per turn, each size and checkout in a process of
 * its own (alternating which checkout goes first) renders the .docx letter in a loop after a
 * warm-up and reports its CPU time per letter (user + system, process.cpuUsage); the medians
 * over the turns and the 1000/100 ratio of each checkout are printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContextText, toContext } from '../dist/index.js';
import { renderTemplatePdf } from '../dist/pdf/index.js';
import { TemplateRepository } from '../dist/repository/repository.js';
import { measure, measureAsync, table, type Stats } from './stats.js';
import { load, median, runChild, turnOrder } from './turns.js';

const root = join(import.meta.dirname, '..');
const SIZES = [10, 100, 1000];

/** Letters per CPU-time process, by rows: about the same CPU time for each size. */
const CPU_LETTERS: Record<number, number> = { 10: 4000, 100: 2000, 1000: 200 };

// A child of BENCH_LISTS_CPU: `lists.ts --cpu-child <checkout> <rows>` prints its CPU ms per letter.
if (process.argv[2] === '--cpu-child') {
  const [dir, rowsText] = process.argv.slice(3) as [string, string];
  const rows = Number(rowsText);
  const imp = async <T>(path: string): Promise<T> => (await import(join(dir, 'dist', path))) as T;
  const lib = {
    ...(await imp<{ TemplateRepository: typeof TemplateRepository }>('repository/repository.js')),
    ...(await imp<{ parseContextText: typeof parseContextText; toContext: typeof toContext }>('index.js')),
  };
  const t = lib.TemplateRepository.open(join(dir, 'templates')).compile('np_1017').template;
  const ctx = caseWith(rows, lib);
  const n = CPU_LETTERS[rows] ?? 200;
  for (let i = 0; i < Math.max(20, n / 10); i++) t.render(ctx);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) t.render(ctx);
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ cpuMs: (c.user + c.system) / 1000 / n }));
  process.exit(0);
}

if (process.env['BENCH_LISTS_CPU']) {
  const turns = Number(process.env['BENCH_LISTS_CPU']);
  const sides = [{ name: 'this checkout', dir: root }];
  if (process.env['BENCH_LISTS_BASELINE']) sides.push({ name: `baseline ${process.env['BENCH_LISTS_BASELINE']}`, dir: process.env['BENCH_LISTS_BASELINE'] });
  const cpu = new Map(sides.map((s) => [s.name, new Map(SIZES.map((n) => [n, [] as number[]]))]));
  console.log(`CPU time per .docx letter, ${turns} turns, a process per turn, size and checkout; node ${process.version}; load ${load()} at the start`);
  for (let turn = 0; turn < turns; turn++)
    for (const rows of SIZES)
      for (const side of turnOrder(sides, turn))
        cpu
          .get(side.name)!
          .get(rows)!
          .push(runChild<{ cpuMs: number }>(['--cpu-child', side.dir, String(rows)]).cpuMs);
  for (const side of sides) {
    const m = (n: number): number => median(cpu.get(side.name)!.get(n)!);
    const range = (n: number): string => `${Math.min(...cpu.get(side.name)!.get(n)!).toFixed(2)}-${Math.max(...cpu.get(side.name)!.get(n)!).toFixed(2)}`;
    console.log(
      `  ${side.name}: ${SIZES.map((n) => `${n} rows ${m(n).toFixed(3)} ms (${range(n)})`).join(', ')}; 1000/100 = ${(m(1000) / m(100)).toFixed(1)}x` +
        `, 100-row .docx <= 2 ms: ${m(100) <= 2 ? 'met' : 'NOT met'}, 1000/100 <= 12x: ${m(1000) / m(100) <= 12 ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`load ${load()} at the end`);
  process.exit(0);
}
const repo = TemplateRepository.open(join(root, 'templates'));
const compiled = repo.compile('np_1017');

function caseWith(
  rows: number,
  lib: { parseContextText: typeof parseContextText; toContext: typeof toContext } = { parseContextText, toContext },
): ReturnType<typeof toContext> {
  const base = lib.parseContextText(readFileSync(join(root, 'samples/sager/np_1017/fatima-briller-tre-udgifter.json'), 'utf8'));
  const udgifter = Array.from({ length: rows }, (_, i) => ({
    Beskrivelse: `Brilleglas nr. ${i + 1}`,
    Overslag: 1000 + i,
    Prisaftale: i % 3 === 0 ? null : 900 + i,
    Tilskud: 558 + i,
    Egenbetaling: 442,
  }));
  return lib.toContext({ ...base, fields: { ...base.fields, Udgifter: udgifter, Tilskud: { Beloeb: udgifter.reduce((s, u) => s + u.Tilskud, 0) } } });
}

// The letter without lists, as bench/run.ts measures it: the figure lists must not change.
const plain = repo.compile('np_1004');
const plainCase = parseContextText(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8'));

const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const baseline = measure('.docx, np_1004 without lists (baseline)', () => plain.template.render(plainCase), RUNS);
const docx = new Map<number, Stats>();
const pdf = new Map<number, Stats>();
for (const rows of SIZES) {
  const ctx = caseWith(rows);
  const runs = Math.max(20, Math.round(RUNS / (rows >= 1000 ? 20 : rows >= 100 ? 4 : 1)));
  docx.set(
    rows,
    measure(`.docx, ${rows} rows`, () => compiled.template.render(ctx), runs, Math.min(50, runs)),
  );
}
for (const rows of process.env['BENCH_LISTS_PDF'] === '0' ? [] : SIZES) {
  const ctx = caseWith(rows);
  const runs = Math.max(10, Math.round(RUNS / (rows >= 1000 ? 100 : rows >= 100 ? 20 : 5)));
  pdf.set(rows, await measureAsync(`PDF, ${rows} rows`, () => renderTemplatePdf(compiled.template, ctx), runs, Math.min(10, runs)));
}

console.log(`\nList letter np_1017 (${compiled.def.master} + np_1017 + ${compiled.used.elements.join(' + ')}), a row per expense; node ${process.version}\n`);
console.log(table([baseline, ...docx.values(), ...pdf.values()], baseline));
const ratio = (m: Map<number, Stats>): number => m.get(1000)!.median / m.get(100)!.median;
console.log(`\n.docx: median ${SIZES.map((n) => `${n} rows ${docx.get(n)!.median.toFixed(3)} ms`).join(', ')}; 1000/100 = ${ratio(docx).toFixed(1)}x`);
if (pdf.size)
  console.log(`PDF:   median ${SIZES.map((n) => `${n} rows ${pdf.get(n)!.median.toFixed(2)} ms`).join(', ')}; 1000/100 = ${ratio(pdf).toFixed(1)}x`);
console.log(
  `Targets: 1000 rows <= 12x 100 rows: .docx ${ratio(docx) <= 12 ? 'met' : 'NOT met'}` +
    (pdf.size ? `, PDF ${ratio(pdf) <= 12 ? 'met' : 'NOT met'}` : '') +
    `; 100-row .docx median <= 2 ms: ${docx.get(100)!.median <= 2 ? 'met' : 'NOT met'} (${docx.get(100)!.median.toFixed(3)} ms).`,
);

// Another checkout's .docx letters, in turns with this one's (both as built, from dist/).
const baselineDir = process.env['BENCH_LISTS_BASELINE'];
if (baselineDir) {
  const load = async (
    dir: string,
    name: string,
  ): Promise<{ name: string; render: Map<number, () => unknown>; times: Map<number, number[]>; cpu: Map<number, number> }> => {
    const imp = async <T>(path: string): Promise<T> => (await import(join(dir, 'dist', path))) as T;
    const lib = {
      ...(await imp<{ TemplateRepository: typeof TemplateRepository }>('repository/repository.js')),
      ...(await imp<{ parseContextText: typeof parseContextText; toContext: typeof toContext }>('index.js')),
    };
    const t = lib.TemplateRepository.open(join(dir, 'templates')).compile('np_1017').template;
    const render = new Map<number, () => unknown>();
    for (const rows of SIZES) {
      // The case as that checkout reads it (the same JSON).
      const ctx = caseWith(rows, lib);
      render.set(rows, () => t.render(ctx));
    }
    return { name, render, times: new Map(SIZES.map((n) => [n, []])), cpu: new Map(SIZES.map((n) => [n, 0])) };
  };
  const sides = [await load(root, 'this checkout'), await load(baselineDir, `baseline ${baselineDir}`)];
  const rounds = Number(process.env['BENCH_LISTS_ROUNDS'] ?? 20);
  const block = (rows: number): number => Math.max(5, Math.round(RUNS / 10 / (rows >= 1000 ? 20 : rows >= 100 ? 4 : 1)));
  for (const side of sides) for (const rows of SIZES) for (let i = 0; i < 3 * block(rows); i++) side.render.get(rows)!();
  for (let round = 0; round < rounds; round++)
    for (const rows of SIZES)
      for (const side of round % 2 ? [...sides].reverse() : sides) {
        const run = side.render.get(rows)!;
        const times = side.times.get(rows)!;
        const c0 = process.cpuUsage();
        for (let i = 0; i < block(rows); i++) {
          const t0 = process.hrtime.bigint();
          run();
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        const c = process.cpuUsage(c0);
        side.cpu.set(rows, side.cpu.get(rows)! + (c.user + c.system) / 1000);
      }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(`\n.docx in turns (${rounds} rounds, blocks of ${SIZES.map(block).join(' / ')} letters):`);
  for (const side of sides) {
    const m = (n: number): number => median(side.times.get(n)!);
    const cpu = (n: number): number => side.cpu.get(n)! / side.times.get(n)!.length;
    console.log(
      `  ${side.name}: median ${SIZES.map((n) => `${n} rows ${m(n).toFixed(3)} ms`).join(', ')}; 1000/100 = ${(m(1000) / m(100)).toFixed(1)}x; ` +
        `CPU ${SIZES.map((n) => `${cpu(n).toFixed(3)}`).join(' / ')} ms, 1000/100 = ${(cpu(1000) / cpu(100)).toFixed(1)}x`,
    );
  }
}
