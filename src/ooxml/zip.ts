/**
 * The zip container of a .docx.
 *
 * Reading: our own reader of the container (APPNOTE.TXT: the end of central directory record,
 * its Zip64 form, the central directory and each entry's local header) over the file's bytes,
 * without copying them: an entry's stored bytes are a view of the file. The central directory
 * says what an entry is (method, CRC, sizes, date), as Word and other readers take it; each
 * record is checked against its local header (signature, the same name) and every entry's
 * header and data must lie inside the file, before the central directory, apart from every
 * other entry's. We inflate each entry with node:zlib (one engine for all: ./inflate.ts) so
 * that the output size is capped while inflating (a zip bomb cannot lie its way past a header
 * check) and the CRC is verified.
 * Every entry is verified once, when the archive is read: its name is safe (names.ts), its
 * stored bytes inflate completely, to exactly the declared size, with the declared CRC. Only
 * then may the compressed bytes of an unchanged part go into letters as they are. Whatever is
 * wrong is a KpBrevError of kind input, naming the part where there is one.
 *
 * Writing is in ./zip-write.ts.
 */
import { crc32, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { inputError } from '../diagnostics.js';
import { inflateWithin } from './inflate.js';
import { checkEntryNames, shown } from './names.js';
import type { SharedPart, SharedParts } from './shared-parts.js';

export interface ZipLimits {
  /** Largest accepted input file in bytes. */
  maxInputSize: number;
  /** Most entries in the archive. */
  maxEntries: number;
  /** Largest unpacked entry in bytes. */
  maxEntrySize: number;
  /** Largest sum of declared unpacked sizes in bytes. */
  maxTotalSize: number;
  /** Highest unpacked/packed ratio for entries larger than `ratioFloor`. */
  maxRatio: number;
  ratioFloor: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxInputSize: 64 * 1024 * 1024,
  maxEntries: 2000,
  maxEntrySize: 64 * 1024 * 1024,
  maxTotalSize: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
};

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dosTime: number;
  readonly dosDate: number;
  /** The entry's bytes as stored in the archive (compressed for method 8). */
  readonly raw: Uint8Array;
}

export interface ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** Entry names in archive order. */
  readonly order: readonly string[];
  /** Inflates an entry (capped and CRC-checked). */
  read(name: string): Uint8Array;
  /** With shared parts (readZip): the record of an entry another package holds the same. */
  shared?(name: string): SharedPart | undefined;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_RECORD = 0x02014b50;
const ZIP64_END_RECORD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** What a 16- or 32-bit field holds when the value is in the Zip64 records. */
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** Where the central directory is and how many records the end record says it holds. */
interface Directory {
  readonly start: number;
  /** Where the directory ends: the Zip64 end record, or the end record. */
  readonly end: number;
  readonly count: number;
}

/** A central directory record, checked against its entry's local header: an entry's header
 * facts (ZipEntry without its bytes) and where they are. */
interface DirectoryRecord extends Omit<ZipEntry, 'raw'> {
  /** A directory's name always ends in `/`. */
  readonly name: string;
  readonly dir: boolean;
  /** Where the entry's local header starts, and its stored bytes. */
  readonly header: number;
  readonly data: number;
}

/**
 * Reads and verifies a zip. With `shared` (shared-parts.ts), an entry whose name, header and
 * stored bytes match one verified before is not inflated again: the same bytes verify the same.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, shared?: SharedParts): ZipArchive {
  if (bytes.length === 0) throw inputError('package.empty');
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) throw inputError('package.legacy-doc');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw inputError('package.not-zip');
  if (bytes.length > limits.maxInputSize) {
    throw inputError('package.total-too-large', { limit: limits.maxInputSize });
  }
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const directory = findDirectory(buf, view, limits);
  const records = readDirectory(buf, view, directory);
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.name)) throw inputError('package.duplicate-entry', { part: shown(r.name) });
    seen.add(r.name);
  }
  checkPlaces(records);
  checkEntryNames(
    records.filter((r) => !r.dir).map((r) => r.name),
    records.filter((r) => r.dir).map((r) => r.name),
  );
  const entries = new Map<string, ZipEntry>();
  const order: string[] = [];
  const state = { total: 0 };
  for (const r of records) {
    if (r.dir) continue;
    entries.set(r.name, entryOf(r, bytes, limits, state, entries.size));
    order.push(r.name);
  }
  // Verified now, once, after every header passed the limits: an entry no stage reads (an
  // image, a font, docProps) still goes into every letter as stored. The XML parts are read
  // next (the package checks them all), so their bytes are kept for that one read.
  const verified = new Map<string, Uint8Array>();
  const same = new Map<string, SharedPart>();
  for (const entry of entries.values()) {
    const known = shared?.match(entry);
    if (known) {
      same.set(entry.name, known);
      continue;
    }
    const data = inflateEntry(entry, limits);
    shared?.add(entry);
    if (/\.(xml|rels)$/i.test(entry.name)) verified.set(entry.name, data);
  }

  return {
    entries,
    order,
    ...(shared ? { shared: (name: string) => same.get(name) } : {}),
    read(name: string): Uint8Array {
      const entry = entries.get(name);
      if (!entry) throw inputError('package.not-docx', { detail: name });
      const data = verified.get(name);
      if (data) {
        verified.delete(name);
        return data;
      }
      return inflateEntry(entry, limits);
    },
  };
}

/**
 * The end record (the last one in the last 22 + 65,535 bytes: the record and the longest
 * comment), and the Zip64 end record it may point to through the locator just before it. The
 * central directory must end where the (Zip64) end record starts.
 */
