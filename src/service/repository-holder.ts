/**
 * The template repository as a long-running process holds it: opened once, compiled letters
 * cached per version, and reopened when anything in the repository folder changes (a
 * manifest, the catalog, a template file), checked at most once a second.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateRepository, type RepositoryOptions } from '../repository/repository.js';

function fingerprint(dir: string): string {
  let newest = 0;
  let count = 0;
  const walk = (d: string, depth: number): void => {
    if (depth > 6) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p, depth + 1);
      else {
        count++;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(dir, 0);
  return `${count}:${newest}`;
}

export class RepositoryHolder {
  private repo: TemplateRepository;
  private print: string;
  private checked = Date.now();
  /** How many times the repository was (re)opened. */
  loads = 1;
  /** Why the last reload failed, if it did (the previous version stays in use). */
  lastError: unknown;
  private before = { hits: 0, misses: 0, evictions: 0 };

  constructor(
    readonly dir: string,
    private readonly interval = 1000,
    private readonly options: RepositoryOptions = {},
  ) {
    this.print = fingerprint(dir);
    this.repo = TemplateRepository.open(dir, options);
  }

  get(): TemplateRepository {
    const now = Date.now();
    if (now - this.checked >= this.interval) {
      this.checked = now;
      const print = fingerprint(this.dir);
      if (print !== this.print) {
        // Open the new version before dropping the old one: a broken edit keeps the old in use
        // (and is tried again at the next check) and is reported by /readyz.
        try {
          const next = TemplateRepository.open(this.dir, this.options);
          // The counters go on across versions (the metrics are counters).
          const s = this.repo.cacheStats();
          this.before = { hits: this.before.hits + s.hits, misses: this.before.misses + s.misses, evictions: this.before.evictions + s.evictions + s.entries };
          this.repo = next;
          this.print = print;
          this.loads++;
          this.lastError = undefined;
        } catch (err) {
          this.lastError = err;
        }
      }
    }
    return this.repo;
  }

  /** Compiled letters in the cache (for metrics). */
  cacheSize(): number {
    return this.repo.cacheSize();
  }

  /** The cache's figures, over the repository versions this holder has had (for metrics). */
  cacheFigures(): { entries: number; bytes: number; hits: number; misses: number; evictions: number } {
    const s = this.repo.cacheStats();
    return {
      entries: s.entries,
      bytes: s.bytes,
      hits: this.before.hits + s.hits,
      misses: this.before.misses + s.misses,
      evictions: this.before.evictions + s.evictions,
    };
  }
}

const holders = new Map<string, RepositoryHolder>();

/** One holder per repository folder in this thread. */
export function holderFor(dir: string): RepositoryHolder {
  let h = holders.get(dir);
  if (!h) {
    h = new RepositoryHolder(dir);
    holders.set(dir, h);
  }
  return h;
}
