/**
 * The zip container of a .docx.
 *
 * Reading: pizzip parses the container (end of central directory, central directory, local
 * headers); we inflate each entry ourselves with node:zlib so that the output size is capped
 * while inflating (a zip bomb cannot lie its way past a header check) and the CRC is verified.
 * Every entry is verified once, when the archive is read: its name is safe (names.ts), its
 * stored bytes inflate completely, to exactly the declared size, with the declared CRC. Only
 * then may the compressed bytes of an unchanged part go into letters as they are. Any failure
 * of pizzip or zlib is a KpBrevError of kind input naming the part.
 *
 * Writing is in ./zip-write.ts.
 */
import { crc32, inflateRawSync, type ZlibOptions } from 'node:zlib';
import PizZip from 'pizzip';
import { inputError, KpBrevError } from '../diagnostics.js';
import { checkEntryNames } from './names.js';
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

interface PizCompressed {
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  compressionMethod: string;
  getCompressedContent(): Uint8Array | string;
}

interface PizFile {
  name: string;
  dir: boolean;
  date?: Date;
  _data: PizCompressed | unknown;
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
  const declared = declaredEntryCount(bytes);
  if (declared !== undefined && declared > limits.maxEntries) {
    throw inputError('package.too-many-entries', { count: declared, limit: limits.maxEntries });
  }

  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch (err) {
    throw inputError('package.corrupt', { detail: shortError(err) });
  }

  const files = zip.files as unknown as Record<string, PizFile>;
  const names = Object.keys(files);
  // Two central-directory records with one name collapse into one in pizzip: the count shows it.
  if (declared !== undefined && declared !== names.length) {
    throw inputError('package.entry-count', { declared, found: names.length });
  }
  checkEntryNames(
    names.filter((n) => !files[n]?.dir),
    names.filter((n) => files[n]?.dir),
  );
  const entries = new Map<string, ZipEntry>();
  const order: string[] = [];
  const state = { total: 0 };
  for (const name of names) {
    const file = files[name];
    if (!file || file.dir) continue;
    entries.set(
      name,
      wrapped(name, () => entryOf(name, file, limits, state, entries.size)),
    );
    order.push(name);
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
    const data = wrapped(entry.name, () => inflateEntry(entry, limits));
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

/** pizzip reads an entry's bytes lazily: whatever it throws then is a damaged entry. */
function wrapped<T>(part: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof KpBrevError) throw err;
    throw inputError('package.bad-entry', { part, detail: shortError(err) });
  }
}

/** One entry's header facts and stored bytes, checked against the limits. */
function entryOf(name: string, file: PizFile, limits: ZipLimits, state: { total: number }, count: number): ZipEntry {
  const data = file._data as PizCompressed;
  if (!data || typeof data.getCompressedContent !== 'function') {
    throw inputError('package.entry-no-data', { part: name });
  }
  const method = data.compressionMethod === '\x00\x00' ? 0 : data.compressionMethod === '\x08\x00' ? 8 : -1;
  if (method < 0) throw inputError('package.entry-compression', { part: name });
  const size = data.uncompressedSize;
  if (size > limits.maxEntrySize) {
    throw inputError('package.entry-too-large', { part: name, size, limit: limits.maxEntrySize });
  }
  state.total += size;
  if (state.total > limits.maxTotalSize) throw inputError('package.total-too-large', { limit: limits.maxTotalSize });
  if (count + 1 > limits.maxEntries) {
    throw inputError('package.too-many-entries', { count: count + 1, limit: limits.maxEntries });
  }
  const content = data.getCompressedContent();
  const raw = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  if (size > limits.ratioFloor && raw.length > 0 && size / raw.length > limits.maxRatio) {
    throw inputError('package.ratio', { part: name, ratio: Math.round(size / raw.length), limit: limits.maxRatio });
  }
  const { dosTime, dosDate } = toDos(file.date);
  return { name, method, crc32: data.crc32 >>> 0, compressedSize: raw.length, size, dosTime, dosDate, raw };
}

function inflateEntry(entry: ZipEntry, limits: ZipLimits): Uint8Array {
  let data: Uint8Array;
  if (entry.method === 0) {
    data = entry.raw;
  } else {
    let consumed: number;
    try {
      // The declared size was checked against the limits; one byte more than declared shows a
      // lying header as a size mismatch instead of letting it inflate on.
      const out = inflateRawSync(entry.raw, { maxOutputLength: Math.min(entry.size, limits.maxEntrySize) + 1, info: true } as ZlibOptions) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      data = out.buffer;
      consumed = out.engine.bytesWritten;
    } catch (err) {
      if (err instanceof RangeError) throw inputError('package.entry-oversize', { part: entry.name, declared: entry.size });
      throw inputError('package.bad-entry', { part: entry.name, detail: shortError(err) });
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

/** Reads the entry count from the end-of-central-directory record, if it can be found. */
function declaredEntryCount(bytes: Uint8Array): number | undefined {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      const count = (bytes[i + 10] ?? 0) | ((bytes[i + 11] ?? 0) << 8);
      return count === 0xffff ? undefined : count;
    }
  }
  return undefined;
}

function toDos(date: Date | undefined): { dosTime: number; dosDate: number } {
  if (!date || Number.isNaN(date.getTime()) || date.getFullYear() < 1980) return { dosTime: 0, dosDate: 0x21 };
  const dosTime = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const dosDate = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { dosTime, dosDate };
}

function shortError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.slice(0, 200);
}
