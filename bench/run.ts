/**
 * `npm run bench`: rendering a realistic two-page KP letter (the sample letter: 30+ fields,
 * 8 IF codes, instruction runs split Word-style), beside two baselines measured in the same run:
 * the zip round trip of the same file (pizzip load + generate, no changes) and docxtemplater 3
 * rendering the same letter written with {tags}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { loadTemplate, parseContextText } from '../dist/index.js';
import { TemplateRepository } from '../dist/repository/repository.js';
import { pack } from '../scripts/lib/docx-kit.js';
import { buildLetter, QUESTIONS } from '../scripts/lib/sample-letter.js';
import { measure, table } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const root = join(import.meta.dirname, '..');
const templateBytes = readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx'));
const context = parseContextText(readFileSync(join(root, 'samples/enkeltbrev/karen-jensen.json'), 'utf8'));
const tags = buildLetter('tags');
const tagBytes = await pack(tags.doc, tags.rawXml);

// docxtemplater's data: the same values, already formatted (it has no Word pictures), and the
// conditions as flags.
const f = context.fields as Record<string, Record<string, unknown>>;
const borger = f['Borger'] as Record<string, unknown> & { Adresse: Record<string, string> };
const data: Record<string, unknown> = {
  Borger_Navn: borger['Navn'],
  Borger_Fornavn: borger['Fornavn'],
  Borger_Adresse_CO: borger.Adresse['CO'],
  Borger_Adresse_Vej: borger.Adresse['Vej'],
  Borger_Adresse_Postnr: borger.Adresse['Postnr'],
  Borger_Adresse_By: borger.Adresse['By'],
  Borger_Tillaegsprocent: '85',
  Brev_Dato: '5. januar 2026',
  Sag_Nummer: f['Sag']!['Nummer'],
  Ansoegning_Dato: '10. december 2025',
  Bevilling_Fra: '1. januar 2026',
  Bevilling_Aar: '2026',
  Bevilling_Maksimum: '21.528,00',
  Bevilling_Procent: '85',
  Daekning_Medicin: '85',
  Daekning_Tand: '85',
  Daekning_Fysioterapi: '85',
  Daekning_Psykolog: '85',
  Afsender_Kommune: f['Afsender']!['Kommune'],
  Afsender_Afdeling: f['Afsender']!['Afdeling'],
  Afsender_Kontakt: f['Afsender']!['Kontakt'],
  Klage_Frist: '2. februar 2026',
  Sagsbehandler_Navn: f['Sagsbehandler']!['Navn'],
  harCo: false,
  delvis: true,
  tandproteser: true,
};
for (const key of Object.values(QUESTIONS)) data[key.replace(/-/g, '_')] = context.questions[key] === 'J';

const template = loadTemplate(templateBytes, { name: 'bevilling-helbredstillaegskort.docx' });
const fields = template.fields();
console.log(
  `Letter: ${fields.length} fields (${fields.filter((x) => x.type === 'IF' && x.depth === 0).length} IF codes), ${templateBytes.length} bytes; ${RUNS} runs after warm-up; node ${process.version}\n`,
);

const zipRoundTrip = measure('zip round trip (pizzip)', () => new PizZip(templateBytes).generate({ type: 'nodebuffer', compression: 'DEFLATE' }), RUNS);
const docxtemplater = measure(
  'docxtemplater 3',
  () => {
    const doc = new Docxtemplater(new PizZip(tagBytes), { paragraphLoop: true, linebreaks: true });
    doc.render(data);
    return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  },
  RUNS,
);
const ours = measure('kp-brev render', () => template.render(context), RUNS);
const load = measure('kp-brev loadTemplate (once per version)', () => loadTemplate(templateBytes), Math.max(50, RUNS / 10), 20);

// A composed letter from the repository: master + np_1004 + two content elements + an Html text.
const repo = TemplateRepository.open(join(root, 'templates'));
const composedContext = parseContextText(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8'));
const compiled = repo.compile('np_1004');
const parts = `master ${compiled.def.master} + np_1004 + ${compiled.used.elements.join(' + ')} + ${compiled.used.texts.join(' + ')}`;
const composed = measure('kp-brev render, composed letter', () => compiled.template.render(composedContext), RUNS);
const compose = measure(
  'compose + compile (once per version)',
  () => TemplateRepository.open(join(root, 'templates')).compile('np_1004'),
  Math.max(50, RUNS / 10),
  10,
);

console.log(table([ours, zipRoundTrip, docxtemplater, load, composed, compose], ours));
console.log(`\nComposed letter: ${parts}.`);
console.log(
  `\nkp-brev render: median ${ours.median.toFixed(3)} ms; docxtemplater takes ${(docxtemplater.median / ours.median).toFixed(1)}x as long, ` +
    `the bare zip round trip ${(zipRoundTrip.median / ours.median).toFixed(2)}x as long.`,
);
console.log(
  `Targets: median <= 1.0 ms: ${ours.median <= 1 ? 'met' : 'NOT met'}; >= 4x docxtemplater: ${docxtemplater.median / ours.median >= 4 ? 'met' : 'NOT met'}; composed letter median <= 1.5 ms: ${composed.median <= 1.5 ? 'met' : 'NOT met'} (${composed.median.toFixed(3)} ms).`,
);
