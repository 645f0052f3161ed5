/**
 * Dates in case data and Word's date-time pictures (`\@`).
 *
 * Case data carries ISO dates (`2026-01-05`, `2026-01-05T14:30:00`); Danish numeric dates
 * (`5-1-2026`, `05.01.2026`, `5/1/2026`, day first) are read too. A date is a calendar date and a
 * wall-clock time as written: no time-zone arithmetic, so a letter dated 5 January says so.
 */
import type { FieldLocale } from './locale.js';

export interface WallDate {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DANISH = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

export function parseDate(text: string): WallDate | undefined {
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
  } else if ((m = DANISH.exec(t))) {
    d = { year: +m[3]!, month: +m[2]!, day: +m[1]!, hour: 0, minute: 0, second: 0 };
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

/** Formats a date by a Word date-time picture: `d. MMMM yyyy` gives `5. januar 2026` in Danish. */
export function formatDatePicture(d: WallDate, picture: string, locale: FieldLocale): string {
  let out = '';
  let i = 0;
  const run = (ch: string): number => {
    let n = 0;
    while (picture[i + n] === ch) n++;
    return n;
  };
  while (i < picture.length) {
    const ch = picture[i]!;
    if (ch === "'") {
      const close = picture.indexOf("'", i + 1);
      out += close < 0 ? picture.slice(i + 1) : picture.slice(i + 1, close);
      i = close < 0 ? picture.length : close + 1;
      continue;
    }
    if (picture.startsWith('AM/PM', i) || picture.startsWith('am/pm', i)) {
      const s = d.hour < 12 ? locale.am : locale.pm;
      out += ch === 'a' ? s.toLowerCase() : s;
      i += 5;
      continue;
    }
    if (picture.startsWith('A/P', i) || picture.startsWith('a/p', i)) {
      const s = d.hour < 12 ? 'A' : 'P';
      out += ch === 'a' ? s.toLowerCase() : s;
      i += 3;
      continue;
    }
    const n = run(ch);
    switch (ch) {
      case 'd':
      case 'D':
        out += n === 1 ? String(d.day) : n === 2 ? pad(d.day, 2) : n === 3 ? locale.daysShort[weekday(d)] : locale.days[weekday(d)];
        break;
      case 'M':
        out +=
          n === 1 ? String(d.month) : n === 2 ? pad(d.month, 2) : n === 3 ? locale.monthsShort[d.month - 1] : locale.months[d.month - 1];
        break;
      case 'y':
      case 'Y':
        out += n <= 2 ? pad(d.year % 100, 2) : String(d.year);
        break;
      case 'H':
        out += n === 1 ? String(d.hour) : pad(d.hour, 2);
        break;
      case 'h': {
        const h12 = d.hour % 12 === 0 ? 12 : d.hour % 12;
        out += n === 1 ? String(h12) : pad(h12, 2);
        break;
      }
      case 'm':
        out += n === 1 ? String(d.minute) : pad(d.minute, 2);
        break;
      case 's':
      case 'S':
        out += n === 1 ? String(d.second) : pad(d.second, 2);
        break;
      default:
        out += ch.repeat(n);
    }
    i += n;
  }
  return out;
}
