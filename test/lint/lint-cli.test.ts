/**
 * `kp-brev lint` on a small template repository built for the test, and on loose files: a
 * repository file given by path is linted with its manifest settings, a letter is judged with
 * its master and content elements, ids of content elements and masters work, one unreadable
 * file does not hide the others' findings, and the options do what they say.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleDocx } from '../../src/lint/examples.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-lint-cli-'));

function kpBrev(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, KP_BREV_LANG: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonResult {
  file: string;
  findings: Array<{ rule: string; severity: string; message: string; regression?: boolean; location: { paragraph?: number } }>;
}

function json(r: { stdout: string }): JsonResult[] {
  return JSON.parse(r.stdout) as JsonResult[];
}

const byFile = (results: JsonResult[], end: string): JsonResult => {
  const found = results.find((x) => x.file.replace(/\\/g, '/').endsWith(end));
  if (!found) throw new Error(`${end} not in ${results.map((x) => x.file).join(', ')}`);
  return found;
};

const CATALOG = `processes:
  - id: udvidet-helbredstillaeg
    variants:
      - id: briller
        terms: [briller, optiker]
      - id: fodbehandling
        terms: [fodbehandling, fodterapeut]
fields:
  - { name: Borger.Fornavn, processes: "*" }
questions:
  - { key: flettespoergsmaal-10023, env: production }
  - { key: flettespoergsmaal-10024, env: production }
  - { key: flettespoergsmaal-10025, env: production }
`;

/**
 * np_2001 enables 10023 (used in the letter) and 10024 (used only in its content element
 * "svar"), and names "fodterapeut" in a letter for briller and fodbehandling. Sønderborg (540)
 * overrides np_2001 from version 1 and enables 10023 only, though "svar" still asks 10024.
 */
const MANIFEST = `masters:
  - { id: brev, file: central/masters/brev.docx, version: 1 }
indholdselementer:
  - { id: svar, file: central/indholdselementer/svar.docx, version: 1 }
  - { id: kontakt, file: central/indholdselementer/kontakt.docx, version: 1 }
beskedskabeloner:
  - id: np_2001
    file: central/beskedskabeloner/np_2001.docx
    title: Manglerbrev
    master: brev
    indholdselementer: [svar, kontakt]
    questions: [flettespoergsmaal-10023, flettespoergsmaal-10024]
    processes: [udvidet-helbredstillaeg]
    variants: [briller, fodbehandling]
    documentType: Anmodning
    version: 2
  - id: np_2002
    file: central/beskedskabeloner/np_2002.docx
    title: Orientering
    master: brev
    indholdselementer: [kontakt]
    questions: []
    processes: [udvidet-helbredstillaeg]
    documentType: Orientering
    version: 1
`;

const KOMMUNE = `kommune: "540"
overrides:
  - kind: beskedskabelon
    id: np_2001
    basedOn: np_2001@1
    version: 1
    file: beskedskabeloner/np_2001.docx
    settings:
      questions: [flettespoergsmaal-10023]
`;

const LETTER = [
  'Kære { MERGEFIELD Borger.Fornavn }',
  'Send os regningen fra din fodterapeut.{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" " Vi mangler også henvisningen." }',
  'Send det senest om 14 dage.',
];

