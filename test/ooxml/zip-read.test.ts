/**
 * The zip reader (src/ooxml/zip.ts) on real bytes: every .docx of the project reads as pizzip
 * (the reader it replaced, still a development dependency) read it; Zip64 and directories are
 * read; every way a real .docx can be damaged in its container (cut short, a central record or
 * the end record changed, an offset pointing elsewhere, two entries with one name, entries that
 * share bytes, a local header that does not match) is a KpBrevError of kind input naming the
 * part where there is one; and for random damage to a real .docx the reader either gives entries
 * that all read back with their CRC or throws a KpBrevError, nothing else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { KpBrevError } from '../../src/diagnostics.js';
import { inflateWithin } from '../../src/ooxml/inflate.js';
import { readZip, type ZipEntry } from '../../src/ooxml/zip.js';
import { writeZip, type ZipOutput } from '../../src/ooxml/zip-write.js';

const root = join(import.meta.dirname, '../..');
const sample = readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx'));

function docxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return docxFiles(path);
    return f.endsWith('.docx') ? [path] : [];
  });
}

/** What the reader before this one (pizzip's parse, then our checks) made of each entry. */
interface Seen {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  dosTime: number;
  dosDate: number;
  raw: Buffer;
}

function byPizzip(bytes: Uint8Array): Seen[] {
  type Compressed = { compressedSize: number; uncompressedSize: number; crc32: number; compressionMethod: string; getCompressedContent(): Uint8Array | string };
  const files = new PizZip(bytes).files as unknown as Record<string, { dir: boolean; date: Date; _data: Compressed }>;
  return Object.entries(files)
    .filter(([, f]) => !f.dir)
    .map(([name, f]) => {
      const d = f._data;
      const content = d.getCompressedContent();
      const raw = typeof content === 'string' ? Buffer.from(content, 'latin1') : Buffer.from(content);
      const date = f.date;
      const old = date.getFullYear() < 1980;
      return {
        name,
        method: d.compressionMethod === '\x00\x00' ? 0 : d.compressionMethod === '\x08\x00' ? 8 : -1,
        crc32: d.crc32 >>> 0,
        compressedSize: raw.length,
        size: d.uncompressedSize,
        dosTime: old ? 0 : (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
        dosDate: old ? 0x21 : ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
        raw,
      };
    });
}

function byReader(bytes: Uint8Array): Seen[] {
  const zip = readZip(bytes);
  return zip.order.map((name) => {
    const e = zip.entries.get(name)!;
    return {
      name,
      method: e.method,
      crc32: e.crc32,
      compressedSize: e.compressedSize,
      size: e.size,
      dosTime: e.dosTime,
      dosDate: e.dosDate,
      raw: Buffer.from(e.raw),
    };
  });
}

/** The same entries: the header facts deep-equal, the stored bytes byte for byte (quicker). */
function expectSame(a: Seen[], b: Seen[]): void {
  expect(a.map(({ raw, ...facts }) => ({ ...facts, raw: raw.length }))).toEqual(b.map(({ raw, ...facts }) => ({ ...facts, raw: raw.length })));
  a.forEach((e, i) => expect(e.raw.equals(b[i]!.raw), e.name).toBe(true));
}

/** The KpBrevError readZip throws for these bytes (fails if it reads them or throws anything else). */
function refusal(bytes: Uint8Array): { code: string; params: Record<string, string | number> } {
  try {
    readZip(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(KpBrevError);
    expect((err as KpBrevError).kind).toBe('input');
    const d = (err as KpBrevError).diagnostics[0]!;
    return { code: d.code, params: d.params };
  }
  throw new Error('readZip read the damaged bytes');
}

// ---- byte surgery on a real .docx ----

const END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Offsets of the central records, by name. */
function centralRecords(bytes: Buffer): Map<string, number> {
  const at = new Map<string, number>();
  const end = bytes.lastIndexOf(END);
  for (let p = bytes.readUInt32LE(end + 16); p < end; p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32)) {
    at.set(bytes.toString('utf8', p + 46, p + 46 + bytes.readUInt16LE(p + 28)), p);
  }
  return at;
}
function editCentral(bytes: Buffer, part: string, edit: (b: Buffer, at: number) => void): Buffer {
  const out = Buffer.from(bytes);
  const at = centralRecords(out).get(part);
  if (at === undefined) throw new Error(`no record for ${part}`);
  edit(out, at);
  return out;
}
const editLocal = (bytes: Buffer, part: string, edit: (b: Buffer, at: number) => void): Buffer =>
  editCentral(bytes, part, (b, at) => edit(b, b.readUInt32LE(at + 42)));
function editEnd(bytes: Buffer, edit: (b: Buffer, at: number) => void): Buffer {
  const out = Buffer.from(bytes);
  edit(out, out.lastIndexOf(END));
  return out;
}
/** Where an entry's stored bytes start. */
function dataOf(bytes: Buffer, part: string): number {
  const local = bytes.readUInt32LE(centralRecords(bytes).get(part)! + 42);
  return local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
}

/**
 * A zip written by hand: local headers, central records and the end record, optionally in the
 * Zip64 form (every size and offset in the Zip64 extra field and end record), with a record's
 * flags, external attributes, local name and name bytes as given.
 */
interface HandEntry {
  name: Buffer;
  method: number;
  crc32: number;
  size: number;
  raw: Uint8Array;
  dosTime: number;
  dosDate: number;
  flags?: number;
  external?: number;
  madeBy?: number;
  localName?: Buffer;
  /** Where its local header goes (default: after the previous entry's data). */
  at?: number;
}
function handZip(entries: HandEntry[], options: { zip64?: boolean; comment?: string; dropZip64Field?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    const name = e.localName ?? e.name;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.dosTime, 10);
    local.writeUInt16LE(e.dosDate, 12);
    local.writeUInt32LE(e.crc32, 14);
    local.writeUInt32LE(e.raw.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(e.at ?? offset);
    if (e.at === undefined) {
      parts.push(local, name, Buffer.from(e.raw));
      offset += 30 + name.length + e.raw.length;
    }
  }
  const cdStart = offset;
  for (const [i, e] of entries.entries()) {
    const zip64 = options.zip64 && options.dropZip64Field !== e.name.toString();
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(e.size), 4);
      extra.writeBigUInt64LE(BigInt(e.raw.length), 12);
      extra.writeBigUInt64LE(BigInt(offsets[i]!), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(((e.madeBy ?? 0) << 8) | 45, 4);
    c.writeUInt16LE(45, 6);
    c.writeUInt16LE(e.flags ?? 0, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(e.dosTime, 12);
    c.writeUInt16LE(e.dosDate, 14);
    c.writeUInt32LE(e.crc32, 16);
    c.writeUInt32LE(options.zip64 ? 0xffffffff : e.raw.length, 20);
    c.writeUInt32LE(options.zip64 ? 0xffffffff : e.size, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(e.external ?? 0, 38);
    c.writeUInt32LE(options.zip64 ? 0xffffffff : offsets[i]!, 42);
    parts.push(c, e.name, extra);
    offset += 46 + e.name.length + extra.length;
  }
  const cdSize = offset - cdStart;
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdStart), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const comment = Buffer.from(options.comment ?? '', 'latin1');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : cdSize, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : cdStart, 16);
  end.writeUInt16LE(comment.length, 20);
  parts.push(end, comment);
  return Buffer.concat(parts);
}
const handEntries = (bytes: Uint8Array): HandEntry[] =>
  [...readZip(bytes).entries.values()].map((e: ZipEntry) => ({ ...e, name: Buffer.from(e.name, 'utf8') }));

// ---- the tests ----

describe('every .docx of the project reads as pizzip read it', () => {
  const files = [...docxFiles(join(root, 'templates')), ...docxFiles(join(root, 'samples')), ...docxFiles(join(root, 'test/fixtures'))];
  it('has the templates, the samples and the Word corpus (test/fixtures/word-fields)', () => {
    expect(files.filter((f) => f.includes('/templates/')).length).toBeGreaterThanOrEqual(20);
    expect(files.filter((f) => f.includes('/word-fields/')).length).toBe(25);
  });
  it.each(files.map((f) => [f.slice(root.length + 1)]))('%s: names, order, method, CRC, sizes, DOS time and date, stored bytes', (file) => {
    const bytes = readFileSync(join(root, file));
    expectSame(byReader(bytes), byPizzip(bytes));
  });
  it('a Uint8Array (not a Buffer) reads the same, its entries views of it', () => {
    const copy = new Uint8Array(sample);
    const zip = readZip(copy);
    expectSame(byReader(copy), byReader(sample));
    for (const e of zip.entries.values()) expect(e.raw.buffer).toBe(copy.buffer);
  });
});

describe('what a zip may hold', () => {
  it('Zip64: sizes and offsets in the Zip64 extra field and end record (as pizzip reads them)', () => {
    const zip64 = handZip(handEntries(sample), { zip64: true });
    expect(zip64.readUInt32LE(zip64.length - 22 - 20 - 56)).toBe(0x06064b50);
    expectSame(byReader(zip64), byReader(sample));
    expectSame(byReader(zip64), byPizzip(zip64));
  });

  it('directories (a name ending in /, or the DOS or Unix directory attribute) are not parts', () => {
    const dir = (name: string, external: number, madeBy = 0): HandEntry => ({
      name: Buffer.from(name),
      method: 0,
      crc32: 0,
      size: 0,
      raw: new Uint8Array(0),
      dosTime: 0,
      dosDate: 0x21,
      external,
      madeBy,
    });
    const bytes = handZip([dir('word/', 0), dir('docProps', 0x10), dir('customXml', 0o40755 << 16, 3), ...handEntries(sample)]);
    const zip = readZip(bytes);
    expect(zip.order).toEqual(readZip(sample).order);
    expectSame(byReader(bytes), byPizzip(bytes));
    // A directory that climbs out is refused by its name (with the `/` pizzip gave it).
    expect(refusal(handZip([dir('..', 0x10), ...handEntries(sample)]))).toMatchObject({ code: 'package.unsafe-name', params: { part: '../' } });
  });

  it('names in UTF-8, with or without flag bit 11 (as pizzip reads them)', () => {
    const name = 'word/media/æøå.png';
    const zip = readZip(sample);
    const flagged = writeZip([...zip.order.map((n): ZipOutput => ({ name: n, reuse: zip.entries.get(n)! })), { name, data: Buffer.from('x') }]);
    expect(readZip(flagged).order).toContain(name);
    const unflagged = handZip(handEntries(flagged).map((e) => ({ ...e, flags: 0 })));
    expect(readZip(unflagged).order).toContain(name);
    expectSame(byReader(unflagged), byPizzip(unflagged));
  });

  it('an end record with a comment, and a data descriptor flag (sizes from the central directory)', () => {
    const bytes = handZip(
      handEntries(sample).map((e) => ({ ...e, flags: 0x08 })),
      { comment: 'en kommentar' },
    );
    expectSame(byReader(bytes), byReader(sample));
  });

  it('the DOS time and date are the central record’s, as written again by the writer', () => {
    const dated = handZip(handEntries(sample).map((e) => ({ ...e, dosTime: 0x7a3c, dosDate: 0x5a8f })));
    const zip = readZip(dated);
    for (const e of zip.entries.values()) expect([e.dosTime, e.dosDate]).toEqual([0x7a3c, 0x5a8f]);
    const again = writeZip(zip.order.map((name) => ({ name, reuse: zip.entries.get(name)! })));
    for (const e of readZip(again).entries.values()) expect([e.dosTime, e.dosDate]).toEqual([0x7a3c, 0x5a8f]);
    expect(byPizzip(again).map((e) => [e.dosTime, e.dosDate])).toEqual(byReader(again).map((e) => [e.dosTime, e.dosDate]));
  });
});

describe('a damaged container is a KpBrevError of kind input, naming the part', () => {
  const records = centralRecords(sample);
  const names = [...records.keys()];
  const cdStart = sample.readUInt32LE(sample.lastIndexOf(END) + 16);

  it('cut short anywhere in its directory or end record: no end record', () => {
    for (const cut of [1, 5, 21, 22, 30, sample.length - cdStart - 10, sample.length - cdStart + 100, sample.length / 2, 2000]) {
      expect(refusal(sample.subarray(0, sample.length - Math.floor(cut))).code, `cut ${cut}`).toBe('package.no-end-record');
    }
    expect(refusal(Buffer.from('PK\u0003\u0004 not a zip at all')).code).toBe('package.no-end-record');
  });

  it('bytes taken out of the middle (the end record kept): the directory is not where it says', () => {
    expect(refusal(Buffer.concat([sample.subarray(0, 1000), sample.subarray(1100)])).code).toBe('package.bad-directory');
  });

  it('a central record with a broken signature, or a name length that runs past the directory', () => {
    expect(refusal(editCentral(sample, names[3]!, (b, at) => b.writeUInt32LE(0x02014b51, at))).code).toBe('package.bad-directory');
    expect(refusal(editCentral(sample, names.at(-1)!, (b, at) => b.writeUInt16LE(b.readUInt16LE(at + 28) + 1, at + 28))).code).toBe('package.bad-directory');
  });

  it('an end record whose directory runs past the end of the file, starts outside it, or is too short', () => {
    for (const edit of [
      (b: Buffer, at: number) => b.writeUInt32LE(b.readUInt32LE(at + 12) + 10, at + 12),
      (b: Buffer, at: number) => b.writeUInt32LE(0xfffffff0, at + 16),
      (b: Buffer, at: number) => b.writeUInt32LE(b.readUInt32LE(at + 16) + 46, at + 16),
      (b: Buffer, at: number) => b.writeUInt32LE(b.readUInt32LE(at + 12) - 1, at + 12),
    ]) {
      expect(refusal(editEnd(sample, edit)).code).toBe('package.bad-directory');
    }
  });

  it('an end record that counts other than the records there are', () => {
    expect(refusal(editEnd(sample, (b, at) => b.writeUInt16LE(3, at + 10)))).toMatchObject({
      code: 'package.entry-count',
      params: { declared: 3, found: names.length },
    });
    expect(refusal(editEnd(sample, (b, at) => b.writeUInt16LE(names.length + 1, at + 10)))).toMatchObject({
      code: 'package.entry-count',
      params: { declared: names.length + 1, found: names.length },
    });
  });

  it('an end record that says Zip64 without the Zip64 records', () => {
    expect(refusal(editEnd(sample, (b, at) => b.writeUInt16LE(0xffff, at + 10))).code).toBe('package.bad-directory');
    expect(refusal(editEnd(sample, (b, at) => b.writeUInt32LE(0xffffffff, at + 16))).code).toBe('package.bad-directory');
  });

  it('a Zip64 record without its Zip64 extra field', () => {
    expect(refusal(handZip(handEntries(sample), { zip64: true, dropZip64Field: 'word/styles.xml' }))).toEqual({
      code: 'package.bad-header',
      params: { part: 'word/styles.xml' },
    });
  });

  it('a local header offset outside the file, or off its header', () => {
    expect(refusal(editCentral(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(0x7ffffff0, at + 42)))).toEqual({
      code: 'package.bad-header',
      params: { part: 'word/document.xml' },
    });
    expect(refusal(editCentral(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 42) + 1, at + 42)))).toEqual({
      code: 'package.bad-header',
      params: { part: 'word/document.xml' },
    });
    // Pointing into the central directory itself.
    expect(refusal(editCentral(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(cdStart, at + 42)))).toEqual({
      code: 'package.bad-header',
      params: { part: 'word/document.xml' },
    });
  });

  it('a local header whose name is not the central one (same length, other bytes)', () => {
    const bytes = editLocal(sample, 'word/styles.xml', (b, at) => b.write('S', at + 30 + 'word/'.length, 'latin1'));
    expect(refusal(bytes)).toEqual({ code: 'package.bad-header', params: { part: 'word/styles.xml' } });
    expect(() => new PizZip(bytes)).not.toThrow(); // pizzip took the local name and went on
  });

  it('stored bytes that run into the central directory or past the end of the file', () => {
    const last = [...records.entries()].sort((a, b) => sample.readUInt32LE(a[1] + 42) - sample.readUInt32LE(b[1] + 42)).at(-1)![0];
    const room = cdStart - dataOf(sample, last);
    expect(refusal(editCentral(sample, last, (b, at) => b.writeUInt32LE(room + 1, at + 20)))).toEqual({
      code: 'package.entry-outside',
      params: { part: last },
    });
    expect(refusal(editCentral(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(0xfffffff0, at + 20)))).toEqual({
      code: 'package.entry-outside',
      params: { part: 'word/document.xml' },
    });
  });

  it('entries that share stored bytes: a compressed size that reaches into the next entry’s bytes', () => {
    const byPlace = [...records.entries()].sort((a, b) => sample.readUInt32LE(a[1] + 42) - sample.readUInt32LE(b[1] + 42)).map(([n]) => n);
    const i = byPlace.indexOf('word/document.xml');
    const next = byPlace[i + 1]!;
    const reach = dataOf(sample, next) - dataOf(sample, 'word/document.xml') + 1;
    expect(refusal(editCentral(sample, 'word/document.xml', (b, at) => b.writeUInt32LE(reach, at + 20)))).toEqual({
      code: 'package.entry-overlap',
      params: { part: next, other: 'word/document.xml' },
    });
  });

  it('two records of one local header, and an entry whose stored bytes hold another entry (a quoted-overlap zip bomb)', () => {
    const entries = handEntries(sample);
    const first = handZip(entries);
    const twice = editCentral(first, 'word/styles.xml', (b, at) => {
      // The record of word/styles.xml points at the local header of docProps/app.xml.
      const other = b.readUInt32LE(centralRecords(b).get('docProps/app.xml')! + 42);
      b.writeUInt32LE(other, at + 42);
    });
    expect(refusal(twice).code).toBe('package.bad-header');

    // Entry "a" stored, its bytes the local header and bytes of "b": both CRCs hold.
    const inner = Buffer.from('<x/>');
    const bLocal = handZip([{ name: Buffer.from('b.xml'), method: 0, crc32: crc32(inner) >>> 0, size: inner.length, raw: inner, dosTime: 0, dosDate: 0x21 }]);
    const bHeader = bLocal.subarray(0, 30 + 5 + inner.length);
    const aHead = 30 + 'a.xml'.length;
    const bomb = handZip([
      ...entries,
      { name: Buffer.from('a.xml'), method: 0, crc32: crc32(bHeader) >>> 0, size: bHeader.length, raw: bHeader, dosTime: 0, dosDate: 0x21 },
      {
        name: Buffer.from('b.xml'),
        method: 0,
        crc32: crc32(inner) >>> 0,
        size: inner.length,
        raw: inner,
        dosTime: 0,
        dosDate: 0x21,
        at: entries.reduce((n, e) => n + 30 + e.name.length + e.raw.length, 0) + aHead,
      },
    ]);
    expect(() => new PizZip(bomb)).not.toThrow(); // pizzip read both
    expect(refusal(bomb)).toEqual({ code: 'package.entry-overlap', params: { part: 'b.xml', other: 'a.xml' } });
  });

  it('two entries with one name', () => {
    const zip = readZip(sample);
    const twice = writeZip([...zip.order.map((name) => ({ name, reuse: zip.entries.get(name)! })), { name: 'word/styles.xml', data: Buffer.from('<x/>') }]);
    expect(refusal(twice)).toEqual({ code: 'package.duplicate-entry', params: { part: 'word/styles.xml' } });
  });

  it('an encrypted entry, and a compression method Word does not use', () => {
    expect(refusal(editCentral(sample, 'word/settings.xml', (b, at) => b.writeUInt16LE(b.readUInt16LE(at + 8) | 1, at + 8)))).toEqual({
      code: 'package.entry-encrypted',
      params: { part: 'word/settings.xml' },
    });
    expect(refusal(editCentral(sample, 'word/settings.xml', (b, at) => b.writeUInt16LE(12, at + 10)))).toEqual({
      code: 'package.entry-compression',
      params: { part: 'word/settings.xml' },
    });
  });

  it('a name that cannot be shown as it is (control characters) is shown escaped', () => {
    const bytes = editCentral(sample, 'word/styles.xml', (b, at) => {
      b.writeUInt8(1, at + 46 + 4);
      b.writeUInt32LE(0x7ffffff0, at + 42);
    });
    expect(refusal(bytes)).toEqual({ code: 'package.bad-header', params: { part: 'word\\x01styles.xml' } });
  });
});

