/**
 * Numbers as Word reads and writes them in fields: parsing in the field's locale, the default
 * Danish display of case data, and numeric pictures (`\#`).
 *
 * Picture items (Word's documented behaviour, see docs/word-fields.md):
 *   0  digit, 0 when the value has none there        #  digit, a space when none
 *   x  drops digits to its left (integer part) / rounds at it (fraction)
 *   decimal symbol, digit-grouping symbol (of the locale: `#.##0,00` in Danish)
 *   -  minus for negatives, space otherwise          +  plus / minus / space for zero
 *   'text' literal; any other character literal;  sections `positive;negative;zero`.
 */
import type { FieldLocale } from './locale.js';

/** Parses a number written in the locale (`1.234,5` in Danish); undefined when it is not one. */
export function parseLocaleNumber(text: string, locale: FieldLocale): number | undefined {
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

type Item = { k: '0' | '#' | 'x' } | { k: 'dec' } | { k: 'group' } | { k: '-' } | { k: '+' } | { k: 'lit'; text: string };

export class PictureError extends Error {}

function splitSections(picture: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of picture) {
    if (ch === "'") quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function parseSection(section: string, locale: FieldLocale): Item[] {
  const items: Item[] = [];
  let seenDecimal = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === "'") {
      const close = section.indexOf("'", i + 1);
      const text = close < 0 ? section.slice(i + 1) : section.slice(i + 1, close);
      items.push({ k: 'lit', text });
      i = close < 0 ? section.length : close;
    } else if (ch === '0' || ch === '#' || ch === 'x') {
      items.push({ k: ch });
    } else if (ch === locale.decimal && !seenDecimal) {
      seenDecimal = true;
      items.push({ k: 'dec' });
    } else if (ch === locale.group && !seenDecimal) {
      items.push({ k: 'group' });
    } else if (ch === '-' || ch === '+') {
      items.push({ k: ch });
    } else {
      const last = items[items.length - 1];
      if (last && last.k === 'lit') last.text += ch;
      else items.push({ k: 'lit', text: ch });
    }
  }
  return items;
}

/** What formatting needs of one section of a picture, worked out once per picture and locale. */
interface SectionPlan {
  readonly items: readonly Item[];
  readonly decAt: number;
  readonly intItems: readonly Item[];
  readonly fracItems: readonly Item[];
  readonly intSlots: readonly Item[];
  readonly fracSlots: readonly Item[];
  readonly hasSign: boolean;
  readonly grouping: boolean;
  readonly firstSlot: number;
  readonly lastSlot: number;
  readonly interleaved: boolean;
}

const isDigitItem = (i: Item): boolean => i.k === '0' || i.k === '#' || i.k === 'x';

function planSection(section: string, locale: FieldLocale): SectionPlan {
  const items = parseSection(section, locale);
  const decAt = items.findIndex((i) => i.k === 'dec');
  const intItems = decAt < 0 ? items : items.slice(0, decAt);
  const fracItems = decAt < 0 ? [] : items.slice(decAt + 1);
  const firstSlot = intItems.findIndex(isDigitItem);
  const lastSlot = intItems.length - 1 - [...intItems].reverse().findIndex(isDigitItem);
  return {
    items,
    decAt,
    intItems,
    fracItems,
    intSlots: intItems.filter(isDigitItem),
    fracSlots: fracItems.filter(isDigitItem),
    hasSign: items.some((i) => i.k === '-' || i.k === '+'),
    grouping: intItems.some((i) => i.k === 'group'),
    firstSlot,
    lastSlot,
    interleaved: firstSlot >= 0 && intItems.slice(firstSlot, lastSlot + 1).some((i) => i.k === 'lit' || i.k === '-' || i.k === '+'),
  };
}

interface CompiledPicture {
  readonly sections: string[];
  plan(section: string): SectionPlan;
}

const pictureCache = new Map<string, CompiledPicture>();
/** The same by locale object, then picture: no key is built for every number a letter shows. */
const byLocale = new WeakMap<FieldLocale, Map<string, CompiledPicture>>();

/** A picture's sections and their plans (read only), made once per picture and locale. */
function pictureOf(picture: string, locale: FieldLocale): CompiledPicture {
  let mine = byLocale.get(locale);
  if (!mine) byLocale.set(locale, (mine = new Map()));
  let known = mine.get(picture);
  if (!known) {
    // Pictures come from templates: bounded caches, so no template can grow them without end.
    if (mine.size > 1000) mine.clear();
    mine.set(picture, (known = compiledPicture(picture, locale)));
  }
  return known;
}

function compiledPicture(picture: string, locale: FieldLocale): CompiledPicture {
  const key = `${locale.group}\u0000${locale.decimal}\u0000${picture}`;
  let hit = pictureCache.get(key);
  if (!hit) {
    if (pictureCache.size > 1000) pictureCache.clear();
    const plans = new Map<string, SectionPlan>();
    pictureCache.set(
      key,
      (hit = {
        sections: splitSections(picture),
        plan(section) {
          let p = plans.get(section);
          if (!p) plans.set(section, (p = planSection(section, locale)));
          return p;
        },
      }),
    );
  }
  return hit;
}

