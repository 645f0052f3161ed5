/**
 * TrueType (sfnt) surgery for embedding: strip hinting from a font once per process (PDF
 * viewers draw outlines with their own rasterisers; the instructions only add bytes), and
 * per letter empty every glyph the letter does not use, keeping glyph ids unchanged so that
 * widths and the ToUnicode map prepared once per process stay valid.
 */
import { deflateSync } from 'node:zlib';

interface Tables {
  [tag: string]: Buffer;
}

export function readTables(ttf: Buffer): Tables {
  const n = ttf.readUInt16BE(4);
  const out: Tables = {};
  for (let i = 0; i < n; i++) {
    const o = 12 + 16 * i;
    const tag = ttf.toString('latin1', o, o + 4);
    const off = ttf.readUInt32BE(o + 8);
    const len = ttf.readUInt32BE(o + 12);
    out[tag] = ttf.subarray(off, off + len);
  }
  return out;
}

function checksum(d: Buffer): number {
  let sum = 0;
  const full = d.length - (d.length % 4);
  for (let j = 0; j < full; j += 4) sum = (sum + d.readUInt32BE(j)) >>> 0;
  if (full < d.length) {
    const tail = Buffer.alloc(4);
    d.copy(tail, 0, full);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

export function writeSfnt(tables: Tables): Buffer {
  const names = Object.keys(tables).sort();
  const header = Buffer.alloc(12 + 16 * names.length);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(names.length, 4);
  let es = 0;
  while (1 << (es + 1) <= names.length) es++;
  header.writeUInt16BE(16 << es, 6);
  header.writeUInt16BE(es, 8);
  header.writeUInt16BE(names.length * 16 - (16 << es), 10);
  const body: Buffer[] = [header];
  let off = header.length;
  names.forEach((tag, i) => {
    const d = tables[tag]!;
    const o = 12 + 16 * i;
    header.write(tag.padEnd(4, ' '), o, 'latin1');
    header.writeUInt32BE(checksum(d), o + 4);
    header.writeUInt32BE(off, o + 8);
    header.writeUInt32BE(d.length, o + 12);
    body.push(d);
    off += d.length;
    const pad = (4 - (d.length % 4)) % 4;
    if (pad) {
      body.push(Buffer.alloc(pad));
      off += pad;
    }
  });
  return Buffer.concat(body, off);
}

/** Glyph boundaries from loca (short or long format). */
function glyphStarts(tables: Tables): Uint32Array {
  const head = tables['head']!;
  const long = head.readInt16BE(50) === 1;
  const count = tables['maxp']!.readUInt16BE(4);
  const loca = tables['loca']!;
  const starts = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) starts[i] = long ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2;
  return starts;
}

/** Offsets of the component records of a composite glyph: [flagsOffset, glyphIndex][]. */
function components(glyph: Buffer): Array<{ at: number; gid: number }> {
  const out: Array<{ at: number; gid: number }> = [];
  let p = 10;
  let flags: number;
  do {
    flags = glyph.readUInt16BE(p);
    out.push({ at: p, gid: glyph.readUInt16BE(p + 2) });
    p += 4 + (flags & 1 ? 4 : 2);
    if (flags & 8) p += 2;
    else if (flags & 0x40) p += 4;
    else if (flags & 0x80) p += 8;
  } while (flags & 0x20);
  return out;
}

/** The font without TrueType hinting (fpgm, prep, cvt, glyph instructions) and without tables PDF does not need. */
export function stripHinting(ttf: Buffer): Buffer {
  const t = readTables(ttf);
  const starts = glyphStarts(t);
  const glyf = t['glyf']!;
  const pieces: Buffer[] = [];
  const loca: number[] = [0];
  let pos = 0;
  for (let g = 0; g < starts.length - 1; g++) {
    let gl: Buffer = Buffer.from(glyf.subarray(starts[g]!, starts[g + 1]!));
    if (gl.length) {
      const contours = gl.readInt16BE(0);
      if (contours >= 0) {
        const ip = 10 + 2 * contours;
        const len = gl.readUInt16BE(ip);
        gl = Buffer.concat([gl.subarray(0, ip), Buffer.from([0, 0]), gl.subarray(ip + 2 + len)]);
      } else {
        const comps = components(gl);
        for (const c of comps) gl.writeUInt16BE(gl.readUInt16BE(c.at) & ~0x100, c.at);
        const last = comps[comps.length - 1]!;
        const f = gl.readUInt16BE(last.at);
        let end = last.at + 4 + (f & 1 ? 4 : 2);
        if (f & 8) end += 2;
        else if (f & 0x40) end += 4;
        else if (f & 0x80) end += 8;
        gl = gl.subarray(0, end);
      }
      const pad = (4 - (gl.length % 4)) % 4;
      if (pad) gl = Buffer.concat([gl, Buffer.alloc(pad)]);
    }
    pieces.push(gl);
    pos += gl.length;
    loca.push(pos);
  }
  const locaBuf = Buffer.alloc(loca.length * 4);
  loca.forEach((v, i) => locaBuf.writeUInt32BE(v, i * 4));
  const head = Buffer.from(t['head']!);
  head.writeInt16BE(1, 50);
  const maxp = Buffer.from(t['maxp']!);
  if (maxp.length >= 28) maxp.writeUInt16BE(0, 26); // maxSizeOfInstructions
  // What a CIDFontType2 program needs: glyph outlines, their metrics and the font header.
  // No cmap (the PDF maps codes to glyphs), no names, no hinting.
  const keep: Tables = { head, hhea: t['hhea']!, maxp, loca: locaBuf, glyf: Buffer.concat(pieces, pos), hmtx: t['hmtx']! };
  if (t['OS/2']) keep['OS/2'] = t['OS/2'];
  return writeSfnt(keep);
}

/**
 * The font with copies of some of its glyphs appended (ids count on from the last glyph): a
 * character the face lacks is drawn with another's glyph (a hyphen for a soft hyphen, √ for
 * ✓), and a copy of its own lets the ToUnicode map give the reader the right character.
 * Expects the long loca of stripHinting.
 */
export function appendGlyphCopies(ttf: Buffer, sources: number[]): Buffer {
  if (!sources.length) return ttf;
  const t = readTables(ttf);
  const starts = glyphStarts(t);
  const count = starts.length - 1;
  const glyf = t['glyf']!;
  const copies = sources.map((g) => glyf.subarray(starts[g]!, starts[g + 1]!));
  const loca = Buffer.alloc((count + sources.length + 1) * 4);
  for (let g = 0; g <= count; g++) loca.writeUInt32BE(starts[g]!, g * 4);
  let pos = starts[count]!;
  copies.forEach((c, i) => {
    pos += c.length;
    loca.writeUInt32BE(pos, (count + i + 1) * 4);
  });
  // Horizontal metrics in full for every glyph (the short form repeats the last advance).
  const hhea = Buffer.from(t['hhea']!);
  const hm = t['hmtx']!;
  const long = hhea.readUInt16BE(34);
  const metric = (g: number): [number, number] =>
    g < long ? [hm.readUInt16BE(g * 4), hm.readInt16BE(g * 4 + 2)] : [hm.readUInt16BE((long - 1) * 4), hm.readInt16BE(long * 4 + (g - long) * 2)];
  const total = count + sources.length;
  const hmtx = Buffer.alloc(total * 4);
  for (let g = 0; g < total; g++) {
    const [adv, lsb] = metric(g < count ? g : sources[g - count]!);
    hmtx.writeUInt16BE(adv, g * 4);
    hmtx.writeInt16BE(lsb, g * 4 + 2);
  }
  hhea.writeUInt16BE(total, 34);
  const maxp = Buffer.from(t['maxp']!);
  maxp.writeUInt16BE(total, 4);
  return writeSfnt({ ...t, hhea, hmtx, maxp, loca, glyf: Buffer.concat([glyf.subarray(0, starts[count]!), ...copies]) });
}

/** A font prepared once for cheap per-letter glyph subsets. */
export interface PreparedFont {
  count: number;
  starts: Uint32Array;
  glyf: Buffer;
  composites: Map<number, number[]>;
  head: Buffer;
  others: Tables;
}

export function prepareFont(ttf: Buffer): PreparedFont {
  const t = readTables(ttf);
  const starts = glyphStarts(t);
  const glyf = t['glyf']!;
  const composites = new Map<number, number[]>();
  for (let g = 0; g < starts.length - 1; g++) {
    if (starts[g + 1]! > starts[g]! && glyf.readInt16BE(starts[g]!) < 0)
      composites.set(
        g,
        components(glyf.subarray(starts[g]!, starts[g + 1]!)).map((c) => c.gid),
      );
  }
  const head = Buffer.from(t['head']!);
  head.writeInt16BE(1, 50);
  const others: Tables = {};
  for (const [tag, d] of Object.entries(t)) if (tag !== 'head' && tag !== 'loca' && tag !== 'glyf') others[tag] = d;
  return { count: starts.length - 1, starts, glyf, composites, head, others };
}

/**
 * The font with only the given glyphs (and their components) drawn, deflated for FontFile2,
 * and the CIDSet of PDF/A-1 (one bit per glyph id, high bit first, set for the glyphs drawn;
 * the font's CIDs are its glyph ids).
 */
export function glyphSubset(font: PreparedFont, used: Iterable<number>): { ttf: Buffer; deflated: Buffer; cidSet: Buffer } {
  const keep = new Uint8Array(font.count);
  keep[0] = 1;
  const add = (g: number): void => {
    if (g >= font.count || keep[g]) return;
    keep[g] = 1;
    for (const c of font.composites.get(g) ?? []) add(c);
  };
  for (const g of used) add(g);
  for (const [g, comps] of font.composites) if (keep[g]) for (const c of comps) add(c);
  const loca = Buffer.alloc((font.count + 1) * 4);
  const pieces: Buffer[] = [];
  let pos = 0;
  for (let g = 0; g < font.count; g++) {
    loca.writeUInt32BE(pos, g * 4);
    if (!keep[g]) continue;
    const s = font.starts[g]!;
    const e = font.starts[g + 1]!;
    if (e > s) {
      pieces.push(font.glyf.subarray(s, e));
      pos += e - s;
    }
  }
  loca.writeUInt32BE(pos, font.count * 4);
  const ttf = writeSfnt({ ...font.others, head: font.head, loca, glyf: Buffer.concat(pieces, pos) });
  const cidSet = Buffer.alloc(Math.ceil(font.count / 8));
  for (let g = 0; g < font.count; g++) if (keep[g]) cidSet[g >> 3]! |= 0x80 >> (g & 7);
  return { ttf, deflated: deflateSync(ttf, { level: 6 }), cidSet };
}
