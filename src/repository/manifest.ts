/**
 * Manifests of a template repository: `manifest.yaml` for the central templates (KOMBIT's) and
 * `kommuner/<kommunekode>/manifest.yaml` for a municipality's overrides. Both are validated
 * against JSON Schemas (schemas/) on load, and their references are checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { parseYaml, readDataFile } from './data-file.js';

export type DocumentType = 'Anmodning' | 'Afgørelse' | 'Oplysninger' | 'Orientering';

export interface FileDef {
  id: string;
  title?: string;
  file: string;
  version: number;
}

export interface FlettetekstDef {
  id: string;
  title?: string;
  text?: string;
  html?: string;
  version: number;
}

export interface Attachment {
  title: string;
  file?: string;
}

export interface BeskedskabelonDef {
  id: string;
  file: string;
  title: string;
  digitalPostTitle?: string;
  master: string;
  indholdselementer?: string[];
  questions?: string[];
  processes: string[];
  variants?: string[];
  group?: string;
  documentType: DocumentType;
  noAutoSend?: boolean;
  attachments?: Attachment[];
  version: number;
}

export interface CentralManifest {
  masters?: FileDef[];
  indholdselementer?: FileDef[];
  flettetekster?: FlettetekstDef[];
  beskedskabeloner: BeskedskabelonDef[];
}

export type OverrideKind = 'beskedskabelon' | 'master' | 'indholdselement' | 'flettetekst';

export interface OverrideDef {
  kind: OverrideKind;
  id: string;
  /** `id@version` of the central template the override was made from. */
  basedOn: string;
  version: number;
  file?: string;
  text?: string;
  html?: string;
  settings?: Partial<Pick<BeskedskabelonDef, 'title' | 'digitalPostTitle' | 'master' | 'indholdselementer' | 'questions' | 'noAutoSend' | 'attachments'>>;
  note?: string;
}

export interface KommuneManifest {
  kommune: string;
  name?: string;
  overrides: OverrideDef[];
}

/** Names of manifest files tried in a folder. */
export const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.json'];

export function findManifest(dir: string): string | undefined {
  return MANIFEST_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
}

/**
 * What a manifest file is, by the shape its schema requires: a template repository's central
 * manifest (a mapping with `beskedskabeloner`), a municipality's (`kommune` and `overrides`), or
 * something else that happens to be called manifest (a web app's manifest.json, say). Only the
 * shape is looked at: a real manifest with a mistake in it is still recognised, so that loading
 * it reports the mistake instead of passing the repository by.
 */
export function manifestKind(path: string): 'central' | 'kommune' | 'other' {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch {
    return 'other';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'other';
  if ('beskedskabeloner' in data) return 'central';
  if ('kommune' in data && 'overrides' in data) return 'kommune';
  return 'other';
}

export function loadCentralManifest(path: string, display: string, root: string): CentralManifest {
  const { data, lineOf } = readDataFile<CentralManifest>(display, readFileSync(path, 'utf8'), 'manifest.schema.json');
  const problems: Diagnostic[] = [];
  const at = (p: Array<string | number>): { file: string; line?: number } => {
    const line = lineOf(p);
    return line ? { file: display, line } : { file: display };
  };
  const ids = (list: Array<{ id: string }> | undefined, key: string, kind: string): Set<string> => {
    const seen = new Set<string>();
    (list ?? []).forEach((e, i) => {
      if (seen.has(e.id)) problems.push(diagnostic('repo.duplicate-id', { file: display, kind, id: e.id }, at([key, i])));
      seen.add(e.id);
    });
    return seen;
  };
  const masters = ids(data.masters, 'masters', 'masterskabelon');
  const elements = ids(data.indholdselementer, 'indholdselementer', 'indholdselement');
  ids(data.flettetekster, 'flettetekster', 'flettetekst');
  ids(data.beskedskabeloner, 'beskedskabeloner', 'beskedskabelon');
  const checkFile = (file: string, entry: string, path: Array<string | number>): void => {
    if (!existsSync(join(root, file))) problems.push(diagnostic('repo.file-missing', { file: display, entry, path: file }, at(path)));
  };
  for (const key of ['masters', 'indholdselementer', 'beskedskabeloner'] as const) {
    (data[key] ?? []).forEach((e, i) => checkFile(e.file, `${key}[${i}] "${e.id}"`, [key, i, 'file']));
  }
  data.beskedskabeloner.forEach((b, i) => {
    const entry = `beskedskabeloner[${i}] "${b.id}"`;
    if (!masters.has(b.master))
      problems.push(diagnostic('repo.unknown-ref', { file: display, entry, kind: 'masterskabelon', id: b.master }, at(['beskedskabeloner', i, 'master'])));
    (b.indholdselementer ?? []).forEach((el, j) => {
      if (!elements.has(el))
        problems.push(
          diagnostic('repo.unknown-ref', { file: display, entry, kind: 'indholdselement', id: el }, at(['beskedskabeloner', i, 'indholdselementer', j])),
        );
    });
  });
  if (problems.length) throw new KpBrevError('input', problems);
  return data;
}

export function loadKommuneManifest(path: string, display: string, folder: string, dir: string, central: CentralManifest): KommuneManifest {
  const { data, lineOf } = readDataFile<KommuneManifest>(display, readFileSync(path, 'utf8'), 'kommune-manifest.schema.json');
  const problems: Diagnostic[] = [];
  const at = (p: Array<string | number>): { file: string; line?: number } => {
    const line = lineOf(p);
    return line ? { file: display, line } : { file: display };
  };
  if (data.kommune !== folder) problems.push(diagnostic('repo.kommune-mismatch', { file: display, stated: data.kommune, folder }, at(['kommune'])));
  const seen = new Set<string>();
  data.overrides.forEach((o, i) => {
    const entry = `overrides[${i}] "${o.id}"`;
    const key = `${o.kind}:${o.id}`;
    if (seen.has(key)) problems.push(diagnostic('repo.duplicate-id', { file: display, kind: o.kind, id: o.id }, at(['overrides', i])));
    seen.add(key);
    const list =
      o.kind === 'beskedskabelon'
        ? central.beskedskabeloner
        : o.kind === 'master'
          ? central.masters
          : o.kind === 'indholdselement'
            ? central.indholdselementer
            : central.flettetekster;
    const base = (list ?? []).find((e) => e.id === o.id);
    if (!base) {
      problems.push(diagnostic('repo.unknown-ref', { file: display, entry, kind: `central ${o.kind}`, id: o.id }, at(['overrides', i, 'id'])));
      return;
    }
    const [baseId] = o.basedOn.split('@');
    if (baseId !== o.id)
      problems.push(
        diagnostic(
          'repo.override-base',
          { file: display, kind: o.kind, id: o.id, basedOn: o.basedOn, central: `${o.id}@${base.version}` },
          at(['overrides', i, 'basedOn']),
        ),
      );
    if (o.kind === 'flettetekst') {
      if (o.text === undefined && o.html === undefined)
        problems.push(diagnostic('repo.override-content', { file: display, kind: o.kind, id: o.id, what: 'text eller html' }, at(['overrides', i])));
    } else if (o.file) {
      if (!existsSync(join(dir, o.file))) problems.push(diagnostic('repo.file-missing', { file: display, entry, path: o.file }, at(['overrides', i, 'file'])));
    } else if (o.kind !== 'beskedskabelon' || !o.settings) {
      problems.push(diagnostic('repo.override-content', { file: display, kind: o.kind, id: o.id, what: 'file' }, at(['overrides', i])));
    }
  });
  if (problems.length) throw new KpBrevError('input', problems);
  return data;
}
