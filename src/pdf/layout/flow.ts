/**
 * Pagination: fragments stacked down the pages of each section. A chain of fragments that
 * must stay together (keep with next, keep lines together, widows and orphans) moves to a new
 * page when it does not fit and would fit on an empty one; a fragment taller than a page is
 * split (table rows) or overflows; space before is dropped at the top of a page that follows
 * a natural page break; header rows of a table are repeated after a break inside it.
 */
import type { Block, ParagraphBlock } from '../model/types.js';
import type { Frag, MeasureCtx, PlaceCtx } from './frag.js';
import { paragraphFrags } from './paragraph.js';
import { tableFrags } from './table.js';

/** Fragments for a run of blocks at a width, with contextual spacing between paragraphs. */
export function measureBlocks(blocks: Block[], width: number, ctx: MeasureCtx, headings: { last: number } = { last: 0 }): Frag[] {
  const out: Frag[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'table') {
      // Tables with nothing between them are one table to Word and LibreOffice: where they
      // meet, the rows are separated by one border, not the first's bottom and the next's top.
      const joinsNext = blocks[i + 1]?.kind === 'table';
      out.push(...tableFrags(b, width, ctx, (bs, w, c) => measureBlocks(bs, w, c, headings), headings, joinsNext));
      return;
    }
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    const same = (o: Block | undefined): o is ParagraphBlock => o?.kind === 'paragraph' && o.styleId === b.styleId;
    const suppressBefore = b.props.contextualSpacing && same(prev) && prev.props.contextualSpacing;
    const suppressAfter = b.props.contextualSpacing && same(next) && next.props.contextualSpacing;
    out.push(...paragraphFrags(b, width, ctx, { suppressBefore, suppressAfter }));
  });
  return out;
}

export interface PageFrame {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Paginator {
  /** Starts a page; `soft`: a natural break (space before is dropped at its top). */
  newPage(soft: boolean): PlaceCtx;
  frame(): PageFrame;
}

/** Places fragments across pages. Returns the context of the last page. */
export function flow(frags: Frag[], pages: Paginator, start: PlaceCtx, startY: number | undefined): { ctx: PlaceCtx; y: number } {
  let ctx = start;
  let frame = pages.frame();
  let y = startY ?? frame.top;
  let soft = false;
  let pageHasContent = startY !== undefined && startY > frame.top + 0.01;
  /** Space after the last fragment: the gap to the next is the larger of it and its space before (as Word). */
  let pendingAfter = 0;
  const nextPage = (isSoft: boolean): void => {
    ctx = pages.newPage(isSoft);
    frame = pages.frame();
    y = frame.top;
    soft = isSoft;
    pageHasContent = false;
    pendingAfter = 0;
  };
  const room = (): number => frame.bottom - y;
  const spaceBefore = (f: Frag): number => (!pageHasContent && soft ? 0 : Math.max(0, f.spaceBefore - pendingAfter));
  const placeHere = (f: Frag): void => {
    const sb = spaceBefore(f);
    f.place(ctx, frame.left, y + sb);
    y += sb + f.height + f.spaceAfter;
    pendingAfter = f.spaceAfter;
    pageHasContent = true;
  };
  const repeatHeaders = (f: Frag): void => {
    if (!f.table || f.table.isHeader || !f.table.headers.length) return;
    const artifactCtx: PlaceCtx = { ...ctx, artifact: 'artifact', container: undefined };
    for (const h of f.table.headers) {
      h.place(artifactCtx, frame.left, y);
      y += h.height;
    }
    pendingAfter = 0;
    pageHasContent = true;
  };

  for (let i = 0; i < frags.length; i++) {
    let f = frags[i]!;
    if (f.breakBefore && pageHasContent) nextPage(false);
    // The chain that must stay on one page with this fragment.
    // The last fragment of a chain may hang over the bottom by its overhang.
    let need = spaceBefore(f) + f.height;
    let last = f;
    for (let j = i; j < frags.length - 1 && frags[j]!.keepWithNext && !frags[j + 1]!.breakBefore && !frags[j]!.breakAfter; j++) {
      const g = frags[j + 1]!;
      need += Math.max(frags[j]!.spaceAfter, g.spaceBefore) + g.height;
      last = g;
      if (need > frame.bottom - frame.top) break;
    }
    need -= last.overhang ?? 0;
    const fits = (): boolean => spaceBefore(f) + f.height - (f.overhang ?? 0) <= room() + 0.01;
    if (need > room() + 0.01 && pageHasContent) {
      // A row that may split is split where the page ends (below); anything else moves on
      // when it, or the chain it starts, fits on an empty page.
      if (!(f.split && !fits()) && (need <= frame.bottom - frame.top + 0.01 || !fits())) {
        nextPage(true);
        repeatHeaders(f);
      }
    }
    while (!fits() && f.split) {
      const cut = f.split(room() - spaceBefore(f));
      if (!cut) {
        if (!pageHasContent) break;
        nextPage(true);
        repeatHeaders(f);
        continue;
      }
      placeHere(cut[0]);
      nextPage(true);
      repeatHeaders(f);
      f = cut[1];
    }
    placeHere(f);
    if (f.breakAfter) nextPage(false);
  }
  return { ctx, y };
}

/** Places fragments one below the other from y, without pages (headers, footers). */
export function stackFrags(frags: Frag[], ctx: PlaceCtx, x: number, y: number): number {
  let after = 0;
  for (const f of frags) {
    y += Math.max(0, f.spaceBefore - after);
    f.place(ctx, x, y);
    y += f.height + f.spaceAfter;
    after = f.spaceAfter;
  }
  return y;
}

export function stackHeight(frags: Frag[]): number {
  let h = 0;
  let after = 0;
  for (const f of frags) {
    h += Math.max(0, f.spaceBefore - after) + f.height + f.spaceAfter;
    after = f.spaceAfter;
  }
  return h;
}
