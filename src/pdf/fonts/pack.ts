/**
 * Font work done once per process: for each face, a subset covering the characters Danish
 * letters use (Latin, Latin-1, Latin Extended-A, punctuation, currency, arrows, shapes), with
 * hinting stripped, its glyph widths (/W), its ToUnicode map, ready to copy into every PDF.
 * A letter then only pays for emptying the glyphs it does not use (sfnt.glyphSubset) and a
 * deflate. A character outside the pack rebuilds the pack with it (rare; the new pack stays).
 */
import { deflateSync } from 'node:zlib';
import type { Face } from './faces.js';
import { appendGlyphCopies, glyphSubset, prepareFont, readTables, stripHinting, type PreparedFont } from './sfnt.js';

const RANGES: Array<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x205e],
  [0x20a0, 0x20bf],
  [0x2100, 0x2122],
  [0x2190, 0x2199],
  [0x2212, 0x2212],
  [0x221a, 0x221a],
  [0x2248, 0x2248],
  [0x2260, 0x2265],
  [0x25a0, 0x25cf],
];

export interface FontProgram {
  /** Length of the uncompressed font (FontFile2 /Length1). */
  length: number;
  deflated: Buffer;
  /** The glyphs (CIDs) the program draws, as the CIDSet bitmap of PDF/A-1. */
  cidSet: Buffer;
}

export interface FontPack {
  face: Face;
  /** Subset tag + PostScript name, e.g. `KPBAAA+LiberationSans`. */
  baseFont: string;
  /** Glyph id in the pack for a (drawn) code point; 0 when not covered. */
  gid(cp: number): number;
  covers(cp: number): boolean;
  /** `[0 [w0 w1 ...]]` in thousandths of an em. */
  widths: string;
  toUnicode: Buffer;
  prepared: PreparedFont;
  /** Glyphs of the shared program and the program itself (see fontProgram). */
  shared: { gids: Uint8Array; program: FontProgram | undefined };
  descriptor: { flags: number; bbox: number[]; italicAngle: number; ascent: number; descent: number; capHeight: number; xHeight: number; stemV: number };
}

const packs = new Map<string, FontPack>();
let tagCounter = 0;

