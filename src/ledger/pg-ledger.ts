/**
 * The PostgreSQL ledger and work queue of year-end batches (issue 13), on the `pg` driver with
 * `FOR UPDATE SKIP LOCKED` (docs/decisions.md says why not a job library).
 *
 * One row per case of a run, keyed (run, kommune, template, case_id): a second letter for a case
 * cannot be recorded, whichever worker, restart or rerun tries. A worker claims a few cases at a
 * time, one per municipality in turn (fair share), each with a fresh lease token and a lease
 * time; it commits a letter only while its token is the row's and the lease has not run out
 * (fencing): a worker paused past its lease cannot commit, and the case is made by whoever
 * claimed it after. The case itself (`input`) is held only until the case is done or failed,
 * then erased: what stays is the audit trail (output SHA-256, template id@version with the
 * override's version, pages, who asked), never a CPR number or letter text.
 */
import pg from 'pg';
import { migrate, schemaVersion } from './pg-schema.js';

export interface LedgerCase {
  run: string;
  kommune: string;
  template: string;
  caseId: string;
  caseSha256: string;
  line: number;
  format: string;
  requestedBy: string;
  /** The case context to render, or a reason the case cannot be made (a bad line). */
  input?: Record<string, unknown>;
  failed?: { reason: string; problems: unknown[] };
}

export interface EnqueueResult {
  added: number;
  /** Cases already in the run (whatever happened to them then). */
  already: number;
  /** Failed cases queued again from the new line (`retryFailed`). */
  retried: number;
  /** Cases still waiting whose changed line replaced the queued one. */
  updated: number;
  /** Failed cases left failed (without `retryFailed`). */
  failedEarlier: number;
  /** Cases made (or being made) whose line has changed: reported, not made again. */
  changed: Array<{ kommune: string; caseId: string; line: number }>;
}

export interface RunStatus {
  rows: Array<{ kommune: string; template: string; pending: number; claimed: number; done: number; failed: number }>;
  reasons: Array<{ reason: string; count: number }>;
  errors: Array<{ kommune: string; template: string; case_id: string; reason: string; problems: unknown }>;
}

/** What became of a claimed case: its letter (in a file, or its bytes in the row), or why not. */
export type Outcome =
  | { ok: true; file: string | null; sha256: string; version: string; pages: number | undefined; bytes?: Uint8Array }
  | { ok: false; reason: string; problems: unknown[]; version?: string };

export interface Claim {
  run: string;
  kommune: string;
  template: string;
  caseId: string;
  format: string;
  input: Record<string, unknown>;
  token: string;
  /**
   * When the lease runs out at the latest, by this process's clock (ms since the epoch): the
   * claim was asked for at this time minus the lease, so the database's lease ends no earlier.
   */
  until: number;
}

export class PgLedger {
  readonly pool: pg.Pool;
  /**
   * The connection claims go through, opened at the first claim: its commits do not wait for
   * the write-ahead log's flush (synchronous_commit off). A claim lost in a crash of the server
   * leaves its case claimable (its former token back, no longer held), and its worker's commit
   * is refused by the token check; a commit that records a letter is synchronous, and flushing
   * its log flushes the claim it depends on, written before it.
   */
  private claimer: pg.Pool | undefined;
  private readonly connectionString: string;
  private turn = 0;
  /** The municipalities of a run with open cases, as last looked up. */
  private open: { run: string; at: number; kommuner: string[] } | undefined;

  constructor(connectionString: string) {
    this.connectionString = connectionString;
    this.pool = new pg.Pool({ connectionString, max: 4 });
  }

  private get claims(): pg.Pool {
    this.claimer ??= new pg.Pool({ connectionString: this.connectionString, max: 1, options: '-c synchronous_commit=off' });
    return this.claimer;
  }

  /** The schema's version in the database (0: none yet). */
  schemaVersion(): Promise<number> {
    return schemaVersion(this.pool);
  }

  /** Creates or updates the tables; returns the steps taken (0 when up to date, without DDL). */
  migrate(): Promise<number> {
    return migrate(this.pool);
  }

