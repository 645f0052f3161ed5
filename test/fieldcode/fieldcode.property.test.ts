/**
 * Property tests (fast-check) for the field-code parser and printer, and for rendering any
 * value literally into well-formed XML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argumentText,
  FIELD_CHAR,
  OBJECT_CHAR,
  parseInstruction,
  printInstruction,
  type Argument,
  type ArgumentPart,
  type Instruction,
  type Operator,
  type Switch,
} from '../../src/fieldcode/index.js';
import { docx, field, mergeField, noteReferenceXml, p, questionIf } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { layOut } from '../helpers/pdf.js';
import { loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { firstInvalidXmlChar } from '../../src/ooxml/xml.js';
import { parseLocaleNumber } from '../../src/format/number.js';
import { formatNumberPicture } from '../../src/format/number-picture.js';
import { DANISH } from '../../src/format/locale.js';

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
  .array(
    fc.oneof(
      fc.string({ unit: wordChar, minLength: 1, maxLength: 6 }).map((text) => ({ text })),
      fc.constant({ field: true as const }),
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .filter((segs) => segs.map((s) => ('text' in s ? s.text : FIELD_CHAR)).join('').length > 0);

const quotedSegs: fc.Arbitrary<Seg[]> = fc.array(
  fc.oneof(
    fc.string({ unit: textChar, minLength: 1, maxLength: 8 }).map((text) => ({ text })),
    fc.constant({ field: true as const }),
  ),
  { maxLength: 4 },
);

interface ArgSpec {
  quote: string | null;
  close?: string;
  segs: Seg[];
}

const argSpec: fc.Arbitrary<ArgSpec> = fc.oneof(
  bareSegs.map((segs) => ({ quote: null, segs })),
  fc
    .tuple(fc.constantFrom('"', '\u201c', '\u201d', '\u201e'), fc.constantFrom(...quoteChars), quotedSegs)
    .map(([quote, close, segs]) => ({ quote, close, segs })),
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
  fc
    .constantFrom(...formats)
    .map((f) => ({ type: 'switch' as const, name: '*', argument: toArgument({ quote: null, segs: [{ text: f }] }), position: { start: 0, end: 0 } })),
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
  .tuple(
    argSpec.filter((a) => !a.segs.some((s) => 'field' in s)),
    fc.array(mergeSwitch, { maxLength: 4 }),
  )
  .map(([name, switches]) => ({ type: 'MERGEFIELD' as const, name: toArgument(name), switches, position: { start: 0, end: 0 } }));

const otherInstruction: fc.Arbitrary<Instruction> = fc
  .tuple(
    fc.constantFrom('PAGE', 'NUMPAGES', 'DATE', 'REF', 'HYPERLINK', 'SEQ', '='),
    fc.array(
      fc.oneof(
        argSpec.map(toArgument),
        operator.map((value) => ({ type: 'operator' as const, value, position: { start: 0, end: 0 } })),
        generalSwitch,
        fc
          .tuple(fc.constantFrom('h', 'o', 'l', 's'), argSpec)
          .map(([name, a]) => ({ type: 'switch' as const, name, argument: toArgument(a), position: { start: 0, end: 0 } })),
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
      fc.property(fc.string({ unit: anyChar, maxLength: 60 }), (text) => {
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
    .array(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        "'",
        '{',
        '}',
        '\\',
        ' ',
        '\t',
        '\n',
        '\r\n',
        'æ',
        'ø',
        'å',
        '«',
        '»',
        '\u201c',
        '\u201d',
        '\u201e',
        'MERGEFIELD',
        ']]>',
        '<w:t>',
        '\\l "evil"',
        '" "',
        '\\* Upper',
        '%',
        '*',
        '?',
        FIELD_CHAR,
        OBJECT_CHAR,
      ),
      { maxLength: 20 },
    )
    .map((a) => a.join(''));
  const value = fc.oneof(xmlSafe, tricky);

  it('any string value renders literally and leaves well-formed XML, in every story and in the PDF', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...STORIES), (v, story) => {
        const template = inStory(story, [p('[', mergeField('X'), ']'), p(questionIf('q', ['(', mergeField('X'), ')']))]);
        const bytes = loadTemplate(template).render(toContext({ fields: { X: v }, questions: { q: 'J' } })).docx;
        const letter = openDocx(bytes);
        const expected = v.replace(/\r\n|\r/g, '\n');
        expect(letter.texts(story.part).filter((t) => t.startsWith('[') || t.startsWith('('))).toEqual(story.copies([`[${expected}]`, `(${expected})`]));
        expect(letter.fieldInstructions(story.part)).toEqual([]);
        expect(compact(pdfText(bytes))).toContain(compact(`[${v}]`) + compact(`(${v})`));
      }),
      { numRuns: 150 },
    );
  });

  it('a value in a live IF stays one literal argument, in every story and in the PDF', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...STORIES), (v, story) => {
        const page = { ...field(' PAGE '), result: '1' };
        const template = inStory(story, [p(field(' IF ', page, ' = 1 "Kære ', mergeField('X'), '" "" '))]);
        const bytes = loadTemplate(template).render(toContext({ fields: { X: v } })).docx;
        for (const part of openDocx(bytes).parts.filter((x) => x.endsWith('.xml'))) openDocx(bytes).root(part);
        const ifs = loadTemplate(bytes).fieldNodes.filter((f) => f.story.part === story.part && f.parsed.instruction.type === 'IF');
        expect(ifs).toHaveLength(story.copies([1]).length);
        for (const f of ifs) {
          const ins = f.parsed.instruction;
          if (ins.type !== 'IF') throw new Error('not an IF');
          expect(f.parsed.problems).toEqual([]);
          expect(ins.left!.parts.map((x) => x.type)).toEqual(['field']);
          expect(f.children.map((c) => c.parsed.instruction.type === 'field' && c.parsed.instruction.fieldType)).toEqual(['PAGE']);
          expect([ins.operator, argumentText(ins.right!), argumentText(ins.falseText!), ins.switches]).toEqual(['=', '1', '', []]);
          expect(ins.trueText!.parts.every((x) => x.type === 'text')).toBe(true);
          expect(argumentText(ins.trueText!)).toBe('Kære ' + asInstruction(v));
        }
        expect(compact(pdfText(bytes))).toContain(compact(`Kære ${v}`));
      }),
      { numRuns: 150 },
    );
  });

  it('a value in a link address is one percent-encoded piece of it, in the .docx and in the PDF', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...STORIES), (v, story) => {
        const template = inStory(story, [p('Se ', { ...field(' HYPERLINK "https://kp.dk/sag/', mergeField('X'), '" \\o "Sagen" '), result: 'sagen' })]);
        const bytes = loadTemplate(template).render(toContext({ fields: { X: v } })).docx;
        const links = loadTemplate(bytes).fieldNodes.filter((f) => f.story.part === story.part);
        expect(links).toHaveLength(story.copies([1]).length);
        for (const f of links) {
          const ins = f.parsed.instruction;
          if (ins.type !== 'field') throw new Error('not a field');
          expect(f.parsed.problems).toEqual([]);
          expect(ins.items.map((i) => (i.type === 'switch' ? `\\${i.name} ${argumentText(i.argument!)}` : i.type))).toEqual(['argument', '\\o Sagen']);
          const url = argumentText(ins.items[0] as Argument);
          expect(url.startsWith('https://kp.dk/sag/')).toBe(true);
          expect(decodeURIComponent(url.slice('https://kp.dk/sag/'.length))).toBe(v);
          const inPdf = pdfLinks(bytes);
          expect(
            inPdf.every((u) => u === url),
            inPdf.join(' '),
          ).toBe(true);
          if (story.links) expect(inPdf).toContain(url);
        }
      }),
      { numRuns: 150 },
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

// ---- the stories a value can land in, and what the PDF shows ----

interface StoryCase {
  name: string;
  part: string;
  build(paragraphs: string[]): Buffer;
  /** A text box is saved twice (mc:Choice and mc:Fallback): what the part holds of each thing. */
  copies<T>(items: T[]): T[];
  /** The PDF makes links here (headers and footers are artifacts, which PDF/UA gives no links). */
  links: boolean;
}

