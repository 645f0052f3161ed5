/**
 * What a template repository holds, without opening a template: the manifests and the catalog,
 * which template a municipality uses, a letter's settings and version key, and the listing
 * `kp-brev templates` shows. Composing and compiling letters is TemplateRepository's
 * (repository.ts), which builds on this; a command that only lists or checks the repository
 * loads this module alone (none of the OOXML reader, the compiler or the composer).
 *
 *   templates/catalog.yaml                       processes, fields, flettespørgsmål
 *   templates/manifest.yaml                      central templates (KOMBIT's)
 *   templates/central/...                        their .docx files
 *   templates/kommuner/<kommunekode>/manifest.yaml  a municipality's overrides
 *   templates/kommuner/<kommunekode>/...          their .docx files
 *
 * A municipality sees the central templates and its own overrides, never another's.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diagnostic, inputError, KpBrevError } from '../diagnostics.js';
import { formatMessage } from '../i18n/index.js';
import { nearest } from '../suggest.js';
import type { Catalog } from '../template/catalog-types.js';
import { loadCatalogFile } from './catalog.js';
import {
  findManifest,
  loadCentralManifest,
  loadKommuneManifest,
  type BeskedskabelonDef,
  type CentralManifest,
  type FileDef,
  type FlettetekstDef,
  type KommuneManifest,
  type OverrideDef,
  type OverrideKind,
} from './manifest.js';

export type TemplateStatus = 'central' | 'overridden' | 'outdated';

/** A part of a letter as resolved for a municipality. */
export interface ResolvedPart {
  kind: OverrideKind;
  id: string;
  /** Central version. */
  version: number;
  status: TemplateStatus;
  /** Set for an override: its own version and the central version it was made from. */
  override?: { kommune: string; version: number; basedOn: number };
  /** Absolute path of the .docx (masters, content elements, beskedskabeloner). */
  path?: string;
  text?: string;
  html?: string;
}

export interface LetterDef extends BeskedskabelonDef {
  kommune?: string;
  status: TemplateStatus;
  message: ResolvedPart;
  masterPart: ResolvedPart;
  /** A string that changes whenever anything that goes into the letter changes. */
  versionKey: string;
}

export interface TemplateListing {
  kind: OverrideKind;
  id: string;
  title?: string;
  version: number;
  status: TemplateStatus;
  override?: ResolvedPart['override'];
}

