/** The field-instruction grammar: trees, Word's quoting rules, and errors with positions. */
import { describe, expect, it } from 'vitest';
import { parseInstruction, printInstruction, FIELD_CHAR, type IfInstruction, type MergeFieldInstruction } from '../../src/fieldcode/index.js';

const F = FIELD_CHAR;
const codes = (text: string): Array<[string, number]> => parseInstruction(text).problems.map((p) => [p.code, p.position.start]);

describe('IF', () => {
  it('reads the flettespørgsmål idiom with a nested field', () => {
    const { instruction, problems } = parseInstruction(` IF ${F} = "J" "Tekst der flettes ind" `);
    expect(problems).toEqual([]);
    const ins = instruction as IfInstruction;
    expect(ins.type).toBe('IF');
    expect(ins.left!.parts).toEqual([{ type: 'field', index: 0, position: { start: 4, end: 5 } }]);
    expect(ins.operator).toBe('=');
    expect(ins.right!.parts).toMatchObject([{ type: 'text', value: 'J' }]);
    expect(ins.trueText!.parts).toMatchObject([{ type: 'text', value: 'Tekst der flettes ind' }]);
    expect(ins.trueText!.content).toEqual({ start: 13, end: 34 });
    expect(ins.falseText).toBeUndefined();
  });

  it.each(['=', '<>', '<', '<=', '>', '>='])('reads the operator %s', (op) => {
    const ins = parseInstruction(`IF 1 ${op} 2 "a" "b"`).instruction as IfInstruction;
    expect(ins.operator).toBe(op);
  });

  it('reads keywords in any case, and a quoted expression with nested fields and text', () => {
    const ins = parseInstruction(`if "${F} ${F}" = "Karen Jensen" "ja"`).instruction as IfInstruction;
    expect(ins.type).toBe('IF');
    expect(ins.left!.parts.map((p) => p.type)).toEqual(['field', 'text', 'field']);
  });

  it('accepts typographic quotes as delimiters (“ ” „)', () => {
    const ins = parseInstruction('IF "{{ GENDER }}" = \u201cMALE\u201d \u201ctrue text\u201d \u201efalse text\u201c').instruction as IfInstruction;
    expect(ins.right!.quote).toBe('\u201c');
    expect(ins.trueText!.parts).toMatchObject([{ value: 'true text' }]);
    expect(ins.falseText!.parts).toMatchObject([{ value: 'false text' }]);
  });

  it('reads \\" and \\\\ inside quoted text as a quotation mark and a backslash', () => {
    const ins = parseInstruction('IF x = "J" "Han sagde \\"hej\\" \\\\ farvel"').instruction as IfInstruction;
    expect(ins.trueText!.parts.map((p) => (p.type === 'text' ? p.value : '')).join('')).toBe('Han sagde "hej" \\ farvel');
  });

  it('keeps paragraph marks and tabs inside quoted text', () => {
    const ins = parseInstruction('IF x = "J" "Linje 1\rLinje 2\tslut"').instruction as IfInstruction;
    expect(ins.trueText!.parts).toMatchObject([{ value: 'Linje 1\rLinje 2\tslut' }]);
  });

  it('reports a missing operator where Word says "Missing test condition": a condition and nothing to show', () => {
    expect(codes(`IF ${F}`)).toEqual([['syntax.if-missing-operator', 4]]);
  });

  it('reads an IF without an operator as Word does, the first argument being the condition (fragile)', () => {
    expect(codes(`IF ${F} "J" "x"`)).toEqual([['syntax.if-no-operator', 4]]);
    const ins = parseInstruction(`IF ${F} "J" "x"`).instruction as IfInstruction;
    expect([ins.operator, ins.right, ins.trueText!.parts, ins.falseText!.parts]).toMatchObject([undefined, undefined, [{ value: 'J' }], [{ value: 'x' }]]);
  });

  it('reports an unterminated quote at the quote', () => {
    expect(codes('IF x = "J" "Tekst uden slut')).toEqual([['syntax.unterminated-quote', 11]]);
  });

  it('reports missing expressions and missing TrueText', () => {
    expect(codes('IF')).toEqual([['syntax.if-missing-expression', 2]]);
    expect(codes('IF x =')).toEqual([['syntax.if-missing-expression', 6]]);
    expect(codes('IF x = "J"')).toEqual([['syntax.if-missing-true-text', 10]]);
  });

  it('reports extra arguments (which Word ignores) and field switches IF does not have', () => {
    expect(codes('IF x = y "a" "b" "c"')).toEqual([['syntax.if-extra-arguments', 17]]);
    expect(codes('IF x = y "a" \\b "c"')).toEqual([['syntax.unknown-switch', 13]]);
  });

  it('recovers: a tree is still built around an error', () => {
    const r = parseInstruction(`IF ${F} "J" "x" \\* Upper`);
    expect(r.problems).toHaveLength(1);
    expect(r.instruction.type).toBe('IF');
  });
});

