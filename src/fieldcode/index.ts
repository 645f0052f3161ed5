/**
 * Field instruction text -> tree. Errors are returned with positions, never thrown; with
 * Chevrotain's recovery a partial tree is still built, and each field is parsed on its own so
 * that one bad code never hides the others.
 */
import type { IToken } from 'chevrotain';
import { createTokenInstance } from './chevrotain.js';
import type { ParseResult } from './ast.js';
import { instructionBuilder } from './build.js';
import { FIELD_CHAR, fieldLexer, IfKeyword, MergeFieldKeyword, Word } from './lexer.js';
import { fieldCodeParser } from './parser.js';

/**
 * Word ends the field type where a nested field begins: `IF{ MERGEFIELD x } = ...` is IF and
 * a nested field. The lexer reads `IF{...}` as one word (a nested field may stand inside a
 * word), so the first token is split there. Undefined when there is nothing to split.
 */
function splitFieldType(tokens: IToken[]): IToken[] | undefined {
  const first = tokens[0];
  const at = first && first.tokenType === Word ? first.image.indexOf(FIELD_CHAR) : -1;
  if (!first || at <= 0) return undefined;
  const type = first.image.slice(0, at);
  const keyword = /^if$/i.test(type) ? IfKeyword : /^mergefield$/i.test(type) ? MergeFieldKeyword : Word;
  const piece = (tokType: typeof Word, image: string, start: number): IToken =>
    createTokenInstance(
      tokType,
      image,
      start,
      start + image.length - 1,
      first.startLine ?? 1,
      first.endLine ?? 1,
      first.startColumn ?? 1,
      first.endColumn ?? 1,
    );
  return [piece(keyword, type, first.startOffset), piece(Word, first.image.slice(at), first.startOffset + at), ...tokens.slice(1)];
}

export function parseInstruction(text: string): ParseResult {
  const builder = instructionBuilder(text);
  const lexed = fieldLexer.tokenize(text);
  for (const err of lexed.errors) {
    builder.problem('syntax.unexpected', { text: text.substr(err.offset, err.length) }, { start: err.offset, end: err.offset + err.length });
  }
  if (lexed.tokens.length === 0) {
    builder.problem('syntax.empty', {}, { start: 0, end: text.length });
    return { instruction: { type: 'empty', position: { start: 0, end: text.length } }, problems: builder.problems };
  }
  const split = splitFieldType(lexed.tokens);
  if (split) builder.problem('syntax.no-space-after-type', { type: split[0]!.image }, { start: split[1]!.startOffset, end: split[1]!.startOffset });
  const parser = fieldCodeParser();
  parser.input = split ?? lexed.tokens;
  const cst = parser.field();
  const instruction = builder.build(cst);
  builder.recognitionErrors(parser.errors, instruction, lexed.tokens);
  builder.problems.sort((a, b) => a.position.start - b.position.start);
  return { instruction, problems: builder.problems };
}

export * from './ast.js';
export { argumentText } from './build.js';
export { FIELD_CHAR, OBJECT_CHAR } from './lexer.js';
export { printInstruction } from './printer.js';
