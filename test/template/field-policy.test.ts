/**
 * Issue 17, item 3: a letter holds no live field but what it needs. Fields that reach outside
 * the document, run something, prompt or show a wrong date refuse the letter; inert ones are
 * unlinked to their cached result; PAGE, NUMPAGES, SECTIONPAGES and safe links stay fields.
 * Every assertion opens the letter that was written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { FIELD_POLICY } from '../../src/template/field-policy.js';
import { WORD_FIELD_TYPES } from '../../src/lint/rules/field-syntax.js';
import { docx, field, p, questionIf, renderDocx } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import type { DocxParts } from '../../src/authoring/package.js';

/** A field with a cached result, as Word saves it. */
const cached = (instr: string, result: string): ReturnType<typeof field> => ({ ...field(instr), result });

function refusal(template: Buffer, context: unknown = {}): KpBrevError {
  try {
    loadTemplate(template, { name: 'kommune.docx' }).render(toContext(context));
  } catch (e) {
    if (e instanceof KpBrevError) return e;
    throw e;
  }
  throw new Error('the letter was made');
}

const ATTACKS: Array<[string, string, RegExp]> = [
  ['DDEAUTO', ' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" ', /henter indhold uden for brevet/],
  ['DDE', ' DDE Excel "C:\\\\data.xls" "R1C1" ', /henter indhold uden for brevet/],
  ['INCLUDETEXT', ' INCLUDETEXT "\\\\\\\\angriber\\\\del\\\\tekst.docx" ', /henter indhold uden for brevet/],
  ['INCLUDEPICTURE', ' INCLUDEPICTURE "http://angriber.example/spor.png" \\d ', /henter indhold uden for brevet/],
  ['LINK', ' LINK Excel.Sheet.8 "C:\\\\data.xls" "Ark1!R1C1" \\a ', /henter indhold uden for brevet/],
  ['FILLIN', ' FILLIN "Skriv dit CPR-nummer" ', /beder borgeren om at skrive/],
  ['ASK', ' ASK svar "Din adgangskode?" ', /beder borgeren om at skrive/],
  ['MACROBUTTON', ' MACROBUTTON AutoOpen Klik her ', /køre en makro/],
  ['GOTOBUTTON', ' GOTOBUTTON Slut Klik her ', /formularfelt eller en knap/],
  ['DATE', ' DATE \\@ "d. MMMM yyyy" ', /Brev\.Dato/],
  ['NEXT', ' NEXT ', /flere poster/],
  ['XYZZY', ' XYZZY ', /ikke en felttype, kp-brev kender/],
];

describe('fields that refuse the letter', () => {
  it.each(ATTACKS)('%s: refused, naming the field type, template, part and paragraph, in Danish and English', (type, instr, why) => {
    const err = refusal(docx([p('Kære borger'), p('Se her: ', cached(instr, 'gammelt resultat'))]));
    expect(err.kind).toBe('refused');
    const da = err.describe('da');
    expect(da).toContain(`Feltet ${type}`);
    expect(da).toMatch(why);
    expect(da).toContain('kommune.docx, word/document.xml, afsnit 2');
    expect(err.describe('en')).toContain(`field ${type}`);
  });

  it('in headers, footers, footnotes and text boxes too', () => {
    const dde = cached(' DDEAUTO cmd "/c calc" ', '1');
    const places: Array<[Omit<DocxParts, 'body'>, string]> = [
      [{ header: p('Hoved ', dde) }, 'word/header1.xml'],
      [{ footer: p('Side ', dde) }, 'word/footer1.xml'],
      [{ footnotes: [p('Note ', dde)] }, 'word/footnotes.xml'],
    ];
    for (const [extra, part] of places) {
      const err = refusal(docx([p('x')], extra));
      expect(err.diagnostics[0]!.location?.part).toBe(part);
    }
    const box = `<w:r><w:pict><v:shape><v:textbox><w:txbxContent>${p('Boks ', dde)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`;
    const err = refusal(docx([`<w:p>${box}</w:p>`]));
    expect(err.diagnostics[0]!.location?.story).toBe('tekstboks 1');
  });

  it('inside a condition that is true, and in the cached result of a field that stays live', () => {
    const inBranch = docx([p(questionIf('q', ['Tekst ', cached(' INCLUDETEXT "C:\\\\hemmeligt.docx" ', 'x')]))]);
    expect(refusal(inBranch, { questions: { q: 'J' } }).describe('da')).toContain('Feltet INCLUDETEXT');
    // Not taken: the field never reaches the letter.
    expect(openDocx(loadTemplate(inBranch).render(toContext({ questions: { q: 'N' } })).docx).fieldInstructions()).toEqual([]);
    // A PAGE whose cached result holds a DDEAUTO.
    const xml = `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:fldSimple w:instr=" DDEAUTO cmd &quot;/c calc&quot; "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
    expect(refusal(docx([xml])).describe('da')).toContain('Feltet DDEAUTO');
  });

  it('in preview: a marked placeholder, never the field', () => {
    const t = loadTemplate(docx([p('Se: ', cached(' DDEAUTO cmd "/c calc" ', 'gammelt')), p('Side ', field(' PAGE '))]));
    const r = t.render(toContext({}), { preview: true });
    const letter = openDocx(r.docx);
    expect(letter.fieldInstructions()).toEqual(['PAGE']);
    expect(letter.texts()[0]).toBe('Se: «AFVIST FELT: DDEAUTO»');
    expect(letter.paragraphs()[0]!.runs.at(-1)!.highlight).toBe('yellow');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['render.field-external', 'warning']]);
  });

  it('a field that breaks the structure is not left in a preview when it is refused', () => {
    const begin =
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DDEAUTO cmd "/c calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>';
    const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const cell = (x: string): string => `<w:tc><w:p>${x}</w:p></w:tc>`;
    const table = `<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr>${cell(begin + '<w:r><w:t>a</w:t></w:r>')}${cell('<w:r><w:t>b</w:t></w:r>' + end)}</w:tr></w:tbl><w:p/>`;
    const t = loadTemplate(docx([table]));
    expect(() => t.render(toContext({}), { preview: true })).toThrow(KpBrevError);
  });
});

describe('fields unlinked to their cached result', () => {
  it('USERNAME and an empty field give the text the template showed; REF, DOCPROPERTY, SEQ and a short REF ({ Frist }) are computed from the document', () => {
    const bookmark = '<w:p><w:bookmarkStart w:id="7" w:name="Frist"/><w:r><w:t>14 dage</w:t></w:r><w:bookmarkEnd w:id="7"/></w:p>';
    const body = [
      bookmark,
      p('Frist: ', cached(' REF Frist \\h ', '14 dage'), ' og ', cached(' Frist ', '14 dage')),
      p(
        'Titel: ',
        cached(' DOCPROPERTY Title ', 'Afgørelse'),
        ', ',
        cached(' USERNAME ', 'Sagsbehandler'),
        ', bilag ',
        cached(' SEQ Bilag ', '1'),
        cached('', ''),
      ),
    ];
    const letter = renderDocx(docx(body, { title: 'Afgørelse' }), {});
    expect(letter.texts()).toEqual(['14 dage', 'Frist: 14 dage og 14 dage', 'Titel: Afgørelse, Sagsbehandler, bilag 1']);
    expect(letter.fieldInstructions()).toEqual([]);
  });

  it('keeps the formatting of the cached result', () => {
    const ref: ReturnType<typeof field> = { ...field(' STYLEREF Overskrift1 '), result: 'fed', rPr: '<w:rPr><w:b/></w:rPr>' };
    const letter = renderDocx(docx([p('Se ', ref)]), {});
    expect(letter.fieldInstructions()).toEqual([]);
    expect(letter.paragraphs()[0]!.runs.find((r) => r.text === 'fed')!.bold).toBe(true);
  });

  it('a table of contents: its entries stay, their internal links stay links, the page numbers are frozen', () => {
    const entry = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK \\l "_Toc1" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">Afgørelse </w:t></w:r><w:fldSimple w:instr=" PAGEREF _Toc1 \\h "><w:r><w:t>2</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const toc = `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${entry}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
    const letter = renderDocx(docx([toc]), {});
    expect(letter.texts()).toEqual(['Afgørelse 2']);
    expect(letter.fieldInstructions()).toEqual(['HYPERLINK \\l "_Toc1"']);
  });

  it('a condition on an unlinked field compares its cached result', () => {
    const t = docx([p(field(' IF ', cached(' FILENAME ', 'A'), ' = "A" "Kategori A" "Anden" '))]);
    expect(renderDocx(t, {}).texts()).toEqual(['Kategori A']);
  });
});

