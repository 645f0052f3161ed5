/**
 * A template repository whose letters are composed and compiled: the manifests, catalog and
 * listing of RepositoryIndex (repository-index.ts), and letters composed and compiled once per
 * version of everything that goes into them, then cached.
 */
import { readFileSync, statSync } from 'node:fs';
import { inputError, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { openPackage, type DocxPackage } from '../ooxml/package.js';
import { derivedOf } from '../ooxml/derived.js';
import { composeLetter } from '../compose/compose.js';
import { loadTemplate, templateFromPackage, type Template } from '../template/template.js';
import { sourceLocator, type SourcePart } from './provenance.js';
import { defaultCacheLimits, LetterCache, type LetterCacheLimits, type LetterCacheStats } from './letter-cache.js';
import { RepositoryIndex, shown, type LetterDef, type ResolvedPart } from './repository-index.js';
import { HTML_PREFIX } from '../fieldcode/names.js';

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

export class TemplateRepository extends RepositoryIndex {
  private readonly cache: LetterCache<CompiledLetter>;
  private readonly packages = new Map<string, { mtime: number; pkg: DocxPackage }>();

  private constructor(dir: string, options: RepositoryOptions = {}) {
    const limits = { ...defaultCacheLimits(), ...options.cache };
    super(dir);
    this.cache = new LetterCache(limits);
  }

  static override open(dir: string, options: RepositoryOptions = {}): TemplateRepository {
    return new TemplateRepository(dir, options);
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
