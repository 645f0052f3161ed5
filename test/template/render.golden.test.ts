/**
 * Golden render tests: templates built the way Word saves them (instruction split every three
 * characters, proofing marks, rsids, bookmarks between runs, nested results as w:instrText),
 * rendered, opened again and checked for text, formatting and structure.
 */
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { bold, docx, field, formatted, mergeField, p, paragraphBreak, pStyled, questionIf, renderDocx } from '../helpers/build.js';

const Q = 'flettespoergsmaal-10023';

describe('flettespørgsmål', () => {
  const template = docx([p('Kære ', mergeField('Borger.Fornavn'), '.'), p(questionIf(Q, 'Vi mangler en kopi af regningen.')), p('Med venlig hilsen')]);

  it('J puts the text in', () => {
    const letter = renderDocx(template, { fields: { Borger: { Fornavn: 'Karen' } }, questions: { [Q]: 'J' } });
    expect(letter.texts()).toEqual(['Kære Karen.', 'Vi mangler en kopi af regningen.', 'Med venlig hilsen']);
    expect(letter.fieldInstructions()).toEqual([]);
  });

  it('N leaves the text out (and Word keeps the empty paragraph of a lone IF)', () => {
    const letter = renderDocx(template, { fields: { Borger: { Fornavn: 'Karen' } }, questions: { [Q]: 'N' } });
    expect(letter.texts()).toEqual(['Kære Karen.', '', 'Med venlig hilsen']);
  });

  it('an unanswered question is N', () => {
    const letter = renderDocx(template, { fields: { Borger: { Fornavn: 'Karen' } } });
    expect(letter.texts()[1]).toBe('');
  });

  it('--remove-empty-paragraphs removes the paragraph a condition emptied', () => {
    const letter = renderDocx(template, { fields: { Borger: { Fornavn: 'Karen' } } }, { removeEmptyParagraphs: true });
    expect(letter.texts()).toEqual(['Kære Karen.', 'Med venlig hilsen']);
  });

  it('back-to-back codes in one paragraph leave no empty lines, as the KP guide advises', () => {
    const t = docx([
      p('Vi mangler:'),
      pStyled(
        '',
        questionIf('q1', ['Kopi af regningen.', paragraphBreak()]),
        questionIf('q2', ['Dokumentation for betaling.', paragraphBreak()]),
        questionIf('q3', ['Lægeerklæring.', paragraphBreak()]),
      ),
      p('Svar senest om 14 dage.'),
    ]);
    const none = renderDocx(t, { questions: { q1: 'N', q2: 'N', q3: 'N' } });
    expect(none.texts()).toEqual(['Vi mangler:', '', 'Svar senest om 14 dage.']);
    const some = renderDocx(t, { questions: { q1: 'J', q2: 'N', q3: 'J' } });
    expect(some.texts()).toEqual(['Vi mangler:', 'Kopi af regningen.', 'Lægeerklæring.', '', 'Svar senest om 14 dage.']);
  });
});

