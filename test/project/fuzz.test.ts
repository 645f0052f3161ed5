/**
 * The fuzz suite (issue 17): generated field instructions and case contexts, and structurally
 * mutated sample templates, through every way in — load, render (.docx, strict and preview),
 * PDF and lint. For every input:
 *
 * - nothing is thrown but a KpBrevError (a crash, a stack overflow or a library's own Error is
 *   a defect: the CLI would print "Intern fejl", the server answer 500);
 * - every letter is a zip whose every part inflates to its CRC and whose XML parses without a
 *   DOCTYPE (test/helpers/zipcheck.ts, which does not use kp-brev's reader), and kp-brev reads
 *   it back;
 * - a letter holds no live field but PAGE, NUMPAGES, SECTIONPAGES and a web or mail HYPERLINK
 *   (issue 17 item 3), and outside preview no placeholder;
 * - every PDF parses (pdf-lib) and has the pages it says.
 *
 * Each property runs twice: with a fixed seed (the same cases every run) and with a random one.
 * fast-check prints the seed and the shrunk case of a failure; rerun it with
 * KP_BREV_FUZZ_SEED=<seed>. A case that runs away is caught by the test's time-out (a hang
 * guard, not a speed check: speed is measured in `npm run bench`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate, renderTemplatePdf } from '../../src/index.js';
import { toContext, type CaseContext } from '../../src/context/context.js';
import { lintDocx, defaultSettings } from '../../src/lint/engine.js';
import { readZip } from '../../src/ooxml/zip.js';
import { writeZip, type ZipOutput } from '../../src/ooxml/zip-write.js';
import { buildDocx } from '../../src/authoring/package.js';
import { paragraphXml, type FieldSpec, type InstrPart } from '../../src/authoring/fields.js';
import { zipProblems } from '../helpers/zipcheck.js';

const root = join(import.meta.dirname, '../..');
const FIXED_SEED = 20_261_204;
const envSeed = process.env['KP_BREV_FUZZ_SEED'];
const RANDOM_SEED = envSeed !== undefined ? Number(envSeed) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
console.log(`fuzz seeds: fixed ${FIXED_SEED}, random ${RANDOM_SEED} (KP_BREV_FUZZ_SEED=<seed> repeats one)`);

/**
 * The field types a letter may keep live (docs/word-fields.md): the page fields, a link, and an
 * IF or formula over page fields (`{ IF { PAGE } < { NUMPAGES } "Vend" "" }`), whose nested
 * fields are listed too and so are checked by the same rule.
 */
const LIVE_OK = new Set(['PAGE', 'NUMPAGES', 'SECTIONPAGES', 'HYPERLINK', 'IF', '=']);
const PLACEHOLDER = /«(MANGLER|AFVIST|MISSING|REFUSED)/;

/** Runs a step; a KpBrevError is an accepted outcome (undefined), anything else fails the case. */
function guarded<T>(what: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (err) {
    if (err instanceof KpBrevError) {
      expect(['input', 'refused'], what).toContain(err.kind);
      expect(err.diagnostics.length, `${what}: a KpBrevError names its problems`).toBeGreaterThan(0);
      return undefined;
    }
    throw new Error(`${what} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, { cause: err });
  }
}

async function guardedAsync<T>(what: string, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof KpBrevError) return undefined;
    throw new Error(`${what} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, { cause: err });
  }
}

/** The types of the fields a letter still holds, as kp-brev reads it back. */
function fieldTypesOf(docx: Uint8Array): string[] {
  return loadTemplate(docx, { name: 'brev.docx' })
    .fields()
    .map((f) => f.type.toUpperCase());
}

/** Everything a letter must be: a sound zip, readable again, with only the live fields it may keep. */
function checkLetter(docx: Uint8Array, preview: boolean, what: string): void {
  const { problems } = zipProblems(Buffer.from(docx));
  expect(problems, `${what}: the letter is a sound zip`).toEqual([]);
  const types = fieldTypesOf(docx);
  for (const t of types) expect(LIVE_OK.has(t) || t === '' ? t : `live ${t}`, `${what}: a field left in the letter`).toBe(t);
  if (!preview) {
    const zip = readZip(docx);
    for (const name of zip.order) {
      if (!/^word\/.*\.xml$/.test(name)) continue;
      const xml = Buffer.from(zip.read(name)).toString('utf8');
      expect(PLACEHOLDER.test(xml) ? `${name} holds a placeholder` : 'none', what).toBe('none');
    }
  }
}

