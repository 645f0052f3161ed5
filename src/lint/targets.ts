/**
 * What to lint, and with which settings: a loose .docx (settings from flags), a template id
 * (the central template and every municipality's override of it) or a whole repository.
 * Repository templates take their processes, variants, enabled questions and, for overrides,
 * their base from the manifests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseContextText, type CaseContext } from '../context/context.js';
import type { Catalog } from '../repository/catalog.js';
import type { BeskedskabelonDef } from '../repository/manifest.js';
import type { TemplateRepository } from '../repository/repository.js';
import { defaultSettings } from './engine.js';
import type { LintSettings } from './types.js';

export interface LintTarget {
  file: string;
  path: string;
  settings: LintSettings;
  base?: { path: string; file: string };
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function firstSample(samplesDir: string | undefined, id: string): CaseContext | undefined {
  if (!samplesDir) return undefined;
  const dir = join(samplesDir, id);
  if (!existsSync(dir)) return undefined;
  const first = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()[0];
  return first ? parseContextText(readFileSync(join(dir, first), 'utf8'), join(dir, first)) : undefined;
}

/** Settings shared by everything in a repository. */
function repoSettings(repo: TemplateRepository, catalog: Catalog | undefined, env: LintSettings['env']): Partial<LintSettings> {
  const texts = new Set<string>();
  for (const t of repo.central.flettetekster ?? []) texts.add(t.html !== undefined ? `Html:${t.id}` : t.id);
  const elements = new Set((repo.central.indholdselementer ?? []).map((e) => e.id));
  return { ...(catalog ? { catalog } : {}), env, texts, elements };
}

function union(lists: Array<readonly string[] | undefined>): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []))];
}

/** Central letter id and all overrides of it. */
export function letterTargets(repo: TemplateRepository, id: string, catalog: Catalog | undefined, env: LintSettings['env'], samplesDir?: string): LintTarget[] {
  const shared = repoSettings(repo, catalog, env);
  const central = repo.letter(id);
  const sample = firstSample(samplesDir, id);
  const settingsOf = (def: BeskedskabelonDef): LintSettings =>
    defaultSettings({
      ...shared,
      processes: def.processes,
      variants: def.variants ?? [],
      questions: def.questions ?? [],
      kind: 'beskedskabelon',
      ...(sample ? { sample } : {}),
    });
  const out: LintTarget[] = [{ file: shown(central.message.path!), path: central.message.path!, settings: settingsOf(central) }];
  for (const kommune of repo.kommuner.keys()) {
    const def = repo.letter(id, kommune);
    if (!def.message.override) continue;
    out.push({
      file: shown(def.message.path!),
      path: def.message.path!,
      settings: { ...settingsOf(def), override: { kommune, id, basedOn: def.message.override.basedOn, centralVersion: def.message.version } },
      base: { path: central.message.path!, file: shown(central.message.path!) },
    });
  }
  return out;
}

/** Every template of a repository: letters, masters, content elements, and overrides. */
export function repositoryTargets(repo: TemplateRepository, catalog: Catalog | undefined, env: LintSettings['env'], samplesDir?: string): LintTarget[] {
  const out: LintTarget[] = [];
  for (const b of repo.central.beskedskabeloner) out.push(...letterTargets(repo, b.id, catalog, env, samplesDir));
  const shared = repoSettings(repo, catalog, env);
  for (const kind of ['master', 'indholdselement'] as const) {
    const list = kind === 'master' ? repo.central.masters : repo.central.indholdselementer;
    for (const part of list ?? []) {
      const users = repo.central.beskedskabeloner.filter((b) => (kind === 'master' ? b.master === part.id : (b.indholdselementer ?? []).includes(part.id)));
      const settings = defaultSettings({ ...shared, processes: union(users.map((u) => u.processes)), variants: union(users.map((u) => u.variants)), kind });
      const central = repo.resolve(kind, part.id)!;
      out.push({ file: shown(central.path!), path: central.path!, settings });
      for (const kommune of repo.kommuner.keys()) {
        const own = repo.resolve(kind, part.id, kommune)!;
        if (!own.override || own.path === central.path) continue;
        out.push({
          file: shown(own.path!),
          path: own.path!,
          settings: { ...settings, override: { kommune, id: part.id, basedOn: own.override.basedOn, centralVersion: own.version } },
          base: { path: central.path!, file: shown(central.path!) },
        });
      }
    }
  }
  return out;
}
