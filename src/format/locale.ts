/**
 * What a field's language changes: digit grouping and decimal symbols in numeric pictures, and
 * month and day names in date pictures. Word uses the language of the run that holds the
 * instruction; KP's templates are Danish, so Danish is the fallback.
 *
 * Month and day names come from the platform's Unicode CLDR data (Intl.DateTimeFormat; Node
 * ships full ICU), for any language Word supports, with three documented corrections where
 * Word writes them otherwise (docs/word-fields.md, "Pictures and formats"):
 *   1. an abbreviated name loses a final full stop (CLDR `jan.`, `tirs.`; Word `jan`, the
 *      picture writes its own punctuation: `d. MMM yyyy` gives `5. jan 2026`);
 *   2. English of any region uses the US names (CLDR en-GB abbreviates September `Sept`);
 *   3. the AM/PM designators are the machine's (`AM`/`PM` on a Danish and an English Windows),
 *      not the language's (below).
 */
export interface FieldLocale {
  /** BCP 47 language tag: `da`, `en`, `fr-CH`, ... */
  readonly id: string;
  readonly decimal: string;
  readonly group: string;
  /** Full month names as they stand alone (`MMMM` in a picture without the day). */
  readonly months: readonly string[];
  /** Full month names as written with a day (`d MMMM`): the genitive in Polish, Russian, ... */
  readonly monthsWithDay: readonly string[];
  readonly monthsShort: readonly string[];
  /** Sunday first, as Date.getUTCDay counts. */
  readonly days: readonly string[];
  readonly daysShort: readonly string[];
  readonly am: string;
  readonly pm: string;
}

type Names = Pick<FieldLocale, 'months' | 'monthsWithDay' | 'monthsShort' | 'days' | 'daysShort'>;

const names = (tag: string): Names => {
  const fmt = (options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
  const part = (f: Intl.DateTimeFormat, date: Date, type: Intl.DateTimeFormatPartTypes): string =>
    f.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const month = (i: number): Date => new Date(Date.UTC(2026, i, 15));
  // 4 January 2026 is a Sunday.
  const day = (i: number): Date => new Date(Date.UTC(2026, 0, 4 + i));
  const noDot = (s: string): string => s.replace(/\.$/, '');
  const long = fmt({ month: 'long' });
  const withDay = fmt({ month: 'long', day: 'numeric' });
  const short = fmt({ month: 'short' });
  const weekday = fmt({ weekday: 'long' });
  const weekdayShort = fmt({ weekday: 'short' });
  const twelve = Array.from({ length: 12 }, (_, i) => i);
  const seven = Array.from({ length: 7 }, (_, i) => i);
  return {
    months: twelve.map((i) => part(long, month(i), 'month')),
    monthsWithDay: twelve.map((i) => part(withDay, month(i), 'month')),
    monthsShort: twelve.map((i) => noDot(part(short, month(i), 'month'))),
    days: seven.map((i) => part(weekday, day(i), 'weekday')),
    daysShort: seven.map((i) => noDot(part(weekdayShort, day(i), 'weekday'))),
  };
};

/** The designators of the machines kp-brev emulates (Danish and English Windows both write AM/PM). */
const MACHINE_AM_PM = { am: 'AM', pm: 'PM' } as const;

/** A locale whose names are read from Intl when first used (loading ICU's data takes a while,
 * and most commands never write a month name). */
function locale(id: string, decimal: string, group: string, tag = id): FieldLocale {
  let cached: Names | undefined;
  const get = (): Names => (cached ??= names(tag));
  return {
    id,
    decimal,
    group,
    ...MACHINE_AM_PM,
    get months() {
      return get().months;
    },
    get monthsWithDay() {
      return get().monthsWithDay;
    },
    get monthsShort() {
      return get().monthsShort;
    },
    get days() {
      return get().days;
    },
    get daysShort() {
      return get().daysShort;
    },
  };
}

export const DANISH: FieldLocale = locale('da', ',', '.');
export const ENGLISH: FieldLocale = locale('en', '.', ',', 'en-US');

/** True for English of any region. */
export function isEnglish(locale: FieldLocale): boolean {
  // Asked for every number a letter shows: answered once per locale object.
  let english = englishLocales.get(locale);
  if (english === undefined) englishLocales.set(locale, (english = primary(locale.id) === 'en'));
  return english;
}

const englishLocales = new WeakMap<FieldLocale, boolean>();

function primary(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0]!;
}

const cache = new Map<string, FieldLocale>();
const CACHE_LIMIT = 256;

/**
 * The locale for a `w:lang` value (`da-DK`, `fr-CH`, `de`): Danish for Danish, no value, or a
 * language the platform has no data for; English (US names) for every English; any other
 * language with its own names. Separators are Danish: the language names things, the machine
 * (RenderOptions.numberLocale) decides the symbols of numbers.
 */
export function localeFor(lang: string | undefined): FieldLocale {
  if (!lang) return DANISH;
  const key = lang.trim();
  const lead = primary(key);
  if (lead === 'da' || key === '') return DANISH;
  if (lead === 'en') return ENGLISH;
  const hit = cache.get(key);
  if (hit) return hit;
  let tag: string | undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(key.replace(/_/g, '-'));
    // A language ICU has no data for would silently fall back to the platform's default.
    if (canonical && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0) tag = canonical;
  } catch {
    tag = undefined;
  }
  const found = tag ? locale(tag, DANISH.decimal, DANISH.group) : DANISH;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, found);
  return found;
}

/**
 * The two locales a field uses. Word takes digit grouping and decimal symbols from the
 * machine's regional settings (a KP machine is Danish), and month and day names, case mapping
 * and ordinals from the language of the field's run.
 */
export interface FieldLocales {
  number: FieldLocale;
  language: FieldLocale;
}