describe('IF', () => {
  it('nested IF three levels deep picks the right branch', () => {
    const nested = field(
      ' IF ',
      mergeField('Type'),
      ' = "A" "Type A" "',
      field(
        ' IF ',
        mergeField('Type'),
        ' = "B" "Type B" "',
        field(' IF ', mergeField('Type'), ' = "C" "Type C" "Anden type"', { kind: 'text', text: ' ', rPr: '' }),
        '"',
      ),
      '"',
    );
    nested.result = 'Type A';
    const t = docx([p(nested)]);
    expect(renderDocx(t, { fields: { Type: 'A' } }).texts()).toEqual(['Type A']);
    expect(renderDocx(t, { fields: { Type: 'B' } }).texts()).toEqual(['Type B']);
    expect(renderDocx(t, { fields: { Type: 'C' } }).texts()).toEqual(['Type C']);
    expect(renderDocx(t, { fields: { Type: 'D' } }).texts()).toEqual(['Anden type']);
  });

  it('compares numbers as numbers (Danish decimal comma) and text as text', () => {
    const t = docx([
      p(field(' IF ', mergeField('Beloeb'), ' > 1000 "stor" "lille" ')),
      p(field(' IF ', mergeField('Beloeb'), ' >= 999,5 "ja" "nej" ')),
      p(field(' IF "', mergeField('Navn'), '" = "Hansen" "lig" "ulig" ')),
      p(field(' IF ', mergeField('Navn'), ' = "hansen" "lig" "ulig" ')),
    ]);
    expect(renderDocx(t, { fields: { Beloeb: 999.5, Navn: 'Hansen' } }).texts()).toEqual(['lille', 'ja', 'lig', 'ulig']);
    expect(renderDocx(t, { fields: { Beloeb: '1.200,00', Navn: 'Jensen' } }).texts()).toEqual(['stor', 'ja', 'ulig', 'ulig']);
    // 10 > 9 numerically, although "10" < "9" as text.
    const n = docx([p(field(' IF ', mergeField('A'), ' > ', mergeField('B'), ' "større" "mindre" '))]);
    expect(renderDocx(n, { fields: { A: 10, B: 9 } }).texts()).toEqual(['større']);
  });

  it('wildcards ? and * match on the right-hand side of = and <>', () => {
    const t = docx([
      p(field(' IF ', mergeField('Kode'), ' = "BH*" "briller" "andet" ')),
      p(field(' IF ', mergeField('Kode'), ' = "BH-??" "to tegn" "ikke to" ')),
      p(field(' IF ', mergeField('Kode'), ' <> "*X" "uden X" "med X" ')),
    ]);
    expect(renderDocx(t, { fields: { Kode: 'BH-12' } }).texts()).toEqual(['briller', 'to tegn', 'uden X']);
    expect(renderDocx(t, { fields: { Kode: 'TP-1X' } }).texts()).toEqual(['andet', 'ikke to', 'med X']);
  });

  it('accepts typographic quotes as delimiters, as Word does', () => {
    const t = docx([p(field(' IF ', mergeField(`Question:${Q}`), ' = ”J” ”Ja-tekst” “Nej-tekst” '))]);
    expect(renderDocx(t, { questions: { [Q]: 'J' } }).texts()).toEqual(['Ja-tekst']);
    expect(renderDocx(t, { questions: { [Q]: 'N' } }).texts()).toEqual(['Nej-tekst']);
  });

  it('keeps the formatting of each run of a branch', () => {
    const t = docx([
      p(
        'Du får ',
        field(' IF ', mergeField('Bevilget'), ' = "J" "', bold('bevilget'), ' helbredstillæg" "', formatted('afslag', '<w:rPr><w:i/></w:rPr>'), '" '),
        '.',
      ),
    ]);
    const yes = renderDocx(t, { fields: { Bevilget: 'J' } }).paragraphs()[0]!;
    expect(yes.text).toBe('Du får bevilget helbredstillæg.');
    expect(yes.runs.filter((r) => r.bold).map((r) => r.text)).toEqual(['bevilget']);
    expect(yes.runs.find((r) => r.text.includes('helbredstillæg'))!.bold).toBe(false);
    const no = renderDocx(t, { fields: { Bevilget: 'N' } }).paragraphs()[0]!;
    expect(no.text).toBe('Du får afslag.');
    expect(no.runs.find((r) => r.text === 'afslag')!.italic).toBe(true);
  });

  it('a branch that spans two paragraphs adds or drops whole paragraphs', () => {
    const t = docx([
      p('Indledning.'),
      p(
        questionIf('q', ['Første afsnit af teksten.', paragraphBreak('<w:pPr><w:jc w:val="both"/></w:pPr>'), 'Andet afsnit af teksten.', paragraphBreak()]),
        'Afslutning.',
      ),
    ]);
    const yes = renderDocx(t, { questions: { q: 'J' } });
    expect(yes.texts()).toEqual(['Indledning.', 'Første afsnit af teksten.', 'Andet afsnit af teksten.', 'Afslutning.']);
    // The second paragraph keeps its own properties (they live in its paragraph mark).
    expect(yes.paragraphs()[2]!.pPr).toContain('w:jc');
    const no = renderDocx(t, { questions: { q: 'N' } });
    expect(no.texts()).toEqual(['Indledning.', 'Afslutning.']);
  });

  it('missing FalseText gives nothing when false', () => {
    const t = docx([p('A', field(' IF 1 = 2 "X" '), 'B')]);
    expect(renderDocx(t, {}).texts()).toEqual(['AB']);
  });
});

