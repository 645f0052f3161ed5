/**
 * POST /v1/letters with an Idempotency-Key (issue 13), with the server's own store (no ledger):
 * concurrent duplicates get one letter made once, a refused letter's problem is replayed, the
 * same key with another request is 409 in Danish or English, a passing failure (503) does not
 * use the key up, keys are the credential's own, and the store stays within its bounds.
 * (The PostgreSQL store across server instances: test/ledger/idempotency.postgres.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryIdempotencyStore, requestFingerprint } from '../../src/ledger/idempotency.js';
import { buildApp } from '../../src/server/app.js';
import { idempotencyStore } from '../../src/server/server.js';
import { newToken } from '../../src/server/auth.js';
import { InlinePool } from '../../src/service/pool.js';
import { openDocx } from '../helpers/inspect.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const missing = { ...karen, fields: Object.fromEntries(Object.entries(karen['fields'] as Record<string, unknown>).filter(([k]) => k !== 'Klage')) };
const s540 = newToken('sonderborg', { kommune: '540' });
const s751 = newToken('aarhus', { kommune: '751' });
const credentials = [s540.credential, s751.credential];

/** Letters and failures the server counted (made, not replayed), from /metrics. */
async function counted(app: FastifyInstance): Promise<{ letters: number; failures: number }> {
  const text = (await app.inject({ url: '/metrics' })).body;
  const sum = (name: string): number =>
    text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .reduce((a, l) => a + Number(l.split(' ').pop()), 0);
  return { letters: sum('kpbrev_letters_rendered_total'), failures: sum('kpbrev_letter_failures_total') };
}

