/**
 * The laid-out letter as a tagged PDF/UA-1 and PDF/A file (2a by default, 1a on request; pdfa.ts): pages, their resources (resources.ts) and
 * content streams (content.ts), the structure tree (structure.ts) and the metadata
 * (metadata.ts), written as numbered objects by file.ts. Font work is done once per process,
 * not per letter (docs/pdf.md has the measurements), and what a letter's fonts, images and
 * output intent write is made once and copied (docs/decisions.md, "PDF: what is done once").
 * The PDF library (@cantoo/pdf-lib) is used for reading PDFs (attachments.ts), no longer for
 * writing a letter: building its object graph per letter cost more than the rest of the writer.
 */
import type { Item, LaidOutLetter, StructNode } from '../layout/types.js';
import { pageContent, type Mark } from './content.js';
import { deflateContent } from './deflate.js';
import { array, dict, num, PdfFile, ref, stream } from './file.js';
import { writeMetadata } from './metadata.js';
import type { PdfOptions } from './options.js';
import { fileId, pdfVersion, writeOutputIntent } from './pdfa.js';
import { writeFonts, writeImages } from './resources.js';
import { writeStructureTree, type PageObject } from './structure.js';

export type { PdfOptions };

export async function writePdf(letter: LaidOutLetter, opts: PdfOptions): Promise<Uint8Array> {
  return writePdfSync(letter, opts);
}

/**
 * The objects are numbered in the order the PDF library numbered them when it built the file
 * (page tree, catalog, pages, fonts, images, content streams, structure tree, annotations,
 * metadata, information dictionary, output profile), and written in its syntax.
 */
export function writePdfSync(letter: LaidOutLetter, opts: PdfOptions): Uint8Array {
  const file = new PdfFile();
  const pageTree = file.reserve();
  const catalog = file.reserve();
  const pdfPages: PageObject[] = letter.pages.map(() => ({ ref: file.reserve(), annots: [] }));

  // Fonts: one Type0/CIDFontType2 per face used, from the process-wide pack.
  const pdfa = opts.pdfa ?? '2a';
  const { fonts, fontDict } = writeFonts(file, letter, opts.fonts ?? 'shared', pdfa === '1a');

  // Images: one XObject per distinct image in the letter (PDF/A-1: alpha composited onto white).
  const { images, xobjects } = writeImages(file, letter, pdfa === '1a');

  // Content streams, with marked content for every item.
  const marks = new Map<Item, Mark>();
  const parentTree: Array<Array<StructNode>> = letter.pages.map(() => []);
  // The file identifier digests the title, language, level and content (content is ASCII, so its latin1 bytes are its UTF-8).
  const contents: Array<string | Uint8Array> = [opts.title, opts.lang, pdfa];
  const streams = letter.pages.map((page, pi) => {
    const content = Buffer.from(pageContent(page, pi, fonts, images, marks, parentTree[pi]!), 'latin1');
    contents.push(content);
    return file.add(...stream([['Filter', '/FlateDecode']], deflateContent(content)));
  });

  // The structure tree (and the link annotations on the pages).
  const structTreeRoot = writeStructureTree(file, letter, pdfPages, marks, parentTree);

  letter.pages.forEach((p, pi) => {
    const page = pdfPages[pi]!;
    // A page with annotations was normalised by the library: its content as an array, an ExtGState dictionary, /Annots and /Tabs.
    const annotated = page.annots.length > 0;
    const resources: Array<[string, string]> = [
      ['Font', fontDict],
      ['XObject', xobjects],
    ];
    if (annotated) resources.push(['ExtGState', '<<\n>>']);
    const entries: Array<[string, string]> = [
      ['Type', '/Page'],
      ['Parent', ref(pageTree)],
      ['Resources', dict(resources)],
      ['MediaBox', array(['0', '0', num(p.width), num(p.height)])],
      ['Contents', annotated ? array([ref(streams[pi]!)]) : ref(streams[pi]!)],
      ['StructParents', num(pi)],
    ];
    if (annotated) entries.push(['Annots', array(page.annots.map(ref))], ['Tabs', '/S']);
    file.set(page.ref, dict(entries));
  });
  file.set(
    pageTree,
    dict([
      ['Type', '/Pages'],
      ['Kids', array(pdfPages.map((p) => ref(p.ref)))],
      ['Count', num(pdfPages.length)],
    ]),
  );

  // Catalog, metadata, PDF/A's output intent, file identifier and header.
  const meta = writeMetadata(file, { ...opts, pdfa });
  const outputIntents = writeOutputIntent(file);
  file.set(
    catalog,
    dict([
      ['Type', '/Catalog'],
      ['Pages', ref(pageTree)],
      ['StructTreeRoot', ref(structTreeRoot)],
      ['MarkInfo', dict([['Marked', 'true']])],
      ...meta.catalog,
      ['OutputIntents', outputIntents],
    ]),
  );
  return file.bytes(pdfVersion(pdfa), [
    ['Root', ref(catalog)],
    ['Info', ref(meta.info)],
    ['ID', fileId(contents)],
  ]);
}
