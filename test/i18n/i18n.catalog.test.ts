/**
 * The message catalog (src/i18n/) speaks both languages: every message, in the catalog or
 * registered by an area when it loads, has a Danish and an English text, and both fill the
 * same placeholders (a placeholder only one language names would show as "{name}" or drop a
 * value in the other).
 */
import { describe, expect, it } from 'vitest';
import { allMessages } from '../../src/i18n/index.js';
import { commanderMessages } from '../../src/i18n/messages/commander.js';
// Areas that register their messages when loaded: every message is checked.
import '../../src/i18n/messages/server.js';
import '../../src/i18n/messages/pdf.js';
import '../../src/lint/rules/index.js';
import '../../src/cli/lint.js';

const messages = [...allMessages()];

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?::[^{}|]*\|[^{}|]*)?\}/g)].map((m) => m[1]!))].sort();
}

describe('the message catalog', () => {
  it('every message has a Danish and an English text', () => {
    expect(messages.length).toBeGreaterThan(300);
    for (const [id, text] of messages) {
      expect(Object.keys(text).sort(), id).toEqual(['da', 'en']);
      for (const lang of ['da', 'en'] as const) {
        expect(typeof text[lang], `${id} (${lang})`).toBe('string');
        expect(text[lang].trim(), `${id} (${lang})`).not.toBe('');
      }
    }
  });

  it('the Danish and the English text of a message fill the same placeholders', () => {
    // A parameter given apart in English is named <name>En there (the lint rules' {problemEn}).
    for (const [id, text] of messages)
      expect(
        placeholders(text.en).map((p) => p.replace(/En$/, '')),
        id,
      ).toEqual(placeholders(text.da));
  });

  it("commander's words are in the catalog, and the Danish ones are not commander's English", () => {
    const ids = Object.keys(commanderMessages);
    for (const id of ids) expect(allMessages().has(id), id).toBe(true);
    for (const id of [
      'cli.help.usage',
      'cli.help.options',
      'cli.help.commands',
      'cli.help.arguments',
      'cli.help.choices',
      'cli.help.default',
      'cli.error.unknown-option',
      'cli.error.missing-argument',
      'cli.error.excess-arguments',
      'cli.error.invalid-choice',
    ]) {
      expect(ids, id).toContain(id);
    }
    for (const [id, text] of Object.entries(commanderMessages)) {
      expect(text.da, id).not.toBe(text.en);
      expect(text.da.replace(/\{[^}]*\}/g, ''), id).not.toMatch(
        /\b(Usage|Options|Commands|Arguments|choices|default|unknown|missing|required|too many|invalid|Did you mean)\b/i,
      );
    }
  });
});
