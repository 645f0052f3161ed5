/**
 * Regions: TableStart:/TableEnd: rows and paragraphs repeated per item of a list in the case.
 * Every test renders a real .docx and reads the letter back (rows counted, text read).
 */
import { describe, expect, it } from 'vitest';
import { docx, field, mergeField, p, renderDocx } from '../helpers/build.js';
import { openDocx, type OpenedDocx } from '../helpers/inspect.js';
import { loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { KpBrevError } from '../../src/diagnostics.js';
import { parseCatalog } from '../../src/repository/catalog.js';
import type { XElement } from '../../src/ooxml/xml.js';
import { libreOfficeText, soffice } from '../helpers/libreoffice.js';
import { needTool } from '../helpers/tools.js';

type Piece = Parameters<typeof p>[number];

const cell = (...content: Piece[]): string => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${p(...content)}</w:tc>`;
const row = (cells: string[], header = false): string => `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.join('')}</w:tr>`;
const table = (...rows: string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>${rows.join('')}</w:tbl>`;
const amount = (name: string): Piece => mergeField(name, { switches: '\\# "#.##0,00"' });

/** The beregningstabel: header, one row per expense, a total row summing the column above. */
const beregning = table(
  row([cell('Beskrivelse'), cell('Overslag'), cell('Tilskud')], true),
  row([cell(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse'), mergeField('TableEnd:Udgifter')), cell(amount('Overslag')), cell(amount('Tilskud'))]),
  row([cell('I alt'), cell(field('= SUM(ABOVE) \\# "#.##0,00"')), cell(field('= SUM(ABOVE) \\# "#.##0,00"'))]),
);

const udgifter = [
  { Beskrivelse: 'Nye brilleglas', Overslag: 2400, Tilskud: 1632 },
  { Beskrivelse: 'Stel', Overslag: 1000.5, Tilskud: 680.34 },
  { Beskrivelse: 'Synsprøve', Overslag: 450, Tilskud: 306 },
];

function element(node: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  const walk = (n: XElement): void => {
    for (const c of n.children) {
      if (c.kind !== 'element') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/** The rows of each table of the body, each row as its cells' texts. */
function tables(d: OpenedDocx): string[][][] {
  const xml = d.xml('word/document.xml');
  const texts = (n: XElement): string =>
    element(n, 'w:t')
      .map((t) => t.children.map((c) => (c.kind === 'text' ? c.text : '')).join(''))
      .join('');
  return element(d.root('word/document.xml'), 'w:tbl')
    .map((t) =>
      t.children
        .filter((r): r is XElement => r.kind === 'element' && r.name === 'w:tr')
        .map((r) => r.children.filter((c): c is XElement => c.kind === 'element' && c.name === 'w:tc').map(texts)),
    )
    .filter(() => xml.length > 0);
}

function refusal(template: Buffer, context: unknown): KpBrevError {
  try {
    renderDocx(template, context);
  } catch (err) {
    if (err instanceof KpBrevError) return err;
    throw err;
  }
  throw new Error('the letter was made');
}

describe('table-row regions', () => {
  it('repeats the row once per item, in order, and SUM(ABOVE) adds the repeated rows', () => {
    const d = renderDocx(docx([p('Beregning:'), beregning, p('Slut.')]), { fields: { Udgifter: udgifter } });
    const [t] = tables(d);
    expect(t).toEqual([
      ['Beskrivelse', 'Overslag', 'Tilskud'],
      ['Nye brilleglas', '2.400,00', '1.632,00'],
      // Word's # shows a space where the number has no digit.
      ['Stel', '1.000,50', ' 680,34'],
      ['Synsprøve', ' 450,00', ' 306,00'],
      ['I alt', '3.850,50', '2.618,34'],
    ]);
    // The markers leave nothing behind: no fields, no «TableStart».
    expect(d.fieldInstructions()).toEqual([]);
    expect(d.xml('word/document.xml')).not.toContain('TableStart');
  });

  it("repeats the row when start and end are in its first and last cell (Aspose's usual placing)", () => {
    const t = docx(
      table(
        row([cell('Udgift'), cell('Beløb')], true),
        row([cell(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse')), cell(amount('Overslag'), mergeField('TableEnd:Udgifter'))]),
      ),
    );
    expect(loadTemplate(t, { name: 'brev.docx' }).diagnostics).toEqual([]);
    const [rows] = tables(renderDocx(t, { fields: { Udgifter: udgifter } }));
    expect(rows!.map((r) => r.join('|'))).toEqual(['Udgift|Beløb', 'Nye brilleglas|2.400,00', 'Stel|1.000,50', 'Synsprøve| 450,00']);
  });

  it('repeats several rows (start in the first, end in the last) as a block per item', () => {
    const t = docx(
      table(
        row([cell('Udgift'), cell('Beløb'), cell('')], true),
        row([cell(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse')), cell(amount('Overslag')), cell('overslag')]),
        row([cell('  heraf tilskud'), cell(amount('Tilskud')), cell(mergeField('TableEnd:Udgifter'))]),
      ),
    );
    const [rows] = tables(renderDocx(t, { fields: { Udgifter: udgifter.slice(0, 2) } }));
    expect(rows!.map((r) => r.join('|'))).toEqual([
      'Udgift|Beløb|',
      'Nye brilleglas|2.400,00|overslag',
      '  heraf tilskud|1.632,00|',
      'Stel|1.000,50|overslag',
      '  heraf tilskud| 680,34|',
    ]);
  });

  it('an empty list removes the rows; a table left with header rows only goes too, one with a total row stays', () => {
    const onlyHeader = table(
      row([cell('Beskrivelse'), cell('Overslag')], true),
      row([cell(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse'), mergeField('TableEnd:Udgifter')), cell(amount('Overslag'))]),
    );
    const d = renderDocx(docx([p('Før.'), onlyHeader, p('Mellem.'), beregning, p('Efter.')]), { fields: { Udgifter: [] } });
    const ts = tables(d);
    expect(ts).toHaveLength(1);
    expect(ts[0]).toEqual([
      ['Beskrivelse', 'Overslag', 'Tilskud'],
      ['I alt', '0,00'.padStart(7, ' '), '0,00'.padStart(7, ' ')],
    ]);
    expect(d.texts().filter((t) => !['Beskrivelse', 'Overslag', 'Tilskud', 'I alt'].includes(t.trim()) && !/0,00/.test(t))).toEqual([
      'Før.',
      'Mellem.',
      'Efter.',
    ]);
  });

  it('null is an empty list; a missing list refuses the letter', () => {
    expect(tables(renderDocx(docx([beregning]), { fields: { Udgifter: null } }))[0]).toHaveLength(2);
    const err = refusal(docx([beregning]), { fields: {} });
    expect(err.diagnostics.map((d) => [d.code, d.params['list']])).toContainEqual(['render.list-missing', 'Udgifter']);
  });

  it('a missing item field refuses the letter naming the item, template, part and paragraph', () => {
    const items = [...udgifter];
    items[2] = { Beskrivelse: 'Synsprøve', Overslag: 450 } as never;
    const err = refusal(docx([p('Beregning:'), beregning]), { fields: { Udgifter: items } });
    const d = err.diagnostics.find((x) => x.code === 'render.missing-item-field')!;
    expect(d.params).toMatchObject({ field: 'Udgifter[2].Tilskud', list: 'Udgifter', n: 3 });
    expect(d.location).toMatchObject({ template: 'test.docx', part: 'word/document.xml', instruction: expect.stringContaining('MERGEFIELD Tilskud') });
    expect(d.location!.paragraph).toBeGreaterThan(1);
    expect(err.message).toContain('Udgifter[2].Tilskud');
  });
});

describe('paragraph regions', () => {
  const numbering =
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
  const listItem = (...content: Piece[]): string =>
    p(...content).replace(/^<w:p>/, '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>');

  const manglerbrev = docx(
    [
      p('Du mangler at sende ', mergeField('Dokumenter:Antal'), ' ', field('IF ', mergeField('Dokumenter:Antal'), ' = 1 "dokument" "dokumenter"'), ':'),
      listItem(
        mergeField('TableStart:Dokumenter'),
        mergeField('Navn'),
        field('IF ', mergeField('Frist'), ' <> "" " (senest ', mergeField('Frist', { switches: '\\@ "d. MMMM yyyy"' }), ')"'),
      ),
      p(mergeField('TableEnd:Dokumenter')),
      p('Med venlig hilsen ', mergeField('Sagsbehandler')),
    ],
    { numbering },
  );

  it('repeats the paragraphs per item; list paragraphs keep their list so the numbering continues', () => {
    const d = renderDocx(manglerbrev, {
      fields: {
        Sagsbehandler: 'Lone Hansen',
        Dokumenter: [
          { Navn: 'Kopi af regningen', Frist: '2026-02-01' },
          { Navn: 'Recept fra optiker', Frist: '' },
          { Navn: 'Prisoverslag', Frist: '2026-02-15' },
        ],
      },
    });
    const paras = d.paragraphs();
    expect(paras.map((x) => x.text)).toEqual([
      'Du mangler at sende 3 dokumenter:',
      'Kopi af regningen (senest 1. februar 2026)',
      'Recept fra optiker',
      'Prisoverslag (senest 15. februar 2026)',
      'Med venlig hilsen Lone Hansen',
    ]);
    // Every copy is a paragraph of list 1: Word numbers them 1., 2., 3.
    expect(paras.slice(1, 4).every((x) => /<w:numId w:val="1"\/>/.test(x.pPr))).toBe(true);
  });

  it('the count and the IF on it read one item as one', () => {
    const d = renderDocx(manglerbrev, { fields: { Sagsbehandler: 'Lone Hansen', Dokumenter: [{ Navn: 'Kopi af regningen', Frist: '' }] } });
    expect(d.texts()[0]).toBe('Du mangler at sende 1 dokument:');
  });

  it('an empty list leaves the paragraphs out; the last paragraph of a cell stays, empty', () => {
    const d = renderDocx(manglerbrev, { fields: { Sagsbehandler: 'Lone Hansen', Dokumenter: [] } });
    expect(d.texts()).toEqual(['Du mangler at sende 0 dokumenter:', 'Med venlig hilsen Lone Hansen']);
    // A paragraph region alone in the body: the body's last paragraph must stay.
    const alone = renderDocx(docx([p(mergeField('TableStart:Dokumenter'), mergeField('Navn'), mergeField('TableEnd:Dokumenter'))]), {
      fields: { Dokumenter: [] },
    });
    expect(alone.paragraphs()).toHaveLength(1);
    expect(alone.texts()).toEqual(['']);
  });
});

describe('nesting and names', () => {
  it('nests a region over an item’s own list; names resolve against the item, the enclosing items, then the case', () => {
    const t = docx([
      p(
        mergeField('TableStart:Udgifter'),
        'Udgift ',
        mergeField('Udgifter:Nummer'),
        ' af ',
        mergeField('Udgifter:Antal'),
        ': ',
        mergeField('Beskrivelse'),
        ' (',
        mergeField('Kommune'),
        ')',
      ),
      p(
        '  ',
        mergeField('TableStart:Udgifter.Linjer'),
        mergeField('Udgifter:Nummer'),
        '.',
        mergeField('Linjer:Nummer'),
        ' ',
        mergeField('Tekst'),
        ' til ',
        mergeField('Beskrivelse'),
        mergeField('TableEnd:Udgifter.Linjer'),
      ),
      p(mergeField('TableEnd:Udgifter')),
      p('Slut.'),
    ]);
    const d = renderDocx(t, {
      fields: {
        Kommune: 'Sønderborg',
        Beskrivelse: 'sagens beskrivelse',
        Udgifter: [
          { Beskrivelse: 'Briller', Linjer: [{ Tekst: 'glas' }, { Tekst: 'stel', Beskrivelse: 'stellet' }] },
          { Beskrivelse: 'Tandprotese', Linjer: [] },
        ],
      },
    });
    expect(d.texts()).toEqual([
      'Udgift 1 af 2: Briller (Sønderborg)',
      '  1.1 glas til Briller',
      '  1.2 stel til stellet',
      'Udgift 2 af 2: Tandprotese (Sønderborg)',
      'Slut.',
    ]);
  });

  it('IF, \\#, \\@ and flettespørgsmål work inside a region', () => {
    const t = docx(
      table(
        row([cell('Dato'), cell('Beløb'), cell('Note')], true),
        row([
          cell(mergeField('TableStart:Poster'), mergeField('Dato', { switches: '\\@ "dd-MM-yyyy"' }), mergeField('TableEnd:Poster')),
          cell(mergeField('Beloeb', { switches: '\\# "#.##0,00 kr."' })),
          cell(field('IF ', mergeField('Beloeb'), ' > 1000 "stor" "lille"'), field('IF ', mergeField('Question:flettespoergsmaal-1'), ' = "J" " (betalt)"')),
        ]),
      ),
    );
    const [rows] = tables(
      renderDocx(t, {
        fields: {
          Poster: [
            { Dato: '2026-01-05', Beloeb: 1234.5 },
            { Dato: '2026-02-10', Beloeb: 99 },
          ],
        },
        questions: { 'flettespoergsmaal-1': 'J' },
      }),
    );
    expect(rows!.slice(1)).toEqual([
      ['05-01-2026', '1.234,50 kr.', 'stor (betalt)'],
      ['10-02-2026', '  99,00 kr.', 'lille (betalt)'],
    ]);
  });

  it('Udgifter:Antal works in a letter without regions, and Nummer only inside its region', () => {
    expect(renderDocx(docx([p('Antal: ', mergeField('Udgifter:Antal'))]), { fields: { Udgifter: udgifter } }).texts()).toEqual(['Antal: 3']);
    const err = refusal(docx([p(mergeField('Udgifter:Nummer'))]), { fields: { Udgifter: udgifter } });
    expect(err.diagnostics[0]!.code).toBe('render.list-number-outside');
  });

  it('refuses an item that is not an object, and a list that is not a list', () => {
    const t = docx([beregning]);
    expect(refusal(t, { fields: { Udgifter: ['Briller'] } }).diagnostics.map((d) => d.code)).toContain('render.list-item-not-object');
    expect(refusal(t, { fields: { Udgifter: { Beskrivelse: 'Briller' } } }).diagnostics.map((d) => d.code)).toContain('render.list-not-list');
  });

  it('the case context accepts arrays of objects (nested too)', () => {
    const ctx = toContext({ fields: { Udgifter: [{ Beskrivelse: 'Briller', Linjer: [{ Tekst: 'glas' }] }] } });
    expect((ctx.fields['Udgifter'] as unknown[]).length).toBe(1);
    expect(() => toContext({ fields: { Udgifter: [{ __proto__x: 1, constructor: 2 }] } })).toThrow(/constructor/);
  });
});

describe('structure problems refuse the letter', () => {
  const cases: Array<[string, string[], string]> = [
    ['start without end', [p(mergeField('TableStart:Udgifter'), 'x')], 'region.start-without-end'],
    ['end without start', [p('x', mergeField('TableEnd:Udgifter'))], 'region.end-without-start'],
    ['crossing names', [p(mergeField('TableStart:A'), mergeField('TableStart:B')), p(mergeField('TableEnd:A'), mergeField('TableEnd:B'))], 'region.crossing'],
    [
      'from a cell into a table nested in another cell',
      [table(row([cell(mergeField('TableStart:A'), 'x'), `<w:tc>${table(row([cell(mergeField('TableEnd:A'))]))}<w:p/></w:tc>`]))],
      'region.boundary',
    ],
    ['across a table boundary', [p(mergeField('TableStart:A')), table(row([cell(mergeField('TableEnd:A'))]))], 'region.boundary'],
    ['inside another field', [p(field('IF 1 = 1 "', mergeField('TableStart:A'), '"'), mergeField('TableEnd:A'))], 'region.in-field'],
  ];
  for (const [what, body, code] of cases) {
    it(what, () => {
      const t = docx(body);
      const loaded = loadTemplate(t, { name: 'brev.docx' });
      expect(loaded.diagnostics.map((d) => d.code)).toContain(code);
      const err = refusal(t, { fields: { A: [{}], B: [{}], Udgifter: [{}] } });
      const d = err.diagnostics.find((x) => x.code === code)!;
      expect(d.location).toMatchObject({ template: 'test.docx', part: 'word/document.xml' });
    });
  }

  it('a SEQ inside a region is refused (its numbers are counted once per template)', () => {
    const t = docx([p(mergeField('TableStart:A'), 'Bilag ', field('SEQ Bilag'), mergeField('TableEnd:A'))]);
    expect(refusal(t, { fields: { A: [{}, {}] } }).diagnostics[0]!.code).toBe('render.region-unsupported');
  });
});

describe('copies', () => {
  it('bookmarks stay in the first copy only, drawing ids are made unique', () => {
    const drawing = '<w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/><wp:docPr id="7" name="Billede"/></wp:inline></w:drawing></w:r>';
    const t = docx([
      `<w:p><w:bookmarkStart w:id="1" w:name="Linje"/><w:bookmarkEnd w:id="1"/>${drawing.replace('id="7"', 'id="3"')}</w:p>`,
      p(mergeField('TableStart:A'), mergeField('N')).replace(
        '</w:p>',
        `<w:bookmarkStart w:id="2" w:name="Her"/><w:bookmarkEnd w:id="2"/>${drawing}${p(mergeField('TableEnd:A')).slice(5)}`,
      ),
    ]);
    const xml = renderDocx(t, { fields: { A: [{ N: 'a' }, { N: 'b' }, { N: 'c' }] } }).xml('word/document.xml');
    expect(xml.match(/w:name="Her"/g)).toHaveLength(1);
    const ids = [...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });
});

describe('with a catalog', () => {
  const catalog = parseCatalog(
    [
      'processes:',
      '  - id: udvidet-helbredstillaeg',
      '  - id: personligt-tillaeg',
      'fields:',
      '  - { name: Borger.Navn, processes: "*" }',
      'lists:',
      '  - name: Udgifter',
      '    processes: [udvidet-helbredstillaeg]',
      '    fields:',
      '      - { name: Beskrivelse, type: tekst }',
      '      - { name: Overslag, type: beloeb }',
      '      - { name: Tilskud, type: beloeb }',
    ].join('\n'),
  );
  const t = docx([
    p(mergeField('Borger.Navn')),
    table(
      row([cell('Beskrivelse'), cell('Overslag')], true),
      row([cell(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse'), mergeField('TableEnd:Udgifter')), cell(mergeField('Overslag'))]),
    ),
  ]);
  const render = (ctx: unknown): OpenedDocx =>
    openDocx(
      loadTemplate(t, { name: 'np_1017.docx', rules: { catalog, processes: ['udvidet-helbredstillaeg', 'personligt-tillaeg'] } }).render(toContext(ctx)).docx,
    );

  it('item fields take their catalog type', () => {
    const [rows] = tables(
      render({ process: 'udvidet-helbredstillaeg', fields: { 'Borger.Navn': 'Karen', Udgifter: [{ Beskrivelse: 'Briller', Overslag: 2400 }] } }),
    );
    expect(rows![1]).toEqual(['Briller', '2.400,00 kr.']);
  });

  it('a list the process does not provide, and an item field the catalog declares but the item lacks, refuse the letter', () => {
    expect(() => render({ process: 'personligt-tillaeg', fields: { 'Borger.Navn': 'Karen', Udgifter: [] } })).toThrow(/Udgifter.*personligt-tillaeg/);
    try {
      render({
        process: 'udvidet-helbredstillaeg',
        fields: { 'Borger.Navn': 'Karen', Udgifter: [{ Beskrivelse: 'Briller', Overslag: 1 }, { Beskrivelse: 'Stel' }] },
      });
      expect.unreachable();
    } catch (err) {
      expect((err as KpBrevError).diagnostics.map((d) => d.params['field'])).toEqual(['Udgifter[1].Overslag']);
    }
  });
});

describe('preview', () => {
  it('a missing list shows the rows once with placeholders and says why', () => {
    const r = loadTemplate(docx([beregning]), { name: 'b.docx' }).render(toContext({ fields: {} }), { preview: true });
    const [rows] = tables(openDocx(r.docx));
    expect(rows).toHaveLength(3);
    expect(rows![1]![0]).toContain('MANGLER');
    expect(r.diagnostics.map((d) => d.code)).toContain('render.list-missing');
  });
});

describe('LibreOffice opens the letters', () => {
  it.runIf(needTool('LibreOffice', soffice !== undefined, 'libreoffice-writer'))(
    'a table region and a paragraph region with 3 and 0 items',
    { timeout: 180_000 },
    () => {
      const t = docx([
        p('Beregning:'),
        beregning,
        p(mergeField('TableStart:Udgifter'), '- ', mergeField('Beskrivelse')),
        p(mergeField('TableEnd:Udgifter')),
        p('Slut.'),
      ]);
      const full = loadTemplate(t).render(toContext({ fields: { Udgifter: udgifter } })).docx;
      const empty = loadTemplate(t).render(toContext({ fields: { Udgifter: [] } })).docx;
      const text = libreOfficeText({ full, empty });
      expect(text['full']).toContain('Synsprøve');
      expect(text['full']).toContain('3.850,50');
      expect(text['full']!.match(/- Stel/g)).toHaveLength(1);
      expect(text['empty']).toContain('Slut.');
      expect(text['empty']).not.toContain('Stel');
    },
  );
});
