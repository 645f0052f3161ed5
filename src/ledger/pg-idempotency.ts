/**
 * The render API's idempotency keys in the PostgreSQL ledger (table kp_brev_api_letters, made by
 * `kp-brev batch migrate`): one row per (credential, key), so every server instance sharing the
 * database makes a key's letter once. The first request inserts the row with a lease token; a
 * duplicate finds the row and waits for its answer; a server that died holding a key leaves it
 * to be taken over when the lease runs out (fenced by the token, as batch claims are).
 *
 * The answer (the letter's bytes, or the problem) is kept for a retention time (default 24 h)
 * and then erased; the row stays as the audit trail (SHA-256 of the letter, template
 * id@version, pages, the credential, when) and keeps the key used: a request with it after the
 * retention is told that its letter was made, not given a second one.
 */
import type { AnswerAudit, Begin, HeldKey, IdempotencyStore, StoredAnswer } from './idempotency.js';
import type { PgLedger } from './pg-ledger.js';

export interface PgStoreOptions {
  /** Seconds a request holds its key while its letter is made (default 120). */
  leaseSeconds?: number;
  /** How long a duplicate waits for the request in progress (default 30 s). */
  waitMs?: number;
  /** How long an answer is kept (default 24 hours). */
  retentionSeconds?: number;
}

interface Row {
  request_sha256: string;
  state: 'claimed' | 'done';
  lease_token: string | null;
  expired: boolean;
  status: number | null;
  headers: Record<string, string> | null;
  body: Buffer | null;
  finished_at: Date | null;
}

export class PgIdempotencyStore implements IdempotencyStore {
  private readonly leaseSeconds: number;
  private readonly waitMs: number;
  private readonly retentionSeconds: number;
  private lastSweep = 0;

  constructor(
    private readonly ledger: PgLedger,
    options: PgStoreOptions = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 120;
    this.waitMs = options.waitMs ?? 30_000;
    this.retentionSeconds = options.retentionSeconds ?? 24 * 3600;
  }

  async begin(scope: string, key: string, fingerprint: string, audit: AnswerAudit): Promise<Begin> {
    await this.sweep();
    const deadline = Date.now() + this.waitMs;
    let pause = 20;
    for (;;) {
      const inserted = await this.ledger.pool.query<{ lease_token: string }>(
        `INSERT INTO kp_brev_api_letters (credential, idempotency_key, request_sha256, kommune, template, format, state, lease_token, lease_until)
         VALUES ($1, $2, $3, $4, $5, $6, 'claimed', gen_random_uuid(), now() + make_interval(secs => $7))
         ON CONFLICT DO NOTHING RETURNING lease_token`,
        [scope, key, fingerprint, audit.kommune, audit.template, audit.format, this.leaseSeconds],
      );
      if (inserted.rowCount) return { kind: 'new', held: { scope, key, token: inserted.rows[0]!.lease_token } };
      const r = await this.ledger.pool.query<Row>(
        `SELECT request_sha256, state, lease_token, lease_until < now() AS expired, status, headers, body, finished_at
           FROM kp_brev_api_letters WHERE credential = $1 AND idempotency_key = $2`,
        [scope, key],
      );
      const row = r.rows[0];
      if (!row) continue; // released meanwhile: take it
      if (row.request_sha256 !== fingerprint) return { kind: 'conflict' };
      if (row.state === 'done') {
        if (!row.body || row.status === null) return { kind: 'expired', madeAt: row.finished_at ?? new Date(0) };
        return { kind: 'replay', answer: { status: row.status, headers: row.headers ?? {}, body: new Uint8Array(row.body) } };
      }
      if (row.expired) {
        // The server that held the key stopped: take it over, fencing off its late answer.
        const taken = await this.ledger.pool.query<{ lease_token: string }>(
          `UPDATE kp_brev_api_letters SET lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => $4)
            WHERE credential = $1 AND idempotency_key = $2 AND state = 'claimed' AND lease_token = $3 RETURNING lease_token`,
          [scope, key, row.lease_token, this.leaseSeconds],
        );
        if (taken.rowCount) return { kind: 'new', held: { scope, key, token: taken.rows[0]!.lease_token } };
        continue;
      }
      if (Date.now() >= deadline) return { kind: 'in-progress' };
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(250, pause * 2);
    }
  }

  async finish(held: HeldKey, answer: StoredAnswer, audit: AnswerAudit): Promise<boolean> {
    const r = await this.ledger.pool.query(
      `UPDATE kp_brev_api_letters
          SET state = 'done', lease_token = NULL, lease_until = NULL, status = $4, headers = $5, body = $6,
              output_sha256 = $7, template_version = $8, pages = $9, finished_at = now(), expires_at = now() + make_interval(secs => $10)
        WHERE credential = $1 AND idempotency_key = $2 AND state = 'claimed' AND lease_token = $3`,
      [
        held.scope,
        held.key,
        held.token,
        answer.status,
        JSON.stringify(answer.headers),
        Buffer.from(answer.body),
        audit.sha256 ?? null,
        audit.version ?? null,
        audit.pages ?? null,
        this.retentionSeconds,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async release(held: HeldKey): Promise<void> {
    await this.ledger.pool.query(`DELETE FROM kp_brev_api_letters WHERE credential = $1 AND idempotency_key = $2 AND state = 'claimed' AND lease_token = $3`, [
      held.scope,
      held.key,
      held.token,
    ]);
  }

  /** Erases the answers past their retention (at most once a minute): the stored letters stay bounded. */
  async sweep(force = false): Promise<number> {
    if (!force && Date.now() - this.lastSweep < 60_000) return 0;
    this.lastSweep = Date.now();
    const r = await this.ledger.pool.query(`UPDATE kp_brev_api_letters SET body = NULL, headers = NULL WHERE body IS NOT NULL AND expires_at < now()`);
    return r.rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.ledger.close();
  }
}
