/**
 * Drawing a placed line's pieces: the glyphs of a text piece with its highlighting, shading,
 * underline and strike-through, and tab leaders; each tagged into the structure tree where it
 * lands (paragraph.ts places the lines and calls these).
 */
import { highlightColor } from '../../ooxml/styles/colors.js';
import type { Line, Piece } from './lines.js';
import { tagFor, type PlaceCtx } from './frag.js';
import { addContent } from './tags.js';
import type { StructNode, TextItem } from './types.js';
import type { Face } from '../fonts/faces.js';

export function drawText(
  pc: PlaceCtx,
  piece: Extract<Piece, { kind: 'text' }>,
  px: number,
  baseline: number,
  line: Line,
  lineTop: number,
  owner: StructNode | undefined,
): void {
  const page = pc.page;
  const look = piece.look;
  const run = look.run;
  let text = piece.text;
  let codes = piece.codes;
  let advances = piece.advances;
  let width = piece.width;
  if (piece.field) {
    text = pc.fieldText(piece.field);
    codes = [...text].map((c) => c.codePointAt(0)!);
    advances = codes.map((c) => look.face.advance(c) * look.size);
    width = advances.reduce((a, b) => a + b, 0);
  }
  if (piece.boundary) {
    // The word boundary the line does not draw (docs/pdf.md, "Tagging"): a space glyph after
    // the piece's width, invisible, so that the tagged text has the words apart.
    text += ' ';
    codes = [...codes, 0x20];
    advances = [...advances, look.face.advance(0x20) * look.size];
  }
  // Highlighting and run shading: a box behind the text, the height of the line.
  const bg = run.highlight ? highlightColor(run.highlight) : run.shading;
  if (bg) page.items.push({ kind: 'rect', x: px, y: lineTop, w: width, h: line.height, fill: bg, tag: 'artifact' });
  // One text item per stretch of characters the face draws, and one per stretch of characters
  // no shipped font has (reported as pdf.missing-glyph): those take no room in the line and are
  // drawn as spaces pulled back by their own width, never as the .notdef box, and the reader
  // gets them from the item's ActualText. A character drawn with a substitute keeps its code:
  // the font pack gives it a copy of the substitute's glyph that maps back to the character.
  const tag = tagFor(pc, owner);
  const face = look.face;
  let x = px;
  // The usual piece: every character drawn by the face, one text item (no splitting into characters).
  let allDrawn = true;
  for (let k = 0; k < codes.length; k++)
    if (face.drawn(codes[k]!) === undefined) {
      allDrawn = false;
      break;
    }
  if (allDrawn) {
    let gaps: number[] | undefined;
    for (let j = 0; j < codes.length; j++) {
      const gap = advances[j]! - face.advance(codes[j]!) * look.size;
      if (!gaps && Math.abs(gap) > 1e-6) {
        gaps = [];
        for (let k = 0; k < j; k++) gaps.push(advances[k]! - face.advance(codes[k]!) * look.size);
      }
      gaps?.push(gap);
    }
    if (codes.length) {
      const item: TextItem = { kind: 'text', x, y: baseline - look.rise, face, size: look.size, text, codes, gaps, color: look.color, tag, width };
      page.items.push(item);
      if (owner && tag === owner) addContent(owner, item);
    }
  } else {
    const chars = [...text];
    for (let i = 0; i < codes.length;) {
      const missing = face.drawn(codes[i]!) === undefined;
      const drawn: number[] = [];
      const gaps: number[] = [];
      let anyGap = false;
      let w = 0;
      let j = i;
      for (; j < codes.length && (face.drawn(codes[j]!) === undefined) === missing; j++) {
        const code = missing ? 0x20 : codes[j]!;
        drawn.push(code);
        const gap = advances[j]! - face.advance(code) * look.size;
        gaps.push(gap);
        if (Math.abs(gap) > 1e-6) anyGap = true;
        w += advances[j]!;
      }
      const segment = chars.slice(i, j).join('');
      const item: TextItem = {
        kind: 'text',
        x,
        y: baseline - look.rise,
        face,
        size: look.size,
        text: segment,
        codes: drawn,
        gaps: anyGap ? gaps : undefined,
        color: look.color,
        tag,
        width: j === codes.length && i === 0 ? width : Math.min(w, px + width - x),
      };
      if (missing) item.actualText = segment;
      page.items.push(item);
      if (owner && tag === owner) addContent(owner, item);
      x += w;
      i = j;
    }
  }
  const f = underlineOf(look.face);
  const thickness = Math.max(0.5, ((f.underlineThickness || 100) / look.face.unitsPerEm) * look.size);
  if (run.underline) {
    // Trailing spaces of a line are not underlined; spaces inside it are.
    const uy = baseline - look.rise - ((f.underlinePosition || -200) / look.face.unitsPerEm) * look.size;
    const dash = run.underline === 'dotted' ? [thickness, thickness * 2] : run.underline === 'dash' ? [thickness * 4, thickness * 2] : undefined;
    page.items.push({
      kind: 'line',
      x1: px,
      y1: uy,
      x2: px + width,
      y2: uy,
      width: run.underline === 'thick' ? thickness * 2 : thickness,
      color: look.color,
      dash,
      tag: 'artifact',
    });
    if (run.underline === 'double')
      page.items.push({
        kind: 'line',
        x1: px,
        y1: uy + thickness * 2,
        x2: px + width,
        y2: uy + thickness * 2,
        width: thickness,
        color: look.color,
        dash: undefined,
        tag: 'artifact',
      });
  }
  if (run.strike || run.doubleStrike) {
    const sy = baseline - look.rise - look.face.ascent * look.size * 0.3;
    page.items.push({ kind: 'line', x1: px, y1: sy, x2: px + width, y2: sy, width: thickness, color: look.color, dash: undefined, tag: 'artifact' });
    if (run.doubleStrike)
      page.items.push({
        kind: 'line',
        x1: px,
        y1: sy - thickness * 2,
        x2: px + width,
        y2: sy - thickness * 2,
        width: thickness,
        color: look.color,
        dash: undefined,
        tag: 'artifact',
      });
  }
}

