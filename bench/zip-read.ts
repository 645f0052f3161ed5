/**
 * readZip over every .docx of a repository (default tmp/repo-98, 1,000 files; build it with
 * bench/repo-scale.ts), as `kp-brev lint` reads them: one SharedParts for the whole pass, so
 * the parts the templates share are inflated once. The files are read first; a pass is timed
 * in CPU (process.cpuUsage). This checkout against other checkouts (built: dist/), each in a
 * process of its own per turn, in turns (alternating which goes first).
 *
 *     BENCH_ZIP_BASELINE=<checkout>[,<checkout>…] tsx bench/zip-read.ts   (BENCH_ZIP_DIR, BENCH_ZIP_TURNS, BENCH_ZIP_WARMUP, BENCH_ZIP_PASSES)
 *
 * Each process makes BENCH_ZIP_WARMUP (2) passes of warm-up, then BENCH_ZIP_PASSES (10) timed
 * passes, each with a fresh SharedParts, and reports the median pass. BENCH_ZIP_WARMUP=0
 * BENCH_ZIP_PASSES=1 times the first pass of a fresh process, as `kp-brev lint` makes it. Prints each turn, the median over the turns
 * and the median of the per-turn ratios to each baseline.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load, median, runChild, turnOrder } from './turns.js';

const root = join(import.meta.dirname, '..');
const repo = process.env['BENCH_ZIP_DIR'] ?? join(root, 'tmp/repo-98');

function docxFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const path = join(dir, f);
      if (statSync(path).isDirectory()) return docxFiles(path);
      return f.endsWith('.docx') ? [path] : [];
    });
}

interface Pass {
  /** Median CPU ms of a pass over all files. */
  cpu: number;
  files: number;
  entries: number;
}

if (process.argv[2] === '--child') {
  const dir = process.argv[3]!;
  const { readZip } = (await import(join(dir, 'dist/ooxml/zip.js'))) as { readZip: (b: Uint8Array, l?: unknown, s?: unknown) => { order: readonly string[] } };
  const { SharedParts } = (await import(join(dir, 'dist/ooxml/shared-parts.js'))) as { SharedParts: new () => unknown };
  const files = docxFiles(repo).map((f) => readFileSync(f));
  const pass = (): number => {
    const shared = new SharedParts();
    let entries = 0;
    for (const bytes of files) entries += readZip(bytes, undefined, shared).order.length;
    return entries;
  };
  for (let i = 0; i < Number(process.env['BENCH_ZIP_WARMUP'] ?? 2); i++) pass();
  const passes = Number(process.env['BENCH_ZIP_PASSES'] ?? 10);
  const cpu: number[] = [];
  let entries = 0;
  for (let i = 0; i < passes; i++) {
    const c0 = process.cpuUsage();
    entries = pass();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(JSON.stringify({ cpu: median(cpu), files: files.length, entries } satisfies Pass));
  process.exit(0);
}

const baselines = (process.env['BENCH_ZIP_BASELINE'] ?? '').split(',').filter(Boolean);
const sides = [{ name: 'this checkout', dir: root }, ...baselines.map((dir) => ({ name: dir, dir }))];
const turns = Number(process.env['BENCH_ZIP_TURNS'] ?? 7);
const results = new Map(sides.map((s) => [s.name, [] as Pass[]]));
console.log(`readZip over ${repo}, ${turns} turns, a process per turn and checkout; node ${process.version}; load ${load()} at the start`);
for (let turn = 0; turn < turns; turn++) {
  const line: string[] = [];
  for (const side of turnOrder(sides, turn)) {
    const m = runChild<Pass>(['--child', side.dir]);
    results.get(side.name)!.push(m);
    line.push(`${side.name} ${m.cpu.toFixed(1)} ms CPU (${m.files} files, ${m.entries} entries)`);
  }
  console.log(`  turn ${turn + 1}: ${line.join(', ')}`);
}
const ours = results.get('this checkout')!;
for (const side of sides) {
  const r = results.get(side.name)!;
  const ratio = side.dir === root ? '' : `; this checkout / it: per-turn ratio median ${median(ours.map((o, i) => o.cpu / r[i]!.cpu)).toFixed(2)}x`;
  console.log(
    `${side.name}: median ${median(r.map((x) => x.cpu)).toFixed(1)} ms CPU per pass (${Math.min(...r.map((x) => x.cpu)).toFixed(1)}-${Math.max(...r.map((x) => x.cpu)).toFixed(1)})${ratio}`,
  );
}
console.log(`load ${load()} at the end`);
