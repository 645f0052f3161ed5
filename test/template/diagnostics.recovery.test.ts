/**
 * Recovery at document level: one template with several different bad field codes in different
 * paragraphs. Every one is reported with its own place, and the good fields around them (in the
 * same paragraphs and in others) are still read, listed and rendered.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsCommand } from '../../src/cli/fields.js';
import type { Io } from '../../src/cli/io.js';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { docx, field, mergeField, p, questionIf, renderDocx } from '../helpers/build.js';

/** A field whose end was deleted: begin and instruction, then plain text (Word ignores it). */
const unclosed =
  '<w:p><w:r><w:t xml:space="preserve">Før </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
  '<w:r><w:instrText xml:space="preserve"> MERGEFIELD Glemt </w:instrText></w:r><w:r><w:t xml:space="preserve">efter</w:t></w:r></w:p>';

const template = docx([
  /* 1 */ p('Kære ', mergeField('Borger.Fornavn'), '.'),
  /* 2 */ p('Beløb: ', field(' IF ', mergeField('Beloeb'), ' > 1000 '), ' – ', mergeField('Beloeb', { switches: '\\# "0,00"' })),
  /* 3 */ p(questionIf('q1', 'Spørgsmål et.')),
  /* 4 */ p('Navn: ', mergeField('Borger.Fornavn', { switches: '\\* Versaler' }), ' og ', mergeField('By')),
  /* 5 */ p('Dato: ', field(' MERGEFIELD Dato \\@ '), ' slut'),
  /* 6 */ unclosed,
  /* 7 */ p('Med venlig hilsen ', mergeField('Sagsbehandler')),
]);
const context = {
  fields: { Borger: { Fornavn: 'Karen' }, Beloeb: 1500, By: 'Sønderborg', Sagsbehandler: 'Line', Dato: '2026-01-05' },
  questions: { q1: 'J' },
};
const BAD = [
  { code: 'syntax.if-missing-true-text', paragraph: 2, instruction: 'IF { MERGEFIELD Beloeb } > 1000', offset: 12 },
  { code: 'syntax.unknown-format', paragraph: 4, instruction: 'MERGEFIELD Borger.Fornavn \\* Versaler', offset: 30 },
  { code: 'syntax.switch-missing-argument', paragraph: 5, instruction: 'MERGEFIELD Dato \\@', offset: 17 },
];

