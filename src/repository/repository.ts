/**
 * A template repository on disk:
 *
 *   templates/catalog.yaml                       processes, fields, flettespørgsmål
 *   templates/manifest.yaml                      central templates (KOMBIT's)
 *   templates/central/...                        their .docx files
 *   templates/kommuner/<kommunekode>/manifest.yaml  a municipality's overrides
 *   templates/kommuner/<kommunekode>/...          their .docx files
 *
 * A municipality sees the central templates and its own overrides, never another's. Letters
 * are composed and compiled once per version of everything that goes into them, then cached.
 */
import { formatMessage } from '../i18n/index.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diagnostic, inputError, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { nearest } from '../suggest.js';
import { openPackage, type DocxPackage } from '../ooxml/package.js';
import { derivedOf } from '../ooxml/derived.js';
import { composeLetter } from '../compose/compose.js';
import { loadTemplate, templateFromPackage, type Template } from '../template/template.js';
import { sourceLocator, type SourcePart } from './provenance.js';
import { defaultCacheLimits, LetterCache, type LetterCacheLimits, type LetterCacheStats } from './letter-cache.js';
import { loadCatalogFile } from './catalog.js';
import type { Catalog } from '../template/catalog-types.js';
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
import { HTML_PREFIX } from '../fieldcode/names.js';

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

export interface CompiledLetter {
  def: LetterDef;
  template: Template;
  warnings: Diagnostic[];
  /** Content elements and flettetekster the letter uses. */
  used: { elements: string[]; texts: string[] };
}