function findDirectory(buf: Buffer, view: DataView, limits: ZipLimits): Directory {
  const end = buf.length < 22 ? -1 : buf.lastIndexOf(END_SIGNATURE, buf.length - 22);
  if (end < 0 || end < buf.length - 22 - MAX16) throw inputError('package.no-end-record');
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let start = view.getUint32(end + 16, true);
  let stop = end;
  const zip64 = view.getUint16(end + 4, true) === MAX16 || view.getUint16(end + 6, true) === MAX16 || view.getUint16(end + 8, true) === MAX16;
  if (zip64 || count === MAX16 || size === MAX32 || start === MAX32) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw inputError('package.bad-directory');
    const at = uint64(view, locator + 8);
    if (at + 56 > locator || view.getUint32(at, true) !== ZIP64_END_RECORD) throw inputError('package.bad-directory');
    count = uint64(view, at + 32);
    size = uint64(view, at + 40);
    start = uint64(view, at + 48);
    stop = at;
  }
  if (count > limits.maxEntries) throw inputError('package.too-many-entries', { count, limit: limits.maxEntries });
  if (start + size !== stop) throw inputError('package.bad-directory');
  return { start, end: stop, count };
}

/** The records of the central directory: whole, as many as the end record says, each with a
 * local header that matches it. */
function readDirectory(buf: Buffer, view: DataView, directory: Directory): DirectoryRecord[] {
  let found = 0;
  for (let p = directory.start; p < directory.end; found++) {
    if (p + 46 > directory.end || view.getUint32(p, true) !== CENTRAL_RECORD) throw inputError('package.bad-directory');
    p += recordLength(view, p);
    if (p > directory.end) throw inputError('package.bad-directory');
  }
  if (found !== directory.count) throw inputError('package.entry-count', { declared: directory.count, found });
  const records: DirectoryRecord[] = [];
  for (let p = directory.start; p < directory.end; p += recordLength(view, p)) records.push(recordAt(buf, view, p, directory.start));
  return records;
}

const recordLength = (view: DataView, p: number): number => 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);

function recordAt(buf: Buffer, view: DataView, p: number, directoryStart: number): DirectoryRecord {
  const nameLength = view.getUint16(p + 28, true);
  const nameStart = p + 46;
  // UTF-8 whether or not flag bit 11 says so, as pizzip read them (an ASCII name, which is
  // what Word writes, reads the same in any of the code pages a zip may use).
  let name = buf.toString('utf8', nameStart, nameStart + nameLength);
  if (view.getUint16(p + 8, true) & 1) throw inputError('package.entry-encrypted', { part: shown(name) });
  let compressedSize = view.getUint32(p + 20, true);
  let size = view.getUint32(p + 24, true);
  let header = view.getUint32(p + 42, true);
  if (size === MAX32 || compressedSize === MAX32 || header === MAX32) {
    // The Zip64 extra field holds, in this order, each of these that is MAX32 in the record.
    const field = zip64Field(view, nameStart + nameLength, view.getUint16(p + 30, true));
    let q = field.start;
    const next = (): number => {
      if (q + 8 > field.end) throw inputError('package.bad-header', { part: shown(name) });
      q += 8;
      return uint64(view, q - 8);
    };
    if (size === MAX32) size = next();
    if (compressedSize === MAX32) compressedSize = next();
    if (header === MAX32) header = next();
  }
  // The local header: where the record says, with the same name; its sizes, method and
  // dates may be zero (a data descriptor follows the data), so the record's are the ones used.
  const localName = header + 30;
  if (
    localName + nameLength > directoryStart ||
    view.getUint32(header, true) !== LOCAL_HEADER ||
    view.getUint16(header + 26, true) !== nameLength ||
    !sameBytes(buf, localName, nameStart, nameLength)
  ) {
    throw inputError('package.bad-header', { part: shown(name) });
  }
  const data = localName + nameLength + view.getUint16(header + 28, true);
  if (data > directoryStart) throw inputError('package.bad-header', { part: shown(name) });
  if (data + compressedSize > directoryStart) throw inputError('package.entry-outside', { part: shown(name) });
  // A directory as pizzip took it: a name ending in `/`, or the directory attribute of DOS
  // or (made on Unix) of Unix.
  const external = view.getUint32(p + 38, true);
  const dir = name.endsWith('/') || (external & 0x10) !== 0 || (view.getUint8(p + 5) === 3 && ((external >>> 16) & 0x4000) !== 0);
  if (dir && !name.endsWith('/')) name += '/';
  return {
    name,
    dir,
    method: view.getUint16(p + 10, true),
    crc32: view.getUint32(p + 16, true),
    compressedSize,
    size,
    dosTime: view.getUint16(p + 12, true),
    dosDate: view.getUint16(p + 14, true),
    header,
    data,
  };
}

