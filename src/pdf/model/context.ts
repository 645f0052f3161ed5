/**
 * The reader's shared context: the letter being read, how to report what cannot be drawn,
 * and what the drawing and table readers need of the Reader (its place, nested block reading).
 */
import type { Location } from '../../diagnostics.js';
import type { DocxPackage } from '../../ooxml/package.js';
import type { XElement } from '../../ooxml/xml.js';
import type { PackageInfo } from './package-info.js';
import type { TableStyle } from '../../ooxml/styles/resolve.js';
import type { Block } from './types.js';

/** A letter to lay out: a package, with rendered parts (XML text) in place of its own. */
export interface LetterSource {
  name: string;
  pkg: DocxPackage;
  parts?: ReadonlyMap<string, string>;
  /** Where the rendered parts hold the template's text unchanged (RenderedParts.verbatim). */
  verbatim?: ReadonlyMap<string, readonly number[]>;
}

export type Warn = (code: string, params: Record<string, string | number>, location: Location) => void;

/** The Reader as the drawing and table readers see it. */
export interface ReadContext {
  readonly source: LetterSource;
  readonly info: PackageInfo;
  readonly warn: Warn;
  /** The part being read. */
  readonly part: string;
  /** Image bytes by part, read once per package. */
  readonly images: Map<string, Uint8Array>;
  /** Where the reader is, for diagnostics. */
  where(): Location;
  /** Block-level content of a body, cell, header or text box. */
  readBlocks(container: XElement, out: Block[], table: TableStyle | undefined, onSection: (sectPr: XElement) => void): void;
}
