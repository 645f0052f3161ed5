/**
 * A MERGEFIELD's value as text: case data + the field's switches (`\#`, `\@`, `\b`, `\f`, `\*`).
 */
import { argumentText, type Switch } from '../fieldcode/index.js';
import { formatDatePicture, parseDate } from '../format/date.js';
import type { FieldLocales } from '../format/locale.js';
import { displayNumber, formatNumberPicture, parseLocaleNumber } from '../format/number.js';
import { applyFormat, isCharacterFormat } from '../format/text.js';
import type { Scalar } from '../context/context.js';

export type ValueOutcome =
  | { ok: true; text: string; blank: boolean }
  | { ok: false; code: 'render.not-a-number' | 'render.not-a-date' | 'render.unsupported-format'; params: Record<string, string> };

/** Case data shown without a picture: strings as they are, numbers Danish style. */
export function displayScalar(value: Scalar, locales: FieldLocales): string {
  if (value === null) return '';
  if (typeof value === 'number') return displayNumber(value, locales.number);
  if (typeof value === 'boolean') return locales.language.id === 'da' ? (value ? 'Ja' : 'Nej') : value ? 'Yes' : 'No';
  return value;
}

/** Turns a value into the field's result text, applying its switches in Word's order. */
export function formatValue(name: string, value: Scalar, switches: readonly Switch[], locales: FieldLocales): ValueOutcome {
  let text = displayScalar(value, locales);
  const blank = text === '';
  const picture = switches.find((s) => (s.name === '#' || s.name === '@') && s.argument);
  if (picture && !blank) {
    const pic = argumentText(picture.argument!);
    if (picture.name === '#') {
      const n = typeof value === 'number' ? value : parseLocaleNumber(String(value), locales.number);
      if (n === undefined) return { ok: false, code: 'render.not-a-number', params: { field: name, value: text, picture: pic } };
      text = formatNumberPicture(n, pic, locales.number);
    } else {
      const d = typeof value === 'string' ? parseDate(value) : undefined;
      if (!d) return { ok: false, code: 'render.not-a-date', params: { field: name, value: text, picture: pic } };
      text = formatDatePicture(d, pic, locales.language);
    }
  }
  if (!blank) {
    const before = switches.find((s) => s.name.toLowerCase() === 'b' && s.argument);
    const after = switches.find((s) => s.name.toLowerCase() === 'f' && s.argument);
    if (before) text = argumentText(before.argument!) + text;
    if (after) text = text + argumentText(after.argument!);
  }
  const formatted = applyCaseFormats(text, switches, locales, name);
  if (!formatted.ok) return formatted;
  return { ok: true, text: formatted.text, blank };
}

/** Applies the `\*` switches in order (MERGEFORMAT and CHARFORMAT change no text). */
export function applyCaseFormats(
  text: string,
  switches: readonly Switch[],
  locales: FieldLocales,
  field: string,
): { ok: true; text: string } | { ok: false; code: 'render.unsupported-format' | 'render.not-a-number'; params: Record<string, string> } {
  for (const s of switches) {
    if (s.name !== '*' || !s.argument) continue;
    const format = argumentText(s.argument);
    if (isCharacterFormat(format)) continue;
    const r = applyFormat(text, format, locales.language, locales.number);
    if (!r.ok) {
      return r.reason === 'unsupported'
        ? { ok: false, code: 'render.unsupported-format', params: { format } }
        : { ok: false, code: 'render.not-a-number', params: { field, value: text, picture: `\\* ${format}` } };
    }
    text = r.text;
  }
  return { ok: true, text };
}

/** True when the switches ask to keep the previous result's formatting. */
export function hasMergeFormat(switches: readonly Switch[]): boolean {
  return switches.some((s) => s.name === '*' && s.argument && argumentText(s.argument).toLowerCase() === 'mergeformat');
}
