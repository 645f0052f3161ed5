/**
 * CST (Chevrotain) -> field-instruction tree (ast.ts), with Chevrotain's parse errors and the
 * checks the grammar leaves to us turned into positioned SyntaxProblems. The builder is a CST
 * visitor of the parser (Chevrotain's getBaseCstVisitorConstructor), with a method per grammar
 * rule; it checks that it has them all when made (validateVisitor), so that a rule added to
 * the grammar without a method here fails loudly instead of being skipped.
 */
import { indexInSorted } from '../sorted.js';
import type { CstChildrenDictionary, CstNode, CstParser, IRecognitionException, IToken } from 'chevrotain';
import type {
  Argument,
  ArgumentPart,
  IfInstruction,
  Instruction,
  MergeFieldInstruction,
  Operator,
  OperatorItem,
  OtherInstruction,
  Span,
  Switch,
  SyntaxProblem,
} from './ast.js';
import { FIELD_CHAR } from './lexer.js';
import { fieldCodeParser } from './parser.js';

type Child = CstNode | IToken;

const isToken = (c: Child): c is IToken => (c as IToken).image !== undefined;

/** Every `\*` format Word knows (ECMA-376 17.16.4.3, and MERGEFORMATINET, which Word writes
 * on INCLUDEPICTURE), by lower-case name. kp-brev computes some of them (src/format/text.ts);
 * the others are Word's but refused when a letter is made. */
export const KNOWN_FORMATS = new Map(
  [
    'MERGEFORMAT',
    'MERGEFORMATINET',
    'CHARFORMAT',
    'Upper',
    'Lower',
    'FirstCap',
    'Caps',
    'Arabic',
    'ArabicDash',
    'alphabetic',
    'ALPHABETIC',
    'roman',
    'ROMAN',
    'Ordinal',
    'CardText',
    'OrdText',
    'DollarText',
    'Hex',
    'AIUEO',
    'ArabicAbjad',
    'ArabicAlpha',
    'BahtText',
    'ChineseNum1',
    'ChineseNum2',
    'ChineseNum3',
    'Chosung',
    'CircleNum',
    'DBChar',
    'DBNum1',
    'DBNum2',
    'DBNum3',
    'DBNum4',
    'Ganada',
    'GB1',
    'GB2',
    'GB3',
    'GB4',
    'Hebrew1',
    'Hebrew2',
    'HindiArabic',
    'HindiCardText',
    'HindiLetter1',
    'HindiLetter2',
    'Iroha',
    'KanjiNum1',
    'KanjiNum2',
    'KanjiNum3',
    'SBChar',
    'ThaiArabic',
    'ThaiCardText',
    'ThaiLetter',
    'VietCardText',
    'Zodiac1',
    'Zodiac2',
    'Zodiac3',
  ].map((f) => [f.toLowerCase(), f]),
);

/** What the parser's caller (index.ts) uses of the builder of one instruction. */
export interface InstructionBuilder {
  readonly problems: SyntaxProblem[];
  problem(code: SyntaxProblem['code'], params: SyntaxProblem['params'], position: Span): void;
  /** The instruction a `field` CST describes. */
  build(cst: CstNode): Instruction;
  /** Turns Chevrotain's recognition errors into our problems (`tokens`: the lexed instruction, to name what precedes an extra argument). */
  recognitionErrors(errors: IRecognitionException[], instruction: Instruction, tokens?: readonly IToken[]): void;
}

export type InstructionBuilderClass = new (source: string) => InstructionBuilder;

/**
 * The builder class for a parser: a visitor of its CST with one method per grammar rule (each
 * gets the node's children and, as its parameter, the node itself, for its place). Making one
 * throws when the parser has a rule without a method.
 */
