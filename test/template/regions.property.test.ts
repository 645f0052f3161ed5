/**
 * Regions against a reference expansion: for random lists (0-50 items, each with 0-4 lines of
 * its own), the letter's paragraphs and table rows are exactly what repeating the template's rows
 * and paragraphs by hand gives, and the letter always opens.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { docx, field, mergeField, p } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import type { XElement } from '../../src/ooxml/xml.js';

type Piece = Parameters<typeof p>[number];
const cell = (...content: Piece[]): string => `<w:tc>${p(...content)}</w:tc>`;
const row = (cells: string[], header = false): string => `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.join('')}</w:tr>`;
const table = (cols: number, ...rows: string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="3000"/>'.repeat(cols)}</w:tblGrid>${rows.join('')}</w:tbl>`;

const template = loadTemplate(
  docx([
    p('Antal: ', mergeField('Udgifter:Antal')),
    // A row region with a total row after it.
    table(
      2,
      row([cell('Navn'), cell('Beløb')], true),
      row([cell(mergeField('TableStart:Udgifter'), mergeField('Navn'), mergeField('TableEnd:Udgifter')), cell(mergeField('Beloeb', { switches: '\\# "0"' }))]),
      row([cell('I alt'), cell(field('= SUM(ABOVE) \\# "0"'))]),
    ),
    // Nested paragraph regions.
    p(mergeField('TableStart:Udgifter'), '* ', mergeField('Navn')),
    p(
      mergeField('TableStart:Linjer'),
      '- ',
      mergeField('Tekst'),
      ' (',
      mergeField('Udgifter:Nummer'),
      '.',
      mergeField('Linjer:Nummer'),
      ')',
      mergeField('TableEnd:Linjer'),
    ),
    p(mergeField('TableEnd:Udgifter')),
    // Nested row regions in one table (header rows only otherwise: it goes when the list is empty).
    table(
      1,
      row([cell('Post')], true),
      row([cell(mergeField('TableStart:Udgifter'), mergeField('Navn'))]),
      row([cell(mergeField('TableStart:Linjer'), mergeField('Tekst'), mergeField('TableEnd:Linjer'))]),
      row([cell(mergeField('Navn'), ' i alt', mergeField('TableEnd:Udgifter'))]),
    ),
    p('Slut.'),
  ]),
  { name: 'liste.docx' },
);

interface Item {
  Navn: string;
  Beloeb: number;
  Linjer: Array<{ Tekst: string }>;
}

/** The letter by hand: paragraphs (cells included, in document order) and each table's rows. */
function reference(items: Item[]): { texts: string[]; rows: number[] } {
  const texts = [`Antal: ${items.length}`, 'Navn', 'Beløb'];
  for (const it of items) texts.push(it.Navn, String(it.Beloeb));
  texts.push('I alt', String(items.reduce((s, it) => s + it.Beloeb, 0)));
  items.forEach((it, i) => {
    texts.push(`* ${it.Navn}`);
    it.Linjer.forEach((l, j) => texts.push(`- ${l.Tekst} (${i + 1}.${j + 1})`));
  });
  const rows = [items.length + 2];
  if (items.length) {
    texts.push('Post');
    for (const it of items) texts.push(it.Navn, ...it.Linjer.map((l) => l.Tekst), `${it.Navn} i alt`);
    rows.push(1 + items.reduce((s, it) => s + 2 + it.Linjer.length, 0));
  }
  texts.push('Slut.');
  return { texts, rows };
}

const word = fc.string({ unit: fc.constantFrom(...'abcæøå ABCÆØÅ-'.split('')), minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== '');
const item = fc.record({ Navn: word, Beloeb: fc.integer({ min: 0, max: 1_000_000 }), Linjer: fc.array(fc.record({ Tekst: word }), { maxLength: 4 }) });

describe('regions against a reference expansion', () => {
  it('random lists of 0-50 items with nested lists give the rows and text of the reference', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 50 }), (items) => {
        const letter = openDocx(template.render(toContext({ fields: { Udgifter: items } })).docx);
        const expected = reference(items);
        expect(letter.texts()).toEqual(expected.texts);
        const tbls: XElement[] = [];
        const walk = (n: XElement): void => {
          for (const c of n.children) if (c.kind === 'element') c.name === 'w:tbl' ? tbls.push(c) : walk(c);
        };
        walk(letter.root('word/document.xml'));
        expect(tbls.map((t) => t.children.filter((c) => c.kind === 'element' && c.name === 'w:tr').length)).toEqual(expected.rows);
        // Every part of the letter is well-formed XML (openDocx parses what it reads).
        for (const part of letter.parts.filter((x) => x.endsWith('.xml'))) letter.root(part);
      }),
      { numRuns: 60 },
    );
  });
});
