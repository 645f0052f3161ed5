/**
 * Issue 11: the constructs Word computes from the document itself, each on a hand-built
 * template, through the library's real paths (render: the letter's bytes; evaluateFields: the
 * value of each field as the letter is made). The corpus figures are in conformance.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadTemplate, type EvaluatedField, type RenderOptions } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { docx, field, mergeField, p, paragraphBreak, pStyled, questionIf, raw, type Piece } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { layOut } from '../helpers/pdf.js';
import { buildLintModel } from '../../src/lint/model.js';
import { StyleView } from '../../src/lint/styles.js';
import type { StructNode } from '../../src/pdf/layout/types.js';
import { danishError } from '../helpers/errors.js';

/** What evaluateFields gives for each field, by instruction. */
function evaluated(template: Buffer, context: unknown = {}): EvaluatedField[] {
  return loadTemplate(template, { name: 'test.docx' }).evaluateFields(toContext(context));
}

describe('evaluateFields: the values of the letter as it is made', () => {
  it('says which fields were computed, left to Word, or not reached (a branch not taken)', () => {
    const t = docx([
      p(questionIf('q', ['Ja ', mergeField('Navn')], ['Nej ', mergeField('Fornavn')])),
      p('Side ', field('PAGE')),
      p({ ...field('AUTONUM'), result: '1.' }),
    ]);
    const byInstr = new Map(evaluated(t, { fields: { Navn: 'Karen Jensen', Fornavn: 'Karen' }, questions: { q: 'J' } }).map((f) => [f.instruction, f]));
    expect(byInstr.get('MERGEFIELD Navn')).toMatchObject({ value: 'Karen Jensen', outcome: 'evaluated' });
    // The false branch is not in the letter: its field is not evaluated.
    expect(byInstr.get('MERGEFIELD Fornavn')).toMatchObject({ value: undefined, outcome: 'unreached' });
    expect(byInstr.get('PAGE')).toMatchObject({ outcome: 'live' });
    expect(byInstr.get('AUTONUM')).toMatchObject({ value: '1.', outcome: 'unlinked' });
    expect([...byInstr.values()].find((f) => f.type === 'IF')).toMatchObject({ value: 'Ja Karen Jensen', outcome: 'evaluated' });
  });

  it('marks a field the letter would be refused for', () => {
    const [f] = evaluated(docx([p(mergeField('Mangler'))]));
    expect(f).toMatchObject({ outcome: 'refused' });
  });
});

/** A bookmark around some pieces, as Word writes it. */
let nextId = 100;
function bookmark(name: string, ...inside: Piece[]): Piece[] {
  const id = nextId++;
  return [raw(`<w:bookmarkStart w:id="${id}" w:name="${name}"/>`), ...inside, raw(`<w:bookmarkEnd w:id="${id}"/>`)];
}

function letterTexts(template: Buffer, context: unknown = {}, options: RenderOptions = {}): string[] {
  return openDocx(loadTemplate(template, { name: 'test.docx' }).render(toContext(context), options).docx).texts();
}

function refusedWith(template: Buffer, context: unknown = {}): string {
  return danishError(() => loadTemplate(template, { name: 'kommune.docx' }).render(toContext(context)));
}

