/**
 * The pieces ("outs") a field's result is made of: new text with the run properties it takes,
 * original tokens (paragraph marks, tabs, drawings, containers) that a branch carries along, and
 * fields kept live; and what the pieces read as plain text.
 */
import { cachedResult, type FieldNode } from '../ooxml/fields.js';

export type Out =
  | { o: 'text'; text: string; rPr: string }
  | { o: 'tab'; rPr: string }
  | { o: 'br'; rPr: string }
  /** An original token of the field's story, by index. */
  | { o: 'tok'; i: number }
  /** A field kept as a field (PAGE, NUMPAGES, an IF that depends on them...). */
  | { o: 'live'; field: FieldNode };

export interface FieldResult {
  outs: Out[];
  /** Plain text, for conditions. */
  text: string;
  /** Nothing visible came out. */
  empty: boolean;
  /** What Word stores as the field's result when it is not what the field shows: a SET keeps the
   * value it gave its bookmark there and shows nothing. */
  stored?: string;
  /** The field gave its cached result (unlinked), not a computed one. */
  unlinked?: true;
}

/** Value text as pieces: line breaks and tabs in case data become Word breaks and tabs. */
export function textOuts(text: string, rPr: string): Out[] {
  if (!/[\t\r\n]/.test(text)) return text ? [{ o: 'text', text, rPr }] : [];
  const outs: Out[] = [];
  for (const piece of text.split(/(\r\n|\r|\n|\t)/)) {
    if (piece === '') continue;
    if (piece === '\t') outs.push({ o: 'tab', rPr });
    else if (piece === '\n' || piece === '\r' || piece === '\r\n') outs.push({ o: 'br', rPr });
    else outs.push({ o: 'text', text: piece, rPr });
  }
  return outs;
}

export function pushText(outs: Out[], text: string, rPr: string): void {
  const last = outs[outs.length - 1];
  if (last && last.o === 'text' && last.rPr === rPr) last.text += text;
  else outs.push({ o: 'text', text, rPr });
}

export function plainText(f: FieldNode, outs: readonly Out[]): string {
  let s = '';
  for (const o of outs) {
    if (o.o === 'text') s += o.text;
    else if (o.o === 'tab') s += '\t';
    else if (o.o === 'br') s += '\n';
    else if (o.o === 'tok') {
      const tok = f.story.tokens[o.i]!;
      if (tok.t === 'mark') s += '\r';
      else if (tok.t === 'item' && tok.kind === 'char') s += tok.text;
    }
  }
  return s;
}

/** The text a reader of the letter sees: plainText with the fields kept live showing their
 * cached results (what the PDF shows and Word shows until it updates them). */
export function shownText(f: FieldNode, outs: readonly Out[]): string {
  // A merged value is one text (a table's formula reads every repeated cell's).
  if (outs.length === 1 && outs[0]!.o === 'text') return outs[0]!.text;
  let s = '';
  for (const o of outs) s += o.o === 'live' ? (cachedResult(o.field) ?? '') : plainText(f, [o]);
  return s;
}

export function isEmpty(f: FieldNode, outs: readonly Out[]): boolean {
  for (const o of outs) {
    if (o.o === 'text' && o.text !== '') return false;
    if (o.o === 'live' || o.o === 'br') return false;
    if (o.o === 'tok') {
      const tok = f.story.tokens[o.i]!;
      if (tok.t === 'item' || tok.t === 'mark') return false;
    }
  }
  return true;
}
