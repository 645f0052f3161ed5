/**
 * Evaluates fields against a case context, inside-out as Word does. The result of a field is a
 * list of pieces ("outs"): new text with the run properties it takes, original tokens (paragraph
 * marks, tabs, drawings, containers) that a branch carries along, and fields kept live.
 */
import type { CaseContext } from '../context/context.js';
import { lookupField } from '../context/context.js';
import { diagnostic, type Diagnostic, type Location } from '../diagnostics.js';
import {
  argumentText,
  type Argument,
  type IfInstruction,
  type MergeFieldInstruction,
  type OtherInstruction,
  type Switch,
} from '../fieldcode/index.js';
import { formatDatePicture, parseDate } from '../format/date.js';
import { localeFor, type FieldLocale, type FieldLocales } from '../format/locale.js';
import { displayNumber, formatNumberPicture, parseLocaleNumber } from '../format/number.js';
import { evaluateFormula, FormulaError } from './formula.js';
import { displayInstruction, type FieldNode } from '../ooxml/fields.js';
import { paragraphText } from '../ooxml/tokens.js';
import type { MessageId } from '../i18n/index.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { compare } from './compare.js';
import { applyCaseFormats, formatValue, hasMergeFormat } from './values.js';
import type { LetterRules } from './rules.js';
import { provides, type FieldType } from '../repository/catalog.js';
import { isLive } from './live.js';

export { isLive };

export type Out =
  | { o: 'text'; text: string; rPr: string }
  | { o: 'tab'; rPr: string }
  | { o: 'br'; rPr: string }
  /** An original token of the field's story, by index. */
  | { o: 'tok'; i: number }
  /** A field kept as a field (PAGE, NUMPAGES, an IF that depends on them...). */
  | { o: 'live'; field: FieldNode };

export interface FieldResult {
  outs: Out[];
  /** Plain text, for conditions. */
  text: string;
  /** Nothing visible came out. */
  empty: boolean;
}

export interface EvalEnv {
  readonly ctx: CaseContext;
  readonly preview: boolean;
  readonly lang: Lang;
  readonly template: string;
  readonly defaultLang: string | undefined;
  /** Digit grouping and decimal symbols: the machine's regional settings in Word. */
  readonly numberLocale: FieldLocale;
  readonly diagnostics: Diagnostic[];
  readonly stats: { merged: number; missing: number };
  /** Catalog and template settings, when the template comes from a repository. */
  readonly rules?: LetterRules;
}

/** Checks the case's process and variant against the template, once per letter. */
export function checkLetterContext(env: EvalEnv): void {
  const rules = env.rules;
  if (!rules?.processes?.length) return;
  const where = { template: env.template };
  const process = env.ctx.process;
  if (!process) {
    env.diagnostics.push(diagnostic('render.no-process', { processes: rules.processes.join(', ') }, where));
  } else if (!rules.processes.includes(process)) {
    env.diagnostics.push(diagnostic('render.process', { process, processes: rules.processes.join(', ') }, where));
  }
  const variant = env.ctx.variant;
  if (variant && rules.variants?.length && !rules.variants.includes(variant)) {
    env.diagnostics.push(diagnostic('render.variant', { variant, variants: rules.variants.join(', ') }, where));
  }
}

export function locationOf(f: FieldNode, template: string): Location {
  const loc: Location = {
    template,
    part: f.story.part,
    paragraph: f.para,
    instruction: displayInstruction(f),
  };
  if (f.story.label) loc.story = f.story.label;
  const excerpt = paragraphText(f.story, f.para);
  if (excerpt) loc.excerpt = excerpt;
  return loc;
}

function report(env: EvalEnv, f: FieldNode, code: MessageId, params: Record<string, string | number>): void {
  env.diagnostics.push(diagnostic(code, params, locationOf(f, env.template)));
}

const ERROR_PROBLEMS = (f: FieldNode): boolean => f.parsed.problems.some((p) => p.code !== 'syntax.empty');

/** Evaluates a field that is not live. Problems go to env.diagnostics; the result is then a
 * placeholder (preview) or empty (strict: the caller refuses the letter). */
export function evaluate(f: FieldNode, env: EvalEnv, inCondition = false): FieldResult {
  if (ERROR_PROBLEMS(f)) {
    const detail = f.parsed.problems.map((p) => formatMessage(p.code, p.params, env.lang)).join(' ');
    report(env, f, 'render.field-error', { detail });
    return placeholder(f, env, formatMessage('render.placeholder-error', {}, env.lang));
  }
  const ins = f.parsed.instruction;
  if (ins.type === 'MERGEFIELD') return mergeField(f, ins, env, inCondition);
  if (ins.type === 'IF') return ifField(f, ins, env);
  if (ins.type === 'field' && ins.fieldType === '=') return formulaField(f, ins, env);
  return { outs: [{ o: 'live', field: f }], text: '', empty: false };
}

/** The answer of an unanswered question: its catalog default, or N without a catalog entry. */
function questionDefault(env: EvalEnv, key: string): 'J' | 'N' | undefined {
  const q = env.rules?.catalog?.questions.get(key);
  if (q) return q.default;
  return 'N';
}