describe('MERGEFIELD switches', () => {
  const fields = {
    Navn: 'karen jensen',
    NAVN: 'RICHARD',
    Beloeb: 1234.5,
    Lille: 85,
    Negativ: -42.5,
    Dato: '2026-01-05',
    Tom: '',
    Null: null,
    Nummer: 4,
  };
  const cases: Array<[string, string]> = [
    ['Navn \\* Upper', 'KAREN JENSEN'],
    ['NAVN \\* Lower', 'richard'],
    ['NAVN \\* Lower \\* FirstCap', 'Richard'],
    ['Navn \\* Caps', 'Karen Jensen'],
    ['Navn \\* FirstCap', 'Karen jensen'],
    ['Beloeb \\# "#.##0,00"', '1.234,50'],
    ['Beloeb \\# ".0,00 kr."', '1.234,50 kr.'],
    ['Lille \\# "0,00"', '85,00'],
    ['Lille \\# "#.##0,00"', '  85,00'],
    ['Negativ \\# "0,00;-0,00"', '-42,50'],
    // Word's documented rule: a # without a digit shows as a space.
    ['Negativ \\# "#.##0,00;-#.##0,00"', '-  42,50'],
    ['Negativ \\# "0,0;(0,0)"', '(42,5)'],
    ['Beloeb', '1234,5'],
    ['Lille', '85'],
    ['Dato \\@ "d. MMMM yyyy"', '5. januar 2026'],
    ['Dato \\@ "dddd \'den\' d.MM.yy"', 'mandag den 5.01.26'],
    // Letters that are picture items are read as such unless quoted, as in Word.
    ['Dato \\@ "dddd [den] d.MM.yy"', 'mandag [5en] 5.01.26'],
    ['Dato \\@ "d. MMM yyyy"', '5. jan 2026'],
    ['Dato', '2026-01-05'],
    ['Navn \\b "Til: " \\f " (borger)"', 'Til: karen jensen (borger)'],
    ['Tom \\b "Til: " \\f " (borger)"', ''],
    ['Null \\b "Til: "', ''],
    ['Nummer \\* roman', 'iv'],
    ['Nummer \\* ROMAN', 'IV'],
    ['Nummer \\* Ordinal', '4.'],
    ['Navn \\* MERGEFORMAT', 'karen jensen'],
  ];
  const template = docx(cases.map(([ins]) => p('[', field(` MERGEFIELD ${ins} `), ']')));
  const letter = renderDocx(template, { fields });
  cases.forEach(([ins, expected], i) => {
    it(`{ MERGEFIELD ${ins} } gives "${expected}"`, () => {
      expect(letter.texts()[i]).toBe(`[${expected}]`);
    });
  });

  it('date names follow the language of the field run (en-US)', () => {
    const spec = field(' MERGEFIELD Dato \\@ "dddd, MMMM d, yyyy" ');
    spec.lang = 'en-US';
    expect(renderDocx(docx([p(spec)]), { fields }).texts()).toEqual(['Monday, January 5, 2026']);
  });

  it('MERGEFORMAT keeps the formatting of the previous result', () => {
    const spec = mergeField('Navn', { switches: '\\* MERGEFORMAT' });
    const xml = p(spec)
      .replace('<w:t xml:space="preserve">«Navn»', '<w:t xml:space="preserve">«Navn»')
      .replace(/(<w:fldChar w:fldCharType="separate"\/><\/w:r>)<w:r>/, '$1<w:r><w:rPr><w:b/></w:rPr>');
    const out = renderDocx(docx([xml]), { fields }).paragraphs()[0]!;
    expect(out.text).toBe('karen jensen');
    expect(out.runs[0]!.bold).toBe(true);
  });

  it('without MERGEFORMAT the result takes the formatting of the field code', () => {
    const spec = mergeField('Navn');
    spec.rPr = '<w:rPr><w:i/></w:rPr>';
    const out = renderDocx(docx([p(spec)]), { fields }).paragraphs()[0]!;
    expect(out.runs[0]!.italic).toBe(true);
  });
});

