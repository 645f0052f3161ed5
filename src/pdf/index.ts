/**
 * PDF letters: a rendered .docx (or a template's rendered parts) -> layout model -> pages
 * -> tagged PDF/UA-1 + PDF/A-2a (or PDF/A-1a). `renderPdf` is the library entry; the CLI and the server use it.
 */
import { KpBrevError, registeredDiagnostic, type Diagnostic, type Location } from '../diagnostics.js';
import { openPackage, type DocxPackage } from '../ooxml/package.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../ooxml/zip.js';
import { resolveLimits, type Limits } from '../limits.js';
import type { CaseContext } from '../context/context.js';
import type { RenderOptions, Template } from '../template/template.js';
import { layoutLetter } from './layout/document.js';
import type { LaidOutLetter } from './layout/types.js';
import { readLetter, type LetterSource } from './model/read.js';
import { writePdf } from './writer/pdf.js';
import { PDFA_LEVELS, type PdfaLevel } from './writer/pdfa.js';

export { PDFA_LEVELS, type PdfaLevel } from './writer/pdfa.js';

export interface PdfRenderOptions {
  /** Name of the template or file, for messages. */
  name?: string;
  /** Document title (the Digital Post title); the .docx title when not given. */
  title?: string;
  /** Refuse the letter instead of warning when something cannot be drawn as in Word. */
  strict?: boolean;
  /** Creation date in the metadata (none by default: reproducible output). */
  date?: Date;
  /** Font programs shared by the letters of a process (default, fast) or exact per letter (reproducible bytes). */
  fonts?: 'shared' | 'exact';
  /** PDF/A part and level: `2a` (default, together with PDF/UA-1) or `1a` for archives that demand PDF/A-1. */
  pdfa?: PdfaLevel;
  /** Limits on the zip and on what the letter may hold (src/limits.ts), for renderPdf. */
  limits?: Partial<ZipLimits & Limits>;
}

export interface PdfResult {
  pdf: Uint8Array;
  pages: number;
  /** What could not be drawn exactly as in Word (each with its place). */
  warnings: Diagnostic[];
}

/** Lays out a letter without writing the PDF (for tests and previews). */
export function layoutDocx(source: LetterSource, warnings: Diagnostic[] = []): LaidOutLetter {
  const seen = new Set<string>();
  const warn = (code: string, params: Record<string, string | number>, location: Location): void => {
    const key = JSON.stringify([code, params, location.part, location.paragraph]);
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push(registeredDiagnostic(code, params, location, 'warning'));
  };
  return layoutLetter(readLetter(source, warn), warn);
}

/** A letter as a tagged PDF, from a package and (optionally) rendered parts that replace its own. */
export async function renderPdfFrom(
  pkg: DocxPackage,
  options: PdfRenderOptions & { parts?: ReadonlyMap<string, string>; verbatim?: ReadonlyMap<string, readonly number[]> } = {},
): Promise<PdfResult> {
  const name = options.name ?? 'brev.docx';
  if (options.pdfa !== undefined && !PDFA_LEVELS.includes(options.pdfa)) {
    throw new KpBrevError('input', [
      registeredDiagnostic('pdf.pdfa-level', { level: String(options.pdfa), levels: PDFA_LEVELS.join(', ') }, { template: name }, 'error'),
    ]);
  }
  const warnings: Diagnostic[] = [];
  const letter = layoutDocx(
    { name, pkg, ...(options.parts ? { parts: options.parts } : {}), ...(options.verbatim ? { verbatim: options.verbatim } : {}) },
    warnings,
  );
  if (options.strict && warnings.length) {
    throw new KpBrevError('refused', [
      registeredDiagnostic('pdf.refused', { template: name, count: warnings.length }, { template: name }, 'error'),
      ...warnings.map((w) => ({ ...w, severity: 'error' as const })),
    ]);
  }
  const title = options.title ?? letter.title ?? name.replace(/\.docx$/i, '');
  const pdf = await writePdf(letter, {
    title,
    lang: letter.lang ?? 'da-DK',
    ...(options.date ? { date: options.date } : {}),
    ...(options.fonts ? { fonts: options.fonts } : {}),
    ...(options.pdfa ? { pdfa: options.pdfa } : {}),
  });
  return { pdf, pages: letter.pages.length, warnings };
}

/** A finished .docx letter as a tagged PDF. */
export async function renderPdf(docx: Uint8Array, options: PdfRenderOptions = {}): Promise<PdfResult> {
  return renderPdfFrom(openPackage(docx, { ...DEFAULT_ZIP_LIMITS, ...options.limits }, resolveLimits(options.limits)), options);
}

/** A letter from a template and a case, straight to PDF (the .docx is never zipped). */
export async function renderTemplatePdf(
  template: Template,
  context: CaseContext,
  options: PdfRenderOptions & RenderOptions = {},
): Promise<PdfResult & { diagnostics: Diagnostic[]; stats: { merged: number; missing: number } }> {
  const rendered = template.renderParts(context, options);
  const result = await renderPdfFrom(template.package, { ...options, name: options.name ?? template.name, parts: rendered.parts, verbatim: rendered.verbatim });
  return { ...result, diagnostics: rendered.diagnostics, stats: rendered.stats };
}
