/**
 * The PDF path against a baseline build, in one process (issue 16 / issue 14): np_1004 with
 * its sample case made by this build and by another checkout's build (BENCH_BASE, e.g. main
 * before issue 16: `git worktree add /tmp/base16 1c96c35 && (cd /tmp/base16 && npm ci)`),
 * alternately in rounds of 20 letters, so that both see the same machine; medians of wall and
 * CPU time per letter, the ratio, and the load average. Also the .docx render of the sample
 * letter (bevilling-helbredstillaegskort, the single-file example), which must not get slower.
 *
 *     BENCH_BASE=/tmp/base16 npm run bench     (or: tsx bench/pdf-baseline.ts)
 *
 * Without BENCH_BASE it says so and measures this build alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 40);
const PER_ROUND = 20;
const root = join(import.meta.dirname, '..');
const base = process.env['BENCH_BASE'];

interface Build {
  label: string;
  pdf: () => Promise<unknown>;
  samplePdf: () => Promise<unknown>;
  docx: () => unknown;
}

async function load(label: string, checkout: string): Promise<Build> {
  const mod = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(checkout, 'dist', path)).href)) as T;
  const { parseContextText } = await mod<typeof import('../src/context/context.js')>('context/context.js');
  const { renderTemplatePdf } = await mod<typeof import('../src/pdf/index.js')>('pdf/index.js');
  const { TemplateRepository } = await mod<typeof import('../src/repository/repository.js')>('repository/repository.js');
  const { loadTemplate } = await mod<typeof import('../src/template/template.js')>('template/template.js');
  // The same templates and cases for both: this checkout's.
  const repo = TemplateRepository.open(join(root, 'templates'));
  const compiled = repo.compile('np_1004');
  const context = parseContextText(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8'));
  const single = loadTemplate(readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx')));
  const singleCase = parseContextText(readFileSync(join(root, 'samples/enkeltbrev/karen-jensen.json'), 'utf8'));
  return {
    label,
    pdf: () => renderTemplatePdf(compiled.template, context),
    samplePdf: () => renderTemplatePdf(single, singleCase),
    docx: () => single.render(singleCase),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeRound(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await fn();
  const wall = (performance.now() - t0) / PER_ROUND;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 / PER_ROUND };
}

const builds: Build[] = [await load('this build', root)];
if (base && existsSync(join(base, 'dist/pdf/index.js'))) builds.push(await load(`baseline (${base})`, base));
else console.log('BENCH_BASE is not set (or not built): this build alone.\n');

const load0 = loadavg()[0]!;
type Times = Array<{ wall: number; cpu: number }>;
const results = new Map<string, { pdf: Times; samplePdf: Times; docx: Times }>();
for (const b of builds) results.set(b.label, { pdf: [], samplePdf: [], docx: [] });
// Warm-up: every path compiled by V8, fonts prepared.
for (const b of builds)
  for (let i = 0; i < 100; i++) {
    await b.pdf();
    await b.samplePdf();
    b.docx();
  }
for (let r = 0; r < ROUNDS; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    const res = results.get(b.label)!;
    res.pdf.push(await timeRound(b.pdf));
    res.samplePdf.push(await timeRound(b.samplePdf));
    res.docx.push(await timeRound(b.docx));
  }
}

console.log(
  `PDF np_1004 and the sample letter's .docx, ${ROUNDS} alternating rounds of ${PER_ROUND} letters per build; node ${process.version}; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}\n`,
);
console.log('| build | PDF np_1004 median ms (wall) | CPU ms | PDF sample letter ms (wall) | CPU ms | .docx sample letter ms (wall) | CPU ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const row = (label: string): { pdf: number; pdfCpu: number; sample: number; sampleCpu: number; docx: number; docxCpu: number } => {
  const r = results.get(label)!;
  const m = (xs: Times, k: 'wall' | 'cpu'): number => median(xs.map((x) => x[k]));
  return {
    pdf: m(r.pdf, 'wall'),
    pdfCpu: m(r.pdf, 'cpu'),
    sample: m(r.samplePdf, 'wall'),
    sampleCpu: m(r.samplePdf, 'cpu'),
    docx: m(r.docx, 'wall'),
    docxCpu: m(r.docx, 'cpu'),
  };
};
for (const b of builds) {
  const m = row(b.label);
  console.log(
    `| ${b.label} | ${m.pdf.toFixed(2)} | ${m.pdfCpu.toFixed(2)} | ${m.sample.toFixed(2)} | ${m.sampleCpu.toFixed(2)} | ${m.docx.toFixed(3)} | ${m.docxCpu.toFixed(3)} |`,
  );
}
if (builds.length === 2) {
  const a = results.get(builds[0]!.label)!;
  const z = results.get(builds[1]!.label)!;
  // Ratios round by round (the machine's speed drifts), then their median.
  const ratio = (xs: Array<{ wall: number; cpu: number }>, ys: Array<{ wall: number; cpu: number }>, k: 'wall' | 'cpu'): number =>
    median(xs.map((x, i) => x[k] / ys[i]![k]));
  const pdfWall = ratio(a.pdf, z.pdf, 'wall');
  const pdfCpu = ratio(a.pdf, z.pdf, 'cpu');
  const docxWall = ratio(a.docx, z.docx, 'wall');
  const sampleWall = ratio(a.samplePdf, z.samplePdf, 'wall');
  console.log(
    `\nRatios this build / baseline (median of the rounds' ratios): PDF np_1004 ${pdfWall.toFixed(2)}x wall, ${pdfCpu.toFixed(2)}x CPU; PDF sample letter ${sampleWall.toFixed(2)}x wall; .docx ${docxWall.toFixed(2)}x wall.`,
  );
  console.log(
    `Targets (issue 16): PDF <= 0.55x the baseline: ${pdfWall <= 0.55 ? 'met' : 'NOT met'}; the .docx render not slower: ${docxWall <= 1.05 ? 'met' : 'NOT met'}; ` +
      `(issue 14) PDF median <= 2.0 ms: ${row(builds[0]!.label).pdf <= 2 ? 'met' : 'NOT met'} (np_1004 ${row(builds[0]!.label).pdf.toFixed(2)} ms, the sample letter ${row(builds[0]!.label).sample.toFixed(2)} ms, at load average ${load0.toFixed(1)}).`,
  );
}
