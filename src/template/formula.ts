/**
 * Word's formula field `{ = expression [\# picture] }`, so that a letter can compute with
 * merged values: `{ = { MERGEFIELD Maanedsbeloeb } * 12 \# ".0,00" }`. Numbers use the
 * machine's symbols (Danish: `1.234,5`, arguments separated by `;`).
 *
 * Operators + - * / ^ % = <> < <= > >=, parentheses, and the functions ABS, AND, AVERAGE,
 * COUNT, IF, INT, MAX, MIN, MOD, NOT, OR, PRODUCT, ROUND, SIGN, SUM, TRUE, FALSE. References to
 * bookmarks or table cells (A1, ABOVE, LEFT) are refused: they do not come from the case.
 */
import type { FieldLocale } from '../format/locale.js';
import { parseLocaleNumber } from '../format/number.js';

export class FormulaError extends Error {}

/** Nesting deeper than this (parentheses, function calls, signs, powers) is refused: no real
 * formula comes close, and the evaluator recurses once per level. */
export const MAX_FORMULA_DEPTH = 100;

export class FormulaDepthError extends FormulaError {
  constructor(readonly limit: number) {
    super(`> ${limit}`);
  }
}

type Tok = { t: 'num'; v: number } | { t: 'op'; v: string } | { t: 'id'; v: string } | { t: '('; v: string } | { t: ')'; v: string } | { t: 'sep'; v: string };

function lex(src: string, locale: FieldLocale): Tok[] {
  const sep = locale.decimal === ',' ? ';' : ',';
  // Digit grouping is allowed only where it cannot be taken for the argument separator.
  const group = locale.group === sep ? '' : locale.group === '.' ? '.' : ',';
  const dec = locale.decimal === ',' ? ',' : '\\.';
  // Sticky expressions read at the current place: lexing stays linear in the formula's length.
  const num = new RegExp(`\\d[\\d${group}]*(?:${dec}\\d+)?|${dec}\\d+`, 'y');
  const id = /[A-Za-zÆØÅæøå_][A-Za-z0-9ÆØÅæøå_]*/y;
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    num.lastIndex = i;
    const n = num.exec(src);
    if (n && /\d/.test(n[0])) {
      const v = parseLocaleNumber(n[0], locale);
      if (v === undefined) throw new FormulaError(`"${n[0]}"`);
      out.push({ t: 'num', v });
      i += n[0].length;
      continue;
    }
    id.lastIndex = i;
    const word = id.exec(src);
    if (word) {
      out.push({ t: 'id', v: word[0].toUpperCase() });
      i += word[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '<>') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^%=<>'.includes(ch)) out.push({ t: 'op', v: ch });
    else if (ch === '(') out.push({ t: '(', v: ch });
    else if (ch === ')') out.push({ t: ')', v: ch });
    else if (ch === sep) out.push({ t: 'sep', v: ch });
    else throw new FormulaError(`"${ch}"`);
    i++;
  }
  return out;
}

const FUNCTIONS: Record<string, (args: number[]) => number> = {
  ABS: (a) => Math.abs(one(a)),
  AND: (a) => (a.every((x) => x !== 0) ? 1 : 0),
  AVERAGE: (a) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0),
  COUNT: (a) => a.length,
  IF: (a) => (a.length === 3 ? (a[0] !== 0 ? a[1]! : a[2]!) : bad('IF')),
  INT: (a) => Math.trunc(one(a)),
  MAX: (a) => Math.max(...a),
  MIN: (a) => Math.min(...a),
  MOD: (a) => (a.length === 2 ? (a[1] === 0 ? bad('MOD 0') : a[0]! % a[1]!) : bad('MOD')),
  NOT: (a) => (one(a) === 0 ? 1 : 0),
  OR: (a) => (a.some((x) => x !== 0) ? 1 : 0),
  PRODUCT: (a) => a.reduce((x, y) => x * y, 1),
  ROUND: (a) => (a.length === 2 ? roundTo(a[0]!, a[1]!) : bad('ROUND')),
  SIGN: (a) => Math.sign(one(a)),
  SUM: (a) => a.reduce((x, y) => x + y, 0),
};