/** A path for messages: relative to the working folder when inside it. */
export function shown(path: string): string {
  // A normalised path below the working folder, as the manifests' paths are: the rest of it, which
  // is what path.relative gives, without its cost (it normalises both paths; lint shows some
  // 2,000 paths of a repository of 98 municipalities).
  const cwd = process.cwd();
  if (sep === '/' && path.startsWith(cwd) && path[cwd.length] === '/' && cwd !== '/') {
    const rest = path.slice(cwd.length + 1);
    if (rest && !NOT_NORMAL.test(rest) && !rest.startsWith('..')) return rest;
  }
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** What path.relative would normalise away: an empty, `.` or `..` segment, or a final slash. */
const NOT_NORMAL = /(?:^|\/)\.{0,2}(?:\/|$)/;

export class RepositoryIndex {
  readonly catalog: Catalog | undefined;
  readonly central: CentralManifest;
  readonly kommuner = new Map<string, { manifest: KommuneManifest; dir: string }>();
  /** The central entries of each kind by id, and each municipality's overrides by kind and id
   * (the first of an id, as a search of the lists finds it), made when first asked for. */
  private entries?: Map<string, FileDef | FlettetekstDef | BeskedskabelonDef>;
  private readonly overrides = new Map<string, Map<string, OverrideDef>>();
  /** Absolute paths of the files the manifests name, by folder and file (joined once each:
   * a repository of 98 municipalities resolves some 15,000 parts for lint's view of it). */
  private readonly paths = new Map<string, string>();
  /** The content elements' and flettetekster's part of the version keys, per municipality. */
  private readonly sharedKeys = new Map<string | undefined, { keys: string[]; own: boolean }>();

  protected constructor(readonly dir: string) {
    const manifest = findManifest(dir);
    if (!manifest) throw inputError('repo.no-repository', { dir, file: 'manifest.yaml' });
    this.central = loadCentralManifest(manifest, shown(manifest), dir);
    const catalogFile = ['catalog.yaml', 'catalog.yml', 'catalog.json'].map((n) => join(dir, n)).find((p) => existsSync(p));
    this.catalog = catalogFile ? loadCatalogFile(catalogFile, shown(catalogFile)) : undefined;
    const kommuneDir = join(dir, 'kommuner');
    if (existsSync(kommuneDir)) {
      for (const code of readdirSync(kommuneDir).sort()) {
        const kdir = join(kommuneDir, code);
        if (!statSync(kdir).isDirectory()) continue;
        const file = findManifest(kdir);
        if (!file) continue;
        const manifestData = loadKommuneManifest(file, shown(file), code, kdir, this.central);
        this.kommuner.set(code, { manifest: manifestData, dir: kdir });
      }
    }
  }

  /** Reads the repository's manifests and catalog (each checked), and nothing else. */
  static open(dir: string): RepositoryIndex {
    return new RepositoryIndex(dir);
  }

  /** Central templates and the municipality's overrides of them. */
  list(kommune?: string): TemplateListing[] {
    this.checkKommune(kommune);
    const out: TemplateListing[] = [];
    const add = (kind: OverrideKind, list: Array<{ id: string; title?: string; version: number }> | undefined): void => {
      for (const e of list ?? []) {
        const part = this.resolve(kind, e.id, kommune)!;
        const row: TemplateListing = { kind, id: e.id, version: e.version, status: part.status };
        if (e.title) row.title = e.title;
        if (part.override) row.override = part.override;
        out.push(row);
      }
    };
    add('beskedskabelon', this.central.beskedskabeloner);
    add('master', this.central.masters);
    add('indholdselement', this.central.indholdselementer);
    add('flettetekst', this.central.flettetekster);
    return out;
  }

  /** A beskedskabelon with its settings, as the municipality sees it. */
  letter(id: string, kommune?: string): LetterDef {
    this.checkKommune(kommune);
    const central = this.centralEntry('beskedskabelon', id) as BeskedskabelonDef | undefined;
    if (!central)
      throw unknownTemplate(
        id,
        this.central.beskedskabeloner.map((b) => b.id),
        kommune ? ` (kommune ${kommune})` : '',
      );
    const message = this.resolve('beskedskabelon', id, kommune)!;
    const override = kommune ? this.overrideOf('beskedskabelon', id, kommune) : undefined;
    // The central settings with the municipality's over them. Object.assign, not spreads: V8
    // made an object spread followed by more properties some 20 times slower here (lint reads
    // every letter of every municipality: 1,485 in a repository of 98). The same properties in
    // the same order (none is __proto__: the manifests' schemas allow only the settings' names).
    const def = Object.assign({}, central, override?.settings, kommune ? { kommune } : undefined, {
      status: message.status,
      message,
      masterPart: undefined as ResolvedPart | undefined,
      versionKey: '',
    });
    const masterPart = this.resolve('master', def.master, kommune);
    if (!masterPart) throw inputError('repo.unknown-ref', { file: 'manifest', entry: id, kind: 'masterskabelon', id: def.master });
    def.masterPart = masterPart;
    const letter = def as LetterDef;
    letter.versionKey = this.versionKey(letter);
    return letter;
  }

  /** The part a municipality uses: its override if any, else the central one. */
  resolve(kind: OverrideKind, id: string, kommune?: string): ResolvedPart | undefined {
    const central = this.centralEntry(kind, id);
    if (!central) return undefined;
    const part: ResolvedPart = { kind, id, version: central.version, status: 'central' };
    if ('file' in central && central.file) part.path = this.pathOf(this.dir, central.file);
    if ('text' in central && central.text !== undefined) part.text = central.text;
    if ('html' in central && central.html !== undefined) part.html = central.html;
    const o = kommune ? this.overrideOf(kind, id, kommune) : undefined;
    if (o && kommune) {
      const basedOn = Number(o.basedOn.split('@')[1]);
      part.override = { kommune, version: o.version, basedOn };
      part.status = basedOn < central.version ? 'outdated' : 'overridden';
      if (o.file) part.path = this.pathOf(this.kommuner.get(kommune)!.dir, o.file);
      if (o.text !== undefined || o.html !== undefined) {
        delete part.text;
        delete part.html;
        if (o.text !== undefined) part.text = o.text;
        if (o.html !== undefined) part.html = o.html;
      }
    }
    return part;
  }

  protected overrideOf(kind: OverrideKind, id: string, kommune: string): OverrideDef | undefined {
    let byKey = this.overrides.get(kommune);
    if (!byKey) {
      const k = this.kommuner.get(kommune);
      if (!k) return undefined;
      byKey = new Map();
      for (const o of k.manifest.overrides) if (!byKey.has(`${o.kind}\0${o.id}`)) byKey.set(`${o.kind}\0${o.id}`, o);
      this.overrides.set(kommune, byKey);
    }
    return byKey.get(`${kind}\0${id}`);
  }

  /** The central manifest's entry of a kind and id. */
  private centralEntry(kind: OverrideKind, id: string): FileDef | FlettetekstDef | BeskedskabelonDef | undefined {
    if (!this.entries) {
      this.entries = new Map();
      const lists: Array<[OverrideKind, Array<FileDef | FlettetekstDef | BeskedskabelonDef> | undefined]> = [
        ['beskedskabelon', this.central.beskedskabeloner],
        ['master', this.central.masters],
        ['indholdselement', this.central.indholdselementer],
        ['flettetekst', this.central.flettetekster],
      ];
      for (const [k, list] of lists) for (const e of list ?? []) if (!this.entries.has(`${k}\0${e.id}`)) this.entries.set(`${k}\0${e.id}`, e);
    }
    return this.entries.get(`${kind}\0${id}`);
  }

  /** A file a manifest names, as an absolute path (path.join, once per folder and file). */
  private pathOf(dir: string, file: string): string {
    const key = `${dir}\0${file}`;
    let path = this.paths.get(key);
    if (path === undefined) this.paths.set(key, (path = join(dir, file)));
    return path;
  }

  private checkKommune(kommune: string | undefined): void {
    if (kommune !== undefined && !/^[0-9]{3,4}$/.test(kommune)) throw this.unknownKommune(kommune);
  }

  /**
   * A municipality someone asked for by its code (--kommune, an administrator's request) must
   * be one of the repository (a folder under kommuner/): any other would silently be the central
   * letter. (A municipality's own credential may belong to one without overrides; it is not
   * asked for, so it is not checked.)
   */
  requireKommune(kommune: string | undefined): void {
    if (kommune !== undefined && !this.kommuner.has(kommune)) throw this.unknownKommune(kommune);
  }

  private unknownKommune(kommune: string): KpBrevError {
    const known = [...this.kommuner].map(([code, k]) => (k.manifest.name ? `${code} (${k.manifest.name})` : code)).join(', ');
    return inputError('repo.unknown-kommune', { kommune, dir: shown(this.dir), known: known || '–' });
  }

  private versionKey(def: LetterDef): string {
    const k = def.kommune;
    const shared = this.sharedKeysOf(k);
    // Nothing of the municipality's in it: the central letter, under the central letter's key.
    const own = k !== undefined && (def.message.override !== undefined || def.masterPart.override !== undefined || shared.own);
    return [own ? k : 'central', partKey(def.message), partKey(def.masterPart), ...shared.keys, JSON.stringify(def.questions ?? [])].join('|');
  }

  /** What every letter of a municipality has of its content elements and flettetekster (the
   * same for all its letters): their keys in the version key, and whether one is its own. */
  private sharedKeysOf(kommune: string | undefined): { keys: string[]; own: boolean } {
    let shared = this.sharedKeys.get(kommune);
    if (!shared) {
      const parts = [
        ...(this.central.indholdselementer ?? []).map((e) => this.resolve('indholdselement', e.id, kommune)),
        ...(this.central.flettetekster ?? []).map((t) => this.resolve('flettetekst', t.id, kommune)),
      ];
      shared = { keys: parts.map(partKey), own: parts.some((p) => p?.override !== undefined) };
      this.sharedKeys.set(kommune, shared);
    }
    return shared;
  }
}

/** A part in a version key: kind, id and version, and the override's municipality and version. */
function partKey(p: ResolvedPart | undefined): string {
  return p ? `${p.kind}:${p.id}@${p.version}${p.override ? `+${p.override.kommune}@${p.override.version}` : ''}` : '-';
}

export function describeStatus(status: TemplateStatus, lang: 'da' | 'en'): string {
  return formatMessage(
    status === 'central' ? 'repo.status-central' : status === 'overridden' ? 'repo.status-overridden' : 'repo.status-override-of-older',
    {},
    lang,
  );
}

/**
 * The template does not exist; with the nearest known id as a second line ("Mente du …?") when
 * one is near enough to be meant. The first diagnostic keeps its code, which callers match on.
 */
export function unknownTemplate(id: string, known: Iterable<string>, where = ''): KpBrevError {
  const suggestion = nearest(id, known);
  const lack = diagnostic('repo.unknown-template', { id, where });
  return new KpBrevError('input', suggestion ? [lack, diagnostic('repo.did-you-mean', { suggestion }, undefined, 'info')] : [lack]);
}
