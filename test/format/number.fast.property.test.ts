/**
 * The fast paths of number reading and writing (format/number.ts: parsePlain; format/number-picture.ts: the plain
 * sections of a picture; template/table-cells.ts: cells that show an amount) give exactly what
 * the general paths give: for random texts made of the characters that matter (digits, both
 * locales' symbols, signs, spaces, currency letters, per cent), for well-formed amounts, and for
 * random numbers under random pictures. Each case is run with the fast paths off, then on.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DANISH, ENGLISH, type FieldLocale } from '../../src/format/locale.js';
import { NOT_PLAIN, numberTuning, parseLocaleNumber, parsePlain } from '../../src/format/number.js';
import { formatNumberPicture, isPlainPicture } from '../../src/format/number-picture.js';
import { cellValue } from '../../src/template/table-cells.js';

afterEach(() => {
  numberTuning.fastPaths = true;
});

/** What `run` gives on the general path and on the fast path (a thrown error as its message). */
function bothPaths<T>(run: () => T): { general: T | string; fast: T | string } {
  const attempt = (): T | string => {
    try {
      return run();
    } catch (err) {
      return `threw ${(err as Error).message}`;
    }
  };
  numberTuning.fastPaths = false;
  const general = attempt();
  numberTuning.fastPaths = true;
  return { general, fast: attempt() };
}

const locale = fc.constantFrom<FieldLocale>(DANISH, ENGLISH);
const chars = fc.constantFrom(
  ...'0123456789'.split(''),
  '0',
  '5',
  '.',
  ',',
  '.',
  ',',
  '+',
  '-',
  ' ',
  'k',
  'r',
  'K',
  'R',
  '%',
  '\u00a0',
  '\n',
  '\r',
  '\v',
  '\t',
  'e',
  '$',
  'x',
);
const randomText = fc.string({ unit: chars, maxLength: 16 });
/** Amounts as letters show them: grouped or not, with decimals or not, signs, a currency after. */
const amountText = fc
  .record({
    sign: fc.constantFrom('', '', '-', '+'),
    int: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 2 ** 53 }), fc.constant(0)),
    grouped: fc.boolean(),
    decimals: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 24 })),
    english: fc.boolean(),
    suffix: fc.constantFrom(
      '',
      ' kr.',
      'kr.',
      ' kr',
      'kr',
      ' KR.',
      '  kr.',
      ' kr..',
      ' %',
      '%',
      ' DKK',
      ' ',
      '\r',
      ' kr.\r',
      'kr.\r\r',
      ' kr.\u00a0\r',
      ' \r',
      '\t\r',
    ),
    prefix: fc.constantFrom('', '', '', ' ', 'kr. ', '$'),
  })
  .map(({ sign, int, grouped, decimals, english, suffix, prefix }) => {
    const [g, d] = english ? [',', '.'] : ['.', ','];
    const digits = String(int);
    const intText = grouped ? digits.replace(/\B(?=(\d{3})+$)/g, g) : digits;
    return `${prefix}${sign}${intText}${decimals === null ? '' : d + decimals}${suffix}`;
  });
const text = fc.oneof(randomText, amountText);

describe('number fast paths against the general paths', () => {
  it('parseLocaleNumber reads every text as the general path does', () => {
    fc.assert(
      fc.property(text, locale, (t, loc) => {
        const { general, fast } = bothPaths(() => parseLocaleNumber(t, loc));
        expect(Object.is(fast, general) || fast === general).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('a table cell holds the same value on both paths', () => {
    fc.assert(
      fc.property(text, locale, (t, loc) => {
        const { general, fast } = bothPaths(() => cellValue(t, loc));
        expect(Object.is(fast, general)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  // Pictures of the items Word knows, in any order, maybe with sections.
  const pictureItem = fc.constantFrom('0', '0', '#', '#', 'x', '.', ',', '.', ',', '-', '+', "'kr'", ' kr.', ' ', '%', "'", ';');
  const picture = fc.oneof(
    fc.array(pictureItem, { maxLength: 12 }).map((items) => items.join('')),
    fc.constantFrom(
      '.0,00',
      '#.##0,00',
      '#.##0,00 kr.',
      '#,##0.00',
      '0',
      '#',
      '00,00',
      '0,',
      '#.##0;-#.##0;0',
      ',0.00',
      'x##',
      '0,0#',
      '-0,00',
      "'kr. '#.##0,00",
    ),
  );
  const value = fc.oneof(
    fc.integer({ min: -10_000_000, max: 10_000_000 }),
    fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
    fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }).map((n) => n / 100),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1e15, 1e14, 999.995, 1e21, -1e21, 5e-7),
  );

  it('formatNumberPicture writes every number under every picture as the general path does', () => {
    fc.assert(
      fc.property(value, picture, locale, (v, pic, loc) => {
        const { general, fast } = bothPaths(() => formatNumberPicture(v, pic, loc));
        expect(fast).toBe(general);
      }),
      { numRuns: 10000 },
    );
  });

  it('the fast paths are taken for the amounts of a beregningstabel', () => {
    // Without this the comparisons above could pass with fast paths that are never taken.
    for (const pic of ['.0,00', '#.##0,00', '#.##0,00 kr.', '0', '#.##0;#.##0;0']) expect(isPlainPicture(pic, DANISH)).toBe(true);
    for (const pic of ['x##', '0,0#', '-0,00', '# ##0', '#.##0;-#.##0;0']) expect(isPlainPicture(pic, DANISH)).toBe(false);
    expect(parsePlain('1.558,00', 0, 8, DANISH)).toBe(1558);
    expect(parsePlain('1.234.567,89 kr.', 0, 12, DANISH)).toBe(1234567.89);
    expect(parsePlain('-0,1', 0, 4, DANISH)).toBe(-0.1);
    expect(parsePlain('1.55,00', 0, 7, DANISH)).toBeUndefined();
    expect(parsePlain('1 558,00', 0, 8, DANISH)).toBe(NOT_PLAIN);
    expect(parsePlain('1234567890123456', 0, 16, DANISH)).toBe(NOT_PLAIN);
  });
});
