/**
 * The resources the pages share: one Type0/CIDFontType2 font per face used, from the
 * process-wide font pack, and one image XObject per distinct image in the letter.
 */
import type { Face } from '../fonts/faces.js';
import { fontProgram, packFor, type FontPack, type FontProgram } from '../fonts/pack.js';
import type { LaidOutLetter } from '../layout/types.js';
import type { ImageRef } from '../model/types.js';
import { prepareImage, type PreparedImage } from './images.js';
import { array, dict, name, num, ref, stream, type Chunk, type PdfFile } from './file.js';

/** A font in the pages' resources: its resource name and the pack it is drawn with. */
export type FontResources = Map<Face, { name: string; pack: FontPack }>;
/** An image in the pages' resources, by its bytes: its resource name and object number. */
export type ImageResources = Map<Uint8Array, { name: string; ref: number }>;

/**
 * A font's objects as far as they are the same in every letter that embeds this program: the
 * FontFile2 and ToUnicode streams whole, the descriptor and the CIDFont dictionary (with its
 * /W array) around the object numbers they point to. Made once per program (docs/decisions.md).
 */
interface FontChunks {
  fontFile: Chunk[];
  toUnicode: Chunk[];
  cidSet: Chunk[];
  /** The descriptor up to /FontFile2's value, and its end. */
  descriptorHead: string;
  /** The CIDFont dictionary up to /FontDescriptor's value, and its end. */
  cidHead: string;
  cidTail: string;
  type0Head: string;
}

/** Characters below this are marked in an array, the rarer rest in a set. */
const SEEN = 0x3000;

const fontChunks = new WeakMap<FontProgram, Map<FontPack, FontChunks>>();

function chunksFor(pack: FontPack, program: FontProgram): FontChunks {
  let byPack = fontChunks.get(program);
  if (!byPack) fontChunks.set(program, (byPack = new Map()));
  let c = byPack.get(pack);
  if (c) return c;
  const d = pack.descriptor;
  const base = name(pack.baseFont);
  const descriptor = dict([
    ['Type', '/FontDescriptor'],
    ['FontName', base],
    ['Flags', num(d.flags)],
    ['FontBBox', array(d.bbox.map(num))],
    ['ItalicAngle', num(d.italicAngle)],
    ['Ascent', num(d.ascent)],
    ['Descent', num(d.descent)],
    ['CapHeight', num(d.capHeight)],
    ['XHeight', num(d.xHeight)],
    ['StemV', num(d.stemV)],
    ['FontFile2', '\u0000'],
  ]);
  const cid = dict([
    ['Type', '/Font'],
    ['Subtype', '/CIDFontType2'],
    ['BaseFont', base],
    ['CIDToGIDMap', '/Identity'],
    [
      'CIDSystemInfo',
      dict([
        ['Registry', '(Adobe)'],
        ['Ordering', '(Identity)'],
        ['Supplement', '0'],
      ]),
    ],
    ['FontDescriptor', '\u0000'],
    ['DW', '1000'],
    ['W', pack.widths],
  ]);
  const [cidHead, cidTail] = cid.split('\u0000') as [string, string];
  c = {
    fontFile: stream(
      [
        ['Filter', '/FlateDecode'],
        ['Length1', num(program.length)],
      ],
      program.deflated,
    ),
    toUnicode: stream([['Filter', '/FlateDecode']], pack.toUnicode),
    cidSet: stream([], program.cidSet),
    descriptorHead: descriptor.slice(0, descriptor.indexOf('\u0000')),
    cidHead,
    cidTail,
    type0Head: dict([
      ['Type', '/Font'],
      ['Subtype', '/Type0'],
      ['BaseFont', base],
      ['Encoding', '/Identity-H'],
    ]).slice(0, -2),
  };
  byPack.set(pack, c);
  return c;
}

