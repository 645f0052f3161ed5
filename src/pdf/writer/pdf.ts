/**
 * The laid-out letter as a tagged PDF/UA-1 file. This is the only module that knows the PDF
 * library (@cantoo/pdf-lib, the maintained fork of pdf-lib): it supplies the object model and
 * the serialisation; the content streams, the structure tree and the font objects are
 * written here, because the library has no API for tagging and because font work must be
 * done once per process, not per letter (docs/pdf.md has the measurements).
 */
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRawStream, PDFRef, PDFString, type PDFContext, type PDFPage } from '@cantoo/pdf-lib';
import { VERSION } from '../../version.js';
import type { Face } from '../fonts/faces.js';
import { fontProgram, packFor, type FontPack } from '../fonts/pack.js';
import type { ImageRef } from '../model/types.js';
import type { Item, LaidOutLetter, LinkArea, Page, StructNode, Tag, TextItem } from '../layout/types.js';
import { prepareImage } from './images.js';

export interface PdfOptions {
  title: string;
  lang: string;
  /** Creation date written to the metadata; none by default, so that output is reproducible. */
  date?: Date;
  /** Font programs: `shared` across the letters of a process (fast), or `exact` per letter (reproducible). */
  fonts?: 'shared' | 'exact';
}

/** A value written as is (the /W array built once per process). */
class PDFLiteral extends PDFObject {
  constructor(private readonly bytes: Buffer) {
    super();
  }
  override clone(): PDFLiteral {
    return this;
  }
  override toString(): string {
    return this.bytes.toString('latin1');
  }
  override sizeInBytes(): number {
    return this.bytes.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

const literals = new Map<string, PDFLiteral>();
function literal(s: string): PDFLiteral {
  let l = literals.get(s);
  if (!l) {
    l = new PDFLiteral(Buffer.from(s, 'latin1'));
    literals.set(s, l);
  }
  return l;
}

const fmt = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

function rgb(hex: string): string {
  const v = parseInt(hex, 16);
  return `${fmt(((v >> 16) & 255) / 255)} ${fmt(((v >> 8) & 255) / 255)} ${fmt((v & 255) / 255)}`;
}

const HEX4: string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16).toUpperCase().padStart(4, '0'));

function hex4(n: number): string {
  return HEX4[n] ?? n.toString(16).toUpperCase().padStart(4, '0');
}

interface Mark {
  page: number;
  mcid: number;
}

/** A PDF text string in UTF-16BE with a byte order mark, as a hex string. */
function utf16Hex(text: string): string {
  let out = '<FEFF';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out + '>';
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function xmp(opts: PdfOptions): Buffer {
  const date = opts.date ? `<xmp:CreateDate>${opts.date.toISOString()}</xmp:CreateDate>` : '';
  const xml =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` +
    `<dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(opts.title)}</rdf:li></rdf:Alt></dc:title>` +
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(opts.lang)}</rdf:li></rdf:Bag></dc:language>` +
    `<pdf:Producer>kp-brev ${VERSION}</pdf:Producer><xmp:CreatorTool>kp-brev ${VERSION}</xmp:CreatorTool>${date}<pdfuaid:part>1</pdfuaid:part>` +
    `</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`;
  return Buffer.from(xml, 'utf8');
}

