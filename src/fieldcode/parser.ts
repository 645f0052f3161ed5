/**
 * The Chevrotain grammar of field instructions. grammar/field-code.ebnf and
 * grammar/syntax-diagrams.html are generated from this class (npm run grammar) and checked
 * against it by a test.
 */
import type { CstNode } from 'chevrotain';
import { CstParser } from './chevrotain.js';
import {
  allTokens,
  DateSwitch,
  Equal,
  FormatSwitch,
  Greater,
  GreaterEqual,
  IfKeyword,
  Less,
  LessEqual,
  MergeFieldKeyword,
  NotEqual,
  NumericSwitch,
  OtherSwitch,
  Quoted,
  Unterminated,
  Word,
} from './lexer.js';

export class FieldCodeParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  /** field = ifField | mergeField | otherField */
  public field = this.RULE('field', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.ifField) }, { ALT: () => this.SUBRULE(this.mergeField) }, { ALT: () => this.SUBRULE(this.otherField) }]);
  });

  /**
   * IF Expression1 Operator Expression2 TrueText FalseText, read as Word reads it: a list of
   * arguments, comparisons and switches in any order, whose roles follow from their places
   * (build.ts): switches anywhere apply to the result, arguments after FalseText are ignored,
   * and without an operator the first argument is the condition. The syntax problems of each
   * form are decided there, so that every form Word evaluates parses.
   */
  public ifField = this.RULE('ifField', () => {
    this.CONSUME(IfKeyword);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.argument) },
        { ALT: () => this.SUBRULE(this.comparison) },
        { ALT: () => this.SUBRULE(this.generalSwitch) },
        { ALT: () => this.SUBRULE(this.fieldSwitch) },
      ]),
    );
  });

  /** MERGEFIELD Name {general switch | field switch} */
  public mergeField = this.RULE('mergeField', () => {
    this.CONSUME(MergeFieldKeyword);
    this.SUBRULE(this.argument, { LABEL: 'name' });
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.generalSwitch) }, { ALT: () => this.SUBRULE(this.fieldSwitch) }]));
  });

  /** Any other field type, kept as it is: PAGE, NUMPAGES, DATE, REF, = ... */
  public otherField = this.RULE('otherField', () => {
    this.OR([{ ALT: () => this.CONSUME(Word, { LABEL: 'fieldType' }) }, { ALT: () => this.CONSUME(Equal, { LABEL: 'fieldType' }) }]);
    this.MANY(() =>
      this.OR2([
        { ALT: () => this.SUBRULE(this.argument) },
        { ALT: () => this.SUBRULE(this.comparison) },
        { ALT: () => this.SUBRULE(this.generalSwitch) },
        { ALT: () => this.SUBRULE(this.fieldSwitch) },
      ]),
    );
  });

  public comparison = this.RULE('comparison', () => {
    this.OR([
      { ALT: () => this.CONSUME(Equal) },
      { ALT: () => this.CONSUME(NotEqual) },
      { ALT: () => this.CONSUME(Less) },
      { ALT: () => this.CONSUME(LessEqual) },
      { ALT: () => this.CONSUME(Greater) },
      { ALT: () => this.CONSUME(GreaterEqual) },
    ]);
  });

  /** \* format, \# numeric picture, \@ date picture */
  public generalSwitch = this.RULE('generalSwitch', () => {
    this.OR([{ ALT: () => this.CONSUME(FormatSwitch) }, { ALT: () => this.CONSUME(NumericSwitch) }, { ALT: () => this.CONSUME(DateSwitch) }]);
    this.OPTION(() => this.SUBRULE(this.argument));
  });

  /** A field-specific switch such as \b "text", \f "text", \m, \v. */
  public fieldSwitch = this.RULE('fieldSwitch', () => {
    this.CONSUME(OtherSwitch);
    this.OPTION(() => this.SUBRULE(this.argument));
  });

  /** A bare word or quoted text; nested fields stand inside either. */
  public argument = this.RULE('argument', () => {
    this.OR([
      { ALT: () => this.CONSUME(Quoted) },
      { ALT: () => this.CONSUME(Unterminated) },
      { ALT: () => this.CONSUME(Word) },
      { ALT: () => this.CONSUME(IfKeyword) },
      { ALT: () => this.CONSUME(MergeFieldKeyword) },
    ]);
  });
}

let shared: FieldCodeParser | undefined;

/** One parser per process: building it (grammar analysis) is the expensive part. */
export function fieldCodeParser(): FieldCodeParser {
  shared ??= new FieldCodeParser();
  return shared;
}

export type { CstNode };