describe('fields that stay fields', () => {
  it('PAGE, NUMPAGES and SECTIONPAGES are copied as they are; a USERNAME beside them is not', () => {
    const t = docx([p('x')], { footer: p('Side ', cached(' PAGE ', '1'), ' af ', cached(' NUMPAGES ', '1'), ' (', cached(' SECTIONPAGES ', '1'), ')') });
    const letter = renderDocx(t, {});
    expect(letter.fieldInstructions('word/footer1.xml')).toEqual(['PAGE', 'NUMPAGES', 'SECTIONPAGES']);
    expect(letter.xml('word/footer1.xml')).toBe(openDocx(t).xml('word/footer1.xml'));
    const withUser = docx([p('x')], { footer: p('Side ', cached(' PAGE ', '1'), ' – ', cached(' USERNAME ', 'Sagsbehandler')) });
    expect(renderDocx(withUser, {}).fieldInstructions('word/footer1.xml')).toEqual(['PAGE']);
  });

  it('a link to a web or mail address stays a link; one that opens a file or runs script refuses the letter', () => {
    const link = (url: string): Buffer => docx([p('Se ', cached(` HYPERLINK "${url}" `, 'her'))]);
    expect(renderDocx(link('https://www.borger.dk'), {}).fieldInstructions()).toEqual(['HYPERLINK "https://www.borger.dk"']);
    expect(renderDocx(link('mailto:pension@kommune.dk'), {}).fieldInstructions()).toHaveLength(1);
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', '\\\\\\\\angriber\\\\del', 'bilag.docx']) {
      const err = refusal(link(url));
      expect(err.describe('da'), url).toMatch(/ikke er en webadresse/);
    }
  });
});

describe('the table', () => {
  it('classifies every Word field type the linter knows, and nothing else', () => {
    expect([...FIELD_POLICY.keys()].sort()).toEqual([...WORD_FIELD_TYPES].sort());
  });

  it('docs/word-fields.md shows the same table', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/word-fields.md'), 'utf8');
    const shown = new Map<string, string>();
    for (const m of doc.matchAll(/^\| (Evaluated|Stays a field|Unlinked|Refused)[^|]*\|([^|]+)\|/gm)) {
      for (const t of m[2]!.matchAll(/`([^`]+)`/g)) shown.set(t[1]!, m[1]!);
    }
    const action = { evaluate: 'Evaluated', live: 'Stays a field', unlink: 'Unlinked', refuse: 'Refused' };
    expect(Object.fromEntries([...shown].sort())).toEqual(Object.fromEntries([...FIELD_POLICY].map(([t, r]) => [t, action[r.action]] as const).sort()));
  });
});
