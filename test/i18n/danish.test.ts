/**
 * Danish all the way (issue 19): a count agrees with its noun in both languages ("1 felt",
 * "2 felter", "1 field"); JSON that does not parse is told by line, column and character in the
 * reader's language, never in the JavaScript engine's English (the case context file, a batch
 * line, the server's body, a configuration file); and a field with an argument too many names
 * that argument as the person wrote it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/batch.js';
import { parseContextText } from '../../src/context/context.js';
import { formatDiagnostic, KpBrevError } from '../../src/diagnostics.js';
import { parseInstruction } from '../../src/fieldcode/index.js';
import { allMessages, formatMessage, pluralsOf, type Lang } from '../../src/i18n/index.js';
import { locateJsonError } from '../../src/json-text.js';
import { loadServerConfig } from '../../src/server/server.js';
import { InlinePool } from '../../src/service/pool.js';
// Areas that register their messages when loaded: every message is checked.
import '../../src/i18n/messages/server.js';
import '../../src/i18n/messages/pdf.js';
import '../../src/lint/rules/index.js';
import '../../src/cli/lint.js';

const root = join(import.meta.dirname, '../..');

/** The singular and plural of every noun a message counts, as they must read after 1 and after 2. */
const NOUNS: Record<Lang, Array<[string, string]>> = {
  da: [
    ['felt', 'felter'],
    ['sag', 'sager'],
    ['brev', 'breve'],
    ['fejl', 'fejl'],
    ['byte', 'byte'],
    ['tegn', 'tegn'],
    ['afsnit', 'afsnit'],
    ['tomt afsnit', 'tomme afsnit'],
    ['niveau', 'niveauer'],
    ['del', 'dele'],
    ['gang', 'gange'],
    ['forskellig', 'forskellige'],
    ['XML-element', 'XML-elementer'],
    ['fil', 'filer'],
    ['forhold', 'forhold'],
    ['flettespørgsmål', 'flettespørgsmål'],
    ['kombination', 'kombinationer'],
    ['sekund', 'sekunder'],
    ['punkt', 'punkter'],
    ['element', 'elementer'],
    ['felt uden værdi er vist som pladsholder', 'felter uden værdi er vist som pladsholdere'],
    ['overskrivning bygger', 'overskrivninger bygger'],
    ['argument', 'argumenter'],
    ['midlertidig fil', 'midlertidige filer'],
    ['liste', 'lister'],
    ['forespørgsel', 'forespørgsler'],
    ['side', 'sider'],
    ['problem', 'problemer'],
    ['advarsel', 'advarsler'],
    ['info', 'info'],
  ],
  en: [
    ['field', 'fields'],
    ['case', 'cases'],
    ['letter', 'letters'],
    ['error', 'errors'],
    ['byte', 'bytes'],
    ['character', 'characters'],
    ['paragraph', 'paragraphs'],
    ['empty paragraph in a row is', 'empty paragraphs in a row are'],
    ['level', 'levels'],
    ['entry', 'entries'],
    ['time', 'times'],
    ['different one', 'different ones'],
    ['XML element', 'XML elements'],
    ['file', 'files'],
    ['thing', 'things'],
    ['flettespørgsmål', 'flettespørgsmål'],
    ['combination', 'combinations'],
    ['second', 'seconds'],
    ['point', 'points'],
    ['item', 'items'],
    ['field without a value is shown as a placeholder', 'fields without a value are shown as placeholders'],
    ['override is', 'overrides are'],
    ['argument', 'arguments'],
    ['temporary file', 'temporary files'],
    ['list repeats', 'lists repeat'],
    ['request', 'requests'],
    ['page', 'pages'],
    ['problem', 'problems'],
    ['warning', 'warnings'],
    ['info', 'info'],
  ],
};

const LANGS: Lang[] = ['da', 'en'];
const messages = [...allMessages()];

