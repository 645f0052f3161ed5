/**
 * `kp-brev fields`: every field with kp-brev's value for a case beside Word's saved result, the
 * reason when there is no value, and the fields that differ marked (issue 11's contract).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsCommand } from '../../src/cli/fields.js';
import type { Io } from '../../src/cli/io.js';
import { docx, field, mergeField, p } from '../helpers/build.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-fields-'));

async function run(file: string, opts: Record<string, unknown>, lang: 'da' | 'en' = 'da'): Promise<{ code: number; out: string }> {
  let out = '';
  const io: Io = { stdout: (t) => void (out += t), stderr: () => undefined, cwd: dir };
  const code = await fieldsCommand(file, opts, io, lang);
  return { code, out };
}

interface Row {
  instruction: string;
  depth: number;
  status: string;
  value: string | null;
  cachedResult?: string;
  fromCase: boolean;
  differs: boolean;
  reasons: Array<{ code: string; message: string }>;
}
const json = async (file: string, opts: Record<string, unknown> = {}): Promise<Row[]> =>
  JSON.parse((await run(file, { ...opts, format: 'json' })).out) as Row[];

// A formula whose saved result Word would not give (Word computes 5), a merge field, a page
// number, a refused field and an IF over literals.
writeFileSync(
  join(dir, 'blandet.docx'),
  docx([
    p('Sum: ', { ...field(' = 2 + 3 '), result: '6' }, ' og ', { ...field(' = 2 * 3 '), result: '6' }),
    p('Kære ', mergeField('Borger.Fornavn')),
    p('Side ', { ...field(' PAGE '), result: '1' }, ' ', { ...field(' DDEAUTO excel "C:\\\\a.xlsx" '), result: 'x' }),
    p({ ...field(' IF 5 >= 3 "OK" "BAD" '), result: 'OK' }),
  ]),
);
writeFileSync(join(dir, 'karen.json'), JSON.stringify({ fields: { Borger: { Fornavn: 'Karen' } } }));

describe('kp-brev fields with values', () => {
  it('gives each field its value beside Word’s result, and marks where they differ', async () => {
    const rows = await json('blandet.docx', { context: 'karen.json' });
    expect(rows.map((r) => [r.instruction, r.status, r.value, r.cachedResult, r.differs])).toEqual([
      ['= 2 + 3', 'evaluated', '5', '6', true],
      ['= 2 * 3', 'evaluated', '6', '6', false],
      ['MERGEFIELD Borger.Fornavn', 'evaluated', 'Karen', '«Borger.Fornavn»', false],
      ['PAGE', 'live', null, '1', false],
      ['DDEAUTO excel "C:\\\\a.xlsx"', 'refused', null, 'x', false],
      ['IF 5 >= 3 "OK" "BAD"', 'evaluated', 'OK', 'OK', false],
    ]);
    expect(rows[2]!.fromCase).toBe(true);
    expect(rows[4]!.reasons.map((r) => r.code)).toEqual(['render.field-external']);
  });

  it('prints the keys the README documents, `status` and not the library’s `outcome` beside it', async () => {
    const rows = await json('blandet.docx', { context: 'karen.json' });
    expect(Object.keys(rows[4]!).sort()).toEqual([
      'cachedResult',
      'depth',
      'differs',
      'fromCase',
      'instruction',
      'kind',
      'paragraph',
      'part',
      'problems',
      'reasons',
      'status',
      'type',
      'value',
    ]);
  });

  it('with no case, evaluates an empty case and says why a merge field has no value', async () => {
    const rows = await json('blandet.docx');
    expect([rows[2]!.status, rows[2]!.value, rows[2]!.reasons.map((r) => r.code)]).toEqual(['no-value', null, ['render.missing-field']]);
    expect(rows[0]!.value).toBe('5');
  });

  it('prints the text view with Word’s and kp-brev’s results and the count of differences', async () => {
    const { code, out } = await run('blandet.docx', { format: 'text', context: 'karen.json' });
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    const at = lines.findIndex((l) => l.includes('{ = 2 + 3 }'));
    expect(lines.slice(at + 1, at + 3).map((l) => l.trim())).toEqual(['Word:    "6"', 'kp-brev: "5"   ≠ afviger fra Word']);
    expect(out).toContain('kp-brev: forbliver et felt i brevet');
    expect(out).toContain('kp-brev: afvist: ');
    expect(lines.at(-1)).toBe('Med karen.json: 4 felter har en værdi, 1 afviger fra det resultat Word har gemt.');
    const en = await run('blandet.docx', { format: 'text' }, 'en');
    expect(en.out).toContain('no value: The merge field "Borger.Fornavn" has no value');
    expect(en.out.trimEnd().split('\n').at(-1)).toBe('With an empty case: 3 fields with a value, 1 of them differing from the result Word saved.');
  });

  it('agrees with Word on the IFs of a Word-saved file, the lenient ones included', async () => {
    const file = join(root, 'test/fixtures/word-conformance/docxport-net/TestDocVariables.docx');
    const ifs = (await json(file)).filter((r) => r.instruction.startsWith('IF') && r.depth === 0);
    expect(ifs.length).toBeGreaterThanOrEqual(4);
    for (const r of ifs) expect([r.instruction, r.value]).toEqual([r.instruction, r.cachedResult]);
  });

  it('the binary takes --context', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), 'fields', 'blandet.docx', '--context', 'karen.json', '--format', 'json'], {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Row[]).map((x) => x.value)).toContain('Karen');
  });
});

describe('kp-brev fields with regions', () => {
  writeFileSync(
    join(dir, 'liste.docx'),
    docx([
      p('Du har ', mergeField('Udgifter:Antal'), ' udgifter:'),
      p(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse'), ': ', mergeField('Tilskud')),
      p('  ', mergeField('TableStart:Linjer'), mergeField('Tekst'), mergeField('TableEnd:Linjer')),
      p(mergeField('TableEnd:Udgifter')),
      p('Slut.'),
    ]),
  );
  writeFileSync(join(dir, 'liste.json'), JSON.stringify({ fields: { Udgifter: [{ Beskrivelse: 'Briller', Tilskud: 100, Linjer: [{ Tekst: 'glas' }] }] } }));

  it('lists each region with the fields read from its items, nested ones under their list', async () => {
    const { out } = await run('liste.docx', { context: 'liste.json' });
    const lines = out.trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('2 lister gentager'));
    expect(lines.slice(at, at + 3)).toEqual([
      '2 lister gentager rækker eller afsnit for hvert element (TableStart:<liste> … TableEnd:<liste>):',
      '  Udgifter: afsnit, word/document.xml, afsnit 2-4; felter: Beskrivelse, Tilskud',
      '    Udgifter > Linjer: afsnit, word/document.xml, afsnit 3-3; felter: Tekst',
    ]);
    // The item fields have the values of the case's (last) item.
    const rows = (await json('liste.docx', { context: 'liste.json' })) as Array<Row & { region?: string }>;
    expect(rows.find((r) => r.instruction.includes('Tekst'))).toMatchObject({ region: 'Udgifter > Linjer', value: 'glas', status: 'evaluated' });
    expect(rows.find((r) => r.instruction.includes('Udgifter:Antal'))).toMatchObject({ value: '1' });
    expect(rows.find((r) => r.instruction.includes('Udgifter:Antal'))!.region).toBeUndefined();
  });
});
