/**
 * The template repository: manifests and catalog validated with clear errors, overrides and
 * their status, the catalog enforced when rendering, and compiled letters cached per version.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KpBrevError } from '../../src/index.js';
import { parseCatalog } from '../../src/repository/catalog.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { shown } from '../../src/repository/repository-index.js';
import { toContext } from '../../src/context/context.js';
import { docx, mergeField, p, field } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { danishError } from '../helpers/errors.js';

const root = join(import.meta.dirname, '../..');

/** A copy of the sample repository to change. */
function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-repo-'));
  cpSync(join(root, 'templates'), dir, { recursive: true });
  return dir;
}

function editYaml(file: string, edit: (data: Record<string, unknown>) => void): void {
  const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(file, stringify(data));
}

type Letter = Record<string, unknown>;

describe('manifest errors name the file, the entry, the line and the problem', () => {
  it('a missing required field', () => {
    const dir = copyRepo();
    editYaml(join(dir, 'manifest.yaml'), (d) => delete ((d['beskedskabeloner'] as Letter[])[2] as Letter)['master']);
    expect(danishError(() => TemplateRepository.open(dir))).toMatch(
      /manifest\.yaml, linje \d+, kolonne 1: beskedskabeloner\[2\] "np_1003" mangler feltet "master"\./,
    );
  });

  it('an unknown document type and a typo in a key', () => {
    const dir = copyRepo();
    editYaml(join(dir, 'manifest.yaml'), (d) => {
      const letters = d['beskedskabeloner'] as Letter[];
      letters[0]!['documentType'] = 'Brev';
      letters[1]!['titel'] = 'stavefejl';
    });
    const text = danishError(() => TemplateRepository.open(dir));
    expect(text).toContain('beskedskabeloner[0] "np_1001": "documentType" skal være en af: Anmodning, Afgørelse, Oplysninger, Orientering.');
    expect(text).toContain('beskedskabeloner[1] "np_1002" har det ukendte felt "titel" (stavefejl?).');
  });

  it('references to a master or content element that does not exist, and a missing file', () => {
    const dir = copyRepo();
    editYaml(join(dir, 'manifest.yaml'), (d) => {
      const letters = d['beskedskabeloner'] as Letter[];
      letters[0]!['master'] = 'ukendt_master';
      letters[0]!['indholdselementer'] = ['kontakt', 'ukendt'];
      letters[1]!['file'] = 'central/beskedskabeloner/findes-ikke.docx';
    });
    const text = danishError(() => TemplateRepository.open(dir));
    expect(text).toContain('beskedskabeloner[0] "np_1001" henviser til masterskabelon "ukendt_master", som ikke findes.');
    expect(text).toContain('beskedskabeloner[0] "np_1001" henviser til indholdselement "ukendt", som ikke findes.');
    expect(text).toContain('beskedskabeloner[1] "np_1002" henviser til filen central/beskedskabeloner/findes-ikke.docx, som ikke findes.');
  });

  it('invalid YAML with its line', () => {
    const dir = copyRepo();
    writeFileSync(join(dir, 'manifest.yaml'), 'beskedskabeloner:\n  - id: np_1\n   file: x\n');
    expect(danishError(() => TemplateRepository.open(dir))).toMatch(/manifest\.yaml, linje 3, kolonne \d+: Filen er ikke gyldig YAML\/JSON/);
  });

  it("an override of a template that does not exist, or of another id's version", () => {
    const dir = copyRepo();
    editYaml(join(dir, 'kommuner/540/manifest.yaml'), (d) => {
      const o = d['overrides'] as Letter[];
      o[0]!['basedOn'] = 'np_9999@1';
      o.push({ kind: 'beskedskabelon', id: 'np_9999', basedOn: 'np_9999@1', version: 1, file: 'beskedskabeloner/np_1011.docx' });
    });
    const text = danishError(() => TemplateRepository.open(dir));
    expect(text).toContain('overskrivningen af beskedskabelon "np_1011" bygger på "np_9999@1", men den centrale hedder "np_1011@3"');
    expect(text).toContain('henviser til central beskedskabelon "np_9999", som ikke findes');
  });
});

