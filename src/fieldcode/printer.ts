/**
 * Field-instruction tree -> instruction text. Nested fields print as FIELD_CHAR by default (the
 * form the parser reads back), or through a callback, e.g. `{ MERGEFIELD x }` for people.
 */
import type { Argument, Instruction, Switch } from './ast.js';
import { FIELD_CHAR } from './lexer.js';

export interface PrintOptions {
  /** How to print nested field number `index`. */
  field?: (index: number) => string;
}

const BARE_WORD = /^[^ \t\r\n\v\f\x0e"\u201c\u201d\u201e\\<>=]+$/;

export function printArgument(arg: Argument, options: PrintOptions = {}): string {
  const field = options.field ?? (() => FIELD_CHAR);
  let body = '';
  for (const p of arg.parts) {
    if (p.type === 'field') body += field(p.index);
    else if (p.escaped) body += '\\' + p.value;
    else body += p.value;
  }
  if (arg.quote === null) {
    // A bare word that would not read back as one word is quoted instead.
    if (BARE_WORD.test(arg.parts.map((p) => (p.type === 'field' ? FIELD_CHAR : p.value)).join(''))) return body;
    return `"${body}"`;
  }
  return arg.quote + body + (arg.closeQuote ?? '');
}

function printSwitch(sw: Switch, options: PrintOptions): string {
  return sw.argument ? `\\${sw.name} ${printArgument(sw.argument, options)}` : `\\${sw.name}`;
}

export function printInstruction(ins: Instruction, options: PrintOptions = {}): string {
  const out: string[] = [];
  const arg = (a: Argument | undefined): void => {
    if (a) out.push(printArgument(a, options));
  };
  switch (ins.type) {
    case 'empty':
      return '';
    case 'IF':
      out.push('IF');
      arg(ins.left);
      if (ins.operator) out.push(ins.operator);
      arg(ins.right);
      arg(ins.trueText);
      arg(ins.falseText);
      for (const a of ins.extra ?? []) arg(a);
      for (const s of ins.switches) out.push(printSwitch(s, options));
      break;
    case 'MERGEFIELD':
      out.push('MERGEFIELD');
      arg(ins.name);
      for (const s of ins.switches) out.push(printSwitch(s, options));
      break;
    case 'field':
      out.push(ins.fieldType);
      for (const item of ins.items) {
        if (item.type === 'argument') arg(item);
        else if (item.type === 'operator') out.push(item.value);
        else out.push(printSwitch(item, options));
      }
      break;
  }
  return out.join(' ');
}
