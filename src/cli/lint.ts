/**
 * `kp-brev lint <file.docx | template id | templates dir>... [--catalog <file>] [--process <id>]...
 * [--variant <id>]... [--question <key>]... [--env training|production] [--base <central.docx>]
 * [--format stylish|json|sarif] [--lang da|en] [--config <file>]`
 *
 * Exit 0: no errors; 1: at least one error; 2: usage error or unreadable input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { inputError } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { lintDocx, defaultSettings, type FileResult } from '../lint/engine.js';
import { formatJson } from '../lint/formatters/json.js';
import { formatSarif } from '../lint/formatters/sarif.js';
import { formatStylish } from '../lint/formatters/stylish.js';
import { RULES } from '../lint/rules/index.js';
import { letterTargets, repositoryTargets, type LintTarget } from '../lint/targets.js';
import type { LintConfig, LintSettings, RuleSetting } from '../lint/types.js';
import { parseContextText } from '../context/context.js';
import { loadCatalogFile, type Catalog } from '../repository/catalog.js';
import { findManifest } from '../repository/manifest.js';
import { TemplateRepository } from '../repository/repository.js';
import { readInput } from './files.js';
import type { Io } from './main.js';

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];

export function loadLintConfig(path: string, io: Io): LintConfig {
  const text = Buffer.from(readInput(path, io.cwd)).toString('utf8');
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    throw inputError('lint.config', { file: path, detail: 'YAML/JSON' });
  }
  const rules = (data as LintConfig | null)?.rules;
  if (data === null || typeof data !== 'object' || (rules !== undefined && (typeof rules !== 'object' || rules === null))) {
    throw inputError('lint.config', { file: path, detail: '{ "rules": { "<regel>": "off" } }' });
  }
  for (const [id, value] of Object.entries(rules ?? {})) {
    if (!RULES.some((r) => r.meta.id === id)) throw inputError('lint.config-rule', { file: path, rule: id });
    if (!SETTINGS.includes(value as RuleSetting)) throw inputError('lint.config', { file: path, detail: `${id}: ${String(value)}` });
  }
  return data as LintConfig;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

export async function lintCommand(targets: string[], opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const env = (opts['env'] as LintSettings['env'] | undefined) ?? 'production';
  const config = opts['config'] ? loadLintConfig(String(opts['config']), io) : {};
  const catalogOpt: Catalog | undefined = opts['catalog'] ? loadCatalogFile(resolve(io.cwd, String(opts['catalog'])), String(opts['catalog'])) : undefined;
  const samplesDir = resolve(io.cwd, String(opts['samples'] ?? 'samples/sager'));
  const sample = opts['sample'] ? parseContextText(Buffer.from(readInput(String(opts['sample']), io.cwd)).toString('utf8'), String(opts['sample'])) : undefined;
  let repo: TemplateRepository | undefined;
  const repository = (dir: string): TemplateRepository => (repo && repo.dir === dir ? repo : (repo = TemplateRepository.open(dir)));

  const work: LintTarget[] = [];
  for (const target of targets) {
    const path = resolve(io.cwd, target);
    if (existsSync(path) && statSync(path).isDirectory()) {
      if (!findManifest(path)) throw inputError('repo.no-repository', { dir: target, file: 'manifest.yaml' });
      const r = repository(path);
      work.push(...repositoryTargets(r, catalogOpt ?? r.catalog, env, samplesDir));
    } else if (existsSync(path) || target.toLowerCase().endsWith('.docx')) {
      const settings = defaultSettings({
        ...(catalogOpt ? { catalog: catalogOpt } : {}),
        processes: list(opts['process']),
        variants: list(opts['variant']),
        ...(opts['question'] !== undefined ? { questions: list(opts['question']) } : {}),
        env,
        ...(sample ? { sample } : {}),
      });
      const base = opts['base'] ? { path: resolve(io.cwd, String(opts['base'])), file: String(opts['base']) } : undefined;
      work.push({ file: target, path, settings, ...(base ? { base } : {}) });
    } else {
      const r = repository(resolve(io.cwd, String(opts['templates'] ?? process.env['KP_BREV_TEMPLATES'] ?? 'templates')));
      work.push(...letterTargets(r, target, catalogOpt ?? r.catalog, env, samplesDir));
    }
  }

  const results: FileResult[] = [];
  for (const t of work) {
    const bytes = readInput(t.path, io.cwd);
    const base = t.base ? { bytes: readInput(t.base.path, io.cwd), file: t.base.file } : undefined;
    results.push(lintDocx(bytes, t.file, t.settings, config, base));
  }

  const format = String(opts['format'] ?? 'stylish');
  if (format === 'json') io.stdout(formatJson(results, lang));
  else if (format === 'sarif') io.stdout(formatSarif(results, lang));
  else io.stdout(formatStylish(results, lang, io.color ?? false));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