describe('structure', () => {
  it('fills fields in table cells and keeps the table', () => {
    const cell = (content: string): string => `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>${content}</w:tc>`;
    const table =
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>' +
      `<w:tr>${cell(p('Pris'))}${cell(p(mergeField('Pris', { switches: '\\# "#.##0,00"' })))}</w:tr>` +
      `<w:tr>${cell(p('Tilskud'))}${cell(p(questionIf('q', '85 %', '0 %')))}</w:tr></w:tbl>`;
    const letter = renderDocx(docx([p('Før'), table, p('Efter')]), { fields: { Pris: 1500 }, questions: { q: 'J' } });
    const paras = letter.paragraphs();
    expect(paras.map((x) => x.text)).toEqual(['Før', 'Pris', '1.500,00', 'Tilskud', '85 %', 'Efter']);
    expect(paras.filter((x) => x.inTable)).toHaveLength(4);
  });

  it('never removes the last paragraph of a table cell', () => {
    const table = `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc>${p(mergeField('Tom'))}</w:tc></w:tr></w:tbl>`;
    const letter = renderDocx(docx([table, p('x')]), { fields: { Tom: '' } }, { removeEmptyParagraphs: true });
    expect(letter.paragraphs().filter((x) => x.inTable)).toHaveLength(1);
  });

  it('fills headers, footers and footnotes and keeps PAGE live', () => {
    const t = docx([p('Brødtekst', mergeField('Sag'))], {
      header: p('Sagsnr. ', mergeField('Sag')),
      footer: p('Side ', field(' PAGE '), ' af ', field(' NUMPAGES ')),
      footnotes: [p('Note til ', mergeField('Navn'))],
    });
    const letter = renderDocx(t, { fields: { Sag: '2026-001', Navn: 'Karen' } });
    expect(letter.texts('word/header1.xml')).toEqual(['Sagsnr. 2026-001']);
    expect(letter.texts('word/footnotes.xml').at(-1)).toBe('Note til Karen');
    expect(letter.fieldInstructions('word/footer1.xml')).toEqual(['PAGE', 'NUMPAGES']);
    expect(letter.fieldInstructions('word/header1.xml')).toEqual([]);
  });

  it('keeps PAGE and NUMPAGES live when a merge field shares their paragraph', () => {
    const page = field(' PAGE ');
    page.result = '1';
    const t = docx([p('x')], { footer: p('Sag ', mergeField('Sag'), ' · side ', page, ' af ', field(' NUMPAGES ')) });
    const letter = renderDocx(t, { fields: { Sag: '2026-001' } });
    expect(letter.fieldInstructions('word/footer1.xml')).toEqual(['PAGE', 'NUMPAGES']);
    expect(letter.texts('word/footer1.xml')).toEqual(['Sag 2026-001 · side 1 af ']);
    expect(letter.xml('word/footer1.xml')).not.toContain('MERGEFIELD');
  });

  it('an IF that depends on PAGE stays live, with its merge fields filled in', () => {
    const t = docx([p('x')], {
      footer: p(field(' IF ', field(' PAGE '), ' < ', field(' NUMPAGES '), ' "Fortsættes – ', mergeField('Navn'), '" "" ')),
    });
    const letter = renderDocx(t, { fields: { Navn: 'Karen' } });
    const ins = letter.fieldInstructions('word/footer1.xml');
    expect(ins.filter((i) => i.startsWith('IF'))).toHaveLength(1);
    expect(ins).toContain('PAGE');
    expect(ins.join(' ')).not.toContain('MERGEFIELD');
    expect(letter.xml('word/footer1.xml')).toContain('Karen');
  });

  it('fills fields in text boxes (both branches of mc:AlternateContent)', () => {
    const box = (inner: string): string => `<w:txbxContent>${inner}</w:txbxContent>`;
    const drawing =
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Tekstboks 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>' +
      box(p('Adresse: ', mergeField('Adresse'))) +
      '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
      box(p('Adresse: ', mergeField('Adresse'))) +
      '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    const letter = renderDocx(docx([`<w:p>${drawing}</w:p>`, p('Hej ', mergeField('Navn'))]), { fields: { Adresse: 'Vejen 1', Navn: 'Karen' } });
    const texts = letter.texts();
    expect(texts.filter((x) => x === 'Adresse: Vejen 1')).toHaveLength(2);
    expect(texts).toContain('Hej Karen');
    expect(letter.fieldInstructions()).toEqual([]);
  });

  it("drops a line of merge fields that all came out empty (Word's rule) but keeps an IF's", () => {
    const t = docx([p(mergeField('Linje1')), p(mergeField('Linje2')), p(mergeField('By'))]);
    const letter = renderDocx(t, { fields: { Linje1: 'Vejen 1', Linje2: '', By: '6400 Sønderborg' } });
    expect(letter.texts()).toEqual(['Vejen 1', '6400 Sønderborg']);
  });

  it('keeps blank merge lines when settings say w:doNotSuppressBlankLines', () => {
    const t = docx([p(mergeField('Linje1')), p(mergeField('Linje2'))], {
      settings: '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:doNotSuppressBlankLines/><w:dataType w:val="textFile"/></w:mailMerge>',
    });
    const letter = renderDocx(t, { fields: { Linje1: 'a', Linje2: '' } });
    expect(letter.texts()).toEqual(['a', '']);
    // The merged letter is no longer a mail-merge main document.
    expect(letter.xml('word/settings.xml')).not.toContain('w:mailMerge');
  });

  it('turns line breaks and tabs in case data into Word breaks and tabs', () => {
    const letter = renderDocx(docx([p(mergeField('Adresse'))]), { fields: { Adresse: 'Vejen 1\nPostboks 2\t(bagdør)' } });
    expect(letter.texts()).toEqual(['Vejen 1\nPostboks 2\t(bagdør)']);
    expect(letter.xml('word/document.xml')).toContain('<w:br/>');
  });
});

