/**
 * Word's numeric pictures (the `\#` switch), in the field's locale.
 *
 * Picture items (Word's documented behaviour, see docs/word-fields.md):
 *   0  digit, 0 when the value has none there        #  digit, a space when none
 *   x  drops digits to its left (integer part) / rounds at it (fraction)
 *   decimal symbol, digit-grouping symbol (of the locale: `#.##0,00` in Danish)
 *   -  minus for negatives, space otherwise          +  plus / minus / space for zero
 *   'text' literal; any other character literal;  sections `positive;negative;zero`.
 *
 * A picture is compiled once into sections; a plain section (digits, grouping, a fixed number
 * of decimals) has a fast path for whole numbers, compared with the general path by
 * test/format/number.fast.property.test.ts.
 */
import type { FieldLocale } from './locale.js';
import { numberTuning, POWERS } from './number.js';

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
  /** What the fast path needs, when the section is one it writes (plainSection). */
  readonly plain: PlainSection | undefined;
}

/**
 * A section formatNumberPicture's fast path writes: digit places in one block (`#.##0`, `0`),
 * no `x` there, no sign items, and after the decimal symbol only `0` places and literal text
 * (`,00 kr.`). Then the integer part is the digits padded by the places, the fraction the
 * rounded digits in order.
 */
interface PlainSection {
  /** Literal text before and after the integer block. */
  readonly before: string;
  readonly after: string;
  readonly intPlaces: number;
  /** The first `0` among the integer places (-1: none): places to its left pad with spaces. */
  readonly firstZero: number;
  /** The fraction's items in order: a digit place (null) or literal text. */
  readonly frac: ReadonlyArray<string | null>;
  readonly fracPlaces: number;
  /** The section has a decimal symbol (written even with nothing after it). */
  readonly decimal: boolean;
}

function plainSection(p: Omit<SectionPlan, 'plain'>): PlainSection | undefined {
  const { decAt, intItems, fracItems, intSlots, fracSlots, hasSign, firstSlot, lastSlot, interleaved } = p;
  if (hasSign || interleaved || firstSlot < 0 || intSlots.some((s) => s.k === 'x') || fracSlots.some((s) => s.k === '#')) return undefined;
  if (fracSlots.length > 20) return undefined;
  const lits = (from: number, to: number): string | undefined => {
    let text = '';
    for (let k = from; k < to; k++) {
      const it = intItems[k]!;
      if (it.k === 'lit') text += it.text;
      else if (it.k !== 'group') return undefined;
    }
    return text;
  };
  const before = lits(0, firstSlot);
  const after = lits(lastSlot + 1, intItems.length);
  if (before === undefined || after === undefined) return undefined;
  const frac: Array<string | null> = [];
  for (const it of decAt < 0 ? [] : fracItems) {
    if (it.k === 'lit') frac.push(it.text);
    else if (isDigitItem(it)) frac.push(null);
    else return undefined;
  }
  return {
    before,
    after,
    intPlaces: intSlots.length,
    firstZero: intSlots.findIndex((s) => s.k === '0'),
    frac,
    fracPlaces: fracSlots.length,
    decimal: decAt >= 0,
  };
}

const isDigitItem = (i: Item): boolean => i.k === '0' || i.k === '#' || i.k === 'x';

function planSection(section: string, locale: FieldLocale): SectionPlan {
  const items = parseSection(section, locale);
  const decAt = items.findIndex((i) => i.k === 'dec');
  const intItems = decAt < 0 ? items : items.slice(0, decAt);
  const fracItems = decAt < 0 ? [] : items.slice(decAt + 1);
  const firstSlot = intItems.findIndex(isDigitItem);
  const lastSlot = intItems.length - 1 - [...intItems].reverse().findIndex(isDigitItem);
  const plan = {
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
  return { ...plan, plain: plainSection(plan) };
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
  const plan = compiled.plan(section);
  if (plan.plain && numberTuning.fastPaths) {
    const fast = formatPlain(plan.plain, v, autoMinus, plan.grouping, locale);
    if (fast !== undefined) return fast;
  }
  const { items, decAt, intItems, fracItems, fracSlots, intSlots, hasSign, grouping, firstSlot, lastSlot, interleaved } = plan;
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
      intOut = ' '.repeat(spaces) + (grouping ? groupThousands(digits, locale.group) : digits);
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

/** Whether each section of a picture is written by the fast path (for its tests). */
export function isPlainPicture(picture: string, locale: FieldLocale): boolean {
  const compiled = pictureOf(picture, locale);
  return compiled.sections.every((section) => compiled.plan(section).plain !== undefined);
}

const ZEROS = Array.from({ length: 21 }, (_, k) => '0'.repeat(k));
const SPACES = new Map<number, string>();

/**
 * formatNumberPicture for a plain section (PlainSection), for a whole number below 10^15 / 10^places
 * (the rest: undefined, the general path). Its rounded digits are String(abs) and zeros, as
 * toFixed gives them for a whole number.
 */
function formatPlain(p: PlainSection, v: number, autoMinus: boolean, grouping: boolean, locale: FieldLocale): string | undefined {
  const abs = Math.abs(v);
  if (!Number.isInteger(abs) || abs * POWERS[p.fracPlaces]! >= 1e15) return undefined;
  let intDigits = String(abs);
  if (abs === 0 && p.firstZero < 0) intDigits = '';
  let intOut = intDigits;
  const pad = p.intPlaces - intDigits.length;
  if (pad > 0) {
    // `#` places left of the first `0` place show a space, the rest a 0.
    const spaces = p.firstZero < 0 || p.firstZero >= pad ? pad : p.firstZero;
    intOut = (ZEROS[pad - spaces] ?? '0'.repeat(pad - spaces)) + intDigits;
    if (grouping) intOut = groupThousands(intOut, locale.group);
    if (spaces > 0) intOut = spacesOf(spaces) + intOut;
  } else if (grouping) intOut = groupThousands(intOut, locale.group);
  let out = p.before + intOut + p.after;
  if (p.decimal) {
    out += locale.decimal;
    for (const f of p.frac) out += f ?? '0';
  }
  return autoMinus && abs !== 0 ? '-' + out : out;
}

function spacesOf(n: number): string {
  let s = SPACES.get(n);
  if (s === undefined) {
    s = ' '.repeat(n);
    if (n < 64) SPACES.set(n, s);
  }
  return s;
}

/** Digits with the group separator between each three from the right. */
function groupThousands(digits: string, sep: string): string {
  const n = digits.length;
  if (n <= 3) return digits;
  const head = n % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < n; i += 3) out += sep + digits.slice(i, i + 3);
  return out;
}

function signChar(kind: '-' | '+', value: number): string {
  if (kind === '-') return value < 0 ? '-' : ' ';
  return value > 0 ? '+' : value < 0 ? '-' : ' ';
}
