/**
 * The linter as system administrators use it: a well-made template is clean, the sample
 * repository is clean (one deliberate finding), an override is judged against its base, and
 * the command's output formats hold to their schemas (ours for JSON, OASIS's for SARIF).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../../src/diagnostics.js';
import { lintDocx, type FileResult } from '../../src/lint/engine.js';
import { exampleDocx, exampleParagraph, exampleSettings } from '../../src/lint/examples.js';
import { repositoryTargets } from '../../src/lint/targets.js';
import { TemplateRepository } from '../../src/repository/repository.js';

// ajv-draft-04 is CommonJS whose export is the class itself (the SARIF schema is draft-04).
const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;
const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-lint-'));

function kpBrev(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, KP_BREV_LANG: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const CATALOG = `
processes:
  - id: helbredstillaegskort
fields:
  - { name: Borger.Fornavn, processes: "*" }
  - { name: Bevilling.Fra, type: dato, processes: [helbredstillaegskort] }
questions:
  - { key: flettespoergsmaal-10023, text: Mangler kopi af regningen, default: N, env: production }
`;

const TABLE =
  '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>' +
  '<w:tblGrid><w:gridCol w:w="4819"/><w:gridCol w:w="4819"/></w:tblGrid>' +
  '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Udgift</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tilskud i procent</w:t></w:r></w:p></w:tc></w:tr>' +
  '<w:tr><w:tc><w:p><w:r><w:t>Medicin</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>85 %</w:t></w:r></w:p></w:tc></w:tr>' +
  '<w:tr><w:tc><w:p><w:r><w:t>Tandbehandling</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>85 %</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';

const LINK =
  '<w:p><w:r><w:t xml:space="preserve">Du kan læse </w:t></w:r><w:hyperlink r:id="rIdL" w:history="1"><w:r><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t>reglerne om helbredstillæg på borger.dk</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>';

/** A letter made the way the KP guide and the accessibility rules ask. */
function wellMade(extra: { before?: string; after?: string } = {}): Buffer {
  const lines = [
    '# Du får et helbredstillægskort',
    'Kære { MERGEFIELD Borger.Fornavn }',
    'Kortet gælder fra den { MERGEFIELD Bevilling.Fra }.{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "¶Vi mangler en kopi af regningen. Send den, så vi kan udbetale tilskuddet." }',
    '## Hvad dækker kortet?',
    'Kortet giver tilskud til disse udgifter:',
  ];
  const xml = (extra.before ?? '') + lines.map(exampleParagraph).join('') + TABLE + LINK + (extra.after ?? '');
  return exampleDocx({ xml });
}

const settings = exampleSettings({ catalog: CATALOG, settings: { processes: ['helbredstillaegskort'], questions: ['flettespoergsmaal-10023'] } });

describe('a clean, well-made template', () => {
  it('gives no errors, no warnings and no info', () => {
    const r = lintDocx(wellMade(), 'velskrevet.docx', settings);
    expect(r.findings.map((f) => `${f.rule}: ${messageOf(f, 'en')}`)).toEqual([]);
  });

  it('and the same letter with typical mistakes is caught, each by its rule, in place order', () => {
    const bad = wellMade({
      after:
        exampleParagraph('') +
        exampleParagraph('') +
        exampleParagraph('Svar senest { MERGEFIELD Svar.Frist }.') +
        exampleParagraph('{ IF { MERGEFIELD Question:flettespoergsmaal-10024 } = "Ja" "Vi mangler overslaget." }'),
    });
    const r = lintDocx(bad, 'fejl.docx', settings);
    const rules = r.findings.map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['a11y-empty-paragraphs', 'unknown-field', 'question-not-enabled', 'question-value', 'blank-line-conditions']),
    );
    const paragraphs = r.findings.map((f) => f.location?.paragraph ?? 0);
    expect([...paragraphs].sort((a, b) => a - b)).toEqual(paragraphs);
    const unknown = r.findings.find((f) => f.rule === 'unknown-field')!;
    expect(unknown.location).toMatchObject({ part: 'word/document.xml', instruction: 'MERGEFIELD Svar.Frist' });
    expect(messageOf(unknown)).toBe('Flettefeltet "Svar.Frist" findes ikke i kataloget.');
  });
});