describe('hostile values', () => {
  const hostile = [
    '</w:t></w:r><w:r><w:t>injected',
    '{ MERGEFIELD Borger.CPR }',
    '<![CDATA[x]]> & &amp; "quoted" \'single\'',
    '\u201cJ\u201d \\* Upper',
    'æøå ÆØÅ 😀 \u200b',
  ];
  it.each(hostile)('renders %j literally and leaves well-formed XML', (value) => {
    const letter = renderDocx(docx([p('[', mergeField('X'), ']'), p(questionIf('q', ['Svar: ', mergeField('X')]))]), {
      fields: { X: value, 'Borger.CPR': '010101-0000' },
      questions: { q: 'J' },
    });
    expect(letter.texts()).toEqual([`[${value}]`, `Svar: ${value}`]);
    expect(letter.fieldInstructions()).toEqual([]);
  });

  it('refuses a value with a character XML cannot hold, naming the field', () => {
    expect(() => toContext({ fields: { X: 'a\u0001b' } })).toThrow(KpBrevError);
    try {
      toContext({ fields: { X: 'a\u0001b' } });
    } catch (e) {
      expect((e as KpBrevError).describe()).toContain('$.fields.X');
    }
  });
});

describe('strict by default', () => {
  const template = docx([p('Kære ', mergeField('Borger.Fornavn')), p('Beløb: ', mergeField('Beloeb', { switches: '\\# "#.##0,00"' }))], {
    header: p(mergeField('Sagsnummer')),
  });

  it('refuses a letter with missing fields and names each field, the template and the place', () => {
    const t = loadTemplate(template, { name: 'np_1011.docx' });
    let error: KpBrevError | undefined;
    try {
      t.render(toContext({ fields: { Beloeb: 10 } }));
    } catch (e) {
      error = e as KpBrevError;
    }
    expect(error).toBeInstanceOf(KpBrevError);
    expect(error!.kind).toBe('refused');
    const text = error!.describe('da');
    expect(text).toContain('np_1011.docx, word/document.xml, afsnit 1: Flettefeltet "Borger.Fornavn" har ingen værdi');
    expect(text).toContain('np_1011.docx, word/header1.xml, afsnit 1: Flettefeltet "Sagsnummer"');
    expect(error!.describe('en')).toContain('The merge field "Borger.Fornavn" has no value');
  });

  it('refuses a non-number under a number picture', () => {
    const t = loadTemplate(template, { name: 'np.docx' });
    expect(() => t.render(toContext({ fields: { Borger: { Fornavn: 'K' }, Beloeb: 'mange', Sagsnummer: '1' } }))).toThrow(/not a number/);
  });

  it('preview renders placeholders instead, highlighted', () => {
    const letter = renderDocx(template, { fields: { Beloeb: 10 } }, { preview: true });
    const para = letter.paragraphs()[0]!;
    expect(para.text).toBe('Kære «MANGLER: Borger.Fornavn»');
    expect(para.runs.at(-1)!.highlight).toBe('yellow');
    expect(letter.texts('word/header1.xml')).toEqual(['«MANGLER: Sagsnummer»']);
  });

  it('refuses a field code with a syntax error', () => {
    const t = loadTemplate(docx([p(field(' IF ', mergeField('X'), ' = "J" '))]), { name: 'x.docx' });
    expect(t.diagnostics.map((d) => d.code)).toContain('syntax.if-missing-true-text');
    expect(() => t.render(toContext({ fields: { X: 'J' } }))).toThrow(KpBrevError);
  });
});