async function checkPdf(pdf: Uint8Array, pages: number, what: string): Promise<void> {
  expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), what).toBe('%PDF-');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  expect(doc.getPageCount(), `${what}: the pages it says`).toBe(pages);
}

// ---- generated instructions ----

const nameChar = fc.constantFrom(...'abcABCæøå019._:-'.split(''));
const fieldName = fc.oneof(
  fc.constantFrom('Borger.Navn', 'Borger.Fornavn', 'Beløb', 'Dato', 'Tekst', 'Question:flettespoergsmaal-10023', 'Mangler'),
  fc.string({ unit: nameChar, minLength: 1, maxLength: 12 }),
);
const nasty = fc.constantFrom(
  '"',
  '\u201c',
  '\u201d',
  '\\',
  '\\"',
  '{',
  '}',
  '*',
  '?',
  '\\l "x"',
  ' ',
  '\t',
  '\u00a0',
  '<',
  '&',
  '\uFFFC',
  '\uE000',
  '(',
  ')',
  ',',
  ';',
  '=',
  '<>',
  '0',
  '-1',
  '1e999',
);
const word = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'abJN01 ,.%-'.split('')), maxLength: 6 }) },
  { weight: 1, arbitrary: nasty },
);
const quoted = word.map((w) => `"${w}"`);
const switchArb = fc.constantFrom(
  '\\* Upper',
  '\\* Caps',
  '\\* FirstCap',
  '\\* MERGEFORMAT',
  '\\* Roman',
  '\\* CardText',
  '\\* Ordinal',
  '\\# "#.##0,00"',
  '\\# 0',
  '\\# "x"',
  '\\@ "d. MMMM yyyy"',
  '\\@ "dd-MM-yy"',
  '\\b "Før "',
  '\\f " efter"',
  '\\h',
  '\\l',
  '\\z',
  '\\*',
  '\\#',
  '\\@',
);
const typeArb = fc.constantFrom(
  'MERGEFIELD',
  'IF',
  '=',
  'PAGE',
  'NUMPAGES',
  'SECTIONPAGES',
  'HYPERLINK',
  'REF',
  'SET',
  'SEQ',
  'DOCPROPERTY',
  'DATE',
  'TIME',
  'FILLIN',
  'ASK',
  'DDEAUTO',
  'DDE',
  'INCLUDETEXT',
  'INCLUDEPICTURE',
  'MACROBUTTON',
  'COMPARE',
  'QUOTE',
  'TOC',
  'NEXT',
  'UKENDT',
  'merge',
  'if',
);
const operator = fc.constantFrom('=', '<>', '<', '>', '<=', '>=', '==', '');

/** An instruction: a field type, arguments (words, quotes, nested fields), switches, in any order. */
const instruction: fc.Memo<InstrPart[]> = fc.memo((depth) => {
  const merge: FieldSpec = { kind: 'field', parts: [' MERGEFIELD Beløb '], result: '«Beløb»' };
  const nested: fc.Arbitrary<FieldSpec> =
    depth > 1 ? instruction(depth - 1).map((parts): FieldSpec => ({ kind: 'field', parts, result: 'x' })) : fc.constant(merge);
  const arg: fc.Arbitrary<InstrPart> = fc.oneof(
    { weight: 3, arbitrary: word },
    { weight: 3, arbitrary: quoted },
    { weight: 2, arbitrary: fieldName },
    { weight: 2, arbitrary: nested },
    { weight: 1, arbitrary: operator },
  );
  return fc.tuple(typeArb, fc.array(arg, { maxLength: 6 }), fc.array(switchArb, { maxLength: 2 }), fc.boolean()).map(([type, args, switches, mixed]) => {
    const parts: InstrPart[] = [` ${type} `];
    const all: InstrPart[] = mixed ? [...switches, ...args] : [...args, ...switches];
    for (const a of all) parts.push(a, ' ');
    return parts;
  });
});

