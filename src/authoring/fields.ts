/**
 * Field helpers for building templates the way Word saves them: complex fields with the
 * instruction split over many w:instrText runs, proofing marks and rsid changes between them,
 * nested fields whose cached results are stored as w:instrText, and cached results.
 * Used by the sample-template builder, the tests and the benchmark.
 */
import { escapeXml } from '../ooxml/xml.js';
import { questionName } from '../fieldcode/names.js';
import { runXml, textXml } from '../ooxml/runs.js';

/** A piece of an instruction: text, formatted text, a nested field, a paragraph or line break. */
export type InstrPart = string | FormattedText | FieldSpec | ParagraphBreak | LineBreak;

export interface LineBreak {
  kind: 'br';
}

/** WordprocessingML written as it is into a paragraph (a note reference, a drawing...). */
export interface RawXml {
  kind: 'raw';
  xml: string;
}

/** `raw(noteReferenceXml(1))`: a piece of paragraph content written as it is. */
export function raw(xml: string): RawXml {
  return { kind: 'raw', xml };
}

export interface FormattedText {
  kind: 'text';
  text: string;
  rPr: string;
}

export interface ParagraphBreak {
  kind: 'para';
  /** Properties of the paragraph that the break starts. */
  pPr: string;
}

export interface FieldSpec {
  kind: 'field';
  parts: InstrPart[];
  /** Cached result text (Word shows «Name» for merge fields). */
  result?: string;
  /** Write as w:fldSimple instead of a complex field. */
  simple?: boolean;
  /** Run properties of the field's runs. */
  rPr?: string;
  /** w:lang of the instruction runs. */
  lang?: string;
}

export interface FieldStyle {
  /** Split instruction text into runs of at most this many characters (Word splits at every edit). */
  split?: number;
  /** Put proofing marks, rsid changes and an empty bookmark between runs, as Word does. */
  noise?: boolean;
}

/** `field('IF ', field('MERGEFIELD x'), ' = "J" "Tekst"')` */
export function field(...parts: InstrPart[]): FieldSpec {
  return { kind: 'field', parts };
}

export function mergeField(name: string, options: { switches?: string; result?: string; simple?: boolean } = {}): FieldSpec {
  const spec: FieldSpec = {
    kind: 'field',
    parts: [` MERGEFIELD ${name}${options.switches ? ' ' + options.switches : ''} `],
    result: options.result ?? `«${name}»`,
  };
  if (options.simple) spec.simple = true;
  return spec;
}

/** KP's flettespørgsmål idiom: `{ IF { MERGEFIELD Question:<key> } = "J" "<text>" }`. */
export function questionIf(key: string, trueText: InstrPart | InstrPart[], falseText?: InstrPart | InstrPart[]): FieldSpec {
  const t = Array.isArray(trueText) ? trueText : [trueText];
  const f = falseText === undefined ? undefined : Array.isArray(falseText) ? falseText : [falseText];
  return field(' IF ', mergeField(questionName(key), { result: 'N' }), ' = "J" "', ...t, '"', ...(f ? [' "', ...f, '"'] : []), ' ');
}

export function bold(text: string): FormattedText {
  return { kind: 'text', text, rPr: '<w:rPr><w:b/><w:bCs/></w:rPr>' };
}

export function formatted(text: string, rPr: string): FormattedText {
  return { kind: 'text', text, rPr };
}

export function paragraphBreak(pPr = ''): ParagraphBreak {
  return { kind: 'para', pPr };
}

export const lineBreak: LineBreak = { kind: 'br' };

let rsidCounter = 0;
function rsid(): string {
  rsidCounter = (rsidCounter + 1) % 0xffffff;
  return (0x00a00000 + rsidCounter * 7919).toString(16).toUpperCase().padStart(8, '0').slice(-8);
}

function run(body: string, rPr: string, noise: boolean): string {
  return runXml(rPr, body, noise ? ` w:rsidR="${rsid()}"` : '');
}

let bookmarkId = 900;

function textRuns(text: string, tag: 'w:t' | 'w:instrText', rPr: string, style: FieldStyle, counter: { n: number }): string {
  const size = style.split && style.split > 0 ? style.split : text.length || 1;
  let out = '';
  for (let i = 0; i < text.length; i += size) {
    const piece = text.slice(i, i + size);
    if (style.noise && i > 0) {
      counter.n++;
      if (counter.n % 3 === 0) out += '<w:proofErr w:type="spellStart"/>';
      else if (counter.n % 5 === 0) {
        bookmarkId++;
        out += `<w:bookmarkStart w:id="${bookmarkId}" w:name="_Ref${bookmarkId}"/><w:bookmarkEnd w:id="${bookmarkId}"/>`;
      }
    }
    out += run(textXml(piece, tag), rPr, style.noise ?? false);
  }
  return out;
}

function withLang(rPr: string, lang: string | undefined): string {
  if (!lang) return rPr;
  const tag = `<w:lang w:val="${lang}"/>`;
  return rPr ? rPr.replace('</w:rPr>', tag + '</w:rPr>') : `<w:rPr>${tag}</w:rPr>`;
}

/**
 * The runs of a field. Paragraph breaks inside it close the current paragraph and open a new
 * one (`</w:p><w:p>`), so the result must be placed inside a paragraph.
 */
export function fieldXml(spec: FieldSpec, style: FieldStyle = {}, nested = false): string {
  const counter = { n: 0 };
  const rPr = withLang(spec.rPr ?? '', spec.lang);
  if (spec.simple) {
    const instr = spec.parts.map((p) => (typeof p === 'string' ? p : p.kind === 'text' ? p.text : p.kind === 'br' ? ' ' : '')).join('');
    const resultTag = nested ? 'w:instrText' : 'w:t';
    const result = spec.result !== undefined ? run(textXml(spec.result, resultTag), rPr, false) : '';
    return `<w:fldSimple w:instr="${escapeXml(instr)}">${result}</w:fldSimple>`;
  }
  let out = run('<w:fldChar w:fldCharType="begin"/>', rPr, false);
  for (const part of spec.parts) {
    if (typeof part === 'string') out += textRuns(part, 'w:instrText', rPr, style, counter);
    else if (part.kind === 'text') out += textRuns(part.text, 'w:instrText', withLang(part.rPr, spec.lang), style, counter);
    else if (part.kind === 'para') out += `</w:p><w:p>${part.pPr}`;
    else if (part.kind === 'br') out += run('<w:br/>', rPr, false);
    else out += fieldXml(part, style, true);
  }
  if (spec.result !== undefined) {
    out += run('<w:fldChar w:fldCharType="separate"/>', rPr, false);
    out += textRuns(spec.result, nested ? 'w:instrText' : 'w:t', rPr, {}, counter);
  }
  out += run('<w:fldChar w:fldCharType="end"/>', rPr, false);
  return out;
}

/** A paragraph from pieces: plain text, formatted text, line breaks, fields and raw XML. */
export function paragraphXml(content: Array<string | FormattedText | FieldSpec | LineBreak | RawXml>, pPr = '', style: FieldStyle = {}): string {
  let body = '';
  for (const c of content) {
    if (typeof c === 'string') body += c === '' ? '' : run(textXml(c), '', false);
    else if (c.kind === 'text') body += run(textXml(c.text), c.rPr, false);
    else if (c.kind === 'br') body += run('<w:br/>', '', false);
    else if (c.kind === 'raw') body += c.xml;
    else body += fieldXml(c, style);
  }
  return `<w:p>${pPr}${body}</w:p>`;
}
