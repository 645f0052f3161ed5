/**
 * date-picture-minutes: a date picture with `mm` (minutes) beside the day or the year and not
 * beside an hour, such as `\@ "dd-mm-yyyy"` or the first `mm` of `\@ "dd-mm-yyyy HH:mm"`. Word
 * renders minutes there, so the letter says "15-00-2025"; the month is `MM`. A warning, not an error: the picture is valid, just almost never meant.
 */
import { argumentText, switchesOf } from '../../fieldcode/index.js';
import { datePictureItems } from '../../format/date.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult } from '../helpers.js';

/**
 * The minute items of a picture that stand where a month belongs: beside a day or a year (text
 * between them aside) and beside no hour or second. `dd-mm-yyyy` has one; so has the first `mm`
 * of `dd-mm-yyyy HH:mm`, whose second `mm` is the time's minutes.
 */
export function minutesForMonth(picture: string): Array<{ at: number; width: number }> {
  const items = datePictureItems(picture).filter((i) => i.kind !== 'text');
  const out: Array<{ at: number; width: number }> = [];
  items.forEach((item, n) => {
    if (item.kind !== 'minute') return;
    const neighbours = [items[n - 1]?.kind, items[n + 1]?.kind];
    const time = neighbours.some((k) => k === 'hour12' || k === 'hour24' || k === 'second' || k === 'ampm');
    const date = neighbours.some((k) => k === 'day' || k === 'year' || k === 'month');
    if (date && !time) out.push(item);
  });
  return out;
}

/** The picture with the minutes that stand for the month written as month: `dd-mm-yyyy HH:mm`
 * gives `dd-MM-yyyy HH:mm`. */
export function monthPicture(picture: string): string {
  let out = picture;
  for (const item of minutesForMonth(picture)) out = out.slice(0, item.at) + 'M'.repeat(item.width) + out.slice(item.at + item.width);
  return out;
}

export const datePictureMinutes: Rule = {
  meta: {
    id: 'date-picture-minutes',
    severity: 'warning',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et datoformat med mm (minutter) ved siden af dag eller år og ikke ved siden af en time, fx \\@ "dd-mm-yyyy" eller det første mm i \\@ "dd-mm-yyyy HH:mm". Word skriver minutterne, så brevet siger "15-00-2025"; måneden skrives MM.',
      en: 'A date picture with mm (minutes) beside the day or year and not beside an hour, such as \\@ "dd-mm-yyyy" or the first mm of \\@ "dd-mm-yyyy HH:mm". Word writes the minutes, so the letter says "15-00-2025"; the month is MM.',
    },
    messages: {
      minutes: {
        da: 'Datoformatet "{picture}" viser minutter (mm), ikke måneden; brevet får fx "15-00-2025". Skriv "{suggestion}".',
        en: 'The date picture "{picture}" shows minutes (mm), not the month; the letter gets e.g. "15-00-2025". Write "{suggestion}".',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'minutes', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'mm mellem dag og år.', en: 'mm between day and year.' },
        doc: { body: ['Dato: { MERGEFIELD Brev.Dato \\@ "dd-mm-yyyy" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'minutes', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'm i en dato uden klokkeslæt.', en: 'm in a date without a time.' },
        doc: { body: ['Frist: { MERGEFIELD Klage.Frist \\@ "d/m yyyy" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'minutes', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'mm som måned i en dato med klokkeslæt.', en: 'mm as the month in a date with a time.' },
        doc: { body: ['Modtaget: { MERGEFIELD Sag.Modtaget \\@ "dd-mm-yyyy HH:mm" }'] },
      },
      {
        valid: true,
        description: { da: 'Måneden skrevet MM.', en: 'The month written MM.' },
        doc: { body: ['Dato: { MERGEFIELD Brev.Dato \\@ "dd-MM-yyyy" }'] },
      },
      {
        valid: true,
        description: { da: 'Minutter i et klokkeslæt.', en: 'Minutes in a time.' },
        doc: { body: ['Mødet: { MERGEFIELD Moede.Tid \\@ "d. MMMM yyyy \'kl.\' HH:mm" }'] },
      },
    ],
  },
  create(ctx) {
    return {
      field(f) {
        if (inCachedResult(f)) return;
        for (const s of switchesOf(f.parsed.instruction)) {
          if (s.name !== '@' || !s.argument) continue;
          const picture = argumentText(s.argument);
          if (minutesForMonth(picture).length > 0)
            ctx.report('minutes', { picture, suggestion: monthPicture(picture) }, { ...fieldPlace(ctx.model, f), offset: s.position.start });
        }
      },
    };
  },
};