describe('bookmarks: REF, { name } and SET', () => {
  it('REF shows the bookmarked text with the merge fields in it filled in, before and after the bookmark', () => {
    const t = docx([
      p('Se fristen: ', field('REF Frist \\h'), '.'),
      p('Frist: ', ...bookmark('Frist', 'den ', mergeField('Klage.Frist'))),
      p('Igen: ', field('Frist'), ' og ', field('REF frist \\* Upper')),
    ]);
    const texts = letterTexts(t, { fields: { Klage: { Frist: '2. februar' } } });
    expect(texts).toEqual(['Se fristen: den 2. februar.', 'Frist: den 2. februar', 'Igen: den 2. februar og DEN 2. FEBRUAR']);
    expect(openDocx(loadTemplate(t).render(toContext({ fields: { Klage: { Frist: '2. februar' } } })).docx).fieldInstructions()).toEqual([]);
  });

  it('counts a merge field inside a bookmark once, however many REFs read it', () => {
    const t = docx([p(...bookmark('Navn', mergeField('Navn'))), p(field('REF Navn')), p(field('REF Navn'))]);
    const r = loadTemplate(t).render(toContext({ fields: { Navn: 'Karen' } }));
    expect(r.stats.merged).toBe(3);
  });

  it('SET gives the bookmark a value (from the case too), shows nothing, and REF reads it from there on', () => {
    const t = docx([
      p('Før: ', field('REF Beloeb')),
      p('[', { ...field('SET Beloeb "', mergeField('Beloeb'), ' kr."'), result: 'gammel' }, ']'),
      p('Efter: ', field('REF Beloeb'), ' / ', field('Beloeb \\* Upper')),
      p({ ...field('SET Beloeb "nyt"'), result: '' }, field('REF Beloeb')),
    ]);
    // Before the SET, the bookmark does not exist yet: Word's error text (the template has no
    // bookmark, as a SET that was never updated).
    expect(letterTexts(t, { fields: { Beloeb: '100' } }, { preview: true })).toEqual([
      'Før: Fejl! Henvisningskilde ikke fundet.',
      '[]',
      'Efter: 100 kr. / 100 KR.',
      'nyt',
    ]);
  });

  it("a REF to a bookmark that does not exist: Word's error text in the field's language; strict refuses the letter", () => {
    const en = docx([p('Se ', field('REF Mangler'))], { lang: 'en-US' });
    expect(letterTexts(en, {}, { preview: true })).toEqual(['Se Error! Reference source not found.']);
    const da = docx([p('Se ', field('REF Mangler'))], { lang: 'da-DK' });
    const para = openDocx(loadTemplate(da).render(toContext({}), { preview: true }).docx).paragraphs()[0]!;
    expect(para.text).toBe('Se Fejl! Henvisningskilde ikke fundet.');
    expect(para.runs.at(-1)!.highlight).toBe('yellow');
    const refusal = refusedWith(da);
    expect(refusal).toContain('Words fejltekst "Fejl! Henvisningskilde ikke fundet."');
    expect(refusal).toContain('kommune.docx, word/document.xml, afsnit 1');
    expect(refusal).toContain('REF Mangler');
  });

  it('an IF compares the error text, as Word does', () => {
    const t = docx([p(field('IF ', field('REF Mangler'), ' = "" "Tom" "Ikke tom"'))], { lang: 'en-US' });
    expect(letterTexts(t, {}, { preview: true })).toEqual(['Ikke tom']);
    expect(evaluated(t).find((f) => f.type === 'IF')).toMatchObject({ value: 'Ikke tom', outcome: 'evaluated' });
  });

  it("a bookmark that holds a REF to itself gives Word's self-reference error, never a loop", () => {
    const t = docx([p(...bookmark('Selv', 'a ', field('REF Selv')))], { lang: 'en-US' });
    expect(letterTexts(t, {}, { preview: true })[0]).toContain('Error! Not a valid bookmark self-reference.');
  });

  it("formats the bookmark's text with \\# and \\@ pictures", () => {
    const t = docx([
      p(...bookmark('Tal', '1234,5')),
      p(...bookmark('Dato', '2026-01-05')),
      p(field('REF Tal \\# "#.##0,00"'), ' ', field('REF Dato \\@ "d. MMMM yyyy"')),
    ]);
    expect(letterTexts(t)[2]).toBe('1.234,50 5. januar 2026');
  });
});

