/**
 * The fast path of repeated rows (stencil.ts: a group's XML recorded once per shape of its
 * fields' results, filled per copy) against the writer's own path and against an independent
 * oracle. For random lists: the letter's bytes are the same with stencils as without them
 * (values with XML specials, blanks, tabs and line breaks, empty and missing values, runs that
 * merge, blank merge lines); and in the repository's list letter (np_1017: fragmented field
 * codes, bookmarks inside fields, a total row of `{ = SUM(ABOVE) }`) each row shows its item's
 * values formatted as amounts and each total is the sum of what the rows show.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { docx, field, mergeField, p } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { loadTemplate, parseContextText } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { renderTuning } from '../../src/template/render.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import type { XElement, XNode } from '../../src/ooxml/xml.js';

type Piece = Parameters<typeof p>[number];
const cell = (...content: Piece[]): string => `<w:tc>${p(...content)}</w:tc>`;
const row = (cells: string[], header = false): string => `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.join('')}</w:tr>`;
const table = (cols: number, ...rows: string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="3000"/>'.repeat(cols)}</w:tblGrid>${rows.join('')}</w:tbl>`;

afterEach(() => {
  renderTuning.stencils = true;
});

/** Both paths, the writer's first (the stencils are recorded from it). */
function bothPaths(render: () => Buffer): { writer: Buffer; stencils: Buffer } {
  renderTuning.stencils = false;
  const writer = render();
  renderTuning.stencils = true;
  return { writer, stencils: render() };
}

