/**
 * A paragraph as fragments (one per line) and the placing of a line: list labels, inline and
 * anchored images, text boxes, link areas, each tagged into the structure tree where it lands;
 * its text pieces and tab leaders are drawn by draw-text.ts.
 */
import type { ImageRef, LinkRef, ParagraphBlock, TextBox } from '../model/types.js';
import type { Line } from './lines.js';
import { linesOf } from './memo.js';
import { tagFor, type Frag, type MeasureCtx, type PlaceCtx } from './frag.js';
import { addContent, structNode } from './tags.js';
import { drawLeader, drawText } from './draw-text.js';
import type { Item, StructNode } from './types.js';

interface ParaState {
  node: StructNode | undefined;
  label: StructNode | undefined;
  links: Map<number, StructNode>;
  placed: boolean;
  /** Artifacts place every time; tagged content is tagged once. */
}

const AUTO_SPACING = 14;

/** Page-number fields are measured as two digits at most (the real text is drawn where the line is placed). */
const measuringFieldText = (f: 'PAGE' | 'NUMPAGES' | 'SECTIONPAGES'): string => (f === 'PAGE' ? '9' : '99');

export function paragraphFrags(
  block: ParagraphBlock,
  width: number,
  ctx: MeasureCtx,
  opts: { suppressBefore?: boolean; suppressAfter?: boolean } = {},
): Frag[] {
  const lines = linesOf(block, width, { looks: ctx.looks, defaultTabStop: ctx.defaultTabStop, fieldText: measuringFieldText, warn: ctx.warn });
  const p = block.props;
  const state: ParaState = { node: undefined, label: undefined, links: new Map(), placed: false };
  const n = lines.length;
  const before = opts.suppressBefore ? 0 : p.beforeAuto ? AUTO_SPACING : p.spaceBefore;
  const after = opts.suppressAfter ? 0 : p.afterAuto ? AUTO_SPACING : p.spaceAfter;
  const anchored = block.inlines.filter((i): i is Extract<typeof i, { kind: 'image' }> => i.kind === 'image' && i.image.anchor !== undefined);
  const boxes = block.inlines.filter((i): i is Extract<typeof i, { kind: 'box' }> => i.kind === 'box');
  // A floating text box's content, measured once at the box's width.
  const boxFrags = boxes.map((b) => ({
    box: b.box,
    frags: ctx.measureBlocks(b.box.blocks, Math.max(1, b.box.width - b.box.insets.left - b.box.insets.right)),
  }));
  return lines.map((line, i) => {
    let keep = false;
    // Keep with next also keeps the paragraph's own lines together, as LibreOffice lays out a
    // Word document (a signature block marked keep with next moves to the next page whole).
    if ((p.keepLines || p.keepNext) && i < n - 1) keep = true;
    if (p.widowControl && n >= 2 && (i === 0 || i === n - 2)) keep = true;
    if (p.keepNext && i === n - 1) keep = true;
    const frag: Frag = {
      height: line.height,
      overhang: line.below,
      spaceBefore: i === 0 ? before : 0,
      spaceAfter: i === n - 1 ? after : 0,
      keepWithNext: keep,
      breakBefore: i === 0 && p.pageBreakBefore,
      breakAfter: line.pageBreakAfter,
      where: block.source,
      place(pc: PlaceCtx, x: number, y: number) {
        if (pc.artifact) {
          // Headers and footers are drawn on every page: nothing is remembered between pages.
          if (i === 0) {
            for (const a of anchored) placeAnchored(pc, a.image, x, y, undefined);
            for (const b of boxFrags) placeBox(pc, b.box, b.frags, x, y);
          }
          placeLine(pc, line, block, x, y, width, { node: undefined, label: undefined, links: new Map(), placed: true }, i === 0, i === n - 1);
          return;
        }
        if (!state.placed && pc.container) {
          const s = pc.container.paragraph(block);
          state.node = s.node;
          state.label = s.label;
        }
        if (!state.placed) {
          state.placed = true;
          for (const a of anchored) placeAnchored(pc, a.image, x, y, state.node);
          for (const b of boxFrags) placeBox(pc, b.box, b.frags, x, y);
        }
        placeLine(pc, line, block, x, y, width, state, i === 0, i === n - 1);
      },
    };
    return frag;
  });
}

/** Where a floating object of a size goes, from its anchor (page, margin or paragraph). */
function anchorPosition(pc: PlaceCtx, a: NonNullable<ImageRef['anchor']>, w: number, h: number, x: number, y: number): [number, number] {
  const area = pc.area;
  let ix = a.xFrom === 'page' ? a.x : a.xFrom === 'margin' ? area.left + a.x : x + a.x;
  let iy = a.yFrom === 'page' ? a.y : a.yFrom === 'margin' ? area.top + a.y : y + a.y;
  const boxW = a.xFrom === 'page' ? pc.page.width : area.right - area.left;
  const boxX = a.xFrom === 'page' ? 0 : area.left;
  if (a.xAlign === 'center') ix = boxX + (boxW - w) / 2;
  else if (a.xAlign === 'right') ix = boxX + boxW - w;
  else if (a.xAlign === 'left') ix = boxX;
  const top = a.yFrom === 'page' ? 0 : area.top;
  const bottom = a.yFrom === 'page' ? pc.page.height : area.bottom;
  if (a.yAlign === 'top') iy = top;
  else if (a.yAlign === 'bottom') iy = bottom - h;
  else if (a.yAlign === 'center') iy = (top + bottom - h) / 2;
  return [ix, iy];
}

