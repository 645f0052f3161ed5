/**
 * Property tests (fast-check) for the field-code parser and printer, and for rendering any
 * value literally into well-formed XML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIELD_CHAR,
  parseInstruction,
  printInstruction,
  type Argument,
  type ArgumentPart,
  type Instruction,
  type Operator,
  type Switch,
} from '../src/fieldcode/index.js';
import { docx, mergeField, p, questionIf, renderDocx } from './helpers/build.js';
import { firstInvalidXmlChar } from '../src/ooxml/xml.js';
import { formatNumberPicture, parseLocaleNumber } from '../src/format/number.js';
import { DANISH } from '../src/format/locale.js';

// ---- generators of canonical trees (the form the parser produces) ----

type Seg = { text: string } | { field: true };

const quoteChars = ['"', '\u201c', '\u201d'];
const special = new Set(['"', '\u201c', '\u201d', '\\']);
const wordChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzæøåABCXYZÆØÅ0123456789.:-_,;%$&!?*()[]{}/+#@'.split(''));
const textChar = fc.oneof(
  { weight: 6, arbitrary: wordChar },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t', '\r', '"', '\u201c', '\u201d', '\\', '<', '>', '=', '\u00a0', '😀', '\ufffc') },
);

const bareSegs: fc.Arbitrary<Seg[]> = fc
  .array(fc.oneof(fc.string({ unit: wordChar,  minLength: 1, maxLength: 6 }).map((text) => ({ text })), fc.constant({ field: true as const })), {
    minLength: 1,
    maxLength: 3,
  })
  .filter((segs) => segs.map((s) => ('text' in s ? s.text : FIELD_CHAR)).join('').length > 0);

const quotedSegs: fc.Arbitrary<Seg[]> = fc.array(
  fc.oneof(fc.string({ unit: textChar,  minLength: 1, maxLength: 8 }).map((text) => ({ text })), fc.constant({ field: true as const })),
  { maxLength: 4 },
);

interface ArgSpec {
  quote: string | null;
  close?: string;
  segs: Seg[];
}

const argSpec: fc.Arbitrary<ArgSpec> = fc.oneof(
  bareSegs.map((segs) => ({ quote: null, segs })),
  fc.tuple(fc.constantFrom('"', '\u201c', '\u201d', '\u201e'), fc.constantFrom(...quoteChars), quotedSegs).map(([quote, close, segs]) => ({ quote, close, segs })),
);

/** Turns specs into an argument with parts; field indexes are assigned in print order later. */
function toArgument(spec: ArgSpec): Argument {
  const parts: ArgumentPart[] = [];
  const pos = { start: 0, end: 0 };
  for (const seg of spec.segs) {
    if ('field' in seg) {
      parts.push({ type: 'field', index: -1, position: pos });
      continue;
    }
    let plain = '';
    const flush = (): void => {
      if (!plain) return;
      const last = parts[parts.length - 1];
      if (last && last.type === 'text' && !last.escaped) last.value += plain;
      else parts.push({ type: 'text', value: plain, position: pos });
      plain = '';
    };
    for (const ch of seg.text) {
      if (spec.quote !== null && special.has(ch)) {
        flush();
        parts.push({ type: 'text', value: ch, escaped: true, position: pos });
      } else plain += ch;
    }
    flush();
  }
  const arg: Argument = { type: 'argument', quote: spec.quote, parts, position: pos, content: pos };
  if (spec.close) arg.closeQuote = spec.close;
  return arg;
}

const formats = ['Upper', 'Lower', 'FirstCap', 'Caps', 'MERGEFORMAT', 'CHARFORMAT'];
const generalSwitch: fc.Arbitrary<Switch> = fc.oneof(
  fc.constantFrom(...formats).map((f) => ({ type: 'switch' as const, name: '*', argument: toArgument({ quote: null, segs: [{ text: f }] }), position: { start: 0, end: 0 } })),
  fc.tuple(fc.constantFrom('#', '@'), fc.constantFrom('#.##0,00', 'd. MMMM yyyy', '0', 'dd-MM-yyyy')).map(([name, pic]) => ({
    type: 'switch' as const,
    name,
    argument: toArgument({ quote: '"', close: '"', segs: [{ text: pic }] }),
    position: { start: 0, end: 0 },
  })),
);
const mergeSwitch: fc.Arbitrary<Switch> = fc.oneof(
  generalSwitch,
  fc.tuple(fc.constantFrom('b', 'f'), argSpec).map(([name, a]) => ({ type: 'switch' as const, name, argument: toArgument(a), position: { start: 0, end: 0 } })),
  fc.constantFrom('m', 'v').map((name) => ({ type: 'switch' as const, name, position: { start: 0, end: 0 } })),
);
const operator = fc.constantFrom<Operator>('=', '<>', '<', '<=', '>', '>=');

