/**
 * A story (body, header, footer, footnote, endnote, text box) flattened into one token
 * sequence in document order. Runs are split into one token per run child ("items"), each
 * carrying its run's properties, so that a field's instruction can be joined across runs and a
 * branch can be cut out of it with its formatting. Paragraphs end with a `mark` token that
 * carries the paragraph's properties: in Word, paragraph formatting lives in the paragraph
 * mark, and so it does here.
 *
 * Every token remembers its source offsets so that untouched XML is copied verbatim.
 *
 * This module holds the token model only; `flatten.ts` builds it from a story's XML and
 * `paragraphs.ts` answers questions about its paragraphs (both import the model from here).
 */

export type ItemKind =
  | 'text' // w:t
  | 'instr' // w:instrText
  | 'del' // w:delText, w:delInstrText (tracked deletions: not text of the letter)
  | 'begin' // w:fldChar begin
  | 'sep' // w:fldChar separate
  | 'end' // w:fldChar end
  | 'char' // w:tab, w:br, w:cr, hyphens: one character in `text`
  | 'layout' // w:lastRenderedPageBreak: a layout cache, dropped where we rewrite
  | 'object'; // anything else inside a run: drawings, symbols, note references...

export interface ItemToken {
  readonly t: 'item';
  readonly kind: ItemKind;
  /** Decoded text for text/instr/del; the character for `char`; '' otherwise. */
  readonly text: string;
  /** The run's `w:rPr` element as written, or ''. */
  readonly rPr: string;
  /** The run child element as written. */
  readonly start: number;
  readonly end: number;
  /** 1-based paragraph number in the story. */
  readonly para: number;
  /** Text-box stories inside this item (drawings, VML shapes). */
  readonly subStories: Story[];
}

export interface MarkToken {
  readonly t: 'mark';
  /** `<w:p ...>` start tag as written (self-closing paragraphs give `<w:p>`). */
  readonly openTag: string;
  /** `w:pPr` as written, or ''. */
  readonly pPr: string;
  readonly para: number;
  /** The paragraph ends a section (its pPr holds w:sectPr): never removed. */
  readonly sectionBreak: boolean;
  /** The last paragraph of its container (cell, body, header...): Word needs it, never removed. */
  readonly lastInContainer: boolean;
}

export type Level = 'block' | 'inline';

export interface OpenToken {
  readonly t: 'open';
  readonly name: string;
  readonly xml: string;
  /** Source offsets of the whole element (start tag to end tag). */
  readonly start: number;
  readonly end: number;
  readonly level: Level;
  readonly para: number;
  /** Index of the matching close token. */
  close: number;
  /** `w:instr` of a `w:fldSimple`. */
  readonly instr?: string;
}

export interface CloseToken {
  readonly t: 'close';
  readonly name: string;
  readonly xml: string;
  /** Source offsets of the whole element (start tag to end tag). */
  readonly start: number;
  readonly end: number;
  readonly level: Level;
  readonly para: number;
  readonly open: number;
}

export interface RawToken {
  readonly t: 'raw';
  readonly name: string;
  readonly xml: string;
  readonly start: number;
  readonly end: number;
  readonly level: Level;
  readonly para: number;
  /** Range markers (bookmarks, comment and permission ranges): moved, never lost. */
  readonly marker: boolean;
  /** Proofing marks: dropped where we rewrite. */
  readonly droppable: boolean;
}

export type Token = ItemToken | MarkToken | OpenToken | CloseToken | RawToken;

export interface ParagraphInfo {
  /** Source offsets of the `w:p` element. */
  readonly start: number;
  readonly end: number;
  /** Index of the paragraph's first token. */
  readonly first: number;
  /** Index of its mark token. */
  readonly mark: number;
}

export interface Story {
  readonly part: string;
  /** '' for the main story of a part; `fodnote 3`, `tekstboks 2`... otherwise. */
  readonly label: string;
  readonly source: string;
  /** The content range inside the story's root element. */
  readonly innerStart: number;
  readonly innerEnd: number;
  readonly tokens: Token[];
  readonly paragraphs: ParagraphInfo[];
  /** Text boxes found directly in this story (not in nested text boxes): those of its items,
   * in order, so a story whose list is empty has no item that holds one. */
  readonly subStories: Story[];
}