function one(a: number[]): number {
  if (a.length !== 1) throw new FormulaError('argument');
  return a[0]!;
}

function bad(what: string): never {
  throw new FormulaError(what);
}

function roundTo(x: number, places: number): number {
  const f = 10 ** Math.trunc(places);
  return Math.sign(x) * Math.round(Math.abs(x) * f) / f;
}

/** Evaluates a formula (the text after `=`, nested fields already replaced by their values). */
export function evaluateFormula(src: string, locale: FieldLocale): number {
  const toks = lex(src, locale);
  let p = 0;
  let depth = 0;
  /** Runs one level of the recursive descent, counting how deep it is. */
  const nested = <T>(f: () => T): T => {
    if (++depth > MAX_FORMULA_DEPTH) throw new FormulaDepthError(MAX_FORMULA_DEPTH);
    const v = f();
    depth--;
    return v;
  };
  const peek = (): Tok | undefined => toks[p];
  const take = (): Tok => {
    const t = toks[p++];
    if (!t) throw new FormulaError('…');
    return t;
  };
  const compare = (): number => {
    let left = additive();
    for (let t = peek(); t?.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(t.v); t = peek()) {
      p++;
      const right = additive();
      const r = t.v === '=' ? left === right : t.v === '<>' ? left !== right : t.v === '<' ? left < right : t.v === '<=' ? left <= right : t.v === '>' ? left > right : left >= right;
      left = r ? 1 : 0;
    }
    return left;
  };
  const additive = (): number => {
    let left = term();
    for (let t = peek(); t?.t === 'op' && (t.v === '+' || t.v === '-'); t = peek()) {
      p++;
      const right = term();
      left = t.v === '+' ? left + right : left - right;
    }
    return left;
  };
  const term = (): number => {
    let left = power();
    for (let t = peek(); t?.t === 'op' && (t.v === '*' || t.v === '/'); t = peek()) {
      p++;
      const right = power();
      if (t.v === '/' && right === 0) throw new FormulaError('/ 0');
      left = t.v === '*' ? left * right : left / right;
    }
    return left;
  };
  const power = (): number => {
    const base = unary();
    const t = peek();
    if (t?.t === 'op' && t.v === '^') {
      p++;
      return base ** nested(power);
    }
    return base;
  };
  const unary = (): number => {
    const t = peek();
    if (t?.t === 'op' && (t.v === '-' || t.v === '+')) {
      p++;
      const v = nested(unary);
      return t.v === '-' ? -v : v;
    }
    let v = primary();
    while (peek()?.t === 'op' && peek()!.v === '%') {
      p++;
      v /= 100;
    }
    return v;
  };
  const primary = (): number => {
    const t = take();
    if (t.t === 'num') return t.v;
    if (t.t === '(') {
      const v = nested(compare);
      if (take().t !== ')') throw new FormulaError(')');
      return v;
    }
    if (t.t === 'id') {
      if (t.v === 'TRUE') return 1;
      if (t.v === 'FALSE') return 0;
      const fn = FUNCTIONS[t.v];
      if (!fn || peek()?.t !== '(') throw new FormulaError(t.v);
      p++;
      const args: number[] = [];
      if (peek()?.t !== ')') {
        args.push(nested(compare));
        while (peek()?.t === 'sep') {
          p++;
          args.push(nested(compare));
        }
      }
      if (take().t !== ')') throw new FormulaError(')');
      return fn(args);
    }
    throw new FormulaError(`"${t.v}"`);
  };
  const value = compare();
  if (p < toks.length) throw new FormulaError(`"${toks[p]!.v}"`);
  if (!Number.isFinite(value)) throw new FormulaError('∞');
  return value;
}
