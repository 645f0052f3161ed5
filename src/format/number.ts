/**
 * Numbers as Word reads them in fields (parsing in the field's locale) and the default Danish
 * display of case data. Numeric pictures (`\#`) are in ./number-picture.ts.
 */
import type { FieldLocale } from './locale.js';

/** Switches for the tests that compare the fast paths with the general ones (not for production). */
export const numberTuning = { fastPaths: true };

/** Parses a number written in the locale (`1.234,5` in Danish); undefined when it is not one. */
export function parseLocaleNumber(text: string, locale: FieldLocale): number | undefined {
  if (numberTuning.fastPaths) {
    const fast = parsePlain(text, 0, text.length, locale);
    if (fast !== NOT_PLAIN) return fast;
  }
  const t = text.trim();
  if (t === '') return undefined;
  const m = numberPattern(locale).exec(t);
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  const digits = m[2] ?? '0';
  const int = digits.includes(locale.group) ? digits.split(locale.group).join('') : digits;
  const value = Number(`${int}.${m[3] ?? '0'}`);
  if (!Number.isFinite(value)) return undefined;
  return m[1] === '-' ? -value : value;
}

/** parsePlain's answer when the text is not one it reads: the general path decides. */
export const NOT_PLAIN = null;

/** Symbols the fast path can scan for: one character each, distinct, neither digit, sign nor space. */
const plainSymbols = new WeakMap<FieldLocale, boolean>();

function hasPlainSymbols(locale: FieldLocale): boolean {
  let ok = plainSymbols.get(locale);
  if (ok === undefined) {
    const { group: g, decimal: d } = locale;
    ok = g.length === 1 && d.length === 1 && g !== d && !/[\d+\-\s]/.test(g + d);
    plainSymbols.set(locale, ok);
  }
  return ok;
}

/** 10^k for k <= 22: exact doubles. */
/** 10^0 … 10^22, exact as doubles. */
export const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * parseLocaleNumber's pattern read by a scan, for text[from..to) made only of a sign, digits and
 * the locale's two symbols (anything else, and more than 15 digits: NOT_PLAIN). The value is
 * the digits as one integer w (exact below 2^53) divided by 10^k (exact for k <= 22): IEEE
 * division rounds once, so it is the correctly rounded decimal, as Number() gives it.
 */
export function parsePlain(text: string, from: number, to: number, locale: FieldLocale): number | undefined | typeof NOT_PLAIN {
  if (from >= to || !hasPlainSymbols(locale)) return NOT_PLAIN;
  const g = locale.group.charCodeAt(0);
  const d = locale.decimal.charCodeAt(0);
  let i = from;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (c === 45 || c === 43) i++;
  let w = 0;
  let digits = 0;
  let ok = true;
  // The integer part is all digits and group symbols up to the decimal symbol (nothing else may
  // follow it): plain digits, or 1-3 digits then groups of the symbol and exactly 3 digits.
  let run = 0;
  let groups = 0;
  for (; i < to; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      w = w * 10 + (c - 48);
      digits++;
      run++;
    } else if (c === g) {
      if (run === 0 || (groups === 0 ? run > 3 : run !== 3)) ok = false;
      groups++;
      run = 0;
    } else break;
  }
  if (groups > 0 && run !== 3) ok = false;
  const intDigits = digits;
  let places = 0;
  if (i < to) {
    if (c !== d) ok = false;
    for (i++; i < to; i++) {
      c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        w = w * 10 + (c - 48);
        digits++;
        places++;
      } else {
        // A sign or a symbol here never matches; any other character: the general path.
        if (!(c === g || c === d || c === 43 || c === 45)) return NOT_PLAIN;
        ok = false;
      }
    }
    if (places === 0) ok = false;
  } else if (intDigits === 0) ok = false;
  if (!ok) return isPlainText(text, from, to, g, d) ? undefined : NOT_PLAIN;
  if (digits > 15) return NOT_PLAIN;
  const value = places === 0 ? w : w / POWERS[places]!;
  return negative ? -value : value;
}

/** Every character is a digit, a sign or one of the two symbols. */
function isPlainText(text: string, from: number, to: number, g: number, d: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === g || c === d || c === 43 || c === 45)) return false;
  }
  return true;
}

const patterns = new Map<string, RegExp>();
const patternByLocale = new WeakMap<FieldLocale, RegExp>();

/** The pattern of a number in a locale's symbols (made once per pair of symbols). */
function numberPattern(locale: FieldLocale): RegExp {
  let known = patternByLocale.get(locale);
  if (!known) patternByLocale.set(locale, (known = symbolsPattern(locale)));
  return known;
}

function symbolsPattern(locale: FieldLocale): RegExp {
  const key = `${locale.group}\u0000${locale.decimal}`;
  let re = patterns.get(key);
  if (!re) {
    const g = escapeRe(locale.group);
    const d = escapeRe(locale.decimal);
    patterns.set(key, (re = new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)?(?:${d}(\\d+))?$`)));
  }
  return re;
}

/** A JSON number as case data shows without a picture: Danish decimal comma, no grouping. */
export function displayNumber(value: number, locale: FieldLocale): string {
  if (Object.is(value, -0)) value = 0;
  const plain =
    Math.abs(value) >= 1e21 || (value !== 0 && Math.abs(value) < 1e-6)
      ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
      : String(value);
  return plain.replace('.', locale.decimal);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
