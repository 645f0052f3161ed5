/**
 * Every part of a template goes into every letter made from it, read or not. So every part is
 * verified once, when the template is loaded (issue 17, items 5–7): its name is safe, its stored
 * bytes inflate to exactly what the zip says with the right CRC, and every XML part is
 * well-formed, has no DOCTYPE and is written in the encoding it declares. What fails is a
 * KpBrevError of kind input with a Danish message naming the part (exit 2 in the CLI, 400 from
 * the server), never a plain Error, "Intern fejl" or a corrupt letter.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Io } from '../../src/cli/io.js';
import { execute } from '../../src/cli/main.js';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { parseContextText, toContext } from '../../src/context/context.js';
import { readZip, type ZipEntry } from '../../src/ooxml/zip.js';
import { writeZip, type ZipOutput } from '../../src/ooxml/zip-write.js';
import { buildApp } from '../../src/server/app.js';
import { docx, mergeField, p } from '../helpers/build.js';
import { libreOfficeText, soffice } from '../helpers/libreoffice.js';
import { needTool } from '../helpers/tools.js';
import { zipProblems } from '../helpers/zipcheck.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pkg-'));
const sample = readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx'));
const karenJson = readFileSync(join(root, 'samples/enkeltbrev/karen-jensen.json'), 'utf8');
const karen = parseContextText(karenJson);
const master = readFileSync(join(root, 'templates/central/masters/myndighed.docx'));
const IMAGE = 'word/media/7040e980f8b27e228a0a089c1db42dd64e8de85b.png';
writeFileSync(join(dir, 'karen.json'), karenJson);

/** The package with entries replaced (data or stored entry), renamed or added. */
function rewrite(bytes: Uint8Array, change: (name: string, entry: ZipEntry) => ZipOutput | ZipOutput[] | undefined, extra: ZipOutput[] = []): Buffer {
  const src = readZip(bytes);
  const out: ZipOutput[] = [];
  for (const name of src.order) {
    const entry = src.entries.get(name)!;
    const changed = change(name, entry);
    out.push(...(changed === undefined ? [{ name, reuse: entry }] : Array.isArray(changed) ? changed : [changed]));
  }
  return writeZip([...out, ...extra]);
}
const textOf = (bytes: Uint8Array, part: string): string => Buffer.from(readZip(bytes).read(part)).toString('utf8');
const withPart = (bytes: Uint8Array, part: string, data: string | Buffer): Buffer =>
  rewrite(bytes, (name) => (name === part ? { name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data } : undefined));
const adding = (bytes: Uint8Array, name: string): Buffer => rewrite(bytes, () => undefined, [{ name, data: Buffer.from('x') }]);

const fileName = (label: string): string => `${label.replace(/\W+/g, '-').replace(/^-+/, '')}.docx`;

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: Io = { stdout: () => undefined, stderr: (t) => void (err += t), cwd: dir };
  return { code: await execute(args, io), err };
}

