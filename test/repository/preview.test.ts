/**
 * `kp-brev preview` for a letter with more than five flettespørgsmål: the covering subset of
 * answers that src/repository/preview.ts promises (all N, all J, each question alone J, each
 * alone N), rendered for every sample case, and each letter saying what its answers say.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { previewCommand } from '../../src/cli/repo.js';
import type { Io } from '../../src/cli/io.js';
import { questionCombinations } from '../../src/repository/preview.js';
import { docx, mergeField, p, questionIf } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';

const root = join(import.meta.dirname, '../..');
const KEYS = [10023, 10024, 10025, 10026, 10027, 10028].map((n) => `flettespoergsmaal-${n}`);
/** The text each question puts in when answered J, and the one it puts in when answered N. */
const yes = (k: string): string => `Svar ja på ${k}.`;
const no = (k: string): string => `Svar nej på ${k}.`;

/** The sample repository plus np_test, a letter enabling six questions, with two sample cases. */
function fixture(): { dir: string; templates: string; samples: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-preview-'));
  const templates = join(dir, 'templates');
  const samples = join(dir, 'samples', 'sager');
  cpSync(join(root, 'templates'), templates, { recursive: true });
  writeFileSync(
    join(templates, 'central/beskedskabeloner/np_test.docx'),
    docx([p('Kære ', mergeField('Borger.Fornavn')), ...KEYS.map((k) => p(questionIf(k, yes(k), no(k)))), p('Slut på brevet.')]),
  );
  const manifest = join(templates, 'manifest.yaml');
  const data = parse(readFileSync(manifest, 'utf8')) as { beskedskabeloner: Array<Record<string, unknown>> };
  data.beskedskabeloner.push({
    id: 'np_test',
    file: 'central/beskedskabeloner/np_test.docx',
    title: 'Prøvebrev med seks flettespørgsmål',
    master: 'danish_citizen',
    questions: KEYS,
    processes: ['udvidet-helbredstillaeg'],
    documentType: 'Anmodning',
    version: 1,
  });
  writeFileSync(manifest, stringify(data));
  mkdirSync(join(samples, 'np_test'), { recursive: true });
  for (const name of ['fatima-briller', 'karen-fodbehandling']) {
    copyFileSync(join(root, 'samples/sager/np_1011', `${name}.json`), join(samples, 'np_test', `${name}.json`));
  }
  return { dir, templates, samples };
}

type Answers = Record<string, 'J' | 'N'>;
const key = (a: Answers): string => KEYS.map((k) => a[k]).join('');

describe('preview of a letter with more than five flettespørgsmål', () => {
  it('renders the covering subset for every sample case, and each letter follows its answers', async () => {
    const { dir, templates, samples } = fixture();
    let out = '';
    const io: Io = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), cwd: dir };
    const code = await previewCommand('np_test', { templates, samples, out: 'vis' }, io, 'da');
    expect(code).toBe(0);
    const outDir = join(dir, 'vis');
    expect(out).toContain(`28 breve dannet i vis (2 sager × 14 kombinationer af flettespørgsmål). Se ${join('vis', 'index.html')}.`);
    expect(out).toContain('Ingen af brevene mangler felter eller svar på flettespørgsmål.');

    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as {
      questions: string[];
      letters: Array<{ file: string; case: string; answers: Answers; warnings: string[]; error?: string }>;
    };
    expect(index.questions).toEqual(KEYS);
    expect(index.letters).toHaveLength(28);

    // What the doc comment promises, exactly: all N, all J, each question alone J, each alone N.
    const allN = Object.fromEntries(KEYS.map((k) => [k, 'N'])) as Answers;
    const allJ = Object.fromEntries(KEYS.map((k) => [k, 'J'])) as Answers;
    const promised = [allN, allJ, ...KEYS.map((k) => ({ ...allN, [k]: 'J' })), ...KEYS.map((k) => ({ ...allJ, [k]: 'N' }))] as Answers[];
    for (const c of ['fatima-briller', 'karen-fodbehandling']) {
      const letters = index.letters.filter((l) => l.case === c);
      expect(letters.map((l) => key(l.answers))).toEqual(promised.map(key));
      expect(new Set(letters.map((l) => key(l.answers))).size).toBe(14);
      // Every question is seen J and N, and each answer both alone and in company.
      for (const k of KEYS) {
        expect(letters.filter((l) => l.answers[k] === 'J').length).toBeGreaterThanOrEqual(2);
        expect(letters.filter((l) => l.answers[k] === 'N').length).toBeGreaterThanOrEqual(2);
      }
    }

    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(28);

    for (const letter of index.letters) {
      expect(letter.error).toBeUndefined();
      expect(letter.warnings).toEqual([]);
      expect(letter.file).toMatch(new RegExp(`^${letter.case}__\\d{2}\\.docx$`));
      expect(existsSync(join(outDir, letter.file))).toBe(true);
      const doc = openDocx(readFileSync(join(outDir, letter.file)));
      const texts = doc.texts();
      for (const k of KEYS) {
        expect(texts.includes(yes(k)), `${letter.file} ${k}=${letter.answers[k]}`).toBe(letter.answers[k] === 'J');
        expect(texts.includes(no(k)), `${letter.file} ${k}=${letter.answers[k]}`).toBe(letter.answers[k] === 'N');
      }
      expect(texts).toContain(letter.case.startsWith('fatima') ? 'Kære Fatima' : 'Kære Karen');
      expect(texts).toContain('Slut på brevet.');
      expect(doc.fieldInstructions().filter((i) => /^(MERGEFIELD|IF)/.test(i))).toEqual([]);
    }
  });

  it('questionCombinations: every combination up to five questions, the covering subset beyond', () => {
    expect(questionCombinations(KEYS.slice(0, 5))).toHaveLength(32);
    const seven = [...KEYS, 'flettespoergsmaal-10031'];
    const combos = questionCombinations(seven);
    expect(combos).toHaveLength(2 + 2 * 7);
    expect(new Set(combos.map((a) => seven.map((k) => a[k]).join(''))).size).toBe(16);
    for (const k of seven) {
      // Alone J (all others N) and alone N (all others J).
      expect(combos.some((a) => a[k] === 'J' && seven.every((o) => o === k || a[o] === 'N'))).toBe(true);
      expect(combos.some((a) => a[k] === 'N' && seven.every((o) => o === k || a[o] === 'J'))).toBe(true);
    }
  });
});
