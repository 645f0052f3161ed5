/**
 * Writes grammar/field-code.ebnf and grammar/syntax-diagrams.html from the parser, and copies
 * Chevrotain's diagram scripts next to them so the page works offline.
 * Run with `npm run grammar`.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { grammarEbnf, syntaxDiagramsHtml } from '../src/fieldcode/grammar-doc.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'grammar');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'field-code.ebnf'), grammarEbnf());
writeFileSync(join(out, 'syntax-diagrams.html'), syntaxDiagramsHtml());
const diagrams = join(root, 'node_modules/chevrotain/diagrams');
mkdirSync(join(out, 'diagrams'), { recursive: true });
cpSync(join(diagrams, 'diagrams.css'), join(out, 'diagrams/diagrams.css'));
cpSync(join(diagrams, 'src'), join(out, 'diagrams/src'), { recursive: true });
cpSync(join(diagrams, 'vendor'), join(out, 'diagrams/vendor'), { recursive: true });
cpSync(join(root, 'node_modules/chevrotain/LICENSE.txt'), join(out, 'diagrams/LICENSE-chevrotain.txt'));
console.log('grammar/ written');
