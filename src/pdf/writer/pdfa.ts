/**
 * What PDF/A asks of the file beyond tagging and metadata: the output intent with the sRGB
 * ICC profile the page colours (DeviceRGB) are meant in (ISO 19005-1 6.2.2, ISO 19005-2
 * 6.2.3), the file identifier in the trailer (19005-1 6.1.3, 19005-2 6.1.3) and, for PDF/A-1,
 * the PDF 1.4 header. The profile is shipped in fonts/ (fonts/README.md: source and licence)
 * and read and deflated once per process.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { FONT_DIR } from '../fonts/faces.js';
import { array, dict, stream, type Chunk, type PdfFile } from './file.js';

/** The PDF/A part and level a letter claims: 2a (default, with PDF/UA-1) or 1a (PDF 1.4 only). */
export type PdfaLevel = '2a' | '1a';
export const PDFA_LEVELS: readonly PdfaLevel[] = ['2a', '1a'];

/** sRGB IEC61966-2.1, ICC v2 (icc-profiles-free, zlib licence). */
export const ICC_FILE = join(FONT_DIR, 'sRGB.icc');
const OUTPUT_CONDITION = 'sRGB IEC61966-2.1';

/** The profile's stream object, read, deflated and written once per process. */
let icc: Chunk[] | undefined;
function iccObject(): Chunk[] {
  if (!icc) {
    const [head, data, tail] = stream(
      [
        ['N', '3'],
        ['Filter', '/FlateDecode'],
      ],
      deflateSync(readFileSync(ICC_FILE), { level: 9 }),
    );
    icc = [Buffer.concat([Buffer.from(head as string, 'latin1'), data as Uint8Array, Buffer.from(tail as string, 'latin1')])];
  }
  return icc;
}

/** The output intent (GTS_PDFA1 is the subtype both PDF/A-1 and PDF/A-2 name) with the embedded profile: the catalog's /OutputIntents value. */
export function writeOutputIntent(file: PdfFile): string {
  const profile = file.add(...iccObject());
  return array([
    dict([
      ['Type', '/OutputIntent'],
      ['S', '/GTS_PDFA1'],
      ['OutputConditionIdentifier', `(${OUTPUT_CONDITION})`],
      ['Info', `(${OUTPUT_CONDITION})`],
      ['DestOutputProfile', `${profile} 0 R`],
    ]),
  ]);
}

/**
 * The trailer's file identifier: a digest of what makes the letter (its title and page
 * content), so the same letter gets the same identifier and output stays reproducible.
 */
export function fileId(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash('md5');
  for (const p of parts) hash.update(p);
  const id = `<${hash.digest('hex').toUpperCase()}>`;
  return array([id, id]);
}

/** PDF/A-1 is based on PDF 1.4: the header says so. */
export function pdfVersion(level: PdfaLevel): string {
  return level === '1a' ? '1.4' : '1.7';
}
