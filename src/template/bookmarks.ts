/**
 * Bookmarks of a template (`w:bookmarkStart` / `w:bookmarkEnd` in every story) and the text a
 * bookmark holds in a letter: its text with the fields inside it evaluated for the case, as
 * Word's REF shows it once the fields are updated.
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { Story } from '../ooxml/tokens.js';

export interface BookmarkRange {
  /** The name as written. */
  readonly name: string;
  readonly story: Story;
  /** Token indexes of the bookmarkStart and bookmarkEnd. */
  readonly start: number;
  readonly end: number;
}

/** An attribute of a start tag as written, its character references resolved. */
function attr(xml: string, name: string): string | undefined {
  const raw = new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];
  if (raw === undefined || !raw.includes('&')) return raw;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return named[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Every bookmark whose start and end lie in the same story, by upper-case name (Word's names
 * are case-insensitive); the first of two with one name wins, as in Word. */
export function bookmarkRanges(stories: readonly Story[]): Map<string, BookmarkRange> {
  const out = new Map<string, BookmarkRange>();
  for (const story of stories) {
    const open = new Map<string, { name: string; start: number }>();
    const tokens = story.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.t !== 'raw' || (tok.name !== 'w:bookmarkStart' && tok.name !== 'w:bookmarkEnd')) continue;
      const id = attr(tok.xml, 'w:id');
      if (id === undefined) continue;
      if (tok.name === 'w:bookmarkStart') {
        const name = attr(tok.xml, 'w:name');
        if (name !== undefined) open.set(id, { name: name.trim(), start: i });
        continue;
      }
      const b = open.get(id);
      if (!b) continue;
      open.delete(id);
      const key = b.name.toUpperCase();
      if (!out.has(key)) out.set(key, { name: b.name, story, start: b.start, end: i });
    }
  }
  return out;
}

/**
 * The text between a bookmark's start and end as the letter shows it: text, tabs and breaks;
 * paragraph marks as `\r`; a field that lies wholly inside given by `fieldText` (its result for
 * the case); the cached result of a field the bookmark starts or ends inside (SET keeps its
 * bookmark in its result), never an instruction.
 */
export function rangeText(range: BookmarkRange, fieldsAt: ReadonlyMap<number, FieldNode>, fieldText: (f: FieldNode) => string): string {
  return piecesText(rangePieces(range, fieldsAt), fieldText);
}

/** What rangeText joins: the range's own text (adjacent pieces joined) and the fields that lie
 * wholly inside it, in order. The same for every letter (a table's cells read it once). */
export type RangePiece = string | FieldNode;

export function rangePieces(range: BookmarkRange, fieldsAt: ReadonlyMap<number, FieldNode>): RangePiece[] {
  const tokens = range.story.tokens;
  const out: RangePiece[] = [];
  let s = '';
  // For each field begun inside the range but not ended there: in its instruction (true) or result.
  const open: boolean[] = [];
  for (let i = range.start + 1; i < range.end; i++) {
    const f = fieldsAt.get(i);
    if (f && f.end < range.end) {
      if (s) out.push(s);
      s = '';
      out.push(f);
      i = f.end;
      continue;
    }
    const tok = tokens[i]!;
    if (tok.t === 'mark') {
      if (!open.includes(true)) s += '\r';
      continue;
    }
    if (tok.t !== 'item') continue;
    if (tok.kind === 'begin') open.push(true);
    else if (tok.kind === 'sep') open[open.length - 1] = false;
    else if (tok.kind === 'end') open.pop();
    else if (open.includes(true)) continue;
    else if (tok.kind === 'text') s += tok.text;
    else if (tok.kind === 'char') s += tok.text === '\v' ? '\n' : tok.text;
  }
  if (s) out.push(s);
  return out;
}

/** The text of range pieces, the fields' given by `fieldText`. */
export function piecesText(pieces: readonly RangePiece[], fieldText: (f: FieldNode) => string): string {
  if (pieces.length === 1) return typeof pieces[0] === 'string' ? pieces[0] : fieldText(pieces[0]!);
  let s = '';
  for (const p of pieces) s += typeof p === 'string' ? p : fieldText(p);
  return s;
}
