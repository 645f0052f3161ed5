/**
 * Attachments (bilag): a letter with its PDF attachments as one file for printing, and the
 * check of a letter and its attachments against Digital Post's limits for a public sender
 * (bekendtgørelse om størrelse på filer i Digital Post § 3: at most 10 files and 99.5 MB
 * per message). The letter keeps its structure tree; attachment pages follow it, their
 * content marked as artifacts of the print copy (each attachment goes to Digital Post as its
 * own file, accessible on its own).
 */
import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from '@cantoo/pdf-lib';
import { KpBrevError, registeredDiagnostic } from '../../diagnostics.js';
import { unmarkContent } from './marked-content.js';

const inputError = (code: string, params: Record<string, string | number>): KpBrevError =>
  new KpBrevError('input', [registeredDiagnostic(code, params, undefined, 'error')]);

export interface Attachment {
  name: string;
  bytes: Uint8Array;
}

export interface DigitalPostLimits {
  /** Files in one message: the letter and its attachments. */
  maxFiles: number;
  /** Bytes of the whole message. */
  maxBytes: number;
}

export const DIGITAL_POST_LIMITS: DigitalPostLimits = { maxFiles: 10, maxBytes: 99.5 * 1024 * 1024 };

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace('.', ',');
}

/** Refuses a message that Digital Post would refuse: too many files, or too large in all. */
export function checkDigitalPostLimits(letter: Uint8Array, attachments: readonly Attachment[], limits: DigitalPostLimits = DIGITAL_POST_LIMITS): void {
  const files = 1 + attachments.length;
  if (files > limits.maxFiles) throw inputError('pdf.too-many-files', { count: files, limit: limits.maxFiles });
  const size = letter.length + attachments.reduce((a, f) => a + f.bytes.length, 0);
  if (size > limits.maxBytes) throw inputError('pdf.too-large', { size: mb(size), limit: mb(limits.maxBytes) });
}

async function loadAttachment(a: Attachment): Promise<PDFDocument> {
  if (a.bytes.length < 5 || Buffer.from(a.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw inputError('pdf.attachment-not-pdf', { name: a.name });
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(a.bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    throw inputError('pdf.attachment-not-pdf', { name: a.name });
  }
  if (doc.isEncrypted) throw inputError('pdf.attachment-encrypted', { name: a.name });
  return doc;
}

/**
 * A content stream (a page's, or a form XObject's and the forms it draws) without marked
 * content of its own document's structure: its BDC sequences become BMC, form XObjects lose
 * their /StructParents. A stream that cannot be decoded is left as it is.
 */
function unmarkStream(doc: PDFDocument, ref: PDFRef, seen: Set<PDFRef>): void {
  if (seen.has(ref)) return;
  seen.add(ref);
  const ctx = doc.context;
  const stream = ctx.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return;
  let content: Uint8Array;
  try {
    content = decodePDFRawStream(stream).decode();
  } catch {
    return;
  }
  const unmarked = unmarkContent(content);
  if (unmarked !== content) {
    const dict = stream.dict.clone(ctx);
    for (const key of ['Filter', 'DecodeParms', 'Length', 'DL']) dict.delete(PDFName.of(key));
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    ctx.assign(ref, PDFRawStream.of(dict, deflateSync(unmarked)));
  }
  const current = ctx.lookup(ref) as PDFRawStream;
  current.dict.delete(PDFName.of('StructParents'));
  current.dict.delete(PDFName.of('StructParent'));
  unmarkForms(doc, current.dict.lookup(PDFName.of('Resources')), seen);
}

function unmarkForms(doc: PDFDocument, resources: unknown, seen: Set<PDFRef>): void {
  if (!(resources instanceof PDFDict)) return;
  const xobjects = resources.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return;
  for (const key of xobjects.keys()) {
    const ref = xobjects.get(key);
    if (!(ref instanceof PDFRef)) continue;
    const x = doc.context.lookup(ref);
    if (x instanceof PDFRawStream && x.dict.get(PDFName.of('Subtype'))?.toString() === '/Form') unmarkStream(doc, ref, seen);
  }
}

/**
 * Marks everything a page draws as an artifact (of the print copy). A tagged attachment's own
 * marked content is unmarked first: tagged content may not stand inside an artifact, and its
 * MCIDs belong to the attachment's structure tree, which the print copy does not carry.
 */
function asArtifact(doc: PDFDocument, page: PDFPage): void {
  const ctx = doc.context;
  const seen = new Set<PDFRef>();
  const own = page.node.get(PDFName.of('Contents'));
  for (const ref of own instanceof PDFArray ? own.asArray() : [own]) if (ref instanceof PDFRef) unmarkStream(doc, ref, seen);
  unmarkForms(doc, page.node.Resources(), seen);
  const open = ctx.register(PDFRawStream.of(ctx.obj({}), Buffer.from('/Artifact <</Type /Pagination>> BDC\n', 'latin1')));
  const close = ctx.register(PDFRawStream.of(ctx.obj({}), Buffer.from('\nEMC\n', 'latin1')));
  const contents = page.node.get(PDFName.of('Contents'));
  const list = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  page.node.set(PDFName.of('Contents'), ctx.obj([open, ...list, close]));
  page.node.delete(PDFName.of('StructParents'));
  page.node.delete(PDFName.of('Annots'));
}

/** The letter followed by its attachments, for printing; checked against Digital Post's limits first. */
export async function combineForPrint(
  letter: Uint8Array,
  attachments: readonly Attachment[],
  limits: DigitalPostLimits = DIGITAL_POST_LIMITS,
): Promise<{ pdf: Uint8Array; pages: number }> {
  checkDigitalPostLimits(letter, attachments, limits);
  const doc = await PDFDocument.load(letter, { updateMetadata: false });
  for (const a of attachments) {
    const src = await loadAttachment(a);
    const pages = await doc.copyPages(src, src.getPageIndices());
    for (const p of pages) {
      doc.addPage(p);
      asArtifact(doc, p);
    }
  }
  if (attachments.length) withdrawPdfaClaim(doc);
  const pdf = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false });
  return { pdf, pages: doc.getPageCount() };
}

/**
 * The print copy claims no PDF/A part: its attachments are whatever PDF they were made as (the
 * letter itself, sent on its own, is the archival copy). Its PDF/UA claim stays.
 */
function withdrawPdfaClaim(doc: PDFDocument): void {
  const ref = doc.catalog.get(PDFName.of('Metadata'));
  const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
  if (!(stream instanceof PDFRawStream) || stream.dict.has(PDFName.of('Filter'))) return;
  const xml = Buffer.from(stream.getContents()).toString('utf8');
  const without = xml.replace(/<pdfaid:part>\d<\/pdfaid:part><pdfaid:conformance>[AB]<\/pdfaid:conformance>/, '');
  if (without !== xml) doc.context.assign(ref as PDFRef, PDFRawStream.of(stream.dict.clone(doc.context), Buffer.from(without, 'utf8')));
}

/** The number of pages of a PDF another engine made (LibreOffice's, for `--pdf-engine libreoffice`). */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true })).getPageCount();
}
