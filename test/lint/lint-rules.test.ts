/**
 * The data-driven rule tester: every rule's examples (the same ones its docs page shows) are
 * built as real .docx files and linted; a failing example must report the rule, a passing one
 * must not. As ESLint's rule tester does with `errors`, a failing example states every finding
 * it gives: its message id and its place (part, story, paragraph), in order.
 */
import { describe, expect, it } from 'vitest';
import { messageOf } from '../../src/diagnostics.js';
import { lintDocx } from '../../src/lint/engine.js';
import { exampleDocx, exampleSettings } from '../../src/lint/examples.js';
import { RULES } from '../../src/lint/rules/index.js';
import { openDocx } from '../helpers/inspect.js';

describe('every rule', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s has failing and passing examples and messages in Danish and English', (_id, rule) => {
    expect(rule.meta.examples.some((e) => !e.valid)).toBe(true);
    expect(rule.meta.examples.some((e) => e.valid)).toBe(true);
    expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const m of Object.values(rule.meta.messages)) {
      expect(m.da.trim()).not.toBe('');
      expect(m.en.trim()).not.toBe('');
    }
    expect(rule.meta.description.da).not.toBe(rule.meta.description.en);
  });
});

for (const rule of RULES) {
  describe(rule.meta.id, () => {
    rule.meta.examples.forEach((example, i) => {
      it(`${example.valid ? 'passes' : 'fails'}: ${example.description.en}`, () => {
        const bytes = exampleDocx(example.doc);
        // The example is a document Word can read: it opens, and holds what it says.
        expect(openDocx(bytes).xml('word/document.xml')).toContain('<w:body>');
        const result = lintDocx(bytes, `example-${i + 1}.docx`, exampleSettings(example.doc));
        const mine = result.findings.filter((f) => f.rule === rule.meta.id);
        if (example.valid) {
          expect(mine.map((f) => messageOf(f, 'en'))).toEqual([]);
        } else {
          expect(mine.length).toBeGreaterThan(0);
          const found = mine.map((f) => ({
            messageId: f.code.slice(`lint.${rule.meta.id}.`.length),
            part: f.location?.part,
            story: f.location?.story,
            paragraph: f.location?.paragraph,
          }));
          expect(found).toEqual(example.errors);
          for (const e of example.errors) expect(Object.keys(rule.meta.messages)).toContain(e.messageId);
          for (const f of mine) {
            expect(f.severity).toBe(rule.meta.severity);
            for (const lang of ['da', 'en'] as const) expect(messageOf(f, lang)).not.toMatch(/\{[a-zA-Z]+\}/);
          }
        }
      });
    });
  });
}
