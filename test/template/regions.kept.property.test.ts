/**
 * What a letter keeps of a region's copy (region-cells.ts): only the results other fields read
 * again, and the cells of a table a formula reads, recorded once the copy is made. For random
 * lists the letter is the same as when every copy keeps every result: its bytes, its problems
 * (in order) and its counts, in strict and preview letters; with formulas reading the rows from
 * above (a total row), from below (a header row), along a row (a formula in the repeated row),
 * by cell name, a row region inside another in one table, and bookmarks read inside and after
 * the copies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { docx, field, mergeField, p, raw } from '../helpers/build.js';
import { loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { copyTuning } from '../../src/template/region-cells.js';
import { KpBrevError } from '../../src/diagnostics.js';

type Piece = Parameters<typeof p>[number];
const cell = (...content: Piece[]): string => `<w:tc>${p(...content)}</w:tc>`;
const row = (cells: string[], header = false): string => `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.join('')}</w:tr>`;
const table = (cols: number, ...rows: string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(cols)}</w:tblGrid>${rows.join('')}</w:tbl>`;
const bookmark = (id: number, name: string, ...inside: Piece[]): Piece[] => [
  raw(`<w:bookmarkStart w:id="${id}" w:name="${name}"/>`),
  ...inside,
  raw(`<w:bookmarkEnd w:id="${id}"/>`),
];

afterEach(() => {
  copyTuning.lean = true;
});

const template = loadTemplate(
  docx([
    table(
      4,
      row([cell('Navn'), cell(field('= SUM(BELOW) \\# "#.##0,00"')), cell('Sum'), cell('Ref')], true),
      row([
        cell(mergeField('TableStart:Linjer'), mergeField('Navn')),
        cell(...bookmark(1, 'Beloeb', mergeField('Beloeb', { switches: '\\# "#.##0,00"' }))),
        cell(field('= SUM(LEFT) \\# "0,00"')),
        cell(field('REF Beloeb'), ' kr.', mergeField('TableEnd:Linjer')),
      ]),
      row([cell('I alt'), cell(field('= SUM(ABOVE) \\# "#.##0,00"')), cell(field('= SUM(ABOVE)')), cell(field('= B2 + C3'))]),
    ),
    // A row region inside another, in one table.
    table(
      2,
      row([cell(mergeField('TableStart:Grupper'), mergeField('Navn')), cell('')]),
      row([cell(mergeField('TableStart:Linjer'), mergeField('Navn')), cell(mergeField('Beloeb'), mergeField('TableEnd:Linjer'))]),
      row([cell('Gruppe'), cell(mergeField('Nr'), mergeField('TableEnd:Grupper'))]),
      row([cell('I alt'), cell(field('= SUM(ABOVE)'))]),
    ),
    // A paragraph region whose bookmark a REF in the same copy reads.
    p(mergeField('TableStart:Linjer'), ...bookmark(2, 'Navn', mergeField('Navn')), ': ', field('REF Navn'), mergeField('TableEnd:Linjer')),
    p('Sidst: ', field('REF Beloeb'), ' / ', field('REF Navn')),
  ]),
  { name: 'kept.docx' },
);

function letter(ctx: ReturnType<typeof toContext>, preview: boolean): unknown {
  try {
    const r = template.render(ctx, { preview });
    return { docx: r.docx.toString('base64'), diagnostics: r.diagnostics, stats: r.stats };
  } catch (err) {
    if (!(err instanceof KpBrevError)) throw err;
    return { refused: err.diagnostics };
  }
}

describe('what a copy of a region keeps', () => {
  const amount = fc.oneof(
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
    fc.constant(null),
    fc.constantFrom('tekst', '12,5', ''),
  );
  const item = fc.record({ Navn: fc.constantFrom('a', 'b & c', '7', ''), Beloeb: amount }, { requiredKeys: ['Navn'] });
  const gruppe = fc.record(
    { Navn: fc.constantFrom('G', '1'), Nr: fc.integer({ min: 0, max: 9 }), Linjer: fc.array(item, { maxLength: 4 }) },
    { requiredKeys: ['Navn', 'Linjer'] },
  );

  it('gives the letter every copy keeping every result gives, its problems and counts too', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), fc.array(gruppe, { maxLength: 4 }), fc.boolean(), (linjer, grupper, preview) => {
        const ctx = toContext({ fields: { Linjer: linjer, Grupper: grupper } });
        copyTuning.lean = false;
        const full = letter(ctx, preview);
        copyTuning.lean = true;
        expect(letter(ctx, preview)).toEqual(full);
      }),
      { numRuns: 80 },
    );
  });
});
