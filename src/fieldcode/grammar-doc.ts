/**
 * The grammar as documents, generated from the parser itself so they cannot drift:
 * grammar/field-code.ebnf (W3C-style EBNF) and grammar/syntax-diagrams.html (Chevrotain's
 * railroad diagrams, with their scripts served from grammar/diagrams/, no network).
 */
import type { ISerializedGast } from 'chevrotain';
import { createSyntaxDiagramsCode } from './chevrotain.js';
import { allTokens } from './lexer.js';
import { fieldCodeParser } from './parser.js';

type Node = ISerializedGast & { name?: string; label?: string; definition?: Node[] };

function terminal(node: Node): string {
  const tok = allTokens.find((t) => t.name === node.name);
  const label = tok?.LABEL ?? node.name ?? '?';
  return /^[A-Z\\*#@<>=]+$/.test(label) && !label.includes(' ') && label.length <= 10 ? `'${label}'` : (node.name ?? '?');
}

function seq(defs: Node[] | undefined): string {
  return (defs ?? []).map(expr).join(' ');
}

function group(defs: Node[] | undefined): string {
  const inner = seq(defs);
  const single = (defs ?? []).length === 1;
  if (single && (!inner.includes(' ') || defs![0]!.type === 'Alternation')) return inner;
  return `( ${inner} )`;
}

function expr(node: Node): string {
  switch (node.type) {
    case 'Terminal':
      return terminal(node);
    case 'NonTerminal':
      return node.name ?? '?';
    case 'Alternation':
      return `( ${(node.definition ?? []).map((alt) => seq(alt.definition)).join(' | ')} )`;
    case 'Alternative':
      return seq(node.definition);
    case 'Option':
      return `${group(node.definition)}?`;
    case 'Repetition':
    case 'RepetitionWithSeparator':
      return `${group(node.definition)}*`;
    case 'RepetitionMandatory':
    case 'RepetitionMandatoryWithSeparator':
      return `${group(node.definition)}+`;
    default:
      return seq(node.definition);
  }
}

const HEADER = `/*
 * Word field instructions as kp-brev reads them (ECMA-376 Part 1, 17.16, with Word's own
 * behaviour where it differs; see docs/word-fields.md).
 *
 * GENERATED from src/fieldcode/parser.ts and src/fieldcode/lexer.ts by \`npm run grammar\`;
 * test/fieldcode/grammar.test.ts fails when this file and the parser disagree.
 *
 * The instruction text is the joined text of a field's w:instrText runs. Each nested field
 * stands as one U+E000 character (a FIELD_CHAR) inside a word or quoted text; an embedded
 * object as U+FFFC; paragraph marks, line breaks, tabs and page breaks as \\r \\v \\t \\f.
 */
`;

export function grammarEbnf(): string {
  const rules = fieldCodeParser().getSerializedGastProductions() as Node[];
  const width = Math.max(...rules.map((r) => (r.name ?? '').length));
  const body = (r: Node): string => {
    const only = r.definition?.length === 1 ? r.definition[0] : undefined;
    return only?.type === 'Alternation' ? (only.definition ?? []).map((alt) => seq(alt.definition)).join(' | ') : seq(r.definition);
  };
  const lines = rules.map((r) => `${(r.name ?? '').padEnd(width)} ::= ${body(r)}`);
  const tokens = allTokens.map((t) => {
    const pattern = t.PATTERN instanceof RegExp ? `/${t.PATTERN.source}/${t.PATTERN.flags}` : String(t.PATTERN);
    const notes: string[] = [];
    if (t.GROUP === 'SKIPPED') notes.push('skipped');
    if (t.LONGER_ALT) notes.push('a longer Word wins');
    return `${t.name.padEnd(18)} ::= ${pattern}${notes.length ? `    /* ${notes.join('; ')} */` : ''}`;
  });
  return `${HEADER}\n/* Rules */\n\n${lines.join('\n')}\n\n/* Tokens (first match in this order; keywords are case-insensitive) */\n\n${tokens.join('\n')}\n`;
}

export function syntaxDiagramsHtml(): string {
  const gast = fieldCodeParser().getSerializedGastProductions();
  return createSyntaxDiagramsCode(gast, { resourceBase: './diagrams/', css: './diagrams/diagrams.css' });
}
