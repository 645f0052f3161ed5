/**
 * A full check of a written .docx, independent of the reader in src/ooxml: walks the end record,
 * the central directory and every local header itself, inflates every entry and checks its size
 * and CRC and that the deflate stream ends where the entry does, checks every name, and parses
 * every XML part with saxes directly (no DOCTYPE, well-formed, bytes as declared).
 */
import { crc32, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { SaxesParser } from 'saxes';

export interface CheckedEntry {
  name: string;
  data: Buffer;
}

/** Every problem found (none for a sound letter) and the entries that could be read. */
export function zipProblems(bytes: Buffer): { problems: string[]; entries: CheckedEntry[] } {
  const problems: string[] = [];
  const entries: CheckedEntry[] = [];
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length) return { problems: ['no end of central directory record'], entries };
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdStart = bytes.readUInt32LE(eocd + 16);
  if (bytes.readUInt16LE(eocd + 8) !== count) problems.push('entry counts of the end record differ');
  if (cdStart + cdSize !== eocd) problems.push('the central directory does not end at the end record');
  let p = cdStart;
  const seen = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) {
      problems.push(`central record ${i}: bad signature`);
      break;
    }
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const crc = bytes.readUInt32LE(p + 16);
    const csize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const offset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    const nameProblem = unsafeName(name);
    if (nameProblem) problems.push(`${JSON.stringify(name)}: ${nameProblem}`);
    const other = seen.get(name.toLowerCase());
    if (other !== undefined) problems.push(`${JSON.stringify(name)}: same name as ${JSON.stringify(other)} but for case`);
    seen.set(name.toLowerCase(), name);
    if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== 0x04034b50) {
      problems.push(`${name}: no local header at ${offset}`);
      continue;
    }
    const localNameLen = bytes.readUInt16LE(offset + 26);
    const localName = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', offset + 30, offset + 30 + localNameLen);
    if (localName !== name) problems.push(`${name}: the local header names ${JSON.stringify(localName)}`);
    if ((flags & 0x08) === 0) {
      if (bytes.readUInt32LE(offset + 14) !== crc || bytes.readUInt32LE(offset + 18) !== csize || bytes.readUInt32LE(offset + 22) !== size) {
        problems.push(`${name}: local header and central directory differ`);
      }
    }
    const start = offset + 30 + localNameLen + bytes.readUInt16LE(offset + 28);
    if (start + csize > cdStart) {
      problems.push(`${name}: data runs into the central directory`);
      continue;
    }
    const raw = bytes.subarray(start, start + csize);
    let data: Buffer;
    if (method === 0) {
      data = raw;
    } else if (method === 8) {
      try {
        const out = inflateRawSync(raw, { info: true } as ZlibOptions) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
        data = out.buffer;
        if (out.engine.bytesWritten !== csize) problems.push(`${name}: ${csize - out.engine.bytesWritten} bytes after the deflate stream`);
      } catch (err) {
        problems.push(`${name}: does not inflate (${(err as Error).message})`);
        continue;
      }
    } else {
      problems.push(`${name}: compression method ${method}`);
      continue;
    }
    if (data.length !== size) problems.push(`${name}: ${data.length} bytes, declared ${size}`);
    if (crc32(data) >>> 0 !== crc) problems.push(`${name}: CRC mismatch`);
    entries.push({ name, data });
  }
  if (p !== cdStart + cdSize) problems.push('the central directory size is wrong');
  problems.push(...xmlProblems(entries));
  return { problems, entries };
}

function unsafeName(name: string): string | undefined {
  if (name === '') return 'empty';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character';
  if (name.includes('\\')) return 'backslash';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  if (name.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'empty, . or .. segment';
  return undefined;
}

const XML_TYPE = /\+xml$|^(application|text)\/xml$/i;

function xmlProblems(entries: CheckedEntry[]): string[] {
  const problems: string[] = [];
  const ct = entries.find((e) => e.name === '[Content_Types].xml');
  if (!ct) return ['no [Content_Types].xml'];
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const ctText = decode(ct, problems);
  if (ctText !== undefined) {
    for (const m of ctText.matchAll(/<Default\b[^>]*?Extension="([^"]*)"[^>]*?ContentType="([^"]*)"/g)) defaults.set(m[1]!.toLowerCase(), m[2]!);
    for (const m of ctText.matchAll(/<Override\b[^>]*?PartName="([^"]*)"[^>]*?ContentType="([^"]*)"/g))
      overrides.set(m[1]!.replace(/^\//, '').toLowerCase(), m[2]!);
  }
  for (const e of entries) {
    const lower = e.name.toLowerCase();
    const type = overrides.get(lower) ?? defaults.get(lower.slice(lower.lastIndexOf('.') + 1)) ?? '';
    if (!/\.(xml|rels)$/.test(lower) && !XML_TYPE.test(type)) continue;
    const text = e === ct ? ctText : decode(e, problems);
    if (text === undefined) continue;
    const parser = new SaxesParser();
    let problem: string | undefined;
    parser.on('doctype', () => (problem ??= 'DOCTYPE'));
    parser.on('error', (err) => {
      problem ??= err.message;
      throw err;
    });
    try {
      parser.write(text).close();
    } catch {
      // recorded above
    }
    if (problem) problems.push(`${e.name}: ${problem}`);
  }
  return problems;
}

/** The text of an XML part; a problem when its bytes are not what its declaration says. */
function decode(e: CheckedEntry, problems: string[]): string | undefined {
  const d = e.data;
  const actual = d[0] === 0xff && d[1] === 0xfe ? 'utf-16le' : d[0] === 0xfe && d[1] === 0xff ? 'utf-16be' : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(actual, { fatal: true }).decode(d);
  } catch {
    problems.push(`${e.name}: not valid ${actual}`);
    return undefined;
  }
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1]?.toLowerCase();
  if (declared !== undefined) {
    const agrees = declared.startsWith('utf-16') ? actual.startsWith('utf-16') : (declared === 'utf-8' || declared === 'utf8') && actual === 'utf-8';
    if (!agrees) problems.push(`${e.name}: declares ${declared}, written as ${actual}`);
  }
  return text;
}
