/**
 * The render API's lint, run where letters are made (a worker thread in the server): a .docx
 * judged with the repository's settings for a template (and, for the municipality's override,
 * against its central base) or with the settings given. Plain data in and out; an unreadable
 * file or an unknown template comes back as diagnostics, not as a thrown error.
 */
import { readFileSync } from 'node:fs';
import { KpBrevError, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { defaultSettings, lintDocx } from '../lint/engine.js';
import { toJson, type JsonFinding } from '../lint/formatters/json.js';
import { letterTargets } from '../lint/targets.js';
import type { LintSettings } from '../lint/types.js';
import { holderFor } from './repository-holder.js';

export interface LintTask {
  /** Repository folder. */
  dir: string;
  bytes: Uint8Array;
  name: string;
  /** Lint as this template of the repository (its settings and, for an override, its base). */
  template?: string;
  /** The municipality whose override of `template` is meant. */
  kommune?: string;
  env: 'production' | 'training';
  processes: string[];
  variants: string[];
  questions?: string[];
  lang: Lang;
}

export type LintOutcome =
  | { ok: true; results: Array<{ file: string; findings: JsonFinding[] }>; findings: number }
  | { ok: false; kind: 'unknown-template' | 'unreadable'; diagnostics: Diagnostic[] };

export async function executeLint(task: LintTask): Promise<LintOutcome> {
  const repo = holderFor(task.dir).get();
  let settings: LintSettings;
  let base: { bytes: Uint8Array; file: string } | undefined;
  if (task.template) {
    let targets;
    try {
      targets = letterTargets(repo, task.template, repo.catalog, task.env);
    } catch (err) {
      if (err instanceof KpBrevError) return { ok: false, kind: 'unknown-template', diagnostics: err.diagnostics };
      throw err;
    }
    const own = targets.find((t) => t.settings.override?.kommune === task.kommune) ?? targets[0]!;
    settings = own.settings;
    if (own.base) base = { bytes: readFileSync(own.base.path), file: own.base.file };
  } else {
    settings = defaultSettings({
      ...(repo.catalog ? { catalog: repo.catalog } : {}),
      processes: task.processes,
      variants: task.variants,
      ...(task.questions !== undefined ? { questions: task.questions } : {}),
      env: task.env,
    });
  }
  try {
    const result = lintDocx(task.bytes, task.name, settings, {}, base);
    return { ok: true, results: toJson([result], task.lang), findings: result.findings.length };
  } catch (err) {
    if (err instanceof KpBrevError) return { ok: false, kind: 'unreadable', diagnostics: err.diagnostics };
    throw err;
  }
}
