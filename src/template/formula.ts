/**
 * Word's formula field `{ = expression [\# picture] }`: letters compute with merged values
 * (`{ = { MERGEFIELD Maanedsbeloeb } * 12 \# ".0,00" }`), bookmarks (`= Beloeb * 12`) and table
 * cells (`= SUM(ABOVE)`, `= B2 * C2`, `= SUM(B2:B6)`). Numbers use the machine's symbols
 * (Danish: `1.234,5`, arguments separated by `;`).
 *
 * Operators + - * / ^ % = <> < <= > >=, parentheses, and the functions ABS, AND, AVERAGE, COUNT,
 * DEFINED, IF, INT, MAX, MIN, MOD, NOT, OR, PRODUCT, ROUND, SIGN, SUM, TRUE, FALSE. The list
 * functions (AVERAGE, COUNT, MAX, MIN, PRODUCT, SUM) also take cell ranges and ABOVE, BELOW,
 * LEFT, RIGHT; what those hold comes from the caller (table-cells.ts), as do bookmarks' values.
 * Where Word gives an error result, a FormulaError says which (word-errors.ts has the texts).
 */
import type { FieldLocale } from '../format/locale.js';
import { parseLocaleNumber } from '../format/number.js';

/** Word's formula errors: `!Zero Divide`, `!Syntax Error, x`, `!Unexpected End of Formula`,
 * `!Undefined Bookmark, x`, `!Missing Operator`. */
export type FormulaErrorKind = 'zero-divide' | 'syntax' | 'unexpected-end' | 'undefined-bookmark' | 'missing-operator';

export class FormulaError extends Error {
  constructor(
    readonly kind: FormulaErrorKind,
    readonly detail = '',
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
  }
}

/** Nesting deeper than this (parentheses, function calls, signs, powers) is refused: no real
 * formula comes close, and the evaluator recurses once per level. */
export const MAX_FORMULA_DEPTH = 100;

/** Not one of Word's errors: kp-brev refuses a formula nested this deep. */
export class FormulaDepthError extends Error {
  constructor(readonly limit: number) {
    super(`> ${limit}`);
  }
}

export type Direction = 'ABOVE' | 'BELOW' | 'LEFT' | 'RIGHT';

/** A cell (1-based row and column; 0 for "the whole column" or "the whole row"). */
export interface CellRef {
  row: number;
  col: number;
}

/** Cells a list function reads: a rectangle between two cells, or a direction from the formula. */
export type CellRange = { from: CellRef; to: CellRef } | { direction: Direction };

/** What a formula reads from the document. Undefined answers mean "not there": outside a table,
 * a cell is a bookmark name; a bookmark that does not exist is Word's error. */
export interface FormulaRefs {
  /** The number a cell holds (a blank or text cell counts 0); undefined outside a table. */
  cell?(ref: CellRef): number | undefined;
  /** The numbers in a range of cells (blank and text cells are left out); undefined outside a table. */
  range?(range: CellRange): number[] | undefined;
  /** The number a bookmark holds (0 when its text is not a number); undefined when there is none. */
  bookmark?(name: string): number | undefined;
}

type Tok = { t: 'num'; v: number; text: string } | { t: 'op'; v: string } | { t: 'id'; v: string; text: string } | { t: '(' | ')' | 'sep' | ':'; v: string };

function lex(src: string, locale: FieldLocale): Tok[] {
  const sep = locale.decimal === ',' ? ';' : ',';
  // Digit grouping is allowed only where it cannot be taken for the argument separator.
  const group = locale.group === sep ? '' : locale.group === '.' ? '.' : ',';
  const dec = locale.decimal === ',' ? ',' : '\\.';
  // Sticky expressions read at the current place: lexing stays linear in the formula's length.
  // A number may end with the decimal symbol (`5,` is 5), as Word reads it.
  const num = new RegExp(`\\d[\\d${group}]*(?:${dec}\\d*)?|${dec}\\d+`, 'y');
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
      const v = parseLocaleNumber(n[0].endsWith(locale.decimal) ? n[0].slice(0, -1) : n[0], locale);
      if (v === undefined) throw new FormulaError('syntax', n[0]);
      out.push({ t: 'num', v, text: n[0] });
      i += n[0].length;
      continue;
    }
    id.lastIndex = i;
    const word = id.exec(src);
    if (word) {
      out.push({ t: 'id', v: word[0].toUpperCase(), text: word[0] });
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
    else if (ch === '(' || ch === ')' || ch === ':') out.push({ t: ch, v: ch });
    else if (ch === sep) out.push({ t: 'sep', v: ch });
    else throw new FormulaError('syntax', ch);
    i++;
  }
  return out;
}

