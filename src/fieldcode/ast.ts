/**
 * The tree of one field instruction (see docs/ast.md). Plain JSON, unist-like: every node has
 * a `type` and a `position` ({ start, end } character offsets into the instruction string).
 * Nested fields appear as `field` parts that point, by index, at the field's children in
 * document order; the field reader keeps those children.
 */
export interface Span {
  start: number;
  end: number;
}

/** Literal text. `value` is what Word reads; `escaped` parts are `\"` or `\\` sequences. */
export interface TextPart {
  type: 'text';
  value: string;
  escaped?: true;
  position: Span;
}

/** A nested field, by its index among the instruction's nested fields (0-based). */
export interface FieldPart {
  type: 'field';
  index: number;
  position: Span;
}

export type ArgumentPart = TextPart | FieldPart;

/** A bare word or quoted text, possibly holding nested fields. */
export interface Argument {
  type: 'argument';
  /** The opening quotation mark, or null for a bare word. */
  quote: string | null;
  /** The closing mark; absent when the quote is never closed. */
  closeQuote?: string;
  parts: ArgumentPart[];
  position: Span;
  /** The text between the quotation marks (equal to position for bare words). */
  content: Span;
}

/** `\*`, `\#`, `\@` (general switches) or a field-specific switch such as `\b`. */
export interface Switch {
  type: 'switch';
  /** The character after the backslash: `*`, `#`, `@`, `b`, `f`, `m`, `v`, ... */
  name: string;
  argument?: Argument;
  position: Span;
}

export type Operator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface OperatorItem {
  type: 'operator';
  value: Operator;
  position: Span;
}

/**
 * An IF as Word reads it. With an operator: `left operator right trueText falseText`. Without
 * one (a form Word evaluates, see docs/word-fields.md), `left` is the condition, true unless it
 * is empty or the number 0, and `right` is absent. `extra` holds the arguments after FalseText,
 * which Word ignores.
 */
export interface IfInstruction {
  type: 'IF';
  left?: Argument;
  operator?: Operator;
  right?: Argument;
  trueText?: Argument;
  falseText?: Argument;
  extra?: Argument[];
  switches: Switch[];
  position: Span;
}

export interface MergeFieldInstruction {
  type: 'MERGEFIELD';
  name?: Argument;
  switches: Switch[];
  position: Span;
}

/** Any other field (PAGE, NUMPAGES, DATE, REF, = ...): kept as it is, parsed generically. */
export interface OtherInstruction {
  type: 'field';
  /** Upper-cased field type (`PAGE`, `=`, ...). */
  fieldType: string;
  items: Array<Argument | Switch | OperatorItem>;
  position: Span;
}

export interface EmptyInstruction {
  type: 'empty';
  position: Span;
}

export type Instruction = IfInstruction | MergeFieldInstruction | OtherInstruction | EmptyInstruction;

/** A syntax problem, positioned in the instruction string. */
export interface SyntaxProblem {
  code:
    | 'syntax.unterminated-quote'
    | 'syntax.empty'
    | 'syntax.if-missing-operator'
    | 'syntax.if-missing-expression'
    | 'syntax.if-missing-true-text'
    | 'syntax.too-many-arguments'
    | 'syntax.mergefield-missing-name'
    | 'syntax.unknown-switch'
    | 'syntax.switch-missing-argument'
    | 'syntax.switch-no-argument'
    | 'syntax.unknown-format'
    | 'syntax.unexpected'
    | 'syntax.bad-picture'
    | 'syntax.nested-in-name'
    | 'syntax.if-no-operator'
    | 'syntax.if-extra-arguments'
    | 'syntax.if-switch-inside'
    | 'syntax.typed-braces'
    | 'syntax.no-space-after-type';
  params: Record<string, string | number>;
  position: Span;
}

/**
 * The problems of forms Word accepts and evaluates (it shows no error text), which kp-brev
 * evaluates the same way: the linter calls them fragile (a warning, rule field-fragile), never
 * an error, and they do not stop a letter.
 */
export const FRAGILE_CODES: ReadonlySet<SyntaxProblem['code']> = new Set([
  'syntax.empty',
  'syntax.unterminated-quote',
  'syntax.if-no-operator',
  'syntax.if-extra-arguments',
  'syntax.if-switch-inside',
  'syntax.typed-braces',
  'syntax.no-space-after-type',
] as const);

/** True for a problem Word does not mind (see FRAGILE_CODES). */
export function isFragile(p: SyntaxProblem): boolean {
  return FRAGILE_CODES.has(p.code);
}

/** The problems that keep a field from being evaluated: the errors, not the fragile forms
 * Word evaluates (an empty instruction among them). */
export function blockingProblems(problems: readonly SyntaxProblem[]): SyntaxProblem[] {
  return problems.filter((p) => !isFragile(p));
}

export interface ParseResult {
  instruction: Instruction;
  problems: SyntaxProblem[];
}

/** The general switches of an instruction (all of them for IF and MERGEFIELD). */
export function switchesOf(ins: Instruction): Switch[] {
  if (ins.type === 'IF' || ins.type === 'MERGEFIELD') return ins.switches;
  if (ins.type === 'field') return ins.items.filter((i): i is Switch => i.type === 'switch');
  return [];
}

/** Field type as Word names it: IF, MERGEFIELD, PAGE, ... ('' for an empty instruction). */
export function fieldTypeOf(ins: Instruction): string {
  return ins.type === 'field' ? ins.fieldType : ins.type === 'empty' ? '' : ins.type;
}
