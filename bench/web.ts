/**
 * Training page benchmark (issue 7): what one redraw costs on the server, the time between a
 * switch and the new letter on the page, less the network. The baseline is the PDF of the same
 * letter and case (renderTemplatePdf: the same layout, written as PDF), so the ratio is what the
 * page's extras (SVG pages, lint, field codes with values) add. Marking what a question adds lays
 * the letter out twice more (J and N). Target: a redraw <= 150 ms median (the page waits 250 ms
 * after a switch before asking, so a redraw feels immediate).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContextText } from '../src/context/context.js';
import { renderTemplatePdf } from '../src/pdf/index.js';
import { TemplateRepository } from '../src/repository/repository.js';
import { preview } from '../src/service/preview.js';
import { measure, measureAsync, table } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const root = join(import.meta.dirname, '..');
const repo = TemplateRepository.open(join(root, 'templates'));
const text = readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8');
const context = JSON.parse(text) as unknown;
const kladde = readFileSync(join(root, 'samples/lint/np_1011-kladde.docx'));
const fatima = JSON.parse(readFileSync(join(root, 'samples/sager/np_1011/fatima-briller.json'), 'utf8')) as unknown;
const compiled = repo.compile('np_1004');
const n = Math.max(30, RUNS / 10);

const pdf = await measureAsync(
  'PDF np_1004 (baseline)',
  async () => (await renderTemplatePdf(compiled.template, parseContextText(text), { title: 'x' })).pdf.length,
  n,
  10,
);
const plain = measure('preview np_1004', () => preview(repo, { template: 'np_1004', context, placeholders: true }, 'da').pages.length, n, 10);
const marked = measure(
  'preview np_1004, marking a question',
  () => preview(repo, { template: 'np_1004', context, highlight: 'flettespoergsmaal-10034', placeholders: true }, 'da').highlighted,
  n,
  10,
);
const draft = measure(
  'preview of a dropped-in draft (np_1011, 540)',
  () => preview(repo, { docx: kladde, name: 'np_1011-kladde.docx', draftOf: 'np_1011', kommune: '540', context: fatima, placeholders: true }, 'da').lint.length,
  n,
  10,
);
const rows = [pdf, plain, marked, draft];
console.log(`Training page: one redraw on the server; node ${process.version}\n`);
console.log(table(rows, rows[0]!).replace('letters/s', 'redraws/s'));
const worst = Math.max(...rows.slice(1).map((r) => r.median));
console.log(`\nTarget: a redraw <= 150 ms median: ${worst <= 150 ? 'met' : 'NOT met'} (slowest ${worst.toFixed(1)} ms).`);
