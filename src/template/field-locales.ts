/**
 * The locales a field formats with: the case's number symbols (the machine's regional settings
 * in Word) and the language of the field's text (month and day names), each language's locale
 * made once.
 */
import { localeFor, type FieldLocale, type FieldLocales } from '../format/locale.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { EvalEnv } from './eval-env.js';

const languages = new Map<string, FieldLocale>();

export function fieldLocales(f: FieldNode, env: EvalEnv): FieldLocales {
  const lang = f.lang ?? env.defaultLang;
  let language = lang === undefined ? undefined : languages.get(lang);
  if (!language) {
    language = localeFor(lang);
    if (lang !== undefined && languages.size < 256) languages.set(lang, language);
  }
  return { number: env.numberLocale, language };
}
