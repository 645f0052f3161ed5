/**
 * Stale results: Word does not recalculate fields when it opens or saves a document, so a
 * cached result may contradict its own inputs. This checks a computable field's cached result
 * against its inputs as they stand in the document, with deliberately small, independent
 * readings (not kp-brev's evaluator, which the corpus is there to test). Where the reading is
 * not sure, the answer is 'unknown'.
 */
import { argumentText, type Argument } from '../../src/fieldcode/index.js';
import type { FieldNode } from '../../src/ooxml/fields.js';
import { argsOf, argWithCached, BUILT_IN, formulaText, PROPERTY_FIELDS, switchesOfField, switchSummary, type DocFacts } from './conformance-classify.js';
import type { TablePlace } from './conformance-doc.js';
import { caseSwitches } from './conformance-format.js';

export type Stale = boolean | 'unknown';

export interface StaleCheck {
  stale: Stale;
  note: string;
}

export function normalize(s: string): string {
  return s
    .replace(/[\r\n\v\f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function verdict(f: FieldNode, expected: string | undefined, cached: string, what: string): StaleCheck {
  if (expected === undefined) return { stale: 'unknown', note: `${what}: switches not checked` };
  const cased = caseSwitches(f, expected);
  if (cased === undefined) return { stale: 'unknown', note: `${what}: picture/format switches not checked` };
  if (normalize(cased) === normalize(cached)) return { stale: false, note: `${what} matches` };
  return { stale: true, note: `${what} is ${JSON.stringify(normalize(cased).slice(0, 80))}` };
}

/** A tiny arithmetic reader: numbers with `.` decimals, + - * / ^ %, parentheses. */
export function arithmetic(expr: string): number | undefined {
  if (!/^[\d.\s+\-*/^()%<>=]+$/.test(expr) || !/\d/.test(expr)) return undefined;
  const toks = expr.match(/\d+(?:\.\d+)?|\.\d+|<=|>=|<>|[-+*/^()%<>=]/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const primary = (): number => {
    const t = toks[i++];
    if (t === undefined) throw new Error('end');
    if (t === '(') {
      const v = sum();
      if (toks[i++] !== ')') throw new Error(')');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    const v = Number(t);
    if (Number.isNaN(v)) throw new Error(t);
    if (peek() === '%') {
      i++;
      return v / 100;
    }
    return v;
  };
  const power = (): number => {
    let v = primary();
    while (peek() === '^') {
      i++;
      v = v ** primary();
    }
    return v;
  };
  const product = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/') v = toks[i++] === '*' ? v * power() : v / power();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = toks[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const COMPARE: Record<string, (a: number, b: number) => boolean> = {
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b,
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
    '=': (a, b) => a === b,
    '<>': (a, b) => a !== b,
  };
  const comparison = (): number => {
    let v = sum();
    while (peek() !== undefined && COMPARE[peek()!]) v = COMPARE[toks[i++]!]!(v, sum()) ? 1 : 0;
    return v;
  };
  try {
    const v = comparison();
    // Division by zero gives ±Infinity: the caller expects Word's "!Zero Divide".
    return i === toks.length && !Number.isNaN(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A number as Word shows it in an English-style result: grouping commas, currency, spaces. */
export function cachedNumber(text: string): number | undefined {
  const t = text.trim().replace(/[$€£¤\s,]/g, '');
  const neg = /^\(.*\)$/.test(t);
  const m = /^-?\d*\.?\d+$/.exec(neg ? t.slice(1, -1) : t);
  return m ? (neg ? -1 : 1) * Number(m[0]) : undefined;
}

function numberFrom(text: string): number | undefined {
  const t = text.replace(/[\r\v\s]/g, '').replace(/,/g, '');
  return /^-?\d*\.?\d+$/.test(t) ? Number(t) : undefined;
}

/** Table functions over a direction, as this check reads them (merged tables: not checked). */
function tableValues(place: TablePlace, dir: string): number[] | undefined {
  const { cells, cell } = place;
  const line = cells
    .filter((c) => (dir === 'ABOVE' || dir === 'BELOW' ? c.col === cell.col : c.row === cell.row))
    .filter((c) => (dir === 'ABOVE' ? c.row < cell.row : dir === 'BELOW' ? c.row > cell.row : dir === 'LEFT' ? c.col < cell.col : c.col > cell.col))
    .sort((a, b) => (dir === 'ABOVE' ? b.row - a.row : dir === 'BELOW' ? a.row - b.row : dir === 'LEFT' ? b.col - a.col : a.col - b.col));
  const out: number[] = [];
  for (const c of line) {
    const n = numberFrom(c.text);
    if (n === undefined) break;
    out.push(n);
  }
  return out;
}

const AGG: Record<string, (v: number[]) => number> = {
  SUM: (v) => v.reduce((a, b) => a + b, 0),
  PRODUCT: (v) => v.reduce((a, b) => a * b, 1),
  AVERAGE: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  MIN: (v) => Math.min(...v),
  MAX: (v) => Math.max(...v),
  COUNT: (v) => v.length,
};

/** The formula with table directions, cell references and bookmarks replaced by numbers. */
function substitute(expr: string, facts: DocFacts, place: TablePlace | undefined): string | undefined {
  let bad = false;
  let out = expr.replace(/\b(SUM|PRODUCT|AVERAGE|MIN|MAX|COUNT)\s*\(\s*(ABOVE|BELOW|LEFT|RIGHT)\s*\)/gi, (_, fn: string, dir: string) => {
    const vals = place && !place.merged ? tableValues(place, dir.toUpperCase()) : undefined;
    if (!vals || !vals.length) bad = true;
    return vals && vals.length ? `(${AGG[fn.toUpperCase()]!(vals)})` : '0';
  });
  out = out.replace(/\b([A-Z]{1,2})(\d+)\b/gi, (whole, letters: string, digits: string) => {
    if (!place || place.merged || letters.length > 1) {
      bad = true;
      return '0';
    }
    const col = letters.toUpperCase().charCodeAt(0) - 65;
    const c = place.cells.find((x) => x.row === Number(digits) - 1 && x.col === col);
    // An empty cell counts as 0 in a cell reference.
    const n = c ? (c.text.trim() === '' ? 0 : numberFrom(c.text)) : undefined;
    if (n === undefined) bad = true;
    return n === undefined ? whole : `(${n})`;
  });
  out = out.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (id) => {
    const b = facts.bookmarks.get(id.toLowerCase());
    const n = b ? numberFrom(b.text) : undefined;
    if (n === undefined) bad = true;
    return n === undefined ? id : `(${n})`;
  });
  return bad ? undefined : out;
}

function formulaCheck(f: FieldNode, cached: string, facts: DocFacts, place: TablePlace | undefined): StaleCheck {
  const expr = formulaText(f, facts);
  if (/,/.test(expr.replace(/\(\s*(ABOVE|BELOW|LEFT|RIGHT)\s*\)/gi, '')))
    return { stale: 'unknown', note: 'formula with commas (list separator or grouping): not checked' };
  const sub = substitute(expr, facts, place);
  const value = sub === undefined ? undefined : arithmetic(sub);
  const table = /ABOVE|BELOW|LEFT|RIGHT|\b[A-Z]\d+\b/i.test(expr);
  if (value === undefined)
    return { stale: 'unknown', note: table ? 'table formula: cells not read as plain numbers' : 'formula not plain arithmetic: not checked' };
  if (!Number.isFinite(value)) {
    if (/Zero Divide/.test(cached)) return { stale: false, note: 'division by zero: Word\'s "!Zero Divide"' };
    return { stale: 'unknown', note: 'division by zero: Word shows its (localized) error text' };
  }
  const got = cachedNumber(cached);
  if (got === undefined) return { stale: 'unknown', note: `computed ${value}; cached result is not a plain number` };
  const picture = switchesOfField(f).find((s) => s.name === '#' && s.argument);
  const decimals = picture ? (/[.]([0#]+)/.exec(argumentText(picture.argument!))?.[1]?.length ?? 0) : 2;
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  if (Math.abs(value - got) <= tolerance) return { stale: false, note: `computed ${value} matches` };
  // Table formulas: the check's reading of ABOVE/LEFT may be what is wrong, so do not decide.
  if (table) return { stale: 'unknown', note: `table formula: computed ${value}, cached ${got} (undecided)` };
  return { stale: true, note: `computed ${value}, cached ${got}` };
}

function ifCheck(f: FieldNode, cached: string, facts: DocFacts): StaleCheck {
  const ins = f.parsed.instruction;
  if (ins.type !== 'IF' || !ins.operator) return { stale: 'unknown', note: 'IF not read' };
  const left = argWithCached(f, ins.left, facts);
  const right = argWithCached(f, ins.right, facts);
  const holds = compareLike(left, ins.operator, right);
  if (holds === undefined) return { stale: 'unknown', note: 'IF comparison not decided by this check' };
  const branch = holds ? ins.trueText : ins.falseText;
  return verdict(f, branch ? argWithCached(f, branch, facts) : '', cached, `IF takes the ${holds ? 'true' : 'false'} text, which`);
}

/** Word's IF/COMPARE comparison for the plain cases: numbers, or exact text with = and <>. */
function compareLike(left: string, op: string, right: string): boolean | undefined {
  const a = numberFrom(left.trim());
  const b = numberFrom(right.trim());
  if (a !== undefined && b !== undefined) {
    return { '=': a === b, '<>': a !== b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[op];
  }
  if (op !== '=' && op !== '<>') return undefined;
  if (/[?*]/.test(right)) {
    // Word's wildcards in the right-hand text: * any run of characters, ? one character.
    const re = new RegExp(
      `^${right
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      's',
    );
    return op === '=' ? re.test(left) : !re.test(left);
  }
  return op === '=' ? left === right : left !== right;
}

/** Word's error texts: `!Syntax Error`, `Error! Bookmark not defined.`, `Fejl! ...`. */
const ERROR_TEXT = /^!|^\S+! /;

/** Whether a field sits in the TrueText or FalseText of an enclosing IF (at any depth). */
export function inIfBranch(f: FieldNode): boolean {
  for (let child = f, p = f.parent; p; child = p, p = p.parent) {
    const ins = p.parsed.instruction;
    if (ins.type !== 'IF' || !child.inInstruction) continue;
    const index = p.children.indexOf(child);
    const holds = (a: Argument | undefined): boolean => !!a?.parts.some((x) => x.type === 'field' && x.index === index);
    if (holds(ins.trueText) || holds(ins.falseText)) return true;
  }
  return false;
}

/**
 * The stale check, with one caution: a field in an IF's branch may keep an old result (Word's
 * calendar template holds `{ =A2+1 }` cached as 2 in a branch not taken while A2 is empty), so a
 * contradiction there is left undecided.
 */
export function staleCheck(f: FieldNode, kind: string, facts: DocFacts, place: TablePlace | undefined): StaleCheck {
  const check = ownStaleCheck(f, kind, facts, place);
  if (check.stale === true && inIfBranch(f)) return { stale: 'unknown', note: `in an IF branch, may be left from an earlier update: ${check.note}` };
  return check;
}

/**
 * Word's result of an IF is one of its branches (or an error text). A result that is only white
 * space (a space run), of an IF whose two branches are plain quoted text that is not blank, can be
 * neither under any reading of the instruction (a blank branch needs a quoted blank, and a
 * branch is copied with its own runs): it was not computed from this instruction.
 */
function blankNotABranch(f: FieldNode, cached: string): StaleCheck | undefined {
  const ins = f.parsed.instruction;
  if (ins.type !== 'IF' || cached === '' || normalize(cached) !== '' || switchSummary(f).length) return undefined;
  const plain = (a: Argument | undefined): boolean => !!a && a.quote !== null && a.parts.every((p) => p.type === 'text') && normalize(argumentText(a)) !== '';
  if (!plain(ins.trueText) || !plain(ins.falseText)) return undefined;
  return { stale: true, note: "the result is blank, but both branches are text that is not: it is none of the IF's branches" };
}

function ownStaleCheck(f: FieldNode, kind: string, facts: DocFacts, place: TablePlace | undefined): StaleCheck {
  const cached = facts.cached.get(f) ?? '';
  const notBranch = blankNotABranch(f, cached);
  if (notBranch) return notBranch;
  if (f.children.some((c) => ERROR_TEXT.test(normalize(facts.cached.get(c) ?? '')))) {
    return { stale: 'unknown', note: 'a nested field shows an error text: how Word uses it is not checked' };
  }
  const ins = f.parsed.instruction;
  const type = ins.type === 'field' ? ins.fieldType : ins.type;
  const args = argsOf(f);
  if (type === '=') return formulaCheck(f, cached, facts, place);
  if (type === 'IF') return ifCheck(f, cached, facts);
  if (kind === 'REF (paragraph number)') return { stale: 'unknown', note: 'list numbering not computed by this check' };
  if (kind.endsWith('(missing)') || kind.endsWith('(missing bookmark)')) {
    // Word's result is then always its error text ("Error! ...", "Fejl! ...", localized): any other
    // cached result was left from before the bookmark or variable went away.
    return /!/.test(normalize(cached))
      ? { stale: false, note: 'error text, as Word shows for a missing bookmark/variable' }
      : { stale: true, note: 'bookmark/variable missing, but the cached result is not an error text: not updated since' };
  }
  if (kind.startsWith('REF')) {
    const name = kind === 'REF' ? argWithCached(f, args[0], facts).trim() : type;
    return verdict(f, facts.bookmarks.get(name.toLowerCase())?.text, cached, 'bookmark text');
  }
  if (type === 'DOCPROPERTY') {
    const name = argWithCached(f, args[0], facts).trim().toLowerCase();
    const vt = facts.typed.get(name);
    if (vt) return typedCheck(facts.props.get(name) ?? '', vt, cached);
    return verdict(f, facts.props.get(BUILT_IN[name] ?? name), cached, 'docProps value');
  }
  if (PROPERTY_FIELDS[type]) {
    const value = args.length ? argWithCached(f, args[0], facts) : facts.props.get(PROPERTY_FIELDS[type]!);
    return verdict(f, value, cached, 'docProps value');
  }
  if (type === 'DOCVARIABLE') return verdict(f, facts.vars.get(argWithCached(f, args[0], facts).trim().toLowerCase()), cached, 'document variable');
  if (type === 'QUOTE') return verdict(f, args.map((a) => argWithCached(f, a, facts)).join(' '), cached, 'quoted text');
  if (type === 'SET') return { stale: 'unknown', note: "SET: its cached result holds the bookmark's text; whether Word shows it is not checked" };
  if (type === 'MACROBUTTON') {
    return verdict(
      f,
      args
        .slice(1)
        .map((a: Argument) => argWithCached(f, a, facts))
        .join(' '),
      cached,
      'display text',
    );
  }
  if (type === 'COMPARE' && ins.type === 'field') {
    const op = ins.items.find((i) => i.type === 'operator');
    if (!op || op.type !== 'operator' || args.length !== 2) return { stale: 'unknown', note: 'COMPARE not read' };
    const holds = compareLike(argWithCached(f, args[0], facts), op.value, argWithCached(f, args[1], facts));
    return holds === undefined ? { stale: 'unknown', note: 'COMPARE not decided by this check' } : verdict(f, holds ? '1' : '0', cached, 'comparison');
  }
  return { stale: 'unknown', note: 'no independent check for this kind' };
}

/** A custom property that is not text: booleans as Word shows them in English (Y/N), numbers
 * by value; a date is stale when the result shows neither its day nor its year (pictures are not
 * checked). */
function typedCheck(value: string, vt: string, cached: string): StaleCheck {
  const c = normalize(cached);
  if (vt === 'bool') {
    const shown = value === 'true' || value === '1' ? 'Y' : 'N';
    if (c !== 'Y' && c !== 'N') return { stale: 'unknown', note: `boolean property shown as ${JSON.stringify(c)}` };
    return c === shown ? { stale: false, note: 'boolean property matches (Y/N)' } : { stale: true, note: `boolean property is ${value}` };
  }
  if (/^(i[1248]|ui[1248]|int|uint|r[48]|decimal)$/.test(vt)) {
    const n = cachedNumber(c);
    if (n === undefined) return { stale: 'unknown', note: `number property shown as ${JSON.stringify(c)}` };
    return n === Number(value) ? { stale: false, note: 'number property matches' } : { stale: true, note: `number property is ${value}` };
  }
  if (vt === 'filetime' || vt === 'date') {
    // The picture is not checked here, but a result that shows neither the property's day of the
    // month nor its year is of another date: the property changed after the last update.
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
    if (!m) return { stale: 'unknown', note: `${vt} property not read` };
    const numbers = (c.match(/\d+/g) ?? []).map(Number);
    const year = Number(m[1]);
    const shows = numbers.includes(Number(m[3])) && (numbers.includes(year) || numbers.includes(year % 100));
    return shows
      ? { stale: 'unknown', note: `${vt} property: its day and year are in the result; the picture is not checked` }
      : { stale: true, note: `the property's date is ${m[0]}; the result shows another date` };
  }
  return { stale: 'unknown', note: `${vt} property: shown in the machine's format, not checked` };
}

/**
 * SEQ numbers in body order, as Word counts them: `\c` repeats, `\r n` resets, `\s n` restarts
 * after each heading of level n or above, otherwise the next number. `\h` hides the result.
 */
export function seqExpected(nodes: readonly FieldNode[], headings: Array<{ token: number; level: number }> = []): Map<FieldNode, number | undefined> {
  const counters = new Map<string, number>();
  const lastAt = new Map<string, number>();
  const poisoned = new Set<string>();
  const out = new Map<FieldNode, number | undefined>();
  for (const f of nodes) {
    const ins = f.parsed.instruction;
    if (ins.type !== 'field' || ins.fieldType !== 'SEQ' || f.story.part !== 'word/document.xml' || f.story.label) continue;
    const id = ins.items.find((i) => i.type === 'argument') as Argument | undefined;
    const key = id ? argumentText(id).toLowerCase() : '';
    const sw = ins.items.filter((i) => i.type === 'switch');
    const since = lastAt.get(key) ?? -1;
    lastAt.set(key, f.begin);
    const restart = sw.find((s) => s.name === 's');
    const level = restart?.argument ? Number(argumentText(restart.argument)) : undefined;
    if (restart && !(level! >= 1 && level! <= 9)) poisoned.add(key);
    else if (level !== undefined && headings.some((h) => h.token > since && h.token < f.begin && h.level <= level)) counters.set(key, 0);
    const cur = counters.get(key) ?? 0;
    const reset = sw.find((s) => s.name === 'r');
    let next: number | undefined;
    if (reset?.argument) next = Number(argumentText(reset.argument));
    else if (sw.some((s) => s.name === 'c')) next = cur;
    else next = cur + 1;
    if (poisoned.has(key) && !reset) next = undefined;
    if (next !== undefined && Number.isFinite(next)) {
      counters.set(key, next);
      poisoned.delete(key);
    } else poisoned.add(key);
    // \h hides the result unless a \* format switch is present (Word's documented rule).
    out.set(
      f,
      sw.some((s) => s.name === 'h') && !sw.some((s) => s.name === '*' && !/^(MERGEFORMAT|CHARFORMAT)$/i.test(s.argument ? argumentText(s.argument) : ''))
        ? undefined
        : next,
    );
  }
  return out;
}

export function seqCheck(f: FieldNode, expected: number | undefined, cached: string): StaleCheck {
  if (expected === undefined) return { stale: 'unknown', note: 'SEQ with \\h, or an unreadable \\s or \\r: not counted' };
  const check = verdict(f, String(expected), cached, 'SEQ number in body order');
  return check.stale === true && inIfBranch(f) ? { stale: 'unknown', note: `in an IF branch: ${check.note}` } : check;
}
