/**
 * What a field's language changes: digit grouping and decimal symbols in numeric pictures, and
 * month and day names in date pictures. Word uses the language of the run that holds the
 * instruction; KP's templates are Danish, so Danish is the fallback.
 */
export interface FieldLocale {
  id: 'da' | 'en';
  decimal: string;
  group: string;
  months: readonly string[];
  monthsShort: readonly string[];
  days: readonly string[];
  daysShort: readonly string[];
  am: string;
  pm: string;
}

export const DANISH: FieldLocale = {
  id: 'da',
  decimal: ',',
  group: '.',
  months: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  monthsShort: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  days: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  daysShort: ['søn', 'man', 'tir', 'ons', 'tor', 'fre', 'lør'],
  am: 'AM',
  pm: 'PM',
};

export const ENGLISH: FieldLocale = {
  id: 'en',
  decimal: '.',
  group: ',',
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  daysShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  am: 'AM',
  pm: 'PM',
};

/**
 * The locale for a `w:lang` value. Danish for da-*, nb/nn/sv are close enough to take Danish
 * separators but not names, so only da and en are distinguished; anything else is Danish,
 * the language KP's templates are written in.
 */
export function localeFor(lang: string | undefined): FieldLocale {
  if (!lang) return DANISH;
  const l = lang.toLowerCase();
  if (l === 'en' || l.startsWith('en-')) return ENGLISH;
  return DANISH;
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