export interface RepositoryOptions {
  /** Bounds of the compiled letters' cache (default: defaultCacheLimits(), from the environment). */
  cache?: Partial<LetterCacheLimits>;
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
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export class TemplateRepository {
  readonly catalog: Catalog | undefined;
  readonly central: CentralManifest;
  readonly kommuner = new Map<string, { manifest: KommuneManifest; dir: string }>();
  private readonly cache: LetterCache<CompiledLetter>;
  private readonly packages = new Map<string, { mtime: number; pkg: DocxPackage }>();

  private constructor(
    readonly dir: string,
    options: RepositoryOptions = {},
  ) {
    this.cache = new LetterCache({ ...defaultCacheLimits(), ...options.cache });
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

  static open(dir: string, options: RepositoryOptions = {}): TemplateRepository {
    return new TemplateRepository(dir, options);
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
    const central = this.central.beskedskabeloner.find((b) => b.id === id);
    if (!central)
      throw unknownTemplate(
        id,
        this.central.beskedskabeloner.map((b) => b.id),
        kommune ? ` (kommune ${kommune})` : '',
      );
    const message = this.resolve('beskedskabelon', id, kommune)!;
    const override = kommune ? this.overrideOf('beskedskabelon', id, kommune) : undefined;
    const settings: BeskedskabelonDef = { ...central, ...(override?.settings ?? {}) };
    const masterPart = this.resolve('master', settings.master, kommune);
    if (!masterPart) throw inputError('repo.unknown-ref', { file: 'manifest', entry: id, kind: 'masterskabelon', id: settings.master });
    const def: LetterDef = {
      ...settings,
      ...(kommune ? { kommune } : {}),
      status: message.status,
      message,
      masterPart,
      versionKey: '',
    };
    def.versionKey = this.versionKey(def);
    return def;
  }

  /**
   * Composes and compiles a letter (cached per version of everything in it). A letter of which
   * a municipality overrides nothing is the central letter: compiled once, shared by every
   * municipality that uses it (and named as the central letter in messages).
   */
  compile(id: string, kommune?: string): CompiledLetter {
    const def = this.letter(id, kommune);
    const cached = this.cache.get(def.versionKey);
    if (cached) return cached.def === def || cached.def.kommune === def.kommune ? cached : { ...cached, def };
    const shared = kommune !== undefined && def.versionKey.startsWith('central|');
    const path = def.message.path!;
    const compiled = this.build(def, id, shared ? undefined : kommune, this.openPackage(path), () => this.openPackage(path));
    // A compiled letter keeps what rendering needs: not the parsed XML it was made from. The
    // message's package is opened again should a problem need placing (sources below); the
    // masters and content elements, shared by many letters, stay open.
    compiled.template.package.release();
    this.packages.delete(path);
    // What the PDF keeps of the letter's unchanging paragraphs grows with the first letters made: counted as it grows.
    const derived = derivedOf(compiled.template.package);
    this.cache.set(def.versionKey, compiled, compiled.template.estimatedBytes + derived.bytes);
    derived.onGrow((delta) => this.cache.grow(def.versionKey, delta));
    return compiled;
  }

  /** The compiled letters' cache: entries, estimated bytes, hits, misses, evictions, limits. */
  cacheStats(): LetterCacheStats {
    return this.cache.stats();
  }

  /**
   * Composes a letter with a draft in place of its beskedskabelon: the archive's masterskabelon,
   * indholdselementer, flettetekster and settings (for the municipality, when given) around the
   * draft's message, as the letter will be once the draft is saved as the template or the
   * municipality's override. Not cached: a draft is seen once.
   */
  compileDraft(id: string, kommune: string | undefined, draft: Uint8Array, draftName: string): CompiledLetter {
    const def = this.letter(id, kommune);
    let message: DocxPackage;
    try {
      message = openPackage(draft);
    } catch (err) {
      if (err instanceof KpBrevError)
        throw new KpBrevError(
          'input',
          err.diagnostics.map((d) => ({ ...d, location: { ...d.location, file: draftName } })),
        );
      throw err;
    }
    return this.build(def, id, kommune, message, () => message);
  }

  private build(def: LetterDef, id: string, kommune: string | undefined, message: DocxPackage, reopen: () => DocxPackage): CompiledLetter {
    const pkgs = new Map<string, DocxPackage>();
    const pkg = (part: ResolvedPart): DocxPackage => {
      const p = part.path!;
      let got = pkgs.get(p);
      if (!got) {
        got = this.openPackage(p);
        pkgs.set(p, got);
      }
      return got;
    };
    const name = kommune ? `${id} (kommune ${kommune})` : id;
    const composed = composeLetter({
      name,
      master: { key: def.master, pkg: pkg(def.masterPart) },
      message: { key: id, pkg: message },
      element: (key) => {
        const part = this.resolve('indholdselement', key, kommune);
        return part ? { key, pkg: pkg(part) } : undefined;
      },
      text: (name) => {
        const html = name.startsWith(HTML_PREFIX);
        const part = this.resolve('flettetekst', html ? name.slice(HTML_PREFIX.length) : name, kommune);
        if (!part) return undefined;
        if (html) return part.html !== undefined ? { html: part.html } : undefined;
        return part.text !== undefined ? { text: part.text } : undefined;
      },
      title: def.digitalPostTitle ?? def.title,
      lang: 'da-DK',
    });
    // Problems are reported where the administrator can find them: in the part the field comes from.
    const own = (label: string, part: ResolvedPart | undefined): string => (part?.override ? `${label} (kommune ${part.override.kommune})` : label);
    // Read only when a letter has a problem to place (not on the way of every compile).
    const sources = (): SourcePart[] => [
      { label: own(id, def.message), fields: templateFromPackage(reopen(), { name }).fields() },
      ...composed.used.elements.flatMap((key) => {
        const part = this.resolve('indholdselement', key, kommune);
        return part?.path ? [{ label: own(`indholdselement ${key}`, part), fields: templateFromPackage(pkg(part), { name: key }).fields() }] : [];
      }),
      { label: own(`masterskabelon ${def.master}`, def.masterPart), fields: templateFromPackage(pkg(def.masterPart), { name: def.master }).fields() },
    ];
    const template: Template = loadTemplate(composed.docx, {
      name,
      locate: sourceLocator(() => template.fields(), sources),
      rules: {
        ...(this.catalog ? { catalog: this.catalog } : {}),
        processes: def.processes,
        ...(def.variants ? { variants: def.variants } : {}),
        ...(def.questions ? { questions: def.questions } : {}),
      },
    });
    return { def, template, warnings: composed.warnings, used: composed.used };
  }

  /** Compiled letters in the cache. */
  cacheSize(): number {
    return this.cache.size;
  }

  /** The cache's limits. */
  get cacheLimits(): LetterCacheLimits {
    return this.cache.limits;
  }

  /** The part a municipality uses: its override if any, else the central one. */
  resolve(kind: OverrideKind, id: string, kommune?: string): ResolvedPart | undefined {
    const list: Array<FileDef | FlettetekstDef | BeskedskabelonDef> | undefined =
      kind === 'beskedskabelon'
        ? this.central.beskedskabeloner
        : kind === 'master'
          ? this.central.masters
          : kind === 'indholdselement'
            ? this.central.indholdselementer
            : this.central.flettetekster;
    const central = list?.find((e) => e.id === id);
    if (!central) return undefined;
    const part: ResolvedPart = { kind, id, version: central.version, status: 'central' };
    if ('file' in central && central.file) part.path = join(this.dir, central.file);
    if ('text' in central && central.text !== undefined) part.text = central.text;
    if ('html' in central && central.html !== undefined) part.html = central.html;
    const o = kommune ? this.overrideOf(kind, id, kommune) : undefined;
    if (o && kommune) {
      const basedOn = Number(o.basedOn.split('@')[1]);
      part.override = { kommune, version: o.version, basedOn };
      part.status = basedOn < central.version ? 'outdated' : 'overridden';
      if (o.file) part.path = join(this.kommuner.get(kommune)!.dir, o.file);
      if (o.text !== undefined || o.html !== undefined) {
        delete part.text;
        delete part.html;
        if (o.text !== undefined) part.text = o.text;
        if (o.html !== undefined) part.html = o.html;
      }
    }
    return part;
  }

  private overrideOf(kind: OverrideKind, id: string, kommune: string): OverrideDef | undefined {
    return this.kommuner.get(kommune)?.manifest.overrides.find((o) => o.kind === kind && o.id === id);
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
    const partKey = (p: ResolvedPart | undefined): string =>
      p ? `${p.kind}:${p.id}@${p.version}${p.override ? `+${p.override.kommune}@${p.override.version}` : ''}` : '-';
    const elementParts = (this.central.indholdselementer ?? []).map((e) => this.resolve('indholdselement', e.id, k));
    const textParts = (this.central.flettetekster ?? []).map((t) => this.resolve('flettetekst', t.id, k));
    // Nothing of the municipality's in it: the central letter, under the central letter's key.
    const own = k !== undefined && [def.message, def.masterPart, ...elementParts, ...textParts].some((p) => p?.override);
    return [
      own ? k : 'central',
      partKey(def.message),
      partKey(def.masterPart),
      ...elementParts.map(partKey),
      ...textParts.map(partKey),
      JSON.stringify(def.questions ?? []),
    ].join('|');
  }

  private openPackage(path: string): DocxPackage {
    const mtime = statSync(path).mtimeMs;
    const hit = this.packages.get(path);
    if (hit && hit.mtime === mtime) return hit.pkg;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch {
      throw inputError('cli.file-not-found', { file: path });
    }
    try {
      const pkg = openPackage(bytes);
      this.packages.set(path, { mtime, pkg });
      return pkg;
    } catch (err) {
      if (err instanceof KpBrevError) {
        throw new KpBrevError(
          'input',
          err.diagnostics.map((d) => ({ ...d, location: { ...d.location, file: shown(path) } })),
        );
      }
      throw err;
    }
  }
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