describe('inflating with one engine (src/ooxml/inflate.ts)', () => {
  const deflated = [
    ...readZip(sample).entries.values(),
    ...readZip(readFileSync(join(root, 'templates/central/masters/myndighed.docx'))).entries.values(),
  ].filter((e) => e.method === 8);

  it('gives the bytes inflateRawSync gives, and takes the whole stream', () => {
    expect(deflated.length).toBeGreaterThan(20);
    for (const e of deflated) {
      const quick = inflateWithin(e.raw, e.size)!;
      expect(quick.consumed, e.name).toBe(e.raw.length);
      expect(quick.data.equals(inflateRawSync(e.raw)), e.name).toBe(true);
    }
  });

  it('answers undefined for a damaged stream or more output than size + 1, and goes on inflating', () => {
    const e = deflated.find((x) => x.size > 1000)!;
    expect(inflateWithin(e.raw.subarray(0, e.raw.length >> 1), e.size)).toBeUndefined();
    expect(inflateWithin(Buffer.from([0xff, 0xff, 0xff, 0xff]), 10)).toBeUndefined();
    expect(inflateWithin(e.raw, e.size - 2)).toBeUndefined();
    expect(inflateWithin(e.raw, e.size - 1)!.data.length).toBe(e.size);
    expect(inflateWithin(e.raw, e.size)!.data.equals(inflateRawSync(e.raw))).toBe(true);
    const withTail = Buffer.concat([e.raw, Buffer.from('PK')]);
    expect(inflateWithin(withTail, e.size)!.consumed).toBe(e.raw.length);
    expect(inflateWithin(deflateRawSync(Buffer.alloc(0)), 0)!.data.length).toBe(0);
  });

  it('readZip tells a damaged stream, a lying size and trailing bytes as before', () => {
    const entry = (raw: Uint8Array, size: number, data: Buffer): HandEntry => ({
      name: Buffer.from('word/x.xml'),
      method: 8,
      crc32: crc32(data) >>> 0,
      size,
      raw,
      dosTime: 0,
      dosDate: 0x21,
    });
    const data = Buffer.from('<x>'.padEnd(5000, 'y') + '</x>');
    const raw = deflateRawSync(data);
    const zip = (e: HandEntry): Buffer => handZip([...handEntries(sample), e]);
    expect(refusal(zip(entry(raw.subarray(0, raw.length - 3), data.length, data)))).toEqual({
      code: 'package.bad-entry',
      params: { part: 'word/x.xml', detail: 'unexpected end of file' },
    });
    expect(refusal(zip(entry(raw, data.length - 2, data)))).toEqual({
      code: 'package.entry-oversize',
      params: { part: 'word/x.xml', declared: data.length - 2 },
    });
    expect(refusal(zip(entry(raw, data.length - 1, data)))).toEqual({
      code: 'package.entry-size',
      params: { part: 'word/x.xml', size: data.length, declared: data.length - 1 },
    });
    expect(refusal(zip(entry(Buffer.concat([raw, Buffer.from('PK')]), data.length, data)))).toEqual({
      code: 'package.trailing-data',
      params: { part: 'word/x.xml', count: 2 },
    });
    expect(Buffer.from(readZip(zip(entry(raw, data.length, data))).read('word/x.xml')).equals(data)).toBe(true);
  });
});