const once = <T>(items: T[]): T[] => items;
const textBox = (paragraphs: string[]): string => {
  const box = `<w:txbxContent>${paragraphs.join('')}</w:txbxContent>`;
  return (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>1800000</wp:posOffset></wp:positionV><wp:extent cx="5400000" cy="1800000"/><wp:wrapNone/><wp:docPr id="1" name="Tekstboks 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="1800000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>' +
    box +
    '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
    box +
    '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
  );
};

const STORIES: StoryCase[] = [
  { name: 'body', part: 'word/document.xml', build: (ps) => docx(ps), copies: once, links: true },
  { name: 'header', part: 'word/header1.xml', build: (ps) => docx([p('x')], { header: ps.join('') }), copies: once, links: false },
  { name: 'footer', part: 'word/footer1.xml', build: (ps) => docx([p('x')], { footer: ps.join('') }), copies: once, links: false },
  {
    name: 'footnote',
    part: 'word/footnotes.xml',
    build: (ps) => docx([`<w:p><w:r><w:t>x</w:t></w:r>${noteReferenceXml(1, 'footnote')}</w:p>`], { footnotes: [ps.join('')] }),
    copies: once,
    links: true,
  },
  { name: 'text box', part: 'word/document.xml', build: (ps) => docx([textBox(ps), p('x')]), copies: (items) => [...items, ...items], links: true },
];

function inStory(story: StoryCase, paragraphs: string[]): Buffer {
  return story.build(paragraphs);
}

/** A value as the instruction holds it: line breaks are w:br (\v), and the placeholder
 * characters of nested fields and objects read as U+FFFD. */
function asInstruction(v: string): string {
  return v.replace(/\r\n|\r|\n/g, '\v').replace(/[\ue000\ufffc]/g, '\ufffd');
}

function pdfText(docxBytes: Uint8Array): string {
  const { letter } = layOut(docxBytes);
  return letter.pages.flatMap((pg) => pg.items.map((i) => (i.kind === 'text' ? i.text : ''))).join('');
}

function pdfLinks(docxBytes: Uint8Array): string[] {
  return layOut(docxBytes).letter.pages.flatMap((pg) => pg.links.map((l) => l.url ?? ''));
}

/** Text without whitespace: line breaking, tabs and spacing differ between a .docx and its layout. */
function compact(s: string): string {
  return s.replace(/[\s\u00a0\u00ad]+/g, '');
}
