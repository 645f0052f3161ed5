/**
 * Builds the sample templates into samples/ (checked in). Reproducible: the same script gives
 * the same bytes. Run with `npm run samples`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack } from './lib/docx-kit.js';
import { buildLetter } from './lib/sample-letter.js';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'samples/enkeltbrev');
mkdirSync(dir, { recursive: true });
const letter = buildLetter('fields');
writeFileSync(join(dir, 'bevilling-helbredstillaegskort.docx'), await pack(letter.doc, letter.rawXml));
console.log('samples/enkeltbrev/bevilling-helbredstillaegskort.docx');
