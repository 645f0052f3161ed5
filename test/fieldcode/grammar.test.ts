/** grammar/ holds documents generated from the parser: they must say what the parser does. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grammarEbnf, syntaxDiagramsHtml } from '../../src/fieldcode/grammar-doc.js';

const dir = join(import.meta.dirname, '../../grammar');

describe('grammar/', () => {
  it('field-code.ebnf is the grammar of the parser (run `npm run grammar` after changing it)', () => {
    expect(readFileSync(join(dir, 'field-code.ebnf'), 'utf8')).toBe(grammarEbnf());
  });

  it('syntax-diagrams.html is generated from the parser', () => {
    expect(readFileSync(join(dir, 'syntax-diagrams.html'), 'utf8')).toBe(syntaxDiagramsHtml());
  });

  it('the diagram page needs no network: its scripts are in grammar/diagrams', () => {
    const html = readFileSync(join(dir, 'syntax-diagrams.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    for (const src of html.matchAll(/(?:src|href)='\.\/([^']+)'/g)) {
      expect(existsSync(join(dir, src[1]!)), src[1]).toBe(true);
    }
  });
});
