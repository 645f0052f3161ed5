/**
 * The document's metadata for PDF/A and PDF/UA-1: the XMP packet (title, language, producer,
 * the PDF/A identification pdfaid:part + conformance, the PDF/UA identification pdfuaid:part
 * and the PDF/A extension schema that declares the pdfuaid namespace), the catalog's language
 * and title display, and the document information dictionary with the same title, producer,
 * creator and dates as the XMP (ISO 19005-1 6.7.3, ISO 19005-2 6.6.2.3 and 6.6.3). Nothing
 * varies between runs unless a creation date is given.
 */
import { VERSION } from '../../version.js';
import type { PdfOptions } from './options.js';
import { escapeXmlAll } from '../../ooxml/xml.js';
import { dict, pdfDate, stream, type PdfFile } from './file.js';
import { utf16Hex } from './syntax.js';

/** The PDF/A extension schema for pdfuaid (PDF/UA is not one of PDF/A's predefined schemas). */
const PDFUA_EXTENSION =
  '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">' +
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">' +
  '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>' +
  '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>' +
  '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>' +
  '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">' +
  '<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>' +
  '<pdfaProperty:category>internal</pdfaProperty:category>' +
  '<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>' +
  '</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>';

const PRODUCER = `kp-brev ${VERSION}`;
const PRODUCER_HEX = utf16Hex(PRODUCER);

/** An XMP date: ISO 8601 to the second, UTC (as the Info dictionary's date, which has no fractions). */
function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function xmp(opts: PdfOptions): Buffer {
  const part = opts.pdfa === '1a' ? 1 : 2;
  const date = opts.date ? `<xmp:CreateDate>${xmpDate(opts.date)}</xmp:CreateDate><xmp:ModifyDate>${xmpDate(opts.date)}</xmp:ModifyDate>` : '';
  const xml =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` +
    `<dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXmlAll(opts.title)}</rdf:li></rdf:Alt></dc:title>` +
    `<dc:language><rdf:Bag><rdf:li>${escapeXmlAll(opts.lang)}</rdf:li></rdf:Bag></dc:language>` +
    `<pdf:Producer>${PRODUCER}</pdf:Producer><xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>${date}` +
    `<pdfaid:part>${part}</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part>` +
    `</rdf:Description>${PDFUA_EXTENSION}</rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`;
  return Buffer.from(xml, 'utf8');
}

/** The catalog's entries for language, title display and metadata; the information dictionary's object number. */
export function writeMetadata(file: PdfFile, opts: PdfOptions): { catalog: Array<[string, string]>; info: number } {
  // Not compressed: PDF/A-1 (6.7.2) wants the XMP readable without PDF filters.
  const metadata = file.add(
    ...stream(
      [
        ['Type', '/Metadata'],
        ['Subtype', '/XML'],
      ],
      xmp(opts),
    ),
  );
  const info: Array<[string, string]> = [
    ['Title', utf16Hex(opts.title)],
    ['Producer', PRODUCER_HEX],
    ['Creator', PRODUCER_HEX],
  ];
  if (opts.date) {
    const whole = new Date(Math.floor(opts.date.getTime() / 1000) * 1000);
    info.push(['CreationDate', pdfDate(whole)], ['ModDate', pdfDate(whole)]);
  }
  return {
    catalog: [
      ['Lang', `(${opts.lang})`],
      ['ViewerPreferences', dict([['DisplayDocTitle', 'true']])],
      ['Metadata', `${metadata} 0 R`],
    ],
    info: file.add(dict(info)),
  };
}
