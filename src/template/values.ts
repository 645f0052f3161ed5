/**
 * A MERGEFIELD's value as text: case data + the field's switches (`\#`, `\@`, `\b`, `\f`, `\*`).
 */
import { argumentText, type Switch } from '../fieldcode/index.js';
import { formatDatePicture, parseDate } from '../format/date.js';
import { isEnglish, type FieldLocales } from '../format/locale.js';
import { displayNumber, parseLocaleNumber } from '../format/number.js';
import { formatNumberPicture } from '../format/number-picture.js';
import { applyFormat, isCharacterFormat } from '../format/text.js';
import type { Scalar } from '../context/context.js';
import type { FieldType } from './catalog-types.js';

/** Why a value or a format could not be shown. */
export type FormatCode = 'render.not-a-number' | 'render.not-a-date' | 'render.unsupported-format' | 'render.format-range' | 'render.format-language';

export type ValueOutcome = { ok: true; text: string; blank: boolean } | { ok: false; code: FormatCode; params: Record<string, string> };

/** Case data shown without a picture: strings as they are, numbers Danish style. */
export function displayScalar(value: Scalar, locales: FieldLocales): string {
  if (value === null) return '';
  if (typeof value === 'number') return displayNumber(value, locales.number);
  if (typeof value === 'boolean') return isEnglish(locales.language) ? (value ? 'Yes' : 'No') : value ? 'Ja' : 'Nej';
  return value;
}

/** Turns a value into the field's result text, applying its switches in Word's order. */
export function formatValue(name: string, value: Scalar, switches: readonly Switch[], locales: FieldLocales, type?: FieldType): ValueOutcome {
  let text = displayScalar(value, locales);
  const blank = text === '';
  const picture = switches.find((s) => (s.name === '#' || s.name === '@') && s.argument);
  if (!picture && !blank && type && type !== 'tekst') {
    const typed = formatTyped(name, value, type, locales);
    if (!typed.ok) return typed;
    text = typed.text;
  }
  if (picture && !blank) {
    const pic = argumentText(picture.argument!);
    if (picture.name === '#') {
      const n = typeof value === 'number' ? value : parseLocaleNumber(String(value), locales.number);
      if (n === undefined || !Number.isFinite(n)) return { ok: false, code: 'render.not-a-number', params: { field: name, value: text, picture: pic } };
      text = formatNumberPicture(n, pic, locales.number);
    } else {
      const d = typeof value === 'string' ? parseDate(value, locales.number) : undefined;
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
): { ok: true; text: string } | { ok: false; code: FormatCode; params: Record<string, string> } {
  for (const s of switches) {
    if (s.name !== '*' || !s.argument) continue;
    const format = argumentText(s.argument);
    if (isCharacterFormat(format)) continue;
    const r = applyFormat(text, format, locales.language, locales.number);
    if (!r.ok)
      return { ok: false, code: FORMAT_FAILURE[r.reason], params: { field, value: text, picture: `\\* ${format}`, format, lang: locales.language.id } };
    text = r.text;
  }
  return { ok: true, text };
}

const FORMAT_FAILURE = {
  unsupported: 'render.unsupported-format',
  'not-a-number': 'render.not-a-number',
  'out-of-range': 'render.format-range',
  language: 'render.format-language',
} as const satisfies Record<string, FormatCode>;

/** True when the switches ask to keep the previous result's formatting. */
export function hasMergeFormat(switches: readonly Switch[]): boolean {
  return switches.some((s) => s.name === '*' && s.argument && argumentText(s.argument).toLowerCase() === 'mergeformat');
}

const TYPE_PICTURES = {
  da: { beloeb: '.0,00', dato: 'd. MMMM yyyy' },
  en: { beloeb: ',0.00', dato: 'MMMM d, yyyy' },
} as const;

/** Catalog types shown the Danish way: `1.234,50 kr.`, `5. januar 2026`, `85 %`, `010150-1234`. */
export function formatTyped(name: string, value: Scalar, type: FieldType, locales: FieldLocales): ValueOutcome {
  const raw = displayScalar(value, locales);
  const pictures = TYPE_PICTURES[isEnglish(locales.number) ? 'en' : 'da'];
  switch (type) {
    case 'beloeb':
    case 'procent': {
      const n = typeof value === 'number' ? value : parseLocaleNumber(raw, locales.number);
      if (n === undefined || !Number.isFinite(n)) return { ok: false, code: 'render.not-a-number', params: { field: name, value: raw, picture: type } };
      if (type === 'procent') return { ok: true, text: `${displayScalar(n, locales)} %`, blank: false };
      return { ok: true, text: `${formatNumberPicture(n, pictures.beloeb, locales.number)} kr.`, blank: false };
    }
    case 'dato': {
      const d = typeof value === 'string' ? parseDate(value, locales.number) : undefined;
      if (!d) return { ok: false, code: 'render.not-a-date', params: { field: name, value: raw, picture: type } };
      return { ok: true, text: formatDatePicture(d, TYPE_PICTURES[isEnglish(locales.language) ? 'en' : 'da'].dato, locales.language), blank: false };
    }
    case 'cpr': {
      const digits = raw.replace(/\D/g, '');
      return { ok: true, text: digits.length === 10 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : raw, blank: false };
    }
    default:
      return { ok: true, text: raw, blank: raw === '' };
  }
}

/**
 * The truth of an IF written without an operator (`{ IF { MERGEFIELD x } "a" "b" }`), which Word
 * evaluates rather than refuses: false when the condition is empty or the number 0, true
 * otherwise. **Reading chosen** from a Word-saved file (Docxport.Net TestDocVariables.docx:
 * `IF { REF MissingBookmark } = "" "Empty" "Not Empty"` typed with literal braces shows `REF`).
 */
export function conditionHolds(condition: string, locales: FieldLocales): boolean {
  const text = condition.trim();
  if (text === '') return false;
  return parseLocaleNumber(text, locales.number) !== 0;
}
