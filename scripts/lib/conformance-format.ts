/**
 * The switches the stale checks of the conformance corpus apply to an expected text: `\@` date
 * pictures (English, unambiguous dates) and the `\*` case and number formats. Small and
 * independent of kp-brev's formatter, which the corpus is there to test.
 */
import { argumentText } from '../../src/fieldcode/index.js';
import type { FieldNode } from '../../src/ooxml/fields.js';
import { switchesOfField } from './conformance-classify.js';

/** Applies `\* Upper/Lower/Caps/FirstCap` to an expected text; undefined when other pictures or
 * formats apply. Caps and FirstCap only raise first letters here (whether Word also lowers the
 * rest is not settled by this check). */
export function caseSwitches(f: FieldNode, text: string): string | undefined {
  for (const s of switchesOfField(f)) {
    const arg = s.argument ? argumentText(s.argument).toUpperCase() : '';
    if (s.name === '*') {
      if (arg === 'MERGEFORMAT' || arg === 'CHARFORMAT') continue;
      if (arg === 'ARABIC' && /^\d+$/.test(text)) continue;
      const raw = s.argument ? argumentText(s.argument) : '';
      if ((arg === 'ALPHABETIC' || arg === 'ROMAN') && /^\d+$/.test(text) && Number(text) > 0) {
        const n = Number(text);
        const t = arg === 'ROMAN' ? roman(n) : String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.ceil(n / 26));
        text = /^[A-Z]/.test(raw) ? t : t.toLowerCase();
        continue;
      }
      if (arg === 'UPPER') text = text.toUpperCase();
      else if (arg === 'LOWER') text = text.toLowerCase();
      else if (arg === 'CAPS') text = text.replace(/(^|\s)(\S)/gu, (_, sp: string, c: string) => sp + c.toUpperCase());
      else if (arg === 'FIRSTCAP') text = text.replace(/^(\s*)(\S)/u, (_, sp: string, c: string) => sp + c.toUpperCase());
      else return undefined;
    } else if (s.name === '#') return undefined;
    else if (s.name === '@') {
      const dated = s.argument ? datePicture(text, argumentText(s.argument)) : undefined;
      if (dated === undefined) return undefined;
      text = dated;
    }
  }
  return text;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, r] of table) while (n >= v) [out, n] = [out + r, n - v];
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A date picture in English on an unambiguous date (ISO `yyyy-mm-dd`, or `m/d/yyyy` where the
 * day/month order cannot be mistaken): items d dd ddd dddd M MM MMM MMMM yy yyyy, other characters
 * literally. Anything else (times, quoted text, ambiguous dates) is left unchecked.
 */
function datePicture(value: string, picture: string): string | undefined {
  const v = value.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us && (us[1] === us[2] || Number(us[2]) > 12)) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return undefined;
  if (m < 1 || m > 12 || d < 1 || d > 31 || /[hHsmAP'"]/.test(picture)) return undefined;
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const items: Record<string, string> = {
    dddd: DAYS[day]!,
    ddd: DAYS[day]!.slice(0, 3),
    dd: String(d).padStart(2, '0'),
    d: String(d),
    MMMM: MONTHS[m - 1]!,
    MMM: MONTHS[m - 1]!.slice(0, 3),
    MM: String(m).padStart(2, '0'),
    M: String(m),
    yyyy: String(y),
    yy: String(y % 100).padStart(2, '0'),
  };
  return picture.trim().replace(/dddd|ddd|dd|d|MMMM|MMM|MM|M|yyyy|yy/g, (t) => items[t]!);
}
