/**
 * `npm run bench` (lists): a letter whose beregningstabel repeats a row per expense (np_1017:
 * master + message + two content elements, a region over Udgifter with a total row of
 * `{ = SUM(ABOVE) }`), at 10, 100 and 1,000 rows, as .docx and as PDF. Cost should grow linearly:
 * 1,000 rows at most 12x the cost of 100 rows; a 100-row .docx at most 2 ms median.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContextText, toContext } from '../dist/index.js';
import { renderTemplatePdf } from '../dist/pdf/index.js';
import { TemplateRepository } from '../dist/repository/repository.js';
import { measure, measureAsync, table, type Stats } from './stats.js';

const root = join(import.meta.dirname, '..');
const repo = TemplateRepository.open(join(root, 'templates'));
const compiled = repo.compile('np_1017');
const base = parseContextText(readFileSync(join(root, 'samples/sager/np_1017/fatima-briller-tre-udgifter.json'), 'utf8'));

function caseWith(rows: number): ReturnType<typeof toContext> {
  const udgifter = Array.from({ length: rows }, (_, i) => ({
    Beskrivelse: `Brilleglas nr. ${i + 1}`,
    Overslag: 1000 + i,
    Prisaftale: i % 3 === 0 ? null : 900 + i,
    Tilskud: 558 + i,
    Egenbetaling: 442,
  }));
  return toContext({ ...base, fields: { ...base.fields, Udgifter: udgifter, Tilskud: { Beloeb: udgifter.reduce((s, u) => s + u.Tilskud, 0) } } });
}

// The letter without lists, as bench/run.ts measures it: the figure lists must not change.
const plain = repo.compile('np_1004');
const plainCase = parseContextText(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8'));

const SIZES = [10, 100, 1000];
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
for (const rows of SIZES) {
  const ctx = caseWith(rows);
  const runs = Math.max(10, Math.round(RUNS / (rows >= 1000 ? 100 : rows >= 100 ? 20 : 5)));
  pdf.set(rows, await measureAsync(`PDF, ${rows} rows`, () => renderTemplatePdf(compiled.template, ctx), runs, Math.min(10, runs)));
}

console.log(`\nList letter np_1017 (${compiled.def.master} + np_1017 + ${compiled.used.elements.join(' + ')}), a row per expense; node ${process.version}\n`);
console.log(table([baseline, ...docx.values(), ...pdf.values()], baseline));
const ratio = (m: Map<number, Stats>): number => m.get(1000)!.median / m.get(100)!.median;
console.log(`\n.docx: median ${SIZES.map((n) => `${n} rows ${docx.get(n)!.median.toFixed(3)} ms`).join(', ')}; 1000/100 = ${ratio(docx).toFixed(1)}x`);
console.log(`PDF:   median ${SIZES.map((n) => `${n} rows ${pdf.get(n)!.median.toFixed(2)} ms`).join(', ')}; 1000/100 = ${ratio(pdf).toFixed(1)}x`);
console.log(
  `Targets: 1000 rows <= 12x 100 rows: .docx ${ratio(docx) <= 12 ? 'met' : 'NOT met'}, PDF ${ratio(pdf) <= 12 ? 'met' : 'NOT met'}; ` +
    `100-row .docx median <= 2 ms: ${docx.get(100)!.median <= 2 ? 'met' : 'NOT met'} (${docx.get(100)!.median.toFixed(3)} ms).`,
);
