/**
 * Drawings in a run: DrawingML pictures (inline or anchored), floating and inline text boxes,
 * charts and SmartArt (their text kept), and legacy VML pictures and text boxes. Images are
 * drawn when they are PNG or JPEG; others are reported, their description in their place.
 */
import { child, elements, ownText, type XElement } from '../../ooxml/xml.js';
import { prepareImage } from '../writer/images.js';
import type { ReadContext } from './context.js';
import { relsOf } from './package-info.js';
import type { RunProps } from '../../ooxml/styles/run-props.js';
import type { Block, ImageRef, Inline, LinkRef } from './types.js';

const EMU_PER_PT = 12700;

/** The image a relationship of the current part points to, its bytes read once per letter. */
function imageOf(ctx: ReadContext, relId: string | undefined): { part: string; bytes: Uint8Array } | undefined {
  if (!relId) return undefined;
  const rel = relsOf(ctx.source.pkg, ctx.info, ctx.part).find((r) => r.id === relId);
  if (!rel?.part || rel.external || !ctx.source.pkg.has(rel.part)) return undefined;
  let bytes = ctx.images.get(rel.part);
  if (!bytes) {
    bytes = ctx.source.pkg.archive.read(rel.part);
    ctx.images.set(rel.part, bytes);
  }
  return { part: rel.part, bytes };
}

/** A DrawingML drawing (w:drawing): an image, a text box, a chart or SmartArt. */
export function readDrawing(ctx: ReadContext, drawing: XElement, out: Inline[], run: RunProps, link: LinkRef | undefined, extra: Block[]): void {
  const holder = child(drawing, 'wp:inline') ?? child(drawing, 'wp:anchor');
  if (!holder) return;
  const docPr = child(holder, 'wp:docPr');
  const extent = child(holder, 'wp:extent');
  const width = Number(extent?.attrs['cx'] ?? 0) / EMU_PER_PT;
  const height = Number(extent?.attrs['cy'] ?? 0) / EMU_PER_PT;
  const alt = (docPr?.attrs['descr'] ?? '').trim() || (docPr?.attrs['title'] ?? '').trim();
  const decorative = docPr ? hasDecorative(docPr) : false;
  const graphicData = findFirst(holder, 'a:graphicData');
  const uri = graphicData?.attrs['uri'] ?? '';
  // Text boxes. A floating one is drawn where the template puts it (an address window):
  // its text is laid out in the box and read right after the paragraph it is anchored in.
  // An inline one cannot be placed as Word places it: its paragraphs follow the paragraph.
  const txbx = findFirst(holder, 'w:txbxContent');
  if (txbx) {
    const blocks: Block[] = [];
    if (holder.name === 'wp:anchor') {
      if (['wp:wrapSquare', 'wp:wrapTight', 'wp:wrapThrough'].some((n) => child(holder, n))) ctx.warn('pdf.wrap', {}, ctx.where());
      ctx.readBlocks(txbx, blocks, undefined, () => undefined);
      const bodyPr = findFirst(holder, 'wps:bodyPr');
      const inset = (name: string, def: number): number => (bodyPr?.attrs[name] !== undefined ? Number(bodyPr.attrs[name]) : def) / EMU_PER_PT;
      out.push({
        kind: 'box',
        box: {
          anchor: anchorOf(holder),
          width,
          height,
          blocks,
          insets: { left: inset('lIns', 91440), top: inset('tIns', 45720), right: inset('rIns', 91440), bottom: inset('bIns', 45720) },
        },
        run,
      });
      return;
    }
    ctx.warn('pdf.textbox', {}, ctx.where());
    ctx.readBlocks(txbx, extra, undefined, () => undefined);
    return;
  }
  if (uri.endsWith('/chart')) {
    ctx.warn('pdf.chart', {}, ctx.where());
    if (alt) out.push({ kind: 'text', text: alt, run, ...(link ? { link } : {}) });
    return;
  }
  if (uri.endsWith('/diagram')) {
    ctx.warn('pdf.smartart', {}, ctx.where());
    const dm = findFirst(holder, 'dgm:relIds')?.attrs['r:dm'];
    const rel = dm ? relsOf(ctx.source.pkg, ctx.info, ctx.part).find((r) => r.id === dm) : undefined;
    if (rel?.part && ctx.source.pkg.has(rel.part)) {
      const texts: string[] = [];
      const walk = (el: XElement): void => {
        for (const c of elements(el)) {
          if (c.name === 'a:t') texts.push(ownText(c));
          else walk(c);
        }
      };
      walk(ctx.source.pkg.xml(rel.part));
      for (const t of texts.filter((x) => x.trim())) out.push({ kind: 'text', text: t, run }, { kind: 'break', type: 'line', run });
    }
    return;
  }
  const blip = findFirst(holder, 'a:blip');
  if (!blip) return; // a shape without a picture: decoration
  const img = imageOf(ctx, blip.attrs['r:embed']);
  if (!img) {
    ctx.warn('pdf.image', { name: docPr?.attrs['name'] ?? '' }, ctx.where());
    return;
  }
  const format = imageFormat(img.bytes);
  if (format === 'unknown' || prepareImage(img.bytes, format) instanceof Error) {
    // Not drawn; its description stands in its place so the letter still says what it showed.
    ctx.warn('pdf.image', { name: docPr?.attrs['name'] ?? img.part }, ctx.where());
    if (alt) out.push({ kind: 'text', text: alt, run, ...(link ? { link } : {}) });
    return;
  }
  const image: ImageRef = { part: img.part, bytes: img.bytes, format, width, height, alt, decorative };
  if (holder.name === 'wp:anchor') {
    const wrapsText = ['wp:wrapSquare', 'wp:wrapTight', 'wp:wrapThrough'].some((n) => child(holder, n));
    if (child(holder, 'wp:wrapTopAndBottom')) {
      out.push({ kind: 'image', image, run, ...(link ? { link } : {}) });
      return;
    }
    if (wrapsText) ctx.warn('pdf.wrap', {}, ctx.where());
    image.anchor = anchorOf(holder);
  }
  out.push({ kind: 'image', image, run, ...(link ? { link } : {}) });
}

