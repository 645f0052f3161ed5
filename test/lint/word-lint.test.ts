/**
 * The linter on documents Word saved (test/fixtures/word-conformance and word-fields): a field
 * whose cached result Word computed without an error text is a form Word accepts, so
 * field-syntax must not call it an error (issue 19's false alarms). Loose forms Word evaluates
 * are field-fragile warnings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../../src/diagnostics.js';
import { defaultSettings, lintDocx } from '../../src/lint/engine.js';
import { loadTemplate } from '../../src/template/template.js';

const fixtures = join(import.meta.dirname, '../fixtures');

function docxFiles(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((name) => {
      const p = join(d, name);
      if (statSync(p).isDirectory()) return docxFiles(p);
      return /\.docx$/i.test(name) ? [p] : [];
    });
}

/** Word's error results: "Error! ...", "Fejl! ...", "!Zero Divide", "!Syntax Error, ..." */
const WORD_ERROR = /^\s*(Error!|Fejl!|!)/;

const files = [...docxFiles(join(fixtures, 'word-conformance')), ...docxFiles(join(fixtures, 'word-fields'))];

describe('lint on Word-saved documents', () => {
  it('has documents to lint', () => expect(files.length).toBeGreaterThan(90));

  it.each(files.map((f) => [relative(fixtures, f), f]))('%s: no field-syntax error on a field Word evaluated', (name, path) => {
    const bytes = readFileSync(path);
    const fields = loadTemplate(bytes, { name }).fields();
    const errors = lintDocx(bytes, name, defaultSettings()).findings.filter((f) => f.rule === 'field-syntax' && f.severity === 'error');
    const evaluated = errors.filter((e) => {
      const loc = e.location!;
      const field = fields.find((f) => f.part === loc.part && f.paragraph === loc.paragraph && f.instruction === loc.instruction);
      return field?.cachedResult !== undefined && !WORD_ERROR.test(field.cachedResult);
    });
    expect(evaluated.map((e) => [e.location?.paragraph, e.location?.instruction, messageOf(e, 'en')])).toEqual([]);
  });

  it('calls the loose forms Word evaluated fragile: typed braces, a switch inside an IF, an unclosed quote', () => {
    const rules = (file: string): Array<[string, string]> =>
      lintDocx(readFileSync(join(fixtures, 'word-conformance', file)), file, defaultSettings())
        .findings.filter((f) => f.rule === 'field-fragile' || f.rule === 'field-syntax')
        .map((f) => [f.rule, f.severity]);
    expect(rules('docxport-net/TestDocVariables.docx')).toEqual(Array(3).fill(['field-fragile', 'warning']));
    expect(rules('open-xml-sdk/field.docx')).toEqual(Array(2).fill(['field-fragile', 'warning']));
    expect(new Set(rules('open-xml-sdk/bookmark.docx').map(String))).toEqual(new Set(['field-fragile,warning']));
  });
});
