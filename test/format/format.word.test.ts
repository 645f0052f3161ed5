/**
 * Pictures and formats exactly as Word writes them: date-time items, month and day names in
 * the field's language (platform CLDR data, with the documented corrections of locale.ts),
 * AM/PM, numbers in words, Roman and alphabetic numbering; and property tests where a reading
 * can be inverted (Roman, alphabetic, hex) or must never fail (any number under any picture).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DANISH, ENGLISH, localeFor } from '../../src/format/locale.js';
import { datePictureItems, formatDatePicture, parseDate, type WallDate } from '../../src/format/date.js';
import { formatNumberPicture } from '../../src/format/number-picture.js';
import { alphabetic, applyFormat, roman } from '../../src/format/text.js';

const at = (iso: string): WallDate => parseDate(iso)!;
const date = (iso: string, picture: string, lang?: string): string => formatDatePicture(at(iso), picture, lang ? localeFor(lang) : DANISH);
const fmt = (text: string, format: string, lang = 'da'): string | undefined => {
  const r = applyFormat(text, format, localeFor(lang), DANISH);
  return r.ok ? r.text : r.reason;
};

describe('\\@ date-time items', () => {
  it.each([
    ['d', '5'],
    ['dd', '05'],
    ['ddd', 'man'],
    ['dddd', 'mandag'],
    ['M', '1'],
    ['MM', '01'],
    ['MMM', 'jan'],
    ['MMMM', 'januar'],
    ['yy', '26'],
    ['yyyy', '2026'],
    ['H', '9'],
    ['HH', '09'],
    ['h', '9'],
    ['hh', '09'],
    ['m', '7'],
    ['mm', '07'],
    ['s', '3'],
    ['ss', '03'],
    // Word reads D, Y and S as d, y and s ("DDDD DD MMMM YYYY").
    ['DDDD DD MMMM YYYY', 'mandag 05 januar 2026'],
    ["d. MMMM yyyy 'kl.' HH.mm", '5. januar 2026 kl. 09.07'],
    ["'den' d.", 'den 5.'],
    ["d 'uden slut", '5 uden slut'],
  ])('%s on 5 January 2026 09:07:03 gives %j', (picture, expected) => expect(date('2026-01-05T09:07:03', picture)).toBe(expected));

  it('writes the 12-hour clock with 12 at midnight and noon', () => {
    expect(['00:30', '12:30', '13:05', '23:59'].map((t) => date(`2026-01-05T${t}:00`, 'h:mm'))).toEqual(['12:30', '12:30', '1:05', '11:59']);
  });

  it('writes AM/PM and am/pm both as the machine writes them (upper case, as Microsoft documents), A/P and a/p in the case given', () => {
    expect(date('2026-01-05T17:00:00', 'h AM/PM', 'en-US')).toBe('5 PM');
    expect(date('2026-01-05T09:00:00', 'h am/pm', 'en-US')).toBe('9 AM');
    expect(date('2026-01-05T17:00:00', 'h:mm am/pm')).toBe('5:00 PM');
    expect(date('2026-01-05T17:00:00', 'hA/P')).toBe('5P');
    expect(date('2026-01-05T09:00:00', 'ha/p')).toBe('9a');
  });

  it('reads the items of a picture, so a rule can ask what it shows', () => {
    expect(datePictureItems("dd-mm-yyyy 'mm'").map((i) => i.kind)).toEqual(['day', 'text', 'minute', 'text', 'year', 'text']);
  });
});

describe('month and day names in the language of the field', () => {
  it.each([
    ['da-DK', 'dddd d. MMMM yyyy', 'fredag 1. maj 2026'],
    ['da-DK', 'd. MMM yyyy', '1. maj 2026'],
    ['en-US', 'dddd, MMMM d, yyyy', 'Friday, May 1, 2026'],
    ['en-GB', 'ddd d MMM yyyy', 'Fri 1 May 2026'],
    ['de-DE', 'dddd, d. MMMM yyyy', 'Freitag, 1. Mai 2026'],
    ['fr-FR', 'dddd d MMMM yyyy', 'vendredi 1 mai 2026'],
    // A Monday: Swedish and Danish write 1 May alike, not måndag/mandag.
    ['sv-SE', 'dddd d MMMM yyyy', 'måndag 4 maj 2026'],
    ['nb-NO', 'dddd d. MMMM yyyy', 'fredag 1. mai 2026'],
    ['kl-GL', 'MMMM', 'maaji'],
  ])('%s: %s gives %j', (lang, picture, expected) => expect(date(lang === 'sv-SE' ? '2026-05-04' : '2026-05-01', picture, lang)).toBe(expected));

  it('gives the names Word gives where CLDR writes them otherwise: no full stop after an abbreviation, US English everywhere', () => {
    expect(DANISH.monthsShort).toEqual(['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']);
    expect(DANISH.months.slice(0, 3)).toEqual(['januar', 'februar', 'marts']);
    expect(localeFor('fr-FR').monthsShort.slice(0, 2)).toEqual(['janv', 'févr']);
    expect(localeFor('en-GB').monthsShort[8]).toBe('Sep');
    expect(localeFor('de-DE').months[2]).toBe('März');
    expect(localeFor('fr-FR').months[5]).toBe('juin');
  });

  it('takes the form a language writes with a day number when the picture shows the day', () => {
    expect(date('2026-01-05', 'd MMMM yyyy', 'pl-PL')).toBe('5 stycznia 2026');
    expect(date('2026-01-05', 'MMMM yyyy', 'pl-PL')).toBe('styczeń 2026');
  });

  it('reads the names from Intl when a name is first asked for, not when the module loads, and once per language', async () => {
    const Real = Intl.DateTimeFormat;
    const made: string[] = [];
    const Counting = function (this: unknown, locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      made.push(String(locales));
      return new Real(locales, options);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(Counting, { supportedLocalesOf: Real.supportedLocalesOf.bind(Real) });
    Intl.DateTimeFormat = Counting;
    try {
      vi.resetModules();
      const fresh = await import('../../src/format/locale.js');
      const fr = fresh.localeFor('fr-FR');
      expect(made).toEqual([]);
      expect(fresh.DANISH.months[4]).toBe('maj');
      expect(made.length).toBeGreaterThan(0);
      expect(made.every((tag) => tag === 'da')).toBe(true);
      const afterDanish = made.length;
      expect([fresh.DANISH.days[1], fresh.DANISH.monthsShort[0]]).toEqual(['mandag', 'jan']);
      expect(made.length).toBe(afterDanish);
      expect(fr.months[4]).toBe('mai');
      expect(fresh.localeFor('fr-FR').daysShort[1]).toBe('lun');
      expect(made.slice(afterDanish).every((tag) => tag === 'fr-FR')).toBe(true);
      expect(made.length).toBe(afterDanish * 2);
    } finally {
      Intl.DateTimeFormat = Real;
      vi.resetModules();
    }
  });

  it('falls back to Danish for a language the platform does not know, and never throws on a strange tag', () => {
    for (const tag of ['xx-YY', 'x-none', '', '  ', 'i-klingon', 'da_DK', '-', 'en-', 'zz-999-abc']) {
      expect(() => localeFor(tag)).not.toThrow();
    }
    expect(localeFor('xx-YY')).toBe(DANISH);
    expect(localeFor('en-AU')).toBe(ENGLISH);
  });

  it("reads a document variable's numeric date in the machine's order (Word-saved 1/31/2014 is 31 January on an English machine)", () => {
    expect(parseDate('1/31/2014', ENGLISH)).toMatchObject({ year: 2014, month: 1, day: 31 });
    expect(parseDate('1/31/2014')).toBeUndefined();
    expect(parseDate('31/1/2014')).toMatchObject({ month: 1, day: 31 });
    expect(parseDate('1/5/2026 2:30 PM', ENGLISH)).toMatchObject({ month: 1, day: 5, hour: 14, minute: 30 });
    expect(parseDate('5.1.2026 14.30')).toMatchObject({ month: 1, day: 5, hour: 14, minute: 30 });
    // The cached results of the Open-Xml-PowerTools calendar: MMMM, yyyy, dddd of 1/1/2014, d of 1/31/2014.
    const start = parseDate('1/1/2014', ENGLISH)!;
    expect(['MMMM', 'yyyy', 'dddd'].map((p) => formatDatePicture(start, p, ENGLISH))).toEqual(['January', '2014', 'Wednesday']);
    expect(formatDatePicture(parseDate('1/31/2014', ENGLISH)!, 'd', ENGLISH)).toBe('31');
  });
});

describe('\\# numeric pictures', () => {
  it('writes a sign between digit slots in its place, so a negative value keeps its minus', () => {
    // Microsoft: "-" adds a minus to a negative result, or a space; "+" a plus, or a minus.
    expect(formatNumberPicture(-1234, '00-00', ENGLISH)).toBe('12-34');
    expect(formatNumberPicture(1234, '00-00', ENGLISH)).toBe('12 34');
    expect(formatNumberPicture(12, '0+0', DANISH)).toBe('1+2');
    expect(formatNumberPicture(-12, '0+0', DANISH)).toBe('1-2');
  });
});

describe('\\* number formats', () => {
  it.each([
    ['Alphabetic', '1', 'A'],
    ['ALPHABETIC', '27', 'AA'],
    ['alphabetic', '28', 'bb'],
    ['ALPHABETIC', '54', 'BBB'],
    ['Roman', '1994', 'MCMXCIV'],
    ['roman', '4', 'iv'],
    ['ROMAN', '4000', 'MMMM'],
    ['Roman', '32767', 'M'.repeat(32) + 'DCCLXVII'],
    ['Arabic', '12,6', '13'],
    ['ArabicDash', '7', '- 7 -'],
    ['Hex', '458', '1CA'],
    ['Hex', '255', 'FF'],
  ])('\\* %s on %s gives %j (the case of the first letter decides)', (format, text, expected) => expect(fmt(text, format)).toBe(expected));

  it('refuses what Word cannot write, as Word says "Number cannot be represented in specified format"', () => {
    expect(['0', '32768', '-1'].map((n) => fmt(n, 'Roman'))).toEqual(['out-of-range', 'out-of-range', 'out-of-range']);
    expect(['0', '781'].map((n) => fmt(n, 'alphabetic'))).toEqual(['out-of-range', 'out-of-range']);
    expect(fmt('1000000', 'CardText')).toBe('out-of-range');
    expect(fmt('tolv', 'Roman')).toBe('not-a-number');
    expect(fmt('12', 'Fed')).toBe('unsupported');
  });

  it('writes English words as Microsoft documents them', () => {
    expect(fmt('790', 'CardText', 'en-US')).toBe('seven hundred ninety');
    expect(fmt('123', 'CardText', 'en-US')).toBe('one hundred twenty-three');
    expect(fmt('0', 'CardText', 'en-US')).toBe('zero');
    expect(fmt('999999', 'CardText', 'en-US')).toBe('nine hundred ninety-nine thousand nine hundred ninety-nine');
    expect(fmt('21', 'OrdText', 'en-US')).toBe('twenty-first');
    expect(fmt('1234,567', 'OrdText', 'en-US')).toBe('one thousand two hundred thirty-fifth');
    expect(['12', '20', '3', '100'].map((n) => fmt(n, 'OrdText', 'en-US'))).toEqual(['twelfth', 'twentieth', 'third', 'one hundredth']);
    expect(fmt('1234,567', 'DollarText', 'en-US')).toBe('one thousand two hundred thirty-four and 57/100');
    expect(fmt('14,55', 'DollarText', 'en-US')).toBe('fourteen and 55/100');
    expect(['1', '2', '3', '11', '12', '13', '21', '32', '112'].map((n) => fmt(n, 'Ordinal', 'en-US'))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '11th',
      '12th',
      '13th',
      '21st',
      '32nd',
      '112th',
    ]);
  });

  it('writes Danish words in the field language Danish', () => {
    expect(['1', '2', '21', '45', '50', '99'].map((n) => fmt(n, 'CardText'))).toEqual(['en', 'to', 'enogtyve', 'femogfyrre', 'halvtreds', 'nioghalvfems']);
    expect(fmt('100', 'CardText')).toBe('et hundrede');
    expect(fmt('123', 'CardText')).toBe('et hundrede og treogtyve');
    expect(fmt('1000', 'CardText')).toBe('et tusind');
    expect(fmt('1005', 'CardText')).toBe('et tusind og fem');
    expect(fmt('2345', 'CardText')).toBe('to tusind tre hundrede og femogfyrre');
    expect(['1', '2', '3', '4', '7', '21', '30', '50', '100'].map((n) => fmt(n, 'OrdText'))).toEqual([
      'første',
      'anden',
      'tredje',
      'fjerde',
      'syvende',
      'enogtyvende',
      'tredivte',
      'halvtredsindstyvende',
      'et hundrede',
    ]);
    expect(fmt('1234,5', 'DollarText')).toBe('et tusind to hundrede og fireogtredive og 50/100');
    expect(fmt('3', 'Ordinal')).toBe('3.');
  });

  it('refuses words and ordinals in a language it has no words for, rather than guess', () => {
    expect(fmt('3', 'CardText', 'de-DE')).toBe('language');
    expect(fmt('3', 'Ordinal', 'fr-FR')).toBe('language');
    expect(fmt('3', 'Roman', 'fr-FR')).toBe('III');
  });
});

describe('properties', () => {
  const fromRoman = (s: string): number => {
    const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
    let n = 0;
    for (let i = 0; i < s.length; i++) n += v[s[i]!]! < (v[s[i + 1]!] ?? 0) ? -v[s[i]!]! : v[s[i]!]!;
    return n;
  };
  const fromAlphabetic = (s: string): number => (s.length - 1) * 26 + (s.charCodeAt(0) - 64);

  it('Roman numerals read back to the number, for 1 to 32767', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32767 }),
        (n) => fromRoman(roman(n)) === n && /^M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(roman(n)),
      ),
    );
  });

  it('alphabetic numbering reads back to the number, for 1 to 780', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 780 }), (n) => fromAlphabetic(alphabetic(n)) === n && new Set(alphabetic(n)).size === 1));
  });

  it('Hex reads back to the number', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseInt(fmt(String(n), 'Hex')!, 16) === n));
  });

  it('Danish and English words exist for every number 0 to 999,999 and never repeat a neighbour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_998 }), fc.constantFrom('da', 'en'), (n, lang) => {
        const a = fmt(String(n), 'CardText', lang)!;
        const b = fmt(String(n + 1), 'CardText', lang)!;
        return /^[a-zæøå -]+$/.test(a) && a !== b && /^[a-zæøå -]+$/.test(fmt(String(n), 'OrdText', lang)!);
      }),
    );
  });

  const pictureChar = fc.constantFrom('0', '#', 'x', '.', ',', '-', '+', ';', "'", '%', '$', ' ', 'k', 'r');
  it('a numeric picture never throws for any finite number, in either machine locale', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.array(pictureChar, { maxLength: 16 }).map((a) => a.join('')),
        (v, picture) => {
          expect(typeof formatNumberPicture(v, picture, DANISH)).toBe('string');
          expect(typeof formatNumberPicture(v, picture, ENGLISH)).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a date picture never throws for any picture text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (picture) => typeof date('2026-12-31T23:59:59', picture) === 'string'));
  });
});