describe('the sample repository', () => {
  const repo = TemplateRepository.open(join(root, 'templates'));
  const targets = repositoryTargets(repo, repo.catalog, 'production', join(root, 'samples/sager'));
  const results: FileResult[] = targets.map((t) =>
    lintDocx(readFileSync(t.path), t.file, t.settings, {}, t.base ? { bytes: readFileSync(t.base.path), file: t.base.file } : undefined),
  );

  it('covers every letter, master, content element and override', () => {
    const files = targets.map((t) => t.file.replace(/\\/g, '/'));
    for (const b of repo.central.beskedskabeloner) expect(files.some((f) => f.endsWith(`central/beskedskabeloner/${b.id}.docx`))).toBe(true);
    expect(files.some((f) => f.endsWith('kommuner/540/beskedskabeloner/np_1011.docx'))).toBe(true);
    expect(files.some((f) => f.endsWith('kommuner/540/indholdselementer/kontakt.docx'))).toBe(true);
    expect(files.filter((f) => f.includes('/masters/')).length).toBe(2);
  });

  it('lints clean but for the one deliberate finding: the 540 override of np_1011 is based on an older central version', () => {
    const all = results.flatMap((r) => r.findings.map((f) => ({ file: r.file.replace(/\\/g, '/'), rule: f.rule, message: messageOf(f, 'en') })));
    expect(all).toEqual([
      {
        file: expect.stringMatching(/kommuner\/540\/beskedskabeloner\/np_1011\.docx$/),
        rule: 'override-outdated',
        message: 'The override of np_1011 is based on version 2, but the central one is now version 3.',
      },
    ]);
  });

  it('judges overrides against their central template: findings carry `regression`, central ones do not', () => {
    for (const [i, t] of targets.entries()) {
      for (const f of results[i]!.findings) expect(f.regression !== undefined).toBe(t.base !== undefined);
    }
    const override = results.find((r) => r.file.replace(/\\/g, '/').endsWith('540/beskedskabeloner/np_1011.docx'))!;
    expect(override.findings[0]!.regression).toBe(true);
  });
});

