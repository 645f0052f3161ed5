/**
 * The cache of compiled letters: least recently used first out, bounded by count and by
 * (estimated) bytes, with counters for the metrics. One per repository (so one per render
 * thread): a compiled letter is a graph of JavaScript objects, which threads cannot share
 * (docs/decisions.md, "Compiled letters per render thread").
 */
import { diagnostic, KpBrevError } from '../diagnostics.js';

export interface LetterCacheLimits {
  /** Compiled letters kept at most. */
  maxEntries: number;
  /** Estimated bytes kept at most (the letter last used always stays). */
  maxBytes: number;
}

export interface LetterCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
  maxEntries: number;
  maxBytes: number;
}

/**
 * The defaults: 1,500 letters or 32 MB (estimated) per repository, that is per render thread,
 * whichever comes first: about 110 composed letters of the sample kind, so that a server with
 * 2 threads stays under 700 MB over a repository of any size (docs/operations.md has the
 * figures); configurable with KP_BREV_CACHE_ENTRIES and KP_BREV_CACHE_MB.
 */
export function defaultCacheLimits(env: NodeJS.ProcessEnv = process.env): LetterCacheLimits {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new KpBrevError('input', [diagnostic('limit.cache-env', { name, value: raw })]);
    return n;
  };
  return { maxEntries: Math.floor(num('KP_BREV_CACHE_ENTRIES', 1500)), maxBytes: Math.floor(num('KP_BREV_CACHE_MB', 32) * 1024 * 1024) };
}

export class LetterCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(readonly limits: LetterCacheLimits) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last.
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, bytes: number): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.bytes;
      this.map.delete(key);
    }
    this.map.set(key, { value, bytes });
    this.total += bytes;
    this.evict();
  }

  /** An entry keeps more (or less) than when it was set: what rendering added to it (ooxml/derived.ts). */
  grow(key: string, delta: number): void {
    const e = this.map.get(key);
    if (!e) return;
    e.bytes += delta;
    this.total += delta;
    this.evict();
  }

  private evict(): void {
    for (const [k, e] of this.map) {
      if (this.map.size <= 1 || (this.map.size <= this.limits.maxEntries && this.total <= this.limits.maxBytes)) break;
      this.map.delete(k);
      this.total -= e.bytes;
      this.evictions++;
    }
  }

  get size(): number {
    return this.map.size;
  }

  stats(): LetterCacheStats {
    return { entries: this.map.size, bytes: this.total, hits: this.hits, misses: this.misses, evictions: this.evictions, ...this.limits };
  }
}
