/**
 * Word's error results. Where Word cannot compute a field it writes an error text as the field's
 * result ("Error! Reference source not found.", "!Zero Divide"), and that text then takes part
 * in whatever uses the field (an IF compares it). kp-brev gives the same text, so conditions and
 * the preview come out as in Word; a letter never goes out with one: strict mode refuses it with
 * a message that names the field and the place, and the preview shows the text highlighted.
 *
 * Word writes these texts in the language of its user interface; kp-brev takes the field's
 * language (Danish for `da-*`, English otherwise). The English texts are Word's own (seen in the
 * conformance corpus or in Microsoft's documentation); of the Danish ones only "Fejl!
 * Henvisningskilde ikke fundet." has been seen in a document saved by Danish Word, the others
 * are kp-brev's translations (docs/word-fields.md).
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { EvalEnv } from './eval-env.js';
import type { FieldResult } from './outs.js';
import { report } from './report.js';
import { fieldResultRPr, withHighlight } from './run-props.js';

import type { FormulaErrorKind } from './formula.js';

export type WordErrorKind =
  | FormulaErrorKind
  | 'reference-not-found'
  | 'bookmark-not-defined'
  | 'self-reference'
  | 'no-document-variable'
  | 'unknown-property'
  | 'no-sequence'
  | 'missing-condition';

const TEXTS: Record<WordErrorKind, { en: string; da: string }> = {
  'reference-not-found': { en: 'Error! Reference source not found.', da: 'Fejl! Henvisningskilde ikke fundet.' },
  'bookmark-not-defined': { en: 'Error! Bookmark not defined.', da: 'Fejl! Bogmærke er ikke defineret.' },
  'self-reference': { en: 'Error! Not a valid bookmark self-reference.', da: 'Fejl! Ugyldig selvhenvisning til bogmærke.' },
  'no-document-variable': { en: 'Error! No document variable supplied.', da: 'Fejl! Der er ikke angivet nogen dokumentvariabel.' },
  'unknown-property': { en: 'Error! Unknown document property name.', da: 'Fejl! Ukendt navn på dokumentegenskab.' },
  'no-sequence': { en: 'Error! No sequence specified.', da: 'Fejl! Der er ikke angivet nogen sekvens.' },
  'missing-condition': { en: 'Error! Missing test condition.', da: 'Fejl! Manglende testbetingelse.' },
  'zero-divide': { en: '!Zero Divide', da: '!Division med nul' },
  syntax: { en: '!Syntax Error, {detail}', da: '!Syntaksfejl, {detail}' },
  'unexpected-end': { en: '!Unexpected End of Formula', da: '!Uventet afslutning på formel' },
  'undefined-bookmark': { en: '!Undefined Bookmark, {detail}', da: '!Udefineret bogmærke, {detail}' },
  'missing-operator': { en: '!Missing Operator', da: '!Manglende operator' },
};

/** Word's error text in a field's language (a `w:lang` value). */
export function wordErrorText(kind: WordErrorKind, lang: string | undefined, detail = ''): string {
  const texts = TEXTS[kind];
  const text = lang && /^da(-|$)/i.test(lang) ? texts.da : texts.en;
  return text.replace('{detail}', detail);
}

/** A field whose result is Word's error text: reported (strict refuses the letter), shown
 * highlighted in a preview, and its text used by an enclosing field as Word uses it. */
export function wordError(f: FieldNode, env: EvalEnv, kind: WordErrorKind, detail = ''): FieldResult {
  const text = wordErrorText(kind, f.lang ?? env.defaultLang, detail);
  report(env, f, 'render.word-error', { text });
  if (!env.preview) return { outs: [], text, empty: true };
  return { outs: [{ o: 'text', text, rPr: withHighlight(fieldResultRPr(f, [])) }], text, empty: false };
}
