/**
 * Dates in case data and Word's date-time pictures (`\@`).
 *
 * Case data carries ISO dates (`2026-01-05`, `2026-01-05T14:30:00`); numeric dates are read in
 * the machine's order, as Word reads a date typed into a document or a document variable: day
 * first on a Danish machine (`5-1-2026`, `05.01.2026`, `5/1/2026`), month first on an English
 * (US) one (`1/31/2014`), optionally with a time (`14:30`, `2:30 PM`). A date is a calendar date
 * and a wall-clock time as written: no time-zone arithmetic, so a letter dated 5 January says so.
 */
import { DANISH as DANISH_MACHINE, isEnglish, type FieldLocale } from './locale.js';

export interface WallDate {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

/** Reads a date; `machine` decides the order of numeric dates (Danish by default). */
export function parseDate(text: string, machine: FieldLocale = DANISH_MACHINE): WallDate | undefined {
  const t = text.trim();
  let m = ISO.exec(t);
  let d: WallDate | undefined;
  if (m) {
    d = {
      year: +m[1]!,
      month: +m[2]!,
      day: +m[3]!,
      hour: m[4] ? +m[4] : 0,
      minute: m[5] ? +m[5] : 0,
      second: m[6] ? +m[6] : 0,
    };
  } else if ((m = NUMERIC.exec(t))) {
    const monthFirst = isEnglish(machine);
    let hour = m[4] ? +m[4] : 0;
    const half = m[7]?.toLowerCase();
    if (half && (hour < 1 || hour > 12)) return undefined;
    if (half === 'p' && hour < 12) hour += 12;
    if (half === 'a' && hour === 12) hour = 0;
    d = {
      year: +m[3]!,
      month: monthFirst ? +m[1]! : +m[2]!,
      day: monthFirst ? +m[2]! : +m[1]!,
      hour,
      minute: m[5] ? +m[5] : 0,
      second: m[6] ? +m[6] : 0,
    };
  }
  if (!d || !valid(d)) return undefined;
  return d;
}

function valid(d: WallDate): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.hour > 23 || d.minute > 59 || d.second > 59) return false;
  return d.day <= new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
}

function weekday(d: WallDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** One item of a date-time picture. `width` is how many letters the item was written with. */
export type DatePictureItem =
  | { kind: 'day' | 'month' | 'year' | 'hour12' | 'hour24' | 'minute' | 'second'; width: number; /** offset in the picture */ at: number }
  | { kind: 'ampm'; letters: 'AM/PM' | 'am/pm' | 'A/P' | 'a/p' }
  | { kind: 'text'; text: string };

const LETTER_ITEMS: Record<string, Exclude<DatePictureItem['kind'], 'ampm' | 'text'>> = {
  d: 'day',
  D: 'day',
  M: 'month',
  y: 'year',
  Y: 'year',
  h: 'hour12',
  H: 'hour24',
  m: 'minute',
  s: 'second',
  S: 'second',
};

/**
 * Reads a Word date-time picture into its items. Letters are case-sensitive where Word tells
 * them apart (`M` month, `m` minute; `h` 12-hour, `H` 24-hour); `D`, `Y`, `S` are read as
 * `d`, `y`, `s`, as Word does. `'text'` is literal (an unclosed quote runs to the end), and so
 * is every other character.
 */
export function datePictureItems(picture: string): DatePictureItem[] {
  const items: DatePictureItem[] = [];
  const text = (t: string): void => {
    const last = items[items.length - 1];
    if (last && last.kind === 'text') last.text += t;
    else items.push({ kind: 'text', text: t });
  };
  let i = 0;
  while (i < picture.length) {
    const ch = picture[i]!;
    if (ch === "'") {
      const close = picture.indexOf("'", i + 1);
      text(close < 0 ? picture.slice(i + 1) : picture.slice(i + 1, close));
      i = close < 0 ? picture.length : close + 1;
      continue;
    }
    const ampm = (['AM/PM', 'am/pm', 'A/P', 'a/p'] as const).find((a) => picture.startsWith(a, i));
    if (ampm) {
      items.push({ kind: 'ampm', letters: ampm });
      i += ampm.length;
      continue;
    }
    const kind = LETTER_ITEMS[ch];
    if (!kind) {
      text(ch);
      i++;
      continue;
    }
    let n = 1;
    while (picture[i + n] === ch || (kind === 'day' || kind === 'year' || kind === 'second' ? picture[i + n]?.toLowerCase() === ch.toLowerCase() : false)) n++;
    items.push({ kind, width: n, at: i });
    i += n;
  }
  return items;
}

/**
 * Formats a date by a Word date-time picture: `d. MMMM yyyy` gives `5. januar 2026` in Danish.
 * Names come from the field's language (locale.ts); `MMMM` takes the form a language writes
 * with a day number when the picture shows one (Polish `5 stycznia`, Danish `5. januar`).
 * `AM/PM` and `am/pm` both write the machine's designators (`PM`), as Microsoft documents
 * (`{ TIME \@ "h am/pm" }` displays "5 PM"); `A/P` and `a/p` write the letter in the case given.
 */
export function formatDatePicture(d: WallDate, picture: string, locale: FieldLocale): string {
  const items = datePictureItems(picture);
  const withDay = items.some((it) => it.kind === 'day' && it.width <= 2);
  let out = '';
  for (const it of items) {
    switch (it.kind) {
      case 'text':
        out += it.text;
        break;
      case 'ampm': {
        const pm = d.hour >= 12;
        if (it.letters.length === 5) out += pm ? locale.pm : locale.am;
        else out += it.letters === 'A/P' ? (pm ? 'P' : 'A') : pm ? 'p' : 'a';
        break;
      }
      case 'day':
        out += it.width === 1 ? String(d.day) : it.width === 2 ? pad(d.day, 2) : it.width === 3 ? locale.daysShort[weekday(d)] : locale.days[weekday(d)];
        break;
      case 'month':
        out +=
          it.width === 1
            ? String(d.month)
            : it.width === 2
              ? pad(d.month, 2)
              : it.width === 3
                ? locale.monthsShort[d.month - 1]
                : (withDay ? locale.monthsWithDay : locale.months)[d.month - 1];
        break;
      case 'year':
        out += it.width <= 2 ? pad(d.year % 100, 2) : String(d.year);
        break;
      case 'hour24':
        out += it.width === 1 ? String(d.hour) : pad(d.hour, 2);
        break;
      case 'hour12': {
        const h12 = d.hour % 12 === 0 ? 12 : d.hour % 12;
        out += it.width === 1 ? String(h12) : pad(h12, 2);
        break;
      }
      case 'minute':
        out += it.width === 1 ? String(d.minute) : pad(d.minute, 2);
        break;
      case 'second':
        out += it.width === 1 ? String(d.second) : pad(d.second, 2);
        break;
    }
  }
  return out;
}
