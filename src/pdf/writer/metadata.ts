/**
 * The document's metadata for PDF/UA-1: the XMP packet (title, language, producer, the
 * PDF/UA identification), the catalog's language and title display, and the document
 * information dictionary. Nothing varies between runs unless a creation date is given.
 */
import { PDFName, PDFRawStream, PDFString, type PDFDocument } from '@cantoo/pdf-lib';
import { VERSION } from '../../version.js';
import type { PdfOptions } from './pdf.js';

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function xmp(opts: PdfOptions): Buffer {
  const date = opts.date ? `<xmp:CreateDate>${opts.date.toISOString()}</xmp:CreateDate>` : '';
  const xml =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` +
    `<dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(opts.title)}</rdf:li></rdf:Alt></dc:title>` +
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(opts.lang)}</rdf:li></rdf:Bag></dc:language>` +
    `<pdf:Producer>kp-brev ${VERSION}</pdf:Producer><xmp:CreatorTool>kp-brev ${VERSION}</xmp:CreatorTool>${date}<pdfuaid:part>1</pdfuaid:part>` +
    `</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`;
  return Buffer.from(xml, 'utf8');
}

export function writeMetadata(doc: PDFDocument, opts: PdfOptions): void {
  const ctx = doc.context;
  const catalog = doc.catalog;
  catalog.set(PDFName.of('Lang'), PDFString.of(opts.lang));
  catalog.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));
  catalog.set(PDFName.of('Metadata'), ctx.register(PDFRawStream.of(ctx.obj({ Type: 'Metadata', Subtype: 'XML', Length: 0 }), xmp(opts))));
  doc.setTitle(opts.title);
  doc.setProducer(`kp-brev ${VERSION}`);
  doc.setCreator(`kp-brev ${VERSION}`);
  if (opts.date) doc.setCreationDate(opts.date);
}