  /**
   * Adds cases to a run. A case already there (same key) is not added again: if it failed and
   * `retryFailed` is set, it is queued again from this (corrected) line; if it is still waiting,
   * its changed line replaces the one queued; if it was made (or is being made) and its line has
   * changed, it is reported, not made again.
   */
  async enqueue(cases: LedgerCase[], opts: { retryFailed?: boolean } = {}): Promise<EnqueueResult> {
    const result: EnqueueResult = { added: 0, already: 0, retried: 0, updated: 0, failedEarlier: 0, changed: [] };
    if (!cases.length) return result;
    const cols = [
      'run',
      'kommune',
      'template',
      'case_id',
      'case_sha256',
      'line',
      'format',
      'requested_by',
      'input',
      'state',
      'reason',
      'problems',
      'finished_at',
    ];
    const values: unknown[] = [];
    const rows = cases.map((c, i) => {
      values.push(
        c.run,
        c.kommune,
        c.template,
        c.caseId,
        c.caseSha256,
        c.line,
        c.format,
        c.requestedBy,
        c.input ? JSON.stringify(c.input) : null,
        c.failed ? 'failed' : 'pending',
        c.failed?.reason ?? null,
        c.failed ? JSON.stringify(c.failed.problems) : null,
        c.failed ? new Date() : null,
      );
      return `(${cols.map((_, j) => `$${i * cols.length + j + 1}`).join(', ')})`;
    });
    const inserted = await this.pool.query<{ kommune: string; template: string; case_id: string }>(
      `INSERT INTO kp_brev_letters (${cols.join(', ')}) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING RETURNING kommune, template, case_id`,
      values,
    );
    result.added = inserted.rowCount ?? 0;
    const key = (k: string, t: string, id: string): string => `${k}\n${t}\n${id}`;
    const added = new Set(inserted.rows.map((r) => key(r.kommune, r.template, r.case_id)));
    const rest = cases.filter((c) => !added.has(key(c.kommune, c.template, c.caseId)));
    result.already = rest.length;
    if (!rest.length) return result;
    const run = rest[0]!.run;
    const found = await this.pool.query<{ kommune: string; template: string; case_id: string; state: string; case_sha256: string }>(
      `SELECT l.kommune, l.template, l.case_id, l.state, l.case_sha256 FROM kp_brev_letters l
         JOIN unnest($2::text[], $3::text[], $4::text[]) AS k(kommune, template, case_id) USING (kommune, template, case_id)
        WHERE l.run = $1`,
      [run, rest.map((c) => c.kommune), rest.map((c) => c.template), rest.map((c) => c.caseId)],
    );
    const byKey = new Map(found.rows.map((r) => [key(r.kommune, r.template, r.case_id), r]));
    const again: LedgerCase[] = [];
    const replace: LedgerCase[] = [];
    for (const c of rest) {
      const row = byKey.get(key(c.kommune, c.template, c.caseId));
      if (!row) continue;
      const changed = row.case_sha256 !== c.caseSha256;
      if (row.state === 'failed') {
        if (opts.retryFailed) again.push(c);
        else result.failedEarlier++;
      } else if (row.state === 'pending') {
        if (changed) replace.push(c);
      } else if (changed) result.changed.push({ kommune: c.kommune, caseId: c.caseId, line: c.line });
    }
    // From the new line: queued again (or failed again, when the line still is no case).
    const update = async (list: LedgerCase[], from: 'failed' | 'pending'): Promise<number> => {
      if (!list.length) return 0;
      const r = await this.pool.query(
        `UPDATE kp_brev_letters l
            SET case_sha256 = n.sha, line = n.line, input = n.input, state = n.state, reason = n.reason, problems = n.problems,
                finished_at = CASE WHEN n.state = 'failed' THEN now() END, lease_token = NULL, lease_until = NULL,
                output_file = NULL, output_sha256 = NULL, output = NULL, template_version = NULL, pages = NULL
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::jsonb[], $8::text[], $9::text[], $10::jsonb[])
                AS n(kommune, template, case_id, sha, line, input, state, reason, problems)
          WHERE l.run = $1 AND l.kommune = n.kommune AND l.template = n.template AND l.case_id = n.case_id AND l.state = $11`,
        [
          run,
          list.map((c) => c.kommune),
          list.map((c) => c.template),
          list.map((c) => c.caseId),
          list.map((c) => c.caseSha256),
          list.map((c) => c.line),
          list.map((c) => (c.input ? JSON.stringify(c.input) : null)),
          list.map((c) => (c.failed ? 'failed' : 'pending')),
          list.map((c) => c.failed?.reason ?? null),
          list.map((c) => (c.failed ? JSON.stringify(c.failed.problems) : null)),
          from,
        ],
      );
      return r.rowCount ?? 0;
    };
    result.retried = await update(again, 'failed');
    result.updated = await update(replace, 'pending');
    return result;
  }

  /**
   * Claims up to `max` cases of a run, one per municipality in turn (starting where this worker
   * left off; several per municipality when fewer have cases left), each with a new lease token;
   * a claimed case whose lease ran out is claimable again, before the municipality's waiting ones. The municipalities with open cases
   * are looked up by a skip scan of the open-cases index and kept for a few seconds.
   */
  async claim(run: string, worker: string, max: number, leaseSeconds: number): Promise<Claim[]> {
    const cached = this.open?.run === run && Date.now() - this.open.at <= 10_000;
    const claims = await this.claimOnce(run, worker, max, leaseSeconds);
    // None from municipalities looked up earlier, which may have run out since: look again.
    return claims.length || !cached ? claims : this.claimOnce(run, worker, max, leaseSeconds);
  }