describe('random damage to a real .docx (fast-check)', () => {
  const cdStart = sample.readUInt32LE(sample.lastIndexOf(END) + 16);
  /** A position: half of them in the central directory and end record, where damage tells. */
  const position = fc.oneof(fc.integer({ min: 0, max: sample.length - 1 }), fc.integer({ min: cdStart, max: sample.length - 1 }));
  const damage = fc.oneof(
    fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((sets) => (b: Buffer) => {
      const out = Buffer.from(b);
      for (const [at, v] of sets) out[at] = v;
      return out;
    }),
    fc.tuple(position, fc.integer({ min: 0, max: 31 })).map(([at, bit]) => (b: Buffer) => {
      // A 32-bit field with one bit flipped: sizes, offsets and counts go wild.
      const out = Buffer.from(b);
      const p = Math.min(at, b.length - 4);
      out.writeUInt32LE((out.readUInt32LE(p) ^ (1 << bit)) >>> 0, p);
      return out;
    }),
    position.map((at) => (b: Buffer) => b.subarray(0, at)),
    fc.tuple(position, fc.integer({ min: 1, max: 200 })).map(
      ([at, n]) =>
        (b: Buffer) =>
          Buffer.concat([b.subarray(0, at), b.subarray(at + n)]),
    ),
    fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 60 })).map(
      ([at, bytes]) =>
        (b: Buffer) =>
          Buffer.concat([b.subarray(0, at), bytes, b.subarray(at)]),
    ),
  );

  it('reads entries that all inflate to their size and CRC, or throws a KpBrevError of kind input', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(damage, (make) => {
        const bytes = make(sample);
        let outcome: string;
        try {
          const zip = readZip(bytes);
          for (const name of zip.order) {
            const e = zip.entries.get(name)!;
            const data = zip.read(name);
            expect(data.length).toBe(e.size);
            expect(crc32(data) >>> 0).toBe(e.crc32);
          }
          outcome = 'read';
        } catch (err) {
          if (!(err instanceof KpBrevError)) throw err;
          expect(err.kind).toBe('input');
          outcome = err.diagnostics[0]!.code;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { seed: 20_261_207, numRuns: 600 },
    );
    console.log(`zip damage outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    // The damage reached the container, not only the parts' bytes.
    expect(outcomes.get('read')).toBeGreaterThan(0);
    for (const code of ['package.no-end-record', 'package.bad-directory', 'package.bad-header', 'package.crc'])
      expect(outcomes.get(code), code).toBeGreaterThan(0);
  });
});
