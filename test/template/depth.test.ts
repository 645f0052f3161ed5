/**
 * Nesting at any depth gets a clear error, never a stack overflow ("Intern fejl"): parentheses,
 * functions, signs and powers in `=` formulas (from the template or from a case value), and
 * fields nested in fields; in the library and in the real `kp-brev` binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { MAX_FORMULA_DEPTH } from '../../src/template/formula.js';
import { docx, field, mergeField, p, renderDocx } from '../helpers/build.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-depth-'));
writeFileSync(join(dir, 'case.json'), JSON.stringify({ fields: { Navn: 'Karen' } }));

function cli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, KP_BREV_LANG: '' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The error a render throws, as the Danish text and its codes. */
function refusal(template: Uint8Array, context: unknown): { text: string; codes: string[] } {
  try {
    loadTemplate(template, { name: 'dyb.docx' }).render(toContext(context));
  } catch (e) {
    if (e instanceof KpBrevError) return { text: e.describe('da'), codes: e.diagnostics.map((d) => d.code) };
    throw e;
  }
  throw new Error('the letter was made');
}

const formula = (expr: string): Buffer => docx([p('Sum: ', field(` = ${expr} `))]);
const parens = (n: number): string => '('.repeat(n) + '1' + ')'.repeat(n);

describe('formula nesting', () => {
  it('computes up to the limit', () => {
    expect(renderDocx(formula(parens(MAX_FORMULA_DEPTH)), {}).texts()).toEqual(['Sum: 1']);
    expect(renderDocx(formula('-'.repeat(50) + '2'), {}).texts()).toEqual(['Sum: 2']);
  });

  it.each([
    ['parentheses', parens(5000)],
    ['functions', 'ABS('.repeat(5000) + '1' + ')'.repeat(5000)],
    ['signs', '-'.repeat(5000) + '1'],
    ['powers', '1' + '^1'.repeat(5000)],
  ])('refuses %s 5,000 deep with the limit and the place', (_what, expr) => {
    const r = refusal(formula(expr), {});
    expect(r.codes).toContain('render.formula-depth');
    expect(r.text).toContain('dyb.docx, word/document.xml, afsnit 1');
    expect(r.text).toContain(`indlejret dybere end ${MAX_FORMULA_DEPTH} niveauer`);
  });

  it('refuses parentheses that come from a case value', () => {
    const t = docx([p('Sum: ', field(' = ', mergeField('Udtryk'), ' '))]);
    expect(renderDocx(t, { fields: { Udtryk: '(2)' } }).texts()).toEqual(['Sum: 2']);
    expect(refusal(t, { fields: { Udtryk: parens(5000) } }).codes).toContain('render.formula-depth');
  });

  it('kp-brev render refuses the letter (exit 1) with the message; fields and lint still read the template', () => {
    writeFileSync(join(dir, 'formel.docx'), formula(parens(5000)));
    const r = cli('render', 'formel.docx', '--context', 'case.json', '--out', 'formel.pdf');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Formelfeltet er indlejret dybere end ${MAX_FORMULA_DEPTH} niveauer`);
    expect(r.err).not.toMatch(/Intern fejl|call stack/);
    expect(cli('fields', 'formel.docx').code).toBe(0);
    expect(cli('lint', 'formel.docx').err).not.toMatch(/Intern fejl|call stack/);
  });
});

describe('fields nested in fields', () => {
  /** `{ IF { IF … { MERGEFIELD Navn } … <>"" ja } <>"" ja }` n deep, one run per level (small
   * enough to stay below the zip-bomb check). */
  function nested(n: number): Buffer {
    const open = '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>IF </w:instrText></w:r>';
    const close = '<w:r><w:instrText>&lt;&gt;"" ja</w:instrText><w:fldChar w:fldCharType="end"/></w:r>';
    const inner =
      '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> MERGEFIELD Navn </w:instrText><w:fldChar w:fldCharType="end"/></w:r>';
    return docx(`<w:p><w:r><w:t xml:space="preserve">Svar: </w:t></w:r>${open.repeat(n - 1)}${inner}${close.repeat(n - 1)}</w:p>`);
  }

  it('renders 64 levels', () => {
    expect(renderDocx(nested(64), { fields: { Navn: 'Karen' } }).texts()).toEqual(['Svar: ja']);
  });

  it('refuses 5,000 levels when loading, naming the template, the place and the limit', () => {
    let text = '';
    try {
      loadTemplate(nested(5000), { name: 'dyb.docx' });
    } catch (e) {
      if (!(e instanceof KpBrevError)) throw e;
      text = e.describe('da');
    }
    expect(text).toBe('dyb.docx, word/document.xml, afsnit 1: Felterne i word/document.xml er indlejret dybere end 64 niveauer; skabelonen afvises.');
  });

  it('kp-brev render, fields and lint say so (exit 2)', () => {
    writeFileSync(join(dir, 'felter.docx'), nested(5000));
    for (const args of [
      ['render', 'felter.docx', '--context', 'case.json', '--out', 'felter.pdf'],
      ['fields', 'felter.docx'],
      ['lint', 'felter.docx'],
    ]) {
      const r = cli(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.err + r.out).toContain('indlejret dybere end 64 niveauer');
      expect(r.err + r.out).not.toMatch(/Intern fejl|call stack/);
    }
  });
});
