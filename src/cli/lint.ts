/**
 * `kp-brev lint <file.docx | template id | templates dir>... [--catalog <file>] [--process <id>]...
 * [--variant <id>]... [--question <key>]... [--env training|production] [--base <central.docx>]
 * [--format stylish|json|sarif] [--lang da|en] [--config <file>]`
 *
 * A .docx that lies in a template repository is linted with the manifest's settings for it
 * (processes, variants, enabled questions, base of an override); flags given explicitly
 * override them. Exit 0: no errors; 1: at least one error; 2: usage error or unreadable input
 * (the other files are still checked and reported).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { formatDiagnostic, inputError, KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { LintMemo, lintDocx, type FileResult, type LintSource } from '../lint/engine.js';
import { formatJson } from '../lint/formatters/json.js';
import { formatSarif } from '../lint/formatters/sarif.js';
import { formatStylish } from '../lint/formatters/stylish.js';
import { RULES } from '../lint/rules/index.js';
import { fileTarget, idTargets, isRepositoryDir, looseTarget, repositoryDirOf, repositoryTargets, type LintTarget } from '../lint/targets.js';
import { LoadedTemplates, loadedTemplates } from '../lint/loaded-templates.js';
import type { LintConfig, LintSettings, RuleSetting } from '../lint/types.js';
import { parseContextText } from '../context/context.js';
import { loadCatalogFile } from '../repository/catalog.js';
import { parseYaml } from '../repository/data-file.js';
import type { Catalog } from '../template/catalog-types.js';
import { findManifest } from '../repository/manifest.js';
import { RepositoryIndex, unknownTemplate } from '../repository/repository-index.js';
import { nearest } from '../suggest.js';
import { readInput } from './files.js';
import type { Io } from './io.js';

/** A usage error for an id the catalog does not know, with the nearest known one when it is near. */
function unknownId(code: 'unknown-process' | 'unknown-variant', id: string, catalog: Catalog, known: string[]): KpBrevError {
  const suggestion = nearest(id, known);
  const params = { id, catalog: catalog.file, known: known.join(', ') || '–', ...(suggestion ? { suggestion } : {}) };
  return new KpBrevError('input', [registeredDiagnostic(`lint.cli.${code}${suggestion ? '-hint' : ''}`, params, undefined, 'error')]);
}

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadLintConfig(path: string, io: Io): LintConfig {
  const text = Buffer.from(readInput(path, io.cwd)).toString('utf8');
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch {
    throw inputError('lint.config', { file: path, detail: 'YAML/JSON' });
  }
  // An object, whose `rules` (if any) is an object of rule id -> setting.
  if (!isObject(data) || (data['rules'] !== undefined && !isObject(data['rules']))) {
    throw inputError('lint.config', { file: path, detail: '{ "rules": { "<regel>": "off" } }' });
  }
  for (const [id, value] of Object.entries((data['rules'] as Record<string, unknown> | undefined) ?? {})) {
    if (!RULES.some((r) => r.meta.id === id)) throw inputError('lint.config-rule', { file: path, rule: id });
    if (!SETTINGS.includes(value as RuleSetting)) throw inputError('lint.config', { file: path, detail: `${id}: ${String(value)}` });
  }
  return data as LintConfig;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** --process and --variant must name what the catalog knows. */
function checkIds(catalog: Catalog, processes: string[], variants: string[]): void {
  if (!catalog.processes.size) return;
  const known = [...catalog.processes.keys()];
  for (const id of processes) if (!catalog.processes.has(id)) throw unknownId('unknown-process', id, catalog, known);
  const knownVariants = [...new Set([...catalog.processes.values()].flatMap((p) => p.variants.map((v) => v.id)))];
  for (const id of variants) if (!knownVariants.includes(id)) throw unknownId('unknown-variant', id, catalog, knownVariants);
}

export async function lintCommand(targets: string[], opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const env = (opts['env'] as LintSettings['env'] | undefined) ?? 'production';
  const config = opts['config'] ? loadLintConfig(String(opts['config']), io) : {};
  const catalogOpt: Catalog | undefined = opts['catalog'] ? loadCatalogFile(resolve(io.cwd, String(opts['catalog'])), String(opts['catalog'])) : undefined;
  const samplesDir = resolve(io.cwd, String(opts['samples'] ?? 'samples/sager'));
  const templatesDir = resolve(io.cwd, String(opts['templates'] ?? process.env['KP_BREV_TEMPLATES'] ?? 'templates'));
  const sample = opts['sample'] ? parseContextText(Buffer.from(readInput(String(opts['sample']), io.cwd)).toString('utf8'), String(opts['sample'])) : undefined;
  const repos = new Map<string, RepositoryIndex>();
  const repository = (dir: string): RepositoryIndex => {
    let r = repos.get(dir);
    if (!r) repos.set(dir, (r = RepositoryIndex.open(dir)));
    return r;
  };
  // Flags given explicitly: they describe a loose file, and override a repository file's manifest.
  const flags: Partial<LintSettings> = {
    ...(opts['process'] !== undefined ? { processes: list(opts['process']) } : {}),
    ...(opts['variant'] !== undefined ? { variants: list(opts['variant']) } : {}),
    ...(opts['question'] !== undefined ? { questions: list(opts['question']) } : {}),
    ...(sample ? { sample } : {}),
  };
  // --base: when the base lies in a template repository, it is judged with its manifest's settings.
  const basePath = opts['base'] ? resolve(io.cwd, String(opts['base'])) : undefined;
  const baseDir = basePath && existsSync(basePath) ? repositoryDirOf(basePath) : undefined;
  const baseRepo = baseDir ? repository(baseDir) : undefined;
  const baseOwn = basePath && baseRepo ? fileTarget(baseRepo, basePath, catalogOpt ?? baseRepo.catalog, env, samplesDir) : undefined;
  const base = basePath ? { path: basePath, file: String(opts['base']), ...(baseOwn ? { settings: baseOwn.settings } : {}) } : undefined;
  const withFlags = (t: LintTarget): LintTarget => ({ ...t, settings: { ...t.settings, ...flags }, ...(base ? { base } : {}) });

  const work: LintTarget[] = [];
  for (const target of targets) {
    const path = resolve(io.cwd, target);
    if (existsSync(path) && statSync(path).isDirectory()) {
      if (!findManifest(path)) throw inputError('repo.no-repository', { dir: target, file: 'manifest.yaml' });
      const r = repository(path);
      work.push(...repositoryTargets(r, catalogOpt ?? r.catalog, env, samplesDir));
    } else if (existsSync(path) || target.toLowerCase().endsWith('.docx')) {
      // A file of a template repository is linted as the repository sees it; any other with the
      // catalog of the repository above it or in the working folder.
      const ignored: string[] = [];
      const dir = existsSync(path) ? repositoryDirOf(path, ignored) : undefined;
      const r = dir ? repository(dir) : undefined;
      const own = r ? fileTarget(r, path, catalogOpt ?? r.catalog, env, samplesDir) : undefined;
      if (own) {
        work.push(withFlags({ ...own, file: target }));
        continue;
      }
      const near = r ?? (isRepositoryDir(templatesDir) ? repository(templatesDir) : undefined);
      work.push(withFlags(looseTarget(target, path, { repo: near, catalog: catalogOpt ?? near?.catalog, explicit: catalogOpt !== undefined, ignored }, env)));
    } else {
      const r = repository(templatesDir);
      const found = idTargets(r, target, catalogOpt ?? r.catalog, env, samplesDir);
      if (!found)
        throw unknownTemplate(
          target,
          [...r.central.beskedskabeloner, ...(r.central.masters ?? []), ...(r.central.indholdselementer ?? [])].map((t) => t.id),
        );
      work.push(...found);
    }
  }
  // (Only flags name processes and variants to check: without them the targets' settings are
  // not read here, but when each is judged, see src/lint/targets.ts.)
  if (flags.processes?.length || flags.variants?.length) {
    for (const catalog of new Set([catalogOpt, ...work.map((t) => t.settings.catalog)])) {
      if (catalog) checkIds(catalog, flags.processes ?? [], flags.variants ?? []);
    }
  }

  // A file that cannot be read or is no Word document is reported; the others still are. Each
  // central template is judged once, however many overrides are compared with it, and a file
  // is loaded once for its settings and its findings.
  const results: FileResult[] = [];
  const failures: string[] = [];
  const memo = new LintMemo();
  const loose = new LoadedTemplates();
  // A repository's files through the templates its targets' settings loaded (the same loads).
  const source = (path: string, file: string): LintSource => {
    const repo = [...repos.values()].find((r) => path.startsWith(r.dir + sep));
    const loaded = repo ? loadedTemplates(repo) : loose;
    return () => loaded.load(path, file, () => readFileOf(path, file, io));
  };
  const progress = lintProgress(io, work.length, lang);
  for (const [i, t] of work.entries()) {
    progress(i);
    try {
      const baseSource = t.base
        ? { bytes: source(t.base.path, t.base.file), file: t.base.file, ...(t.base.settings ? { settings: t.base.settings } : {}) }
        : undefined;
      const result = lintDocx(source(t.path, t.file), t.file, t.settings, config, baseSource, memo);
      const notices = [...(t.notices ?? []), ...(result.notices ?? [])];
      results.push(notices.length ? { ...result, notices } : result);
    } catch (err) {
      if (!(err instanceof KpBrevError)) throw err;
      failures.push(...err.diagnostics.map((d) => formatDiagnostic(d, lang)));
    }
  }
  progress(work.length);

  if (results.length || !failures.length) {
    const format = String(opts['format'] ?? 'stylish');
    if (format === 'json') io.stdout(formatJson(results, lang));
    else if (format === 'sarif') io.stdout(formatSarif(results, lang));
    else io.stdout(formatStylish(results, lang, io.color ?? false));
  }
  if (failures.length) {
    io.stderr(failures.join('\n') + '\n');
    return 2;
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * A progress line for long runs, on a terminal only (stderr): drawn after the first second,
 * redrawn at most ten times a second, and wiped at the end, so the report itself is the same.
 */
function lintProgress(io: Io, total: number, lang: Lang): (done: number) => void {
  if (!io.stderrTty || total < 2) return () => undefined;
  const started = Date.now();
  let drawn = 0;
  return (done) => {
    const now = Date.now();
    if (done >= total) {
      if (drawn) io.stderr('\r\x1b[K');
      return;
    }
    if (now - started < 1000 || now - drawn < 100) return;
    drawn = now;
    io.stderr(`\r${formatMessage('lint.cli.progress', { done, total, percent: Math.floor((100 * done) / total) }, lang)}\x1b[K`);
  };
}

/** Reads a file, naming it as the user knows it in the message when it cannot be read. */
function readFileOf(path: string, shown: string, io: Io): Uint8Array {
  try {
    return readInput(path, io.cwd);
  } catch {
    throw inputError('cli.file-not-found', { file: shown });
  }
}
