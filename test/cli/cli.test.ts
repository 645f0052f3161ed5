/** End to end: the real `kp-brev` binary on the sample letter, as a user runs it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDocx } from '../helpers/inspect.js';
import { docx, field, mergeField, p } from '../helpers/build.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const sample = join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx');
const karen = join(root, 'samples/enkeltbrev/karen-jensen.json');
const poul = join(root, 'samples/enkeltbrev/poul-nielsen.json');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-cli-'));

function kpBrev(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, KP_BREV_LANG: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('kp-brev render', () => {
  it('renders the sample letter for Karen Jensen', () => {
    const out = join(dir, 'karen.docx');
    const r = kpBrev('render', sample, '--context', karen, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Brevet er dannet: .*karen\.docx \(\d+ felter flettet\)\.\n$/);
    const letter = openDocx(readFileSync(out));
    const texts = letter.texts();
    expect(texts.slice(0, 5)).toEqual(['Karen Jensen', 'Engvej 12', '6400 Sønderborg', 'Dato: 5. januar 2026', 'Sagsnr.: HT-2026-000123']);
    expect(texts).toContain('Din personlige tillægsprocent er 85 %. Derfor dækker kortet en del af din egen betaling, ikke hele beløbet.');
    expect(texts).toContain('Det højeste beløb, du kan få i tilskud i 2026, er 21.528,00 kr. Tilskuddet udgør 85 % af din egen betaling.');
    expect(texts.some((t) => t.includes('fodterapeut'))).toBe(false);
    expect(
      letter
        .paragraphs()
        .find((p) => p.text.includes('en del'))!
        .runs.find((r) => r.text === 'en del')!.bold,
    ).toBe(true);
    expect(letter.texts('word/header1.xml')[0]).toBe('Sønderborg Kommune');
    expect(letter.fieldInstructions('word/footer1.xml')).toEqual(['PAGE', 'NUMPAGES']);
    for (const part of ['word/document.xml', 'word/header1.xml']) expect(letter.fieldInstructions(part)).toEqual([]);
  });

  it('renders the other case differently (c/o line, 100 %, other questions)', () => {
    const out = join(dir, 'poul.docx');
    expect(kpBrev('render', sample, '--context', poul, '--out', out).status).toBe(0);
    const texts = openDocx(readFileSync(out)).texts();
    expect(texts.slice(0, 4)).toEqual(['Poul Nielsen', 'c/o Bo Nielsen', 'Skovbrynet 3, 1. th.', '8000 Aarhus C']);
    expect(texts).toContain('Din personlige tillægsprocent er 100 %. Derfor dækker kortet hele din egen betaling inden for reglerne.');
    expect(texts.some((t) => t.includes('fodterapeut'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Vi har tidligere givet dig afslag'))).toBe(true);
  });

  it('refuses a letter with a missing field: exit 1, the field, template and place named, no file', () => {
    const ctx = JSON.parse(readFileSync(karen, 'utf8'));
    delete ctx.fields.Klage;
    writeFileSync(join(dir, 'no-klage.json'), JSON.stringify(ctx));
    const out = join(dir, 'refused.docx');
    const r = kpBrev('render', sample, '--context', 'no-klage.json', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Brevet fra bevilling-helbredstillaegskort.docx dannes ikke: 1 fejl.');
    expect(r.stderr).toMatch(/bevilling-helbredstillaegskort\.docx, word\/document\.xml, afsnit \d+: Flettefeltet "Klage\.Frist" har ingen værdi/);
    expect(r.stderr).toContain('{ MERGEFIELD Klage.Frist \\@ "d. MMMM yyyy" }');
    expect(existsSync(out)).toBe(false);
  });

  it('--preview renders it anyway with a visible placeholder', () => {
    const out = join(dir, 'preview.docx');
    const r = kpBrev('render', sample, '--context', 'no-klage.json', '--out', out, '--preview');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 felt uden værdi er vist som pladsholder');
    expect(
      openDocx(readFileSync(out))
        .texts()
        .some((t) => t.includes('senest den «MANGLER: Klage.Frist»')),
    ).toBe(true);
    // The placeholder is not the only sign: the field and its place are named.
    expect(r.stderr).toMatch(/bevilling-helbredstillaegskort\.docx, word\/document\.xml, afsnit \d+: Flettefeltet "Klage\.Frist" har ingen værdi/);
  });

  it("--out must name the letter's format: .docx or .pdf, or agree with --format (or have no extension)", () => {
    const txt = kpBrev('render', sample, '--context', karen, '--out', 'o.txt');
    expect(txt.status).toBe(2);
    expect(txt.stderr).toContain('Brevet skrives som .docx eller .pdf, men --out o.txt har ingen af de endelser.');
    expect(existsSync(join(dir, 'o.txt'))).toBe(false);
    const mismatch = kpBrev('render', sample, '--context', karen, '--out', 'o.docx', '--format', 'pdf');
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toContain('--format pdf skriver brevet som .pdf, men --out o.docx har endelsen .docx.');
    expect(existsSync(join(dir, 'o.docx'))).toBe(false);
    const bare = kpBrev('render', sample, '--context', karen, '--out', 'brev-uden-endelse', '--format', 'pdf');
    expect(bare.status).toBe(0);
    expect(readFileSync(join(dir, 'brev-uden-endelse')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const upper = kpBrev('render', sample, '--context', karen, '--out', 'BREV.PDF');
    expect(upper.status).toBe(0);
    expect(readFileSync(join(dir, 'BREV.PDF')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('--lang en speaks English', () => {
    const r = kpBrev('render', sample, '--context', 'no-klage.json', '--out', join(dir, 'x.docx'), '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The letter from bevilling-helbredstillaegskort.docx is not made: 1 error.');
    expect(r.stderr).toContain('paragraph');
  });

  it('usage errors exit 2 with a Danish message', () => {
    const r = kpBrev('render', sample);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Forkert brug: tilvalget --context <fil> skal angives/);
    expect(kpBrev('frobnicate').status).toBe(2);
  });
});

describe('the template repository from the command line', () => {
  const templates = join(root, 'templates');

  it('kp-brev templates --kommune 540 shows each template with its status', () => {
    const r = kpBrev('templates', '--kommune', '540', '--templates', templates);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/beskedskabelon\s+np_1011\s+3 \/ 540: 1 \(fra 2\)\s+overskrivning af ældre central version\s+Manglerbrev/);
    expect(r.stdout).toMatch(/indholdselement\s+kontakt\s+1 \/ 540: 2 \(fra 1\)\s+overskrevet/);
    expect(r.stdout).toContain('1 overskrivning bygger på en ældre central version og skal gennemgås: np_1011.');
    const json = JSON.parse(kpBrev('templates', '--templates', templates, '--format', 'json').stdout) as Array<{ status: string }>;
    expect(json.every((row) => row.status === 'central')).toBe(true);
  });

  it('kp-brev render --template composes and renders a letter from the repository', () => {
    const out = join(dir, 'np_1015.docx');
    const r = kpBrev(
      'render',
      '--template',
      'np_1015',
      '--templates',
      templates,
      '--context',
      join(root, 'samples/sager/np_1015/karen-prisaftale.json'),
      '--out',
      out,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const texts = openDocx(readFileSync(out)).texts();
    expect(texts).toContain('Du får tilskud til fodbehandling');
    expect(texts).toContain('335,75 kr.');
    expect(kpBrev('render', sample, '--template', 'np_1015', '--context', karen, '--out', out).stderr).toContain('Angiv enten en skabelonfil eller --template');
  });

  it('kp-brev preview renders every sample case × every combination of questions, with an index', () => {
    const out = join(dir, 'preview-540');
    const r = kpBrev('preview', 'np_1011', '--kommune', '540', '--templates', templates, '--samples', join(root, 'samples/sager'), '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('48 breve dannet');
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { letters: Array<{ file: string; answers: Record<string, string> }> };
    expect(index.letters).toHaveLength(48);
    const first = index.letters[0]!;
    expect(Object.values(first.answers)).toEqual(['N', 'N', 'N', 'N']);
    expect(existsSync(join(out, first.file))).toBe(true);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Mangler kopi af regningen');
  });

  it('a --kommune the repository does not have is a usage error naming the known ones, never the central letter', () => {
    const context = join(root, 'samples/sager/np_1004/karen-85-procent.json');
    const runs = {
      render: kpBrev('render', '--template', 'np_1004', '--kommune', '999', '--templates', templates, '--context', context, '--out', 'k999.docx'),
      templates: kpBrev('templates', '--kommune', '999', '--templates', templates),
      preview: kpBrev('preview', 'np_1004', '--kommune', '999', '--templates', templates, '--samples', join(root, 'samples/sager'), '--out', 'k999'),
      batch: kpBrev('batch', '--template', 'np_1004', '--kommune', '999', '--templates', templates, '--cases', context, '--out', 'k999-batch'),
    };
    for (const [command, r] of Object.entries(runs)) {
      expect(r.status, command).toBe(2);
      expect(r.stdout, command).toBe('');
      expect(r.stderr, command).toContain('Kommunen 999 findes ikke i skabelonarkivet');
      expect(r.stderr, command).toContain('Kendte kommuner: 540 (Sønderborg Kommune).');
    }
    for (const made of ['k999.docx', 'k999', 'k999-batch']) expect(existsSync(join(dir, made)), made).toBe(false);
  });

  it('kp-brev preview lists what each letter lacks and says so in a summary line; --format pdf makes PDF letters', async () => {
    const samples = mkdtempSync(join(tmpdir(), 'kp-brev-cli-samples-'));
    const ctx = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as {
      fields: { Bevilling: Record<string, unknown> };
    };
    delete ctx.fields.Bevilling['Fra'];
    mkdirSync(join(samples, 'np_1004'));
    writeFileSync(join(samples, 'np_1004', 'uden-fra.json'), JSON.stringify(ctx));
    const r = kpBrev('preview', 'np_1004', '--templates', templates, '--samples', samples, '--out', 'mangler', '--format', 'pdf');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `16 breve dannet i mangler (1 sag × 16 kombinationer af flettespørgsmål). Se ${join('mangler', 'index.html')}.\n` +
        `16 af 16 breve mangler felter eller svar på flettespørgsmål (vist som gule pladsholdere): Bevilling.Fra. Se hvilke breve og hvor i ${join('mangler', 'index.html')}.\n`,
    );
    const index = JSON.parse(readFileSync(join(dir, 'mangler', 'index.json'), 'utf8')) as {
      letters: Array<{ file: string; missing: Array<{ kind: string; name: string; place: string }> }>;
    };
    const first = index.letters[0]!;
    expect(first.file).toMatch(/^uden-fra__01\.pdf$/);
    expect(first.missing).toEqual([{ kind: 'field', name: 'Bevilling.Fra', place: 'np_1004, word/document.xml, afsnit 3' }]);
    const pdf = readFileSync(join(dir, 'mangler', first.file));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    if (needTool('pdftotext', text.status === 0, 'poppler-utils')) expect(text.stdout).toContain('«MANGLER: Bevilling.Fra»');
    const html = readFileSync(join(dir, 'mangler', 'index.html'), 'utf8');
    expect(html).toContain(`<a href="${first.file}">${first.file}</a>`);
    expect(html).not.toContain('.docx"');
    expect(html).toContain('<li><strong>Bevilling.Fra</strong> (np_1004, word/document.xml, afsnit 3)</li>');
    expect(html).toContain('16 af 16 breve mangler noget: <strong>Bevilling.Fra</strong>.');
  });

  it('kp-brev remap-keys turns training keys into production keys', () => {
    const training = join(dir, 'traening.docx');
    writeFileSync(training, docx([p(field(' IF ', mergeField('Question:flettespoergsmaal-90023'), ' = "J" "Regning mangler" '))]));
    const out = join(dir, 'produktion.docx');
    const r = kpBrev('remap-keys', training, '--map', join(templates, 'noegler/traening-til-produktion.json'), '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 flettespørgsmål skrevet om');
    expect(kpBrev('fields', out).stdout).toContain('{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Regning mangler" }');
    // It writes a template: a .docx under its own name, and its help says so.
    const pdf = kpBrev('remap-keys', training, '--map', join(templates, 'noegler/traening-til-produktion.json'), '--out', 'x.pdf');
    expect(pdf.status).toBe(2);
    expect(pdf.stderr).toContain('remap-keys skriver en skabelon (.docx), men --out x.pdf har ikke endelsen .docx.');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    const help = kpBrev('remap-keys', '--help').stdout.replace(/\s+/g, ' ');
    expect(help).toContain('hvor den omskrevne skabelon skrives (.docx)');
    expect(help).not.toContain('brevet');
  });
});

describe('kp-brev fields', () => {
  it('lists every field like Word’s Alt+F9 view', () => {
    const r = kpBrev('fields', sample);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('word/document.xml afsnit 1');
    expect(r.stdout).toContain('{ IF { MERGEFIELD Question:flettespoergsmaal-10031 } = "J" "¶Vi har beregnet din formue');
    expect(r.stdout).toContain('word/footer1.xml');
    expect(r.stdout).toMatch(/\d+ felter i bevilling-helbredstillaegskort\.docx, 0 med fejl\./);
  });

  it('--format json gives the fields with nesting and places', () => {
    const fields = JSON.parse(kpBrev('fields', sample, '--format', 'json').stdout) as Array<{ type: string; depth: number; part: string; paragraph: number }>;
    expect(fields.filter((f) => f.type === 'IF' && f.depth === 0).length).toBeGreaterThanOrEqual(5);
    expect(fields.filter((f) => f.type === 'MERGEFIELD').length).toBeGreaterThanOrEqual(10);
    expect(fields.find((f) => f.type === 'PAGE')).toMatchObject({ part: 'word/footer1.xml', paragraph: 1, depth: 0 });
  });

  it('exits 1 and shows the error for a template with a broken code', () => {
    const broken = join(dir, 'broken-if.docx');
    writeFileSync(broken, docx([p('Tekst ', field(' IF ', mergeField('Question:q1'), ' = "J" '))]));
    const r = kpBrev('fields', broken);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('fejl: IF mangler teksten der skal vises');
  });

  it('--help is Danish', () => {
    const r = kpBrev('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('dan et brev ud fra en skabelon');
    expect(r.stdout).toContain('remap-keys');
  });

  it('a closed pipe ends quietly', () => {
    const out = execFileSync('bash', ['-c', `node ${bin} fields ${sample} | head -1`], { encoding: 'utf8' });
    expect(out.split('\n')).toHaveLength(2);
  });
});