/** Refused on load (library and CLI) with a Danish message that matches. */
async function refused(file: string, bytes: Uint8Array, expected: RegExp): Promise<void> {
  let error: unknown;
  try {
    loadTemplate(bytes, { name: file });
  } catch (err) {
    error = err;
  }
  expect(error, `${file} loads`).toBeInstanceOf(KpBrevError);
  expect((error as KpBrevError).kind).toBe('input');
  expect((error as KpBrevError).describe('da')).toMatch(expected);
  writeFileSync(join(dir, file), bytes);
  const out = join(dir, `${file}.out.docx`);
  const r = await cli(['render', file, '--context', 'karen.json', '--out', out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(expected);
  expect(r.err).not.toMatch(/Intern fejl|\n\s+at\s|Error:/);
  expect(existsSync(out)).toBe(false);
}

const EVIL_DOCTYPE = '<!DOCTYPE Types [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
/** XML cut before its last `>`: never well-formed. */
const cut = (xml: string): string => xml.slice(0, xml.lastIndexOf('>'));
const withDoctype = (xml: string, doctype = EVIL_DOCTYPE): string => xml.replace(/^(<\?xml[^>]*\?>)?/, (decl) => decl + doctype);

describe('parts the renderer does not read are verified on load (item 5)', () => {
  const contentTypes = textOf(sample, '[Content_Types].xml');
  const cases: Array<[string, () => Buffer, RegExp]> = [
    ['[Content_Types].xml that is not XML', () => withPart(sample, '[Content_Types].xml', 'ikke XML'), /\[Content_Types\]\.xml.*er ikke gyldig XML/],
    [
      '[Content_Types].xml with a DOCTYPE and an external entity',
      () => withPart(sample, '[Content_Types].xml', withDoctype(contentTypes)),
      /Delen \[Content_Types\]\.xml indeholder en DOCTYPE-erklæring/,
    ],
    [
      'broken docProps/core.xml',
      () => withPart(sample, 'docProps/core.xml', cut(textOf(sample, 'docProps/core.xml'))),
      /Delen docProps\/core\.xml er ikke gyldig XML/,
    ],
    [
      'broken word/fontTable.xml',
      () => withPart(sample, 'word/fontTable.xml', cut(textOf(sample, 'word/fontTable.xml'))),
      /Delen word\/fontTable\.xml er ikke gyldig XML/,
    ],
    [
      'word/numbering.xml with a DOCTYPE',
      () => withPart(sample, 'word/numbering.xml', withDoctype(textOf(sample, 'word/numbering.xml'))),
      /Delen word\/numbering\.xml indeholder en DOCTYPE/,
    ],
    [
      'broken word/comments.xml',
      () => withPart(sample, 'word/comments.xml', cut(textOf(sample, 'word/comments.xml'))),
      /Delen word\/comments\.xml er ikke gyldig XML/,
    ],
    [
      'an unread .rels part that is not XML',
      () => withPart(sample, 'word/_rels/fontTable.xml.rels', '<Relationships'),
      /word\/_rels\/fontTable\.xml\.rels er ikke gyldig XML/,
    ],
    [
      'an image whose stored bytes do not match its CRC',
      () => rewrite(master, (name, e) => (name === IMAGE ? { name, reuse: { ...e, crc32: (e.crc32 ^ 0x55) >>> 0 } } : undefined)),
      /png er beskadiget: kontrolsummen \(CRC\)/,
    ],
    [
      'docProps/app.xml with a broken deflate stream',
      () => rewrite(sample, (name, e) => (name === 'docProps/app.xml' ? { name, reuse: { ...e, raw: Buffer.from([0xff, 0xff, 0xff, 0xff]) } } : undefined)),
      /Delen docProps\/app\.xml kan ikke pakkes ud/,
    ],
    [
      'an entry with bytes after its deflate stream',
      () =>
        rewrite(sample, (name, e) =>
          name === 'docProps/app.xml' ? { name, reuse: { ...e, raw: Buffer.concat([e.raw, Buffer.from('PK\u0003\u0004')]) } } : undefined,
        ),
      /Delen docProps\/app\.xml er beskadiget: zip-arkivet angiver 4 byte mere/,
    ],
    [
      'a stored (method 0) entry with a wrong CRC',
      () => rewrite(sample, (name) => (name === 'docProps/app.xml' ? { name, reuse: stored(name, Buffer.from('<a/>'), 1) } : undefined)),
      /docProps\/app\.xml er beskadiget: kontrolsummen/,
    ],
  ];
  for (const [label, make, expected] of cases) it(`refuses ${label}`, () => refused(fileName(label), make(), expected));

  const names: Array<[string, RegExp]> = [
    ['../../x', /ugyldigt delnavn: \.\.\/\.\.\/x/],
    ['word/../../x', /ugyldigt delnavn/],
    ['/etc/x', /ugyldigt delnavn: \/etc\/x/],
    ['C:/Windows/x', /ugyldigt delnavn/],
    ['word\\..\\..\\x', /ugyldigt delnavn/],
    ['word//x.xml', /ugyldigt delnavn/],
    ['word/./x.png', /ugyldigt delnavn/],
    ['word/media/x.', /ugyldigt delnavn/],
    ['word/a\u0001b.png', /ugyldigt delnavn: word\/a\\x01b\.png/],
    ['%2e%2e/x', /ugyldigt delnavn/],
    ['word%2Fx', /ugyldigt delnavn/],
    ['WORD/Document.xml', /to dele med samme navn, når der ses bort fra store og små bogstaver: word\/document\.xml og WORD\/Document\.xml/],
    ['word/document.xml/x', /både delen word\/document\.xml og delen word\/document\.xml\/x/],
  ];
  for (const [name, expected] of names) it(`refuses the entry name ${JSON.stringify(name)}`, () => refused('name.docx', adding(sample, name), expected));

  it('refuses a directory entry that climbs out', () =>
    refused(
      'dir.docx',
      rewrite(sample, () => undefined, [{ name: '../evil/', data: Buffer.alloc(0) }]),
      /ugyldigt delnavn: \.\.\/evil\//,
    ));

  it('refuses two entries with one name, naming it', () =>
    refused(
      'twice.docx',
      rewrite(sample, (name, e) =>
        name === 'word/styles.xml'
          ? [
              { name, reuse: e },
              { name, data: Buffer.from('<x/>') },
            ]
          : undefined,
      ),
      /Zip-arkivet har to dele med navnet word\/styles\.xml/,
    ));

  it('passes the letters of the untouched samples, every template part in them (the check itself is sound)', () => {
    for (const [bytes, ctx] of [
      [sample, karen],
      [master, toContext({})],
    ] as const) {
      const letter = loadTemplate(bytes).render(ctx, { preview: true }).docx;
      const { problems, entries } = zipProblems(letter);
      expect(problems).toEqual([]);
      expect(entries.map((e) => e.name)).toEqual(readZip(bytes).order);
    }
  });
});

function stored(name: string, data: Buffer, crcXor = 0): ZipEntry {
  return { name, method: 0, crc32: (crc32(data) ^ crcXor) >>> 0, compressedSize: data.length, size: data.length, dosTime: 0, dosDate: 0x21, raw: data };
}

const BOM_LE = Buffer.from([0xff, 0xfe]);
const utf16le = (text: string): Buffer => Buffer.concat([BOM_LE, Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => utf16le(text).swap16();
const declaring = (xml: string, encoding: string): string => xml.replace(/encoding="[^"]*"/, `encoding="${encoding}"`);

describe('what is written is what is declared (item 6)', () => {
  const base = docx([p('Hej ', mergeField('Navn'), '.')]);
  const documentXml = textOf(base, 'word/document.xml');
  const stylesXml = textOf(base, 'word/styles.xml');
  // document.xml (changed by every letter) in UTF-16LE, styles.xml (never changed) in UTF-16BE.
  const template = rewrite(base, (name) =>
    name === 'word/document.xml'
      ? { name, data: utf16le(declaring(documentXml, 'UTF-16')) }
      : name === 'word/styles.xml'
        ? { name, data: utf16be(declaring(stylesXml, 'UTF-16')) }
        : undefined,
  );
  const letter = (): Buffer => loadTemplate(template).render(toContext({ fields: { Navn: 'Karen' } })).docx;

  it('writes a changed UTF-16 part as UTF-8 that says UTF-8, and keeps an unchanged one as UTF-16 that says UTF-16', () => {
    const out = letter();
    expect(zipProblems(out).problems).toEqual([]);
    const parts = new Map(zipProblems(out).entries.map((e) => [e.name, e.data]));
    const doc = parts.get('word/document.xml')!;
    expect(doc.subarray(0, 5).toString('latin1')).toBe('<?xml');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(doc);
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"/);
    expect(text).toContain('Karen');
    const styles = parts.get('word/styles.xml')!;
    expect([styles[0], styles[1]]).toEqual([0xfe, 0xff]);
    expect(new TextDecoder('utf-16be').decode(styles)).toMatch(/^<\?xml version="1\.0" encoding="UTF-16"/);
  });

  it.skipIf(!needTool('LibreOffice', soffice !== undefined, 'libreoffice-writer-nogui'))('LibreOffice reads the letter made from the UTF-16 template', () => {
    expect(libreOfficeText({ utf16: letter() })['utf16']!.trim()).toBe('Hej Karen.');
  });

  const lies: Array<[string, () => Buffer, RegExp]> = [
    [
      'UTF-8 bytes that declare UTF-16 (document.xml)',
      () => withPart(base, 'word/document.xml', declaring(documentXml, 'UTF-16')),
      /word\/document\.xml siger i sin XML-erklæring, at den er skrevet i UTF-16, men den er skrevet i UTF-8/,
    ],
    [
      'UTF-8 bytes that declare UTF-16 (an unread part)',
      () => withPart(sample, 'docProps/app.xml', declaring(textOf(sample, 'docProps/app.xml'), 'UTF-16')),
      /docProps\/app\.xml siger i sin XML-erklæring, at den er skrevet i UTF-16/,
    ],
    [
      'UTF-16 bytes that declare UTF-8',
      () => withPart(base, 'word/document.xml', utf16le(documentXml)),
      /word\/document\.xml siger i sin XML-erklæring, at den er skrevet i UTF-8, men den er skrevet i UTF-16LE/,
    ],
    [
      'UTF-16BE bytes that declare UTF-16LE',
      () => withPart(base, 'word/styles.xml', utf16be(declaring(stylesXml, 'UTF-16LE'))),
      /word\/styles\.xml siger .* UTF-16LE, men den er skrevet i UTF-16BE/,
    ],
    [
      'UTF-16 without a byte order mark',
      () => withPart(base, 'word/settings.xml', Buffer.from(declaring(textOf(base, 'word/settings.xml'), 'UTF-16'), 'utf16le')),
      /word\/settings\.xml er skrevet i UTF-16 uden byte order mark/,
    ],
    [
      'a UTF-16 part with a lone surrogate',
      () => withPart(base, 'word/styles.xml', Buffer.concat([utf16le(declaring(stylesXml, 'UTF-16')), Buffer.from([0x00, 0xd8])])),
      /word\/styles\.xml er ikke gyldig UTF-16-tekst/,
    ],
  ];
  for (const [label, make, expected] of lies) it(`refuses ${label}`, () => refused(fileName(label), make(), expected));
});

/** The sample with the central-directory record of `part` changed. */
function centralRecord(bytes: Buffer, part: string, edit: (b: Buffer, at: number) => void): Buffer {
  const out = Buffer.from(bytes);
  const name = Buffer.from(part);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    if (out.subarray(at + 46, at + 46 + name.length).equals(name) && out.readUInt16LE(at + 28) === name.length) {
      edit(out, at);
      return out;
    }
  }
  throw new Error(`no record for ${part}`);
}
function localHeader(bytes: Buffer, part: string, edit: (b: Buffer, at: number) => void): Buffer {
  return centralRecord(bytes, part, (b, at) => edit(b, b.readUInt32LE(at + 42)));
}
const endRecord = (bytes: Buffer, edit: (b: Buffer, at: number) => void): Buffer => {
  const out = Buffer.from(bytes);
  edit(out, out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])));
  return out;
};

