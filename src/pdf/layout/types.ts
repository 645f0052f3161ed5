/**
 * The layout's output: pages of positioned items, each item tagged with the structure element
 * it belongs to (or marked as an artifact), plus the structure tree in reading order. Pure
 * data: the PDF writer turns it into a tagged PDF; tests assert on it directly.
 *
 * Coordinates are points from the page's top-left corner; a text item's y is its baseline.
 */
import type { Face } from '../fonts/faces.js';
import type { ImageRef } from '../model/types.js';

export type StructType =
  | 'Document'
  | 'Part'
  | 'Div'
  | 'P'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Link'
  | 'Span';

export interface StructNode {
  type: StructType;
  /** Child elements and the content drawn for this element, in reading order. */
  kids: Array<StructNode | Item>;
  parent: StructNode | undefined;
  alt?: string;
  lang?: string;
  /** Table attributes. */
  scope?: 'Column' | 'Row' | 'Both';
  colSpan?: number;
  rowSpan?: number;
  /** Figure bounding box, points (page coordinates of its first page). */
  bbox?: [number, number, number, number];
  /** Link annotations belonging to a Link element. */
  links?: LinkArea[];
}

/** The structure element an item belongs to, or the kind of artifact it is. */
export type Tag = StructNode | 'artifact' | 'header' | 'footer';

export interface TextItem {
  kind: 'text';
  x: number;
  y: number;
  face: Face;
  size: number;
  /** The characters as the reader should get them. */
  text: string;
  /** Code points drawn, one per glyph (a character drawn with a substitute glyph keeps its own code: the font pack maps it to a copy of that glyph). */
  codes: number[];
  /** Extra space after each glyph beyond its advance, points (justification, letter spacing). */
  gaps: number[] | undefined;
  color: string;
  tag: Tag;
  /** The text for the reader when the glyphs drawn stand for other characters (a substitute). */
  actualText?: string;
  /** Horizontal scale for small caps and super/subscript sizes is in `size`; this is 1. */
  width: number;
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  tag: Tag;
}

export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
  dash: number[] | undefined;
  tag: Tag;
}

export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  image: ImageRef;
  tag: Tag;
}

export type Item = TextItem | RectItem | LineItem | ImageItem;

export interface LinkArea {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
  url: string | undefined;
  anchor: string | undefined;
  /** What the link says, for the annotation's /Contents. */
  contents: string;
  node: StructNode;
}

export interface Page {
  /** 0-based index in the document. */
  index: number;
  /** Number shown by PAGE fields. */
  number: number;
  width: number;
  height: number;
  items: Item[];
  links: LinkArea[];
}

export interface LaidOutLetter {
  pages: Page[];
  root: StructNode;
  lang: string | undefined;
  title: string | undefined;
}
