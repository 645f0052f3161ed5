/** Word's pictures and formats, and the IF comparison. */
import { describe, expect, it } from 'vitest';
import { DANISH, ENGLISH } from '../../src/format/locale.js';
import { displayNumber, parseLocaleNumber } from '../../src/format/number.js';
import { formatNumberPicture } from '../../src/format/number-picture.js';
import { formatDatePicture, parseDate } from '../../src/format/date.js';
import { applyFormat } from '../../src/format/text.js';
import { compare } from '../../src/template/compare.js';
import { lookupField } from '../../src/context/context.js';

describe('numbers', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['1234,5', 1234.5],
    ['-5', -5],
    ['+5', 5],
    [' 85 ', 85],
    [',5', 0.5],
    ['1.234.567,00', 1234567],
  ])('reads %j in Danish as %d', (text, value) => expect(parseLocaleNumber(text, DANISH)).toBe(value));

  it.each(['1.5', '12.34', 'abc', '', '1,2,3', '5 kr.'])('%j is not a Danish number', (text) => expect(parseLocaleNumber(text, DANISH)).toBeUndefined());

  it('reads English numbers in English', () => {
    expect(parseLocaleNumber('1,234.5', ENGLISH)).toBe(1234.5);
  });

  it('shows case numbers Danish style without grouping', () => {
    expect([displayNumber(85, DANISH), displayNumber(1234.5, DANISH), displayNumber(-0.25, DANISH), displayNumber(1e21, DANISH)]).toEqual([
      '85',
      '1234,5',
      '-0,25',
      '1000000000000000000000',
    ]);
  });

  // Word's documented examples (Microsoft: "Numeric Picture (\#) field switch"), in English...
  it.each([
    ['00.00', 9, '09.00'],
    ['$###', 15, '$ 15'],
    ['x##', 222492, '492'],
    ['0.00x', 0.125, '0.125'],
    ['.x', 0.75, '.8'],
    ['$###.00', 495.47, '$495.47'],
    ['$#,###,###', 2456800, '$2,456,800'],
    ['-##', -80, '-80'],
    ['+##', 10, '+10'],
    ['+##', -10, '-10'],
    ['##%', 33, '33%'],
    ['$#,##0.00;-$#,##0.00', -1245.65, '-$1,245.65'],
    ['$,0.00', 1234.56, '$1,234.56'],
  ])('\\# %s on %d gives %j (en)', (picture, value, expected) => expect(formatNumberPicture(value, picture, ENGLISH)).toBe(expected));

  // ...and as KP's Danish templates write them.
  it.each([
    ['#.##0,00', 1234.5, '1.234,50'],
    ['.0,00', 1234.5, '1.234,50'],
    ['.0,00', 1234567.891, '1.234.567,89'],
    ['0,00', 1.005, '1,01'],
    ['0,00 kr.', 85, '85,00 kr.'],
    ["'Beløb: '0", 5, 'Beløb: 5'],
    ["0;(0);'nul'", 0, 'nul'],
    ['0;(0)', -7, '(7)'],
    ['0', -7.4, '-7'],
    ['0,00', -0.001, '0,00'],
  ])('\\# %s on %d gives %j (da)', (picture, value, expected) => expect(formatNumberPicture(value, picture, DANISH)).toBe(expected));
});

describe('dates', () => {
  it('reads ISO and Danish numeric dates, and refuses impossible ones', () => {
    expect(parseDate('2026-01-05')).toMatchObject({ year: 2026, month: 1, day: 5 });
    expect(parseDate('2026-01-05T14:30:00+01:00')).toMatchObject({ hour: 14, minute: 30 });
    expect(parseDate('5-1-2026')).toMatchObject({ year: 2026, month: 1, day: 5 });
    expect(parseDate('05.01.2026')).toMatchObject({ month: 1, day: 5 });
    expect(parseDate('2026-02-29')).toBeUndefined();
    expect(parseDate('2028-02-29')).toMatchObject({ day: 29 });
    expect(parseDate('i morgen')).toBeUndefined();
  });

  const d = parseDate('2026-01-05T14:07:09')!;
  it.each([
    ['d. MMMM yyyy', DANISH, '5. januar 2026'],
    ['dddd d. MMMM yyyy', DANISH, 'mandag 5. januar 2026'],
    ['dd.MM.yy', DANISH, '05.01.26'],
    ['d. MMM yyyy', DANISH, '5. jan 2026'],
    ['HH:mm:ss', DANISH, '14:07:09'],
    ["'kl.' H.mm", DANISH, 'kl. 14.07'],
    ['MMMM d, yyyy', ENGLISH, 'January 5, 2026'],
    ['dd-MMM-yyyy', ENGLISH, '05-Jan-2026'],
    ['h:mm AM/PM', ENGLISH, '2:07 PM'],
    ['ddd', ENGLISH, 'Mon'],
  ])('\\@ %s gives %j', (picture, locale, expected) => expect(formatDatePicture(d, picture, locale)).toBe(expected));
});

