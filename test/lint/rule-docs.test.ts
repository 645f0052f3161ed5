/** docs/rules/ is generated from the rules: the pages must say what the rules do. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocs } from '../../scripts/lib/rule-docs.js';
import { RULES } from '../../src/lint/rules/index.js';

const dir = join(import.meta.dirname, '../../docs/rules');

describe('docs/rules', () => {
  const files = ruleDocs();

  it('has a page per rule and an index, nothing else (run `npm run rule-docs` after changing a rule)', () => {
    expect(readdirSync(dir).sort()).toEqual([...files.keys()].sort());
    expect(files.size).toBe(RULES.length + 1);
  });

  it.each([...files.keys()])('%s is up to date', (name) => {
    expect(readFileSync(join(dir, name), 'utf8')).toBe(files.get(name));
  });

  it('each page shows a failing example with what the linter reports, and a passing one with none', () => {
    for (const rule of RULES) {
      const page = files.get(`${rule.meta.id}.md`)!;
      const failing = page.slice(page.indexOf('## Fejler'), page.indexOf('## Godt'));
      const passing = page.slice(page.indexOf('## Godt'), page.indexOf('## Slå fra'));
      expect(failing, rule.meta.id).toMatch(/\*\*kp-brev lint:\*\*\n\n- /);
      expect(failing).not.toContain('_Ingen fund._');
      expect(passing.match(/\*\*kp-brev lint:\*\*\n\n_Ingen fund\._/g)?.length, rule.meta.id).toBe(rule.meta.examples.filter((e) => e.valid).length);
    }
  });

  it("shows a counted message as people read it, never the catalog's plural syntax", () => {
    const pages = [...files.values()].join('\n');
    expect(pages).not.toMatch(/\{\w+:[^{}|]*\|[^{}|]*\}/);
    expect(files.get('a11y-small-text.md')).toContain('er {size} punkter; brug mindst 8.');
  });
});