const damaged: Array<[string, Buffer, RegExp]> = [
  [
    'a compressed size too large by 7 in the central directory',
    centralRecord(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 20) + 7, at + 20)),
    /word\/document\.xml er beskadiget: zip-arkivet angiver 7 byte mere/,
  ],
  [
    'a compressed size too small by 7',
    centralRecord(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 20) - 7, at + 20)),
    /word\/document\.xml kan ikke pakkes ud/,
  ],
  [
    'a compressed size beyond the end of the file',
    centralRecord(sample, 'word/styles.xml', (b, at) => b.writeUInt32LE(0xffffff, at + 20)),
    /word\/styles\.xml kan ikke pakkes ud/,
  ],
  [
    'an uncompressed size that lies',
    centralRecord(sample, 'docProps/core.xml', (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 24) - 1, at + 24)),
    /docProps\/core\.xml pakker ud til \d+ byte, men zip-arkivet siger \d+ byte/,
  ],
  [
    'a local header offset that misses',
    centralRecord(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 42) + 3, at + 42)),
    /beskadiget eller afkortet zip-arkiv/,
  ],
  [
    'a local header with a wrong signature',
    localHeader(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(0x12345678, at)),
    /beskadiget eller afkortet zip-arkiv/,
  ],
  ['a local header with a wrong name length', localHeader(sample, 'word/styles.xml', (b, at) => b.writeUInt16LE(400, at + 26)), /ugyldigt delnavn|beskadiget/],
  [
    'a local header with a huge extra field',
    localHeader(sample, 'word/document.xml', (b, at) => b.writeUInt16LE(60000, at + 28)),
    /beskadiget eller afkortet zip-arkiv/,
  ],
  ['an end record with a wrong entry count', endRecord(sample, (b, at) => b.writeUInt16LE(3, at + 10)), /slutposten siger 3 dele/],
  [
    'an end record with a wrong directory offset',
    endRecord(sample, (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 16) + 10, at + 16)),
    /beskadiget eller afkortet zip-arkiv/,
  ],
  [
    'a file cut short inside its last entry',
    sample.subarray(0, sample.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) - 30),
    /beskadiget eller afkortet zip-arkiv/,
  ],
  ['a file cut short by 5 bytes', sample.subarray(0, sample.length - 5), /beskadiget eller afkortet zip-arkiv/],
  ['a file cut short to its local headers', sample.subarray(0, 2000), /beskadiget eller afkortet zip-arkiv/],
];

