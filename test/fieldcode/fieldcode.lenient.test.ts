/**
 * Word's lenient field-code syntax, read and evaluated as Word does (docs/word-fields.md,
 * Syntax): each form parses, is reported as fragile (a warning, never an error), does not stop a
 * strict letter, and gives Word's result. The two Word-saved corpus fields behind the readings
 * are checked here too (Docxport.Net's typed braces show "REF", Open XML SDK's switch inside an
 * IF with an unclosed quote shows "not").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_CHAR as F, FRAGILE_CODES, parseInstruction, printInstruction, type IfInstruction } from '../../src/fieldcode/index.js';
import { loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { docx, field, mergeField, p, raw, renderDocx } from '../helpers/build.js';

const codes = (text: string): string[] => parseInstruction(text).problems.map((p) => p.code);

/** Renders one paragraph strictly and returns its text and the template's warnings. */
function render(body: Parameters<typeof p>, fields: Record<string, unknown> = {}): { text: string; warnings: string[] } {
  const template = docx([p(...body)]);
  const warnings = loadTemplate(template).diagnostics.map((d) => `${d.severity}:${d.code}`);
  return { text: renderDocx(template, { fields }).texts().join('\n'), warnings };
}

/** A complex field whose instruction is typed as one run, braces and all. */
const typed = (instr: string, result: string): ReturnType<typeof raw> =>
  raw(
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instr}</w:instrText></w:r>` +
      `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`,
  );

describe("Word's lenient syntax", () => {
  it('IF{ with no space before the nested field is IF and a nested field', () => {
    const r = parseInstruction(`IF${F} = "J" "ja" "nej"`);
    expect(r.instruction.type).toBe('IF');
    expect(r.problems.map((p) => p.code)).toEqual(['syntax.no-space-after-type']);
    expect((r.instruction as IfInstruction).left!.parts).toMatchObject([{ type: 'field', index: 0 }]);
    expect(render([field('IF', mergeField('Svar'), ' = "J" "ja" "nej" ')], { Svar: 'J' })).toEqual({
      text: 'ja',
      warnings: ['warning:syntax.no-space-after-type'],
    });
  });

  it('ignores the arguments after FalseText', () => {
    expect(codes('IF 1 = 2 "a" "b" "c" d')).toEqual(['syntax.if-extra-arguments']);
    const ins = parseInstruction('IF 1 = 2 "a" "b" "c" d').instruction as IfInstruction;
    expect(printInstruction(ins)).toBe('IF 1 = 2 "a" "b" "c" d');
    expect(render([field(' IF 1 = 2 "a" "b" "c" ')]).text).toBe('b');
  });

  it('takes the rest of the instruction into an unclosed quotation', () => {
    expect(codes('IF x = "x" "Tekst uden slut')).toEqual(['syntax.unterminated-quote']);
    expect(render([field(' IF ', mergeField('Svar'), ' = "J" "Tekst uden slut')], { Svar: 'J' }).text).toBe('Tekst uden slut');
  });

  it('applies a switch in the middle of an IF to the result, and compares the words before it as they are', () => {
    expect(codes('IF DATE \\@ "M-d" <> "1-4" not "x"')).toEqual(['syntax.if-switch-inside']);
    expect(render([field(' IF DATE \\@ "M-d" <> "1-4" not "x" ')]).text).toBe('not');
    expect(render([field(' IF ja \\* Upper = ja "ja" "nej" ')]).text).toBe('JA');
  });

  it('reads braces typed as text as plain characters: the IF has no operator, its condition is "{"', () => {
    const instr = ' IF { REF Frist } = "" "Tom" "Ikke tom" ';
    expect(codes(instr)).toEqual(['syntax.typed-braces', 'syntax.if-no-operator', 'syntax.if-extra-arguments']);
    expect(render([typed(instr, 'REF')]).text).toBe('REF');
  });

  it('without an operator, the first argument is the condition: true unless empty or 0', () => {
    const ifNoOp = (v: string): string => render([field(' IF ', mergeField('V'), ' "ja" "nej" ')], { V: v }).text;
    expect(['J', 'N', 'x', '1', '0', '', '0,0'].map(ifNoOp)).toEqual(['ja', 'ja', 'ja', 'ja', 'nej', 'nej', 'nej']);
    expect(codes(`IF ${F} "ja"`)).toEqual(['syntax.if-no-operator']);
    expect(codes(`IF ${F}`)).toEqual(['syntax.if-missing-operator']);
  });

  it('reads doubled spaces, tabs and paragraph marks between arguments as one separator', () => {
    expect(codes('IF  x  =\t"x"  \r "a"   "b"')).toEqual([]);
    expect(render([field(' IF  1   =  1    "a"   "b" ')]).text).toBe('a');
  });

  it('every fragile form is a warning and leaves the letter to Word’s reading; a real error still stops it', () => {
    expect(FRAGILE_CODES.has('syntax.if-missing-true-text')).toBe(false);
    expect(() => renderDocx(docx([p(field(' IF 1 = 1 '))]), { fields: {} })).toThrow(/IF mangler teksten/);
  });

  it('Word-saved corpus files: the fields Word evaluated read and evaluate to the cached results', () => {
    const dir = join(import.meta.dirname, '../fixtures', 'word-conformance');
    const evaluated = (file: string, type: string): string[] => {
      const t = loadTemplate(readFileSync(join(dir, file)), { name: file });
      return t
        .evaluateFields(toContext({ fields: {} }))
        .filter((f) => f.type === type && f.depth === 0 && f.problems.every((d) => d.severity === 'warning'))
        .map((f) => `${f.value}|${f.cachedResult}`);
    };
    expect(evaluated('docxport-net/TestDocVariables.docx', 'IF')).toContain('REF|REF');
    expect(evaluated('open-xml-sdk/field.docx', 'IF')).toContain('not|not');
  });
});