const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    'J',
    'N',
    'x" "INJICERET',
    '\\l "evil"',
    '2026-01-05',
    '1.234,50',
    '85',
    'a*b?c',
    '{ PAGE }',
    'https://x.dk/?a=1&b=2',
    'file:///etc/passwd',
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const caseArb = fc.record({
  fields: fc.dictionary(fieldName, scalar, { maxKeys: 8 }),
  // Mostly answers a case may give (J/N); now and then one the case is refused for.
  questions: fc.dictionary(
    fc.constantFrom('flettespoergsmaal-10023', 'flettespoergsmaal-10024', 'x'),
    fc.oneof({ weight: 9, arbitrary: fc.constantFrom('J', 'N') }, { weight: 1, arbitrary: fc.constantFrom('Ja', '') }),
  ),
});

/** Where a generated field goes: body (also in a table cell and a text run), header, footer, footnote. */
const story = fc.constantFrom('body', 'table', 'header', 'footer', 'footnote');

function templateWith(where: string, parts: InstrPart[]): Buffer {
  const f = { kind: 'field' as const, parts, result: 'cachet' };
  const para = paragraphXml(['Før ', f, ' efter'], '', { split: 3, noise: true });
  const plain = paragraphXml(['Kære borger'], '', {});
  const cell = (xml: string): string =>
    `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>${xml}</w:tc></w:tr></w:tbl>`;
  switch (where) {
    case 'table':
      return buildDocx({ body: plain + cell(para) + plain });
    case 'header':
      return buildDocx({ body: plain, header: para });
    case 'footer':
      return buildDocx({ body: plain, footer: para });
    case 'footnote':
      return buildDocx({
        body: paragraphXml(
          ['Tekst', { kind: 'raw', xml: '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>' }],
          '',
          {},
        ),
        footnotes: [para],
      });
    default:
      return buildDocx({ body: plain + para });
  }
}

/** How far the cases of a run got: a fuzz run whose cases all stop at loading tests nothing. */
interface Reach {
  cases: number;
  loaded: number;
  linted: number;
  letters: number;
  previews: number;
  pdfs: number;
}
const newReach = (): Reach => ({ cases: 0, loaded: 0, linted: 0, letters: 0, previews: 0, pdfs: 0 });

async function throughEverything(template: Uint8Array, context: CaseContext, what: string, reach: Reach): Promise<void> {
  reach.cases++;
  const loaded = guarded(`${what}: load`, () => loadTemplate(template, { name: 'fuzz.docx' }));
  if (guarded(`${what}: lint`, () => lintDocx(template, 'fuzz.docx', defaultSettings()))) reach.linted++;
  if (!loaded) return;
  reach.loaded++;
  for (const preview of [false, true]) {
    const r = guarded(`${what}: render${preview ? ' (preview)' : ''}`, () => loaded.render(context, { preview }));
    if (!r) continue;
    checkLetter(r.docx, preview, `${what}${preview ? ' (preview)' : ''}`);
    if (preview) reach.previews++;
    else reach.letters++;
  }
  // The PDF of the letter, or (when the letter is refused) of its preview, so the layout sees every case.
  const pdf =
    (await guardedAsync(`${what}: PDF`, () => renderTemplatePdf(loaded, context, {}))) ??
    (await guardedAsync(`${what}: PDF (preview)`, () => renderTemplatePdf(loaded, context, { preview: true })));
  if (pdf) {
    await checkPdf(pdf.pdf, pdf.pages, `${what}: PDF`);
    reach.pdfs++;
  }
}

/**
 * Runs a property with a seed and says how far its cases got; a run in which too few cases reach
 * a stage would pass without testing that stage, so a minimum share is required of each.
 */
async function run(
  name: string,
  seed: number,
  numRuns: number,
  property: (reach: Reach) => fc.IAsyncProperty<never>,
  least: Partial<Record<keyof Reach, number>>,
): Promise<void> {
  const reach = newReach();
  await fc.assert(property(reach), { seed, numRuns });
  console.log(`${name}, seed ${seed}: ${JSON.stringify(reach)}`);
  for (const [stage, share] of Object.entries(least))
    expect(reach[stage as keyof Reach], `${name}: cases that reached ${stage}`).toBeGreaterThanOrEqual(Math.floor(reach.cases * share));
}

