/**
 * Idempotency keys of the render API (issue 13): `POST /v1/letters` with an `Idempotency-Key`
 * header makes its letter once; the same key with the same request gets the same answer (the
 * letter, or the problem it was refused with) without a second letter, the same key with another
 * request is a conflict. A key belongs to the credential that sent it (two municipalities may
 * choose the same key).
 *
 * Two stores: one in this process (`MemoryIdempotencyStore`, the default: bounded in entries,
 * bytes and time, for one server) and one in the PostgreSQL ledger (./pg-idempotency.ts, when a
 * ledger is configured: across server instances and restarts). A request with a key the store
 * holds as in progress waits for it (bounded), so concurrent duplicates get one letter.
 */
import { createHash } from 'node:crypto';

/** An answer as the API gave it, to give again. */
export interface StoredAnswer {
  status: number;
  /** The headers that go with it (content-type, x-template-version, …). */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What a letter answer records besides its bytes (the audit trail). */
export interface AnswerAudit {
  kommune: string;
  template: string;
  format: string;
  sha256?: string;
  version?: string;
  pages?: number | undefined;
}

/** A key taken by this request: finish it with the answer, or release it. */
export interface HeldKey {
  scope: string;
  key: string;
  token: string;
}

export type Begin =
  | { kind: 'new'; held: HeldKey }
  | { kind: 'replay'; answer: StoredAnswer }
  /** The key was used with another request. */
  | { kind: 'conflict' }
  /** The request with this key is still being made (after waiting `waitMs`). */
  | { kind: 'in-progress' }
  /** The letter was made; its copy is no longer kept (the PostgreSQL store keeps the key). */
  | { kind: 'expired'; madeAt: Date };

export interface IdempotencyStore {
  /** Takes the key for this request, or tells what the key holds. */
  begin(scope: string, key: string, fingerprint: string, audit: AnswerAudit): Promise<Begin>;
  /** Records the answer of a held key; false when the hold was lost (another request took the key over). */
  finish(held: HeldKey, answer: StoredAnswer, audit: AnswerAudit): Promise<boolean>;
  /** Gives the key up (the answer was a passing one: busy, a fault), so a retry makes the letter. */
  release(held: HeldKey): Promise<void>;
  close(): Promise<void>;
}

/** Keys are 1 to 255 visible ASCII characters (UUIDs, case numbers, …). */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7e]{1,255}$';

/** JSON with its object keys sorted, so that the same request written in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of a request as parsed (defaults applied), key order aside. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}

export interface MemoryStoreOptions {
  /** Answers kept at most (default 10,000). */
  maxEntries?: number;
  /** Bytes of answers kept at most (default 64 MiB). */
  maxBytes?: number;
  /** How long an answer is kept (default 24 hours). */
  ttlMs?: number;
  /** How long a duplicate waits for the request in progress (default 30 s). */
  waitMs?: number;
}

type Entry =
  | { state: 'pending'; fingerprint: string; token: string; settled: Promise<void>; settle: () => void }
  | { state: 'done'; fingerprint: string; answer: StoredAnswer; expires: number; size: number };

/**
 * The store of one server process: bounded, oldest answers dropped first when the bounds are
 * reached (a key whose answer was dropped makes a new letter). Across instances and restarts,
 * configure the PostgreSQL ledger.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private counter = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly waitMs: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.waitMs = options.waitMs ?? 30_000;
  }

  /** Answers held now (for tests and metrics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  async begin(scope: string, key: string, fingerprint: string, _audit?: AnswerAudit): Promise<Begin> {
    const id = `${scope}\n${key}`;
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      this.expire();
      const e = this.entries.get(id);
      if (!e) {
        let settle!: () => void;
        const settled = new Promise<void>((r) => (settle = r));
        const token = String(++this.counter);
        this.entries.set(id, { state: 'pending', fingerprint, token, settled, settle });
        return { kind: 'new', held: { scope, key, token } };
      }
      if (e.fingerprint !== fingerprint) return { kind: 'conflict' };
      if (e.state === 'done') return { kind: 'replay', answer: e.answer };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'in-progress' };
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([e.settled, new Promise<void>((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
  }

  async finish(held: HeldKey, answer: StoredAnswer, _audit?: AnswerAudit): Promise<boolean> {
    const id = `${held.scope}\n${held.key}`;
    const e = this.entries.get(id);
    if (!e || e.state !== 'pending' || e.token !== held.token) return false;
    const size = answer.body.byteLength + id.length + 256;
    this.entries.delete(id);
    if (size <= this.maxBytes) {
      this.entries.set(id, { state: 'done', fingerprint: e.fingerprint, answer, expires: Date.now() + this.ttlMs, size });
      this.bytes += size;
      this.evict();
    }
    e.settle();
    return true;
  }

  async release(held: HeldKey): Promise<void> {
    const id = `${held.scope}\n${held.key}`;
    const e = this.entries.get(id);
    if (!e || e.state !== 'pending' || e.token !== held.token) return;
    this.entries.delete(id);
    e.settle();
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Drops answers past their time (the Map is in the order answers were recorded, so the oldest come first). */
  private expire(): void {
    const now = Date.now();
    for (const [id, e] of this.entries) {
      if (e.state !== 'done') continue;
      if (e.expires > now) break;
      this.drop(id, e);
    }
  }

  /** Drops the oldest answers until the bounds hold (keys in progress are never dropped). */
  private evict(): void {
    for (const [id, e] of this.entries) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxEntries) return;
      if (e.state === 'done') this.drop(id, e);
    }
  }

  private drop(id: string, e: Extract<Entry, { state: 'done' }>): void {
    this.entries.delete(id);
    this.bytes -= e.size;
  }
}
