/**
 * Mutated templates never give corrupt letters (issue 17, item 5: 53 of 1,076 letters made from
 * mutated templates were corrupt). Every sample template (templates/ and samples/enkeltbrev/) is
 * mutated with a fixed seed: bytes flipped in stored entries and anywhere in the file, broken XML,
 * DOCTYPEs, entries renamed out of the package or onto another's name, UTF-16 relabelling, lying
 * sizes, cuts, duplicate records. For each: loading throws a KpBrevError of kind input, or the
 * letter renders and is a zip that passes the full check (test/helpers/zipcheck.ts, and `unzip -t`
 * when the machine has it). Mutations that always make a package invalid must be refused.
 * The same through composition: a mutated master, content element or beskedskabelon in a copy
 * of the repository. Set KP_BREV_MUTATION_SEED to try another seed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { parseContextText, toContext, type CaseContext } from '../../src/context/context.js';
import { readZip } from '../../src/ooxml/zip.js';
import { writeZip, type ZipOutput } from '../../src/ooxml/zip-write.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { needTool } from '../helpers/tools.js';
import { zipProblems } from '../helpers/zipcheck.js';

const root = join(import.meta.dirname, '../..');
const SEED = Number(process.env['KP_BREV_MUTATION_SEED'] ?? 17_005);
console.log(`package mutation seed: ${SEED} (KP_BREV_MUTATION_SEED)`);

/** mulberry32: small, seedable, good enough to pick mutations. */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
type Rng = ReturnType<typeof prng>;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng(list.length)]!;

interface Mutant {
  kind: string;
  detail: string;
  bytes: Buffer;
  /** Every package with this mutation is invalid: it must be refused on load. */
  refuse: boolean;
  /** The mutation keeps the package valid: it must load. */
  load?: boolean;
}