describe('MERGEFIELD', () => {
  it('reads names with namespaces, dots and quotes', () => {
    const names = ['Question:flettespoergsmaal-10023', 'Borger.Adresse.Vej', 'Html:x-fuldmagtsbetingelse'].map(
      (n) => ((parseInstruction(` MERGEFIELD ${n} `).instruction as MergeFieldInstruction).name!.parts[0] as { value: string }).value,
    );
    expect(names).toEqual(['Question:flettespoergsmaal-10023', 'Borger.Adresse.Vej', 'Html:x-fuldmagtsbetingelse']);
    const quoted = parseInstruction('MERGEFIELD "More than one space"').instruction as MergeFieldInstruction;
    expect(quoted.name!.parts).toMatchObject([{ value: 'More than one space' }]);
  });

  it('reads \\b \\f \\m \\v and general switches in order', () => {
    const ins = parseInstruction('MERGEFIELD x \\b "Til: " \\f " kr." \\m \\v \\* Upper \\* MERGEFORMAT').instruction as MergeFieldInstruction;
    expect(ins.switches.map((s) => s.name)).toEqual(['b', 'f', 'm', 'v', '*', '*']);
  });

  it('reads numeric and date pictures, quoted or not', () => {
    const a = parseInstruction('MERGEFIELD x \\# "#.##0,00"').instruction as MergeFieldInstruction;
    const b = parseInstruction('MERGEFIELD x \\# 0,00 \\@ "d. MMMM yyyy"').instruction as MergeFieldInstruction;
    expect(a.switches[0]!.argument!.parts).toMatchObject([{ value: '#.##0,00' }]);
    expect(b.switches.map((s) => [s.name, s.argument!.parts[0]])).toMatchObject([
      ['#', { value: '0,00' }],
      ['@', { value: 'd. MMMM yyyy' }],
    ]);
  });

  it('reports unknown switches, unknown formats and switches without their argument', () => {
    expect(codes('MERGEFIELD x \\k')).toEqual([['syntax.unknown-switch', 13]]);
    expect(codes('MERGEFIELD x \\* Fed')).toEqual([['syntax.unknown-format', 16]]);
    expect(codes('MERGEFIELD x \\b')).toEqual([['syntax.switch-missing-argument', 13]]);
    expect(codes('MERGEFIELD x \\#')).toEqual([['syntax.switch-missing-argument', 13]]);
    expect(codes('MERGEFIELD x \\m y')).toEqual([['syntax.switch-no-argument', 16]]);
    expect(codes('MERGEFIELD')).toEqual([['syntax.mergefield-missing-name', 10]]);
    expect(codes('MERGEFIELD a b')).toEqual([['syntax.too-many-arguments', 13]]);
  });
});

describe('other fields are parsed generically and kept', () => {
  it.each([
    ['PAGE', 'PAGE'],
    ['NUMPAGES \\* Arabic', 'NUMPAGES'],
    ['DATE \\@ "d. MMMM yyyy"', 'DATE'],
    ['REF _Ref123 \\h', 'REF'],
    [`= ${F} * 2`, '='],
    ['HYPERLINK "https://www.borger.dk" \\o "Borger.dk"', 'HYPERLINK'],
  ])('%s', (text, type) => {
    const r = parseInstruction(text);
    expect(r.problems).toEqual([]);
    expect(r.instruction).toMatchObject({ type: 'field', fieldType: type });
    expect(printInstruction(r.instruction)).toBe(text);
  });

  it('an empty instruction is reported as such', () => {
    expect(codes('   ')).toEqual([['syntax.empty', 0]]);
  });
});
