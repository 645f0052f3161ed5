/**
 * Fields that read and write bookmarks: `REF name` and its short form `{ name }`, and
 * `SET name value`. A REF shows the bookmark's text as it stands in the letter: the value the
 * last SET gave it, else the text between its start and end with the fields inside evaluated
 * for the case (document order, as Word updates them). A bookmark that does not exist gives
 * Word's error text. A SET shows nothing (Word keeps the value in its result, hidden).
 */
import type { Argument, OtherInstruction, Switch } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { EvalEnv, Evaluation } from './eval-env.js';
import { applyPicture } from './if-switches.js';
import { rangeText } from './bookmarks.js';
import { paragraphNumber } from './list-numbers.js';
import { shownText, textOuts, type FieldResult } from './outs.js';
import { fieldResultRPr } from './run-props.js';
import { applyCaseFormats } from './values.js';
import { wordError } from './word-errors.js';
import { report, placeholder } from './report.js';

const switchesOf = (ins: OtherInstruction): Switch[] => ins.items.filter((i): i is Switch => i.type === 'switch');
const argumentsOf = (ins: OtherInstruction): Argument[] => ins.items.filter((i): i is Argument => i.type === 'argument');

/**
 * The text a bookmark holds in this letter, or undefined when there is no such bookmark. A
 * field inside it is evaluated (once per letter: its result is kept for the field itself).
 */
export function bookmarkText(name: string, env: EvalEnv, ev: Evaluation): string | undefined {
  const key = name.toUpperCase();
  const set = env.letter?.sets.get(key);
  if (set !== undefined) return set;
  const range = env.doc?.bookmarks.get(key);
  if (!range) return undefined;
  return rangeText(range, env.doc!.fieldsAt(range.story), (g) => {
    const r = ev.field(g, env);
    return r.stored ?? shownText(g, r.outs);
  });
}

/** `REF name [switches]`, or `{ name [switches] }` when `bare`. */
export function refField(f: FieldNode, ins: OtherInstruction, env: EvalEnv, ev: Evaluation, bare: boolean): FieldResult {
  const switches = switchesOf(ins);
  const name = (bare ? ins.fieldType : ev.argument(f, argumentsOf(ins)[0], env)).trim();
  let text = bookmarkText(name, env, ev);
  if (text === undefined) return wordError(f, env, 'reference-not-found');
  if (refNeedsLayout(ins)) return ev.unlinked(f, env);
  const numbered = paragraphNumberOf(f, name, switches, env);
  if (numbered === null) return ev.unlinked(f, env);
  if (numbered !== undefined) text = numbered;
  // A bookmark that ends after its paragraph's mark does not carry the mark into the REF.
  text = text.replace(/\r$/, '');
  const locales = ev.locales(f, env);
  text = applyPicture(text, switches, locales) ?? text;
  const cased = applyCaseFormats(text, switches, locales, name);
  if (!cased.ok) {
    report(env, f, cased.code, cased.params);
    return placeholder(f, env, name);
  }
  text = cased.text;
  env.stats.merged++;
  return { outs: textOuts(text, fieldResultRPr(f, switches)), text, empty: text === '' };
}

/** `SET name value`: the bookmark holds the value from here on; the field shows nothing. */
export function setField(f: FieldNode, ins: OtherInstruction, env: EvalEnv, ev: Evaluation): FieldResult {
  const [nameArg, valueArg] = argumentsOf(ins);
  const name = ev.argument(f, nameArg, env).trim();
  const value = ev.argument(f, valueArg, env);
  if (name) env.letter?.sets.set(name.toUpperCase(), value);
  return { outs: [], text: '', empty: true, stored: value };
}

/** The REF switches kp-brev does not compute: position (\p \t \d) and footnote marks (\f).
 * Such a REF keeps its cached result. */
export function refNeedsLayout(ins: OtherInstruction): boolean {
  return switchesOf(ins).some((s) => /^[ptdf]$/i.test(s.name));
}

/** With `\n`, `\r` or `\w`: the bookmarked paragraph's list number (list-numbers.ts); null
 * where kp-brev does not compute it (the REF keeps its cached result); undefined without them. */
function paragraphNumberOf(f: FieldNode, name: string, switches: readonly Switch[], env: EvalEnv): string | null | undefined {
  const mode = switches.find((s) => /^[nrw]$/i.test(s.name))?.name.toLowerCase() as 'n' | 'r' | 'w' | undefined;
  if (!mode) return undefined;
  const range = env.doc?.bookmarks.get(name.toUpperCase());
  const numbers = env.doc?.listNumbers;
  const label = range && numbers?.at(range.story, range.start);
  if (!label) return null;
  const context = mode === 'r' ? numbers!.at(f.story, f.begin) : undefined;
  // The REF's own paragraph may be numbered differently in the letter: \r is not computed then.
  if (context === null) return null;
  return paragraphNumber(label, mode, context) ?? null;
}
