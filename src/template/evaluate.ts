/**
 * Evaluates fields against a case context, inside-out as Word does: MERGEFIELD (merge-field.ts),
 * IF and `=` fields are computed, the fields field-policy.ts unlinks give their cached result,
 * the fields it refuses are reported, and live fields (PAGE, HYPERLINK, ...) stay fields. The
 * result is a list of pieces (see outs.ts).
 */
import type { Diagnostic } from '../diagnostics.js';
import { argumentText, blockingProblems, fieldTypeOf, type Argument, type IfInstruction } from '../fieldcode/index.js';
import type { EvalEnv, Evaluation, FieldOutcome } from './eval-env.js';
import { compareField, formulaField } from './formula-field.js';
import { cachedResult, type FieldNode } from '../ooxml/fields.js';
import { formatMessage } from '../i18n/index.js';
import { compare } from './compare.js';
import { conditionHolds } from './values.js';
import { isLive } from './live.js';
import { fieldRule, refusalParams, REFUSAL_MESSAGE, type FieldReason } from './field-policy.js';
import { applyIfSwitches } from './if-switches.js';
import { isEmpty, plainText, pushText, shownText, textOuts, type FieldResult, type Out } from './outs.js';
import { placeholder, report } from './report.js';
import { fieldResultRPr } from './run-props.js';
import type { LetterState } from './doc-model-types.js';
import { refField, setField } from './refs.js';
import { wordError } from './word-errors.js';
import { seqField } from './seq.js';
import { propertyField } from './doc-properties.js';
import { KeptWithProblems } from './kept.js';
import { fieldLocales } from './field-locales.js';
import { mergeField } from './merge-field.js';

export { isLive };

const NO_PROBLEMS: Diagnostic[] = [];

const ERROR_PROBLEMS = (f: FieldNode): boolean => blockingProblems(f.parsed.problems).length > 0;

/** Evaluates a field that is not live. Problems go to env.diagnostics; the result is then a
 * placeholder (preview) or empty (strict: the caller refuses the letter). */
export function evaluate(f: FieldNode, env: EvalEnv, inCondition = false): FieldResult {
  const letter = env.letter;
  if (!env.trace && !letter) return evaluateField(f, env, inCondition);
  // A field read by another (inside a bookmark or a table cell) is computed once per letter: its
  // result, with the problems it reported, is kept for the field itself and for every reader.
  // In a region each copy has its own results, for the fields that are read again (null: this
  // one is not, and is not kept).
  const inCopy = env.regions?.resultsFor(f) as LetterState['results'] | null | undefined;
  const results = letter && (inCopy === null ? undefined : (inCopy ?? letter.results));
  const kept = inCondition ? undefined : results?.get(f);
  if (kept) {
    // Most results come without problems and are kept as they are (no record a field).
    if (!(kept instanceof KeptWithProblems)) return kept as FieldResult;
    if (kept.problems.length) env.diagnostics.push(...kept.problems);
    env.stats.missing += kept.missing;
    return kept.result;
  }
  // The fields being computed are a stack (a field computes the fields it reads inside itself).
  if (letter?.active.includes(f)) return wordError(f, env, 'self-reference');
  const before = env.diagnostics.length;
  const missing = env.stats.missing;
  letter?.active.push(f);
  let r: FieldResult;
  try {
    r = evaluateField(f, env, inCondition);
  } finally {
    letter?.active.pop();
  }
  const problems = env.diagnostics.length > before ? env.diagnostics.slice(before) : NO_PROBLEMS;
  if (results && !inCondition)
    results.set(f, problems === NO_PROBLEMS && env.stats.missing === missing ? r : new KeptWithProblems(r, problems, env.stats.missing - missing));
  if (env.trace) {
    const action = isLive(f) ? 'live' : fieldRule(f.parsed.instruction, env.bookmarks).action;
    let outcome: FieldOutcome = action === 'live' ? 'live' : action === 'refuse' ? 'refused' : r.unlinked ? 'unlinked' : 'evaluated';
    if (env.stats.missing > missing || problems.some((d) => d.severity === 'error' && d.code !== 'render.word-error')) outcome = 'refused';
    env.trace.set(f, { outcome, text: r.stored ?? shownText(f, r.outs), problems });
  }
  return r;
}

