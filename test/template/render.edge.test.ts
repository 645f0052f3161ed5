/**
 * Edge cases of the renderer found in review: simple IF fields, formulas, fields kept live,
 * large numbers, case formats across runs, languages from styles, tracked changes, unclosed
 * fields and crafted nesting.
 */
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { bold, docx, field, mergeField, p, pStyled, renderDocx } from '../helpers/build.js';
import { danishError } from '../helpers/errors.js';

const render = (body: string[], context: unknown, extra = {}): string[] => renderDocx(docx(body, extra), context).texts();

describe('simple fields (w:fldSimple)', () => {
  it('evaluates an IF written as w:fldSimple', () => {
    const simple = (instr: string): string => `<w:fldSimple w:instr="${instr}"><w:r><w:t>gammelt</w:t></w:r></w:fldSimple>`;
    const body = [
      `<w:p><w:r><w:t xml:space="preserve">Svar: </w:t></w:r>${simple(' IF 1 = 1 &quot;Ja&quot; &quot;Nej&quot; ')}</w:p>`,
      `<w:p>${simple(' IF 1 = 2 &quot;Ja&quot; &quot;Nej&quot; ')}</w:p>`,
    ];
    expect(render(body, {})).toEqual(['Svar: Ja', 'Nej']);
  });
});

describe('formula fields', () => {
  it('computes with merged values and a Danish picture', () => {
    const t = [p('Årligt: ', field(' = ', mergeField('Md'), ' * 12 \\# ".0,00" ')), p(field(' = ROUND(', mergeField('Md'), ' / 3; 1) '))];
    expect(render(t, { fields: { Md: 1000 } })).toEqual(['Årligt: 12.000,00', '333,3']);
  });

  it('reads merged Danish amounts as numbers', () => {
    expect(render([p(field(' = ', mergeField('A'), ' + ', mergeField('B'), ' '))], { fields: { A: '1.234,50', B: 0.5 } })).toEqual(['1235']);
  });

  it('refuses what it cannot compute', () => {
    const t = loadTemplate(docx([p(field(' = 1 / ', mergeField('Nul'), ' '))]));
    expect(danishError(() => t.render(toContext({ fields: { Nul: 0 } })))).toMatch(/Words fejltekst "!Division med nul"/);
    const ref = loadTemplate(docx([p(field(' = SUM(ABOVE) '))]));
    expect(() => ref.render(toContext({}))).toThrow(KpBrevError);
  });

  it('stays a field when it depends on PAGE', () => {
    const letter = renderDocx(docx([p('x')], { footer: p(field(' = ', field(' PAGE '), ' + 1 ')) }), {});
    expect(letter.fieldInstructions('word/footer1.xml')).toContain('PAGE');
  });

  it('marks a kept field dirty when a merge field inside it was filled in', () => {
    const letter = renderDocx(docx([p(field(' HYPERLINK "', mergeField('Url'), '" '))]), { fields: { Url: 'https://www.borger.dk' } });
    const xml = letter.xml('word/document.xml');
    expect(xml).toContain('w:dirty="true"');
    expect(letter.fieldInstructions()).toEqual(['HYPERLINK "https://www.borger.dk"']);
  });
});

describe('containers', () => {
  it('fills a field inside a hyperlink and keeps the link', () => {
    const body = [`<w:p><w:hyperlink r:id="rIdX" w:history="1">${p('Se ', mergeField('Sted')).slice(5, -6)}</w:hyperlink></w:p>`];
    const letter = renderDocx(docx(body), { fields: { Sted: 'borger.dk' } });
    expect(letter.texts()).toEqual(['Se borger.dk']);
    expect(letter.xml('word/document.xml')).toMatch(/<w:hyperlink r:id="rIdX"[^>]*>.*borger\.dk.*<\/w:hyperlink>/);
  });
});