describe('SEQ: running numbers counted in the body', () => {
  it('counts each identifier in document order, with \\c, \\r, \\h and \\* formats', () => {
    const t = docx([
      p('Figur ', field('SEQ Figur'), ', tabel ', field('SEQ Tabel \\* ARABIC')),
      p('Figur ', field('SEQ Figur'), ' (igen ', field('SEQ Figur \\c'), ')'),
      p('Figur ', field('SEQ Figur \\r 10'), ', skjult[', field('SEQ Figur \\h'), '], vist ', field('SEQ Figur \\h \\* Arabic')),
      p('Bilag ', field('SEQ Bilag \\* ALPHABETIC'), ', ', field('SEQ Bilag \\* alphabetic'), ', ', field('SEQ Bilag \\* ROMAN')),
    ]);
    expect(letterTexts(t)).toEqual(['Figur 1, tabel 1', 'Figur 2 (igen 2)', 'Figur 10, skjult[], vist 12', 'Bilag A, b, III']);
  });

  it('\\s n starts again after a heading of level n or higher; a bookmark gives the number current there', () => {
    const heading = (level: number, text: string): string => `<w:p><w:pPr><w:pStyle w:val="Heading${level}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const t = docx([
      heading(1, 'Kapitel 1'),
      p('Figur ', field('SEQ Figur \\s 1')),
      p('Figur ', field('SEQ Figur \\s 1'), ...bookmark('Her', 'x')),
      heading(2, 'Afsnit 1.1'),
      p('Figur ', field('SEQ Figur \\s 1')),
      heading(1, 'Kapitel 2'),
      p('Figur ', field('SEQ Figur \\s 1'), ' (ved Her: ', field('SEQ Figur Her'), ')'),
    ]);
    expect(letterTexts(t).filter((x) => x.startsWith('Figur'))).toEqual(['Figur 1', 'Figur 2x', 'Figur 3', 'Figur 1 (ved Her: 2)']);
  });

  it('\\s reads the heading level the PDF tags and the linter judges (ooxml/styles: resolved outline level, then the nearest built-in name)', () => {
    // "Kapitel" is named "heading 2" but inherits outline level 0 (level 1) from its base; "Fodnote" is
    // named "heading 1" with outline level 9 (body text); "Afsnit" has no outline level of its own
    // and a base named "heading 2".
    const styles =
      '<w:style w:type="paragraph" w:styleId="Hovedoverskrift"><w:name w:val="Hovedoverskrift"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Kapitel"><w:name w:val="heading 2"/><w:basedOn w:val="Hovedoverskrift"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Fodnote"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Underoverskrift"><w:name w:val="heading 2"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Afsnit"><w:name w:val="Afsnit"/><w:basedOn w:val="Underoverskrift"/></w:style>';
    const styled = (style: string, text: string): string => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const t = docx(
      [
        styled('Kapitel', 'Kapitel A'),
        p('Figur ', field('SEQ Figur \\s 1'), ' ', field('SEQ Tabel \\s 2')),
        p('Figur ', field('SEQ Figur \\s 1'), ' ', field('SEQ Tabel \\s 2')),
        styled('Fodnote', 'Ikke en overskrift'),
        p('Figur ', field('SEQ Figur \\s 1'), ' ', field('SEQ Tabel \\s 2')),
        styled('Afsnit', 'Afsnit A.1'),
        p('Figur ', field('SEQ Figur \\s 1'), ' ', field('SEQ Tabel \\s 2')),
        styled('Kapitel', 'Kapitel B'),
        p('Figur ', field('SEQ Figur \\s 1'), ' ', field('SEQ Tabel \\s 2')),
        p(''),
      ],
      { styles },
    );
    // The PDF's tags: Kapitel is H1, Afsnit H2, Fodnote body text.
    const headings: string[] = [];
    const walk = (n: StructNode): void => {
      if (/^H\d$/.test(n.type))
        headings.push(
          `${n.type} ${n.kids.flatMap((k) => ('type' in k && typeof k.type === 'string' && 'kids' in k ? [] : 'text' in k ? [k.text] : [])).join('')}`,
        );
      for (const k of n.kids) if ('kids' in k) walk(k);
    };
    walk(layOut(t).letter.root);
    expect(headings).toEqual(['H1 Kapitel A', 'H2 Afsnit A.1', 'H1 Kapitel B']);
    // The linter's judgement of the same paragraphs.
    const model = buildLintModel(loadTemplate(t), 'test.docx');
    const view = new StyleView(model.styles, model.theme);
    expect(model.paragraphs.flatMap((q) => (view.headingLevel(q) ? [`H${view.headingLevel(q)} ${q.text}`] : []))).toEqual(headings);
    // SEQ \s 1 starts again after each H1, \s 2 after H1 and H2.
    expect(letterTexts(t).filter((x) => x.startsWith('Figur'))).toEqual(['Figur 1 1', 'Figur 2 2', 'Figur 3 3', 'Figur 4 1', 'Figur 1 1']);
  });

  it("keeps the cached result outside the body (Word numbers those by layout); no identifier is Word's error", () => {
    const t = docx([p('x')], { header: p('Side ', { ...field('SEQ Side'), result: '7' }) });
    expect(letterTexts(t)).toEqual(['x']);
    expect(openDocx(loadTemplate(t).render(toContext({})).docx).texts('word/header1.xml')).toEqual(['Side 7']);
    expect(refusedWith(docx([p(field('SEQ'))]))).toContain('Words fejltekst "Fejl! Der er ikke angivet nogen sekvens."');
  });
});

describe('document properties and variables', () => {
  const custom =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Afdeling"><vt:lpwstr>Pension &amp; Tillæg</vt:lpwstr></property>' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Version"><vt:r8>2.5</vt:r8></property>' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="Godkendt"><vt:bool>true</vt:bool></property>' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="Ikrafttraedelse"><vt:filetime>2025-12-31T23:00:00Z</vt:filetime></property></Properties>';
  const parts = {
    title: 'Afgørelse om helbredstillæg',
    settings: '<w:docVars><w:docVar w:name="Kontor" w:val="Borgerservice"/><w:docVar w:name="Start" w:val="5-1-2026"/></w:docVars>',
    parts: [{ name: 'docProps/custom.xml', data: custom, contentType: 'application/vnd.openxmlformats-officedocument.custom-properties+xml' }],
  };

  it('shows core, custom (typed) properties and variables, with their switches, from the template', () => {
    const t = docx(
      [
        p(field('TITLE \\* Upper'), ' | ', field('DOCPROPERTY Title'), ' | ', field('DOCPROPERTY "Afdeling"')),
        p(field('DOCPROPERTY Version'), ' | ', field('DOCPROPERTY Version \\# "0,00"'), ' | ', field('DOCPROPERTY Godkendt')),
        p(field('DOCPROPERTY Ikrafttraedelse'), ' | ', field('DOCPROPERTY Ikrafttraedelse \\@ "d. MMMM yyyy"')),
        p(field('DOCVARIABLE Kontor \\* Upper'), ' | ', field('DOCVARIABLE Start \\@ "dddd d. MMMM"'), ' | ', field('AUTHOR "KP"'), ' | ', field('INFO Title')),
      ],
      parts,
    );
    expect(letterTexts(t)).toEqual([
      'AFGØRELSE OM HELBREDSTILLÆG | Afgørelse om helbredstillæg | Pension & Tillæg',
      '2,5 | 2,50 | Y',
      // 23:00 UTC on 31 December is 1 January in Danish time.
      '01-01-2026 | 1. januar 2026',
      'BORGERSERVICE | mandag 5. januar | KP | Afgørelse om helbredstillæg',
    ]);
  });

  it("a property or variable that is not there gives Word's error text; statistics keep their cached result", () => {
    expect(refusedWith(docx([p(field('DOCPROPERTY Mangler'))], parts))).toContain('"Fejl! Ukendt navn på dokumentegenskab."');
    expect(letterTexts(docx([p(field('DOCVARIABLE Mangler'))], { ...parts, lang: 'en-US' }), {}, { preview: true })).toEqual([
      'Error! No document variable supplied.',
    ]);
    expect(letterTexts(docx([p({ ...field('DOCPROPERTY Pages'), result: '3' })], parts))).toEqual(['3']);
  });
});

/** A table as Word writes it: rows of cells, each cell one paragraph of pieces. */
function table(rows: Piece[][][], options: { header?: boolean } = {}): string {
  const cols = Math.max(...rows.map((r) => r.length));
  const grid = `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(cols)}</w:tblGrid>`;
  const tr = rows.map(
    (r, i) =>
      `<w:tr>${i === 0 && options.header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${r.map((c) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${p(...c)}</w:tc>`).join('')}</w:tr>`,
  );
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${grid}${tr.join('')}</w:tbl>`;
}

/** The texts of a table's cells in the letter, row by row. */
function cellTexts(docxBytes: Buffer): string[][] {
  const root = openDocx(docxBytes).root('word/document.xml');
  const rows: string[][] = [];
  const text = (el: typeof root): string => el.children.map((c) => (c.kind === 'text' ? c.text : el.name === 'w:instrText' ? '' : text(c))).join('');
  const walk = (el: typeof root): void => {
    for (const c of el.children) {
      if (c.kind !== 'element') continue;
      if (c.name === 'w:tr') rows.push(c.children.filter((x): x is typeof root => x.kind === 'element' && x.name === 'w:tc').map((tc) => text(tc)));
      else walk(c);
    }
  };
  walk(root);
  return rows;
}

describe('formulas over table cells, bookmarks and COMPARE', () => {
  it("SUM(ABOVE) passes cells without a number until the first with one and stops at the next (Word's own result: 2053)", () => {
    // The cells of docxport-net/TestDocVariables.docx's table as Word left them (its SUM(ABOVE)
    // gave 2053): text cells just above the formula are passed, the numbers above them summed.
    const rows = [['5'], ['14'], ['1'], ['6'], ['2027'], ['!Zero Divide'], ['!Syntax Error, 10']].map((v) => [['x'], v]);
    const t = docx([table([...rows, [['='], [field('= SUM(ABOVE)')]]]), p('')], { lang: 'en-US' });
    const letter = loadTemplate(t).render(toContext({}), { numberLocale: 'en' }).docx;
    expect(cellTexts(letter).at(-1)).toEqual(['=', '2053']);
  });

  it('a calculation table (beregningstabel): merged Danish amounts, cell references, ranges, directions, a header row', () => {
    const t = docx([
      table(
        [
          [['Ydelse'], ['Beløb'], ['Antal'], ['I alt']],
          [['Tandproteser'], [mergeField('Tand')], ['2'], [field('= B2*C2 \\# ".0,00"')]],
          [['Briller'], [mergeField('Briller')], ['1'], [field('= PRODUCT(LEFT) \\# ".0,00"')]],
          [['Fodbehandling'], ['kr. 100,00'], ['3'], [field('= R4C2 * R4C3')]],
          [['I alt'], [field('= SUM(ABOVE) \\# ".0,00"')], [field('= SUM(C2:C4)')], [field('= SUM(D:D) \\# ".0,00"')]],
          [['Gennemsnit'], [field('= AVERAGE(B2:B4) \\# ".0,00"')], [field('= MAX(C2:C4) - MIN(C2:C4)')], [field('= COUNT(D2:D4) + SUM(C:C)')]],
        ],
        { header: true },
      ),
      p(''),
    ]);
    const letter = loadTemplate(t).render(toContext({ fields: { Tand: '1.234,50', Briller: '500 kr.' } })).docx;
    expect(cellTexts(letter).slice(1)).toEqual([
      ['Tandproteser', '1.234,50', '2', '2.469,00'],
      ['Briller', '500 kr.', '1', '500,00'],
      ['Fodbehandling', 'kr. 100,00', '3', '300'],
      // D:D is the whole column: the rows below count too (row 6 gives 3 + 14).
      ['I alt', '1.834,50', '6', '3.286,00'],
      ['Gennemsnit', '611,50', '2', '17'],
    ]);
  });

  it('a formula in a nested table reads its own table; the outer one reads its own cells', () => {
    const inner = table([[['2']], [['3']], [[field('= SUM(ABOVE)')]]]);
    const outer = table([
      [['10'], ['x']],
      [['20'], ['y']],
      [[field('= SUM(ABOVE)')], ['z']],
    ]).replace('<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>' + p('x'), `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${inner}${p('x')}`);
    const texts = cellTexts(loadTemplate(docx([outer, p('')])).render(toContext({})).docx);
    // The inner table (2, 3, its sum) sits in the outer table's second cell.
    expect(texts[0]).toEqual(['10', '235x']);
    expect(texts.at(-1)).toEqual(['30', 'z']);
  });

  it('bookmarks as operands, the fixed-argument functions and DEFINED', () => {
    const t = docx([
      p(...bookmark('Maaned', mergeField('Maaned')), ' ', ...bookmark('Sats', '10 %')),
      p(field('= Maaned * 12 \\# "#.##0,00"'), ' | ', field('= Maaned * Sats'), ' | ', field('= IF(Maaned > 1000; 1; 0)')),
      p(
        field('= ROUND(10 / 3; 2)'),
        ' | ',
        field('= MOD(17; 5)'),
        ' | ',
        field('= INT(-2,7)'),
        ' | ',
        field('= ABS(-2) + SIGN(-5)'),
        ' | ',
        field('= AND(1; NOT(0)) + OR(0; 0)'),
      ),
      p(field('= DEFINED(Maaned)'), ' | ', field('= DEFINED(Mangler)')),
    ]);
    expect(letterTexts(t, { fields: { Maaned: '1.250,5' } }).slice(1)).toEqual(['15.006,00 | 125,05 | 1', '3,33 | 2 | -2 | 1 | 1', '1 | 0']);
  });

  it("Word's formula errors: in the field's language; strict refuses the letter, preview shows them", () => {
    const en = (instr: string): string => letterTexts(docx([p(field(instr))], { lang: 'en-US' }), {}, { preview: true, numberLocale: 'en' })[0]!;
    expect(en('= 1 / 0')).toBe('!Zero Divide');
    expect(en('= Mangler * 2')).toBe('!Undefined Bookmark, Mangler');
    expect(en('= 2 +')).toBe('!Unexpected End of Formula');
    expect(en('= 2 3')).toBe('!Missing Operator');
    expect(en('= SUM(1, 2')).toBe('!Unexpected End of Formula');
    expect(en('= MOD(1)')).toBe('!Unexpected End of Formula');
    expect(en('= 2 # 3')).toBe('!Syntax Error, #');
    expect(refusedWith(docx([p(field('= 1 / 0'))]))).toContain('Words fejltekst "!Division med nul"');
  });

  it("COMPARE gives 1 or 0 by IF's comparison, wildcards too", () => {
    const t = docx([p(field('COMPARE 5 >= 3'), field('COMPARE 2 > 3'), field('COMPARE "Godkendt" = "God*"'), field('COMPARE ', mergeField('Svar'), ' = "J"'))]);
    expect(letterTexts(t, { fields: { Svar: 'N' } })).toEqual(['1010']);
  });
});

describe("REF to a paragraph's list number", () => {
  // A heading list as Word numbers chapters: "%1.", "%1.%2.", "%1.%2.%3." (legal style), and a
  // second list of "(a)" items.
  const level = (ilvl: number, text: string, format = 'decimal'): string =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const numbering =
    `<w:abstractNum w:abstractNumId="0">${level(0, '%1.')}${level(1, '%1.%2.')}${level(2, '%1.%2.%3.')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${level(0, '(%1)', 'lowerLetter')}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>';
  const numbered = (ilvl: number, numId = 1): string => `<w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>`;

  it("\\w gives the full number, \\n the level's own text, \\r the number relative to the REF's paragraph, without trailing periods", () => {
    const t = docx(
      [
        pStyled(numbered(0), 'Indledning'),
        pStyled(numbered(1), 'Baggrund'),
        pStyled(numbered(0), 'Afgørelse'),
        pStyled(numbered(1), 'Ydelser, se ', field('REF _Ref1 \\r \\h')),
        pStyled(numbered(2), ...bookmark('_Ref1', 'Tandpleje')),
        pStyled(numbered(0, 2), ...bookmark('_Ref2', 'Bilag')),
        p(
          field('REF _Ref1 \\w \\h'),
          ' | ',
          field('REF _Ref1 \\r \\h'),
          ' | ',
          field('REF _Ref1 \\n'),
          ' | ',
          field('REF _Ref2 \\w'),
          ' | ',
          field('REF _Ref1 \\w \\* MERGEFORMAT'),
        ),
        pStyled(numbered(1), 'Se ', field('REF _Ref1 \\r \\h'), ' og ', field('REF _Ref1 \\w \\h')),
        pStyled(numbered(0, 2), 'Se ', field('REF _Ref1 \\r')),
        p(field('REF _Ref1 \\p')),
      ],
      { numbering },
    );
    const texts = letterTexts(t);
    // In 2.1, 2.1.1 is "1"; in 2.2 it is "1.1"; in another list, and outside a list, the full number.
    expect(texts[3]).toBe('Ydelser, se 1');
    expect(texts.slice(6)).toEqual(['2.1.1 | 2.1.1 | 2.1.1 | (a) | 2.1.1', 'Se 1.1 og 2.1.1', 'Se 2.1.1', '']);
  });

  it("keeps Word's result where a numbered paragraph of the list may be left out of the letter (in an IF's branch)", () => {
    // The IF's branch holds the numbered paragraph "Klage" (2.); with q = N the letter has one
    // paragraph fewer, so "Afgørelse" is 2. there, not 3. as in the template.
    const t = docx(
      [
        pStyled(numbered(0), 'Indledning'),
        pStyled(numbered(0), questionIf('q', ['Klage', paragraphBreak(numbered(0))]), ...bookmark('_Ref3', 'Afgørelse')),
        p({ ...field('REF _Ref3 \\w \\h'), result: '3' }),
      ],
      { numbering },
    );
    for (const q of ['J', 'N']) {
      const ref = evaluated(t, { questions: { q } }).find((f) => f.instruction.startsWith('REF'));
      expect(ref).toMatchObject({ value: '3', outcome: 'unlinked' });
    }

    // \r from a paragraph whose own number depends on the IF: 2.1 in the template (1.1 relative
    // to it is "1.1"), 1.2 in the letter when q = N (where Word shows "1").
    const r = docx(
      [
        pStyled(numbered(0), 'Indledning'),
        pStyled(numbered(1), ...bookmark('_Ref4', 'Baggrund')),
        pStyled(numbered(0), questionIf('q', ['Klage', paragraphBreak(numbered(1))]), 'Se ', { ...field('REF _Ref4 \\r \\h'), result: '1' }),
      ],
      { numbering },
    );
    const ref = evaluated(r, { questions: { q: 'N' } }).find((f) => f.instruction.startsWith('REF'));
    expect(ref).toMatchObject({ value: '1', outcome: 'unlinked' });
  });
});