describe('POST /v1/letters with an Idempotency-Key (the server\u2019s own store)', () => {
  let app: FastifyInstance;
  const store = new MemoryIdempotencyStore();
  beforeAll(async () => {
    app = await buildApp({ templatesDir: templates, credentials, pool: new InlinePool({ threads: 2 }), idempotency: store });
  });
  afterAll(async () => {
    await app.close();
  });
  const send = (key: string | undefined, body: unknown, token = s540, lang = 'da') =>
    app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: body as object,
      headers: { authorization: `Bearer ${token.token}`, 'accept-language': lang, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
    });

  it('makes one letter for concurrent duplicates and gives every one of them the same bytes', async () => {
    const before = await counted(app);
    const body = { template: 'np_1004', context: karen, format: 'docx' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => send('brev-karen-1', body)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const first = answers[0]!.rawPayload;
    for (const r of answers) expect(r.rawPayload.equals(first)).toBe(true);
    expect(openDocx(first).texts()).toContain('Kære Karen');
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(7);
    for (const r of answers) expect(r.headers['x-template-version']).toBe('np_1004@5');
    expect((await counted(app)).letters - before.letters).toBe(1);
    // The same request written in another key order, later: the same letter, not a new one.
    const later = await send('brev-karen-1', { format: 'docx', context: karen, template: 'np_1004' });
    expect(later.rawPayload.equals(first)).toBe(true);
    expect((await counted(app)).letters - before.letters).toBe(1);
    // Without a key, every request is a new letter.
    await send(undefined, body);
    await send(undefined, body);
    expect((await counted(app)).letters - before.letters).toBe(3);
  });

  it('answers the same key with another request 409, in Danish and in English', async () => {
    expect((await send('brev-karen-2', { template: 'np_1004', context: karen })).statusCode).toBe(200);
    const da = await send('brev-karen-2', { template: 'np_1004', context: karen, format: 'docx' });
    expect(da.statusCode).toBe(409);
    expect(da.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(da.json()).toMatchObject({ type: 'urn:kp-brev:problem:idempotency-conflict', title: 'Nøglen er brugt til en anden forespørgsel', status: 409 });
    expect(da.json().detail).toBe(
      'Nøglen "brev-karen-2" (Idempotency-Key) er allerede brugt til en anden forespørgsel; brevet til den dannes ikke igen. Brug en ny nøgle til et nyt brev.',
    );
    const en = await send('brev-karen-2', { template: 'np_1004', context: { ...karen, fields: { ...(karen['fields'] as object), Ekstra: 1 } } }, s540, 'en');
    expect(en.statusCode).toBe(409);
    expect(en.json().detail).toBe(
      'The key "brev-karen-2" (Idempotency-Key) was already used for another request; its letter is not made again. Use a new key for a new letter.',
    );
    // A key that is not 1-255 visible ASCII characters is a bad request.
    const bad = await send('nøgle med mellemrum', { template: 'np_1004', context: karen });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ code: 'validation.pattern', path: 'idempotency-key:' });
  });

  it('replays a refused letter\u2019s problem without trying again', async () => {
    const before = await counted(app);
    const body = { template: 'np_1004', context: missing };
    const first = await send('brev-uden-frist', body);
    expect(first.statusCode).toBe(422);
    expect(first.json().errors.map((e: { field: string }) => e.field)).toContain('Klage.Frist');
    const again = await send('brev-uden-frist', body);
    expect(again.statusCode).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await counted(app)).failures - before.failures).toBe(1);
  });

  it('keeps a key to its credential: another municipality\u2019s same key is its own letter', async () => {
    const body = { template: 'np_1004', context: karen, format: 'docx' };
    const a = await send('faelles-noegle', body, s540);
    const b = await send('faelles-noegle', body, s751);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does not use the key up when the server is busy (503): the retry makes the letter', async () => {
    const shared = new MemoryIdempotencyStore();
    const busy = await buildApp({ templatesDir: templates, credentials, pool: new InlinePool({ threads: 0, maxQueue: 0 }), idempotency: shared });
    const ready = await buildApp({ templatesDir: templates, credentials, pool: new InlinePool({ threads: 1 }), idempotency: shared });
    try {
      const body = { template: 'np_1004', context: karen, format: 'docx' };
      const headers = { authorization: `Bearer ${s540.token}`, 'idempotency-key': 'travlt' };
      const r1 = await busy.inject({ method: 'POST', url: '/v1/letters', payload: body, headers });
      expect(r1.statusCode).toBe(503);
      expect(r1.headers['retry-after']).toBeDefined();
      const r2 = await ready.inject({ method: 'POST', url: '/v1/letters', payload: body, headers });
      expect(r2.statusCode).toBe(200);
      expect(r2.headers['idempotent-replayed']).toBeUndefined();
      expect(openDocx(r2.rawPayload).texts()).toContain('Kære Karen');
    } finally {
      await busy.close();
      await ready.close();
    }
  });

  it('tells a duplicate that the first request is still being made (409) once it has waited its time', async () => {
    const held = new MemoryIdempotencyStore({ waitMs: 0 });
    const a = await buildApp({ templatesDir: templates, credentials, idempotency: held });
    try {
      const body = { template: 'np_1004', context: karen, format: 'docx' };
      const fingerprint = requestFingerprint({ ...body, pdfa: '2a', preview: false, kommune: '540' });
      // Another request holds the key (the request as the route sees it: defaults applied).
      const begun = await held.begin('540:sonderborg', 'i-gang', fingerprint);
      expect(begun.kind).toBe('new');
      const r = await a.inject({
        method: 'POST',
        url: '/v1/letters',
        payload: body,
        headers: { authorization: `Bearer ${s540.token}`, 'idempotency-key': 'i-gang', 'accept-language': 'en' },
      });
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ type: 'urn:kp-brev:problem:idempotency-in-progress' });
      expect(r.json().detail).toBe(
        'The letter for the key "i-gang" (Idempotency-Key) is still being made by an earlier request. Try again shortly; the same letter is then sent.',
      );
      // Its answer recorded, the duplicate gets it.
      if (begun.kind !== 'new') throw new Error('unreachable');
      await held.finish(begun.held, { status: 200, headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7 stored') });
      const replay = await a.inject({
        method: 'POST',
        url: '/v1/letters',
        payload: body,
        headers: { authorization: `Bearer ${s540.token}`, 'idempotency-key': 'i-gang' },
      });
      expect(replay.statusCode).toBe(200);
      expect(replay.body).toBe('%PDF-1.7 stored');
    } finally {
      await a.close();
    }
  });
});