describe('a count agrees with its noun', () => {
  it('every counted noun in the catalog is one of the table, with its right singular and plural', () => {
    let counted = 0;
    for (const [id, text] of messages) {
      for (const lang of LANGS) {
        for (const p of pluralsOf(text[lang])) {
          counted++;
          expect(NOUNS[lang], `${id} (${lang}): {${p.name}:${p.one}|${p.other}}`).toContainEqual([p.one, p.other]);
        }
      }
    }
    expect(counted).toBeGreaterThan(60);
  });

  it('every message that counts something reads right with 1 and with 2, in Danish and English', () => {
    for (const [id, text] of messages) {
      for (const lang of LANGS) {
        const plurals = pluralsOf(text[lang]);
        if (!plurals.length) continue;
        for (const n of [1, 2]) {
          const params = Object.fromEntries(plurals.map((p) => [p.name, n]));
          const out = formatMessage(id, params, lang);
          for (const p of plurals) {
            const right = n === 1 ? p.one : p.other;
            const wrong = n === 1 ? p.other : p.one;
            expect(out, `${id} (${lang}) with ${n}`).toContain(`${n} ${right}`);
            if (right !== wrong && !right.startsWith(wrong)) expect(out, `${id} (${lang}) with ${n}`).not.toContain(`${n} ${wrong}`);
          }
          expect(out, `${id} (${lang})`).not.toMatch(/\{\w+:/);
        }
      }
    }
  });

  it('every plural placeholder is written {name:one|other}, with one "|" (a wrong one would be printed as it is)', () => {
    let seen = 0;
    for (const [id, text] of messages) {
      for (const lang of LANGS) {
        for (const m of text[lang].matchAll(/\{\w+:/g)) {
          seen++;
          expect(text[lang].slice(m.index), `${id} (${lang})`).toMatch(/^\{\w+:[^{}|]*\|[^{}|]*\}/);
        }
      }
    }
    expect(seen).toBe(messages.reduce((n, [, text]) => n + pluralsOf(text.da).length + pluralsOf(text.en).length, 0));
  });

  it('no message counts a noun of the table without the plural form', () => {
    const nouns = new Set(LANGS.flatMap((lang) => NOUNS[lang].flatMap(([one, other]) => [one.split(' ')[0]!, other.split(' ')[0]!])));
    for (const [id, text] of messages) {
      for (const lang of LANGS) {
        for (const m of text[lang].matchAll(/\{(\w+)\} ([\wæøåÆØÅ-]+)(?![\w/])/g)) expect(nouns.has(m[2]!), `${id} (${lang}): "${m[0]}"`).toBe(false);
      }
    }
  });

  it('the examples of the issue: "1 felt", "1 sag", "1 error", "1 field", "1 overskrivning"', () => {
    expect(formatMessage('cli.rendered', { file: 'brev.docx', fields: 1 }, 'da')).toBe('Brevet er dannet: brev.docx (1 felt flettet).');
    expect(formatMessage('cli.rendered', { file: 'brev.docx', fields: 37 }, 'da')).toBe('Brevet er dannet: brev.docx (37 felter flettet).');
    expect(formatMessage('cli.rendered', { file: 'letter.docx', fields: 1 }, 'en')).toBe('The letter is made: letter.docx (1 field merged).');
    expect(formatMessage('cli.preview-done', { count: 1, dir: 'vis', cases: 1, combinations: 1, index: 'vis/index.html' }, 'da')).toBe(
      '1 brev dannet i vis (1 sag × 1 kombination af flettespørgsmål). Se vis/index.html.',
    );
    expect(formatMessage('server.letter-refused', { template: 'np_1004', count: 1 }, 'en')).toBe('The letter from np_1004 is not made: 1 error.');
    expect(formatMessage('server.letter-refused', { template: 'np_1004', count: 1 }, 'da')).toBe('Brevet fra np_1004 dannes ikke: 1 fejl.');
    expect(formatMessage('cli.outdated-overrides', { count: 1, ids: 'np_1011' }, 'da')).toBe(
      '1 overskrivning bygger på en ældre central version og skal gennemgås: np_1011.',
    );
    expect(formatMessage('server.busy', { seconds: 1 }, 'da')).toMatch(/Prøv igen om 1 sekund\.$/);
  });
});

describe("JSON that does not parse is told by line, column and character, in the reader's language", () => {
  it('the case context file: place in the location, the character in the message, in Danish or English', () => {
    const text = '{\n  "fields": {\n    "Navn": "Karen",\n  }\n}';
    let err: unknown;
    try {
      parseContextText(text, 'sag.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KpBrevError);
    const d = (err as KpBrevError).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'context.not-json', params: { char: "'}'" }, location: { file: 'sag.json', line: 4, column: 3 } });
    expect(formatDiagnostic(d, 'da')).toContain("sag.json, linje 4, kolonne 3: Sagskonteksten er ikke gyldig JSON: uventet tegn '}'.");
    expect(formatDiagnostic(d, 'en')).toContain("sag.json, line 4, column 3: The case context is not valid JSON: unexpected character '}'.");
    const open = (() => {
      try {
        parseContextText('{"fields": {"Navn": "Karen}}', 'sag.json');
      } catch (e) {
        return (e as KpBrevError).diagnostics[0]!;
      }
      return undefined;
    })();
    expect(formatDiagnostic(open!, 'da')).toContain(
      'sag.json, linje 1, kolonne 21: Sagskonteksten er ikke gyldig JSON: teksten i anførselstegn, der begynder her, lukkes aldrig.',
    );
  });

  it('a batch line: the line of the cases file and the column, in the error queue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-danish-'));
    const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as object;
    writeFileSync(join(dir, 'sager.ndjson'), `${JSON.stringify({ id: 'a', ...karen })}\n{"id": "b", "fields": {"Navn": Karen}}\n[1, 2]\n`);
    await runBatch({
      templatesDir: join(root, 'templates'),
      template: 'np_1004',
      cases: join(dir, 'sager.ndjson'),
      out: join(dir, 'ud'),
      format: 'docx',
      pool: new InlinePool(),
      lang: 'da',
    });
    const errors = readFileSync(join(dir, 'ud', 'errors.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; problems: Array<{ code: string; message: string }> });
    expect(errors.map((e) => [e.line, e.problems[0]!.code, e.problems[0]!.message])).toEqual([
      [2, 'json.unexpected', "Ugyldig JSON i linje 2, kolonne 32: uventet tegn 'K'."],
      [3, 'batch.not-object', 'Linje 3 er ikke en sag: en sag er et JSON-objekt på én linje.'],
    ]);
  });

  it('a configuration file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-danish-'));
    writeFileSync(join(dir, 'server.json'), '{\n  "port": 8080\n  "training": true\n}\n');
    let err: unknown;
    try {
      loadServerConfig(join(dir, 'server.json'));
    } catch (e) {
      err = e;
    }
    const d = (err as KpBrevError).diagnostics[0]!;
    expect(d.code).toBe('json.unexpected');
    expect(formatDiagnostic(d, 'da')).toContain(`server.json: Ugyldig JSON i linje 3, kolonne 3: uventet tegn '"'.`);
    expect(formatDiagnostic(d, 'en')).toContain(`server.json: Invalid JSON at line 3, column 3: unexpected character '"'.`);
  });

  it('the scanner agrees with JSON.parse on what is JSON, and places the first error where the text stops being JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', ':', 'x', '\n', '\\'), (json, at, insert) => {
        expect(locateJsonError(json)).toBeUndefined();
        const cut = at % (json.length + 1);
        const text = json.slice(0, cut) + insert + json.slice(cut + (insert ? 0 : 1));
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const err = locateJsonError(text);
        expect(err === undefined, text).toBe(valid);
        // Everything before the error is a prefix some JSON text could continue.
        if (err) expect(err.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500, seed: 19 },
    );
    expect(locateJsonError('')).toMatchObject({ kind: 'end', line: 1, column: 1 });
    expect(locateJsonError('{"a": tru}')).toMatchObject({ kind: 'unexpected', column: 10, char: "'}'" });
    expect(locateJsonError('["a\tb"]')).toMatchObject({ kind: 'unexpected', column: 4, char: 'U+0009' });
    expect(locateJsonError('{"a": 01}')).toMatchObject({ kind: 'unexpected', column: 8, char: "'1'" });
    expect(locateJsonError('[' + '['.repeat(100_000))).toMatchObject({ kind: 'end' });
  });
});

describe('a field with an argument too many', () => {
  it('names the extra argument as it was written, what it follows, and where it is', () => {
    const r = parseInstruction(' MERGEFIELD "høj "lav"');
    const p = r.problems.find((x) => x.code === 'syntax.too-many-arguments')!;
    expect(p.params).toEqual({ text: 'lav', after: 'høj ' });
    expect(p.position).toEqual({ start: 18, end: 21 });
    expect(formatMessage(p.code, p.params, 'da')).toBe(
      'Feltet har for mange argumenter; det første i overskud er "lav" (efter "høj "). Sæt tekst med mellemrum i anførselstegn, og skriv et anførselstegn inde i en tekst som \\".',
    );
    const q = parseInstruction(' IF 1 = 1 "a" "b" "c" ').problems[0]!;
    // An IF with a text too many is Word's lenient reading (a warning), and names the rest as written.
    expect(q.code).toBe('syntax.if-extra-arguments');
    expect(formatMessage(q.code, q.params, 'en')).toBe(
      'IF has more arguments than its condition, true text and false text; Word ignores the rest: "c". Put text with spaces in quotation marks.',
    );
  });
});
