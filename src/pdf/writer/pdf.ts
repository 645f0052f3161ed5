/**
 * The laid-out letter as a tagged PDF/UA-1 and PDF/A file (2a by default, 1a on request; pdfa.ts): pages, their resources (resources.ts) and
 * content streams (content.ts), the structure tree (structure.ts) and the metadata
 * (metadata.ts). The PDF library (@cantoo/pdf-lib, the maintained fork of pdf-lib) supplies
 * the object model and the serialisation; the content streams, the structure tree and the
 * font objects are written by these modules, because the library has no API for tagging and
 * because font work must be done once per process, not per letter (docs/pdf.md has the
 * measurements).
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from '@cantoo/pdf-lib';
import type { Item, LaidOutLetter, StructNode } from '../layout/types.js';
import { pageContent, type Mark } from './content.js';
import { writeMetadata } from './metadata.js';
import type { PdfOptions } from './options.js';
import { writeFileId, writeHeader, writeOutputIntent } from './pdfa.js';
import { writeFonts, writeImages } from './resources.js';
import { writeStructureTree } from './structure.js';

export type { PdfOptions };

export async function writePdf(letter: LaidOutLetter, opts: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const pdfPages: PDFPage[] = letter.pages.map((p) => doc.addPage([p.width, p.height]));

  // Fonts: one Type0/CIDFontType2 per face used, from the process-wide pack.
  const pdfa = opts.pdfa ?? '2a';
  const { fonts, fontDict } = writeFonts(ctx, letter, opts.fonts ?? 'shared', pdfa === '1a');

  // Images: one XObject per distinct image in the letter (PDF/A-1: alpha composited onto white).
  const { images, xobjects } = writeImages(ctx, letter, pdfa === '1a');

  // Content streams, with marked content for every item.
  const marks = new Map<Item, Mark>();
  const parentTree: Array<Array<StructNode>> = letter.pages.map(() => []);
  const contents: string[] = [opts.title, opts.lang, pdfa];
  letter.pages.forEach((page, pi) => {
    const content = pageContent(page, pi, fonts, images, marks, parentTree[pi]!);
    contents.push(content);
    const stream = PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), deflateSync(Buffer.from(content, 'latin1'), { level: 6 }));
    const node = pdfPages[pi]!.node;
    node.set(PDFName.of('Contents'), ctx.register(stream));
    node.set(PDFName.of('Resources'), ctx.obj({ Font: fontDict, XObject: xobjects }));
    node.set(PDFName.of('StructParents'), PDFNumber.of(pi));
  });

  // The structure tree.
  writeStructureTree(doc, letter, pdfPages, marks, parentTree);

  // Catalog, metadata, PDF/A's output intent, file identifier and header.
  writeMetadata(doc, { ...opts, pdfa });
  writeOutputIntent(doc);
  writeFileId(doc, contents);
  writeHeader(doc, pdfa);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false });
}
