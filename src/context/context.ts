/**
 * The case context: the data one letter is made from.
 *
 *   { "process": "...", "variant": "...", "fields": { ... }, "questions": { "<key>": "J" } }
 *
 * Read defensively: strict UTF-8, JSON only, no `__proto__` / `constructor` / `prototype` keys
 * anywhere, bounded depth and size (src/limits.ts: caseBytes, valueLength), and no characters
 * that cannot be written into a Word part.
 */
import { diagnostic, inputError, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { firstInvalidXmlChar } from '../ooxml/xml.js';
import { limitDiagnostic, limitError, resolveLimits, type Limits } from '../limits.js';
import { parseJson } from '../json-text.js';

export type Scalar = string | number | boolean | null;
export type Answer = 'J' | 'N';

export interface CaseContext {
  process?: string;
  variant?: string;
  fields: Record<string, unknown>;
  questions: Record<string, Answer>;
  /** Extra flettetekster given with the case (name -> text). */
  texts?: Record<string, string>;
}

/** Keys no case (and no JSON sent to the API) may hold anywhere: they reach for an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a context from the bytes of a JSON file. */
export function parseContextBytes(bytes: Uint8Array, file?: string, limits: Partial<Limits> = {}): CaseContext {
  const { caseBytes } = resolveLimits(limits);
  if (bytes.length > caseBytes) throw limitError('caseBytes', caseBytes, { size: bytes.length }, file ? { file } : undefined);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw inputError('context.invalid-utf8', {}, file ? { file } : undefined);
  }
  return parseContextText(text, file, limits);
}

export function parseContextText(text: string, file?: string, limits: Partial<Limits> = {}): CaseContext {
  const parsed = parseJson(text.replace(/^\ufeff/, ''));
  if (!parsed.ok) {
    // Where and what, in the reader's language: the place goes in the location (file, line,
    // column; for a string never closed, where it begins), the character in the message.
    const e = parsed.error;
    const at = e.start ?? { line: e.line, column: e.column };
    const loc: Diagnostic['location'] = { ...(file ? { file } : {}), line: at.line, column: at.column };
    const code = e.kind === 'unexpected' ? 'context.not-json' : e.kind === 'end' ? 'context.json-end' : 'context.json-unclosed-string';
    throw new KpBrevError('input', [diagnostic(code, e.kind === 'unexpected' ? { char: e.char } : {}, loc)]);
  }
  return toContext(parsed.value, file, limits);
}

/** Validates an already parsed value (e.g. a request body) as a case context. */
export function toContext(value: unknown, file?: string, limits: Partial<Limits> = {}): CaseContext {
  const problems: Diagnostic[] = [];
  const loc = file ? { file } : undefined;
  checkTree(value, '$', 0, problems, loc, resolveLimits(limits).valueLength);
  if (problems.length) throw new KpBrevError('input', problems);
  if (!isPlainObject(value)) throw inputError('context.not-object', { path: '$' }, loc);

  const ctx: CaseContext = { fields: {}, questions: {} };
  const { process, variant, fields, questions, texts } = value as Record<string, unknown>;
  if (process !== undefined) {
    if (typeof process !== 'string') problems.push(diagnostic('context.not-text', { path: '$.process' }, loc));
    else ctx.process = process;
  }
  if (variant !== undefined && variant !== null) {
    if (typeof variant !== 'string') problems.push(diagnostic('context.not-text', { path: '$.variant' }, loc));
    else ctx.variant = variant;
  }
  if (fields !== undefined) {
    if (!isPlainObject(fields)) problems.push(diagnostic('context.not-object', { path: '$.fields' }, loc));
    else ctx.fields = fields as Record<string, unknown>;
  }
  if (questions !== undefined) {
    if (!isPlainObject(questions)) problems.push(diagnostic('context.not-object', { path: '$.questions' }, loc));
    else {
      for (const [key, answer] of Object.entries(questions as Record<string, unknown>)) {
        const a = answer === true ? 'J' : answer === false ? 'N' : answer;
        if (a === 'J' || a === 'N') ctx.questions[key] = a;
        else problems.push(diagnostic('context.question-answer', { key, value: String(answer) }, loc));
      }
    }
  }
  if (texts !== undefined) {
    if (!isPlainObject(texts) || Object.values(texts as object).some((t) => typeof t !== 'string')) {
      problems.push(diagnostic('context.not-texts', { path: '$.texts' }, loc));
    } else ctx.texts = texts as Record<string, string>;
  }
  if (problems.length) throw new KpBrevError('input', problems);
  return ctx;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkTree(v: unknown, path: string, depth: number, out: Diagnostic[], loc: { file: string } | undefined, maxLength: number): void {
  if (out.length > 20) return;
  if (depth > MAX_DEPTH) {
    out.push(diagnostic('context.too-deep', { limit: MAX_DEPTH, path }, loc));
    return;
  }
  if (typeof v === 'string') {
    if (v.length > maxLength) {
      out.push(limitDiagnostic('valueLength', maxLength, { path, length: v.length }, loc));
      return;
    }
    const bad = firstInvalidXmlChar(v);
    if (bad !== undefined) out.push(diagnostic('context.invalid-char', { path, code: `U+${bad.toString(16).toUpperCase().padStart(4, '0')}` }, loc));
    return;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    out.push(diagnostic('context.invalid-number', { path }, loc));
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => checkTree(item, `${path}[${i}]`, depth + 1, out, loc, maxLength));
    return;
  }
  for (const key of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(key)) {
      out.push(diagnostic('context.forbidden-key', { key, path: `${path}.${key}` }, loc));
      continue;
    }
    if (key.length > maxLength) {
      out.push(limitDiagnostic('valueLength', maxLength, { path: `${path}.${key.slice(0, 40)}…`, length: key.length }, loc));
      continue;
    }
    const bad = firstInvalidXmlChar(key);
    if (bad !== undefined) {
      out.push(diagnostic('context.invalid-char', { path, code: `U+${bad.toString(16).toUpperCase()}` }, loc));
      continue;
    }
    checkTree((v as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, out, loc, maxLength);
  }
}

export type Lookup = { found: true; value: Scalar } | { found: false } | { found: true; value: undefined; kind: 'object' | 'array' };

/**
 * Resolves a merge-field name: the exact key in `fields` first, then by following dots
 * through nested objects (`Borger.Adresse.Vej`). Only own properties are read.
 */
export function lookupField(fields: Record<string, unknown>, name: string): Lookup {
  return asLookup(lookupValue(fields, name));
}

/** The raw value a name leads to in `fields` (the same reading as lookupField), or undefined:
 * for lists (regions) and list items, which lookupField only reports as kinds. */
export function lookupValue(fields: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(fields, name)) return fields[name];
  if (!name.includes('.')) return undefined;
  let cur: unknown = fields;
  for (const seg of name.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, seg)) return undefined;
    // In a list only item numbers lead on (Bilag.0.Navn), never `length`.
    if (Array.isArray(cur) && !/^\d+$/.test(seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function asLookup(v: unknown): Lookup {
  if (v === undefined) return { found: false };
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { found: true, value: v };
  return { found: true, value: undefined, kind: Array.isArray(v) ? 'array' : 'object' };
}