describe('stencils of repeated rows against the writer', () => {
  const template = loadTemplate(
    docx([
      table(
        3,
        row([cell('Navn'), cell('Beløb'), cell('Note')], true),
        row([
          // Two fields and literal text in one paragraph (their runs merge), a picture, text around a value.
          cell(mergeField('TableStart:Linjer'), mergeField('Navn'), ' / ', mergeField('Kode')),
          cell('kr. ', mergeField('Beloeb', { switches: '\\# "#.##0,00"' })),
          cell(mergeField('Note'), mergeField('TableEnd:Linjer')),
        ]),
        row([cell('I alt'), cell(field('= SUM(ABOVE) \\# "#.##0,00"')), cell('')]),
      ),
      // A paragraph region: a paragraph of merge fields only (Word drops it when they are all
      // empty) and one with an IF.
      p(mergeField('TableStart:Linjer'), mergeField('Note'), mergeField('Kode')),
      p('- ', mergeField('Navn'), field('IF "', mergeField('Kode'), '" = "" "" " (', mergeField('Kode'), ')"'), mergeField('TableEnd:Linjer')),
      p('Slut.'),
    ]),
    { name: 'stencil.docx' },
  );

  const text = fc.oneof(
    fc.constant(''),
    fc.constant(' '),
    fc.constantFrom('a & b', '<x>', '"citat"', 'tab\there', 'linje\nlinje', 'æøå ÆØÅ', '\u00a0', 'kr.'),
    fc.string({ unit: fc.constantFrom(...'ab æ&<>"\t\n-'.split('')), maxLength: 8 }),
  );
  const value = fc.oneof(text, fc.constant(null), fc.integer({ min: -100000, max: 100000 }));
  const item = fc.record(
    {
      Navn: text,
      Kode: value,
      Beloeb: fc.oneof(
        fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
        fc.constant(null),
      ),
      Note: value,
    },
    { requiredKeys: ['Navn', 'Beloeb'] },
  );

  it('give the same letter as the writer for random items, in strict and preview letters', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.boolean(), (items, preview) => {
        const ctx = toContext({ fields: { Linjer: items } });
        const render = (): Buffer => {
          try {
            return template.render(ctx, { preview }).docx;
          } catch (err) {
            // A refused letter (a missing item field) is refused on both paths alike.
            return Buffer.from(String((err as Error).message));
          }
        };
        const { writer, stencils } = bothPaths(render);
        expect(stencils.equals(writer)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

/** A Danish amount as the catalog's `beloeb` type shows it, by hand; `picture`: as the totals'
 * `\# "#.##0,00 kr."` shows it, whose `#` places show a space where the number has no digit. */
function kroner(cents: number, picture = false): string {
  const digits = String(Math.floor(cents / 100));
  const int = digits.replace(/\B(?=(\d{3})+$)/g, '.');
  return `${picture ? ' '.repeat(Math.max(0, 4 - digits.length)) : ''}${int},${String(cents % 100).padStart(2, '0')} kr.`;
}

const cellText = (c: XElement): string => {
  let s = '';
  const walk = (n: XNode): void => {
    if (n.kind === 'text') return;
    if (n.kind !== 'element') return;
    if (n.name === 'w:t') for (const t of n.children) if (t.kind === 'text') s += t.text;
    for (const k of n.children) walk(k);
  };
  walk(c);
  return s;
};

describe('the repository list letter against an oracle', () => {
  const root = join(import.meta.dirname, '../..');
  const repo = TemplateRepository.open(join(root, 'templates'));
  const compiled = repo.compile('np_1017');
  const base = parseContextText(readFileSync(join(root, 'samples/sager/np_1017/fatima-briller-tre-udgifter.json'), 'utf8'));
  const cents = fc.integer({ min: 0, max: 100_000_000 });
  const expense = fc.record({
    Beskrivelse: fc.constantFrom('Nye brilleglas', 'Stel & glas', 'Tandpleje <akut>', 'Fodbehandling'),
    Overslag: cents,
    Prisaftale: fc.option(cents),
    Tilskud: cents,
    Egenbetaling: cents,
  });

  it('shows each row as its item and totals the amounts the rows show', () => {
    fc.assert(
      fc.property(fc.array(expense, { minLength: 1, maxLength: 60 }), (expenses) => {
        const udgifter = expenses.map((e) => ({
          ...e,
          Overslag: e.Overslag / 100,
          Prisaftale: e.Prisaftale === null ? null : e.Prisaftale / 100,
          Tilskud: e.Tilskud / 100,
          Egenbetaling: e.Egenbetaling / 100,
        }));
        const total = udgifter.reduce((s, u) => s + u.Tilskud, 0);
        const ctx = toContext({ ...base, fields: { ...base.fields, Udgifter: udgifter, Tilskud: { Beloeb: total } } });
        const { writer, stencils } = bothPaths(() => compiled.template.render(ctx).docx);
        expect(stencils.equals(writer)).toBe(true);

        const letter = openDocx(stencils);
        const tables: XElement[] = [];
        const walk = (n: XElement): void => {
          for (const c of n.children) if (c.kind === 'element') c.name === 'w:tbl' ? tables.push(c) : walk(c);
        };
        walk(letter.root('word/document.xml'));
        const rowsOf = (t: XElement): string[][] =>
          t.children
            .filter((r): r is XElement => r.kind === 'element' && r.name === 'w:tr')
            .map((r) => r.children.filter((c): c is XElement => c.kind === 'element' && c.name === 'w:tc').map(cellText));
        const rows = rowsOf(tables.find((t) => rowsOf(t).some((r) => r[0] === 'I alt'))!);
        const totalAt = rows.findIndex((r) => r[0] === 'I alt');
        const repeated = rows.slice(totalAt - expenses.length, totalAt);
        expect(repeated).toEqual(
          expenses.map((e) => [
            e.Beskrivelse,
            kroner(e.Overslag),
            e.Prisaftale === null ? '' : kroner(e.Prisaftale),
            kroner(e.Tilskud),
            kroner(e.Egenbetaling),
          ]),
        );
        const sum = (k: 'Overslag' | 'Tilskud' | 'Egenbetaling'): string =>
          kroner(
            expenses.reduce((s, e) => s + e[k], 0),
            true,
          );
        expect(rows[totalAt]).toEqual(['I alt', sum('Overslag'), '', sum('Tilskud'), sum('Egenbetaling')]);
      }),
      { numRuns: 40 },
    );
  });
});
