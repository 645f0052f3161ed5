/**
 * Breaking a paragraph into lines: greedy filling as Word does over the break opportunities
 * of the paragraph's atoms (atoms.ts), trailing spaces hanging past the margin, tab stops
 * (positions resolved in tabs.ts; leaders), manual line and page breaks, inline images,
 * page-number fields, justification. The result is measured lines with pieces at x offsets;
 * placing them on a page happens later (a paragraph may move to the next page).
 */
import type { Location } from '../../diagnostics.js';
import type { ImageRef, Inline, LinkRef, ParagraphBlock } from '../model/types.js';
import type { Leader, TabStop } from '../model/props.js';
import { breakOpportunities, isSpace, paragraphAtoms, type Atom } from './atoms.js';
import type { LineContext } from './line-context.js';
import { LineCursor, simulate } from './tabs.js';
import { ascentOf, descentOf, type RunLook } from './text.js';

/** One drawn piece of a line: text in one look, an image, or a tab leader. */
export type Piece =
  | {
      kind: 'text';
      x: number;
      width: number;
      text: string;
      codes: number[];
      advances: number[];
      look: RunLook;
      link: LinkRef | undefined;
      field?: 'PAGE' | 'NUMPAGES' | 'SECTIONPAGES';
      spaces: number[];
      label: boolean;
      /** A word boundary follows that is not drawn (a wrap at a space, a line break, a tab): the
       * writer ends the piece with a space glyph outside its width, so the tagged text keeps it. */
      boundary?: boolean;
    }
  | { kind: 'image'; x: number; width: number; height: number; image: ImageRef; look: RunLook; link: LinkRef | undefined }
  | { kind: 'leader'; x: number; width: number; leader: Leader; look: RunLook };

export interface Line {
  pieces: Piece[];
  /** Height of the line box and the baseline's offset from its top. */
  height: number;
  baseline: number;
  /** Proportional line spacing's share below the text: it may hang into the bottom margin. */
  below: number;
  /** Content width (without trailing spaces). */
  width: number;
  /** Where the line box starts, relative to the paragraph's box (indents and alignment). */
  offset: number;
  /** The line ends with a page break (the rest goes on the next page). */
  pageBreakAfter: boolean;
  /** The paragraph's first line (carries the list label). */
  first: boolean;
}

export function layoutLines(block: ParagraphBlock, width: number, ctx: LineContext, where: Location): Line[] {
  const props = block.props;
  const looks = ctx.looks;
  const markLook = looks.look(block.markRun, where);
  // 1. Atoms: one per character (text, tab, break, object) with its look and width.
  const { inlines, atoms, text } = paragraphAtoms(block, ctx, where);
  // Where a line may (1) or must (2) break before each atom.
  const breakAt = breakOpportunities(atoms, text);

  const left = props.indLeft;
  const right = width - props.indRight;
  const tabs = props.tabs.filter((t) => t.kind !== 'clear' && t.kind !== 'bar');
  const lines: Line[] = [];

  // 2. Greedy filling, segment by segment (a segment runs from one break opportunity to the next).
  let lineStart = 0;
  let first = true;
  let i = 0;
  while (i < atoms.length || (first && atoms.length === 0)) {
    const start = first ? left + props.indFirst : left;
    // Find how many atoms fit on this line: the line grows atom by atom (each atom is measured
    // once), and ends at the last break opportunity that fits.
    const cursor = new LineCursor(atoms, start, tabs, left, ctx.defaultTabStop, first, props.indFirst);
    let fitEnd = lineStart; // atoms [lineStart, fitEnd) fit
    let cut = -1;
    let forced = false;
    let pageBreak = false;
    for (let j = lineStart; j < atoms.length; j++) {
      cursor.push(j);
      const end = j + 1;
      if (cursor.contentEnd() > right + 0.01) {
        // Wider than the line (and a longer candidate never is narrower): the line ends at the
        // last opportunity that fitted, or, when the first segment alone is too wide for an
        // empty line, it is cut between characters.
        if (fitEnd === lineStart) cut = Math.max(lineStart + 1, end - 1);
        break;
      }
      if (breakAt[end] === 0 && end < atoms.length) continue;
      fitEnd = end;
      if (breakAt[end] === 2) {
        forced = true;
        const last = atoms[end - 1]!;
        if (last.cp === 10) pageBreak = (inlines[last.inline] as { type?: string }).type === 'page';
        break;
      }
    }
    if (cut < 0) cut = fitEnd;
    const isLast = cut >= atoms.length;
    lines.push(buildLine(atoms, inlines, lineStart, cut, start, right, tabs, left, ctx, first, props.indFirst, block, markLook, isLast, forced, pageBreak));
    lineStart = cut;
    i = cut;
    first = false;
    if (atoms.length === 0) break;
  }
  if (!lines.length)
    lines.push(buildLine(atoms, inlines, 0, 0, left + props.indFirst, right, tabs, left, ctx, true, props.indFirst, block, markLook, true, false, false));
  // After a manual break at the very end, the paragraph mark stands on a line of its own.
  else if (atoms.length && atoms[atoms.length - 1]!.cp === 10)
    lines.push(buildLine(atoms, inlines, atoms.length, atoms.length, left, right, tabs, left, ctx, false, props.indFirst, block, markLook, true, false, false));
  return lines;
}