describe('compile once, render many', () => {
  it('reuses the stored bytes of parts without fields', async () => {
    const { readZip } = await import('../../src/ooxml/zip.js');
    const template = docx([p('Hej ', mergeField('Navn'))], { footer: p('Side ', field(' PAGE ')) });
    const t = loadTemplate(template);
    const a = readZip(t.render(toContext({ fields: { Navn: 'A' } })).docx);
    const b = readZip(t.render(toContext({ fields: { Navn: 'B' } })).docx);
    const src = readZip(template);
    expect(Buffer.from(a.entries.get('word/styles.xml')!.raw)).toEqual(Buffer.from(src.entries.get('word/styles.xml')!.raw));
    expect(Buffer.from(a.entries.get('word/footer1.xml')!.raw)).toEqual(Buffer.from(src.entries.get('word/footer1.xml')!.raw));
    expect(a.entries.get('word/document.xml')!.crc32).not.toBe(b.entries.get('word/document.xml')!.crc32);
  });

  it('gives the same bytes for the same case', () => {
    const t = loadTemplate(docx([p('Hej ', mergeField('Navn'))]));
    const ctx = toContext({ fields: { Navn: 'A' } });
    expect(t.render(ctx).docx.equals(t.render(ctx).docx)).toBe(true);
  });
});

