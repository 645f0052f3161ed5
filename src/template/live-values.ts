/**
 * Values merged into a field that stays a field (an IF that depends on PAGE, a HYPERLINK whose
 * address holds a case value): the value becomes instruction text that Word reads again, so it
 * is written as exactly one literal argument and can never add a switch, end a quotation, or
 * change a link's address:
 *
 * - in text (an IF's branch or comparison, a switch's argument) it is quoted, with `"`, `“`, `”`
 *   and `\` escaped by a backslash (docs/word-fields.md, Syntax); a bare argument that receives a
 *   value is quoted as a whole;
 * - in a link address it is percent-encoded (field-policy.ts, encodeUrlValue), and the address
 *   must then be a web or mail address;
 * - in a formula it must be a number; on the right of `=`/`<>` it must hold no `*` or `?`, which
 *   Word reads as wildcards.
 */
import { fieldTypeOf, type Argument, type Instruction } from '../fieldcode/index.js';
import { cachedResult, type FieldNode } from '../ooxml/fields.js';
import { parseLocaleNumber } from '../format/number.js';
import type { MessageId } from '../i18n/index.js';
import type { EvalEnv } from './eval-env.js';
import { evaluate } from './evaluate.js';
import { encodeUrlValue, hyperlinkAddress, isSafeUrl } from './field-policy.js';
import { isLive } from './live.js';
import type { Out } from './outs.js';
import { report } from './report.js';

type Role = 'text' | 'pattern' | 'formula' | 'address';

interface Place {
  arg: Argument;
  role: Role;
}

/** Every argument of an instruction with what a value in it is (switch arguments are text). */
function places(ins: Instruction): Place[] {
  const out: Place[] = [];
  const add = (arg: Argument | undefined, role: Role): void => {
    if (arg) out.push({ arg, role });
  };
  if (ins.type === 'IF') {
    add(ins.left, 'text');
    add(ins.right, ins.operator === '=' || ins.operator === '<>' ? 'pattern' : 'text');
    add(ins.trueText, 'text');
    add(ins.falseText, 'text');
    for (const s of ins.switches) add(s.argument, 'text');
  } else if (ins.type === 'MERGEFIELD') {
    add(ins.name, 'text');
    for (const s of ins.switches) add(s.argument, 'text');
  } else if (ins.type === 'field') {
    const address = ins.fieldType === 'HYPERLINK' ? hyperlinkAddress(ins.items) : undefined;
    for (const item of ins.items) {
      if (item.type === 'argument') add(item, item === address ? 'address' : ins.fieldType === '=' ? 'formula' : 'text');
      else if (item.type === 'switch') add(item.argument, 'text');
    }
  }
  return out;
}

export interface PreparedLive {
  /** What each evaluated nested field writes into the instruction. */
  readonly values: ReadonlyMap<FieldNode, Out[]>;
  /** Quotation marks added around bare arguments that receive a value, by instruction position
   * (the text goes before the character at that position), in order. */
  readonly inserts: ReadonlyArray<readonly [number, string]>;
}

/**
 * Evaluates the nested fields of a live field's instruction and writes each value for the place
 * it lands in. Undefined when a value cannot be written safely or a link's address is not a web
 * or mail address (reported: the letter is refused; preview shows a placeholder instead).
 */
export function prepareLive(f: FieldNode, env: EvalEnv): PreparedLive | undefined {
  const values = new Map<FieldNode, Out[]>();
  const inserts: Array<[number, string]> = [];
  let ok = true;
  const fail = (code: MessageId, params: Record<string, string> = {}): void => {
    report(env, f, code, params);
    ok = false;
  };
  const ins = f.parsed.instruction;
  const placed = new Set<FieldNode>();
  let address: string | undefined;
  for (const { arg, role } of places(ins)) {
    let gotValue = false;
    let url = '';
    for (const p of arg.parts) {
      if (p.type === 'text') {
        url += p.value;
        continue;
      }
      const kid = f.children[p.index];
      if (!kid) continue;
      placed.add(kid);
      if (isLive(kid)) {
        url += cachedResult(kid) ?? '';
        continue;
      }
      gotValue = true;
      const res = evaluate(kid, env);
      const text = res.text;
      const rPr = firstRPr(res.outs);
      if (role === 'address') {
        const encoded = encodeUrlValue(text, arg.parts.length === 1, /^\s*mailto:/i.test(url));
        url += encoded;
        values.set(kid, encoded ? [{ o: 'text', text: encoded, rPr }] : []);
      } else if (role === 'formula') {
        if (parseLocaleNumber(text, env.numberLocale) === undefined) fail('render.live-number');
        values.set(kid, res.outs);
      } else {
        if (role === 'pattern' && /[*?]/.test(text)) fail('render.live-pattern');
        values.set(kid, res.outs.map(escapeOut));
      }
    }
    if (role === 'address') address = url;
    if (gotValue && arg.quote === null && role !== 'formula') inserts.push([arg.position.start, '"'], [arg.position.end, '"']);
  }
  // A nested field outside every argument (the field type itself, say) cannot take a value.
  if (f.children.some((k) => !placed.has(k) && !isLive(k))) fail('render.live-value', { type: fieldTypeOf(ins) });
  if (address !== undefined && !isSafeUrl(address)) fail('render.link-unsafe', { type: 'HYPERLINK', url: address });
  if (!ok) return undefined;
  inserts.sort((a, b) => a[0] - b[0]);
  return { values, inserts };
}

/** Text inside quotation marks: `"`, `“`, `”` and `\` get a backslash. */
export function escapeQuoted(text: string): string {
  return text.replace(/["\u201c\u201d\\]/g, '\\$&');
}

function escapeOut(o: Out): Out {
  return o.o === 'text' ? { ...o, text: escapeQuoted(o.text) } : o;
}

function firstRPr(outs: readonly Out[]): string {
  for (const o of outs) if (o.o === 'text' || o.o === 'tab' || o.o === 'br') return o.rPr;
  return '';
}
