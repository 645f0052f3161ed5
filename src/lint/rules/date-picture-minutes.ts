/**
 * date-picture-minutes: a date picture with `mm` (minutes) beside the day or the year and no
 * hour, such as `\@ "dd-mm-yyyy"`. Word renders minutes there, so the letter says "15-00-2025";
 * the month is `MM`. A warning, not an error: the picture is valid, just almost never meant.
 */
import { argumentText, switchesOf } from '../../fieldcode/index.js';
import { datePictureItems } from '../../format/date.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult } from '../helpers.js';

/** True when the picture shows minutes with a day or year but no hour. */
export function minutesForMonth(picture: string): boolean {
  const kinds = new Set(datePictureItems(picture).map((i) => i.kind));
  return kinds.has('minute') && (kinds.has('day') || kinds.has('year')) && !kinds.has('hour12') && !kinds.has('hour24');
}

/** The picture with every minute letter outside quotes written as month: `dd-mm-yyyy` gives `dd-MM-yyyy`. */
export function monthPicture(picture: string): string {
  let out = '';
  let quoted = false;
  for (const ch of picture) {
    if (ch === "'") quoted = !quoted;
    out += !quoted && ch === 'm' ? 'M' : ch;
  }
  return out;
}

export const datePictureMinutes: Rule = {
  meta: {
    id: 'date-picture-minutes',
    severity: 'warning',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et datoformat med mm (minutter) ved siden af dag eller år og uden time, fx \\@ "dd-mm-yyyy". Word skriver minutterne, så brevet siger "15-00-2025"; måneden skrives MM.',
      en: 'A date picture with mm (minutes) beside the day or year and no hour, such as \\@ "dd-mm-yyyy". Word writes the minutes, so the letter says "15-00-2025"; the month is MM.',
    },
    messages: {
      minutes: {
        da: 'Datoformatet "{picture}" viser minutter (mm), ikke måneden; brevet får fx "15-00-2025". Skriv "{suggestion}".',
        en: 'The date picture "{picture}" shows minutes (mm), not the month; the letter gets e.g. "15-00-2025". Write "{suggestion}".',
      },
    },
    examples: [
      { valid: false, description: { da: 'mm mellem dag og år.', en: 'mm between day and year.' }, doc: { body: ['Dato: { MERGEFIELD Brev.Dato \\@ "dd-mm-yyyy" }'] } },
      { valid: false, description: { da: 'm i en dato uden klokkeslæt.', en: 'm in a date without a time.' }, doc: { body: ['Frist: { MERGEFIELD Klage.Frist \\@ "d/m yyyy" }'] } },
      { valid: true, description: { da: 'Måneden skrevet MM.', en: 'The month written MM.' }, doc: { body: ['Dato: { MERGEFIELD Brev.Dato \\@ "dd-MM-yyyy" }'] } },
      { valid: true, description: { da: 'Minutter i et klokkeslæt.', en: 'Minutes in a time.' }, doc: { body: ['Mødet: { MERGEFIELD Moede.Tid \\@ "d. MMMM yyyy \'kl.\' HH:mm" }'] } },
    ],
  },
  check(model, ctx) {
    for (const f of model.fields) {
      if (inCachedResult(f)) continue;
      for (const s of switchesOf(f.parsed.instruction)) {
        if (s.name !== '@' || !s.argument) continue;
        const picture = argumentText(s.argument);
        if (minutesForMonth(picture)) ctx.report('minutes', { picture, suggestion: monthPicture(picture) }, { ...fieldPlace(model, f), offset: s.position.start });
      }
    }
  },
};