/** Where the Zip64 extra field's data is among a record's extra fields. */
function zip64Field(view: DataView, at: number, length: number): { start: number; end: number } {
  const end = at + length;
  for (let p = at; p + 4 <= end; p += 4 + view.getUint16(p + 2, true)) {
    const fieldEnd = p + 4 + view.getUint16(p + 2, true);
    if (fieldEnd > end) break;
    if (view.getUint16(p, true) === 1) return { start: p + 4, end: fieldEnd };
  }
  return { start: end, end };
}

const uint64 = (view: DataView, at: number): number => view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x100000000;

function sameBytes(buf: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/**
 * No two entries share stored bytes, and no local header lies inside another. (The bytes an
 * entry's record claims past its deflate stream may run into the next local header: that is
 * told as trailing data when the entry is inflated.)
 */
function checkPlaces(records: readonly DirectoryRecord[]): void {
  let inOrder = true;
  for (let i = 1; i < records.length && inOrder; i++) inOrder = records[i]!.header > records[i - 1]!.header;
  const byPlace = inOrder ? records : [...records].sort((a, b) => a.header - b.header);
  for (let i = 1; i < byPlace.length; i++) {
    const before = byPlace[i - 1]!;
    const r = byPlace[i]!;
    if (r.header < before.data || r.data < before.data + before.compressedSize) {
      throw inputError('package.entry-overlap', { part: shown(r.name), other: shown(before.name) });
    }
  }
}

/** One entry's header facts and stored bytes, checked against the limits. */
function entryOf(r: DirectoryRecord, bytes: Uint8Array, limits: ZipLimits, state: { total: number }, count: number): ZipEntry {
  const { name, method, size } = r;
  if (method !== 0 && method !== 8) throw inputError('package.entry-compression', { part: name });
  if (size > limits.maxEntrySize) {
    throw inputError('package.entry-too-large', { part: name, size, limit: limits.maxEntrySize });
  }
  state.total += size;
  if (state.total > limits.maxTotalSize) throw inputError('package.total-too-large', { limit: limits.maxTotalSize });
  if (count + 1 > limits.maxEntries) {
    throw inputError('package.too-many-entries', { count: count + 1, limit: limits.maxEntries });
  }
  const raw = bytes.subarray(r.data, r.data + r.compressedSize);
  if (size > limits.ratioFloor && raw.length > 0 && size / raw.length > limits.maxRatio) {
    throw inputError('package.ratio', { part: name, ratio: Math.round(size / raw.length), limit: limits.maxRatio });
  }
  return { name, method, crc32: r.crc32, compressedSize: raw.length, size, dosTime: r.dosTime, dosDate: r.dosDate, raw };
}

function inflateEntry(entry: ZipEntry, limits: ZipLimits): Uint8Array {
  let data: Uint8Array;
  if (entry.method === 0) {
    data = entry.raw;
  } else {
    // The declared size was checked against the limits; one byte more than declared shows a
    // lying header as a size mismatch instead of letting it inflate on.
    const cap = Math.min(entry.size, limits.maxEntrySize);
    let consumed: number;
    const quick = inflateWithin(entry.raw, cap);
    if (quick) {
      data = quick.data;
      consumed = quick.consumed;
    } else {
      try {
        const out = inflateRawSync(entry.raw, { maxOutputLength: cap + 1, info: true } as ZlibOptions) as unknown as {
          buffer: Buffer;
          engine: { bytesWritten: number };
        };
        data = out.buffer;
        consumed = out.engine.bytesWritten;
      } catch (err) {
        if (err instanceof RangeError) throw inputError('package.entry-oversize', { part: entry.name, declared: entry.size });
        throw inputError('package.bad-entry', { part: entry.name, detail: shortError(err) });
      }
    }
    // Bytes after the end of the deflate stream (a compressed size that claims too much) would
    // be copied into letters with the part.
    if (consumed !== entry.raw.length) {
      throw inputError('package.trailing-data', { part: entry.name, count: entry.raw.length - consumed });
    }
  }
  if (data.length !== entry.size) {
    throw inputError('package.entry-size', { part: entry.name, size: data.length, declared: entry.size });
  }
  if (crc32(data) >>> 0 !== entry.crc32) throw inputError('package.crc', { part: entry.name });
  return data;
}

function shortError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.slice(0, 200);
}