describe('catalog', () => {
  it('accepts the contract form with extra keys and optional names', () => {
    const c = parseCatalog(
      'processes:\n  - id: udvidet-helbredstillaeg\n    name: Udvidet helbredstillæg\n    owner: KP\n    variants:\n      - id: fodbehandling\n        terms: [fodbehandling, fodterapeut]\n  - id: personligt-tillaeg\nfields:\n  - name: Borger.Fornavn\n    processes: "*"\n  - name: Raadighedsberegning.Beloeb\n    type: beloeb\n    processes: [personligt-tillaeg]\nquestions:\n  - key: flettespoergsmaal-10023\n    text: Mangler kopi af regningen\n    default: N\n    env: production\n',
    );
    expect(c.processes.get('udvidet-helbredstillaeg')!.variants[0]!.terms).toEqual(['fodbehandling', 'fodterapeut']);
    expect(c.fields.get('Borger.Fornavn')).toEqual({ name: 'Borger.Fornavn', type: 'tekst', processes: '*' });
    expect(c.questions.get('flettespoergsmaal-10023')!.default).toBe('N');
  });

  it('names the entry and the problem', () => {
    expect(danishError(() => parseCatalog('fields:\n  - name: X\n    type: penge\n    processes: "*"\n', 'katalog.yaml'))).toContain(
      'katalog.yaml, linje 3, kolonne 1: fields[0] "X": "type" skal være en af: tekst, beloeb, dato, procent, cpr.',
    );
    expect(danishError(() => parseCatalog('processes:\n  - id: a\nfields:\n  - name: X\n    processes: [b]\n', 'katalog.yaml'))).toContain(
      'henviser til proces "b", som ikke findes',
    );
  });
});

describe('rendering with the catalog', () => {
  const repo = TemplateRepository.open(join(root, 'templates'));
  const base = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as {
    process: string;
    fields: Record<string, unknown>;
    questions: Record<string, string>;
  };

  it('formats amounts, dates and percentages by their type, but compares raw values in conditions', () => {
    const text = openDocx(repo.compile('np_1004').template.render(toContext(base)).docx)
      .texts()
      .join('\n');
    expect(text).toContain('Dato: 12. januar 2026');
    expect(text).toContain('Du kan højst få 21.528,00 kr. i tilskud om året.');
    expect(text).toContain('Din personlige tillægsprocent er 85 %. Derfor dækker kortet en del');
  });

  it("names the part a missing field is in: the beskedskabelon, an indholdselement or the masterskabelon, at that part's own paragraph", () => {
    const fields = { ...base.fields };
    delete fields['Bevilling'];
    delete fields['Afsender'];
    const err = (() => {
      try {
        repo.compile('np_1004', '540').template.render(toContext({ ...base, fields }));
      } catch (e) {
        return e as KpBrevError;
      }
      throw new Error('the letter was made');
    })();
    const at = (field: string) =>
      err.diagnostics.filter((d) => d.params['field'] === field).map((d) => [d.location?.template, d.location?.part, d.location?.paragraph]);
    // np_1004 is central for 540 (no override): the place in templates/central/beskedskabeloner/np_1004.docx.
    expect(at('Bevilling.Fra')).toEqual([['np_1004', 'word/document.xml', 3]]);
    expect(at('Bevilling.Maksimum')).toEqual([['np_1004', 'word/document.xml', 19]]);
    // Sønderborg's own content element "kontakt", and the master's letterhead and footer.
    expect(at('Afsender.Telefon')).toEqual(
      expect.arrayContaining([
        ['indholdselement kontakt (kommune 540)', 'word/document.xml', 2],
        ['masterskabelon danish_citizen', 'word/footer1.xml', 1],
      ]),
    );
    expect(at('Afsender.Afdeling')).toEqual([['masterskabelon danish_citizen', 'word/header1.xml', 3]]);
  });

  it('refuses a case from another process', () => {
    expect(danishError(() => repo.compile('np_1004').template.render(toContext({ ...base, process: 'personligt-tillaeg' })))).toContain(
      'Sagen er i processen "personligt-tillaeg", men skabelonen bruges kun i: helbredstillaegskort.',
    );
    expect(danishError(() => repo.compile('np_1004').template.render(toContext({ ...base, process: undefined })))).toContain('siger ikke hvilken proces');
  });

  it('refuses a field the process does not provide, even when the case carries it', () => {
    const dir = copyRepo();
    writeFileSync(
      join(dir, 'central/beskedskabeloner/np_test.docx'),
      docx([p('Kære ', mergeField('Borger.Fornavn')), p('Dit rådighedsbeløb er ', mergeField('Raadighedsberegning.Beloeb'), '.')]),
    );
    editYaml(join(dir, 'manifest.yaml'), (d) => {
      (d['beskedskabeloner'] as Letter[]).push({
        id: 'np_test',
        file: 'central/beskedskabeloner/np_test.docx',
        title: 'Test',
        master: 'danish_citizen',
        processes: ['helbredstillaegskort'],
        documentType: 'Orientering',
        version: 1,
      });
    });
    const local = TemplateRepository.open(dir);
    const context = { ...base, fields: { ...base.fields, Raadighedsberegning: { Beloeb: 4000 } } };
    const text = danishError(() => local.compile('np_test').template.render(toContext(context)));
    expect(text).toContain(
      'Flettefeltet "Raadighedsberegning.Beloeb" findes ikke i processen "helbredstillaegskort" (kontekstafhængigt flettefelt), selv om sagskonteksten har en værdi.',
    );
  });

  it('refuses a field that is not in the catalog', () => {
    const dir = copyRepo();
    writeFileSync(join(dir, 'central/beskedskabeloner/np_test.docx'), docx([p(field(' MERGEFIELD Borger.Skonummer '))]));
    editYaml(join(dir, 'manifest.yaml'), (d) => {
      (d['beskedskabeloner'] as Letter[]).push({
        id: 'np_test',
        file: 'central/beskedskabeloner/np_test.docx',
        title: 'Test',
        master: 'danish_citizen',
        processes: ['helbredstillaegskort'],
        documentType: 'Orientering',
        version: 1,
      });
    });
    expect(
      danishError(() =>
        TemplateRepository.open(dir)
          .compile('np_test')
          .template.render(toContext({ ...base, fields: { ...base.fields, Borger: { Skonummer: 42 } } })),
      ),
    ).toContain('Flettefeltet "Borger.Skonummer" findes ikke i kataloget.');
  });

  it('uses the catalog default for an unanswered question, and refuses one without a default', () => {
    const dir = copyRepo();
    editYaml(join(dir, 'catalog.yaml'), (d) => {
      for (const q of d['questions'] as Letter[]) if (q['key'] === 'flettespoergsmaal-10031') q['default'] = 'J';
      for (const q of d['questions'] as Letter[]) if (q['key'] === 'flettespoergsmaal-10033') delete q['default'];
    });
    const local = TemplateRepository.open(dir);
    const questions = { ...base.questions };
    delete questions['flettespoergsmaal-10031'];
    const withDefault = openDocx(local.compile('np_1004').template.render(toContext({ ...base, questions })).docx)
      .texts()
      .join('\n');
    expect(withDefault).toContain('Vi har beregnet din formue');
    delete questions['flettespoergsmaal-10033'];
    expect(danishError(() => local.compile('np_1004').template.render(toContext({ ...base, questions })))).toContain(
      'Flettespørgsmålet "flettespoergsmaal-10033" er ikke besvaret og har intet standardsvar',
    );
  });
});