const ifInstruction: fc.Arbitrary<Instruction> = fc
  .tuple(argSpec, operator, argSpec, fc.option(argSpec, { nil: undefined }), fc.option(argSpec, { nil: undefined }), fc.array(generalSwitch, { maxLength: 3 }))
  .map(([l, op, r, t, f, switches]) => {
    const ins: Instruction = { type: 'IF', left: toArgument(l), operator: op, right: toArgument(r), switches, position: { start: 0, end: 0 } };
    if (t) {
      ins.trueText = toArgument(t);
      if (f) ins.falseText = toArgument(f);
    }
    return ins;
  });

const mergeInstruction: fc.Arbitrary<Instruction> = fc
  .tuple(argSpec.filter((a) => !a.segs.some((s) => 'field' in s)), fc.array(mergeSwitch, { maxLength: 4 }))
  .map(([name, switches]) => ({ type: 'MERGEFIELD' as const, name: toArgument(name), switches, position: { start: 0, end: 0 } }));

const otherInstruction: fc.Arbitrary<Instruction> = fc
  .tuple(
    fc.constantFrom('PAGE', 'NUMPAGES', 'DATE', 'REF', 'HYPERLINK', 'SEQ', '='),
    fc.array(
      fc.oneof(
        argSpec.map(toArgument),
        operator.map((value) => ({ type: 'operator' as const, value, position: { start: 0, end: 0 } })),
        generalSwitch,
        fc.tuple(fc.constantFrom('h', 'o', 'l', 's'), argSpec).map(([name, a]) => ({ type: 'switch' as const, name, argument: toArgument(a), position: { start: 0, end: 0 } })),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([fieldType, items]) => ({ type: 'field' as const, fieldType, items, position: { start: 0, end: 0 } }));

const instruction = fc.oneof(ifInstruction, mergeInstruction, otherInstruction);

/** Numbers fields in print order and strips positions: the shape we compare. */
function normalize(ins: Instruction): unknown {
  let next = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v)) {
        if (k === 'position' || k === 'content') continue;
        o[k] = walk(val);
      }
      if (o['type'] === 'field' && 'index' in o) o['index'] = next++;
      return o;
    }
    return v;
  };
  return walk(ins);
}

describe('parser and printer', () => {
  it('any instruction the printer emits parses back to the same tree', () => {
    fc.assert(
      fc.property(instruction, (ins) => {
        const text = printInstruction(ins);
        const parsed = parseInstruction(text);
        expect(normalize(parsed.instruction), text).toEqual(normalize(ins));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws, and every problem is positioned inside the instruction', () => {
    const anyChar = fc.oneof(textChar, fc.constantFrom(FIELD_CHAR, 'I', 'F', 'M', 'E', 'R', 'G', ' ', '\\', '*', '#', '@'));
    fc.assert(
      fc.property(fc.string({ unit: anyChar,  maxLength: 60 }), (text) => {
        const r = parseInstruction(text);
        for (const problem of r.problems) {
          expect(problem.position.start).toBeGreaterThanOrEqual(0);
          expect(problem.position.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('renderer', () => {
  const xmlSafe = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => firstInvalidXmlChar(s) === undefined);
  const tricky = fc
    .array(fc.constantFrom('<', '>', '&', '"', "'", '{', '}', '\\', ' ', '\t', '\n', 'æ', 'ø', 'å', '«', '»', 'MERGEFIELD', ']]>', '<w:t>', FIELD_CHAR), {
      maxLength: 20,
    })
    .map((a) => a.join(''));
  const template = docx([p('[', mergeField('X'), ']'), p(questionIf('q', ['(', mergeField('X'), ')']))]);

  it('any string value renders literally and leaves well-formed XML', () => {
    fc.assert(
      fc.property(fc.oneof(xmlSafe, tricky), (value) => {
        const letter = renderDocx(template, { fields: { X: value }, questions: { q: 'J' } });
        const expected = value.replace(/\r\n|\r/g, '\n');
        expect(letter.texts()).toEqual([`[${expected}]`, `(${expected})`]);
        expect(letter.fieldInstructions()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a number written with a Danish picture reads back as the rounded number', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => {
        const text = formatNumberPicture(n, '.0,00', DANISH);
        const back = parseLocaleNumber(text, DANISH)!;
        expect(Math.abs(back - n)).toBeLessThanOrEqual(0.005 + Math.abs(n) * 1e-12);
      }),
      { numRuns: 2000 },
    );
  });
});
