/**
 * The tables kp-brev keeps in PostgreSQL, and their migrations: the batch ledger's letters
 * (src/ledger/pg-ledger.ts) and the render API's idempotency keys (src/ledger/pg-idempotency.ts)
 * share one schema, one version and one `kp-brev batch migrate`. Each step runs once, in order,
 * under an advisory lock, so servers and workers starting together migrate once.
 */
import type pg from 'pg';

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS kp_brev_letters (
     run text NOT NULL,
     kommune text NOT NULL DEFAULT '',
     template text NOT NULL,
     case_id text NOT NULL,
     case_sha256 text NOT NULL,
     line integer,
     input jsonb,
     state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done', 'failed')),
     lease_token uuid,
     lease_until timestamptz,
     attempts integer NOT NULL DEFAULT 0,
     worker text,
     format text NOT NULL,
     output_file text,
     output_sha256 text,
     template_version text,
     pages integer,
     requested_by text,
     reason text,
     problems jsonb,
     created_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz,
     PRIMARY KEY (run, kommune, template, case_id)
   );
   CREATE INDEX IF NOT EXISTS kp_brev_letters_claimable ON kp_brev_letters (run, kommune, state);
   CREATE TABLE IF NOT EXISTS kp_brev_schema (version integer NOT NULL);`,
  // 2: letters stored in the ledger (bytea) when a run asks for it; the lease tokens indexed
  // (a worker looks up whose temporary files are abandoned); the render API's idempotency keys.
  // Claims look only at the open cases (a run's finished rows are never scanned again), and
  // within a municipality at the claimed ones first (whose lease may have run out) in index order.
  `ALTER TABLE kp_brev_letters ADD COLUMN IF NOT EXISTS output bytea;
   DROP INDEX IF EXISTS kp_brev_letters_claimable;
   CREATE INDEX IF NOT EXISTS kp_brev_letters_open ON kp_brev_letters (run, kommune, state) WHERE state IN ('pending', 'claimed');
   CREATE INDEX IF NOT EXISTS kp_brev_letters_lease ON kp_brev_letters (lease_token) WHERE lease_token IS NOT NULL;
   CREATE TABLE IF NOT EXISTS kp_brev_api_letters (
     credential text NOT NULL,
     idempotency_key text NOT NULL,
     request_sha256 text NOT NULL,
     kommune text NOT NULL DEFAULT '',
     template text NOT NULL,
     format text NOT NULL,
     state text NOT NULL CHECK (state IN ('claimed', 'done')),
     lease_token uuid,
     lease_until timestamptz,
     status integer,
     headers jsonb,
     body bytea,
     output_sha256 text,
     template_version text,
     pages integer,
     created_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz,
     expires_at timestamptz,
     PRIMARY KEY (credential, idempotency_key)
   );
   CREATE INDEX IF NOT EXISTS kp_brev_api_letters_expiry ON kp_brev_api_letters (expires_at) WHERE body IS NOT NULL;`,
];

/** The schema's version in the database (0: none yet). */
export async function schemaVersion(pool: pg.Pool): Promise<number> {
  const t = await pool.query<{ t: string | null }>(`SELECT to_regclass('kp_brev_schema')::text AS t`);
  if (!t.rows[0]?.t) return 0;
  const r = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM kp_brev_schema');
  return r.rows[0]?.v ?? 0;
}

/** Creates or updates the tables; returns the steps taken (0 when up to date, without DDL). */
export async function migrate(pool: pg.Pool): Promise<number> {
  if ((await schemaVersion(pool)) >= MIGRATIONS.length) return 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One migration at a time, whoever else runs it.
    await client.query('SELECT pg_advisory_xact_lock(421300)');
    await client.query('CREATE TABLE IF NOT EXISTS kp_brev_schema (version integer NOT NULL)');
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM kp_brev_schema');
    const from = r.rows[0]?.v ?? 0;
    for (let v = from; v < MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v]!);
      await client.query('INSERT INTO kp_brev_schema (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
    return MIGRATIONS.length - from;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
