/**
 * Issue 17, item 4: a case value merged into a field that stays a field is written as one
 * literal argument; it can never end a quotation, add a switch or change a link's address. The
 * letter's instruction is read back with the project's own parser; the PDF's links are read with
 * pikepdf.
 */
import { describe, expect, it } from 'vitest';
import { loadTemplate, renderTemplatePdf, type Argument } from '../../src/index.js';
import { danishError } from '../helpers/errors.js';
import { argumentText } from '../../src/fieldcode/index.js';
import { toContext } from '../../src/context/context.js';
import type { FieldNode } from '../../src/ooxml/fields.js';
import { docx, field, mergeField, p } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { layOut, pdfLinkTargets, pdfuaAvailable } from '../helpers/pdf.js';

const page = (): ReturnType<typeof field> => ({ ...field(' PAGE '), result: '1' });

/** The letter's fields, read as a template: the parser kp-brev reads templates with. */
function letterFields(bytes: Uint8Array, part = 'word/document.xml'): FieldNode[] {
  return loadTemplate(bytes).fieldNodes.filter((f) => f.story.part === part);
}

function render(template: Buffer, fields: Record<string, unknown>): Buffer {
  return loadTemplate(template).render(toContext({ fields })).docx;
}

describe('a value in a live IF', () => {
  const template = docx([p('x')], { footer: p(field(' IF ', page(), ' = 1 "Kære ', mergeField('Navn'), '" "" ')) });

  it('stays one argument: x" "INJICERET does not become a third branch', () => {
    const letter = render(template, { Navn: 'x" "INJICERET' });
    const [ifField] = letterFields(letter, 'word/footer1.xml').filter((f) => f.parsed.instruction.type === 'IF');
    const ins = ifField!.parsed.instruction;
    if (ins.type !== 'IF') throw new Error('not an IF');
    expect(ifField!.parsed.problems).toEqual([]);
    expect(argumentText(ins.trueText!)).toBe('Kære x" "INJICERET');
    expect(argumentText(ins.falseText!)).toBe('');
    expect(ins.switches).toEqual([]);
    expect(openDocx(letter).fieldInstructions('word/footer1.xml')).toEqual(['PAGE', 'IF  = 1 "Kære x\\" \\"INJICERET" ""']);
  });

  it('a bare argument that receives a value is quoted', () => {
    const t = docx([p('x')], { footer: p(field(' IF ', page(), ' = 1 ', mergeField('Navn'), ' "" \\* Upper ')) });
    const [ifField] = letterFields(render(t, { Navn: 'a b \\* Lower' }), 'word/footer1.xml').filter((f) => f.parsed.instruction.type === 'IF');
    const ins = ifField!.parsed.instruction;
    if (ins.type !== 'IF') throw new Error('not an IF');
    expect(argumentText(ins.trueText!)).toBe('a b \\* Lower');
    expect(ins.switches.map((s) => [s.name, s.argument && argumentText(s.argument)])).toEqual([['*', 'Upper']]);
  });

  it('gets a fresh cached result, so the letter and the PDF show the value', async () => {
    const t = loadTemplate(template);
    const letter = openDocx(t.render(toContext({ fields: { Navn: 'Karen "K" Jensen' } })).docx);
    expect(letter.texts('word/footer1.xml')).toEqual(['Kære Karen "K" Jensen']);
    const { letter: laid } = layOut(t.render(toContext({ fields: { Navn: 'Karen "K" Jensen' } })).docx);
    const footer = laid.pages[0]!.items.filter((i) => i.kind === 'text')
      .map((i) => (i.kind === 'text' ? i.text : ''))
      .join('');
    expect(footer).toContain('Kære Karen "K" Jensen');
  });

  it('its fresh result shows a page field of the branch as its saved number, not as a second copy of the field', () => {
    const t = docx([p('x')], { footer: p(field(' IF ', page(), ' = 1 "Side ', page(), ' – ', mergeField('Navn'), '" "" ')) });
    const letter = openDocx(render(t, { Navn: 'Karen' }));
    expect(letter.fieldInstructions('word/footer1.xml')).toEqual(['PAGE', 'PAGE', 'IF  = 1 "Side  – Karen" ""']);
    expect(letter.texts('word/footer1.xml')).toEqual(['Side 1 – Karen']);
  });

  it('in a formula the value must be a number', () => {
    const t = docx([p('x')], { footer: p(field(' = ', page(), ' + ', mergeField('Tal'), ' ')) });
    expect(letterFields(render(t, { Tal: '2' }), 'word/footer1.xml')[0]!.instruction).toContain('+ 2');
    expect(danishError(() => render(t, { Tal: '2 \\# "0"' }))).toMatch(/værdien er ikke et tal/);
  });

  it('compared with = it must hold no wildcard', () => {
    const t = docx([p('x')], { footer: p(field(' IF ', page(), ' = ', mergeField('Side'), ' "første" "" ')) });
    expect(danishError(() => render(t, { Side: '*' }))).toMatch(/jokertegn/);
    expect(render(t, { Side: '1' }).length).toBeGreaterThan(0);
  });
});