describe('the server\u2019s own idempotency store', () => {
  const answer = (n: number) => ({ status: 200, headers: {}, body: new Uint8Array(n) });
  const audit = { kommune: '', template: 't', format: 'pdf' };

  it('stays within its bounds: the oldest answers go first, keys in progress stay', async () => {
    const store = new MemoryIdempotencyStore({ maxEntries: 3, maxBytes: 10_000 });
    const pending = await store.begin('s', 'in-progress', 'f', audit);
    for (let i = 0; i < 6; i++) {
      const b = await store.begin('s', `k${i}`, 'f', audit);
      if (b.kind !== 'new') throw new Error(b.kind);
      await store.finish(b.held, answer(1000), audit);
      expect(store.size.entries).toBeLessThanOrEqual(3);
      expect(store.size.bytes).toBeLessThanOrEqual(10_000);
    }
    // k5 and k4 are kept, k0 is gone (a new letter), the key in progress is still held.
    expect((await store.begin('s', 'k5', 'f', audit)).kind).toBe('replay');
    expect((await store.begin('s', 'k0', 'f', audit)).kind).toBe('new');
    expect((await store.begin('s', 'in-progress', 'other', audit)).kind).toBe('conflict');
    expect(pending.kind).toBe('new');
    // By bytes: an answer larger than the whole store is not kept; three of 4,000 bytes keep two.
    const bytes = new MemoryIdempotencyStore({ maxEntries: 100, maxBytes: 10_000 });
    for (let i = 0; i < 3; i++) {
      const b = await bytes.begin('s', `b${i}`, 'f', audit);
      if (b.kind === 'new') await bytes.finish(b.held, answer(4000), audit);
    }
    expect(bytes.size.entries).toBe(2);
    const huge = await bytes.begin('s', 'huge', 'f', audit);
    if (huge.kind === 'new') await bytes.finish(huge.held, answer(20_000), audit);
    expect((await bytes.begin('s', 'huge', 'f', audit)).kind).toBe('new');
  });

  it('forgets answers past their time', async () => {
    const store = new MemoryIdempotencyStore({ ttlMs: 0 });
    const b = await store.begin('s', 'k', 'f', audit);
    if (b.kind !== 'new') throw new Error(b.kind);
    await store.finish(b.held, answer(10), audit);
    expect((await store.begin('s', 'k', 'f', audit)).kind).toBe('new');
    expect(store.size.bytes).toBe(0);
  });

  it('keeps the answers as long as the server\u2019s idempotencyHours says, without a ledger too', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const store = await idempotencyStore({ idempotencyHours: 2 });
      const b = await store.begin('s', 'k', 'f', audit);
      if (b.kind !== 'new') throw new Error(b.kind);
      await store.finish(b.held, answer(10), audit);
      vi.setSystemTime(Date.now() + 90 * 60_000);
      expect((await store.begin('s', 'k', 'f', audit)).kind).toBe('replay');
      vi.setSystemTime(Date.now() + 60 * 60_000);
      expect((await store.begin('s', 'k', 'f', audit)).kind).toBe('new');
    } finally {
      vi.useRealTimers();
    }
  });

  it('fingerprints a request by its content, whatever the key order', () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(requestFingerprint(reorder(a))).toBe(requestFingerprint(a));
        expect(requestFingerprint(a) === requestFingerprint(b)).toBe(isDeepStrictEqual(plain(a), plain(b)));
      }),
    );
  });
});