function evaluateField(f: FieldNode, env: EvalEnv, inCondition: boolean): FieldResult {
  if (isLive(f)) return { outs: [{ o: 'live', field: f }], text: cachedResult(f) ?? '', empty: false };
  const rule = fieldRule(f.parsed.instruction, env.bookmarks);
  if (rule.action === 'refuse') return refused(f, env, rule.reason);
  if (rule.action === 'unlink') return unlinked(f, env);
  if (ERROR_PROBLEMS(f)) {
    const detail = blockingProblems(f.parsed.problems)
      .map((p) => formatMessage(p.code, p.params, env.lang))
      .join(' ');
    report(env, f, 'render.field-error', { detail });
    return placeholder(f, env, formatMessage('render.placeholder-error', {}, env.lang));
  }
  const ins = f.parsed.instruction;
  if (ins.type === 'MERGEFIELD') return mergeField(f, ins, env, inCondition);
  if (ins.type === 'IF') return ifField(f, ins, env);
  if (ins.type === 'field') {
    switch (ins.fieldType) {
      case '=':
        return formulaField(f, ins, env, EVALUATION);
      case 'COMPARE':
        return compareField(f, ins, env, EVALUATION);
      case 'REF':
        return refField(f, ins, env, EVALUATION, false);
      case 'SET':
        return setField(f, ins, env, EVALUATION);
      case 'SEQ':
        return seqField(f, ins, env, EVALUATION);
    }
    if (rule.reason === 'properties') return propertyField(f, ins, env, EVALUATION);
    // `{ Frist }`: Word's short form of `{ REF Frist }` (field-policy.ts lets only bookmark names through).
    if (rule.reason === 'bookmark') return refField(f, ins, env, EVALUATION, true);
  }
  throw new Error(`no evaluator for ${fieldTypeOf(ins)}`);
}

/** What the evaluators in other modules use to compute nested fields and arguments. */
const EVALUATION: Evaluation = {
  field: (f, env) => evaluate(f, env),
  argument: (f, arg, env) => argValue(f, arg, env),
  locales: (f, env) => fieldLocales(f, env),
  unlinked: (f, env) => unlinked(f, env),
};

/**
 * The result a live IF or formula shows until Word lays the letter out: computed with the page
 * fields as the template was saved (their cached results), so the case's values appear in it
 * (the PDF shows this result). Undefined when it cannot be computed cleanly, or when the branch
 * carries paragraph marks, drawings or containers that the instruction already holds (the
 * template's own cached result is kept then).
 */