describe('a value in a link', () => {
  const template = docx([p('Se ', { ...field(' HYPERLINK "https://kp.dk/sag/', mergeField('Id'), '" '), result: 'sagen' })]);

  it('is percent-encoded: an injected \\l "evil" is part of the address, in the .docx and in the PDF', async () => {
    const id = '1" \\l "evil';
    const letter = render(template, { Id: id });
    const [link] = letterFields(letter);
    const ins = link!.parsed.instruction;
    if (ins.type !== 'field') throw new Error('not a field');
    expect(ins.items.map((i) => i.type)).toEqual(['argument']);
    const url = argumentText(ins.items[0] as Argument);
    expect(url).toBe('https://kp.dk/sag/1%22%20%5Cl%20%22evil');
    expect(decodeURIComponent(url.slice('https://kp.dk/sag/'.length))).toBe(id);
    const { letter: laid } = layOut(letter);
    expect(laid.pages[0]!.links.map((l) => l.url)).toEqual([url]);
    if (pdfuaAvailable()) {
      const pdf = await renderTemplatePdf(loadTemplate(template), toContext({ fields: { Id: id } }));
      expect(pdfLinkTargets(pdf.pdf)).toEqual([url]);
    }
  });

  it('cannot move the link to another host; after mailto: the @ of the address stays', () => {
    const address = (instr: string[], value: string): string => {
      const t = docx([p(field(` HYPERLINK "${instr[0]}`, mergeField('X'), `${instr[1]}" `))]);
      const ins = letterFields(render(t, { X: value }))[0]!.parsed.instruction;
      return ins.type === 'field' ? argumentText(ins.items[0] as Argument) : '';
    };
    const hijack = address(['https://kp.dk', '/sag'], '@evil.example');
    expect(hijack).toBe('https://kp.dk%40evil.example/sag');
    // Not a user name before the host evil.example: an address no browser goes anywhere with.
    expect(URL.canParse(hijack) && new URL(hijack).hostname === 'evil.example').toBe(false);
    expect(address(['mailto:', ''], 'karen@kp.dk?bcc=alle@kp.dk')).toBe('mailto:karen@kp.dk%3Fbcc%3Dalle@kp.dk');
  });

  it('a whole address from the case must be a web or mail address', () => {
    const t = docx([p(field(' HYPERLINK "', mergeField('Url'), '" '))]);
    expect(openDocx(render(t, { Url: 'https://www.borger.dk/a b' })).fieldInstructions()).toEqual(['HYPERLINK "https://www.borger.dk/a%20b"']);
    for (const url of ['javascript:alert(1)', 'file:///C:/Windows/calc.exe', '\\\\angriber\\del', 'bilag.docx']) {
      expect(
        danishError(() => render(t, { Url: url })),
        url,
      ).toMatch(/ikke er en webadresse/);
    }
    // A web address that tries to add a switch keeps it inside the address.
    expect(openDocx(render(t, { Url: 'Https://x.dk/" \\l "y' })).fieldInstructions()).toEqual(['HYPERLINK "Https://x.dk/%22%20%5Cl%20%22y"']);
  });

  it('in preview an unsafe address leaves a placeholder, not the link', () => {
    const t = loadTemplate(docx([p(field(' HYPERLINK "', mergeField('Url'), '" '))]));
    const r = t.render(toContext({ fields: { Url: 'file:///C:/x' } }), { preview: true });
    expect(openDocx(r.docx).fieldInstructions()).toEqual([]);
    expect(openDocx(r.docx).texts()).toEqual(['«AFVIST FELT: HYPERLINK»']);
  });
});
