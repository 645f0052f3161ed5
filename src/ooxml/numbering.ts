/**
 * Lists from numbering.xml, as Word numbers paragraphs: abstract definitions and their levels
 * (start, number format, level text, restarts, legal numbering), instances with overrides, and
 * the counters that number a document's paragraphs in order. The PDF layout (pdf/model) adds
 * what a label looks like; REF's paragraph numbers (template/list-numbers.ts) read the counts.
 */
import { child, elements, type XElement } from './xml.js';

export interface ListLevel {
  start: number;
  format: string;
  text: string;
  /** Restart after a paragraph of this (0-based) level or higher; -1: never. */
  restartAfter: number | undefined;
  legal: boolean;
}

interface Num<L> {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: L }>;
}

export interface ListLabel<L extends ListLevel = ListLevel> {
  text: string;
  level: L;
  /** The list instance (numId) and level, for tagging the list. */
  numId: string;
  ilvl: number;
  /** The list whose counters number the paragraph (instances of one definition share them). */
  list: string;
  bullet: boolean;
  /** The counters of levels 0..ilvl after this paragraph (undefined: not started). */
  counts: ReadonlyArray<number | undefined>;
  /** The numbers of levels 0..ilvl as the label shows them (empty for a bullet). */
  numbers: readonly string[];
}

export const levelValue = (el: XElement, name: string): string | undefined => child(el, name)?.attrs['w:val'];

export function readListLevel(lvl: XElement): ListLevel {
  const restart = levelValue(lvl, 'w:lvlRestart');
  return {
    start: Number(levelValue(lvl, 'w:start') ?? 1) || 0,
    format: levelValue(lvl, 'w:numFmt') ?? 'decimal',
    text: levelValue(lvl, 'w:lvlText') ?? '',
    restartAfter: restart === undefined ? undefined : Number(restart) - 1,
    legal: child(lvl, 'w:isLgl') !== undefined,
  };
}

/** Symbol-font bullets in the Private Use Area, as the Unicode characters they show. */
const PUA_BULLETS: Record<string, string> = {
  '\uF0B7': '\u2022',
  '\uF0A7': '\u25AA',
  '\uF0D8': '\u27A2',
  '\uF0FC': '\u2713',
  '\uF076': '\u2756',
  '\uF0A8': '\u25A1',
  '\uF06F': '\u25A1',
  '\uF02D': '\u2013',
  '\uF0E0': '\u2192',
};

export function bulletText(text: string): string {
  return [...text].map((c) => PUA_BULLETS[c] ?? (c >= '\uF000' && c <= '\uF0FF' ? '\u2022' : c)).join('');
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function letters(n: number): string {
  if (n <= 0) return String(n);
  // Word repeats the letter: a..z, aa..zz, aaa...
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'ordinal':
      return `${n}.`;
    case 'none':
      return '';
    default:
      return String(n);
  }
}

export class ListNumbering<L extends ListLevel = ListLevel> {
  private readonly abstracts = new Map<string, Map<number, L>>();
  private readonly nums = new Map<string, Num<L>>();
  /** Counters per abstract definition (instances of one definition share them, as in Word). */
  private readonly counters = new Map<string, number[]>();

  constructor(root: XElement | undefined, readLevel: (lvl: XElement) => L) {
    for (const el of root ? elements(root) : []) {
      if (el.name === 'w:abstractNum') {
        const levels = new Map<number, L>();
        for (const lvl of elements(el)) if (lvl.name === 'w:lvl') levels.set(Number(lvl.attrs['w:ilvl'] ?? 0), readLevel(lvl));
        this.abstracts.set(el.attrs['w:abstractNumId'] ?? '', levels);
      } else if (el.name === 'w:num') {
        const overrides = new Map<number, { start?: number; level?: L }>();
        for (const o of elements(el)) {
          if (o.name !== 'w:lvlOverride') continue;
          const entry: { start?: number; level?: L } = {};
          const start = levelValue(o, 'w:startOverride');
          if (start !== undefined) entry.start = Number(start);
          const lvl = child(o, 'w:lvl');
          if (lvl) entry.level = readLevel(lvl);
          overrides.set(Number(o.attrs['w:ilvl'] ?? 0), entry);
        }
        this.nums.set(el.attrs['w:numId'] ?? '', { abstractId: levelValue(el, 'w:abstractNumId') ?? '', overrides });
      }
    }
  }

  /** The same definitions, counting from the start (read once per package, one per letter). */
  fresh(): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    return Object.assign(copy, { abstracts: this.abstracts, nums: this.nums, counters: new Map<string, number[]>() });
  }

  level(numId: string | undefined, ilvl: number): L | undefined {
    if (!numId || numId === '0') return undefined;
    const num = this.nums.get(numId);
    if (!num) return undefined;
    return num.overrides.get(ilvl)?.level ?? this.abstracts.get(num.abstractId)?.get(ilvl);
  }

  /** Numbers the next paragraph of a list and returns its label. */
  next(numId: string | undefined, ilvl: number): ListLabel<L> | undefined {
    const level = this.level(numId, ilvl);
    const num = numId ? this.nums.get(numId) : undefined;
    if (!level || !num || !numId) return undefined;
    const key = num.overrides.size ? `num:${numId}` : `abs:${num.abstractId}`;
    let counts = this.counters.get(key);
    if (!counts) {
      counts = [];
      this.counters.set(key, counts);
    }
    const startOf = (l: number): number => num.overrides.get(l)?.start ?? this.level(numId, l)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    // Deeper levels restart after this one.
    for (let l = ilvl + 1; l < 9; l++) {
      const lv = this.level(numId, l);
      if (!lv || lv.restartAfter === undefined || lv.restartAfter >= ilvl) counts[l] = undefined as unknown as number;
    }
    const bullet = level.format === 'bullet';
    const numberAt = (l: number): string => {
      const lv = this.level(numId, l);
      return formatNumber(counts![l] ?? startOf(l), level.legal && lv?.format !== 'none' ? 'decimal' : (lv?.format ?? 'decimal'));
    };
    const numbers = bullet ? [] : Array.from({ length: ilvl + 1 }, (_, l) => numberAt(l));
    const text = bullet ? bulletText(level.text) : level.text.replace(/%([1-9])/g, (_m, d: string) => numbers[Number(d) - 1] ?? numberAt(Number(d) - 1));
    return { text, level, numId, ilvl, list: key, bullet, counts: counts.slice(0, ilvl + 1), numbers };
  }
}