describe('fuzz: generated field instructions and cases (issue 17)', () => {
  const property = (reach: Reach): fc.IAsyncProperty<never> =>
    fc.asyncProperty(story, instruction(3), caseArb, async (where, parts, raw) => {
      const template = templateWith(where, parts);
      const context = guarded('case', () => toContext(raw));
      if (!context) return;
      await throughEverything(template, context, `generated field in ${where}`, reach);
    }) as unknown as fc.IAsyncProperty<never>;
  const least = { loaded: 0.8, linted: 0.8, letters: 0.1, previews: 0.5, pdfs: 0.1 };
  it(`fixed seed ${FIXED_SEED}`, async () => run('generated', FIXED_SEED, 400, property, least));
  it(`random seed ${RANDOM_SEED}`, async () => run('generated', RANDOM_SEED, 400, property, least));
});

// ---- mutated sample templates ----

interface Sample {
  name: string;
  bytes: Buffer;
  context: CaseContext;
}

/**
 * The sample letter with each of its cases (it renders whole, so mutations reach the strict
 * letter), and every central beskedskabelon with its first sample case (alone, without its
 * master and content elements, it renders only as a preview: enough for load, lint and layout).
 */
function samples(): Sample[] {
  const dir = join(root, 'samples/enkeltbrev');
  const letter = readFileSync(join(dir, 'bevilling-helbredstillaegskort.docx'));
  const own = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      name: `samples/enkeltbrev/bevilling-helbredstillaegskort.docx (${f})`,
      bytes: letter,
      context: toContext(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
    }));
  const central = join(root, 'templates/central/beskedskabeloner');
  const repo = readdirSync(central)
    .filter((f) => f.endsWith('.docx'))
    .map((f) => {
      const cases = join(root, 'samples/sager', f.replace(/\.docx$/, ''));
      const first = readdirSync(cases)
        .filter((c) => c.endsWith('.json'))
        .sort()[0]!;
      return {
        name: `templates/central/beskedskabeloner/${f}`,
        bytes: readFileSync(join(central, f)),
        context: toContext(JSON.parse(readFileSync(join(cases, first), 'utf8'))),
      };
    });
  // The whole letter weighs as much as the repository's templates together.
  return [...own, ...own, ...own, ...own, ...own, ...own, ...repo];
}

type XmlMutation =
  | { kind: 'delete-element'; at: number }
  | { kind: 'duplicate-element'; at: number }
  | { kind: 'swap-elements'; at: number; with: number }
  | { kind: 'attribute'; at: number; value: string }
  | { kind: 'text'; at: number; value: string }
  | { kind: 'swap-parts'; with: number }
  | { kind: 'drop-part' }
  | { kind: 'byte-flip'; at: number; bit: number };