describe('fields kept live', () => {
  it('keep their bookmarks once (no duplicate ids)', () => {
    const letter = renderDocx(
      docx([p('x')], { footer: p(field(' IF ', field(' PAGE '), ' < ', field(' NUMPAGES '), ' "Fortsættes – ', mergeField('Navn'), '" "" ')) }),
      {
        fields: { Navn: 'Karen' },
      },
    );
    const ids = [...letter.xml('word/footer1.xml').matchAll(/<w:bookmarkStart\b[^>]*w:id="(\d+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('numbers', () => {
  it('formats very large numbers without NaN', () => {
    expect(render([p(mergeField('X', { switches: '\\# "#.##0,00"' }))], { fields: { X: 1e19 } })).toEqual(['10.000.000.000.000.000.000,00']);
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(danishError(() => toContext({ fields: { X: Infinity } }))).toMatch(/tal uden for/);
    const t = loadTemplate(docx([p(mergeField('X', { switches: '\\# "0"' }))]));
    expect(danishError(() => t.render(toContext({ fields: { X: '9'.repeat(400) } })))).toMatch(/ikke er et tal/);
  });
});

describe('\\* formats on an IF apply to its whole result', () => {
  it('FirstCap capitalises only the first letter, across runs', () => {
    const t = [p(field(' IF 1 = 1 "hej ', bold('verden'), ' og ', mergeField('navn'), '" \\* FirstCap '))];
    expect(render(t, { fields: { navn: 'karen' } })).toEqual(['Hej verden og karen']);
  });

  it('Caps capitalises each word, across runs', () => {
    const t = [p(field(' IF 1 = 1 "hej ', bold('ver'), 'den og ', mergeField('navn'), '" \\* Caps '))];
    expect(render(t, { fields: { navn: 'karen' } })).toEqual(['Hej Verden Og Karen']);
  });
});

describe('language', () => {
  it('takes month names from the paragraph style when the run has none', () => {
    const style = '<w:style w:type="paragraph" w:styleId="Dansk"><w:name w:val="Dansk"/><w:rPr><w:lang w:val="da-DK"/></w:rPr></w:style>';
    const t = docx([pStyled('<w:pPr><w:pStyle w:val="Dansk"/></w:pPr>', 'Dato: ', mergeField('D', { switches: '\\@ "d. MMMM yyyy"' }))], {
      lang: 'en-US',
      styles: style,
    });
    expect(renderDocx(t, { fields: { D: '2026-01-05' } }).texts()).toEqual(['Dato: 5. januar 2026']);
  });
});

describe('tracked changes', () => {
  it('accepts insertions and deletions around and inside fields', () => {
    const begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>';
    const instr = '<w:r><w:instrText xml:space="preserve"> MERGEFIELD Navn </w:instrText></w:r>';
    const sep = '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Navn»</w:t></w:r>';
    const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const ins = (x: string): string => `<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">${x}</w:ins>`;
    const del = '<w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>slettet </w:delText></w:r></w:del>';
    const body = [`<w:p><w:r><w:t xml:space="preserve">Kære </w:t></w:r>${del}${ins(begin + instr)}${ins(sep + end)}</w:p>`];
    expect(render(body, { fields: { Navn: 'Karen' } })).toEqual(['Kære Karen']);
  });
});

describe('unclosed fields', () => {
  it('are reported, and their code does not show in the letter', () => {
    const stray = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD X </w:instrText></w:r>';
    const body = [
      `<w:p><w:r><w:t xml:space="preserve">A </w:t></w:r>${stray}<w:r><w:t xml:space="preserve">B </w:t></w:r>${p(mergeField('Navn')).slice(5, -6)}</w:p>`,
    ];
    const t = loadTemplate(docx(body));
    expect(t.diagnostics.map((d) => d.code)).toContain('syntax.unclosed');
    const letter = renderDocx(docx(body), { fields: { Navn: 'Karen' } });
    expect(letter.texts()).toEqual(['A B Karen']);
    expect(letter.xml('word/document.xml')).not.toContain('fldCharType="begin"');
  });

  it('thousands of them are read (the pairing is linear)', () => {
    const stray = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>';
    const body = [`<w:p>${stray.repeat(5000)}</w:p>`, p(mergeField('Navn'))];
    expect(renderDocx(docx(body), { fields: { Navn: 'Karen' } }).texts()).toEqual(['', 'Karen']);
  });
});

describe('crafted nesting', () => {
  it('XML nested too deep is refused with a clear message', () => {
    const deep = '<w:sdt><w:sdtContent>'.repeat(300) + '<w:p/>' + '</w:sdtContent></w:sdt>'.repeat(300);
    expect(danishError(() => loadTemplate(docx([deep])))).toMatch(/indlejret dybere end 256/);
  });

  it('fields nested too deep are refused with a clear message', () => {
    const begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF 1 = 1 "</w:instrText></w:r>';
    const end = '<w:r><w:instrText>" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
    expect(danishError(() => loadTemplate(docx([`<w:p>${begin.repeat(100)}x${end.repeat(100)}</w:p>`])))).toMatch(/indlejret dybere end 64/);
  });
});