function fieldLocales(f: FieldNode, env: EvalEnv): FieldLocales {
  return { number: env.numberLocale, language: localeFor(f.lang ?? env.defaultLang) };
}

/** `inCondition`: the value feeds an IF comparison, so a catalog type does not dress it up
 * (`85`, not `85 %`; `2026-01-05`, not `5. januar 2026`); a picture switch still applies. */
function mergeField(f: FieldNode, ins: MergeFieldInstruction, env: EvalEnv, inCondition: boolean): FieldResult {
  const name = ins.name ? argumentText(ins.name).trim() : '';
  const locales = fieldLocales(f, env);
  let value: string | number | boolean | null;
  let type: FieldType | undefined;
  if (name.startsWith('Question:')) {
    const key = name.slice('Question:'.length);
    if (Object.hasOwn(env.ctx.questions, key)) value = env.ctx.questions[key]!;
    else {
      const answer = questionDefault(env, key);
      if (answer === undefined) {
        report(env, f, 'render.unanswered', { key });
        return placeholder(f, env, name);
      }
      value = answer;
    }
  } else {
    const catalog = env.rules?.catalog;
    if (catalog) {
      const def = catalog.fields.get(name);
      if (!def) {
        if (!Object.hasOwn(env.ctx.texts ?? {}, name)) {
          report(env, f, 'render.field-unknown', { field: name });
          return placeholder(f, env, name);
        }
      } else {
        if (!inCondition) type = def.type;
        const process = env.ctx.process;
        if (process && !provides(def, process)) {
          report(env, f, 'render.field-process', { field: name, process });
          return placeholder(f, env, name);
        }
      }
    }
    const found = lookupField(env.ctx.fields, name);
    if (!found.found && env.ctx.texts && Object.hasOwn(env.ctx.texts, name)) {
      value = env.ctx.texts[name]!;
    } else if (!found.found) {
      env.stats.missing++;
      if (!env.preview) report(env, f, 'render.missing-field', { field: name });
      return placeholder(f, env, formatMessage('render.placeholder-missing', { field: name }, env.lang));
    }
    else if (found.value === undefined) {
      report(env, f, 'render.field-not-value', { field: name, kind: 'kind' in found ? found.kind : 'object' });
      return placeholder(f, env, name);
    } else {
      value = found.value;
    }
  }
  const r = formatValue(name, value, ins.switches, locales, type);
  if (!r.ok) {
    report(env, f, r.code, r.params);
    return placeholder(f, env, name);
  }
  env.stats.merged++;
  const rPr = fieldResultRPr(f, ins.switches);
  return { outs: textOuts(r.text, rPr), text: r.text, empty: r.text === '' };
}

function ifField(f: FieldNode, ins: IfInstruction, env: EvalEnv): FieldResult {
  const locales = fieldLocales(f, env);
  const left = argValue(f, ins.left, env);
  const right = argValue(f, ins.right, env);
  const holds = compare(left, ins.operator!, right, locales.number);
  const branch = holds ? ins.trueText : ins.falseText;
  let outs = branchOuts(f, branch, env);
  const formatted = applyIfSwitches(f, outs, ins.switches, locales, env);
  outs = formatted;
  const text = plainText(f, outs);
  env.stats.merged++;
  return { outs, text, empty: isEmpty(f, outs) };
}

/** `{ = expression [\# picture] }`: computed, then shown with its picture or as Word does
 * without one (at most two decimals). */
