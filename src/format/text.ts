/**
 * The `\*` format switches. Case formats change text; number formats change a number's
 * notation; MERGEFORMAT, CHARFORMAT and MERGEFORMATINET decide formatting, not text, and are
 * handled by the renderer.
 *
 * Number formats read the text as a number in the machine's notation and round it half away
 * from zero to a whole number, as Word does ("the fractional part is not used other than to
 * round off"; DollarText keeps the cents). Their case follows the first letter of the
 * switch's word: `\* Roman` and `\* ROMAN` give `XII`, `\* roman` gives `xii`
 * (`{ SEQ Appendix \* Alphabetic }` shows `A` in a Word-saved file of the conformance corpus).
 */
import { parseLocaleNumber } from './number.js';
import { isEnglish, type FieldLocale } from './locale.js';
import { cardText, dollarText, MAX_WORDS, ordText, wordsLanguage } from './words.js';

export type FormatOutcome = { ok: true; text: string } | { ok: false; reason: 'unsupported' | 'not-a-number' | 'out-of-range' | 'language' };

const CHARACTER_FORMATS = new Set(['mergeformat', 'charformat', 'mergeformatinet']);

/** True for the formats that do not change the text. */
export function isCharacterFormat(format: string): boolean {
  return CHARACTER_FORMATS.has(format.toLowerCase());
}

/** The largest number Word writes in Roman numerals (more than 3999 repeats M). */
export const MAX_ROMAN = 32767;
/** The largest number Word writes in letters (30 repetitions of Z). */
export const MAX_ALPHABETIC = 780;

const NUMBER_FORMATS = new Set(['arabic', 'arabicdash', 'roman', 'alphabetic', 'ordinal', 'hex', 'cardtext', 'ordtext', 'dollartext']);

/** Applies one `\*` format to a text. */
export function applyFormat(text: string, format: string, locale: FieldLocale, numberLocale: FieldLocale = locale): FormatOutcome {
  const lower = format.toLowerCase();
  const lang = locale.id;
  if (CHARACTER_FORMATS.has(lower)) return { ok: true, text };
  switch (lower) {
    case 'upper':
      return { ok: true, text: text.toLocaleUpperCase(lang) };
    case 'lower':
      return { ok: true, text: text.toLocaleLowerCase(lang) };
    case 'firstcap': {
      const i = text.search(/\p{L}/u);
      if (i < 0) return { ok: true, text };
      return { ok: true, text: text.slice(0, i) + text[i]!.toLocaleUpperCase(lang) + text.slice(i + 1) };
    }
    case 'caps':
      return {
        ok: true,
        text: text.replace(/(^|[\s\-–(“"„«»/])(\p{L})/gu, (_, pre: string, ch: string) => pre + ch.toLocaleUpperCase(lang)),
      };
  }
  if (!NUMBER_FORMATS.has(lower)) return { ok: false, reason: 'unsupported' };
  const value = parseLocaleNumber(text, numberLocale);
  if (value === undefined || !Number.isFinite(value)) return { ok: false, reason: 'not-a-number' };
  return numberFormat(value, lower, format, locale);
}

/** Half away from zero. */
const roundWhole = (v: number): number => Math.sign(v) * Math.round(Math.abs(v));

function numberFormat(value: number, lower: string, format: string, locale: FieldLocale): FormatOutcome {
  const n = roundWhole(value) || 0;
  const upper = format[0] === format[0]!.toUpperCase();
  const ok = (text: string): FormatOutcome => ({ ok: true, text });
  const range = (from: number, to: number): boolean => n >= from && n <= to;
  switch (lower) {
    case 'arabic':
      return ok(String(n));
    case 'arabicdash':
      return ok(`- ${n} -`);
    case 'hex':
      return range(0, 0xffffffff) ? ok(n.toString(16).toUpperCase()) : { ok: false, reason: 'out-of-range' };
    case 'roman':
      if (!range(1, MAX_ROMAN)) return { ok: false, reason: 'out-of-range' };
      return ok(upper ? roman(n) : roman(n).toLowerCase());
    case 'alphabetic':
      if (!range(1, MAX_ALPHABETIC)) return { ok: false, reason: 'out-of-range' };
      return ok(upper ? alphabetic(n) : alphabetic(n).toLowerCase());
    case 'ordinal': {
      if (n < 0) return { ok: false, reason: 'out-of-range' };
      const words = wordsLanguage(locale.id);
      if (!words) return { ok: false, reason: 'language' };
      return ok(isEnglish(locale) ? `${n}${englishSuffix(n)}` : `${n}.`);
    }
    default: {
      // CardText, OrdText, DollarText
      const words = wordsLanguage(locale.id);
      if (!words) return { ok: false, reason: 'language' };
      if (lower === 'dollartext') {
        if (value < 0) return { ok: false, reason: 'out-of-range' };
        const cents = Math.round(value * 100);
        const whole = Math.floor(cents / 100);
        if (whole > MAX_WORDS) return { ok: false, reason: 'out-of-range' };
        return ok(dollarText(whole, cents % 100, words));
      }
      if (!range(0, MAX_WORDS)) return { ok: false, reason: 'out-of-range' };
      return ok(lower === 'cardtext' ? cardText(n, words) : ordText(n, words));
    }
  }
}

function englishSuffix(n: number): string {
  const mod100 = n % 100;
  return mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Roman numerals; thousands beyond 3999 are written as repeated M. */
export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Word's alphabetic numbering: 1 = A, 26 = Z, 27 = AA, 28 = BB, 54 = BBB. */
export function alphabetic(n: number): string {
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}
