/**
 * Real Word files from public projects (../shared/corpus/word-fields, see SOURCES.md there for
 * the attribution): every file is read, its fields are found, and where Word's cached result
 * proves what Word computed, we compute the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate, type Template } from '../src/index.js';
import { toContext } from '../src/context/context.js';
import { openDocx } from './helpers/inspect.js';

// Copied from ../shared/corpus/word-fields with its SOURCES.md (the attribution).
const ROOT = join(import.meta.dirname, 'fixtures/word-fields');
const files = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).filter((f) => f.endsWith('.docx')).map((f) => `${d.name}/${f}`));

const load = (file: string): Template => loadTemplate(readFileSync(join(ROOT, file)), { name: file });
const instructions = (file: string): string[] => load(file).fields().map((f) => f.instruction);

describe('corpus: every file', () => {
  it('has the 25 files SOURCES.md lists', () => {
    expect(files).toHaveLength(25);
  });

  it.each(files)('%s is read and its fields parse', (file) => {
    const t = load(file);
    expect(t.fields().length).toBeGreaterThan(0);
    const errors = t.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it.each(files)('%s renders (preview) to well-formed parts with no merge codes left', (file) => {
    const t = load(file);
    const r = t.render(toContext({}), { preview: true });
    const out = openDocx(r.docx);
    for (const story of t.package.storyParts) {
      out.root(story.part); // parses, or throws
      const left = out.fieldInstructions(story.part).filter((i) => /^(MERGEFIELD|IF)\b/i.test(i));
      expect(left, story.part).toEqual([]);
    }
  });
});

describe('corpus: the fields Word saved', () => {
  it('the 13-run IF (split at every quote and operator)', () => {
    const t = load('mpapierski-docx-mailmerge/test_if.docx');
    const first = t.fieldNodes[0]!;
    expect(first.instruction.trim()).toBe('IF Gender = "Man" "True" "False" \\* MERGEFORMAT');
    expect(new Set(first.charToken).size).toBe(13);
    expect(instructions('mpapierski-docx-mailmerge/test_if.docx')[1]).toBe('IF Gender <> "Man" "True" "False" \\* MERGEFORMAT');
  });

  it('the three-level nested IF with nested results stored as w:instrText and fldSimple inside the instruction', () => {
    const t = load('iulica-docx-mailmerge/test_nested_if_inside.docx');
    const fields = t.fields();
    expect(fields[0]!.instruction).toBe(
      'IF { MERGEFIELD fieldname \\* MERGEFORMAT } <> "one" "{ IF { MERGEFIELD fieldname \\* MERGEFORMAT } = "two" "two" "more: { MERGEFIELD fieldname \\* MERGEFORMAT }" \\* MERGEFORMAT }" "- one -" \\* MERGEFORMAT',
    );
    expect(Math.max(...fields.map((f) => f.depth))).toBe(2);
    expect(fields.filter((f) => f.kind === 'simple' && f.depth === 2)).toHaveLength(2);
    expect(fields[0]!.cachedResult).toBe('more: «fieldname»');
  });

  it('the IF with typographic quotes as delimiters', () => {
    expect(instructions('aspose-words-net/Mail merge destinations - Mustache syntax.docx')).toEqual([
      'IF "{{ GENDER }}" = \u201cMALE\u201d \u201ctrue text\u201d \u201cfalse text\u201d',
    ]);
  });

  it('fields in headers, footers (first, even, default) and footnotes', () => {
    const fields = load('iulica-docx-mailmerge/test_footnote_header_footer.docx').fields();
    const byPart = Object.fromEntries(fields.map((f) => [f.part + (f.story ? ` ${f.story}` : ''), f.instruction]));
    expect(byPart).toEqual({
      'word/document.xml': 'MERGEFIELD fieldname \\* MERGEFORMAT',
      'word/header1.xml': 'MERGEFIELD headereven',
      'word/header2.xml': 'MERGEFIELD headerfield',
      'word/header3.xml': 'MERGEFIELD headerfirst',
      'word/footer1.xml': 'MERGEFIELD footereven',
      'word/footer2.xml': 'MERGEFIELD footerfield',
      'word/footer3.xml': 'MERGEFIELD footerfirst',
      'word/footnotes.xml fodnote 1': 'MERGEFIELD fieldname \\* MERGEFORMAT',
    });
  });

  it('nested MERGEFIELDs without separate or cached results', () => {
    const t = load('aspose-words-net/Nested fields.docx');
    expect(t.fields()[0]!.instruction).toBe('IF { MERGEFIELD NetIncome } > 0 " (surplus of { MERGEFIELD  NetIncome \\f $ }) " ""');
    expect(t.fieldNodes.every((f) => f.separate < 0)).toBe(true);
  });

  it('quoted merge-field names with spaces (fldSimple)', () => {
    expect(instructions('iulica-docx-mailmerge/test_spaces.docx')).toEqual([
      'MERGEFIELD Singleword \\* MERGEFORMAT',
      'MERGEFIELD "Hello world" \\* MERGEFORMAT',
      'MERGEFIELD "More than one space" \\* MERGEFORMAT',
    ]);
    const name = load('iulica-docx-mailmerge/test_spaces.docx').fieldNodes[2]!.parsed.instruction;
    expect(name.type === 'MERGEFIELD' && name.name!.parts[0]).toMatchObject({ type: 'text', value: 'More than one space' });
  });

  it('date and number pictures', () => {
    const ins = instructions('aspose-words-net/Mail merge destinations - Orders.docx');
    expect(ins).toContain('MERGEFIELD  OrderDate \\@ "dd-MMM-yyyy"  \\* MERGEFORMAT');
    expect(ins).toContain('MERGEFIELD  UnitPrice \\# "$#,##0.00" \\* MERGEFORMAT');
    expect(ins).toContain('MERGEFIELD  Discount \\# "0.00%" \\* MERGEFORMAT');
  });

  it('\\b with an unquoted argument, split over four runs', () => {
    expect(instructions('aspose-words-net/Field sample - MERGEFIELD.docx')).toEqual(['MERGEFIELD  htmlField1  \\b Content  \\* MERGEFORMAT']);
  });

  it('\\m (mapped field)', () => {
    expect(instructions('aspose-words-net/Odso data.docx')[0]).toBe('MERGEFIELD "Nickname" \\m');
  });

  it('other field types are parsed generically: TIME, NEXT, FILENAME, ADDIN with w:fldData, PAGE', () => {
    expect(instructions('aspose-words-net/Mail merge destinations - Fax.docx')).toContain('TIME \\@ "MMMM d, yyyy" \\* MERGEFORMAT');
    expect(instructions('iulica-docx-mailmerge/test_next_record.docx').filter((i) => i === 'NEXT')).toHaveLength(3);
    expect(instructions('aspose-words-net/Linked fields.docx')[0]).toBe('FILENAME  \\* Caps  \\* MERGEFORMAT');
    const addin = load('aspose-words-net/Field sample - Field with data.docx').fields();
    expect(addin.map((f) => f.type)).toEqual(['ADDIN', 'ADDIN', 'ADDIN', 'ADDIN', 'PAGE', 'PAGE']);
    expect(addin[1]).toMatchObject({ depth: 1, within: 'instruction', instruction: 'ADDIN EN.CITE.DATA' });
  });

  it('a complex field with an empty instruction is reported, not fatal', () => {
    const t = load('iulica-docx-mailmerge/test_empty_field.docx');
    expect(t.fields()[0]!.type).toBe('(tom)');
    expect(t.diagnostics.map((d) => [d.code, d.severity])).toEqual([['syntax.empty', 'warning']]);
  });
});

describe("corpus: we compute what Word's cached result shows", () => {
  const cached = (file: string): string[] =>
    load(file)
      .fields()
      .filter((f) => f.type === 'IF' && f.depth === 0)
      .map((f) => f.cachedResult ?? '');
  const rendered = (file: string, fields: Record<string, unknown> = {}): string[] => openDocx(load(file).render(toContext({ fields })).docx).texts();

  it('IF Gender = "Man" ... (bare word, 13 runs) and its <> twin', () => {
    const file = 'mpapierski-docx-mailmerge/test_if.docx';
    expect(cached(file)).toEqual(['False', 'True']);
    expect(rendered(file)).toEqual(['False', 'True']);
  });

  it('IF 1 < 2 (numeric comparison)', () => {
    const file = 'iulica-docx-mailmerge/test_nested_if_outside.docx';
    expect(cached(file)).toEqual(['true']);
    expect(rendered(file, { fieldname: '' })[0]).toBe('true');
  });

  it('IF with curly quotes', () => {
    const file = 'aspose-words-net/Mail merge destinations - Mustache syntax.docx';
    expect(cached(file)).toEqual(['false text']);
    expect(rendered(file)[0]).toBe('false text');
  });

  it('the nested IF gives what Word showed for the value it was saved with', () => {
    // Word saved the file showing "more: «fieldname»": the value was neither "one" nor "two".
    const file = 'iulica-docx-mailmerge/test_nested_if_inside.docx';
    expect(rendered(file, { fieldname: '«fieldname»' })).toEqual(['more: «fieldname»']);
    expect(rendered(file, { fieldname: 'one' })).toEqual(['- one -']);
    expect(rendered(file, { fieldname: 'two' })).toEqual(['two']);
  });
});
