/**
 * Writing the zip container of a letter: a small writer over node:zlib's native deflate. It puts
 * the stored compressed bytes of unchanged parts back as they are and deflates only the parts a
 * letter changed. See docs/decisions.md ("Zip: our reader, our writer") for why this is
 * not pizzip's `generate`, and why verified bytes are copied rather than deflated again.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import type { ZipEntry } from './zip.js';

/** Pieces are joined into strings of about this many characters before encoding: far below
 * V8's large-object size (128 KB), where making a flat string is slow. */
const BATCH_CHARS = 32 * 1024;

/** A text's bytes are written here before they are deflated (deflatedText), so no letter
 * allocates a buffer per part; one over this size is not kept. */
let scratch = Buffer.allocUnsafe(0);
const SCRATCH_KEPT = 16 * 1024 * 1024;

/**
 * A part given as pieces of text, deflated as writeZip deflates new bytes (deflatedEntry), ready
 * to go into writeZip as `reuse`: the same bytes as `{ data: utf8BytesOf(pieces) }`. The UTF-8
 * is written into a scratch buffer of at least 3 bytes a UTF-16 unit, so its length need not be
 * counted first (counting, then allocating a buffer per part, took several times longer in Node
 * 20); it lives only until deflate and CRC have read it. The pieces are joined into batches far
 * below V8's large-object size (128 KB), where making a flat string is slow: a part with a long
 * list is never one string. `level(size)`: the zlib level for the part's size in bytes.
 */
export function deflatedText(name: string, pieces: readonly string[], level: (size: number) => number, like?: ZipEntry): ZipEntry {
  const batches: string[] = [];
  let acc = '';
  let chars = 0;
  for (const p of pieces) {
    if (acc.length > 0 && acc.length + p.length > BATCH_CHARS) {
      batches.push(acc);
      acc = '';
    }
    acc += p;
    chars += p.length;
  }
  if (acc.length > 0) batches.push(acc);
  let buf = scratch;
  if (buf.length < chars * 3) {
    buf = Buffer.allocUnsafe(Math.max(chars * 3, 64 * 1024));
    if (buf.length <= SCRATCH_KEPT) scratch = buf;
  }
  let at = 0;
  for (const b of batches) at += buf.write(b, at, 'utf8');
  return deflatedEntry(name, buf.subarray(0, at), level(at), like);
}

/** New bytes as writeZip stores them: deflated (stored when empty), with their CRC, dated as
 * `like` (the template's entry) or 1980-01-01. */
export function deflatedEntry(name: string, data: Uint8Array, level: number, like?: ZipEntry): ZipEntry {
  const size = data.length;
  const crc = crc32(data) >>> 0;
  const raw = size === 0 ? new Uint8Array(0) : deflateRawSync(data, { level });
  return { name, method: size === 0 ? 0 : 8, crc32: crc, compressedSize: raw.length, size, dosTime: like?.dosTime ?? 0, dosDate: like?.dosDate ?? 0x21, raw };
}

/** An entry to write: either new bytes or an entry of the source archive reused as stored. */
export type ZipOutput =
  | { name: string; data: Uint8Array; like?: ZipEntry; /** zlib level for this entry (else WriteOptions.level). */ level?: number }
  | { name: string; reuse: ZipEntry };

export interface WriteOptions {
  /** zlib level for changed parts (default 6, zlib's default). */
  level?: number;
}

/** Writes a zip archive. Deterministic: the same inputs give the same bytes. */
export function writeZip(outputs: readonly ZipOutput[], options: WriteOptions = {}): Buffer {
  const level = options.level ?? 6;
  const records: Array<{
    name: Buffer;
    method: number;
    crc: number;
    csize: number;
    size: number;
    time: number;
    date: number;
    body: Uint8Array;
    offset: number;
    utf8: boolean;
  }> = [];
  let offset = 0;
  for (const out of outputs) {
    const name = Buffer.from(out.name, 'utf8');
    const utf8 = name.length !== out.name.length;
    const entry = 'reuse' in out ? out.reuse : deflatedEntry(out.name, out.data, out.level ?? level, out.like);
    const body = entry.raw;
    records.push({
      name,
      method: entry.method,
      crc: entry.crc32,
      csize: body.length,
      size: entry.size,
      time: entry.dosTime,
      date: entry.dosDate,
      body,
      offset,
      utf8,
    });
    offset += 30 + name.length + body.length;
  }
  let centralSize = 0;
  for (const r of records) centralSize += 46 + r.name.length;
  const buf = Buffer.allocUnsafe(offset + centralSize + 22);
  let p = 0;
  for (const r of records) {
    buf.writeUInt32LE(0x04034b50, p);
    buf.writeUInt16LE(20, p + 4);
    buf.writeUInt16LE(r.utf8 ? 0x0800 : 0, p + 6);
    buf.writeUInt16LE(r.method, p + 8);
    buf.writeUInt16LE(r.time, p + 10);
    buf.writeUInt16LE(r.date, p + 12);
    buf.writeUInt32LE(r.crc, p + 14);
    buf.writeUInt32LE(r.csize, p + 18);
    buf.writeUInt32LE(r.size, p + 22);
    buf.writeUInt16LE(r.name.length, p + 26);
    buf.writeUInt16LE(0, p + 28);
    r.name.copy(buf, p + 30);
    p += 30 + r.name.length;
    buf.set(r.body, p);
    p += r.body.length;
  }
  const centralStart = p;
  for (const r of records) {
    buf.writeUInt32LE(0x02014b50, p);
    buf.writeUInt16LE(20, p + 4);
    buf.writeUInt16LE(20, p + 6);
    buf.writeUInt16LE(r.utf8 ? 0x0800 : 0, p + 8);
    buf.writeUInt16LE(r.method, p + 10);
    buf.writeUInt16LE(r.time, p + 12);
    buf.writeUInt16LE(r.date, p + 14);
    buf.writeUInt32LE(r.crc, p + 16);
    buf.writeUInt32LE(r.csize, p + 20);
    buf.writeUInt32LE(r.size, p + 24);
    buf.writeUInt16LE(r.name.length, p + 28);
    buf.writeUInt16LE(0, p + 30);
    buf.writeUInt16LE(0, p + 32);
    buf.writeUInt16LE(0, p + 34);
    buf.writeUInt16LE(0, p + 36);
    buf.writeUInt32LE(0, p + 38);
    buf.writeUInt32LE(r.offset, p + 42);
    r.name.copy(buf, p + 46);
    p += 46 + r.name.length;
  }
  buf.writeUInt32LE(0x06054b50, p);
  buf.writeUInt16LE(0, p + 4);
  buf.writeUInt16LE(0, p + 6);
  buf.writeUInt16LE(records.length, p + 8);
  buf.writeUInt16LE(records.length, p + 10);
  buf.writeUInt32LE(centralSize, p + 12);
  buf.writeUInt32LE(centralStart, p + 16);
  buf.writeUInt16LE(0, p + 20);
  return buf;
}