describe('overrides, status and cache', () => {
  it('lists central templates and overrides with their status', () => {
    const repo = TemplateRepository.open(join(root, 'templates'));
    const status = Object.fromEntries(repo.list('540').map((r) => [`${r.kind}:${r.id}`, r.status]));
    expect(status['beskedskabelon:np_1011']).toBe('outdated');
    expect(status['indholdselement:kontakt']).toBe('overridden');
    expect(status['beskedskabelon:np_1004']).toBe('central');
    expect(repo.list().every((r) => r.status === 'central')).toBe(true);
    expect(repo.letter('np_1011', '540').questions).toHaveLength(4);
    expect(repo.letter('np_1011').questions).toHaveLength(5);
  });

  it('compiles a letter once per version of what goes into it', () => {
    const dir = copyRepo();
    const repo = TemplateRepository.open(dir);
    const a = repo.compile('np_1004');
    expect(repo.compile('np_1004')).toBe(a);
    expect(repo.compile('np_1004', '540')).not.toBe(a); // kontakt is overridden in 540
    const reopened = (() => {
      editYaml(join(dir, 'manifest.yaml'), (d) => {
        const k = (d['indholdselementer'] as Letter[]).find((e) => e['id'] === 'klagevejledning')!;
        k['version'] = 4;
      });
      return TemplateRepository.open(dir);
    })();
    expect(reopened.compile('np_1004').def.versionKey).not.toBe(a.def.versionKey);
  });

  it('refuses an unknown template, and a kommunekode that is not one', () => {
    const repo = TemplateRepository.open(join(root, 'templates'));
    expect(danishError(() => repo.letter('np_0000'))).toContain('Skabelonen "np_0000" findes ikke.');
    expect(danishError(() => repo.letter('np_1011', '../540'))).toContain('Kommunen ../540 findes ikke i skabelonarkivet');
  });
});

describe('paths in messages', () => {
  it('are relative to the working folder when inside it, as path.relative makes them (property)', () => {
    const cwd = process.cwd();
    const segment = fc.constantFrom('a', 'b.docx', '.', '..', '', '...', '.x', '..y', 'æø å', 'kommuner', '101');
    const path = fc
      .tuple(fc.constantFrom(cwd, `${cwd}/`, `${cwd}x`, '/', '/tmp', 'rel', ''), fc.array(segment, { maxLength: 5 }))
      .map(([start, rest]) => [start, ...rest].join('/'));
    fc.assert(
      fc.property(path, (p) => {
        const rel = relative(cwd, p);
        expect(shown(p)).toBe(rel && !rel.startsWith('..') ? rel : p);
      }),
      { numRuns: 3000 },
    );
    expect(shown(join(cwd, 'templates/manifest.yaml'))).toBe('templates/manifest.yaml');
  });
});
