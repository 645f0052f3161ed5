/**
 * What to lint, and with which settings: a loose .docx (settings from flags), a template id
 * (the central template and every municipality's override of it), a file of a repository, or a
 * whole repository. Repository templates take their processes, variants, enabled questions and,
 * for overrides, their base from the manifests.
 *
 * A letter is judged together with the parts that go into it: a flettespørgsmål its master or
 * a content element uses counts as used by the letter, and a content element or master is told
 * which letters use it and which questions each has enabled.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseContextText, type CaseContext } from '../context/context.js';
import type { Catalog } from '../template/catalog-types.js';
import type { Diagnostic } from '../diagnostics.js';
import { findManifest, manifestKind, type BeskedskabelonDef } from '../repository/manifest.js';
import { shown, type LetterDef, type RepositoryIndex } from '../repository/repository-index.js';
import { loadedTemplates } from './loaded-templates.js';
import { defaultSettings } from './engine.js';
import { inCachedResult, mergeFieldName, questionKey } from './helpers.js';
import { notice } from './notices.js';
import type { LintSettings, PartUser } from './types.js';
import { elementKeyOf, htmlName } from '../fieldcode/names.js';

export interface LintTarget {
  file: string;
  path: string;
  settings: LintSettings;
  /** For an override: the central template, and its own settings when known. */
  base?: { path: string; file: string; settings?: LintSettings };
  /** What was assumed or left out in choosing the settings (src/lint/notices.ts). */
  notices?: Diagnostic[];
}

function firstSample(samplesDir: string | undefined, id: string): CaseContext | undefined {
  if (!samplesDir) return undefined;
  const dir = join(samplesDir, id);
  if (!existsSync(dir)) return undefined;
  const first = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()[0];
  return first ? parseContextText(readFileSync(join(dir, first), 'utf8'), join(dir, first)) : undefined;
}

/** Settings shared by everything in a repository. */
function repoSettings(repo: RepositoryIndex, catalog: Catalog | undefined, env: LintSettings['env']): Partial<LintSettings> {
  const texts = new Set<string>();
  for (const t of repo.central.flettetekster ?? []) texts.add(t.html !== undefined ? htmlName(t.id) : t.id);
  const elements = new Set((repo.central.indholdselementer ?? []).map((e) => e.id));
  return { ...(catalog ? { catalog } : {}), env, texts, elements };
}

function union(lists: Array<readonly string[] | undefined>): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []))];
}

/** A target whose settings are worked out when first read (just before it is judged). */
function lazyTarget(target: Omit<LintTarget, 'settings'>, settings: () => LintSettings): LintTarget {
  let value: LintSettings | undefined;
  return Object.defineProperty(target, 'settings', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= settings()),
    set: (v: LintSettings) => {
      value = v;
    },
  }) as LintTarget;
}

/** What a .docx of the repository holds that matters to the letters it goes into. */
interface PartScan {
  questions: string[];
  elements: string[];
}

/**
 * How the letters of a repository are put together, per view (the central templates, and each
 * municipality's): which master and content elements go into each letter, and which
 * flettespørgsmål each part uses. Parts are read once.
 */
class Composition {
  private readonly scans = new Map<string, PartScan>();
  /** Per letter and view: the files of its master and content elements (worked out when first
   * asked for). */
  readonly letters: Array<{ def: LetterDef; kommune: string | undefined; parts?: string[] }> = [];
  private readonly byView = new Map<string, (typeof this.letters)[number]>();

  constructor(private readonly repo: RepositoryIndex) {
    for (const kommune of [undefined, ...repo.kommuner.keys()]) {
      for (const b of repo.central.beskedskabeloner) {
        let def: LetterDef;
        try {
          def = repo.letter(b.id, kommune);
        } catch {
          continue;
        }
        const entry = { def, kommune };
        this.letters.push(entry);
        this.byView.set(`${def.id}\0${kommune ?? ''}`, entry);
      }
    }
  }

  /** A letter as a municipality sees it (as repo.letter gives it), when it could be read. */
  letter(id: string, kommune: string | undefined): LetterDef | undefined {
    return this.byView.get(`${id}\0${kommune ?? ''}`)?.def;
  }

  private partsFor(entry: (typeof this.letters)[number]): string[] {
    return (entry.parts ??= this.partsOf(entry.def, entry.kommune));
  }

  /** Questions and content-element references of a file (nothing when it cannot be read: the
   * file's own lint reports that). */
  scan(path: string | undefined): PartScan {
    if (!path) return { questions: [], elements: [] };
    const hit = this.scans.get(path);
    if (hit) return hit;
    const out: PartScan = { questions: [], elements: [] };
    try {
      const template = loadedTemplates(this.repo).load(path, shown(path));
      const questions = new Set<string>();
      const elements = new Set<string>();
      for (const f of template.fieldNodes) {
        if (inCachedResult(f)) continue;
        const key = questionKey(f);
        if (key !== undefined) questions.add(key);
        const name = mergeFieldName(f);
        const element = name === undefined ? undefined : elementKeyOf(name);
        if (element !== undefined) elements.add(element);
      }
      out.questions = [...questions];
      out.elements = [...elements];
    } catch {
      // Reported when the file itself is linted.
    }
    this.scans.set(path, out);
    return out;
  }

