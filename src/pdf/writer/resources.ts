/**
 * The resources the pages share: one Type0/CIDFontType2 font per face used, from the
 * process-wide font pack, and one image XObject per distinct image in the letter.
 */
import { PDFName, PDFRawStream, PDFString, type PDFContext, type PDFDict, type PDFRef } from '@cantoo/pdf-lib';
import type { Face } from '../fonts/faces.js';
import { fontProgram, packFor, type FontPack } from '../fonts/pack.js';
import type { LaidOutLetter } from '../layout/types.js';
import type { ImageRef } from '../model/types.js';
import { prepareImage } from './images.js';
import { literal } from './syntax.js';

/** A font in the pages' resources: its resource name and the pack it is drawn with. */
export type FontResources = Map<Face, { name: string; pack: FontPack }>;
/** An image in the pages' resources, by its bytes: its resource name and XObject. */
export type ImageResources = Map<Uint8Array, { name: string; ref: PDFRef }>;

/** The letter's fonts, and the /Font dictionary of the pages' resources; `cidSet`: each descriptor lists its glyphs (PDF/A-1). */
export function writeFonts(ctx: PDFContext, letter: LaidOutLetter, mode: 'shared' | 'exact', cidSet = false): { fonts: FontResources; fontDict: PDFDict } {
  const usedCodes = new Map<Face, Set<number>>();
  for (const page of letter.pages)
    for (const it of page.items) {
      if (it.kind !== 'text') continue;
      let set = usedCodes.get(it.face);
      if (!set) usedCodes.set(it.face, (set = new Set()));
      for (const c of it.codes) set.add(c);
    }
  const fonts: FontResources = new Map();
  const fontDict = ctx.obj({});
  let n = 0;
  for (const [face, codes] of usedCodes) {
    const pack = packFor(face, codes);
    const name = `F${++n}`;
    fonts.set(face, { name, pack });
    const gids = new Set<number>();
    for (const c of codes) gids.add(pack.gid(c));
    const program = fontProgram(pack, gids, mode);
    const fontFile = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', Length1: program.length }), program.deflated));
    const toUnicode = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), pack.toUnicode));
    const d = pack.descriptor;
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: pack.baseFont,
        Flags: d.flags,
        FontBBox: d.bbox,
        ItalicAngle: d.italicAngle,
        Ascent: d.ascent,
        Descent: d.descent,
        CapHeight: d.capHeight,
        XHeight: d.xHeight,
        StemV: d.stemV,
        FontFile2: fontFile,
        ...(cidSet ? { CIDSet: ctx.register(PDFRawStream.of(ctx.obj({}), program.cidSet)) } : {}),
      }),
    );
    const cid = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: pack.baseFont,
        CIDToGIDMap: 'Identity',
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: 1000,
        W: literal(pack.widths),
      }),
    );
    const type0 = ctx.register(
      ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: pack.baseFont, Encoding: 'Identity-H', DescendantFonts: [cid], ToUnicode: toUnicode }),
    );
    fontDict.set(PDFName.of(name), type0);
  }
  return { fonts, fontDict };
}

/** The letter's images, and the /XObject dictionary of the pages' resources; `flatten`: no soft masks (PDF/A-1). */
export function writeImages(ctx: PDFContext, letter: LaidOutLetter, flatten = false): { images: ImageResources; xobjects: PDFDict } {
  const images: ImageResources = new Map();
  const xobjects = ctx.obj({});
  for (const page of letter.pages)
    for (const it of page.items) {
      if (it.kind !== 'image' || images.has(it.image.bytes)) continue;
      const ref = imageObject(ctx, it.image, flatten);
      if (!ref) continue;
      const name = `Im${images.size + 1}`;
      images.set(it.image.bytes, { name, ref });
      xobjects.set(PDFName.of(name), ref);
    }
  return { images, xobjects };
}

function imageObject(ctx: PDFContext, image: ImageRef, flatten: boolean): PDFRef | undefined {
  if (image.format === 'unknown') return undefined;
  const prep = prepareImage(image.bytes, image.format, flatten);
  if (prep instanceof Error) return undefined;
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: prep.width,
    Height: prep.height,
    ColorSpace: prep.colorSpace,
    BitsPerComponent: prep.bitsPerComponent,
    Filter: prep.filter,
  };
  if (prep.decode) dict['Decode'] = prep.decode;
  if (prep.smask) {
    dict['SMask'] = ctx.register(
      PDFRawStream.of(
        ctx.obj({
          Type: 'XObject',
          Subtype: 'Image',
          Width: prep.width,
          Height: prep.height,
          ColorSpace: 'DeviceGray',
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
        }),
        prep.smask,
      ),
    );
  }
  return ctx.register(PDFRawStream.of(ctx.obj(dict as never) as unknown as PDFDict, prep.data));
}