describe('an override against its base', () => {
  // The central template has one layout warning (an empty paragraph) and no title problem.
  const central = wellMade({ after: exampleParagraph('') + exampleParagraph('') + exampleParagraph('Med venlig hilsen') });
  // The municipality's version keeps that, adds a drawing without alt text and spaces for layout.
  const drawing =
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="7" name="Billede 7"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdX"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  const override = wellMade({
    before: drawing,
    after: exampleParagraph('') + exampleParagraph('') + exampleParagraph('Med venlig hilsen') + exampleParagraph('Dato:        5. januar 2026'),
  });

  it('marks what the base does not have as a regression and raises accessibility regressions to errors', () => {
    const r = lintDocx(override, 'kommune.docx', settings, {}, { bytes: central, file: 'central.docx' });
    const byRule = (rule: string) => r.findings.filter((f) => f.rule === rule);
    // Inherited from the central template: not the municipality's doing, severity unchanged.
    const inherited = byRule('a11y-empty-paragraphs').filter((f) => !f.regression);
    expect(inherited.length).toBe(1);
    expect(inherited[0]!.severity).toBe('warning');
    // New in the override: the spaces for layout (a warning by default) become an error.
    const spaces = byRule('a11y-empty-paragraphs').filter((f) => f.regression);
    expect(spaces.length).toBe(1);
    expect(spaces[0]!.severity).toBe('error');
    expect(byRule('a11y-image-alt')).toMatchObject([{ regression: true, severity: 'error' }]);
  });

  it('without a base nothing is called a regression and defaults hold', () => {
    const r = lintDocx(override, 'kommune.docx', settings);
    expect(r.findings.every((f) => f.regression === undefined)).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'a11y-empty-paragraphs').every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('kp-brev lint', () => {
  const good = join(dir, 'god.docx');
  const bad = join(dir, 'daarlig.docx');
  const catalog = join(dir, 'katalog.yaml');
  writeFileSync(good, wellMade());
  writeFileSync(
    bad,
    exampleDocx({
      body: ['Kære { MERGEFIELD Borger.Fornvn }', '', '', 'Læs mere { IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "Ja" "her" }'],
      title: null,
    }),
  );
  writeFileSync(catalog, CATALOG);
  const common = ['--catalog', 'katalog.yaml', '--process', 'helbredstillaegskort', '--question', 'flettespoergsmaal-10023'];

  it('exit 0 and a Danish all-clear for a clean template', () => {
    const r = kpBrev('lint', 'god.docx', ...common);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Ingen problemer fundet (1 fil).\n');
    expect(r.status).toBe(0);
  });

  it('exit 1 with errors; stylish output groups by file with place, severity, message, rule and a summary', () => {
    const r = kpBrev('lint', 'daarlig.docx', ...common);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('daarlig.docx');
    expect(r.stdout).toMatch(
      /word\/document\.xml afsnit 1 +fejl {2}Flettefeltet "Borger\.Fornvn" findes ikke i kataloget; mente du "Borger\.Fornavn"\? {2}unknown-field\n {6}\{ MERGEFIELD Borger\.Fornvn \}/,
    );
    expect(r.stdout).toMatch(/afsnit 4 +fejl {2}Flettespørgsmålet .* sammenlignes med "Ja".*question-value/);
    expect(r.stdout).toMatch(/docProps\/core\.xml +advarsel {2}Dokumentet har ingen titel\. {2}a11y-doc-title/);
    expect(lines.at(-2)).toMatch(/^✖ \d+ problemer \(\d+ fejl, \d+ advarsler?, 0 info\) i 1 af 1 fil$/);
  });

  it('--lang en speaks English', () => {
    const r = kpBrev('lint', 'daarlig.docx', ...common, '--lang', 'en');
    expect(r.stdout).toContain('The merge field "Borger.Fornvn" is not in the catalog; did you mean "Borger.Fornavn"?');
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors, /);
  });

  it('--format json follows schemas/lint-output.schema.json', () => {
    const r = kpBrev('lint', 'daarlig.docx', 'god.docx', ...common, '--format', 'json', '--base', 'god.docx');
    expect(r.status).toBe(1);
    const data = JSON.parse(r.stdout) as Array<{ file: string; findings: Array<Record<string, unknown>> }>;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(
      JSON.parse(readFileSync(join(root, 'schemas/lint-output.schema.json'), 'utf8')) as object,
    );
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.map((d) => d.file)).toEqual(['daarlig.docx', 'god.docx']);
    const unknown = data[0]!.findings.find((f) => f['rule'] === 'unknown-field')!;
    expect(unknown).toEqual({
      rule: 'unknown-field',
      severity: 'error',
      message: 'Flettefeltet "Borger.Fornvn" findes ikke i kataloget; mente du "Borger.Fornavn"?',
      location: { part: 'word/document.xml', paragraph: 1, excerpt: 'Kære', instruction: 'MERGEFIELD Borger.Fornvn' },
      regression: true,
    });
    // With --base every finding says whether it is new; the accessibility ones became errors.
    expect(data[0]!.findings.every((f) => f['regression'] === true)).toBe(true);
    expect(data[0]!.findings.filter((f) => String(f['rule']).startsWith('a11y-')).every((f) => f['severity'] === 'error')).toBe(true);
    expect(data[1]!.findings).toEqual([]);
  });

  it('--format sarif is valid SARIF 2.1.0 (the OASIS schema) and carries every finding', () => {
    const r = kpBrev('lint', 'daarlig.docx', ...common, '--format', 'sarif');
    type SarifResult = { ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> };
    const log = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: SarifResult[] }> };
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
    const json = JSON.parse(kpBrev('lint', 'daarlig.docx', ...common, '--format', 'json').stdout) as Array<{
      findings: Array<{ rule: string; severity: string }>;
    }>;
    const run = log.runs[0]!;
    expect(run.results.map((x) => x.ruleId)).toEqual(json[0]!.findings.map((f) => f.rule));
    expect(run.results.map((x) => x.level)).toEqual(json[0]!.findings.map((f) => (f.severity === 'info' ? 'note' : f.severity)));
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex]!.id).toBe(x.ruleId);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('daarlig.docx');
  });

  it('--config turns rules off and changes severities (JSON or YAML)', () => {
    writeFileSync(join(dir, 'regler.json'), JSON.stringify({ rules: { 'unknown-field': 'off', 'question-value': 'warning', 'a11y-doc-title': 'error' } }));
    const r = kpBrev('lint', 'daarlig.docx', ...common, '--config', 'regler.json', '--format', 'json');
    const findings = (JSON.parse(r.stdout) as Array<{ findings: Array<{ rule: string; severity: string }> }>)[0]!.findings;
    expect(findings.some((f) => f.rule === 'unknown-field')).toBe(false);
    expect(findings.find((f) => f.rule === 'question-value')!.severity).toBe('warning');
    expect(findings.find((f) => f.rule === 'a11y-doc-title')!.severity).toBe('error');
    writeFileSync(join(dir, 'kun-advarsler.yaml'), 'rules:\n  unknown-field: warning\n  question-value: "off"\n  a11y-doc-title: "off"\n');
    expect(kpBrev('lint', 'daarlig.docx', ...common, '--config', 'kun-advarsler.yaml').status).toBe(0);
  });

  it('exit 2 for usage errors and unreadable input, with a Danish message', () => {
    const unknownRule = join(dir, 'ukendt.json');
    writeFileSync(unknownRule, JSON.stringify({ rules: { 'a11y-kontrast': 'off' } }));
    const cases: Array<[string[], RegExp]> = [
      [['lint', 'findes-ikke.docx'], /findes-ikke\.docx/],
      [['lint', 'god.docx', '--format', 'xml'], /--format/],
      [['lint', 'god.docx', '--env', 'test'], /--env/],
      [['lint', 'god.docx', '--config', 'ukendt.json'], /a11y-kontrast/],
      [['lint', 'katalog.yaml'], /katalog\.yaml: Filen er ikke et Word-dokument/],
    ];
    for (const [args, message] of cases) {
      const r = kpBrev(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it("the README's draft override: every planted mistake found, each new against the central template", () => {
    const r = kpBrev(
      'lint',
      join(root, 'samples/lint/np_1011-kladde.docx'),
      '--base',
      join(root, 'templates/central/beskedskabeloner/np_1011.docx'),
      '--catalog',
      join(root, 'templates/catalog.yaml'),
      '--process',
      'udvidet-helbredstillaeg',
      '--variant',
      'briller,tandproteser,fodbehandling',
      '--question',
      'flettespoergsmaal-10023,flettespoergsmaal-10024,flettespoergsmaal-10026',
      '--format',
      'json',
    );
    expect(r.status).toBe(1);
    const findings = (
      JSON.parse(r.stdout) as Array<{ findings: Array<{ rule: string; severity: string; regression: boolean; location: { paragraph?: number } }> }>
    )[0]!.findings;
    expect(findings.map((f) => [f.rule, f.location.paragraph, f.severity])).toEqual([
      ['a11y-image-alt', 1, 'error'],
      ['question-not-enabled', 8, 'error'],
      ['question-value', 8, 'error'],
      ['variant-leak', 8, 'warning'],
      ['a11y-empty-paragraphs', 9, 'error'],
      ['unknown-field', 11, 'error'],
      ['a11y-empty-paragraphs', 12, 'error'],
      ['a11y-link-text', 13, 'error'],
    ]);
    expect(findings.every((f) => f.regression)).toBe(true);
  });

  it('lints a template id from a repository: the central letter and each override with its base', () => {
    const repo = join(dir, 'repo');
    cpSync(join(root, 'templates'), repo, { recursive: true });
    const r = kpBrev('lint', 'np_1011', '--templates', 'repo', '--format', 'json');
    const data = JSON.parse(r.stdout) as Array<{ file: string; findings: Array<{ rule: string; regression?: boolean }> }>;
    expect(data.map((d) => d.file.replace(/\\/g, '/'))).toEqual([
      expect.stringMatching(/central\/beskedskabeloner\/np_1011\.docx$/),
      expect.stringMatching(/540\/beskedskabeloner\/np_1011\.docx$/),
    ]);
    expect(data[0]!.findings).toEqual([]);
    expect(data[1]!.findings).toMatchObject([{ rule: 'override-outdated', regression: true }]);
    expect(r.status).toBe(0);
  });
});