export function resultAsSaved(f: FieldNode, env: EvalEnv): Out[] | undefined {
  const ins = f.parsed.instruction;
  if (ERROR_PROBLEMS(f)) return undefined;
  const scratch: EvalEnv = { ...env, diagnostics: [], stats: { merged: 0, missing: 0 } };
  const r =
    ins.type === 'IF' ? ifField(f, ins, scratch) : ins.type === 'field' && ins.fieldType === '=' ? formulaField(f, ins, scratch, EVALUATION) : undefined;
  if (!r || scratch.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const isChar = (i: number): boolean => {
    const tok = f.story.tokens[i]!;
    return tok.t === 'item' && tok.kind === 'char';
  };
  if (!r.outs.every((o) => o.o !== 'tok' || isChar(o.i))) return undefined;
  // A field of the branch (Side { PAGE }) shows as its saved result: written again as a field,
  // it would be in the letter twice, with its bookmarks.
  return r.outs.flatMap((o) => (o.o === 'live' ? textOuts(cachedResult(o.field) ?? '', fieldResultRPr(o.field, [])) : [o]));
}

/** A field the letter must not hold: reported (strict refuses the letter); in preview a marked
 * placeholder stands in its place, never the field. */
function refused(f: FieldNode, env: EvalEnv, reason: FieldReason): FieldResult {
  const params = refusalParams(f.parsed.instruction);
  report(env, f, REFUSAL_MESSAGE[reason] ?? 'render.field-unknown-type', params);
  return placeholder(f, env, formatMessage('render.placeholder-refused', { type: params.type }, env.lang));
}

/** A field replaced by its cached result: the result's own runs (formatting, paragraph marks,
 * drawings), with the fields inside it handled in turn. Containers that open or close anywhere in
 * the field are kept so the structure stays whole; the instruction goes. */
function unlinked(f: FieldNode, env: EvalEnv): FieldResult {
  const tokens = f.story.tokens;
  const from = f.kind === 'simple' ? f.begin + 1 : f.separate >= 0 ? f.separate + 1 : f.end;
  const kids = new Map([...f.children, ...f.resultChildren].map((c) => [c.begin, c]));
  const outs: Out[] = [];
  for (let t = f.begin + 1; t < f.end; t++) {
    const kid = kids.get(t);
    const inResult = t >= from;
    if (kid) {
      if (inResult) outs.push(...fieldOuts(kid, env));
      t = kid.end;
      continue;
    }
    const tok = tokens[t]!;
    if (tok.t === 'open' || tok.t === 'close') outs.push({ o: 'tok', i: t });
    else if (!inResult) continue;
    else if (tok.t === 'item' && (tok.kind === 'text' || tok.kind === 'instr')) pushText(outs, tok.text, tok.rPr);
    else if (tok.t === 'item' && (tok.kind === 'char' || tok.kind === 'object')) outs.push({ o: 'tok', i: t });
    else if (tok.t === 'mark') outs.push({ o: 'tok', i: t });
    else if (tok.t === 'raw' && !tok.marker && !tok.droppable) outs.push({ o: 'tok', i: t });
  }
  return { outs, text: plainText(f, outs), empty: isEmpty(f, outs), unlinked: true };
}

function ifField(f: FieldNode, ins: IfInstruction, env: EvalEnv): FieldResult {
  const locales = fieldLocales(f, env);
  const left = argValue(f, ins.left, env);
  // Without an operator Word takes the first argument as the condition (values.ts).
  const holds = ins.operator ? compare(left, ins.operator, argValue(f, ins.right, env), locales.number) : conditionHolds(left, locales);
  const branch = holds ? ins.trueText : ins.falseText;
  let outs = branchOuts(f, branch, env);
  const formatted = applyIfSwitches(f, outs, ins.switches, locales, env);
  outs = formatted;
  const text = plainText(f, outs);
  env.stats.merged++;
  return { outs, text, empty: isEmpty(f, outs) };
}

/** The text value of an IF expression: literal text with nested fields evaluated. */
function argValue(f: FieldNode, arg: Argument | undefined, env: EvalEnv): string {
  if (!arg) return '';
  let s = '';
  for (const p of arg.parts) {
    if (p.type === 'text') s += p.value;
    else {
      const child = f.children[p.index];
      if (child) s += evaluate(child, env, true).text;
    }
  }
  return s;
}

/** The pieces of a branch: its own runs with their formatting, nested fields evaluated. */
function branchOuts(f: FieldNode, arg: Argument | undefined, env: EvalEnv): Out[] {
  if (!arg || arg.content.end <= arg.content.start) return [];
  // A w:fldSimple has its instruction in an attribute: plain text, formatted like its result.
  if (f.kind === 'simple') return textOuts(argumentText(arg), fieldResultRPr(f, []));
  const tokens = f.story.tokens;
  const skip = new Set<number>();
  for (const p of arg.parts) if (p.type === 'text' && p.escaped) skip.add(p.position.start);
  const childAt = new Map<number, FieldNode>();
  for (const c of f.children) childAt.set(c.begin, c);
  const first = f.charToken[arg.position.start]!;
  const last = f.charToken[arg.position.end - 1]!;
  const { start: c0, end: c1 } = arg.content;
  const inContent = (t: number): boolean => {
    const at = f.tokenChar.get(t);
    return at !== undefined && at >= c0 && at < c1;
  };
  const outs: Out[] = [];
  let depth = 0;
  for (let t = first; t <= last; t++) {
    const child = childAt.get(t);
    if (child) {
      if (inContent(t)) outs.push(...fieldOuts(child, env));
      t = child.end;
      continue;
    }
    const tok = tokens[t]!;
    switch (tok.t) {
      case 'item': {
        if (tok.kind === 'text' || tok.kind === 'instr') {
          const at = f.tokenChar.get(t);
          if (at === undefined) break;
          const from = Math.max(c0, at);
          const to = Math.min(c1, at + tok.text.length);
          let s = '';
          for (let k = from; k < to; k++) if (!skip.has(k)) s += tok.text[k - at];
          if (s) pushText(outs, s, tok.rPr);
        } else if (tok.kind === 'char' || tok.kind === 'object') {
          if (inContent(t)) outs.push({ o: 'tok', i: t });
        }
        break;
      }
      case 'mark':
        if (inContent(t)) outs.push({ o: 'tok', i: t });
        break;
      case 'open':
        depth++;
        outs.push({ o: 'tok', i: t });
        break;
      case 'close':
        depth--;
        outs.push({ o: 'tok', i: t });
        break;
      case 'raw':
        if (!tok.marker && !tok.droppable) outs.push({ o: 'tok', i: t });
        break;
    }
  }
  if (depth !== 0) {
    report(env, f, 'render.structure', { detail: 'IF' });
    return [];
  }
  return outs;
}

function fieldOuts(f: FieldNode, env: EvalEnv): Out[] {
  return isLive(f) ? [{ o: 'live', field: f }] : evaluate(f, env).outs;
}
