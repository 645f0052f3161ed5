/**
 * The switches on a field's result: a `\#` or `\@` picture on the result's text, and (for an IF)
 * `\*` formats (case, CHARFORMAT, MERGEFORMAT) applied across the runs the branch is made of.
 */
import { argumentText, type Switch } from '../fieldcode/index.js';
import { formatDatePicture, parseDate } from '../format/date.js';
import type { FieldLocales } from '../format/locale.js';
import { parseLocaleNumber } from '../format/number.js';
import { formatNumberPicture } from '../format/number-picture.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { EvalEnv } from './eval-env.js';
import { plainText, type Out } from './outs.js';
import { report } from './report.js';
import { fieldResultRPr } from './run-props.js';
import { applyCaseFormats } from './values.js';

export function applyIfSwitches(f: FieldNode, outs: Out[], switches: readonly Switch[], locales: FieldLocales, env: EvalEnv): Out[] {
  if (switches.length === 0) return outs;
  const formatted = applyPicture(plainText(f, outs), switches, locales);
  const firstText = outs.find((o): o is Extract<Out, { o: 'text' }> => o.o === 'text');
  if (formatted !== undefined && firstText) outs = [{ o: 'text', text: formatted, rPr: firstText.rPr }];
  return caseFormatsAcross(f, outs, switches, locales, env);
}

/** The first `\#` or `\@` picture applied to a field's text when the text is a number (in the
 * machine's symbols) or a date; undefined when there is no picture or it does not apply (Word
 * then shows the text as it is). */
export function applyPicture(text: string, switches: readonly Switch[], locales: FieldLocales): string | undefined {
  const picture = switches.find((s) => (s.name === '#' || s.name === '@') && s.argument);
  if (!picture) return undefined;
  const pic = argumentText(picture.argument!);
  if (picture.name === '#') {
    const n = parseLocaleNumber(text, locales.number);
    return n !== undefined && Number.isFinite(n) ? formatNumberPicture(n, pic, locales.number) : undefined;
  }
  const d = parseDate(text, locales.number);
  return d ? formatDatePicture(d, pic, locales.language) : undefined;
}

/**
 * `\*` formats on an IF's result apply to the result as a whole, across its runs: FirstCap
 * capitalises the first letter of the result, Caps each word, wherever the runs split them.
 */
function caseFormatsAcross(f: FieldNode, outs: Out[], switches: readonly Switch[], locales: FieldLocales, env: EvalEnv): Out[] {
  let result = outs;
  for (const s of switches) {
    if (s.name !== '*' || !s.argument) continue;
    const format = argumentText(s.argument).toLowerCase();
    const lang = locales.language.id;
    if (format === 'mergeformat') continue;
    if (format === 'charformat') {
      // The whole result takes the formatting of the field type's first letter (the I of IF).
      const rPr = fieldResultRPr(f, []);
      result = result.map((o) => (o.o === 'text' || o.o === 'tab' || o.o === 'br' ? { ...o, rPr } : o));
      continue;
    }
    if (format === 'upper' || format === 'lower') {
      result = result.map((o) => (o.o === 'text' ? { ...o, text: format === 'upper' ? o.text.toLocaleUpperCase(lang) : o.text.toLocaleLowerCase(lang) } : o));
    } else if (format === 'firstcap' || format === 'caps') {
      let boundary = true;
      let done = false;
      result = result.map((o) => {
        if (o.o !== 'text') {
          if (o.o !== 'live') boundary = true;
          return o;
        }
        let text = '';
        for (const ch of o.text) {
          const letter = /\p{L}/u.test(ch);
          if (letter && boundary && !done) {
            text += ch.toLocaleUpperCase(lang);
            if (format === 'firstcap') done = true;
          } else text += ch;
          boundary = format === 'caps' ? /[\s\-–(“"„«»/]/.test(ch) : boundary && !letter;
        }
        return { ...o, text };
      });
    } else {
      const texts = result.filter((o): o is Extract<Out, { o: 'text' }> => o.o === 'text');
      const r = applyCaseFormats(texts.map((t) => t.text).join(''), [s], locales, 'IF');
      if (!r.ok) {
        report(env, f, r.code, r.params);
        return outs;
      }
      result = texts.length ? [{ o: 'text', text: r.text, rPr: texts[0]!.rPr }, ...result.filter((o) => o.o !== 'text')] : result;
    }
  }
  return result;
}
