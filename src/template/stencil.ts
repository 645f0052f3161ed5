/**
 * Stencils of a group that repeats (a region's row or paragraph): the group's XML recorded once
 * per shape of its fields' results, with a hole where each field's text goes, then filled per
 * copy with the escaped texts. A copy is then a few long verbatim pieces and its values, instead
 * of the writer's hundred small pieces a row (which V8 must later flatten into one string).
 *
 * A shape says, per field, what its result is made of: nothing, or one text that shows
 * something. The writer's choices (runs merged by their properties, blank lines dropped, markers
 * moved in front of a field) depend on that shape, never on the text itself, and a text is
 * written exactly once as `escapeXml(text)`; so a stencil recorded with stand-in texts (private
 * use characters that escapeXml leaves alone and no group holds) and filled with the real ones
 * gives the writer's own bytes. Any other result (tabs, breaks, tokens, live fields, blank text)
 * takes the writer's path.
 */
import { escapeXml } from '../ooxml/xml.js';
import type { FieldResult } from './outs.js';

/** The character that starts a stand-in text; the next character is the field's number. */
export const HOLE = '\ue000';
const FIRST_NUMBER = 0xe001;
/** Fields a group may have for stencils: each adds two bits to the shape's number (below 2^53). */
export const MAX_FIELDS = 24;

export interface Stencil {
  /** Verbatim XML around the holes: one more than holes. */
  readonly chunks: readonly string[];
  /** The field (by its place among the group's fields) whose text fills each hole. */
  readonly holes: readonly number[];
  /** The run properties the shape was recorded with, per field (undefined: no text). */
  readonly rPrs: ReadonlyArray<string | undefined>;
}

const BLANK = /^[\s\u00a0]*$/;

/**
 * The shape of a field's result, one of four: 0/1 nothing (empty or not, as the writer notes it
 * for the blank-line rule), 2/3 one visible text; -1 when the result takes the writer's path.
 */
export function shapeOf(r: FieldResult): number {
  const outs = r.outs;
  if (outs.length === 0) return r.empty ? 0 : 1;
  if (outs.length !== 1) return -1;
  const o = outs[0]!;
  if (o.o !== 'text' || o.text === '' || BLANK.test(o.text)) return -1;
  return r.empty ? 3 : 2;
}

/** The stand-in results a stencil is recorded with: each text replaced by its hole. */
export function standIns(results: readonly FieldResult[]): FieldResult[] {
  return results.map((r, k) => {
    const o = r.outs[0];
    if (!o || o.o !== 'text') return r;
    const text = HOLE + String.fromCharCode(FIRST_NUMBER + k);
    return { outs: [{ o: 'text', text, rPr: o.rPr }], text, empty: r.empty };
  });
}

/** The stencil of the XML the writer wrote for the stand-ins; undefined if it cannot be one. */
export function stencilOf(xml: string, results: readonly FieldResult[]): Stencil | undefined {
  const pieces = xml.split(HOLE);
  const chunks = [pieces[0]!];
  const holes: number[] = [];
  const seen = new Set<number>();
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const k = piece.charCodeAt(0) - FIRST_NUMBER;
    if (!(k >= 0 && k < results.length) || seen.has(k)) return undefined;
    seen.add(k);
    holes.push(k);
    chunks.push(piece.slice(1));
  }
  const rPrs = results.map((r) => {
    const o = r.outs[0];
    return o && o.o === 'text' ? o.rPr : undefined;
  });
  return { chunks: chunks.map(oneByte), holes, rPrs };
}

/**
 * The same text, stored one byte a character when it can be. The pieces of the recorded XML are
 * cut from a string that held the stand-ins (two bytes a character in V8); a letter joined from
 * them would be two-byte too, and take twice the time to flatten and encode.
 */
function oneByte(text: string): string {
  return /^[\x00-\xff]*$/.test(text) ? Buffer.from(text, 'latin1').toString('latin1') : text;
}

/** The stencil filled with the texts of `results` (of the shape it was recorded for); undefined
 * when a text's run properties differ from the recorded ones. */
export function fillStencil(s: Stencil, results: readonly FieldResult[]): string | undefined {
  for (let k = 0; k < results.length; k++) {
    const o = results[k]!.outs[0];
    if (o && o.o === 'text' && o.rPr !== s.rPrs[k]) return undefined;
  }
  let out = s.chunks[0]!;
  for (let i = 0; i < s.holes.length; i++) {
    const o = results[s.holes[i]!]!.outs[0] as { text: string };
    out += escapeXml(o.text) + s.chunks[i + 1]!;
  }
  return out;
}
