/**
 * Tokens of a Word field instruction.
 *
 * The instruction string is the joined text of the field's instruction runs, with one
 * placeholder character for each nested field (FIELD_CHAR), one for each embedded object such as
 * a drawing (OBJECT_CHAR), and Word's own control characters for paragraph marks (\r), line
 * breaks (\v), tabs (\t) and page breaks (\f).
 */
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';

/** Stands for a nested field inside an instruction. */
export const FIELD_CHAR = '\ue000';
/** Stands for an embedded object (drawing, symbol) inside an instruction. */
export const OBJECT_CHAR = '\ufffc';

/** Opening and closing quotation marks Word accepts as delimiters. */
export const OPEN_QUOTES = '"\u201c\u201d\u201e';
export const CLOSE_QUOTES = '"\u201c\u201d';

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\v\f\x0e]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const Quoted = createToken({
  name: 'Quoted',
  label: '"text"',
  pattern: /["\u201c\u201d\u201e](?:\\[\s\S]|[^"\u201c\u201d\\])*["\u201c\u201d]/,
  line_breaks: true,
});

export const Unterminated = createToken({
  name: 'Unterminated',
  label: '"unterminated',
  pattern: /["\u201c\u201d\u201e][\s\S]*/,
  line_breaks: true,
});

export const FormatSwitch = createToken({ name: 'FormatSwitch', label: '\\*', pattern: /\\\*/ });
export const NumericSwitch = createToken({ name: 'NumericSwitch', label: '\\#', pattern: /\\#/ });
export const DateSwitch = createToken({ name: 'DateSwitch', label: '\\@', pattern: /\\@/ });
export const OtherSwitch = createToken({
  name: 'OtherSwitch',
  label: '\\x',
  pattern: /\\[^ \t\r\n\v\f\x0e]?/,
});

export const NotEqual = createToken({ name: 'NotEqual', label: '<>', pattern: /<>/ });
export const LessEqual = createToken({ name: 'LessEqual', label: '<=', pattern: /<=/ });
export const GreaterEqual = createToken({ name: 'GreaterEqual', label: '>=', pattern: />=/ });
export const Less = createToken({ name: 'Less', label: '<', pattern: /</ });
export const Greater = createToken({ name: 'Greater', label: '>', pattern: />/ });
export const Equal = createToken({ name: 'Equal', label: '=', pattern: /=/ });

export const Word = createToken({
  name: 'Word',
  label: 'word',
  pattern: /[^ \t\r\n\v\f\x0e"\u201c\u201d\u201e\\<>=]+/,
});

export const IfKeyword = createToken({ name: 'IfKeyword', label: 'IF', pattern: /IF/i, longer_alt: Word });
export const MergeFieldKeyword = createToken({
  name: 'MergeFieldKeyword',
  label: 'MERGEFIELD',
  pattern: /MERGEFIELD/i,
  longer_alt: Word,
});

export const allTokens: TokenType[] = [
  WhiteSpace,
  Quoted,
  Unterminated,
  FormatSwitch,
  NumericSwitch,
  DateSwitch,
  OtherSwitch,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Equal,
  MergeFieldKeyword,
  IfKeyword,
  Word,
];

export const fieldLexer = new Lexer(allTokens, {
  positionTracking: 'full',
  ensureOptimizations: false,
});
