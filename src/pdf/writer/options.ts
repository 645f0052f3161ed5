/** What the caller of the PDF writer chooses (pdf.ts), in a module of its own so that the writer's parts (metadata.ts) can read it without importing the writer. */
import type { PdfaLevel } from './pdfa.js';

export interface PdfOptions {
  title: string;
  lang: string;
  /** Creation date written to the metadata; none by default, so that output is reproducible. */
  date?: Date;
  /** Font programs: `shared` across the letters of a process (fast), or `exact` per letter (reproducible). */
  fonts?: 'shared' | 'exact';
  /** The PDF/A part and level claimed: `2a` (default) or `1a` (PDF 1.4 features only: no soft masks, CIDSet). */
  pdfa?: PdfaLevel;
}
