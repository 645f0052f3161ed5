/**
 * The templates a lint run loads from a repository's files, each once: the targets' settings
 * read a file's fields just before the file itself is judged, and the two share one load.
 */
import { readFileSync } from 'node:fs';
import { SharedParts } from '../ooxml/shared-parts.js';
import type { RepositoryIndex } from '../repository/repository-index.js';
import { loadTemplate, type Template } from '../template/template.js';

/**
 * Templates loaded for linting, kept a little while: the targets' settings read a file's fields
 * (its flettespørgsmål and content elements) just before the file itself is judged, and the
 * two share one load. A few at a time (a loaded template holds its parsed XML).
 */
export class LoadedTemplates {
  private readonly recent = new Map<string, Template>();
  /** What the templates hold the same (an override keeps most of its central template's parts). */
  private readonly shared = new SharedParts();

  constructor(private readonly keep = 4) {}

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