export async function writePdf(letter: LaidOutLetter, opts: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const pdfPages: PDFPage[] = letter.pages.map((p) => doc.addPage([p.width, p.height]));

  // Fonts: one Type0/CIDFontType2 per face used, from the process-wide pack.
  const usedCodes = new Map<Face, Set<number>>();
  for (const page of letter.pages)
    for (const it of page.items) {
      if (it.kind !== 'text') continue;
      let set = usedCodes.get(it.face);
      if (!set) usedCodes.set(it.face, (set = new Set()));
      for (const c of it.codes) set.add(c);
    }
  const fonts = new Map<Face, { name: string; pack: FontPack }>();
  const fontDict = ctx.obj({});
  let n = 0;
  for (const [face, codes] of usedCodes) {
    const pack = packFor(face, codes);
    const name = `F${++n}`;
    fonts.set(face, { name, pack });
    const gids = new Set<number>();
    for (const c of codes) gids.add(pack.gid(c));
    const program = fontProgram(pack, gids, opts.fonts ?? 'shared');
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
    const type0 = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: pack.baseFont, Encoding: 'Identity-H', DescendantFonts: [cid], ToUnicode: toUnicode }));
    fontDict.set(PDFName.of(name), type0);
  }

  // Images: one XObject per distinct image in the letter.
  const images = new Map<Uint8Array, { name: string; ref: PDFRef }>();
  const xobjects = ctx.obj({});
  for (const page of letter.pages)
    for (const it of page.items) {
      if (it.kind !== 'image' || images.has(it.image.bytes)) continue;
      const ref = imageObject(ctx, it.image);
      if (!ref) continue;
      const name = `Im${images.size + 1}`;
      images.set(it.image.bytes, { name, ref });
      xobjects.set(PDFName.of(name), ref);
    }

  // Content streams, with marked content for every item.
  const marks = new Map<Item, Mark>();
  const parentTree: Array<Array<StructNode>> = letter.pages.map(() => []);
  letter.pages.forEach((page, pi) => {
    const content = pageContent(page, pi, fonts, images, marks, parentTree[pi]!);
    const stream = PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), deflateSync(Buffer.from(content, 'latin1'), { level: 6 }));
    const node = pdfPages[pi]!.node;
    node.set(PDFName.of('Contents'), ctx.register(stream));
    node.set(PDFName.of('Resources'), ctx.obj({ Font: fontDict, XObject: xobjects }));
    node.set(PDFName.of('StructParents'), PDFNumber.of(pi));
  });

  // The structure tree.
  const refs = new Map<StructNode, PDFRef>();
  const keep = (node: StructNode): boolean => {
    if (['Table', 'TR', 'TH', 'TD', 'Figure', 'Document'].includes(node.type)) return true;
    if (node.links?.length) return true;
    return node.kids.some((k) => ('type' in k ? keep(k) : marks.has(k)));
  };
  const assignRefs = (node: StructNode): void => {
    refs.set(node, ctx.nextRef());
    for (const k of node.kids) if ('type' in k && keep(k)) assignRefs(k);
  };
  assignRefs(letter.root);
  const annotKeys: Array<[number, PDFRef]> = [];
  let nextKey = letter.pages.length;
  const rootRef = ctx.nextRef();
  const pageRef = (i: number): PDFRef => pdfPages[i]!.ref;
  // Structure elements are written as literal dictionaries: there are many, and building them
  // as library objects costs more than the rest of the file.
  const r = (ref: PDFRef): string => `${ref.objectNumber} ${ref.generationNumber} R`;
  for (const [node, ref] of refs) {
    const k: string[] = [];
    let firstPage: number | undefined;
    let last: Mark | undefined;
    for (const kid of node.kids) {
      if ('type' in kid) {
        const kr = refs.get(kid);
        if (kr) k.push(r(kr));
        continue;
      }
      const m = marks.get(kid);
      if (!m || (last && last.page === m.page && last.mcid === m.mcid)) continue;
      last = m;
      firstPage ??= m.page;
      k.push(m.page === firstPage ? String(m.mcid) : `<</Type /MCR /Pg ${r(pageRef(m.page))} /MCID ${m.mcid}>>`);
    }
    for (const area of node.links ?? []) {
      const annot = linkAnnotation(ctx, area, nextKey, letter.pages[area.page]!);
      if (!annot) continue;
      const aref = ctx.register(annot);
      annotKeys.push([nextKey++, ref]);
      pdfPages[area.page]!.node.addAnnot(aref);
      pdfPages[area.page]!.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      k.push(`<</Type /OBJR /Obj ${r(aref)} /Pg ${r(pageRef(area.page))}>>`);
      firstPage ??= area.page;
    }
    let dict = `<</Type /StructElem /S /${node.type} /P ${r(node.parent ? refs.get(node.parent)! : rootRef)} /K [${k.join(' ')}]`;
    if (firstPage !== undefined) dict += ` /Pg ${r(pageRef(firstPage))}`;
    if (node.alt !== undefined) dict += ` /Alt ${utf16Hex(node.alt)}`;
    if (node.lang) dict += ` /Lang ${utf16Hex(node.lang)}`;
    const attrs: string[] = [];
    if (node.scope || node.colSpan || node.rowSpan) {
      let a = '<</O /Table';
      if (node.scope) a += ` /Scope /${node.scope}`;
      if (node.colSpan) a += ` /ColSpan ${node.colSpan}`;
      if (node.rowSpan) a += ` /RowSpan ${node.rowSpan}`;
      attrs.push(a + '>>');
    }
    if (node.type === 'Figure' && node.bbox) {
      const page = letter.pages[firstPage ?? 0]!;
      const [x0, y0, x1, y1] = node.bbox;
      attrs.push(`<</O /Layout /BBox [${[x0, page.height - y1, x1, page.height - y0].map(fmt).join(' ')}] /Placement /Block>>`);
    }
    if (attrs.length) dict += ` /A ${attrs.length === 1 ? attrs[0] : `[${attrs.join(' ')}]`}`;
    ctx.assign(ref, new PDFLiteral(Buffer.from(dict + '>>', 'latin1')));
  }
  const nums: string[] = [];
  parentTree.forEach((list, i) => nums.push(`${i} [${list.map((node) => r(refs.get(node)!)).join(' ')}]`));
  for (const [key, ref] of annotKeys) nums.push(`${key} ${r(ref)}`);
  ctx.assign(
    rootRef,
    new PDFLiteral(Buffer.from(`<</Type /StructTreeRoot /K [${r(refs.get(letter.root)!)}] /ParentTree <</Nums [${nums.join(' ')}]>> /ParentTreeNextKey ${nextKey}>>`, 'latin1')),
  );

  // Catalog, metadata.
  const catalog = doc.catalog;
  catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  catalog.set(PDFName.of('Lang'), PDFString.of(opts.lang));
  catalog.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));
  catalog.set(PDFName.of('Metadata'), ctx.register(PDFRawStream.of(ctx.obj({ Type: 'Metadata', Subtype: 'XML', Length: 0 }), xmp(opts))));
  doc.setTitle(opts.title);
  doc.setProducer(`kp-brev ${VERSION}`);
  doc.setCreator(`kp-brev ${VERSION}`);
  if (opts.date) doc.setCreationDate(opts.date);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false });
}