/** The letter's fonts, and the /Font dictionary of the pages' resources; `cidSet`: each descriptor lists its glyphs (PDF/A-1). */
export function writeFonts(file: PdfFile, letter: LaidOutLetter, mode: 'shared' | 'exact', cidSet = false): { fonts: FontResources; fontDict: string } {
  // The distinct characters of each face, in the order the faces first occur (a mark per
  // character and face instead of a Set: this runs over every glyph of the letter).
  const usedCodes = new Map<Face, { codes: number[]; seen: Uint8Array; far: Set<number> }>();
  for (const page of letter.pages)
    for (const it of page.items) {
      if (it.kind !== 'text') continue;
      let used = usedCodes.get(it.face);
      if (!used) usedCodes.set(it.face, (used = { codes: [], seen: new Uint8Array(SEEN), far: new Set() }));
      for (const c of it.codes) {
        if (c < SEEN) {
          if (used.seen[c]) continue;
          used.seen[c] = 1;
        } else if (used.far.has(c)) continue;
        else used.far.add(c);
        used.codes.push(c);
      }
    }
  const fonts: FontResources = new Map();
  const entries: Array<[string, string]> = [];
  let n = 0;
  for (const [face, { codes }] of usedCodes) {
    const pack = packFor(face, codes);
    const resName = `F${++n}`;
    fonts.set(face, { name: resName, pack });
    const gids: number[] = [];
    for (const c of codes) gids.push(pack.gid(c));
    const program = fontProgram(pack, gids, mode);
    const c = chunksFor(pack, program);
    const fontFile = file.add(...c.fontFile);
    const toUnicode = file.add(...c.toUnicode);
    const set = cidSet ? file.add(...c.cidSet) : 0;
    const descriptor = file.add(c.descriptorHead + ref(fontFile) + (cidSet ? `\n/CIDSet ${ref(set)}` : '') + '\n>>');
    const cid = file.add(c.cidHead + ref(descriptor) + c.cidTail);
    const type0 = file.add(`${c.type0Head}/DescendantFonts ${array([ref(cid)])}\n/ToUnicode ${ref(toUnicode)}\n>>`);
    entries.push([resName, ref(type0)]);
  }
  return { fonts, fontDict: dict(entries) };
}

/** The letter's images, and the /XObject dictionary of the pages' resources; `flatten`: no soft masks (PDF/A-1). */
export function writeImages(file: PdfFile, letter: LaidOutLetter, flatten = false): { images: ImageResources; xobjects: string } {
  const images: ImageResources = new Map();
  const entries: Array<[string, string]> = [];
  for (const page of letter.pages)
    for (const it of page.items) {
      if (it.kind !== 'image' || images.has(it.image.bytes)) continue;
      const n = imageObject(file, it.image, flatten);
      if (n === undefined) continue;
      const resName = `Im${images.size + 1}`;
      images.set(it.image.bytes, { name: resName, ref: n });
      entries.push([resName, ref(n)]);
    }
  return { images, xobjects: dict(entries) };
}

/** An image's dictionary entries before /SMask, its mask's object and its data, made once per prepared image. */
const imageChunks = new WeakMap<PreparedImage, { head: Array<[string, string]>; smask: Chunk[] | undefined }>();

function imageObject(file: PdfFile, image: ImageRef, flatten: boolean): number | undefined {
  if (image.format === 'unknown') return undefined;
  const prep = prepareImage(image.bytes, image.format, flatten);
  if (prep instanceof Error) return undefined;
  let c = imageChunks.get(prep);
  if (!c) {
    const head: Array<[string, string]> = [
      ['Type', '/XObject'],
      ['Subtype', '/Image'],
      ['Width', num(prep.width)],
      ['Height', num(prep.height)],
      ['ColorSpace', name(prep.colorSpace)],
      ['BitsPerComponent', num(prep.bitsPerComponent)],
      ['Filter', name(prep.filter)],
    ];
    if (prep.decode) head.push(['Decode', array(prep.decode.map(num))]);
    const smask = prep.smask
      ? stream(
          [
            ['Type', '/XObject'],
            ['Subtype', '/Image'],
            ['Width', num(prep.width)],
            ['Height', num(prep.height)],
            ['ColorSpace', '/DeviceGray'],
            ['BitsPerComponent', '8'],
            ['Filter', '/FlateDecode'],
          ],
          prep.smask,
        )
      : undefined;
    imageChunks.set(prep, (c = { head, smask }));
  }
  const entries = c.smask ? [...c.head, ['SMask', ref(file.add(...c.smask))] as [string, string]] : c.head;
  return file.add(...stream(entries, prep.data));
}
