/**
 * Field instruction text -> tree. Errors are returned with positions, never thrown; with
 * Chevrotain's recovery a partial tree is still built, and each field is parsed on its own so
 * that one bad code never hides the others.
 */
import type { ParseResult } from './ast.js';
import { InstructionBuilder } from './build.js';
import { fieldLexer } from './lexer.js';
import { fieldCodeParser } from './parser.js';

export function parseInstruction(text: string): ParseResult {
  const builder = new InstructionBuilder(text);
  const lexed = fieldLexer.tokenize(text);
  for (const err of lexed.errors) {
    builder.problem('syntax.unexpected', { text: text.substr(err.offset, err.length) }, { start: err.offset, end: err.offset + err.length });
  }
  if (lexed.tokens.length === 0) {
    builder.problem('syntax.empty', {}, { start: 0, end: text.length });
    return { instruction: { type: 'empty', position: { start: 0, end: text.length } }, problems: builder.problems };
  }
  const parser = fieldCodeParser();
  parser.input = lexed.tokens;
  const cst = parser.field();
  const instruction = builder.field(cst);
  builder.recognitionErrors(parser.errors, instruction, lexed.tokens);
  builder.problems.sort((a, b) => a.position.start - b.position.start);
  return { instruction, problems: builder.problems };
}

export * from './ast.js';
export { argumentText } from './build.js';
export { FIELD_CHAR, OBJECT_CHAR } from './lexer.js';
export { printInstruction } from './printer.js';
