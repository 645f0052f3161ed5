/**
 * The templates a lint run loads from a repository's files: the targets' settings read a
 * file's fields just before the file itself is judged, and the two share one load.
 */
import { readFileSync } from 'node:fs';
import { SharedParts } from '../ooxml/shared-parts.js';
import type { RepositoryIndex } from '../repository/repository-index.js';
import { loadTemplate, type Template } from '../template/template.js';

/**
 * Templates loaded for linting, the last one kept: the targets' settings read a file's fields
 * (its flettespørgsmål and content elements) just before the file itself is judged, and the
 * two share one load. Only one: a template still kept while the next ones are loaded and judged
 * is moved by the garbage collector into the old generation, which only a full collection
 * empties. Over a 1,000-file run, keeping the last four (or two) made the collector promote
 * 86 MB (84 MB), keeping one 12 MB, for 4 more loads (`node --trace-gc-nvp`; docs/decisions.md,
 * "Lint keeps one loaded template").
 */
export class LoadedTemplates {
  private readonly recent = new Map<string, Template>();
  /** What the templates hold the same (an override keeps most of its central template's parts). */
  private readonly shared = new SharedParts();

  constructor(private readonly keep = 1) {}

  load(path: string, name: string, read: () => Uint8Array = () => readFileSync(path)): Template {
    const key = `${path}\0${name}`;
    let t = this.recent.get(key);
    if (t) {
      this.recent.delete(key);
    } else {
      t = loadTemplate(read(), { name, shared: this.shared });
      // The rules read the compiled stories, the parts' text and the trees of a few small parts
      // (styles, relationships), not the stories' trees: dropped now (xml() parses a part again
      // when asked, without counting it against the limits again, and a part other packages hold
      // the same comes from the run's shared parts), so that the garbage collector does not copy
      // a document's tree while the template is judged (about 2/3 of what it copied).
      t.package.release();
      if (this.recent.size >= this.keep) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(key, t);
    return t;
  }
}

const loaders = new WeakMap<RepositoryIndex, LoadedTemplates>();

/** The templates loaded from a repository's files for linting (see LoadedTemplates). */
export function loadedTemplates(repo: RepositoryIndex): LoadedTemplates {
  let l = loaders.get(repo);
  if (!l) loaders.set(repo, (l = new LoadedTemplates()));
  return l;
}