const truth = (x: number): number => (x !== 0 ? 1 : 0);
const average = (a: number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);

/** Functions of a fixed number of arguments. */
const FIXED: Record<string, { arity: number; fn: (a: number[]) => number }> = {
  ABS: { arity: 1, fn: (a) => Math.abs(a[0]!) },
  AND: { arity: 2, fn: (a) => truth(a[0]!) & truth(a[1]!) },
  INT: { arity: 1, fn: (a) => Math.trunc(a[0]!) },
  IF: { arity: 3, fn: (a) => (a[0] !== 0 ? a[1]! : a[2]!) },
  MOD: {
    arity: 2,
    fn: (a) => {
      if (a[1] === 0) throw new FormulaError('zero-divide');
      return a[0]! % a[1]!;
    },
  },
  NOT: { arity: 1, fn: (a) => 1 - truth(a[0]!) },
  OR: { arity: 2, fn: (a) => truth(a[0]!) | truth(a[1]!) },
  ROUND: { arity: 2, fn: (a) => roundTo(a[0]!, a[1]!) },
  SIGN: { arity: 1, fn: (a) => Math.sign(a[0]!) },
};

/** Functions of a list: numbers, cell ranges and directions. */
const LIST: Record<string, (a: number[]) => number> = {
  AVERAGE: average,
  COUNT: (a) => a.length,
  MAX: (a) => (a.length ? Math.max(...a) : 0),
  MIN: (a) => (a.length ? Math.min(...a) : 0),
  PRODUCT: (a) => a.reduce((x, y) => x * y, 1),
  SUM: (a) => a.reduce((x, y) => x + y, 0),
};

const DIRECTIONS = new Set(['ABOVE', 'BELOW', 'LEFT', 'RIGHT']);

function roundTo(x: number, places: number): number {
  const f = 10 ** Math.trunc(places);
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}