const isXml = (name: string): boolean => /\.(xml|rels)$/i.test(name);
const withDecl = (xml: string): string => (xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`);
const declare = (xml: string, encoding: string): string =>
  withDecl(xml).replace(/^<\?xml[^>]*\?>/, (decl) =>
    /encoding="/.test(decl) ? decl.replace(/encoding="[^"]*"/, `encoding="${encoding}"`) : decl.replace(/\s*\?>$/, ` encoding="${encoding}"?>`),
  );
const utf16 = (text: string, be: boolean): Buffer => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return be ? le.swap16() : le;
};
const EVIL_NAMES = [
  '../../x',
  '../word/document.xml',
  '/etc/passwd',
  'C:/x.xml',
  'word\\..\\..\\x',
  'word//x.xml',
  'word/./x.xml',
  'x.',
  'a\u0000b',
  'a\u001fb',
  '%2e%2e/x',
];

/** The central-directory record offsets of a package written by writeZip (no extra fields). */
function centralRecords(bytes: Buffer): number[] {
  const out: number[] = [];
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  for (let p = bytes.readUInt32LE(eocd + 16); p < eocd; p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32))
    out.push(p);
  return out;
}

function mutate(template: Buffer, rng: Rng, kind: string): Mutant {
  const src = readZip(template);
  const names = src.order;
  const xmlNames = names.filter(isXml);
  const text = (name: string): string => new TextDecoder().decode(src.read(name));
  const rebuild = (change: (name: string) => ZipOutput | ZipOutput[] | undefined): Buffer =>
    writeZip(names.flatMap((name) => change(name) ?? [{ name, reuse: src.entries.get(name)! }]));
  const replace = (part: string, data: Buffer): Buffer => rebuild((name) => (name === part ? { name, data } : undefined));
  const base = { kind, refuse: true };
  switch (kind) {
    case 'flip-stored': {
      const part = pick(
        rng,
        names.filter((n) => src.entries.get(n)!.raw.length > 0),
      );
      const e = src.entries.get(part)!;
      const raw = Buffer.from(e.raw);
      const at = rng(raw.length);
      raw[at]! ^= 1 + rng(255);
      return { ...base, refuse: false, detail: `${part}@${at}`, bytes: rebuild((name) => (name === part ? { name, reuse: { ...e, raw } } : undefined)) };
    }
    case 'flip-file': {
      const bytes = Buffer.from(template);
      const at = rng(bytes.length);
      bytes[at]! ^= 1 + rng(255);
      return { ...base, refuse: false, detail: `@${at}`, bytes };
    }
    case 'broken-xml': {
      const part = pick(rng, xmlNames);
      const t = text(part);
      return { ...base, detail: part, bytes: replace(part, Buffer.from(t.slice(0, rng(t.lastIndexOf('>'))))) };
    }
    case 'doctype-content-types':
    case 'doctype': {
      const part = kind === 'doctype' ? pick(rng, xmlNames) : '[Content_Types].xml';
      const doctype = pick(rng, [
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE x SYSTEM "http://angriber.example/x.dtd">',
        '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
      ]);
      const t = withDecl(text(part));
      const end = t.indexOf('?>') + 2;
      return { ...base, detail: part, bytes: replace(part, Buffer.from(t.slice(0, end) + doctype + t.slice(end))) };
    }
    case 'rename': {
      const part = pick(rng, names);
      const other = pick(
        rng,
        names.filter((n) => n !== part),
      );
      const to = pick(rng, [...EVIL_NAMES, other.toUpperCase() === other ? other.toLowerCase() : other.toUpperCase(), `${other}/x`]);
      if (to.toLowerCase() === part.toLowerCase()) return mutate(template, rng, kind);
      return {
        ...base,
        detail: `${part} -> ${JSON.stringify(to)}`,
        bytes: rebuild((name) => (name === part ? { name: to, reuse: { ...src.entries.get(name)!, name: to } } : undefined)),
      };
    }
    case 'utf16': {
      const part = pick(rng, xmlNames);
      const be = rng(2) === 1;
      return { ...base, refuse: false, load: true, detail: `${part} ${be ? 'BE' : 'LE'}`, bytes: replace(part, utf16(declare(text(part), 'UTF-16'), be)) };
    }
    case 'stored':
    case 'recompressed': {
      // Valid packages whose stored bytes differ from what our writer makes: they go into
      // letters as they are.
      const part = pick(rng, names);
      const e = src.entries.get(part)!;
      const data = Buffer.from(src.read(part));
      const raw = kind === 'stored' ? data : deflateRawSync(data, { level: pick(rng, [1, 9]) });
      const entry = { ...e, method: kind === 'stored' ? 0 : 8, raw, compressedSize: raw.length };
      return { ...base, refuse: false, load: true, detail: part, bytes: rebuild((name) => (name === part ? { name, reuse: entry } : undefined)) };
    }
    case 'utf16-says-utf8': {
      const part = pick(rng, xmlNames);
      return { ...base, detail: part, bytes: replace(part, utf16(declare(text(part), 'UTF-8'), rng(2) === 1)) };
    }
    case 'utf8-says-utf16': {
      const part = pick(rng, xmlNames);
      return { ...base, detail: part, bytes: replace(part, Buffer.from(declare(text(part), 'UTF-16'))) };
    }
    case 'compressed-size':
    case 'size': {
      const bytes = rebuild(() => undefined);
      const records = centralRecords(bytes);
      const i = rng(records.length);
      const at = records[i]! + (kind === 'size' ? 24 : 20);
      const delta = (1 + rng(40)) * (rng(2) ? 1 : -1);
      bytes.writeUInt32LE(Math.max(0, bytes.readUInt32LE(at) + delta), at);
      return { ...base, detail: `${names[i]} ${delta > 0 ? '+' : ''}${delta}`, bytes };
    }
    case 'cut': {
      const at = 1 + rng(template.length - 1);
      return { ...base, detail: `@${at}`, bytes: template.subarray(0, at) };
    }
    case 'duplicate': {
      const part = pick(rng, names);
      return {
        ...base,
        detail: part,
        bytes: rebuild((name) =>
          name === part
            ? [
                { name, reuse: src.entries.get(name)! },
                { name, data: Buffer.from('<x/>') },
              ]
            : undefined,
        ),
      };
    }
    default:
      throw new Error(kind);
  }
}

const KINDS = ['flip-stored', 'flip-stored', 'flip-file', 'flip-file', 'flip-file', 'broken-xml', 'doctype-content-types', 'doctype', 'rename', 'rename'];
KINDS.push('utf16', 'utf16', 'utf16-says-utf8', 'utf8-says-utf16', 'compressed-size', 'size', 'cut', 'duplicate', 'stored', 'recompressed');

function docxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.docx'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A sample case for a beskedskabelon, else an empty case (rendered as a preview). */
function caseFor(file: string): CaseContext {
  if (file.endsWith('bevilling-helbredstillaegskort.docx')) return parseContextText(readFileSync(join(root, 'samples/enkeltbrev/karen-jensen.json'), 'utf8'));
  const id = /beskedskabeloner\/(np_\d+)\.docx$/.exec(file)?.[1];
  if (!id) return toContext({});
  const dir = join(root, 'samples/sager', id);
  return parseContextText(readFileSync(join(dir, readdirSync(dir).sort()[0]!), 'utf8'));
}

interface Outcome {
  refused: number;
  rendered: number;
  /** Letters that fail the full check. */
  corrupt: number;
  letters: Buffer[];
  failures: string[];
}

/** Load, render, check: a KpBrevError of kind input on load, or a letter that passes the check. */
function tryOne(label: string, m: Mutant, load: () => { render: () => Buffer }, out: Outcome): void {
  let template: { render: () => Buffer };
  try {
    template = load();
  } catch (err) {
    if (!(err instanceof KpBrevError) || err.kind !== 'input')
      out.failures.push(`${label}: load threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    else if (m.load) out.failures.push(`${label}: a valid package was refused: ${err.message}`);
    out.refused++;
    return;
  }
  if (m.refuse) out.failures.push(`${label}: loaded, must be refused`);
  let letter: Buffer;
  try {
    letter = template.render();
  } catch (err) {
    if (!(err instanceof KpBrevError)) out.failures.push(`${label}: render threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    out.refused++;
    return;
  }
  out.rendered++;
  out.letters.push(letter);
  const { problems } = zipProblems(letter);
  if (problems.length) {
    out.corrupt++;
    out.failures.push(`${label}: corrupt letter: ${problems.slice(0, 3).join('; ')}`);
  }
}

const hasUnzip = needTool('unzip', spawnSync('unzip', ['-v']).status === 0, 'unzip');

/** `unzip -t` over every letter, in one run. */
function unzipFailures(letters: Buffer[]): string {
  if (!hasUnzip || !letters.length) return '';
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-mutants-'));
  letters.forEach((l, i) => writeFileSync(join(dir, `l${i}.docx`), l));
  const r = spawnSync('unzip', ['-tqq', join(dir, '*.docx')], { encoding: 'utf8' });
  return r.status === 0 ? '' : `${r.stdout}${r.stderr}`;
}

describe(`mutated templates (seed ${SEED})`, () => {
  it('every sample template, mutated: refused with a KpBrevError, or a letter that passes the full check', () => {
    const rng = prng(SEED);
    const files = [...docxFiles(join(root, 'templates')), join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx')];
    const out: Outcome = { refused: 0, rendered: 0, corrupt: 0, letters: [], failures: [] };
    for (const file of files) {
      const template = readFileSync(file);
      const ctx = caseFor(file);
      for (const kind of KINDS) {
        const m = mutate(template, rng, kind);
        tryOne(
          `${relative(root, file)} ${m.kind} ${m.detail}`,
          m,
          () => {
            const t = loadTemplate(m.bytes, { name: relative(root, file) });
            return { render: () => t.render(ctx, { preview: true }).docx };
          },
          out,
        );
      }
    }
    console.log(
      `seed ${SEED}: ${files.length * KINDS.length} mutants of ${files.length} templates: ${out.refused} refused, ${out.rendered} letters checked (${out.corrupt} corrupt), ${out.failures.length} failures`,
    );
    expect(out.failures).toEqual([]);
    expect(out.refused).toBeGreaterThan(0);
    expect(out.rendered).toBeGreaterThan(files.length * 2);
    expect(unzipFailures(out.letters)).toBe('');
  });

  it('composed letters: a mutated master, content element or beskedskabelon in the repository', () => {
    const rng = prng(SEED + 1);
    const work = mkdtempSync(join(tmpdir(), 'kp-brev-mutrepo-'));
    const dir = join(work, 'templates');
    mkdirSync(dir);
    cpSync(join(root, 'templates'), dir, { recursive: true });
    const pristine = TemplateRepository.open(dir);
    const letters = pristine.central.beskedskabeloner.map((b) => b.id);
    const out: Outcome = { refused: 0, rendered: 0, corrupt: 0, letters: [], failures: [] };
    const CASES = 40;
    for (let i = 0; i < CASES; i++) {
      const id = pick(rng, letters);
      const compiled = pristine.compile(id);
      const files = [
        compiled.def.message.path!,
        compiled.def.masterPart.path!,
        ...compiled.used.elements.map((k) => pristine.resolve('indholdselement', k)?.path).filter((p): p is string => !!p),
      ];
      const file = pick(rng, files);
      const original = readFileSync(file);
      const m = mutate(original, rng, pick(rng, KINDS));
      writeFileSync(file, m.bytes);
      try {
        const ctx = caseFor(`beskedskabeloner/${id}.docx`);
        tryOne(
          `${id} with ${relative(dir, file)} ${m.kind} ${m.detail}`,
          m,
          () => {
            const t = TemplateRepository.open(dir).compile(id).template;
            return { render: () => t.render(ctx, { preview: true }).docx };
          },
          out,
        );
      } finally {
        writeFileSync(file, original);
      }
    }
    console.log(
      `seed ${SEED + 1}: ${CASES} composed letters with a mutated part: ${out.refused} refused, ${out.rendered} letters checked (${out.corrupt} corrupt), ${out.failures.length} failures`,
    );
    expect(out.failures).toEqual([]);
    expect(unzipFailures(out.letters)).toBe('');
  });
});