/** Rounds half away from zero to `places` decimals and returns the digits as a string. The
 * shift goes through the decimal exponent, so 1.005 rounds to 1.01 as a person expects. */
function roundDigits(abs: number, places: number): string {
  // Past 2^53 a double has no fraction left to round; BigInt prints all its digits.
  if (abs * 10 ** places >= 1e15) return BigInt(Math.round(abs)).toString() + (places > 0 ? '.' + '0'.repeat(places) : '');
  // Nothing to round (1612 or 1612.5 at two places): the digits as they are.
  if (Number.isInteger(abs * 10 ** places) && places <= 20) return abs.toFixed(places);
  const [mantissa, exponent] = abs.toExponential().split('e') as [string, string];
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + places}`));
  return Number(`${shifted}e-${places}`).toFixed(places);
}

function groupDigits(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** Formats a number by a Word numeric picture in the given locale. */
export function formatNumberPicture(value: number, picture: string, locale: FieldLocale): string {
  if (!Number.isFinite(value)) throw new PictureError('not a finite number');
  const compiled = pictureOf(picture, locale);
  const sections = compiled.sections;
  let section = sections[0]!;
  let autoMinus = value < 0;
  let v = value;
  if (value < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1]!;
    autoMinus = false;
    v = -value;
  } else if (value === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2]!;
  }
  const { items, decAt, intItems, fracItems, fracSlots, intSlots, hasSign, grouping, firstSlot, lastSlot, interleaved } = compiled.plan(section);
  const isDigit = isDigitItem;
  if (intSlots.length === 0 && fracSlots.length === 0) {
    // No digit placeholders: Word shows the picture's text only.
    return items.map((i) => (i.k === 'lit' ? i.text : '')).join('');
  }

  const abs = Math.abs(v);
  const rounded = roundDigits(abs, fracSlots.length);
  let [intDigits = '0', fracDigits = ''] = rounded.split('.');
  if (intDigits === '0' && !intSlots.some((s) => s.k === '0')) intDigits = '';
  // x in the integer part keeps only the digits from x to the right.
  const xAt = intSlots.findIndex((s) => s.k === 'x');
  if (xAt >= 0) {
    const keep = intSlots.length - xAt;
    intDigits = intDigits.slice(-keep);
  }

  // Integer part: fill digit slots from the right; extra digits go to the leftmost slot.
  let intOut = '';
  if (firstSlot >= 0) {
    if (!interleaved) {
      const padZeros = Math.max(0, intSlots.length - intDigits.length);
      let zeros = 0;
      let spaces = 0;
      for (let k = 0; k < padZeros; k++) {
        const slot = intSlots[k]!;
        if (slot.k === '0') zeros = padZeros - k;
        if (zeros) break;
        spaces++;
      }
      const digits = '0'.repeat(padZeros - spaces) + intDigits;
      intOut = ' '.repeat(spaces) + (grouping ? groupDigits(digits, locale.group) : digits);
    } else {
      const block = intItems.slice(firstSlot, lastSlot + 1);
      let d = intDigits.length - 1;
      const chars: string[] = [];
      for (let k = block.length - 1; k >= 0; k--) {
        const it = block[k]!;
        if (it.k === 'lit') chars.unshift(it.text);
        else if (it.k === '-' || it.k === '+') chars.unshift(signChar(it.k, value));
        else if (isDigit(it)) {
          let text: string;
          if (d >= 0) text = intDigits[d--]!;
          else text = it.k === '0' ? '0' : ' ';
          if (k === block.findIndex(isDigit) && d >= 0) {
            text = intDigits.slice(0, d + 1) + text;
            d = -1;
          }
          chars.unshift(text);
        }
      }
      intOut = chars.join('');
    }
  }

  // Fraction: left to right; trailing zeros in # places become spaces.
  let fracOut = '';
  if (decAt >= 0) {
    let lastSignificant = fracDigits.length - 1;
    while (lastSignificant >= 0 && fracDigits[lastSignificant] === '0') lastSignificant--;
    let slot = 0;
    for (const it of fracItems) {
      if (it.k === 'lit') fracOut += it.text;
      else if (isDigit(it)) {
        const digit = fracDigits[slot] ?? '0';
        fracOut += it.k === '#' && slot > lastSignificant ? ' ' : digit;
        slot++;
      } else if (it.k === '-' || it.k === '+') {
        fracOut += signChar(it.k, value);
      }
    }
  }

  let out = '';
  let intDone = false;
  for (let k = 0; k < intItems.length; k++) {
    const it = intItems[k]!;
    if (k >= firstSlot && k <= lastSlot && firstSlot >= 0) {
      if (!intDone) {
        out += intOut;
        intDone = true;
      }
      continue;
    }
    if (it.k === 'lit') out += it.text;
    else if (it.k === '-' || it.k === '+') out += signChar(it.k, value);
  }
  if (firstSlot < 0) out += intOut;
  if (decAt >= 0) out += locale.decimal + fracOut;
  if (autoMinus && !hasSign && Number(rounded) !== 0) out = '-' + out;
  return out;
}

function signChar(kind: '-' | '+', value: number): string {
  if (kind === '-') return value < 0 ? '-' : ' ';
  return value > 0 ? '+' : value < 0 ? '-' : ' ';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
