/**
 * Linter benchmark (issue 4): one typical letter (np_1004: 4 questions, a variant IF, an
 * Html flettetekst, headings) linted from its bytes after start-up, and the whole sample
 * repository (every letter, master, content element and override, overrides with their base)
 * as `kp-brev lint templates` does it. Targets: one letter <= 50 ms median, repository <= 1 s.
 * The baseline row is loadTemplate alone: the share of linting that is reading the .docx.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemplate } from '../src/template/template.js';
import { lintDocx } from '../src/lint/engine.js';
import { letterTargets, repositoryTargets } from '../src/lint/targets.js';
import { TemplateRepository } from '../src/repository/repository.js';
import { measure, table } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const root = join(import.meta.dirname, '..');
const repo = TemplateRepository.open(join(root, 'templates'));
const samples = join(root, 'samples/sager');
const letter = letterTargets(repo, 'np_1004', repo.catalog, 'production', samples)[0]!;
const letterBytes = readFileSync(letter.path);

const load = measure('loadTemplate np_1004 (baseline)', () => loadTemplate(letterBytes, { name: letter.file }), Math.max(50, RUNS / 5), 20);
const one = measure('lint np_1004', () => lintDocx(letterBytes, letter.file, letter.settings), Math.max(50, RUNS / 5), 20);
const wholeRepo = measure(
  'lint templates/ (whole repository)',
  () => {
    const r = TemplateRepository.open(join(root, 'templates'));
    const targets = repositoryTargets(r, r.catalog, 'production', samples);
    let findings = 0;
    for (const t of targets) {
      const base = t.base ? { bytes: readFileSync(t.base.path), file: t.base.file } : undefined;
      findings += lintDocx(readFileSync(t.path), t.file, t.settings, {}, base).findings.length;
    }
    return findings;
  },
  Math.max(10, RUNS / 50),
  3,
);
const count = repositoryTargets(repo, repo.catalog, 'production', samples).length;
console.log(`Lint: np_1004 is ${letterBytes.length} bytes; the repository has ${count} templates to lint; node ${process.version}\n`);
console.log(table([load, one, wholeRepo], load).replace('letters/s', 'runs/s'));
console.log(
  `\nTargets: one letter median <= 50 ms: ${one.median <= 50 ? 'met' : 'NOT met'} (${one.median.toFixed(2)} ms); whole repository <= 1 s: ${wholeRepo.median <= 1000 ? 'met' : 'NOT met'} (${wholeRepo.median.toFixed(1)} ms).`,
);