function formulaField(f: FieldNode, ins: OtherInstruction, env: EvalEnv): FieldResult {
  const locales = fieldLocales(f, env);
  let expr = '';
  for (const item of ins.items) {
    if (item.type === 'operator') expr += ` ${item.value} `;
    else if (item.type === 'argument') expr += ` ${argValue(f, item, env)} `;
  }
  let value: number;
  try {
    value = evaluateFormula(expr, locales.number);
  } catch (err) {
    if (!(err instanceof FormulaError)) throw err;
    report(env, f, 'render.formula', { detail: err.message });
    return placeholder(f, env, '=');
  }
  const switches = ins.items.filter((i): i is Switch => i.type === 'switch');
  const picture = switches.find((s) => s.name === '#' && s.argument);
  let text = picture
    ? formatNumberPicture(value, argumentText(picture.argument!), locales.number)
    : displayNumber(Math.round(value * 100) / 100, locales.number);
  const cased = applyCaseFormats(text, switches, locales, '=');
  if (!cased.ok) {
    report(env, f, cased.code, cased.params);
    return placeholder(f, env, '=');
  }
  text = cased.text;
  env.stats.merged++;
  return { outs: textOuts(text, fieldResultRPr(f, switches)), text, empty: text === '' };
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
          for (let k = from; k < to; k++) if (!skip.has(k)) s += f.instruction[k];
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

function applyIfSwitches(f: FieldNode, outs: Out[], switches: readonly Switch[], locales: FieldLocales, env: EvalEnv): Out[] {
  if (switches.length === 0) return outs;
  const picture = switches.find((s) => (s.name === '#' || s.name === '@') && s.argument);
  if (picture) {
    const text = plainText(f, outs);
    const firstText = outs.find((o): o is Extract<Out, { o: 'text' }> => o.o === 'text');
    const pic = argumentText(picture.argument!);
    let formatted: string | undefined;
    if (picture.name === '#') {
      const n = parseLocaleNumber(text, locales.number);
      if (n !== undefined && Number.isFinite(n)) formatted = formatNumberPicture(n, pic, locales.number);
    } else {
      const d = parseDate(text);
      if (d) formatted = formatDatePicture(d, pic, locales.language);
    }
    if (formatted !== undefined && firstText) outs = [{ o: 'text', text: formatted, rPr: firstText.rPr }];
  }
  return caseFormatsAcross(f, outs, switches, locales, env);
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

/** Value text as pieces: line breaks and tabs in case data become Word breaks and tabs. */
function textOuts(text: string, rPr: string): Out[] {
  if (!/[\t\r\n]/.test(text)) return text ? [{ o: 'text', text, rPr }] : [];
  const outs: Out[] = [];
  for (const piece of text.split(/(\r\n|\r|\n|\t)/)) {
    if (piece === '') continue;
    if (piece === '\t') outs.push({ o: 'tab', rPr });
    else if (piece === '\n' || piece === '\r' || piece === '\r\n') outs.push({ o: 'br', rPr });
    else outs.push({ o: 'text', text: piece, rPr });
  }
  return outs;
}

function pushText(outs: Out[], text: string, rPr: string): void {
  const last = outs[outs.length - 1];
  if (last && last.o === 'text' && last.rPr === rPr) last.text += text;
  else outs.push({ o: 'text', text, rPr });
}

function plainText(f: FieldNode, outs: readonly Out[]): string {
  let s = '';
  for (const o of outs) {
    if (o.o === 'text') s += o.text;
    else if (o.o === 'tab') s += '\t';
    else if (o.o === 'br') s += '\n';
    else if (o.o === 'tok') {
      const tok = f.story.tokens[o.i]!;
      if (tok.t === 'mark') s += '\r';
      else if (tok.t === 'item' && tok.kind === 'char') s += tok.text;
    }
  }
  return s;
}

function isEmpty(f: FieldNode, outs: readonly Out[]): boolean {
  for (const o of outs) {
    if (o.o === 'text' && o.text !== '') return false;
    if (o.o === 'live' || o.o === 'br') return false;
    if (o.o === 'tok') {
      const tok = f.story.tokens[o.i]!;
      if (tok.t === 'item' || tok.t === 'mark') return false;
    }
  }
  return true;
}

/** Run properties of a MERGEFIELD's result: the previous result's with MERGEFORMAT, else the
 * field code's first character's (Word's default and CHARFORMAT). */
export function fieldResultRPr(f: FieldNode, switches: readonly Switch[]): string {
  const tokens = f.story.tokens;
  if (hasMergeFormat(switches) || f.kind === 'simple') {
    const from = f.kind === 'simple' ? f.begin + 1 : f.separate + 1;
    if (f.kind === 'simple' || f.separate >= 0) {
      for (let i = from; i < f.end; i++) {
        const tok = tokens[i]!;
        if (tok.t === 'item' && (tok.kind === 'text' || tok.kind === 'instr')) return tok.rPr;
      }
    }
  }
  for (let k = 0; k < f.instruction.length; k++) {
    if (/\s/.test(f.instruction[k]!)) continue;
    const tok = tokens[f.charToken[k]!];
    if (tok && tok.t === 'item') return tok.rPr;
    break;
  }
  return '';
}

const HIGHLIGHT_BEFORE = [
  'w:u', 'w:effect', 'w:bdr', 'w:shd', 'w:fitText', 'w:vertAlign', 'w:rtl', 'w:cs', 'w:em',
  'w:lang', 'w:eastAsianLayout', 'w:specVanish', 'w:oMath', 'w:rPrChange',
];

/** Run properties with a yellow highlight, in schema order. */
export function withHighlight(rPr: string): string {
  const mark = '<w:highlight w:val="yellow"/>';
  if (!rPr) return `<w:rPr>${mark}</w:rPr>`;
  const body = rPr.replace(/<w:highlight\b[^>]*\/>/g, '');
  let at = body.lastIndexOf('</w:rPr>');
  for (const name of HIGHLIGHT_BEFORE) {
    const i = body.search(new RegExp(`<${name}[\\s/>]`));
    if (i >= 0 && i < at) at = i;
  }
  if (at < 0) return rPr;
  return body.slice(0, at) + mark + body.slice(at);
}

function placeholder(f: FieldNode, env: EvalEnv, label: string): FieldResult {
  if (!env.preview) return { outs: [], text: '', empty: true };
  const ins = f.parsed.instruction;
  const rPr = ins.type === 'MERGEFIELD' ? fieldResultRPr(f, ins.switches) : fieldResultRPr(f, []);
  return { outs: [{ o: 'text', text: `«${label}»`, rPr: withHighlight(rPr) }], text: '', empty: false };
}
