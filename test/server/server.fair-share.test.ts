/**
 * Fair share between municipalities (issue 18): a request rate and a number of requests in
 * progress per credential, 429 with Retry-After beyond either while other municipalities are
 * served, and metrics per municipality (requests, latency, refusals) without personal data.
 * No timing: a limit of N requests in a window of an hour, and a batch stream held open.
 */
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { testIdp, type TestIdp } from '../helpers/jwks.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const s540 = newToken('sonderborg', { kommune: '540' });
const s540b = newToken('sonderborg-2', { kommune: '540' });
const s751 = newToken('aarhus', { kommune: '751' });
const admin = newToken('drift', { admin: true });
const credentials = [s540.credential, s540b.credential, s751.credential, admin.credential];
const bearer = (token: string, lang?: string): Record<string, string> => ({ authorization: `Bearer ${token}`, ...(lang ? { 'accept-language': lang } : {}) });

describe('request rate per credential', () => {
  let app: FastifyInstance;
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await testIdp();
    app = await buildApp({
      templatesDir: templates,
      credentials,
      rateLimit: { max: 3, windowSeconds: 3600 },
      jwt: { issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.jwksUrl },
    });
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });
  const get = (token: string, lang?: string) => app.inject({ url: '/v1/kommuner', headers: bearer(token, lang) });

  it('the fourth request in the window is 429 with Retry-After; another municipality and the health checks are still answered', async () => {
    for (let i = 0; i < 3; i++) expect((await get(s540.token)).statusCode).toBe(200);
    const r = await get(s540.token);
    expect(r.statusCode).toBe(429);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const after = Number(r.headers['retry-after']);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(3600);
    expect(r.json()).toMatchObject({ type: 'urn:kp-brev:problem:too-many-requests', title: 'For mange forespørgsler', status: 429 });
    expect(r.json().detail).toBe(`Denne adgang har sendt over 3 forespørgsler på 3600 sekunder. Prøv igen om ${after} ${after === 1 ? 'sekund' : 'sekunder'}.`);
    const en = await get(s540.token, 'en');
    expect(en.json().detail).toMatch(/^This credential has sent more than 3 requests in 3600 seconds\. Try again in \d+ seconds?\.$/);
    // Aarhus's letters are not held up by Sønderborg's.
    expect((await get(s751.token)).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it("a municipality's credentials and tokens share one allowance; an administrator has its own", async () => {
    // Sønderborg's second credential and a JWT naming 540 are over the same limit.
    expect((await get(s540b.token)).statusCode).toBe(429);
    expect((await get(await idp.sign({ kommune: '540' }))).statusCode).toBe(429);
    expect((await get(admin.token)).statusCode).toBe(200);
  });

  it('a request without a valid credential is refused as such (401), not counted against anyone', async () => {
    expect((await get('kpb_ukendt')).statusCode).toBe(401);
    expect((await get(s751.token)).statusCode).toBe(200);
  });

  it('the metrics count requests, latency and refusals per municipality, and hold no personal data', async () => {
    await app.inject({ method: 'POST', url: '/v1/letters:validate', headers: bearer(admin.token), payload: { template: 'np_1004', context: karen } });
    const text = (await app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(/^kpbrev_kommune_requests_total\{kommune="540",status="200"\} 3$/m);
    expect(text).toMatch(/^kpbrev_kommune_requests_total\{kommune="540",status="429"\} [4-9]$/m);
    expect(text).toMatch(/^kpbrev_kommune_refusals_total\{kommune="540",reason="rate-limited"\} [4-9]$/m);
    expect(text).toMatch(/^kpbrev_kommune_refusals_total\{kommune="ingen",reason="unauthorized"\} 1$/m);
    expect(text).toMatch(/^kpbrev_kommune_request_duration_seconds_count\{kommune="751"\} 2$/m);
    expect(text).toMatch(/^kpbrev_kommune_requests_total\{kommune="admin",status="200"\} 2$/m);
    // No name, CPR number, address, credential name or token in any label.
    const fields = karen['fields'] as Record<string, unknown>;
    for (const value of Object.values(fields).filter((v): v is string => typeof v === 'string' && v.length > 3)) expect(text).not.toContain(value);
    for (const word of ['sonderborg', 'aarhus', 'drift', s540.token]) expect(text).not.toContain(word);
  });
});

describe('requests in progress per credential', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = await buildApp({ templatesDir: templates, credentials, rateLimit: { concurrent: 1 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
  });

  it('while a batch stream is open, the same municipality gets 429 and another is served; once it ends, the first is served again', async () => {
    // A batch whose body stays open after its first case: the request is in progress.
    const batch = request(`${base}/v1/letters:batch?template=np_1004&format=docx`, {
      method: 'POST',
      headers: { ...bearer(s540.token), 'content-type': 'application/x-ndjson' },
    });
    const response = new Promise<IncomingMessage>((resolve) => batch.on('response', resolve));
    batch.write(JSON.stringify({ id: 'a', ...karen }) + '\n');
    const res = await response;
    expect(res.statusCode).toBe(200);
    let body = '';
    res.setEncoding('utf8');
    const firstLine = new Promise<void>((resolve) => {
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.includes('\n')) resolve();
      });
    });
    await firstLine;
    expect(JSON.parse(body.split('\n')[0]!)).toMatchObject({ id: 'a', ok: true });

    const busy = await fetch(`${base}/v1/kommuner`, { headers: bearer(s540b.token) });
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('1');
    const problem = (await busy.json()) as { type: string; detail: string };
    expect(problem.type).toBe('urn:kp-brev:problem:too-many-requests');
    expect(problem.detail).toBe('Denne adgang har allerede 1 forespørgsel i gang, og flere på én gang kan den ikke have. Prøv igen om 1 sekund.');
    expect((await fetch(`${base}/v1/kommuner`, { headers: bearer(s751.token) })).status).toBe(200);

    const ended = new Promise<void>((resolve) => res.on('end', resolve));
    batch.end(JSON.stringify({ id: 'b', ...karen }) + '\n');
    await ended;
    expect(body.trim().split('\n')).toHaveLength(2);
    expect((await fetch(`${base}/v1/kommuner`, { headers: bearer(s540.token) })).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^kpbrev_kommune_refusals_total\{kommune="540",reason="concurrency-limited"\} 1$/m);
  });

  it('a caller that goes away gives its place back', async () => {
    const batch = request(`${base}/v1/letters:batch?template=np_1004&format=docx`, {
      method: 'POST',
      headers: { ...bearer(s751.token), 'content-type': 'application/x-ndjson' },
    });
    const response = new Promise<IncomingMessage>((resolve) => batch.on('response', resolve));
    batch.write(JSON.stringify({ id: 'a', ...karen }) + '\n');
    const res = await response;
    expect((await fetch(`${base}/v1/kommuner`, { headers: bearer(s751.token) })).status).toBe(429);
    res.resume();
    batch.on('error', () => undefined);
    batch.destroy();
    // Wait for the condition, not a duration: the server notices the closed connection.
    let status = 429;
    while (status === 429) {
      await new Promise((resolve) => setImmediate(resolve));
      status = (await fetch(`${base}/v1/kommuner`, { headers: bearer(s751.token) })).status;
    }
    expect(status).toBe(200);
  });
});