  /** The master and content elements (the manifest's and those the codes name, recursively). */
  private partsOf(def: LetterDef, kommune: string | undefined): string[] {
    const parts: string[] = [];
    if (def.masterPart.path) parts.push(def.masterPart.path);
    const todo = [...(def.indholdselementer ?? []), ...this.scan(def.message.path).elements, ...this.scan(def.masterPart.path).elements];
    const seen = new Set<string>();
    while (todo.length) {
      const id = todo.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const path = this.repo.resolve('indholdselement', id, kommune)?.path;
      if (!path) continue;
      parts.push(path);
      todo.push(...this.scan(path).elements);
    }
    return parts;
  }

  /** Questions the master and content elements of a letter use. */
  partQuestions(def: LetterDef, kommune: string | undefined): string[] {
    const entry = this.byView.get(`${def.id}\0${kommune ?? ''}`);
    return union((entry ? this.partsFor(entry) : []).map((p) => this.scan(p).questions));
  }

  /** The letters a part file goes into, with their processes, variants and enabled questions. */
  usersOf(path: string): Array<{ user: PartUser; def: BeskedskabelonDef }> {
    const out: Array<{ user: PartUser; def: BeskedskabelonDef }> = [];
    const seen = new Set<string>();
    for (const entry of this.letters) {
      const { def, kommune } = entry;
      if (!this.partsFor(entry).includes(path)) continue;
      const questions = def.questions ?? [];
      // A municipality's view of a letter it has not overridden is the central letter again.
      const key = `${def.id}|${questions.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ user: { letter: kommune && def.status !== 'central' ? `${def.id} (kommune ${kommune})` : def.id, questions }, def });
    }
    return out;
  }
}

const compositions = new WeakMap<RepositoryIndex, Composition>();

function compositionOf(repo: RepositoryIndex): Composition {
  let c = compositions.get(repo);
  if (!c) compositions.set(repo, (c = new Composition(repo)));
  return c;
}

/** Central letter id and all overrides of it. */
export function letterTargets(repo: RepositoryIndex, id: string, catalog: Catalog | undefined, env: LintSettings['env'], samplesDir?: string): LintTarget[] {
  const shared = repoSettings(repo, catalog, env);
  const composition = compositionOf(repo);
  // The letters as the composition read them (each once), else read again (and its error thrown).
  const letter = (kommune: string | undefined): LetterDef => composition.letter(id, kommune) ?? repo.letter(id, kommune);
  const central = letter(undefined);
  const sample = firstSample(samplesDir, id);
  const settingsOf = (def: LetterDef, kommune: string | undefined): LintSettings =>
    defaultSettings({
      ...shared,
      processes: def.processes,
      variants: def.variants ?? [],
      questions: def.questions ?? [],
      partQuestions: composition.partQuestions(def, kommune),
      kind: 'beskedskabelon',
      ...(sample ? { sample } : {}),
    });
  // Worked out when the letter is judged: the files of its parts are read then, and its own
  // with the same load as its judging (not all of a repository's letters before the first).
  const centralPath = central.message.path!;
  const centralTarget = lazyTarget({ file: shown(centralPath), path: centralPath }, () => settingsOf(central, undefined));
  const out: LintTarget[] = [centralTarget];
  for (const kommune of repo.kommuner.keys()) {
    const def = letter(kommune);
    const override = def.message.override;
    if (!override) continue;
    const base = Object.defineProperty({ path: centralPath, file: shown(centralPath) }, 'settings', {
      enumerable: true,
      get: () => centralTarget.settings,
    }) as NonNullable<LintTarget['base']>;
    // Worked out when the override is judged: its fields are read then, with the same load.
    out.push(
      lazyTarget(
        {
          file: shown(def.message.path!),
          path: def.message.path!,
          base,
        },
        () => ({ ...settingsOf(def, kommune), override: { kommune, id, basedOn: override.basedOn, centralVersion: def.message.version } }),
      ),
    );
  }
  return out;
}

/** A master or content element: the central one and every municipality's override of it. */
export function partTargets(
  repo: RepositoryIndex,
  kind: 'master' | 'indholdselement',
  id: string,
  catalog: Catalog | undefined,
  env: LintSettings['env'],
): LintTarget[] {
  const shared = repoSettings(repo, catalog, env);
  const composition = compositionOf(repo);
  const settingsFor = (path: string): LintSettings => {
    const users = composition.usersOf(path);
    return defaultSettings({
      ...shared,
      processes: union(users.map((u) => u.def.processes)),
      variants: union(users.map((u) => u.def.variants)),
      usedBy: users.map((u) => u.user),
      kind,
    });
  };
  const central = repo.resolve(kind, id);
  if (!central?.path) return [];
  // A part's settings name the letters it goes into, which reads every letter's files: worked
  // out when the part is judged (after the letters, whose reading is then remembered).
  const centralPath = central.path;
  const centralTarget = lazyTarget({ file: shown(centralPath), path: centralPath }, () => settingsFor(centralPath));
  const out: LintTarget[] = [centralTarget];
  for (const kommune of repo.kommuner.keys()) {
    const own = repo.resolve(kind, id, kommune)!;
    const override = own.override;
    const path = own.path;
    if (!override || !path || path === centralPath) continue;
    const base = Object.defineProperty({ path: centralPath, file: shown(centralPath) }, 'settings', {
      enumerable: true,
      get: () => centralTarget.settings,
    }) as NonNullable<LintTarget['base']>;
    out.push(
      lazyTarget({ file: shown(path), path, base }, () => ({
        ...settingsFor(path),
        override: { kommune, id, basedOn: override.basedOn, centralVersion: own.version },
      })),
    );
  }
  return out;
}

/** Every template of a repository: letters, masters, content elements, and overrides. */
export function repositoryTargets(repo: RepositoryIndex, catalog: Catalog | undefined, env: LintSettings['env'], samplesDir?: string): LintTarget[] {
  const out: LintTarget[] = [];
  for (const b of repo.central.beskedskabeloner) out.push(...letterTargets(repo, b.id, catalog, env, samplesDir));
  for (const m of repo.central.masters ?? []) out.push(...partTargets(repo, 'master', m.id, catalog, env));
  for (const e of repo.central.indholdselementer ?? []) out.push(...partTargets(repo, 'indholdselement', e.id, catalog, env));
  return out;
}

/** A template id: a letter (beskedskabelon), or else a master or content element. Undefined
 * when the repository has no template by that id. */
export function idTargets(
  repo: RepositoryIndex,
  id: string,
  catalog: Catalog | undefined,
  env: LintSettings['env'],
  samplesDir?: string,
): LintTarget[] | undefined {
  if (repo.central.beskedskabeloner.some((b) => b.id === id)) return letterTargets(repo, id, catalog, env, samplesDir);
  if ((repo.central.masters ?? []).some((m) => m.id === id)) return partTargets(repo, 'master', id, catalog, env);
  if ((repo.central.indholdselementer ?? []).some((e) => e.id === id)) return partTargets(repo, 'indholdselement', id, catalog, env);
  return undefined;
}

/**
 * The repository a file lies in: the nearest folder upwards with a template repository's
 * central manifest. A municipality's folder (kommuner/<kode>/) has a manifest of its own and is
 * passed by; so is a manifest that is no template repository's (a web app's manifest.json),
 * which is added to `ignored` to be named in a notice.
 */
export function repositoryDirOf(file: string, ignored: string[] = []): string | undefined {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const manifest = findManifest(dir);
    const kind = manifest ? manifestKind(manifest) : undefined;
    if (kind === 'central') return dir;
    if (kind === 'other') ignored.push(manifest!);
    if (dirname(dir) === dir) return undefined;
  }
}

/** The folder holds a template repository (its central manifest). */
export function isRepositoryDir(dir: string): boolean {
  const manifest = findManifest(dir);
  return manifest !== undefined && manifestKind(manifest) === 'central';
}

/**
 * A .docx no repository uses (a draft, a file elsewhere), with the settings flags give. The
 * catalog is --catalog's, else that of the repository found (above the file or in the working
 * folder), with its flettetekster and content elements; the notices say which catalog was used,
 * or that catalog checks were skipped, and name any manifest passed by.
 */
export function looseTarget(
  file: string,
  path: string,
  found: { repo: RepositoryIndex | undefined; catalog: Catalog | undefined; explicit: boolean; ignored: string[] },
  env: LintSettings['env'],
): LintTarget {
  const { repo, catalog, explicit, ignored } = found;
  const notices = ignored.map((m) => notice('manifest-ignored', { file: shown(m) }));
  if (!catalog) notices.push(notice('catalog-skipped'));
  else if (!explicit && repo) notices.push(notice('catalog-found', { catalog: catalog.file, dir: shown(repo.dir) }));
  const settings = defaultSettings(repo ? { ...repoSettings(repo, catalog, env) } : { ...(catalog ? { catalog } : {}), env });
  return { file, path, settings, ...(notices.length ? { notices } : {}) };
}

/** The repository target a file is, with the manifest's settings; undefined when the
 * repository does not use the file. */
export function fileTarget(
  repo: RepositoryIndex,
  file: string,
  catalog: Catalog | undefined,
  env: LintSettings['env'],
  samplesDir?: string,
): LintTarget | undefined {
  const path = resolve(file);
  return repositoryTargets(repo, catalog, env, samplesDir).find((t) => resolve(t.path) === path);
}