/** A legacy VML picture or object (w:pict, w:object): an image or a text box. */
export function readVml(ctx: ReadContext, el: XElement, out: Inline[], run: RunProps, link: LinkRef | undefined, extra: Block[]): void {
  const txbx = findFirst(el, 'w:txbxContent');
  if (txbx) {
    ctx.warn('pdf.textbox', {}, ctx.where());
    ctx.readBlocks(txbx, extra, undefined, () => undefined);
    return;
  }
  const imagedata = findFirst(el, 'v:imagedata');
  if (!imagedata) return;
  const img = imageOf(ctx, imagedata.attrs['r:id']);
  const shape = findFirst(el, 'v:shape');
  const style = shape?.attrs['style'] ?? '';
  const size = (prop: string): number => {
    const m = new RegExp(`${prop}:\\s*([\\d.]+)(pt|in|cm|mm|px)?`).exec(style);
    if (!m) return 0;
    const v = Number(m[1]);
    return m[2] === 'in' ? v * 72 : m[2] === 'cm' ? (v * 72) / 2.54 : m[2] === 'mm' ? (v * 72) / 25.4 : m[2] === 'px' ? v * 0.75 : v;
  };
  const format = img ? imageFormat(img.bytes) : 'unknown';
  const alt = (shape?.attrs['alt'] ?? '').trim();
  if (!img || format === 'unknown' || prepareImage(img.bytes, format) instanceof Error) {
    ctx.warn('pdf.image', { name: shape?.attrs['id'] ?? '' }, ctx.where());
    if (alt) out.push({ kind: 'text', text: alt, run });
    return;
  }
  out.push({
    kind: 'image',
    image: { part: img.part, bytes: img.bytes, format, width: size('width'), height: size('height'), alt, decorative: false },
    run,
    ...(link ? { link } : {}),
  });
}

function findFirst(el: XElement, name: string): XElement | undefined {
  for (const c of elements(el)) {
    if (c.name === name) return c;
    const f = findFirst(c, name);
    if (f) return f;
  }
  return undefined;
}

function hasDecorative(el: XElement): boolean {
  for (const c of elements(el)) {
    if (c.name.endsWith(':decorative')) return c.attrs['val'] === '1' || c.attrs['val'] === 'true';
    if (hasDecorative(c)) return true;
  }
  return false;
}

/** The image formats the PDF writer can embed, by their signature. */
export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'unknown' {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return 'unknown';
}

/** Where an anchored drawing (wp:anchor) stands, in points. */
function anchorOf(anchor: XElement): NonNullable<ImageRef['anchor']> {
  const pos = (name: string): { offset: number; from: string; align: string | undefined } => {
    const el = child(anchor, name);
    const offset = el ? Number(child(el, 'wp:posOffset') ? ownText(child(el, 'wp:posOffset')!) : 0) / EMU_PER_PT : 0;
    const align = el && child(el, 'wp:align') ? ownText(child(el, 'wp:align')!) : undefined;
    return { offset, from: el?.attrs['relativeFrom'] ?? 'column', align };
  };
  const h = pos('wp:positionH');
  const v = pos('wp:positionV');
  const xFrom = h.from === 'page' ? 'page' : h.from === 'margin' || h.from === 'leftMargin' ? 'margin' : 'column';
  const yFrom = v.from === 'page' ? 'page' : v.from === 'margin' || v.from === 'topMargin' ? 'margin' : 'paragraph';
  return {
    x: h.offset,
    y: v.offset,
    xFrom,
    yFrom,
    behind: anchor.attrs['behindDoc'] === '1',
    ...(h.align ? { xAlign: h.align } : {}),
    ...(v.align ? { yAlign: v.align } : {}),
  };
}
