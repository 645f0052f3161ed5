/**
 * The shape of what a template's fields read from the document itself (DocModel, built once per
 * template by doc-model.ts), of the values it holds (SEQ numbers, seq.ts; document properties,
 * doc-properties.ts; list numbers, list-numbers.ts) and of a letter's own state (LetterState).
 * Types only, below the modules that compute them and the fields that read them, so that those
 * modules need not import one another for a type.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { WallDate } from '../format/date.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { ListLabel } from '../ooxml/numbering.js';
import type { DocxPackage } from '../ooxml/package.js';
import type { Story } from '../ooxml/tokens.js';
import type { BookmarkRange } from './bookmarks.js';
import type { FieldResult } from './outs.js';
import type { ParagraphStyles } from './paragraph-styles.js';
import type { RegionDef } from './regions/find.js';
import type { StoryTables } from './table-cells.js';

export interface DocModel {
  readonly pkg: DocxPackage;
  /** Every story in the order letters are made (body, headers, footers, notes, text boxes). */
  readonly stories: readonly Story[];
  /** Every field, nested ones included, in document order. */
  readonly fields: readonly FieldNode[];
  /** Bookmarks by upper-case name. */
  readonly bookmarks: ReadonlyMap<string, BookmarkRange>;
  /** Every field of a story (nested ones included) by the token it begins at. */
  fieldsAt(story: Story): ReadonlyMap<number, FieldNode>;
  /** A place in the document as one number, for "above" and "below": story order, then token. */
  position(story: Story, token: number): number;
  /** Heading levels and lists of paragraphs, from their styles. */
  readonly paragraphStyles: ParagraphStyles;
  /** The tables of a story (table-cells.ts). */
  tables(story: Story): StoryTables;
  /**
   * Whether another field may read this field's result again in a letter (so a copy of a region
   * keeps it): it lies in a bookmark (REF, `{ Frist }`, a formula's bookmark), in a table a
   * formula reads (`{ = SUM(ABOVE) }`, `B2`), or inside a field that stays live (its instruction
   * is filled in, and its result worked out again, from the same nested results).
   */
  readAgain(f: FieldNode): boolean;
  /** Document properties and variables (doc-properties.ts). */
  readonly properties: DocProperties;
  /** The list numbers of the body's paragraphs (list-numbers.ts). */
  readonly listNumbers: ListNumbers;
  /** The value of every SEQ field (seq.ts). */
  readonly sequences: ReadonlyMap<FieldNode, SeqValue>;
  /** Regions: their paragraphs repeat per item, so what is counted once per template does not
   * hold inside them (list numbers). */
  readonly regions: readonly RegionDef[];
  /** Whether a letter's fields read one another (REF, SET, formulas over bookmarks or cells):
   * then a letter keeps each field's result, so it is computed once and read many times. */
  readonly referencing: boolean;
}

/** The per-letter side: results computed so far, fields being computed (to catch a bookmark
 * that holds a REF to itself), and the values SET gave to bookmarks. */
export interface LetterState {
  /** A result as it is, or with the problems it reported (evaluate.ts KeptWithProblems). */
  readonly results: Map<FieldNode, FieldResult | { readonly result: FieldResult; readonly problems: Diagnostic[]; readonly missing: number }>;
  /** The fields being computed, outermost first. */
  readonly active: FieldNode[];
  readonly sets: Map<string, string>;
}

/** What a SEQ shows: its number, nothing (`\h`), no identifier (Word's error), or not counted
 * (outside the body: its cached result stays). */
export type SeqValue = { n: number } | { hidden: true } | { error: 'no-sequence' } | { outside: true };

/** A property value with its type: text, a number, yes/no or a date. */
export type PropertyValue =
  { type: 'text'; value: string } | { type: 'number'; value: number } | { type: 'bool'; value: boolean } | { type: 'date'; value: WallDate };

export interface DocProperties {
  /** Core and extended properties by lower-case element name (`creator`, `title`, `template`...). */
  readonly builtIn: ReadonlyMap<string, string>;
  /** Custom properties by lower-case name. */
  readonly custom: ReadonlyMap<string, PropertyValue>;
  /** Document variables (settings.xml w:docVars) by lower-case name. */
  readonly variables: ReadonlyMap<string, string>;
}

export interface ListNumbers {
  /** The list label of the paragraph holding `token` of `story`: undefined when it is not
   * numbered (or a bullet, or outside the body), null when its number may differ in the letter. */
  at(story: Story, token: number): ListLabel | null | undefined;
}