describe('every load failure is a KpBrevError (item 7)', () => {
  for (const [label, bytes, expected] of damaged) it(`refuses ${label} (library and render)`, () => refused(fileName(label), bytes, expected));

  it('lint answers exit 2 with the Danish message, never "Intern fejl"', async () => {
    for (const [label, bytes, expected] of damaged) {
      const file = `lint-${fileName(label)}`;
      writeFileSync(join(dir, file), bytes);
      const r = await cli(['lint', file]);
      expect(r.code, label).toBe(2);
      expect(r.err, label).toMatch(expected);
      expect(r.err, label).not.toMatch(/Intern fejl/);
    }
  });

  describe('the server', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp({ templatesDir: join(root, 'templates'), credentials: [], training: true });
    });
    afterAll(async () => {
      await app.close();
    });
    it('answers 400 with the Danish message to lint and preview, never 500', async () => {
      for (const [label, bytes, expected] of damaged) {
        const lint = await app.inject({
          method: 'POST',
          url: '/v1/lint?name=skabelon.docx',
          payload: bytes,
          headers: { 'content-type': 'application/octet-stream' },
        });
        expect(lint.statusCode, label).toBe(400);
        expect(JSON.stringify(lint.json()), label).toMatch(expected);
        const preview = await app.inject({
          method: 'POST',
          url: '/v1/preview',
          payload: { docx: bytes.toString('base64'), name: 'skabelon.docx', context: JSON.parse(karenJson) },
        });
        expect(preview.statusCode, label).toBe(400);
        expect(JSON.stringify(preview.json()), label).toMatch(expected);
      }
    });
  });
});
