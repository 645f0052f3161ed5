/**
 * Why kp-brev writes zips itself (docs/decisions.md): rewriting document.xml and reusing the
 * other parts, our writer over node:zlib against pizzip generate. `npx tsx bench/zip-writer.ts`
 */
import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { readZip } from '../src/ooxml/zip.js';
import { writeZip } from '../src/ooxml/zip-write.js';
import { measure, table } from './stats.js';
const bytes = readFileSync('samples/enkeltbrev/bevilling-helbredstillaegskort.docx');
const src = readZip(bytes);
const doc = Buffer.from(src.read('word/document.xml'));
// ours: reuse all but document.xml
const ours = measure(
  'own writer (node zlib, reuse)',
  () => writeZip(src.order.map((n) => (n === 'word/document.xml' ? { name: n, data: doc } : { name: n, reuse: src.entries.get(n)! }))),
  1000,
);
// pizzip: load once, set document.xml as string each time, generate (pako deflate; other parts reuse compressed data)
const pz = new PizZip(bytes);
const docText = doc.toString('utf8');
const piz = measure(
  'pizzip generate (pako, reuse)',
  () => {
    pz.file('word/document.xml', docText);
    return pz.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  },
  1000,
);
console.log(table([ours, piz], ours));