describe('\\* formats', () => {
  it.each([
    ['Upper', 'søren ågård', 'SØREN ÅGÅRD'],
    ['Lower', 'ÆBLE ØL', 'æble øl'],
    ['FirstCap', 'østergade 5', 'Østergade 5'],
    ['Caps', 'karen-margrethe de jensen', 'Karen-Margrethe De Jensen'],
    ['roman', '1994', 'mcmxciv'],
    ['ROMAN', '1994', 'MCMXCIV'],
    ['alphabetic', '28', 'bb'],
    ['Ordinal', '3', '3.'],
    ['Arabic', '42', '42'],
    ['Hex', '255', 'FF'],
  ])('%s on %j gives %j', (format, text, expected) => expect(applyFormat(text, format, DANISH)).toEqual({ ok: true, text: expected }));

  it('English ordinals', () => {
    expect(['1', '2', '3', '11', '21', '112'].map((n) => (applyFormat(n, 'Ordinal', ENGLISH) as { text: string }).text)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '11th',
      '21st',
      '112th',
    ]);
  });

  it('says what it cannot do', () => {
    expect(applyFormat('12', 'Fed', DANISH)).toEqual({ ok: false, reason: 'unsupported' });
    expect(applyFormat('tolv', 'roman', DANISH)).toEqual({ ok: false, reason: 'not-a-number' });
  });
});

describe('IF comparison', () => {
  it('compares numbers numerically when both sides are numbers', () => {
    expect(compare('10', '>', '9', DANISH)).toBe(true);
    expect(compare('1.000,5', '=', '1000,50', DANISH)).toBe(true);
    expect(compare('10', '>', 'ni', DANISH)).toBe(false);
  });

  it('compares text case-sensitively with = and <>', () => {
    expect(compare('J', '=', 'J', DANISH)).toBe(true);
    expect(compare('j', '=', 'J', DANISH)).toBe(false);
    expect(compare('j', '<>', 'J', DANISH)).toBe(true);
  });

  it('orders text in Danish (æ, ø, å last)', () => {
    expect(compare('Åse', '>', 'Øjvind', DANISH)).toBe(true);
    expect(compare('Zeta', '<', 'Ærø', DANISH)).toBe(true);
  });

  it('matches wildcards on the right-hand side only', () => {
    expect(compare('BH-12', '=', 'BH*', DANISH)).toBe(true);
    expect(compare('BH*', '=', 'BH-12', DANISH)).toBe(false);
    expect(compare('abc', '=', 'a?c', DANISH)).toBe(true);
    expect(compare('a.c', '=', 'a?c', DANISH)).toBe(true);
    expect(compare('ac', '=', 'a?c', DANISH)).toBe(false);
    expect(compare('abc', '<>', '*c', DANISH)).toBe(false);
  });
});

describe('case context lookup', () => {
  const fields = { 'Borger.Fornavn': 'eksakt', Borger: { Fornavn: 'indlejret', Adresse: { Vej: 'Engvej 12' } }, Liste: ['a'] };
  it('takes the exact key first, then follows dots', () => {
    expect(lookupField(fields, 'Borger.Fornavn')).toEqual({ found: true, value: 'eksakt' });
    expect(lookupField(fields, 'Borger.Adresse.Vej')).toEqual({ found: true, value: 'Engvej 12' });
    expect(lookupField(fields, 'Borger.Adresse.Nr')).toEqual({ found: false });
    expect(lookupField(fields, 'Borger.Adresse')).toMatchObject({ found: true, kind: 'object' });
  });

  it('never reads inherited properties', () => {
    expect(lookupField(fields, 'toString')).toEqual({ found: false });
    expect(lookupField(fields, 'Borger.constructor')).toEqual({ found: false });
    expect(lookupField(fields, 'Liste.length')).toEqual({ found: false });
  });
});