describe('several bad field codes in one document', () => {
  it('template.diagnostics reports every one with its own paragraph, instruction and position', () => {
    const t = loadTemplate(template, { name: 'fejl.docx' });
    const errors = t.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => ({ code: d.code, paragraph: d.location?.paragraph, instruction: d.location?.instruction, offset: d.location?.offset }))).toEqual(
      BAD,
    );
    for (const d of errors) expect(d.location).toMatchObject({ template: 'fejl.docx', part: 'word/document.xml' });
    // The field whose end is missing is reported for its own paragraph too.
    expect(t.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.location?.paragraph])).toEqual([['syntax.unclosed', 6]]);
  });

  it('fields() lists the good fields around them, without problems, and the problems only on the bad ones', () => {
    const fields = loadTemplate(template).fields();
    expect(fields.map((f) => [f.paragraph, f.instruction, f.problems.map((d) => d.code)])).toEqual([
      [1, 'MERGEFIELD Borger.Fornavn', []],
      [2, 'IF { MERGEFIELD Beloeb } > 1000', ['syntax.if-missing-true-text']],
      [2, 'MERGEFIELD Beloeb', []],
      [2, 'MERGEFIELD Beloeb \\# "0,00"', []],
      [3, 'IF { MERGEFIELD Question:q1 } = "J" "Spørgsmål et."', []],
      [3, 'MERGEFIELD Question:q1', []],
      [4, 'MERGEFIELD Borger.Fornavn \\* Versaler', ['syntax.unknown-format']],
      [4, 'MERGEFIELD By', []],
      [5, 'MERGEFIELD Dato \\@', ['syntax.switch-missing-argument']],
      [7, 'MERGEFIELD Sagsbehandler', []],
    ]);
  });

  it('`kp-brev fields` shows each error under its own field and place, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-recovery-'));
    writeFileSync(join(dir, 'fejl.docx'), template);
    let out = '';
    const io: Io = { stdout: (t) => void (out += t), stderr: () => undefined, cwd: dir };
    expect(await fieldsCommand('fejl.docx', { format: 'text' }, io, 'da')).toBe(1);
    const lines = out.trimEnd().split('\n');
    const errorLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^\s+fejl: /.test(l));
    expect(errorLines).toHaveLength(3);
    // Each error line follows the line (or the cached-result line) of its own field.
    for (const [k, bad] of BAD.entries()) {
      const at = errorLines[k]!.i;
      const owner = lines
        .slice(0, at)
        .reverse()
        .find((l) => l.startsWith('word/'))!;
      expect(owner).toMatch(new RegExp(`^word/document\\.xml afsnit ${bad.paragraph} `));
      expect(owner).toContain(`{ ${bad.instruction} }`);
      expect(errorLines[k]!.l).toContain(`(tegn ${bad.offset + 1}`);
    }
    expect(errorLines[0]!.l).toContain('IF mangler teksten der skal vises');
    expect(errorLines[1]!.l).toContain('Ukendt formatering \\* Versaler');
    expect(errorLines[2]!.l).toContain('Parameteren \\@ mangler sit argument');
    expect(lines.at(-2)).toBe('10 felter i fejl.docx, 3 med fejl.');

    out = '';
    await fieldsCommand('fejl.docx', { format: 'json' }, io, 'da');
    const json = JSON.parse(out) as Array<{ paragraph: number; problems: Array<{ code: string; offset?: number }> }>;
    expect(json.filter((f) => f.problems.length).map((f) => ({ paragraph: f.paragraph, code: f.problems[0]!.code, offset: f.problems[0]!.offset }))).toEqual(
      BAD.map(({ paragraph, code, offset }) => ({ paragraph, code, offset })),
    );
  });

  it('a strict render refuses the letter naming all three places', () => {
    const t = loadTemplate(template, { name: 'fejl.docx' });
    let error: KpBrevError | undefined;
    try {
      t.render(toContext(context));
    } catch (e) {
      error = e as KpBrevError;
    }
    expect(error).toBeInstanceOf(KpBrevError);
    expect(error!.diagnostics.map((d) => [d.code, d.location?.paragraph])).toEqual([
      ['render.field-error', 2],
      ['render.field-error', 4],
      ['render.field-error', 5],
    ]);
    const text = error!.describe('da');
    for (const bad of BAD) expect(text).toContain(`fejl.docx, word/document.xml, afsnit ${bad.paragraph}: Feltkoden kan ikke udføres`);
  });

  it('a preview renders every good field, marks each bad one, and drops the remains of the unclosed field', () => {
    const letter = renderDocx(template, context, { preview: true });
    expect(letter.texts()).toEqual([
      'Kære Karen.',
      'Beløb: «FELTFEJL» – 1500,00',
      'Spørgsmål et.',
      'Navn: «FELTFEJL» og Sønderborg',
      'Dato: «FELTFEJL» slut',
      'Før efter',
      'Med venlig hilsen Line',
    ]);
    const marked = letter.paragraphs().flatMap((para, i) => para.runs.filter((r) => r.text === '«FELTFEJL»').map((r) => [i + 1, r.highlight]));
    expect(marked).toEqual([
      [2, 'yellow'],
      [4, 'yellow'],
      [5, 'yellow'],
    ]);
    expect(letter.fieldInstructions()).toEqual([]);
    expect(letter.xml('word/document.xml')).not.toMatch(/w:fldChar|w:instrText/);
  });
});