function imageObject(ctx: PDFContext, image: ImageRef): PDFRef | undefined {
  if (image.format === 'unknown') return undefined;
  const prep = prepareImage(image.bytes, image.format);
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
      PDFRawStream.of(ctx.obj({ Type: 'XObject', Subtype: 'Image', Width: prep.width, Height: prep.height, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode' }), prep.smask),
    );
  }
  return ctx.register(PDFRawStream.of(ctx.obj(dict as never) as unknown as PDFDict, prep.data));
}

function linkAnnotation(ctx: PDFContext, area: LinkArea, key: number, page: Page): PDFDict | undefined {
  if (!area.url) return undefined;
  const y0 = page.height - (area.y + area.h);
  const rect = [area.x, y0, area.x + area.w, y0 + area.h].map((v) => Math.round(v * 100) / 100);
  return ctx.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    F: 4,
    StructParent: key,
    Contents: PDFHexString.fromText(area.contents || area.url),
    A: ctx.obj({ S: 'URI', URI: PDFString.of(area.url) }),
  });
}

function artifactTag(tag: Tag): string {
  if (tag === 'header') return '/Artifact <</Type /Pagination /Subtype /Header>> BDC';
  if (tag === 'footer') return '/Artifact <</Type /Pagination /Subtype /Footer>> BDC';
  return '/Artifact <</Type /Layout>> BDC';
}