function buildLine(
  atoms: Atom[],
  inlines: Inline[],
  from: number,
  to: number,
  x0: number,
  right: number,
  tabs: TabStop[],
  left: number,
  ctx: LineContext,
  first: boolean,
  indFirst: number,
  block: ParagraphBlock,
  markLook: RunLook,
  isLast: boolean,
  forced: boolean,
  pageBreak: boolean,
): Line {
  const sim = simulate(atoms, from, to, x0, tabs, left, ctx.defaultTabStop, first, indFirst);
  // Trailing spaces and the break itself are not drawn.
  let drawEnd = to;
  while (drawEnd > from && (isSpace(atoms[drawEnd - 1]!.cp) || atoms[drawEnd - 1]!.cp === 10)) drawEnd--;
  const pieces: Piece[] = [];
  let ascent = 0;
  let descent = 0;
  /** Height of the largest font on the line: proportional spacing scales this, not images. */
  let fontHeight = 0;
  let hasText = false;
  const measure = (look: RunLook): void => {
    hasText = true;
    ascent = Math.max(ascent, ascentOf(look));
    descent = Math.max(descent, descentOf(look));
    fontHeight = Math.max(fontHeight, (look.face.lineGap + look.face.ascent + look.face.descent) * look.size);
  };
  // Justification: spread the free space over the spaces of the line (not the last line,
  // nor one ending in a manual break).
  const props = block.props;
  const free = right - sim.contentEnd;
  let spaceCount = 0;
  const justify = props.align === 'both' && !isLast && !forced && free > 0;
  let lastTab = from - 1;
  for (let k = from; k < drawEnd; k++) if (atoms[k]!.cp === 9) lastTab = k;
  if (justify) for (let k = lastTab + 1; k < drawEnd; k++) if (atoms[k]!.cp === 0x20) spaceCount++;
  const extraPerSpace = justify && spaceCount ? free / spaceCount : 0;
  let shift = 0;
  let k = from;
  // The text piece a word boundary that is not drawn (a tab, the end of a wrapped line) belongs to.
  const markBoundary = (): void => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text' && !last.label && !last.text.endsWith(' ')) last.boundary = true;
  };
  while (k < drawEnd) {
    const a = atoms[k]!;
    const inl = inlines[a.inline]!;
    if (a.cp === 9) {
      markBoundary();
      const info = sim.tabInfo.get(k);
      if (info?.stop && info.stop.leader !== 'none' && info.to - info.from > 1)
        pieces.push({ kind: 'leader', x: info.from + shift, width: info.to - info.from, leader: info.stop.leader, look: a.look });
      measure(a.look);
      k++;
      continue;
    }
    if (a.cp === 10) {
      k++;
      continue;
    }
    if (inl.kind === 'image') {
      pieces.push({
        kind: 'image',
        x: sim.xs[k - from]! + shift,
        width: inl.image.width,
        height: inl.image.height,
        image: inl.image,
        look: a.look,
        link: inl.link,
      });
      ascent = Math.max(ascent, inl.image.height);
      k++;
      continue;
    }
    // A text piece: consecutive atoms of the same inline.
    const startX = sim.xs[k - from]! + shift;
    const codes: number[] = [];
    const advances: number[] = [];
    const spaces: number[] = [];
    let str = '';
    let w = 0;
    let j = k;
    while (j < drawEnd && atoms[j]!.inline === a.inline && atoms[j]!.cp !== 9 && atoms[j]!.cp !== 10) {
      const at = atoms[j]!;
      let adv = at.width;
      const cp = at.cp;
      if (cp === 0xad) {
        // A soft hyphen shows only where the line breaks after it, as a hyphen whose text stays
        // U+00AD (the word is not hyphenated; the font pack maps the glyph back to U+00AD).
        if (j !== drawEnd - 1) {
          j++;
          continue;
        }
        adv = at.look.face.advance(cp) * at.look.size;
      }
      const extra = justify && j > lastTab && at.cp === 0x20 ? extraPerSpace : 0;
      if (extra) spaces.push(codes.length);
      codes.push(cp);
      advances.push(adv + extra);
      str += at.ch;
      w += adv + extra;
      if (extra) shift += extra;
      j++;
    }
    if (codes.length) {
      const field = inl.kind === 'field' ? inl.field : undefined;
      pieces.push({
        kind: 'text',
        x: startX,
        width: w,
        text: str,
        codes,
        advances,
        look: a.look,
        link: 'link' in inl ? inl.link : undefined,
        spaces,
        label: 'label' in inl && inl.label === true,
        ...(field ? { field } : {}),
      });
      measure(a.look);
    }
    k = j;
  }
  // A line that wraps at a space or ends in a manual break: the next line starts a new word.
  if (!isLast && drawEnd < to) markBoundary();
  // The paragraph mark's size makes the height of an empty line only (LibreOffice; Word may
  // also count it on the last line of text: docs/pdf.md); a line of images only is as high as
  // its tallest image.
  const imagesOnly = !hasText && pieces.some((p) => p.kind === 'image');
  if (!pieces.length) measure(markLook);
  if (imagesOnly) fontHeight = (markLook.face.lineGap + markLook.face.ascent + markLook.face.descent) * markLook.size;
  const natural = ascent + descent;
  let height: number;
  let baseline: number;
  let below = 0;
  if (props.lineRule === 'exact') {
    height = props.line;
    baseline =
      natural > 0 ? (props.line * (ascent - markLook.face.lineGap * markLook.size)) / (natural - markLook.face.lineGap * markLook.size) : props.line * 0.8;
  } else if (props.lineRule === 'atLeast') {
    height = Math.max(props.line, natural);
    baseline = ascent + (height - natural);
  } else {
    // Proportional spacing adds (or removes) a share of the font height below the text,
    // computed in whole twips as LibreOffice does.
    const fontTw = Math.round(fontHeight * 20);
    height = (Math.round(natural * 20) + Math.floor(fontTw * props.line) - fontTw) / 20;
    baseline = ascent;
    below = Math.max(0, height - natural);
  }
  // Alignment of the whole line.
  const used = sim.contentEnd + (justify ? free : 0) - x0;
  let offset = 0;
  if (props.align === 'center') offset = (right - x0 - used) / 2;
  else if (props.align === 'right') offset = right - x0 - used;
  if (offset < 0) offset = 0;
  if (offset) for (const p of pieces) p.x += offset;
  return { pieces, height, baseline, below, width: sim.contentEnd - x0, offset: x0, pageBreakAfter: pageBreak, first };
}
