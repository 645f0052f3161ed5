/**
 * SEQ: Word's running numbers for figures, tables, appendices (`Figur { SEQ Figur }`). Word
 * counts the SEQ fields of one identifier through the body in document order: each gives the
 * next number, `\c` the current one again, `\r n` resets to n, `\s n` starts again from 1 after
 * a heading of level n or higher, `\h` hides the number (unless a `\*` format is given), and a
 * bookmark after the identifier gives the number current at that bookmark. The numbers do not
 * depend on the case, so they are counted once per template. kp-brev's reading: a SEQ in an
 * IF's branch counts whether or not the branch is taken (Word's behaviour is unverified), and
 * SEQ fields outside the body (headers, notes, text boxes) keep their cached results: Word
 * numbers those by layout.
 */
import { argumentText, type Argument, type OtherInstruction, type Switch } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { isCharacterFormat } from '../format/text.js';
import type { DocModel, SeqValue } from './doc-model-types.js';
import type { EvalEnv, Evaluation } from './eval-env.js';
import { textOuts, type FieldResult } from './outs.js';
import { fieldResultRPr } from './run-props.js';
import { applyCaseFormats } from './values.js';
import { wordError } from './word-errors.js';
import { placeholder, report } from './report.js';

const switchesOf = (ins: OtherInstruction): Switch[] => ins.items.filter((i): i is Switch => i.type === 'switch');
const argumentsOf = (ins: OtherInstruction): Argument[] => ins.items.filter((i): i is Argument => i.type === 'argument');
const switchNumber = (s: Switch | undefined): number | undefined => {
  const n = s?.argument ? Number(argumentText(s.argument).trim()) : NaN;
  return Number.isInteger(n) ? n : undefined;
};

/** The value of every SEQ field of a template, counted in body order. */
export function countSequences(doc: DocModel): Map<FieldNode, SeqValue> {
  const out = new Map<FieldNode, SeqValue>();
  const body = doc.stories.find((s) => s.part === doc.pkg.mainPart && s.label === '');
  // Heading paragraphs of the body, as token positions with their level.
  const headings: Array<{ token: number; level: number }> = [];
  if (body) {
    for (const p of body.paragraphs) {
      const mark = body.tokens[p.mark];
      const level = mark?.t === 'mark' ? doc.paragraphStyles.headingLevel(mark.pPr) : undefined;
      if (level !== undefined) headings.push({ token: p.first, level });
    }
  }
  const counters = new Map<string, number>();
  const last = new Map<string, number>();
  /** Each identifier's numbers by position, for a bookmark argument. */
  const history = new Map<string, Array<{ token: number; n: number }>>();
  for (const f of doc.fields) {
    const ins = f.parsed.instruction;
    if (ins.type !== 'field' || ins.fieldType !== 'SEQ') continue;
    if (f.story !== body || inResult(f)) {
      out.set(f, { outside: true });
      continue;
    }
    const [idArg, bookmarkArg] = argumentsOf(ins);
    const id = idArg ? argumentText(idArg).trim().toUpperCase() : '';
    if (!id) {
      out.set(f, { error: 'no-sequence' });
      continue;
    }
    const switches = switchesOf(ins);
    const since = last.get(id) ?? -1;
    last.set(id, f.begin);
    const restartLevel = switchNumber(switches.find((s) => s.name === 's'));
    if (restartLevel !== undefined && headings.some((h) => h.token > since && h.token < f.begin && h.level <= restartLevel)) counters.set(id, 0);
    const current = counters.get(id) ?? 0;
    const reset = switchNumber(switches.find((s) => s.name === 'r'));
    let n: number;
    if (bookmarkArg) {
      const range = doc.bookmarks.get(argumentText(bookmarkArg).trim().toUpperCase());
      const at = range && range.story === body ? range.start : f.begin;
      n = [...(history.get(id) ?? [])].reverse().find((h) => h.token < at)?.n ?? 0;
    } else if (reset !== undefined) n = reset;
    else if (switches.some((s) => s.name === 'c')) n = current;
    else n = current + 1;
    if (!bookmarkArg) {
      counters.set(id, n);
      const list = history.get(id) ?? [];
      list.push({ token: f.begin, n });
      history.set(id, list);
    }
    const format = switches.some((s) => s.name === '*' && s.argument && !isCharacterFormat(argumentText(s.argument)));
    out.set(f, switches.some((s) => s.name === 'h') && !format ? { hidden: true } : { n });
  }
  return out;
}

/** A field inside another field's cached result (a copy Word made when it updated the outer one). */
function inResult(f: FieldNode): boolean {
  for (let g: FieldNode | undefined = f; g?.parent; g = g.parent) if (!g.inInstruction) return true;
  return false;
}

/** The SEQ field's result: its number with the field's `\\*` formats. */
export function seqField(f: FieldNode, ins: OtherInstruction, env: EvalEnv, ev: Evaluation): FieldResult {
  // Counted once per template: in a region that repeats, the numbers would be wrong.
  const region = env.regions?.index.regionOf(f);
  if (region) {
    report(env, f, 'render.region-unsupported', { type: 'SEQ', list: region.name });
    return placeholder(f, env, 'SEQ');
  }
  const value = env.doc?.sequences.get(f) ?? { outside: true };
  if ('outside' in value) return ev.unlinked(f, env);
  if ('error' in value) return wordError(f, env, value.error);
  if ('hidden' in value) return { outs: [], text: '', empty: true };
  const switches = switchesOf(ins);
  const cased = applyCaseFormats(String(value.n), switches, ev.locales(f, env), 'SEQ');
  if (!cased.ok) {
    report(env, f, cased.code, cased.params);
    return placeholder(f, env, 'SEQ');
  }
  env.stats.merged++;
  return { outs: textOuts(cased.text, fieldResultRPr(f, switches)), text: cased.text, empty: cased.text === '' };
}