function write(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

function makeRepository(at: string): string {
  write(join(at, 'manifest.yaml'), MANIFEST);
  write(join(at, 'catalog.yaml'), CATALOG);
  write(join(at, 'kommuner/540/manifest.yaml'), KOMMUNE);
  write(join(at, 'central/masters/brev.docx'), exampleDocx({ body: ['{ MERGEFIELD Skabelon:Indhold }', 'Med venlig hilsen'] }));
  write(join(at, 'central/beskedskabeloner/np_2001.docx'), exampleDocx({ body: LETTER }));
  write(join(at, 'central/beskedskabeloner/np_2002.docx'), exampleDocx({ body: ['Vi har modtaget din ansøgning.'] }));
  write(
    join(at, 'central/indholdselementer/svar.docx'),
    exampleDocx({ body: ['Har du spørgsmål{ IF { MERGEFIELD Question:flettespoergsmaal-10024 } = "J" ", så ring til os" }.'] }),
  );
  write(join(at, 'central/indholdselementer/kontakt.docx'), exampleDocx({ body: ['Du kan ringe til os på 88 88 88 88.'] }));
  write(join(at, 'kommuner/540/beskedskabeloner/np_2001.docx'), exampleDocx({ body: LETTER }));
  return at;
}

const repo = makeRepository(join(dir, 'repo'));

describe('a template repository', () => {
  it('takes processes, variants and enabled questions from the manifest, and judges a letter with its master and content elements', () => {
    const r = kpBrev('lint', 'repo', '--format', 'json');
    const results = json(r);
    // np_2001: 10024 is used in its content element "svar", so it is not unused; fodterapeut
    // leaks into the letter about briller (variants from the manifest).
    expect(byFile(results, 'central/beskedskabeloner/np_2001.docx').findings.map((f) => [f.rule, f.message])).toEqual([
      ['variant-leak', 'Teksten nævner "fodterapeut" (varianten fodbehandling) uden for en betingelse, men skabelonen bruges til: briller, fodbehandling.'],
    ]);
    // svar asks 10024, which Sønderborg's np_2001 does not enable.
    expect(byFile(results, 'central/indholdselementer/svar.docx').findings.map((f) => [f.rule, f.message, f.location.paragraph])).toEqual([
      [
        'question-not-enabled',
        'Flettespørgsmålet "flettespoergsmaal-10024" bruges her, men er ikke slået til på disse breve, der bruger skabelonen: np_2001 (kommune 540).',
        1,
      ],
    ]);
    expect(byFile(results, 'kommuner/540/beskedskabeloner/np_2001.docx').findings.map((f) => [f.rule, f.regression])).toEqual([
      ['override-outdated', true],
      ['variant-leak', false],
    ]);
    expect(r.status).toBe(1);
  });

  it('--catalog takes the catalog as JSON too, with keys the linter does not know', () => {
    const catalog = {
      owner: 'KOMBIT',
      processes: [
        {
          id: 'udvidet-helbredstillaeg',
          variants: [
            { id: 'briller', terms: ['briller', 'optiker'] },
            { id: 'fodbehandling', terms: ['fodbehandling', 'fodterapeut'], note: 'x' },
          ],
        },
      ],
      fields: [{ name: 'Borger.Fornavn', processes: '*' }],
      questions: [{ key: 'flettespoergsmaal-10023', env: 'production' }],
    };
    write(join(dir, 'catalog.json'), JSON.stringify(catalog));
    const file = join(dir, 'loose.docx');
    write(file, exampleDocx({ body: ['Kære { MERGEFIELD Borger.Fornavn } { MERGEFIELD Borger.Efternavn }', 'Send os regningen fra din fodterapeut.'] }));
    const r = kpBrev(
      'lint',
      file,
      '--catalog',
      join(dir, 'catalog.json'),
      '--process',
      'udvidet-helbredstillaeg',
      '--variant',
      'briller,fodbehandling',
      '--format',
      'json',
    );
    const rules = json(r)[0]!.findings.map((f) => f.rule);
    // From the JSON catalog: Borger.Efternavn is not in it, and "fodterapeut" is a term of fodbehandling.
    expect(rules).toEqual(expect.arrayContaining(['unknown-field', 'variant-leak']));
    expect(json(r)[0]!.findings.find((f) => f.rule === 'unknown-field')!.message).toContain('Borger.Efternavn');
  });

  it('a repository file given by path is linted with its manifest settings and base', () => {
    const override = json(kpBrev('lint', 'repo/kommuner/540/beskedskabeloner/np_2001.docx', '--format', 'json'));
    expect(override.map((x) => x.file)).toEqual(['repo/kommuner/540/beskedskabeloner/np_2001.docx']);
    expect(override[0]!.findings.map((f) => [f.rule, f.regression])).toEqual([
      ['override-outdated', true],
      ['variant-leak', false],
    ]);
    const element = json(kpBrev('lint', join(repo, 'central/indholdselementer/svar.docx'), '--format', 'json'));
    expect(element[0]!.findings.map((f) => f.rule)).toEqual(['question-not-enabled']);
  });

  it('flags given with a repository file take precedence over the manifest', () => {
    const r = kpBrev(
      'lint',
      'repo/central/beskedskabeloner/np_2001.docx',
      '--question',
      'flettespoergsmaal-10023,flettespoergsmaal-10025',
      '--variant',
      'briller',
      '--format',
      'json',
    );
    // 10024 (from "svar") still counts as used; 10025 is enabled by the flag and used nowhere.
    expect(json(r)[0]!.findings.map((f) => [f.rule, f.message])).toEqual([
      ['question-unused', 'Flettespørgsmålet "flettespoergsmaal-10025" er slået til, men bruges ikke.'],
    ]);
  });

  it('a content element or master id lints the central one and the overrides of it', () => {
    const element = kpBrev('lint', 'svar', '--templates', 'repo', '--format', 'json');
    expect(element.status).toBe(1);
    expect(json(element).map((x) => [x.file.replace(/\\/g, '/').replace(/^.*repo\//, ''), x.findings.map((f) => f.rule)])).toEqual([
      ['central/indholdselementer/svar.docx', ['question-not-enabled']],
    ]);
    const master = kpBrev('lint', 'brev', '--templates', 'repo', '--format', 'json');
    expect(master.status).toBe(0);
    expect(json(master).map((x) => x.file.replace(/\\/g, '/').replace(/^.*repo\//, ''))).toEqual(['central/masters/brev.docx']);
    const unknown = kpBrev('lint', 'np_9999', '--templates', 'repo');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Skabelonen "np_9999" findes ikke/);
  });

  it('a file that cannot be read is reported on stderr, in Danish and by name; the others are still reported', () => {
    const broken = makeRepository(join(dir, 'repo-broken'));
    writeFileSync(join(broken, 'central/indholdselementer/kontakt.docx'), 'ikke et Word-dokument');
    const r = kpBrev('lint', 'repo-broken', '--format', 'json');
    expect(r.status).toBe(2);
    const results = json(r);
    expect(results.some((x) => x.file.endsWith('kontakt.docx'))).toBe(false);
    expect(byFile(results, 'central/indholdselementer/svar.docx').findings.map((f) => f.rule)).toEqual(['question-not-enabled']);
    expect(results).toHaveLength(5);
    expect(r.stderr).toMatch(/repo-broken[\\/]central[\\/]indholdselementer[\\/]kontakt\.docx.*Filen er ikke et Word-dokument/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('kp-brev lint options', () => {
  writeFileSync(join(dir, 'katalog.yaml'), CATALOG);
  writeFileSync(join(dir, 'fod.docx'), exampleDocx({ body: ['Send os en henvisning fra fodterapeut og en kopi af regningen.'] }));
  writeFileSync(
    join(dir, 'spoergsmaal.docx'),
    exampleDocx({ body: ['Kære { MERGEFIELD Borger.Fornavn }{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "¶Vi mangler regningen." }'] }),
  );

  it('--variant without --process finds the variants in the catalog', () => {
    const r = kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--variant', 'briller,fodbehandling', '--format', 'json');
    expect(json(r)[0]!.findings.filter((f) => f.rule === 'variant-leak')).toHaveLength(1);
  });

  it('--process and --variant ids the catalog does not know are usage errors naming the id and the known ones', () => {
    const p = kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--process', 'udvidet-helbredstilaeg');
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toContain(
      'Processen "udvidet-helbredstilaeg" (--process) findes ikke i kataloget katalog.yaml; mente du "udvidet-helbredstillaeg"? Kendte processer: udvidet-helbredstillaeg.',
    );
    const v = kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--variant', 'briller,tandprotese');
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('Varianten "tandprotese" (--variant) findes ikke i kataloget katalog.yaml. Kendte varianter: briller, fodbehandling.');
    const far = kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--process', 'nope');
    expect(far.stderr).toContain('Processen "nope" (--process) findes ikke i kataloget katalog.yaml. Kendte processer');
  });

  it('--env training: production keys are wrong in a template for the training environment', () => {
    const args = ['lint', 'spoergsmaal.docx', '--catalog', 'katalog.yaml', '--question', 'flettespoergsmaal-10023', '--format', 'json'];
    expect(json(kpBrev(...args))[0]!.findings.filter((f) => f.rule === 'question-unknown-key')).toEqual([]);
    const training = json(kpBrev(...args, '--env', 'training'))[0]!.findings.filter((f) => f.rule === 'question-unknown-key');
    expect(training.map((f) => f.message)).toEqual([
      'Nøglen "flettespoergsmaal-10023" hører til produktionsmiljøet, men skabelonen er til træningsmiljøet. Skriv nøglerne om med kp-brev remap-keys.',
    ]);
  });

  it('--sample judges a merge field in link text with the sample case', () => {
    writeFileSync(
      join(dir, 'link.docx'),
      exampleDocx({
        xml: '<w:p><w:r><w:t xml:space="preserve">Læs om reglerne </w:t></w:r><w:hyperlink r:id="rIdL" w:history="1"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD Kommune.LinkTekst </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Kommune.LinkTekst»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>',
      }),
    );
    writeFileSync(join(dir, 'sag.json'), JSON.stringify({ process: 'udvidet-helbredstillaeg', fields: { Kommune: { LinkTekst: 'her' } } }));
    const links = (r: { stdout: string }): string[] =>
      json(r)[0]!
        .findings.filter((f) => f.rule === 'a11y-link-text')
        .map((f) => f.message);
    expect(links(kpBrev('lint', 'link.docx', '--format', 'json'))).toEqual([]);
    expect(links(kpBrev('lint', 'link.docx', '--sample', 'sag.json', '--format', 'json'))).toEqual(['Linkteksten "her" siger ikke, hvor linket fører hen.']);
  });

  it('a config file must be an object of rules: [] and { "rules": [] } are usage errors', () => {
    writeFileSync(join(dir, 'liste.json'), '[]');
    writeFileSync(join(dir, 'regelliste.json'), '{ "rules": [] }');
    for (const file of ['liste.json', 'regelliste.json']) {
      const r = kpBrev('lint', 'fod.docx', '--config', file);
      expect(r.status, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`Konfigurationen ${file} kan ikke bruges`);
    }
  });

  it("--format help lists each command's own formats", () => {
    const lint = kpBrev('lint', '--help').stdout.replace(/\s+/g, ' ');
    expect(lint).toMatch(/--format <format> uddataformat \(valg: "stylish", "json", "sarif", standard: "stylish"\)/);
    const fields = kpBrev('fields', '--help').stdout.replace(/\s+/g, ' ');
    expect(fields).toMatch(/--format <format> uddataformat \(valg: "text", "json", standard: "text"\)/);
  });

  it('SARIF says whether a finding is new in an override (baselineState)', () => {
    const base = join(dir, 'central.docx');
    writeFileSync(base, exampleDocx({ body: ['Dato:          5. januar 2026', 'Tekst.'] }));
    writeFileSync(join(dir, 'kommune.docx'), exampleDocx({ body: ['Dato:          5. januar 2026', 'Tekst.', 'Sagsnummer:          2026-123'] }));
    const log = JSON.parse(kpBrev('lint', 'kommune.docx', '--base', 'central.docx', '--format', 'sarif').stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; baselineState?: string; level: string }> }>;
    };
    expect(log.runs[0]!.results.map((x) => [x.ruleId, x.baselineState, x.level])).toEqual([
      ['a11y-empty-paragraphs', 'unchanged', 'warning'],
      ['a11y-empty-paragraphs', 'new', 'error'],
    ]);
    const plain = JSON.parse(kpBrev('lint', 'kommune.docx', '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ baselineState?: string }> }> };
    expect(plain.runs[0]!.results.every((x) => x.baselineState === undefined)).toBe(true);
  });
});

interface Notices {
  file: string;
  notices?: Array<{ code: string; message: string }>;
}

/** kp-brev run in another working folder than the shared one. */
function kpBrevIn(cwd: string, ...args: string[]): { status: number; stdout: string; stderr: string } {
  const { KP_BREV_TEMPLATES: _ignored, ...env } = process.env;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd, env: { ...env, KP_BREV_LANG: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const TYPO = exampleDocx({ body: ['Kære { MERGEFIELD Borger.Fornvan }', 'Send os regningen.'] });

describe('what the linter assumes for a loose file, and says', () => {
  it("a manifest.json above the file that is no template repository's is passed by and named, not a usage error", () => {
    const web = mkdtempSync(join(tmpdir(), 'kp-brev-webapp-'));
    write(join(web, 'manifest.json'), JSON.stringify({ name: 'Min app', short_name: 'app', icons: [] }));
    write(join(web, 'breve/brev.docx'), TYPO);
    const r = kpBrevIn(web, 'lint', 'breve/brev.docx');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Bemærk: breve/brev.docx: manifest.json er ikke manifestet for et kp-brev-skabelonarkiv (det har ingen beskedskabeloner) og er ikke brugt.',
    );
    // No catalog anywhere: said, not silently passed.
    expect(r.stdout).toContain('Bemærk: breve/brev.docx: Intet katalog (hverken --catalog eller et skabelonarkiv over filen eller i arbejdsmappen)');
    const j = JSON.parse(kpBrevIn(web, 'lint', 'breve/brev.docx', '--format', 'json').stdout) as Notices[];
    expect(j[0]!.notices!.map((n) => n.code)).toEqual(['lint.notice.manifest-ignored', 'lint.notice.catalog-skipped']);
    const sarif = JSON.parse(kpBrevIn(web, 'lint', 'breve/brev.docx', '--format', 'sarif').stdout) as {
      runs: Array<{ invocations?: Array<{ toolExecutionNotifications: Array<{ descriptor: { id: string }; level: string; message: { text: string } }> }> }>;
    };
    const notes = sarif.runs[0]!.invocations![0]!.toolExecutionNotifications;
    expect(notes.map((n) => [n.descriptor.id, n.level])).toEqual([
      ['lint.notice.manifest-ignored', 'note'],
      ['lint.notice.catalog-skipped', 'note'],
    ]);
  });

  it('a loose file inside a template repository is checked against its catalog, with "did you mean"; an unknown --process is refused', () => {
    write(join(repo, 'udkast/brev.docx'), TYPO);
    const r = kpBrev('lint', 'repo/udkast/brev.docx');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Flettefeltet "Borger.Fornvan" findes ikke i kataloget; mente du "Borger.Fornavn"?  unknown-field');
    expect(r.stdout).toMatch(/Bemærk: repo\/udkast\/brev\.docx: Kataloget .*catalog\.yaml fra skabelonarkivet .*repo er brugt\./);
    const nope = kpBrev('lint', 'repo/udkast/brev.docx', '--process', 'nope');
    expect(nope.status).toBe(2);
    expect(nope.stderr).toContain('Processen "nope" (--process) findes ikke i kataloget');
  });

  it('a loose file elsewhere is checked against the catalog of the template repository in the working folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'kp-brev-work-'));
    makeRepository(join(work, 'templates'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'kp-brev-elsewhere-'));
    write(join(elsewhere, 'brev.docx'), TYPO);
    const r = kpBrevIn(work, 'lint', join(elsewhere, 'brev.docx'), '--format', 'json');
    const results = JSON.parse(r.stdout) as Array<JsonResult & Notices>;
    expect(results[0]!.findings.map((f) => f.message)).toContain('Flettefeltet "Borger.Fornvan" findes ikke i kataloget; mente du "Borger.Fornavn"?');
    expect(results[0]!.notices!.map((n) => n.code)).toEqual(['lint.notice.catalog-found']);
    expect(kpBrevIn(work, 'lint', join(elsewhere, 'brev.docx'), '--process', 'udvidet-helbredstilaeg').stderr).toContain('mente du "udvidet-helbredstillaeg"?');
  });

  it('a process with several variants and no --variant is checked for every variant of it, and the output says so', () => {
    const r = kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--process', 'udvidet-helbredstillaeg');
    expect(r.stdout).toContain(
      'Teksten nævner "fodterapeut" (varianten fodbehandling) uden for en betingelse, men skabelonen bruges til: briller, fodbehandling.  variant-leak',
    );
    expect(r.stdout).toContain(
      'Bemærk: fod.docx: Ingen varianter angivet: skabelonen er tjekket for alle varianter af udvidet-helbredstillaeg (briller, fodbehandling).',
    );
    const j = JSON.parse(kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--process', 'udvidet-helbredstillaeg', '--format', 'json').stdout) as Array<
      JsonResult & Notices
    >;
    expect(j[0]!.notices).toEqual([
      {
        code: 'lint.notice.variants-assumed',
        message: 'Ingen varianter angivet: skabelonen er tjekket for alle varianter af udvidet-helbredstillaeg (briller, fodbehandling).',
      },
    ]);
    // A letter of the repository whose manifest names no variants: the manifest's default, said too.
    const letter = kpBrev('lint', 'np_2002', '--templates', 'repo');
    expect(letter.stdout).toMatch(/Bemærk: .*np_2002\.docx: Ingen varianter angivet/);
    // Named variants: nothing assumed, nothing said.
    expect(kpBrev('lint', 'fod.docx', '--catalog', 'katalog.yaml', '--process', 'udvidet-helbredstillaeg', '--variant', 'fodbehandling').stdout).not.toContain(
      'Bemærk',
    );
  });
});

// The sample repository's central np_1011 is the base of the README's draft; copied so that
// the sample templates can change without this test.
describe('the sample repository by path', () => {
  it('the 540 override of np_1011, given by path, is judged against its central template', () => {
    cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
    const r = json(kpBrev('lint', 'templates/kommuner/540/beskedskabeloner/np_1011.docx', '--format', 'json'));
    expect(r[0]!.findings).toMatchObject([{ rule: 'override-outdated', regression: true }]);
  });
});