export function instructionBuilderFor(parser: CstParser): InstructionBuilderClass {
  const Visitor = parser.getBaseCstVisitorConstructor<CstNode, unknown>();
  return class Builder extends Visitor implements InstructionBuilder {
    readonly problems: SyntaxProblem[] = [];
    private readonly fieldOffsets: number[] = [];

    constructor(private readonly source: string) {
      super();
      this.validateVisitor();
      for (let i = source.indexOf(FIELD_CHAR); i >= 0; i = source.indexOf(FIELD_CHAR, i + 1)) {
        this.fieldOffsets.push(i);
      }
    }

    problem(code: SyntaxProblem['code'], params: SyntaxProblem['params'], position: Span): void {
      if (this.problems.some((p) => p.code === code && p.position.start === position.start)) return;
      this.problems.push({ code, params, position });
    }

    build(cst: CstNode): Instruction {
      return this.sub<Instruction>(cst);
    }

    /** Visits a node: its rule's method, with the node as the parameter. */
    private sub<T>(cst: CstNode): T {
      return this.visit(cst, cst) as T;
    }

    field(c: CstChildrenDictionary): Instruction {
      const form = c['ifField'] ?? c['mergeField'] ?? c['otherField'];
      if (form) return this.sub<Instruction>(form[0] as CstNode);
      return { type: 'empty', position: { start: 0, end: this.source.length } };
    }

    /** Assigns the roles of an IF's arguments by their places, as Word does (parser.ts). */
    ifField(c: CstChildrenDictionary, cst: CstNode): IfInstruction {
      const out: IfInstruction = { type: 'IF', switches: [], position: this.spanOf(cst) };
      const seq: Array<Argument | OperatorItem> = [];
      let firstSwitch: Switch | undefined;
      let switchInside: Switch | undefined;
      for (const item of this.sorted(c['argument'], c['comparison'], c['generalSwitch'], c['fieldSwitch'])) {
        const node = item as CstNode;
        if (node.name === 'argument' || node.name === 'comparison') {
          const it = this.sub<Argument | OperatorItem | undefined>(node);
          if (!it) continue;
          seq.push(it);
          if (firstSwitch && !switchInside) switchInside = firstSwitch;
        } else if (node.name === 'generalSwitch') {
          const sw = this.sub<Switch>(node);
          out.switches.push(sw);
          firstSwitch ??= sw;
        } else {
          const sw = this.sub<Switch>(node);
          this.problem('syntax.unknown-switch', { switch: sw.name, field: 'IF' }, sw.position);
        }
      }
      if (switchInside) this.problem('syntax.if-switch-inside', { switch: switchInside.name }, switchInside.position);
      const end = out.position.end;
      const first = seq[0];
      if (!first || first.type === 'operator') {
        this.problem('syntax.if-missing-expression', { which: 1 }, first ? first.position : { start: end, end });
        return out;
      }
      out.left = first;
      let texts: Array<Argument | OperatorItem>;
      const op = seq[1];
      if (op?.type === 'operator') {
        out.operator = op.value;
        const right = seq[2];
        if (!right || right.type === 'operator') {
          this.problem('syntax.if-missing-expression', { which: 2 }, right ? right.position : { start: end, end });
          return out;
        }
        out.right = right;
        texts = seq.slice(3);
        if (texts.length === 0 && !this.problems.some((p) => p.code === 'syntax.unterminated-quote')) {
          this.problem('syntax.if-missing-true-text', {}, { start: end, end });
        }
      } else {
        const at = { start: first.position.end, end: first.position.end };
        if (seq.length === 1) {
          this.problem('syntax.if-missing-operator', {}, at);
          return out;
        }
        // Word takes the first argument as the condition (docs/word-fields.md, IF).
        this.problem('syntax.if-no-operator', { condition: this.source.slice(first.position.start, first.position.end) }, at);
        texts = seq.slice(1);
      }
      const [trueText, falseText, ...extra] = texts.map((t) => (t.type === 'operator' ? this.operatorArgument(t) : t));
      if (trueText) out.trueText = trueText;
      if (falseText) out.falseText = falseText;
      if (extra.length) {
        out.extra = extra;
        const span = { start: extra[0]!.position.start, end: extra[extra.length - 1]!.position.end };
        this.problem('syntax.if-extra-arguments', { text: this.source.slice(span.start, span.end) }, span);
      }
      return out;
    }

    /** An operator where Word expects text (`IF a = b = c`): the text of the operator. */
    private operatorArgument(op: OperatorItem): Argument {
      return { type: 'argument', quote: null, parts: [{ type: 'text', value: op.value, position: op.position }], position: op.position, content: op.position };
    }

    mergeField(c: CstChildrenDictionary, cst: CstNode): MergeFieldInstruction {
      const out: MergeFieldInstruction = { type: 'MERGEFIELD', switches: [], position: this.spanOf(cst) };
      const name = this.argOf(c['name']);
      if (name) {
        out.name = name;
        if (name.parts.some((p) => p.type === 'field')) this.problem('syntax.nested-in-name', {}, name.position);
      }
      for (const s of this.sorted(c['generalSwitch'], c['fieldSwitch'])) {
        const node = s as CstNode;
        const sw = this.sub<Switch>(node);
        if (node.name === 'fieldSwitch') this.mergeSwitch(sw);
        out.switches.push(sw);
      }
      return out;
    }

    otherField(c: CstChildrenDictionary, cst: CstNode): OtherInstruction {
      const typeToken = c['fieldType']?.[0] as IToken | undefined;
      const out: OtherInstruction = {
        type: 'field',
        fieldType: (typeToken?.image ?? '').toUpperCase(),
        items: [],
        position: this.spanOf(cst),
      };
      for (const item of this.sorted(c['argument'], c['comparison'], c['generalSwitch'], c['fieldSwitch'])) {
        // An argument, a comparison, or a switch (general ones checked, others kept as they are).
        const it = this.sub<Argument | OperatorItem | Switch | undefined>(item as CstNode);
        if (it) out.items.push(it);
      }
      return out;
    }

    /** \* format, \# numeric picture, \@ date picture: checked. */
    generalSwitch(c: CstChildrenDictionary, cst: CstNode): Switch {
      const sw = this.plainSwitch(c, cst);
      if (!sw.argument) {
        this.problem('syntax.switch-missing-argument', { switch: sw.name }, sw.position);
      } else if (sw.name === '*') {
        const value = argumentText(sw.argument);
        if (!KNOWN_FORMATS.has(value.toLowerCase())) {
          this.problem('syntax.unknown-format', { format: value }, sw.argument.position);
        }
      }
      return sw;
    }

    /** A field-specific switch: checked by the field it stands in (IF, MERGEFIELD). */
    fieldSwitch(c: CstChildrenDictionary, cst: CstNode): Switch {
      return this.plainSwitch(c, cst);
    }

    /** The checks of a MERGEFIELD's own switches (\b, \f, \m, \v). */
    private mergeSwitch(sw: Switch): void {
      const name = sw.name.toLowerCase();
      if (name === 'b' || name === 'f') {
        if (!sw.argument) this.problem('syntax.switch-missing-argument', { switch: sw.name }, sw.position);
      } else if (name === 'm' || name === 'v') {
        if (sw.argument) {
          this.problem('syntax.switch-no-argument', { switch: sw.name, text: argumentText(sw.argument) }, sw.argument.position);
        }
      } else {
        this.problem('syntax.unknown-switch', { switch: sw.name, field: 'MERGEFIELD' }, sw.position);
      }
    }

    private plainSwitch(c: CstChildrenDictionary, cst: CstNode): Switch {
      const tok = (c['FormatSwitch'] ?? c['NumericSwitch'] ?? c['DateSwitch'] ?? c['OtherSwitch'])?.[0] as IToken | undefined;
      const start = tok ? tok.startOffset : this.spanOf(cst).start;
      const sw: Switch = { type: 'switch', name: tok ? tok.image.slice(1) : '', position: { start, end: start + (tok?.image.length ?? 0) } };
      const arg = this.argOf(c['argument']);
      if (arg) {
        sw.argument = arg;
        sw.position = { start, end: arg.position.end };
      }
      return sw;
    }

    comparison(c: CstChildrenDictionary): OperatorItem | undefined {
      const tok = Object.values(c)[0]?.[0] as IToken | undefined;
      if (!tok || !Number.isFinite(tok.startOffset)) return undefined;
      return {
        type: 'operator',
        value: tok.image as Operator,
        position: { start: tok.startOffset, end: tok.startOffset + tok.image.length },
      };
    }

    private argOf(nodes: Child[] | undefined): Argument | undefined {
      const node = nodes?.[0] as CstNode | undefined;
      return node ? this.sub<Argument | undefined>(node) : undefined;
    }

    argument(c: CstChildrenDictionary): Argument | undefined {
      const tok = Object.values(c)[0]?.[0] as IToken | undefined;
      if (!tok || !Number.isFinite(tok.startOffset) || tok.image === '') return undefined;
      return this.argumentFromToken(tok);
    }

    private argumentFromToken(tok: IToken): Argument {
      const start = tok.startOffset;
      const end = start + tok.image.length;
      const name = tok.tokenType.name;
      if (name === 'Quoted' || name === 'Unterminated') {
        const closed = name === 'Quoted';
        const content = { start: start + 1, end: closed ? end - 1 : end };
        if (!closed) this.problem('syntax.unterminated-quote', {}, { start, end: start + 1 });
        const arg: Argument = {
          type: 'argument',
          quote: tok.image[0]!,
          parts: this.parts(content, true),
          position: { start, end },
          content,
        };
        if (closed) arg.closeQuote = tok.image[tok.image.length - 1]!;
        return arg;
      }
      const content = { start, end };
      // Braces typed on the keyboard are plain characters to Word, never a field.
      if (/[{}]/.test(tok.image) && !this.problems.some((p) => p.code === 'syntax.typed-braces'))
        this.problem('syntax.typed-braces', { text: tok.image }, content);
      return { type: 'argument', quote: null, parts: this.parts(content, false), position: content, content };
    }

    private parts(span: Span, quoted: boolean): ArgumentPart[] {
      const out: ArgumentPart[] = [];
      const s = this.source;
      let textStart = span.start;
      const flush = (to: number): void => {
        if (to > textStart) out.push({ type: 'text', value: s.slice(textStart, to), position: { start: textStart, end: to } });
      };
      for (let i = span.start; i < span.end; i++) {
        const ch = s[i]!;
        if (ch === FIELD_CHAR) {
          flush(i);
          out.push({ type: 'field', index: this.fieldIndex(i), position: { start: i, end: i + 1 } });
          textStart = i + 1;
        } else if (quoted && ch === '\\' && i + 1 < span.end && '"\u201c\u201d\\'.includes(s[i + 1]!)) {
          flush(i);
          out.push({ type: 'text', value: s[i + 1]!, escaped: true, position: { start: i, end: i + 2 } });
          i++;
          textStart = i + 1;
        }
      }
      flush(span.end);
      return out;
    }

    private fieldIndex(offset: number): number {
      return indexInSorted(this.fieldOffsets, offset);
    }

    private spanOf(cst: CstNode): Span {
      const loc = cst.location;
      if (loc && Number.isFinite(loc.startOffset)) {
        return { start: loc.startOffset, end: (Number.isFinite(loc.endOffset) ? loc.endOffset! : loc.startOffset) + 1 };
      }
      return { start: 0, end: this.source.length };
    }

    private sorted(...lists: Array<Child[] | undefined>): Child[] {
      const all: Child[] = [];
      for (const l of lists) if (l) all.push(...l);
      const offset = (c: Child): number => (isToken(c) ? c.startOffset : (c.location?.startOffset ?? 0));
      return all.filter((c) => Number.isFinite(offset(c))).sort((a, b) => offset(a) - offset(b));
    }

    recognitionErrors(errors: IRecognitionException[], instruction: Instruction, tokens: readonly IToken[] = []): void {
      for (const e of errors) {
        const tok = e.token;
        const eof = !tok || !Number.isFinite(tok.startOffset) || tok.tokenType?.name === 'EOF';
        const at: Span = eof ? { start: this.source.length, end: this.source.length } : { start: tok.startOffset, end: tok.startOffset + tok.image.length };
        const rules = e.context?.ruleStack ?? [];
        const rule = rules[rules.length - 1];
        if (e.name === 'NotAllInputParsedException') {
          const name = tok.tokenType.name;
          if (name === 'OtherSwitch') {
            this.problem('syntax.unknown-switch', { switch: tok.image.slice(1), field: fieldName(instruction) }, at);
          } else {
            const before = tokens.filter((t) => t.startOffset < tok.startOffset).pop();
            this.problem('syntax.too-many-arguments', { text: ownText(tok.image), after: before ? ownText(before.image) : '' }, at);
          }
        } else if (rule === 'comparison' || (rules.includes('ifField') && rule === 'ifField' && !(instruction as IfInstruction).operator)) {
          this.problem('syntax.if-missing-operator', {}, at);
        } else if (rule === 'argument' && rules.includes('ifField')) {
          const ins = instruction as IfInstruction;
          this.problem('syntax.if-missing-expression', { which: ins.left ? 2 : 1 }, at);
        } else if (rule === 'argument' && rules.includes('mergeField')) {
          this.problem('syntax.mergefield-missing-name', {}, at);
        } else {
          this.problem('syntax.unexpected', { text: eof ? '…' : tok.image }, at);
        }
      }
    }
  };
}

let shared: InstructionBuilderClass | undefined;

/** A builder for one instruction's text, for the shared parser (parser.ts). */
export function instructionBuilder(source: string): InstructionBuilder {
  shared ??= instructionBuilderFor(fieldCodeParser());
  return new shared(source);
}

/** A token as a person wrote it: a quoted text without its quotation marks, a nested field as { … }. */
function ownText(image: string): string {
  const quoted = /^["\u201c\u201d\u201e]([\s\S]*)["\u201c\u201d]$/.exec(image);
  return (quoted ? quoted[1]!.replace(/\\(["\u201c\u201d\\])/g, '$1') : image).replaceAll(FIELD_CHAR, '{ … }');
}

function fieldName(ins: Instruction): string {
  return ins.type === 'field' ? ins.fieldType : ins.type === 'empty' ? '' : ins.type;
}

/** The literal text of an argument with nested fields left out. */
export function argumentText(arg: Argument): string {
  let s = '';
  for (const p of arg.parts) if (p.type === 'text') s += p.value;
  return s;
}

export { isToken };