  private async claimOnce(run: string, worker: string, max: number, leaseSeconds: number): Promise<Claim[]> {
    if (!this.open || this.open.run !== run || Date.now() - this.open.at > 10_000) {
      const k = await this.claims.query<{ kommune: string }>({
        name: 'kp_brev_open_kommuner',
        text: `WITH RECURSIVE k AS (
           SELECT min(kommune) AS kommune FROM kp_brev_letters WHERE run = $1 AND state IN ('pending', 'claimed')
           UNION ALL
           SELECT (SELECT min(kommune) FROM kp_brev_letters WHERE run = $1 AND state IN ('pending', 'claimed') AND kommune > k.kommune) FROM k WHERE k.kommune IS NOT NULL)
         SELECT kommune FROM k WHERE kommune IS NOT NULL`,
        values: [run],
      });
      this.open = { run, at: Date.now(), kommuner: k.rows.map((r) => r.kommune) };
    }
    const all = this.open.kommuner;
    if (!all.length) {
      this.open = undefined;
      return [];
    }
    const start = this.turn++ % all.length;
    const picked = [...all.slice(start), ...all.slice(0, start)].slice(0, max);
    const each = Math.ceil(max / picked.length);
    const asked = Date.now();
    const r = await this.claims.query<{
      run: string;
      kommune: string;
      template: string;
      case_id: string;
      format: string;
      input: Record<string, unknown>;
      lease_token: string;
    }>({
      name: 'kp_brev_claim',
      text: `UPDATE kp_brev_letters l
          SET state = 'claimed', lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => $3), attempts = l.attempts + 1, worker = $4
         FROM (SELECT c.run, c.kommune, c.template, c.case_id
                 FROM unnest($2::text[]) AS m(kommune)
                 CROSS JOIN LATERAL (
                   SELECT x.run, x.kommune, x.template, x.case_id FROM kp_brev_letters x
                    WHERE x.run = $1 AND x.kommune = m.kommune AND x.state IN ('pending', 'claimed') AND (x.state = 'pending' OR x.lease_until < now())
                    ORDER BY x.state LIMIT $5 FOR UPDATE SKIP LOCKED) c) p
        WHERE l.run = p.run AND l.kommune = p.kommune AND l.template = p.template AND l.case_id = p.case_id
        RETURNING l.run, l.kommune, l.template, l.case_id, l.format, l.input, l.lease_token`,
      values: [run, picked, leaseSeconds, worker, each],
    });
    // A municipality without a case to claim: look the open ones up again next time.
    const got = new Set(r.rows.map((x) => x.kommune));
    if (picked.some((k) => !got.has(k))) this.open = undefined;
    return r.rows.map((x) => ({
      run: x.run,
      kommune: x.kommune,
      template: x.template,
      caseId: x.case_id,
      format: x.format,
      input: x.input,
      token: x.lease_token,
      until: asked + leaseSeconds * 1000,
    }));
  }

  /**
   * Gives claims back unmade (a worker stopping with cases claimed ahead): each case still held
   * by its token is claimable again at once, rather than when its lease runs out. Returns how
   * many were given back.
   */
  async release(claims: Claim[]): Promise<number> {
    if (!claims.length) return 0;
    const r = await this.claims.query(
      `UPDATE kp_brev_letters l
          SET state = 'pending', lease_token = NULL, lease_until = NULL, worker = NULL, attempts = greatest(l.attempts - 1, 0)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[]) AS k(run, kommune, template, case_id, token)
        WHERE l.run = k.run AND l.kommune = k.kommune AND l.template = k.template AND l.case_id = k.case_id AND l.lease_token = k.token
          AND l.state = 'claimed'`,
      [claims.map((x) => x.run), claims.map((x) => x.kommune), claims.map((x) => x.template), claims.map((x) => x.caseId), claims.map((x) => x.token)],
    );
    return r.rowCount ?? 0;
  }

  /**
   * Commits a claim's outcome if the claim still holds (its token, its lease not run out): `place`
   * (putting the letter into place) runs inside the transaction, with the row locked, before the
   * commit. Returns false when the claim was fenced off (nothing recorded, `place` not run).
   */
  async finish(claim: Claim, outcome: Outcome, place?: () => Promise<void>): Promise<boolean> {
    const [held] = await this.finishMany([{ claim, outcome, ...(place ? { place } : {}) }]);
    return held!;
  }

