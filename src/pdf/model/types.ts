/**
 * The letter as the layout sees it: sections of blocks (paragraphs and tables) whose
 * properties are resolved, with inline content (text with run properties, tabs, breaks,
 * images, page-number fields, links). Produced from a rendered .docx by `read.ts`.
 */
import type { Location } from '../../diagnostics.js';
import type { ListLabel } from './numbering.js';
import type { StyleResolver } from '../../ooxml/styles/resolve.js';
import type { CellProps, ParaProps, RowProps, RunProps, SectionProps, TableProps } from './props.js';

export interface LinkRef {
  /** Groups the inlines of one link. */
  id: number;
  url: string | undefined;
  anchor: string | undefined;
}

export interface ImageRef {
  /** The image part's bytes and kind. */
  part: string;
  bytes: Uint8Array;
  format: 'png' | 'jpeg' | 'unknown';
  /** Display size, points. */
  width: number;
  height: number;
  alt: string;
  decorative: boolean;
  /** Floating: absolute position in points, relative to page or margin; drawn without moving text. */
  anchor?: {
    x: number;
    y: number;
    xFrom: 'page' | 'margin' | 'column';
    yFrom: 'page' | 'margin' | 'paragraph';
    xAlign?: string;
    yAlign?: string;
    behind: boolean;
  };
}

/** A floating text box: its blocks laid out in a box at an absolute position. */
export interface TextBox {
  anchor: NonNullable<ImageRef['anchor']>;
  width: number;
  height: number;
  blocks: Block[];
  insets: { left: number; top: number; right: number; bottom: number };
}

export type Inline =
  | { kind: 'box'; box: TextBox; run: RunProps }
  | { kind: 'text'; text: string; run: RunProps; link?: LinkRef; label?: true }
  | { kind: 'tab'; run: RunProps; link?: LinkRef; label?: true }
  | { kind: 'break'; type: 'line' | 'page' | 'column'; run: RunProps }
  | { kind: 'image'; image: ImageRef; run: RunProps; link?: LinkRef }
  | { kind: 'field'; field: 'PAGE' | 'NUMPAGES' | 'SECTIONPAGES'; run: RunProps; link?: LinkRef };

export interface ParagraphBlock {
  kind: 'paragraph';
  props: ParaProps;
  /** Run properties of the paragraph mark: the height of an empty paragraph. */
  markRun: RunProps;
  inlines: Inline[];
  styleId: string | undefined;
  /** Heading level 1..6 from the outline level (or the built-in heading style). */
  heading: number | undefined;
  list: ListLabel | undefined;
  /** Label run properties (the level's rPr over the paragraph mark's). */
  listRun: RunProps | undefined;
  source: Location;
  /** On a paragraph no field changes, read once per template version (block-cache.ts): what the layout keeps of it. */
  memo?: ParagraphMemo;
}

/** What the layout keeps of a paragraph that is the same in every letter (layout/memo.ts): its lines by width, `null` where they cannot be kept. */
export interface ParagraphMemo {
  readonly lines: Map<number, unknown>;
  /** At most this many widths. */
  readonly widthsKept: number;
  /** Counts lines kept (estimated bytes) and lines used again. */
  keep(bytes: number): void;
  hit(): void;
}

export interface CellBlock {
  props: CellProps;
  /** First grid column the cell occupies. */
  col: number;
  blocks: Block[];
  /** The cell's background: its own shading, else its table style's with the conditional formats, else the table's (ooxml/styles/cell-style.ts). */
  shading: string | undefined;
}

export interface RowBlock {
  props: RowProps;
  cells: CellBlock[];
}

export interface TableBlock {
  kind: 'table';
  props: TableProps;
  /** Grid column widths, points. */
  grid: number[];
  rows: RowBlock[];
  source: Location;
}

export type Block = ParagraphBlock | TableBlock;

export interface Section {
  props: SectionProps;
  blocks: Block[];
}

export interface HeaderFooter {
  part: string;
  blocks: Block[];
}

export interface LetterModel {
  sections: Section[];
  /** Header and footer stories by relationship id. */
  stories: Map<string, HeaderFooter>;
  lang: string | undefined;
  title: string | undefined;
  defaultTabStop: number;
  evenAndOddHeaders: boolean;
  /** Word's layout version from the settings (0: not given, older layout). */
  compatibilityMode: number;
  styles: StyleResolver;
  /** Body paragraphs hold PAGE / NUMPAGES fields (the layout runs twice for NUMPAGES). */
  bodyFields: boolean;
}
