/**
 * The `\*` format switches. Case formats change text; number formats change a number's
 * notation; MERGEFORMAT and CHARFORMAT decide formatting, not text, and are handled by the
 * renderer.
 */
import { parseLocaleNumber } from './number.js';
import type { FieldLocale } from './locale.js';

export type FormatOutcome = { ok: true; text: string } | { ok: false; reason: 'unsupported' | 'not-a-number' };

const CHARACTER_FORMATS = new Set(['mergeformat', 'charformat']);

/** True for the formats that do not change the text. */
export function isCharacterFormat(format: string): boolean {
  return CHARACTER_FORMATS.has(format.toLowerCase());
}

/** Applies one `\*` format to a text. */
export function applyFormat(text: string, format: string, locale: FieldLocale, numberLocale: FieldLocale = locale): FormatOutcome {
  const lower = format.toLowerCase();
  const lang = locale.id;
  switch (lower) {
    case 'mergeformat':
    case 'charformat':
      return { ok: true, text };
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
    case 'arabic':
    case 'roman':
    case 'alphabetic':
    case 'ordinal':
    case 'hex': {
      const n = parseLocaleNumber(text, numberLocale);
      if (n === undefined || !Number.isInteger(n)) return { ok: false, reason: 'not-a-number' };
      if (lower === 'arabic') return { ok: true, text: String(n) };
      if (lower === 'hex') return { ok: true, text: (n >>> 0).toString(16).toUpperCase() };
      if (lower === 'ordinal') return { ok: true, text: ordinal(n, locale) };
      const upper = format === format.toUpperCase();
      if (lower === 'roman') {
        const r = roman(n);
        return r === undefined ? { ok: false, reason: 'not-a-number' } : { ok: true, text: upper ? r : r.toLowerCase() };
      }
      const a = alphabetic(n);
      return a === undefined ? { ok: false, reason: 'not-a-number' } : { ok: true, text: upper ? a : a.toLowerCase() };
    }
    default:
      return { ok: false, reason: 'unsupported' };
  }
}

function ordinal(n: number, locale: FieldLocale): string {
  if (locale.id === 'da') return `${n}.`;
  const mod100 = Math.abs(n) % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th');
  return `${n}${suffix}`;
}

function roman(n: number): string | undefined {
  if (n <= 0 || n >= 4000) return undefined;
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Word's alphabetic numbering: 1 = A, 26 = Z, 27 = AA, 28 = BB. */
function alphabetic(n: number): string | undefined {
  if (n <= 0 || n > 780) return undefined;
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}
