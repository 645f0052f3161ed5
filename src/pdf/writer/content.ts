/**
 * A page's content stream: text, filled rectangles, lines and images, each inside marked content, either
 * tagged with an MCID for its structure element or marked as an artifact (headers, footers,
 * decoration). Graphics state is set only when it changes.
 */
import type { FontPack } from '../fonts/pack.js';
import type { Item, Page, StructNode, Tag, TextItem } from '../layout/types.js';
import type { FontResources, ImageResources } from './resources.js';
import { fmt, hex4, rgb, utf16Hex } from './syntax.js';

/** Where an item's marked content is: its page and MCID. */
export interface Mark {
  page: number;
  mcid: number;
}

function artifactTag(tag: Tag): string {
  if (tag === 'header') return '/Artifact <</Type /Pagination /Subtype /Header>> BDC';
  if (tag === 'footer') return '/Artifact <</Type /Pagination /Subtype /Footer>> BDC';
  return '/Artifact <</Type /Layout>> BDC';
}

/** The content of page `pi`; records each tagged item's mark, and the structure element of each MCID in `parents`. */
export function pageContent(page: Page, pi: number, fonts: FontResources, images: ImageResources, marks: Map<Item, Mark>, parents: StructNode[]): string {
  const out: string[] = [];
  const H = page.height;
  let open: Tag | undefined;
  let openMcid = -1;
  let openActual = false;
  let fill = '';
  let stroke = '';
  let lineWidth = -1;
  let dash = '';
  const close = (): void => {
    if (open !== undefined) out.push('EMC');
    open = undefined;
  };
  const setFill = (color: string): void => {
    if (color !== fill) {
      out.push(`${color} rg`);
      fill = color;
    }
  };
  for (const it of page.items) {
    if (it.kind === 'image' && !images.has(it.image.bytes)) continue;
    // Marked content: one sequence per run of items with the same tag; text drawn with
    // substitute glyphs gets a sequence of its own that carries its ActualText (not nested in
    // another sequence, which readers such as poppler do not follow).
    const actual = it.kind === 'text' && it.actualText !== undefined && typeof it.tag !== 'string' ? it.actualText : undefined;
    if (it.tag !== open || actual !== undefined || openActual) {
      close();
      open = it.tag;
      openActual = actual !== undefined;
      if (typeof it.tag === 'string') out.push(artifactTag(it.tag));
      else {
        openMcid = parents.length;
        parents.push(it.tag);
        out.push(actual !== undefined ? `/Span <</MCID ${openMcid} /ActualText ${utf16Hex(actual)}>> BDC` : `/${it.tag.type} <</MCID ${openMcid}>> BDC`);
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
        setFill(rgb(it.color));
        out.push(`BT /${f.name} ${fmt(it.size)} Tf 1 0 0 1 ${fmt(it.x)} ${fmt(H - it.y)} Tm ${showText(it, f.pack)} ET`);
        break;
      }
      case 'rect': {
        setFill(rgb(it.fill));
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
