/**
 * Fragments: what the pagination stacks. A paragraph becomes one fragment per line, a table
 * one per row; each knows its height, the spacing around it, whether it must stay on the page
 * of the next one (keep with next, keep lines together, widow and orphan control), and how to
 * place itself once its page and position are known.
 */
import type { Location } from '../../diagnostics.js';
import type { Container } from './tags.js';
import type { Looks } from './text.js';
import type { Page, StructNode } from './types.js';

export interface PlaceCtx {
  page: Page;
  /** Where structure goes; undefined for artifacts (headers, footers, repeated table headers). */
  container: Container | undefined;
  artifact: 'artifact' | 'header' | 'footer' | undefined;
  looks: Looks;
  /** Text of PAGE / NUMPAGES / SECTIONPAGES on this page. */
  fieldText(field: 'PAGE' | 'NUMPAGES' | 'SECTIONPAGES'): string;
  /** The content area of the page (for objects anchored to the margin). */
  area: { left: number; top: number; right: number; bottom: number };
}

export interface Frag {
  height: number;
  /** Of the height, what may hang over the page's bottom edge when this is the page's last
   * fragment (proportional line spacing below the text, as LibreOffice lets it). */
  overhang?: number;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext: boolean;
  breakBefore: boolean;
  breakAfter: boolean;
  /** Draws the fragment with its top-left at (x, y). */
  place(ctx: PlaceCtx, x: number, y: number): void;
  /** Cuts the fragment so that the first part is at most `available` high (rows of tables). */
  split?(available: number): [Frag, Frag] | undefined;
  /** A table row: the table's header rows, repeated when the table goes on over a page. */
  table?: { id: object; headers: Frag[]; isHeader: boolean };
  where: Location;
}

export interface MeasureCtx {
  looks: Looks;
  defaultTabStop: number;
  /** Word's layout version (w:compatSetting compatibilityMode; 0 when not given). */
  compatibilityMode: number;
  /** Measuring the content of a table cell (a nested table is placed as in every layout version). */
  inTable?: boolean;
  /** Measures nested blocks (text boxes, table cells) at a width. */
  measureBlocks: (blocks: import('../model/types.js').Block[], width: number) => Frag[];
  warn: (code: string, params: Record<string, string | number>, location: Location) => void;
}

/** The structure element a piece of content belongs to, or its artifact kind. */
export function tagFor(ctx: PlaceCtx, node: StructNode | undefined): StructNode | 'artifact' | 'header' | 'footer' {
  if (ctx.artifact || !node) return ctx.artifact ?? 'artifact';
  return node;
}
