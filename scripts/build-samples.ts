/**
 * Builds the sample template repository (templates/) and the sample cases (samples/) from the
 * definitions in scripts/lib. Reproducible: the same script gives the same bytes.
 * Run with `npm run samples`.
 *
 * `npm run samples -- --kommuner 98 [--out DIR] [--force]` builds instead a large repository for
 * benchmarks (issue 16): the central templates and N municipalities that each override 10 of the
 * 13 beskedskabeloner, in DIR (default tmp/repo-N, ignored by git). See scripts/lib/large-repo.ts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { pack } from './lib/docx-kit.js';
import { bodyDocument, masterDocument } from './lib/kp-docx.js';
import { FIELDS, LISTS, PROCESSES, QUESTIONS, TRAINING_MAP } from './lib/kp-catalog.js';
import { CASES } from './lib/kp-cases.js';
import {
  ELEMENTS,
  FLETTETEKSTER,
  LETTERS,
  MASTERS,
  OVERRIDE_540_KONTAKT,
  OVERRIDE_540_NP_1011,
  DRAFT_540_NP_1011,
  TRAINING_NP_1099,
  ATTACHMENTS,
} from './lib/kp-templates.js';
import { renderPdf } from '../src/pdf/index.js';
import { buildLetter } from './lib/sample-letter.js';
import { buildLargeRepository } from './lib/large-repo.js';

const root = join(import.meta.dirname, '..');

const args = parseArgs({ options: { kommuner: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } } }).values;
if (args.kommuner !== undefined) {
  const started = performance.now();
  const repo = await buildLargeRepository({
    kommuner: Number(args.kommuner),
    ...(args.out ? { out: resolve(args.out) } : {}),
    force: args.force ?? false,
    log: (line) => console.log(line),
  });
  console.log(
    `${repo.built ? 'Built' : 'Already built (use --force to rebuild)'}: ${repo.dir}, ${repo.kommuner.length} kommuner, ${repo.files} .docx files` +
      (repo.built ? ` in ${((performance.now() - started) / 1000).toFixed(1)} s` : ''),
  );
  process.exit(0);
}
const T = join(root, 'templates');
const written: string[] = [];

function write(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  written.push(path.slice(root.length + 1));
}

const yaml = (comment: string, data: unknown): string =>
  `${comment
    .trim()
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}\n${stringify(data, { lineWidth: 0 })}`;

rmSync(T, { recursive: true, force: true });
rmSync(join(root, 'samples/sager'), { recursive: true, force: true });

// The single-file example of the README.
{
  const letter = buildLetter('fields');
  write(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx'), await pack(letter.doc, letter.rawXml));
}

// Catalog.
write(
  join(T, 'catalog.yaml'),
  yaml(
    `Katalog over processer, flettefelter, lister og flettespørgsmål (eksempel).
Formatet er en kontrakt: se schemas/catalog.schema.json. Ekstra nøgler er tilladt.
type: tekst | beloeb | dato | procent | cpr. processes: "*" (alle) eller en liste.
lists: lister i sagen (arrays af objekter), som områder (TableStart:<navn> ... TableEnd:<navn>) gentages for.`,
    { processes: PROCESSES, fields: FIELDS, lists: LISTS, questions: QUESTIONS },
  ),
);

// Central templates.
for (const [id, spec] of Object.entries(MASTERS)) {
  const { doc, rawXml } = masterDocument(spec);
  write(join(T, `central/masters/${id}.docx`), await pack(doc, rawXml));
}
for (const [id, el] of Object.entries(ELEMENTS)) {
  const { doc, rawXml } = bodyDocument(el.title, el.blocks);
  write(join(T, `central/indholdselementer/${id}.docx`), await pack(doc, rawXml));
}
for (const letter of LETTERS) {
  const { doc, rawXml } = bodyDocument(letter.title, letter.blocks);
  write(join(T, `central/beskedskabeloner/${letter.id}.docx`), await pack(doc, rawXml));
}
// Standard attachments, as PDF made by kp-brev (exact font subsets: reproducible bytes).
for (const [id, a] of Object.entries(ATTACHMENTS)) {
  const { doc, rawXml } = bodyDocument(a.title, a.blocks);
  const pdf = await renderPdf(await pack(doc, rawXml), { name: `${id}.docx`, title: a.title, fonts: 'exact' });
  write(join(T, `central/bilag/${id}.pdf`), Buffer.from(pdf.pdf));
}
write(
  join(T, 'manifest.yaml'),
  yaml(
    `Centrale brevskabeloner (eksempel på KOMBIT's skabeloner til KP).
Se schemas/manifest.schema.json og README.md, afsnittet "How a system administrator adds a letter".`,
    {
      masters: Object.entries(MASTERS).map(([id, m]) => ({ id, title: m.title, file: `central/masters/${id}.docx`, version: m.version })),
      indholdselementer: Object.entries(ELEMENTS).map(([id, e]) => ({ id, title: e.title, file: `central/indholdselementer/${id}.docx`, version: e.version })),
      flettetekster: FLETTETEKSTER,
      beskedskabeloner: LETTERS.map((l) => ({
        id: l.id,
        file: `central/beskedskabeloner/${l.id}.docx`,
        title: l.title,
        digitalPostTitle: l.digitalPostTitle,
        master: l.master,
        indholdselementer: l.indholdselementer,
        questions: l.questions.map((n) => `flettespoergsmaal-${n}`),
        processes: l.processes,
        ...(l.variants ? { variants: l.variants } : {}),
        group: l.group,
        documentType: l.documentType,
        noAutoSend: l.noAutoSend ?? false,
        attachments: l.attachments ?? [],
        version: l.version,
      })),
    },
  ),
);

// Sønderborg (540): an override of np_1011 made from an older central version, and a current
// override of the contact block.
{
  const np1011 = bodyDocument('Manglerbrev, udvidet helbredstillæg (Sønderborg)', OVERRIDE_540_NP_1011);
  write(join(T, 'kommuner/540/beskedskabeloner/np_1011.docx'), await pack(np1011.doc, np1011.rawXml));
  const kontakt = bodyDocument('Kontaktoplysninger (Sønderborg)', OVERRIDE_540_KONTAKT);
  write(join(T, 'kommuner/540/indholdselementer/kontakt.docx'), await pack(kontakt.doc, kontakt.rawXml));
  write(
    join(T, 'kommuner/540/manifest.yaml'),
    yaml(
      `Sønderborg Kommunes overskrivninger af centrale skabeloner (eksempel).
En overskrivning flytter ansvaret for lovlighed og tilgængelighed fra KOMBIT til kommunen.
basedOn: den centrale skabelon og version overskrivningen er lavet ud fra.`,
      {
        kommune: '540',
        name: 'Sønderborg Kommune',
        overrides: [
          {
            kind: 'beskedskabelon',
            id: 'np_1011',
            basedOn: 'np_1011@2',
            version: 1,
            file: 'beskedskabeloner/np_1011.docx',
            settings: { questions: ['flettespoergsmaal-10023', 'flettespoergsmaal-10024', 'flettespoergsmaal-10025', 'flettespoergsmaal-10026'] },
            note: 'Henviser til Borgerservice; spørgsmålet om recept fra optiker er ikke med.',
          },
          { kind: 'indholdselement', id: 'kontakt', basedOn: 'kontakt@1', version: 2, file: 'indholdselementer/kontakt.docx', note: 'Telefontider' },
        ],
      },
    ),
  );
}

// A draft override with typical mistakes, to show and train the linter (not in the repository).
{
  const draft = bodyDocument('Manglerbrev, udvidet helbredstillæg (Sønderborg, kladde)', DRAFT_540_NP_1011);
  write(join(root, 'samples/lint/np_1011-kladde.docx'), await pack(draft.doc, draft.rawXml));
}

// A letter made in the training environment (training question keys), for `remap-keys`.
{
  const letter = bodyDocument('Orientering om ny sagsbehandlingstid (træning)', TRAINING_NP_1099);
  write(join(root, 'samples/traening/np_1099-traening.docx'), await pack(letter.doc, letter.rawXml));
}

write(join(T, 'noegler/traening-til-produktion.json'), JSON.stringify(TRAINING_MAP, null, 2) + '\n');

// Sample cases.
for (const c of CASES) write(join(root, `samples/sager/${c.letter}/${c.name}.json`), JSON.stringify(c.context, null, 2) + '\n');

// Cases that are refused, for the README's examples of a refusal (samples/fejl/, kept out of
// samples/enkeltbrev/ and samples/sager/, whose cases must all make a letter): the sample
// letter's and np_1004's Karen without the complaint deadline (Klage.Frist); and a batch of two
// cases for np_1004, the second of them refused.
const withoutKlage = (context: unknown): Record<string, unknown> => {
  const copy = structuredClone(context) as { fields: Record<string, unknown> };
  delete copy.fields['Klage'];
  return copy;
};
const karenEnkeltbrev: unknown = JSON.parse(readFileSync(join(root, 'samples/enkeltbrev/karen-jensen.json'), 'utf8'));
write(join(root, 'samples/fejl/karen-jensen-uden-klagefrist.json'), JSON.stringify(withoutKlage(karenEnkeltbrev), null, 2) + '\n');
const karen1004 = CASES.find((c) => c.letter === 'np_1004' && c.name === 'karen-85-procent')!.context;
write(join(root, 'samples/fejl/karen-85-procent-uden-klagefrist.json'), JSON.stringify(withoutKlage(karen1004), null, 2) + '\n');
write(
  join(root, 'samples/batch/sager.ndjson'),
  [
    { id: 'sag-1', ...karen1004 },
    { id: 'sag-2', ...withoutKlage(karen1004) },
  ]
    .map((c) => JSON.stringify(c))
    .join('\n') + '\n',
);

console.log(`${written.length} files written:\n  ${written.join('\n  ')}`);