describe('MERGEFIELD \\m and \\v, and the general switch \\* CHARFORMAT', () => {
  const fields = { Navn: 'karen jensen', Beloeb: 1234.5, Tom: '', Adresse: 'Vejen 1\nPostboks 2' };
  const CODE = '<w:rPr><w:i/><w:color w:val="1F3864"/></w:rPr>';

  // \m (mapped field) and \v (vertical formatting of East Asian text) change nothing in a
  // Latin-script letter: the value, its other switches and its formatting are as without them.
  const cases: Array<[string, string]> = [
    ['Navn \\m', 'karen jensen'],
    ['Navn \\v', 'karen jensen'],
    ['Navn \\m \\v', 'karen jensen'],
    ['Navn \\v \\* Upper', 'KAREN JENSEN'],
    ['Navn \\m \\* Caps', 'Karen Jensen'],
    ['Beloeb \\# "#.##0,00" \\v', '1.234,50'],
    ['Navn \\b "Til: " \\m \\f " (borger)" \\v', 'Til: karen jensen (borger)'],
    ['Tom \\m \\v \\b "Til: "', ''],
  ];
  it.each(cases)('{ MERGEFIELD %s } gives "%s", formatted like the field code', (ins, expected) => {
    const spec = field(` MERGEFIELD ${ins} `);
    spec.rPr = CODE;
    spec.result = '«x»';
    const t = loadTemplate(docx([p('[', spec, ']')]));
    expect(t.diagnostics).toEqual([]);
    const r = t.render(toContext({ fields }));
    expect(r.diagnostics).toEqual([]);
    const para = renderDocx(docx([p('[', spec, ']')]), { fields }).paragraphs()[0]!;
    expect(para.text).toBe(`[${expected}]`);
    const result = para.runs.slice(1, -1);
    expect(result.map((run) => run.text).join('')).toBe(expected);
    for (const run of result) expect(run.rPr).toBe(CODE);
  });

  it('\\m does not take the next switch as its argument; a question read with \\m and \\v still decides an IF', () => {
    const t = docx([p(field(' IF ', field(' MERGEFIELD Question:q \\m \\v '), ' = "J" "ja" "nej" '))]);
    expect(renderDocx(t, { questions: { q: 'J' } }).texts()).toEqual(['ja']);
    expect(renderDocx(t, { questions: { q: 'N' } }).texts()).toEqual(['nej']);
  });

  /** A field code whose first character (the field type's first letter) has its own formatting,
   * the space before it and the rest of the code others, and the cached result yet another. */
  const FIRST = '<w:rPr><w:b/><w:bCs/><w:color w:val="C00000"/><w:sz w:val="28"/></w:rPr>';
  const SPACE = '<w:rPr><w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/></w:rPr>';
  const REST = '<w:rPr><w:i/></w:rPr>';
  const CACHED = '<w:rPr><w:u w:val="single"/></w:rPr>';
  const charformat = (type: string, rest: string, result = '«x»') => {
    const spec = field(formatted(' ', SPACE), formatted(type[0]!, FIRST), formatted(type.slice(1) + rest, REST));
    spec.rPr = CACHED;
    spec.result = result;
    return spec;
  };

  it('\\* CHARFORMAT: the whole MERGEFIELD result takes the run properties of the M', () => {
    const letter = renderDocx(docx([p('Til ', charformat('MERGEFIELD', ' Navn \\* CHARFORMAT '), '.')]), { fields });
    const para = letter.paragraphs()[0]!;
    expect(para.text).toBe('Til karen jensen.');
    const result = para.runs.slice(1, -1);
    expect(result.map((r) => r.text).join('')).toBe('karen jensen');
    for (const r of result) expect(r.rPr).toBe(FIRST);
    expect(letter.fieldInstructions()).toEqual([]);
  });

  it('\\* CHARFORMAT with other \\* formats and a value over several lines: every run of the result', () => {
    const letter = renderDocx(docx([p(charformat('MERGEFIELD', ' Adresse \\* Upper \\* CHARFORMAT '))]), { fields });
    const para = letter.paragraphs()[0]!;
    expect(para.text).toBe('VEJEN 1\nPOSTBOKS 2');
    expect(letter.xml('word/document.xml')).toContain('<w:br/>');
    expect(para.runs.length).toBeGreaterThan(0);
    for (const r of para.runs) expect(r.rPr).toBe(FIRST);
  });

  it("\\* CHARFORMAT wins over the cached result's formatting (unlike MERGEFORMAT)", () => {
    const doc = (sw: string) => docx([p(charformat('MERGEFIELD', ` Navn ${sw} `, 'gammelt'))]);
    expect(
      renderDocx(doc('\\* CHARFORMAT'), { fields })
        .paragraphs()[0]!
        .runs.map((r) => r.rPr),
    ).toEqual([FIRST]);
    expect(
      renderDocx(doc('\\* MERGEFORMAT'), { fields })
        .paragraphs()[0]!
        .runs.map((r) => r.rPr),
    ).toEqual([CACHED]);
  });

  it('\\* CHARFORMAT on a formula: the result takes the run properties of the =', () => {
    const para = renderDocx(docx([p(charformat('=', ' 2 + 3 \\# "0,00" \\* CHARFORMAT ', '0'))]), {}).paragraphs()[0]!;
    expect(para.text).toBe('5,00');
    expect(para.runs.map((r) => r.rPr)).toEqual([FIRST]);
  });

  it("\\* CHARFORMAT on an IF: the whole result takes the I's run properties, not the branch's own", () => {
    const spec = field(
      formatted(' ', SPACE),
      formatted('I', FIRST),
      formatted('F ', REST),
      mergeField('Navn'),
      ' = "karen*" "',
      bold('bevilget'),
      ' ',
      formatted('tilskud', '<w:rPr><w:u w:val="double"/></w:rPr>'),
      '" "afslag" \\* CHARFORMAT ',
    );
    spec.rPr = CACHED;
    spec.result = 'x';
    const para = renderDocx(docx([p(spec)]), { fields }).paragraphs()[0]!;
    expect(para.text).toBe('bevilget tilskud');
    for (const r of para.runs) expect(r.rPr).toBe(FIRST);
    // Without the switch each run of the branch keeps its own formatting.
    const plain = field(' IF ', mergeField('Navn'), ' = "karen*" "', bold('bevilget'), ' tilskud" "afslag" ');
    const runs = renderDocx(docx([p(plain)]), { fields }).paragraphs()[0]!.runs;
    expect(runs.find((r) => r.text === 'bevilget')!.bold).toBe(true);
    expect(runs.find((r) => r.text.includes('tilskud'))!.bold).toBe(false);
  });
});