function pageContent(
  page: Page,
  pi: number,
  fonts: Map<Face, { name: string; pack: FontPack }>,
  images: Map<Uint8Array, { name: string; ref: PDFRef }>,
  marks: Map<Item, Mark>,
  parents: StructNode[],
): string {
  const out: string[] = [];
  const H = page.height;
  let open: Tag | undefined;
  let openMcid = -1;
  let fill = '';
  let stroke = '';
  let lineWidth = -1;
  let dash = '';
  const close = (): void => {
    if (open !== undefined) out.push('EMC');
    open = undefined;
  };
  for (const it of page.items) {
    if (it.kind === 'image' && !images.has(it.image.bytes)) continue;
    // Marked content: one sequence per run of items with the same tag.
    if (it.tag !== open) {
      close();
      open = it.tag;
      if (typeof it.tag === 'string') out.push(artifactTag(it.tag));
      else {
        openMcid = parents.length;
        parents.push(it.tag);
        out.push(`/${it.tag.type} <</MCID ${openMcid}>> BDC`);
      }
      // Graphics state is not carried across marked-content sequences reliably by every reader: reset.
      fill = '';
      stroke = '';
      lineWidth = -1;
      dash = '';
    }
    if (typeof it.tag !== 'string') marks.set(it, { page: pi, mcid: openMcid });
    switch (it.kind) {
      case 'text': {
        const f = fonts.get(it.face)!;
        const color = rgb(it.color);
        if (color !== fill) {
          out.push(`${color} rg`);
          fill = color;
        }
        out.push(`BT /${f.name} ${fmt(it.size)} Tf 1 0 0 1 ${fmt(it.x)} ${fmt(H - it.y)} Tm ${showText(it, f.pack)} ET`);
        break;
      }
      case 'rect': {
        const color = rgb(it.fill);
        if (color !== fill) {
          out.push(`${color} rg`);
          fill = color;
        }
        out.push(`${fmt(it.x)} ${fmt(H - it.y - it.h)} ${fmt(it.w)} ${fmt(it.h)} re f`);
        break;
      }
      case 'line': {
        const color = rgb(it.color);
        if (color !== stroke) {
          out.push(`${color} RG`);
          stroke = color;
        }
        if (it.width !== lineWidth) {
          out.push(`${fmt(it.width)} w`);
          lineWidth = it.width;
        }
        const d = it.dash ? `[${it.dash.map(fmt).join(' ')}] 0 d` : '[] 0 d';
        if (d !== dash) {
          out.push(d);
          dash = d;
        }
        out.push(`${fmt(it.x1)} ${fmt(H - it.y1)} m ${fmt(it.x2)} ${fmt(H - it.y2)} l S`);
        break;
      }
      case 'image': {
        const img = images.get(it.image.bytes)!;
        out.push(`q ${fmt(it.w)} 0 0 ${fmt(it.h)} ${fmt(it.x)} ${fmt(H - it.y - it.h)} cm /${img.name} Do Q`);
        break;
      }
    }
  }
  close();
  return out.join('\n');
}

/** Tj with the pack's glyph ids, or TJ when glyphs carry extra space (justification). */
function showText(it: TextItem, pack: FontPack): string {
  if (!it.gaps) {
    let hex = '';
    for (const c of it.codes) hex += hex4(pack.gid(c));
    return `<${hex}> Tj`;
  }
  const parts: string[] = [];
  let hex = '';
  it.codes.forEach((c, i) => {
    hex += hex4(pack.gid(c));
    const gap = it.gaps![i]!;
    if (Math.abs(gap) > 1e-4) {
      parts.push(`<${hex}>`, fmt((-gap * 1000) / it.size));
      hex = '';
    }
  });
  if (hex) parts.push(`<${hex}>`);
  return `[${parts.join(' ')}] TJ`;
}