/** A floating text box: its paragraphs stacked inside the box (tagged in reading order here). */
function placeBox(pc: PlaceCtx, box: TextBox, frags: Frag[], x: number, y: number): void {
  const [bx, by] = anchorPosition(pc, box.anchor, box.width, box.height, x, y);
  let cy = by + box.insets.top;
  let after = 0;
  for (const f of frags) {
    cy += Math.max(0, f.spaceBefore - after);
    f.place(pc, bx + box.insets.left, cy);
    cy += f.height + f.spaceAfter;
    after = f.spaceAfter;
  }
}

function placeAnchored(pc: PlaceCtx, image: ImageRef, x: number, y: number, para: StructNode | undefined): void {
  const a = image.anchor!;
  const area = pc.area;
  let ix = a.xFrom === 'page' ? a.x : a.xFrom === 'margin' ? area.left + a.x : x + a.x;
  let iy = a.yFrom === 'page' ? a.y : a.yFrom === 'margin' ? area.top + a.y : y + a.y;
  const boxW = a.xFrom === 'page' ? pc.page.width : area.right - area.left;
  const boxX = a.xFrom === 'page' ? 0 : area.left;
  if (a.xAlign === 'center') ix = boxX + (boxW - image.width) / 2;
  else if (a.xAlign === 'right') ix = boxX + boxW - image.width;
  else if (a.xAlign === 'left') ix = boxX;
  if (a.yAlign === 'top') iy = a.yFrom === 'page' ? 0 : area.top;
  else if (a.yAlign === 'bottom') iy = (a.yFrom === 'page' ? pc.page.height : area.bottom) - image.height;
  else if (a.yAlign === 'center') iy = ((a.yFrom === 'page' ? pc.page.height : area.bottom) + (a.yFrom === 'page' ? 0 : area.top) - image.height) / 2;
  pushImage(pc, image, ix, iy, para);
}

function pushImage(pc: PlaceCtx, image: ImageRef, x: number, y: number, parent: StructNode | undefined): void {
  let tag: Item['tag'] = tagFor(pc, undefined);
  let figure: StructNode | undefined;
  if (!pc.artifact && parent && !image.decorative) {
    figure = structNode('Figure', parent);
    figure.alt = image.alt || 'Billede';
    figure.bbox = [x, y, x + image.width, y + image.height];
    tag = figure;
  }
  const item: Item = { kind: 'image', x, y, w: image.width, h: image.height, image, tag };
  pc.page.items.push(item);
  if (figure) addContent(figure, item);
}

function placeLine(
  pc: PlaceCtx,
  line: Line,
  block: ParagraphBlock,
  x: number,
  y: number,
  width: number,
  state: ParaState,
  first: boolean,
  last: boolean,
): void {
  const p = block.props;
  const page = pc.page;
  const baseline = y + line.baseline;
  // Paragraph shading and borders (artifacts) under the text.
  if (p.shading) page.items.push({ kind: 'rect', x: x + p.indLeft, y, w: width - p.indLeft - p.indRight, h: line.height, fill: p.shading, tag: 'artifact' });
  if (first && p.borderTop?.width) {
    const b = p.borderTop;
    page.items.push({
      kind: 'line',
      x1: x + p.indLeft,
      y1: y - b.space - b.width / 2,
      x2: x + width - p.indRight,
      y2: y - b.space - b.width / 2,
      width: b.width,
      color: b.color,
      dash: undefined,
      tag: 'artifact',
    });
  }
  if (last && p.borderBottom?.width) {
    const b = p.borderBottom;
    const by = y + line.height + b.space + b.width / 2;
    page.items.push({
      kind: 'line',
      x1: x + p.indLeft,
      y1: by,
      x2: x + width - p.indRight,
      y2: by,
      width: b.width,
      color: b.color,
      dash: undefined,
      tag: 'artifact',
    });
  }
  let linkRun: { ref: LinkRef; x0: number; x1: number; text: string } | undefined;
  const flushLink = (): void => {
    if (!linkRun) return;
    const node = state.links.get(linkRun.ref.id);
    if (node) {
      const area = {
        page: page.index,
        x: linkRun.x0,
        y,
        w: linkRun.x1 - linkRun.x0,
        h: line.height,
        url: linkRun.ref.url,
        anchor: linkRun.ref.anchor,
        contents: linkRun.text.trim() || linkRun.ref.url || '',
        node,
      };
      (node.links ??= []).push(area);
      page.links.push(area);
    }
    linkRun = undefined;
  };
  for (const piece of line.pieces) {
    const px = x + piece.x;
    const link = piece.kind === 'leader' ? undefined : piece.link;
    if (!link || linkRun?.ref !== link) flushLink();
    let owner = state.node;
    if (piece.kind === 'text' && piece.label) owner = state.label ?? state.node;
    if (link && state.node && !pc.artifact) {
      let ln = state.links.get(link.id);
      if (!ln) {
        ln = structNode('Link', state.node);
        state.links.set(link.id, ln);
      }
      owner = ln;
    }
    if (piece.kind === 'image') {
      pushImage(pc, piece.image, px, baseline - piece.height, owner);
      if (link) linkRun = { ref: link, x0: linkRun?.x0 ?? px, x1: px + piece.width, text: (linkRun?.text ?? '') + piece.image.alt };
      continue;
    }
    if (piece.kind === 'leader') {
      drawLeader(pc, piece, px, baseline, owner);
      continue;
    }
    drawText(pc, piece, px, baseline, line, y, owner);
    if (link) linkRun = { ref: link, x0: linkRun?.x0 ?? px, x1: px + piece.width, text: (linkRun?.text ?? '') + piece.text };
  }
  flushLink();
}