/** A cell reference: `B3` (column letters, row number) or `R3C2`. */
function cellRef(id: string): CellRef | undefined {
  const rc = /^R(\d+)C(\d+)$/.exec(id);
  if (rc) return { row: Number(rc[1]), col: Number(rc[2]) };
  const a1 = /^([A-Z]{1,3})(\d+)$/.exec(id);
  if (!a1) return undefined;
  let col = 0;
  for (const ch of a1[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(a1[2]), col };
}

/** Evaluates a formula (the text after `=`, nested fields already replaced by their values). */
export function evaluateFormula(src: string, locale: FieldLocale, refs: FormulaRefs = {}): number {
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
  const peek = (k = 0): Tok | undefined => toks[p + k];
  const take = (): Tok => {
    const t = toks[p++];
    if (!t) throw new FormulaError('unexpected-end');
    return t;
  };
  const expect = (type: Tok['t']): void => {
    const t = take();
    if (t.t !== type) throw new FormulaError('syntax', t.v.toString());
  };
  const compare = (): number => {
    let left = additive();
    for (let t = peek(); t?.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(t.v); t = peek()) {
      p++;
      const right = additive();
      const r =
        t.v === '='
          ? left === right
          : t.v === '<>'
            ? left !== right
            : t.v === '<'
              ? left < right
              : t.v === '<='
                ? left <= right
                : t.v === '>'
                  ? left > right
                  : left >= right;
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
      if (t.v === '/' && right === 0) throw new FormulaError('zero-divide');
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
  /** The numbers of one list argument: a range, a direction, a single cell, or an expression. */
  const listItem = (): number[] => {
    const t = peek();
    const next = peek(1);
    const ends = (k: number): boolean => {
      const after = peek(k);
      return !after || after.t === 'sep' || after.t === ')';
    };
    if (t?.t === 'id' && DIRECTIONS.has(t.v) && ends(1)) {
      p++;
      return rangeValues({ direction: t.v as Direction }, t.v);
    }
    // B2:C4, B:B (a column), 2:2 (a row) and R1C1:R2C2.
    if ((t?.t === 'id' || t?.t === 'num') && next?.t === ':') {
      const first = take();
      const from = rangeEnd(first);
      p++;
      const to = rangeEnd(take());
      return rangeValues({ from, to }, String(first.v));
    }
    if (t?.t === 'id' && ends(1)) {
      const ref = cellRef(t.v);
      if (ref && refs.range) {
        const values = refs.range({ from: ref, to: ref });
        if (values) {
          p++;
          return values;
        }
      }
    }
    return [nested(compare)];
  };
  const rangeEnd = (t: Tok): CellRef => {
    if (t.t === 'num' && Number.isInteger(t.v) && /^\d+$/.test(t.text)) return { row: t.v, col: 0 };
    if (t.t === 'id') {
      if (/^[A-Z]{1,3}$/.test(t.v)) return cellRef(`${t.v}0`)!;
      const ref = cellRef(t.v);
      if (ref) return ref;
    }
    throw new FormulaError('syntax', String(t.v));
  };
  const rangeValues = (range: CellRange, text: string): number[] => {
    const values = refs.range?.(range);
    if (!values) throw new FormulaError('undefined-bookmark', text);
    return values;
  };
  const args = (list: boolean): number[] => {
    const out: number[] = [];
    expect('(');
    if (peek()?.t !== ')') {
      for (;;) {
        out.push(...(list ? listItem() : [nested(compare)]));
        if (peek()?.t !== 'sep') break;
        p++;
      }
    }
    // Anything but the list separator or `)` after an argument: Word ends the formula there
    // (`AND(0, 0)` on a machine whose separator is `;` gives "!Unexpected End of Formula").
    const close = peek();
    if (!close || close.t !== ')') throw new FormulaError('unexpected-end');
    p++;
    return out;
  };
  const primary = (): number => {
    const t = take();
    if (t.t === 'num') return t.v;
    if (t.t === '(') {
      const v = nested(compare);
      expect(')');
      return v;
    }
    if (t.t !== 'id') throw new FormulaError('syntax', String(t.v));
    if (t.v === 'TRUE') return peek()?.t === '(' ? (args(false), 1) : 1;
    if (t.v === 'FALSE') return peek()?.t === '(' ? (args(false), 0) : 0;
    if (LIST[t.v] && peek()?.t === '(') return LIST[t.v]!(nested(() => args(true)));
    const fixed = FIXED[t.v];
    if (fixed && peek()?.t === '(') {
      const a = nested(() => args(false));
      if (a.length < fixed.arity) throw new FormulaError('unexpected-end');
      if (a.length > fixed.arity) throw new FormulaError('syntax', locale.decimal === ',' ? ';' : ',');
      return fixed.fn(a);
    }
    if (t.v === 'DEFINED' && peek()?.t === '(') {
      // 1 when the argument can be computed (a bookmark that exists...), else 0.
      const start = p;
      try {
        nested(() => args(false));
        return 1;
      } catch (err) {
        if (!(err instanceof FormulaError)) throw err;
        p = skipArguments(toks, start);
        return 0;
      }
    }
    const ref = cellRef(t.v);
    const inTable = ref ? refs.cell?.(ref) : undefined;
    if (inTable !== undefined) return inTable;
    const bookmark = refs.bookmark?.(t.text);
    if (bookmark !== undefined) return bookmark;
    throw new FormulaError('undefined-bookmark', t.text);
  };
  if (toks.length === 0) throw new FormulaError('unexpected-end');
  const value = compare();
  if (p < toks.length) throw new FormulaError(toks[p]!.t === 'num' || toks[p]!.t === 'id' ? 'missing-operator' : 'syntax', String(toks[p]!.v));
  if (!Number.isFinite(value)) throw new FormulaError('zero-divide');
  return value;
}

/** The index after the parenthesised arguments that start at `start` (at the `(`). */
function skipArguments(toks: readonly Tok[], start: number): number {
  let depth = 0;
  for (let i = start; i < toks.length; i++) {
    if (toks[i]!.t === '(') depth++;
    else if (toks[i]!.t === ')' && --depth === 0) return i + 1;
  }
  return toks.length;
}