  /**
   * Commits the outcomes of several claims in one transaction (one commit, one flush of the
   * write-ahead log, for a group of letters): each claim that still holds is recorded and its
   * letter put into place (`place`, then `placed` once for the group, e.g. to fsync the folder)
   * with its row locked; a claim fenced off is not (false in its place of the answer).
   *
   * One statement records the group and locks its rows, checking each claim as it does (its
   * token, its lease not run out at the transaction's start, the case still claimed; a row
   * another transaction holds is checked again once that one ends); the letters are put into
   * place after it, before the commit.
   */
  async finishMany(items: Array<{ claim: Claim; outcome: Outcome; place?: () => Promise<void> }>, placed?: () => void | Promise<void>): Promise<boolean[]> {
    if (!items.length) return [];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const o = items.map((i) => i.outcome);
      const held = await client.query<{ run: string; kommune: string; template: string; case_id: string }>({
        name: 'kp_brev_finish',
        text: `UPDATE kp_brev_letters l
            SET state = n.state, lease_token = NULL, lease_until = NULL, input = NULL, finished_at = now(),
                output_file = n.file, output_sha256 = n.sha, template_version = n.version, pages = n.pages, reason = n.reason, problems = n.problems, output = n.output
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::jsonb[], $13::bytea[])
                AS n(run, kommune, template, case_id, token, state, file, sha, version, pages, reason, problems, output)
          WHERE l.run = n.run AND l.kommune = n.kommune AND l.template = n.template AND l.case_id = n.case_id
            AND l.lease_token = n.token AND l.state = 'claimed' AND l.lease_until > now()
          RETURNING l.run, l.kommune, l.template, l.case_id`,
        values: [
          items.map((i) => i.claim.run),
          items.map((i) => i.claim.kommune),
          items.map((i) => i.claim.template),
          items.map((i) => i.claim.caseId),
          items.map((i) => i.claim.token),
          o.map((x) => (x.ok ? 'done' : 'failed')),
          o.map((x) => (x.ok ? x.file : null)),
          o.map((x) => (x.ok ? x.sha256 : null)),
          o.map((x) => x.version ?? null),
          o.map((x) => (x.ok ? (x.pages ?? null) : null)),
          o.map((x) => (x.ok ? null : x.reason)),
          o.map((x) => (x.ok ? null : JSON.stringify(x.problems))),
          o.map((x) => (x.ok && x.bytes ? Buffer.from(x.bytes) : null)),
        ],
      });
      const key = (x: { run: string; kommune: string; template: string }, id: string): string => `${x.run}\n${x.kommune}\n${x.template}\n${id}`;
      const holds = new Set(held.rows.map((r) => key(r, r.case_id)));
      const ok = items.map((i) => holds.has(key(i.claim, i.claim.caseId)));
      if (!held.rows.length) {
        await client.query('ROLLBACK');
        return ok;
      }
      let any = false;
      for (const [n, i] of items.entries()) {
        if (ok[n] && i.outcome.ok && i.place) {
          await i.place();
          any = true;
        }
      }
      if (any) await placed?.();
      await client.query('COMMIT');
      return ok;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Progress of a run per municipality and template, the failures counted per reason, and the
   * failed cases with their reasons and problems (by case id: the ledger holds no case text).
   */
  async status(run: string): Promise<RunStatus> {
    const r = await this.pool.query(
      `SELECT kommune, template,
              count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'claimed')::int AS claimed,
              count(*) FILTER (WHERE state = 'done')::int AS done, count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM kp_brev_letters WHERE run = $1 GROUP BY kommune, template ORDER BY kommune, template`,
      [run],
    );
    const reasons = await this.pool.query(
      `SELECT reason, count(*)::int AS count FROM kp_brev_letters WHERE run = $1 AND state = 'failed' GROUP BY reason ORDER BY count DESC, reason`,
      [run],
    );
    const e = await this.pool.query(
      `SELECT kommune, template, case_id, reason, problems FROM kp_brev_letters WHERE run = $1 AND state = 'failed' ORDER BY kommune, template, case_id`,
      [run],
    );
    return { rows: r.rows as never, reasons: reasons.rows as never, errors: e.rows as never };
  }

  /** Of these lease tokens, those some case still holds (claimed, its letter not recorded yet). */
  async liveTokens(tokens: string[]): Promise<Set<string>> {
    if (!tokens.length) return new Set();
    const r = await this.pool.query<{ t: string }>(`SELECT lease_token::text AS t FROM kp_brev_letters WHERE lease_token = ANY($1::uuid[])`, [tokens]);
    return new Set(r.rows.map((x) => x.t));
  }

  async close(): Promise<void> {
    await this.claimer?.end();
    await this.pool.end();
  }
}
