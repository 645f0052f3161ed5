/**
 * Parts that many packages hold byte for byte the same, read once for a run that loads many
 * related templates (`kp-brev lint` over a repository: a municipality's override keeps the
 * central template's styles, numbering, settings, notes, relationships...).
 *
 * A part is known by its name, its zip header (method, CRC, sizes) and its stored bytes,
 * compared in full: the same stored bytes inflate to the same bytes, so an entry that matches
 * one verified before (zip.ts: it inflated completely, to its declared size and CRC) is not
 * inflated again, and its text and parsed tree (which every stage reads only) are the ones
 * read before. What parsing counted against the content limits (src/limits.ts) is kept with
 * the tree and counted again for every package that uses it.
 *
 * Field instructions too are parsed once (`instruction`).
 *
 * A part's text and tree are kept from its second sighting on, so a part only one package
 * holds (each override's own document) is never kept; the records are bounded (the least
 * recently seen go first).
 */
import { parseInstruction, type ParseResult } from '../fieldcode/index.js';
import type { XElement } from './xml.js';

/** What a zip entry's header and stored bytes say (zip.ts ZipEntry). */
interface StoredEntry {
  readonly name: string;
  readonly method: number;
  readonly crc32: number;
  readonly size: number;
  readonly raw: Uint8Array;
}

export interface SharedPart {
  /** The decoded text, once a second package read it. */
  text?: string;
  /** The parsed tree, once a second package parsed it, and what parsing it counted
   * (elements, paragraphs, fields). */
  tree?: XElement;
  counts?: readonly [number, number, number];
}

interface PartRecord extends SharedPart {
  readonly raw: Buffer;
}

/** Records kept by default: a repository's templates share a few dozen parts. */
const KEEP = 512;

/** Field instructions kept by default (a repository's templates use a few hundred). */
const KEEP_INSTRUCTIONS = 8192;

export class SharedParts {
  private readonly records = new Map<string, PartRecord[]>();
  private size = 0;
  private readonly instructions = new Map<string, ParseResult>();

  constructor(private readonly keep = KEEP) {}

  /** A field instruction's tree (fieldcode/), parsed once for all the templates: the same
   * instruction text parses to the same tree, which every stage reads only. */
  readonly instruction = (text: string): ParseResult => {
    let parsed = this.instructions.get(text);
    if (!parsed) {
      if (this.instructions.size >= KEEP_INSTRUCTIONS) this.instructions.clear();
      this.instructions.set(text, (parsed = parseInstruction(text)));
    }
    return parsed;
  };

  /** The record of an entry verified before with the same name, header and stored bytes. */
  match(entry: StoredEntry): SharedPart | undefined {
    const key = keyOf(entry);
    const list = this.records.get(key);
    if (!list) return undefined;
    const raw = bytesOf(entry);
    const hit = list.find((r) => r.raw.equals(raw));
    if (hit) {
      // The most recently seen last.
      this.records.delete(key);
      this.records.set(key, list);
    }
    return hit;
  }

  /** Remembers an entry the caller has verified (and that matched none before). */
  add(entry: StoredEntry): void {
    const key = keyOf(entry);
    const list = this.records.get(key);
    const record: PartRecord = { raw: Buffer.from(bytesOf(entry)) };
    if (list) list.push(record);
    else this.records.set(key, [record]);
    if (++this.size > this.keep) this.evict();
  }

  /** Drops the least recently seen records. */
  private evict(): void {
    for (const [key, list] of this.records) {
      if (this.size <= this.keep) return;
      this.records.delete(key);
      this.size -= list.length;
    }
  }
}

const keyOf = (entry: StoredEntry): string => `${entry.name}\0${entry.method}\0${entry.crc32}\0${entry.size}\0${entry.raw.length}`;

const bytesOf = (entry: StoredEntry): Buffer => Buffer.from(entry.raw.buffer, entry.raw.byteOffset, entry.raw.length);