const mutation: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-element' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-element' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-elements' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('attribute' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom('', '-1', '99999999999', 'auto', 'x', '0', 'NaN', '1e308', 'rId999', '../x'), fc.string({ maxLength: 6 })),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.constantFrom('', 'MERGEFIELD x', ' IF 1 = 1 "J" ', ' DDEAUTO c:\\\\x ', '=((((1))))', '\u0013', 'x'.repeat(2000)),
      fc.string({ maxLength: 12 }),
    ),
  }),
  fc.record({ kind: fc.constant('swap-parts' as const), with: fc.nat() }),
  fc.record({ kind: fc.constant('drop-part' as const) }),
  fc.record({ kind: fc.constant('byte-flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
);

/** Start tags (position and length) of an XML text, to pick elements by number. */
function elements(xml: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const open = /<([A-Za-z][\w:.-]*)\b[^>]*?(\/?)>/g;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    if (m[2] === '/') {
      out.push({ start: m.index, end: open.lastIndex });
      continue;
    }
    // The matching end tag of the same name, counting nesting (good enough for Word's XML).
    const name = m[1]!;
    const tag = new RegExp(`<(/?)${name.replace(/[.]/g, '\\.')}\\b[^>]*?(/?)>`, 'g');
    tag.lastIndex = open.lastIndex;
    let depth = 1;
    let end = -1;
    for (let t = tag.exec(xml); t; t = tag.exec(xml)) {
      if (t[2] === '/') continue;
      depth += t[1] === '/' ? -1 : 1;
      if (depth === 0) {
        end = tag.lastIndex;
        break;
      }
    }
    if (end > 0) out.push({ start: m.index, end });
  }
  return out;
}

/** Applies one mutation to one part of a package (XML mutations keep the zip sound, so the reader gets past it). */
function mutate(bytes: Buffer, partIndex: number, m: XmlMutation): Buffer {
  const zip = readZip(bytes);
  const names = zip.order.filter((n) => !n.endsWith('/'));
  const xmlNames = names.filter((n) => /\.(xml|rels)$/.test(n));
  const target = xmlNames[partIndex % xmlNames.length]!;
  const contents = new Map<string, Uint8Array>(names.map((n) => [n, zip.read(n)]));
  if (m.kind === 'byte-flip') {
    const copy = Buffer.from(bytes);
    const at = m.at % copy.length;
    copy[at] = copy[at]! ^ (1 << m.bit);
    return copy;
  }
  if (m.kind === 'swap-parts') {
    const other = xmlNames[m.with % xmlNames.length]!;
    const a = contents.get(target)!;
    contents.set(target, contents.get(other)!);
    contents.set(other, a);
  } else if (m.kind === 'drop-part') {
    contents.delete(target);
  } else {
    const xml = Buffer.from(contents.get(target)!).toString('utf8');
    const els = elements(xml);
    if (els.length === 0) return bytes;
    const el = els[m.at % els.length]!;
    let next = xml;
    if (m.kind === 'delete-element') next = xml.slice(0, el.start) + xml.slice(el.end);
    else if (m.kind === 'duplicate-element') next = xml.slice(0, el.end) + xml.slice(el.start, el.end) + xml.slice(el.end);
    else if (m.kind === 'swap-elements') {
      const other = els[m.with % els.length]!;
      if (other.start >= el.end || other.end <= el.start) {
        const [first, second] = other.start < el.start ? [other, el] : [el, other];
        next =
          xml.slice(0, first.start) +
          xml.slice(second.start, second.end) +
          xml.slice(first.end, second.start) +
          xml.slice(first.start, first.end) +
          xml.slice(second.end);
      }
    } else if (m.kind === 'attribute') {
      const head = xml.slice(el.start, el.end);
      const attr = /(\s[\w:]+=")([^"]*)(")/.exec(head);
      if (attr) next = xml.slice(0, el.start + attr.index) + attr[1] + escapeAttr(m.value) + attr[3] + xml.slice(el.start + attr.index + attr[0].length);
    } else if (m.kind === 'text') {
      const gt = xml.indexOf('>', el.start);
      const lt = xml.indexOf('<', gt);
      if (gt >= 0 && lt > gt) next = xml.slice(0, gt + 1) + escapeText(m.value) + xml.slice(lt);
    }
    contents.set(target, Buffer.from(next, 'utf8'));
  }
  const out: ZipOutput[] = [...contents].map(([name, data]) => ({ name, data }));
  return Buffer.from(writeZip(out));
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\u0013/g, '');

describe('fuzz: mutated sample templates (issue 17)', () => {
  const all = samples();
  const property = (reach: Reach): fc.IAsyncProperty<never> =>
    fc.asyncProperty(fc.nat({ max: all.length - 1 }), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, part, mutations) => {
      const sample = all[which]!;
      let bytes = sample.bytes;
      for (const m of mutations) {
        const next = guarded('mutating (the mutated package must still be readable to mutate it again)', () => mutate(bytes, part, m));
        if (!next) break;
        bytes = next;
      }
      await throughEverything(bytes, sample.context, `${sample.name} with ${mutations.map((m) => m.kind).join(', ')}`, reach);
    }) as unknown as fc.IAsyncProperty<never>;
  const least = { loaded: 0.3, linted: 0.3, letters: 0.1, previews: 0.3, pdfs: 0.3 };
  it(`fixed seed ${FIXED_SEED}`, async () => run('mutated', FIXED_SEED, 150, property, least));
  it(`random seed ${RANDOM_SEED}`, async () => run('mutated', RANDOM_SEED, 150, property, least));
});