/** The face's underline position and thickness (font units), read once per face: fontkit works them out on each read. */
const underlines = new WeakMap<Face, { underlinePosition: number; underlineThickness: number }>();
function underlineOf(face: Face): { underlinePosition: number; underlineThickness: number } {
  let u = underlines.get(face);
  if (!u) {
    const f = face.font as unknown as { underlinePosition: number; underlineThickness: number };
    underlines.set(face, (u = { underlinePosition: f.underlinePosition, underlineThickness: f.underlineThickness }));
  }
  return u;
}

const LEADER_CHAR: Record<string, number> = { dot: 0x2e, middleDot: 0xb7, hyphen: 0x2d };

export function drawLeader(pc: PlaceCtx, piece: Extract<Piece, { kind: 'leader' }>, px: number, baseline: number, owner: StructNode | undefined): void {
  const look = piece.look;
  if (piece.leader === 'underscore' || piece.leader === 'heavy') {
    pc.page.items.push({
      kind: 'line',
      x1: px,
      y1: baseline + 1,
      x2: px + piece.width,
      y2: baseline + 1,
      width: piece.leader === 'heavy' ? 1.5 : 0.5,
      color: look.color,
      dash: undefined,
      tag: 'artifact',
    });
    return;
  }
  const cp = LEADER_CHAR[piece.leader] ?? 0x2e;
  const w = look.face.advance(cp) * look.size;
  if (w <= 0) return;
  // Leader characters sit on a grid so that leaders in consecutive lines line up.
  const startX = Math.ceil(px / w) * w;
  const count = Math.floor((px + piece.width - startX) / w) - 1;
  if (count <= 0) return;
  void owner;
  pc.page.items.push({
    kind: 'text',
    x: startX,
    y: baseline,
    face: look.face,
    size: look.size,
    text: String.fromCodePoint(cp).repeat(count),
    codes: new Array(count).fill(cp),
    gaps: undefined,
    color: look.color,
    tag: 'artifact',
    width: count * w,
  });
}
