/**
 * POST /v1/letters with an Idempotency-Key over the PostgreSQL ledger (issue 13), on a real,
 * throwaway PostgreSQL (test/helpers/postgres.ts): two server instances sharing the database get
 * concurrent duplicate requests and make the letter once; the ledger row is the audit trail; a
 * key held by a server that stopped is taken over when its lease runs out and the late answer is
 * fenced off; after the retention the letter's copy is erased and the key stays used.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../src/ledger/idempotency.js';
import { PgIdempotencyStore } from '../../src/ledger/pg-idempotency.js';
import { PgLedger } from '../../src/ledger/pg-ledger.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { InlinePool } from '../../src/service/pool.js';
import { openDocx } from '../helpers/inspect.js';
import { havePostgres, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const s540 = newToken('sonderborg', { kommune: '540' });
const credentials = [s540.credential];
const present = havePostgres();

async function letters(app: FastifyInstance): Promise<number> {
  const text = (await app.inject({ url: '/metrics' })).body;
  return text
    .split('\n')
    .filter((l) => l.startsWith('kpbrev_letters_rendered_total'))
    .reduce((a, l) => a + Number(l.split(' ').pop()), 0);
}

describe.skipIf(!present)('Idempotency-Key over the PostgreSQL ledger', () => {
  let db: TestPostgres;
  let client: pg.Client;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    db = startPostgres();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const ledger = new PgLedger(db.url);
    await ledger.migrate();
    await ledger.close();
    // Two server instances, each with its own connection pool, on one database.
    for (let i = 0; i < 2; i++)
      apps.push(
        await buildApp({
          templatesDir: templates,
          credentials,
          pool: new InlinePool({ threads: 2 }),
          idempotency: new PgIdempotencyStore(new PgLedger(db.url)),
        }),
      );
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await client?.end();
    db?.stop();
  });
  const send = (app: FastifyInstance, key: string, body: unknown, lang = 'da') =>
    app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: body as object,
      headers: { authorization: `Bearer ${s540.token}`, 'idempotency-key': key, 'accept-language': lang },
    });

  it('makes one letter for concurrent duplicates sent to two server instances, and records it', async () => {
    const body = { template: 'np_1004', context: karen, format: 'docx' };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send(apps[i % 2]!, 'sag-4711-np_1004', body)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const first = answers[0]!.rawPayload;
    for (const r of answers) expect(r.rawPayload.equals(first)).toBe(true);
    expect(openDocx(first).texts()).toContain('Kære Karen');
    expect((await letters(apps[0]!)) + (await letters(apps[1]!))).toBe(1);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(9);
    // The audit trail: who asked, which template version, the letter's SHA-256.
    const rows = (
      await client.query(
        `SELECT credential, kommune, template, format, state, output_sha256, template_version, lease_token FROM kp_brev_api_letters WHERE idempotency_key = 'sag-4711-np_1004'`,
      )
    ).rows;
    expect(rows).toEqual([
      {
        credential: '540:sonderborg',
        kommune: '540',
        template: 'np_1004',
        format: 'docx',
        state: 'done',
        output_sha256: createHash('sha256').update(first).digest('hex'),
        template_version: 'np_1004@5',
        lease_token: null,
      },
    ]);
    // Another request with the key: 409, from either instance, in Danish or English.
    const other = await send(apps[1]!, 'sag-4711-np_1004', { ...body, format: 'pdf' }, 'en');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ type: 'urn:kp-brev:problem:idempotency-conflict', title: 'Key used for another request' });
  });

  it('takes over a key whose server stopped while holding it, and fences off that server\u2019s late answer', async () => {
    const body = { template: 'np_1004', context: karen, format: 'docx' };
    const fingerprint = requestFingerprint({ ...body, pdfa: '2a', preview: false, kommune: '540' });
    // A server that took the key with a lease of 0 seconds and then stopped.
    const stopped = new PgIdempotencyStore(new PgLedger(db.url), { leaseSeconds: 0 });
    const begun = await stopped.begin('540:sonderborg', 'forladt', fingerprint, { kommune: '540', template: 'np_1004', format: 'docx' });
    if (begun.kind !== 'new') throw new Error(begun.kind);
    const r = await send(apps[0]!, 'forladt', body);
    expect(r.statusCode).toBe(200);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
    // The stopped server wakes up: its answer is not recorded, the letter made is the one kept.
    expect(
      await stopped.finish(begun.held, { status: 200, headers: {}, body: Buffer.from('sent') }, { kommune: '540', template: 'np_1004', format: 'docx' }),
    ).toBe(false);
    const again = await send(apps[1]!, 'forladt', body);
    expect(again.rawPayload.equals(r.rawPayload)).toBe(true);
    await stopped.close();
  });

  it('erases the letter\u2019s copy after the retention and keeps the key used (409), with the audit row', async () => {
    const brief = new PgIdempotencyStore(new PgLedger(db.url), { retentionSeconds: 0 });
    const app = await buildApp({ templatesDir: templates, credentials, idempotency: brief });
    try {
      const body = { template: 'np_1004', context: karen, format: 'docx' };
      expect((await send(app, 'kort-tid', body)).statusCode).toBe(200);
      expect(await brief.sweep(true)).toBe(1);
      const row = (await client.query(`SELECT body, output_sha256, template_version FROM kp_brev_api_letters WHERE idempotency_key = 'kort-tid'`)).rows[0];
      expect(row.body).toBeNull();
      expect(row.output_sha256).toMatch(/^[0-9a-f]{64}$/);
      const late = await send(app, 'kort-tid', body);
      expect(late.statusCode).toBe(409);
      expect(late.json().type).toBe('urn:kp-brev:problem:idempotency-expired');
      expect(late.json().detail).toMatch(/^Brevet til nøglen "kort-tid" \(Idempotency-Key\) blev dannet \d{4}-\d\d-\d\dT[\d:.]+Z; kopien gemmes ikke længere/);
      expect(await letters(app)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After, making no letter, when the ledger cannot be reached', async () => {
    const app = await buildApp({
      templatesDir: templates,
      credentials,
      idempotency: new PgIdempotencyStore(new PgLedger('postgresql://kpbrev@/postgres?host=/nonexistent-kp-brev')),
    });
    try {
      const r = await send(app, 'ingen-db', { template: 'np_1004', context: karen }, 'en');
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json()).toMatchObject({ type: 'urn:kp-brev:problem:ledger-unavailable', title: 'Ledger unavailable' });
      expect(await letters(app)).toBe(0);
    } finally {
      await app.close();
    }
  });
});