function subsetTag(): string {
  // Six capital letters, unique per pack in this process (PDF 9.6.4).
  let n = tagCounter++;
  let s = '';
  for (let i = 0; i < 6; i++) {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return `KP${s.slice(2)}`;
}

function readTableOffset(ttf: Buffer, tag: string): number {
  return readTables(ttf)[tag]!.byteOffset - ttf.byteOffset;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function build(face: Face, cps: Set<number>): FontPack {
  const font = face.font;
  // fontkit's includeGlyph takes a glyph id and returns the id in the subset (its types say otherwise).
  const subset = font.createSubset() as unknown as { includeGlyph(id: number): number; encode(): Uint8Array };
  const map = new Map<number, number>();
  const toCp: number[] = [0];
  const widths: number[] = [Math.round((font.getGlyph(0).advanceWidth * 1000) / face.unitsPerEm)];
  // Characters the face draws with another's glyph: each gets a copy of that glyph (below).
  const aliases: Array<{ cp: number; gid: number; width: number }> = [];
  for (const cp of [...cps].sort((a, b) => a - b)) {
    const own = font.hasGlyphForCodePoint(cp);
    const drawn = own ? cp : face.drawn(cp);
    if (drawn === undefined || !font.hasGlyphForCodePoint(drawn)) continue;
    const g = font.glyphForCodePoint(drawn);
    if (!g || g.id === 0) continue;
    const gid = subset.includeGlyph(g.id);
    const width = Math.round((g.advanceWidth * 1000) / face.unitsPerEm);
    if (!own) {
      aliases.push({ cp, gid, width });
      continue;
    }
    map.set(cp, gid);
    if (toCp[gid] === undefined) {
      toCp[gid] = cp;
      widths[gid] = width;
    }
  }
  const stripped = stripHinting(Buffer.from(subset.encode()));
  const glyphCount = stripped.readUInt16BE(readTableOffset(stripped, 'maxp') + 4);
  aliases.forEach((a, i) => {
    const gid = glyphCount + i;
    map.set(a.cp, gid);
    toCp[gid] = a.cp;
    widths[gid] = a.width;
  });
  const ttf = appendGlyphCopies(
    stripped,
    aliases.map((a) => a.gid),
  );
  // ToUnicode: pack glyph -> the character it draws (UTF-16BE hex).
  const entries: string[] = [];
  for (let gid = 1; gid < toCp.length; gid++) {
    const cp = toCp[gid];
    if (cp === undefined) continue;
    const utf16 = String.fromCodePoint(cp);
    let hex = '';
    for (let i = 0; i < utf16.length; i++) hex += hex4(utf16.charCodeAt(i));
    entries.push(`<${hex4(gid)}> <${hex}>`);
  }
  let bf = '';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    bf += `${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar\n`;
  }
  const cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    `/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${bf}endcmap\nCMapName currentdict /CIDInit /ProcSet findresource exch defineresource pop\nend\nend`;
  const w: number[] = [];
  for (let gid = 0; gid < toCp.length; gid++) w.push(widths[gid] ?? 0);
  const scale = 1000 / face.unitsPerEm;
  const bbox = font.bbox;
  const os2 = (font as unknown as { 'OS/2'?: { capHeight?: number; xHeight?: number } })['OS/2'];
  let flags = 32; // non-symbolic
  if ((font as unknown as { post: { isFixedPitch: number } }).post.isFixedPitch) flags |= 1;
  if (face.family === 'LiberationSerif') flags |= 2;
  if (face.italic) flags |= 64;
  // Glyph ids by code point in an array up to the highest code point of the basic plane the pack
  // covers (a few KB; the map for the rest): a letter asks for every glyph it draws.
  let top = 0;
  for (const cp of map.keys()) if (cp < 0x10000 && cp > top) top = cp;
  const gids = new Uint16Array(top + 1);
  for (const [cp, gid] of map) if (cp <= top) gids[cp] = gid;
  return {
    face,
    baseFont: `${subsetTag()}+${face.postscriptName}`,
    gid: (cp) => (cp <= top ? gids[cp]! : (map.get(cp) ?? 0)),
    covers: (cp) => map.has(cp),
    widths: `[0 [${w.join(' ')}]]`,
    toUnicode: deflateSync(Buffer.from(cmap, 'latin1'), { level: 9 }),
    prepared: prepareFont(ttf),
    shared: { gids: new Uint8Array(toCp.length), program: undefined },
    descriptor: {
      flags,
      bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
      italicAngle: font.italicAngle,
      ascent: Math.round(face.ascent * 1000),
      descent: -Math.round(face.descent * 1000),
      capHeight: Math.round((os2?.capHeight ?? face.ascent * face.unitsPerEm * 0.7) * scale),
      xHeight: Math.round((os2?.xHeight ?? 0) * scale),
      stemV: face.bold ? 120 : 80,
    },
  };
}

const covered = new Map<string, Set<number>>();

/** The pack for a face that covers the given code points (built or extended as needed). */
export function packFor(face: Face, cps: Iterable<number>): FontPack {
  let pack = packs.get(face.key);
  let missing = false;
  if (pack) for (const cp of cps) if (!pack.covers(cp) && face.drawn(cp) !== undefined) missing = true;
  if (!pack || missing) {
    let set = covered.get(face.key);
    if (!set) {
      set = new Set<number>();
      for (const [a, b] of RANGES) for (let cp = a; cp <= b; cp++) set.add(cp);
      covered.set(face.key, set);
    }
    for (const cp of cps) set.add(cp);
    pack = build(face, set);
    packs.set(face.key, pack);
  }
  return pack;
}

/**
 * The font program a letter embeds. `exact`: only the letter's glyphs (smallest file, output
 * depends only on the letter). `shared`: the glyphs of every letter this process has made so
 * far; the program is rebuilt only when a letter needs a glyph no earlier letter used, so after
 * the first letters no letter pays for font work (a few kilobytes larger per face).
 */
export function fontProgram(pack: FontPack, gids: Iterable<number>, mode: 'exact' | 'shared'): FontProgram {
  if (mode === 'exact') {
    const p = glyphSubset(pack.prepared, gids);
    return { length: p.ttf.length, deflated: p.deflated, cidSet: p.cidSet };
  }
  const shared = pack.shared;
  let grow = !shared.program;
  for (const g of gids) {
    if (g < shared.gids.length && !shared.gids[g]) {
      shared.gids[g] = 1;
      grow = true;
    }
  }
  if (grow) {
    const used: number[] = [];
    shared.gids.forEach((v, g) => {
      if (v) used.push(g);
    });
    const p = glyphSubset(pack.prepared, used);
    shared.program = { length: p.ttf.length, deflated: p.deflated, cidSet: p.cidSet };
  }
  return shared.program!;
}
