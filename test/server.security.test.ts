/**
 * The render API against an attacker (issue 17): credentials follow the matched route for
 * every route and every spelling of its address; no letter with placeholders leaves a
 * production server; an overlong batch line is not read past the limit (over a real socket);
 * bad input of every kind is a 4xx problem, never a 500; template ids that are not the
 * repository's never reach the log as sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { newToken } from '../src/server/auth.js';
import { openDocx } from './helpers/inspect.js';

const root = join(import.meta.dirname, '..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const np1004 = readFileSync(join(templates, 'central/beskedskabeloner/np_1004.docx'));
const s540 = newToken('sonderborg', { kommune: '540' });
const s751 = newToken('aarhus', { kommune: '751' });
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const empty = { fields: {}, questions: {} };
const NDJSON = 'application/x-ndjson';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ templatesDir: templates, credentials: [s540.credential, s751.credential], logger: { stream: logStream } });
});
afterAll(async () => {
  await app.close();
});

/** Every route and method the server has, from Fastify's own route tree (a new route is included by itself). */
function routesOf(server: FastifyInstance): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    const path = (depth ? stack[depth - 1]! : '') + m[2]!;
    stack.length = depth;
    stack.push(path);
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, path });
  }
  return routes;
}

/** The routes answered without a credential; every other route needs one. */
const PUBLIC = ['/', '/app.css', '/:script', '/fonts/:file', '/healthz', '/readyz', '/metrics', '/openapi.json'];

/**
 * A request for each /v1 route that names municipality 540, for 751's credential. Routes that
 * take a municipality refuse it (403); the others take no query parameter at all (400).
 */
const OTHER_KOMMUNE: Record<string, { query: string; payload?: string | Buffer; type?: string; status: number }> = {
  'GET /v1/templates': { query: 'kommune=540', status: 403 },
  'GET /v1/templates/:id': { query: 'kommune=540', status: 403 },
  'GET /v1/kommuner': { query: 'kommune=540', status: 400 },
  'GET /v1/processes': { query: 'kommune=540', status: 400 },
  'GET /v1/samples': { query: 'template=np_1004&kommune=540', status: 400 },
  'POST /v1/letters': { query: '', payload: JSON.stringify({ template: 'np_1004', context: karen, kommune: '540' }), status: 403 },
  'POST /v1/letters:validate': { query: '', payload: JSON.stringify({ template: 'np_1004', context: karen, kommune: '540' }), status: 403 },
  'POST /v1/letters:batch': { query: 'template=np_1004&kommune=540', payload: JSON.stringify({ id: 1, ...karen }) + '\n', type: NDJSON, status: 403 },
  'POST /v1/lint': { query: 'template=np_1004&kommune=540', payload: np1004, type: 'application/octet-stream', status: 400 },
  'POST /v1/preview': { query: '', payload: JSON.stringify({ template: 'np_1004', context: karen, kommune: '540' }), status: 403 },
  'POST /v1/preview/letter': { query: '', payload: JSON.stringify({ template: 'np_1004', context: karen, kommune: '540' }), status: 403 },
};

/** The address of a route, and the same address as an attacker spells it. */
function spellings(path: string): Array<{ url: string; routes: boolean }> {
  const concrete = path.replace(':id', 'np_1004');
  const rest = concrete.slice('/v1/'.length);
  return [
    { url: concrete, routes: true },
    { url: `/v%31/${rest}`, routes: true },
    { url: `/%76%31/${rest}`, routes: true },
    { url: `/v1/%${rest.charCodeAt(0).toString(16)}${rest.slice(1)}`, routes: true },
    { url: `//v1/${rest}`, routes: false },
    { url: `/v1//${rest}`, routes: false },
    { url: `/V1/${rest}`, routes: false },
    { url: `/v1/${rest[0]!.toUpperCase()}${rest.slice(1)}`, routes: false },
  ];
}

describe('credentials follow the matched route, whatever the spelling of the address (issue 17 item 1)', () => {
  it('the attack of the issue: percent-encoded /v1 without a credential is 401 and shows no sample case or catalog', async () => {
    for (const url of ['/v%31/samples?template=np_1004', '/%76%31/processes', '/v%31/kommuner', '/v%31/templates']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(r.body).not.toContain('karen');
      expect(r.body).not.toContain('helbredstillaegskort');
    }
  });

  it('every route is public only when listed, and the list of /v1 routes is the one below', () => {
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThan(20);
    for (const { path } of routes) expect(PUBLIC.includes(path) || path.startsWith('/v1/'), path).toBe(true);
    const v1 = [...new Set(routes.filter((r) => r.path.startsWith('/v1/') && r.method !== 'HEAD').map((r) => `${r.method} ${r.path}`))].sort();
    // A new /v1 route fails here until it has its request in OTHER_KOMMUNE.
    expect(v1).toEqual(Object.keys(OTHER_KOMMUNE).sort());
  });

  it('public routes answer without a credential; every other route and method answers 401', async () => {
    for (const { method, path } of routesOf(app)) {
      const url = path.replace(':script', 'app.js').replace(':file', 'LiberationSans-Regular.ttf').replace(':id', 'np_1004');
      const r = await app.inject({ method: method as InjectOptions['method'], url });
      if (PUBLIC.includes(path)) expect(r.statusCode, `${method} ${url}`).toBe(200);
      else expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('no credential, a wrong one or another municipality\'s, in every spelling of every /v1 route: 401/403/404 (400 for a parameter the route does not take), never 200 or 500', async () => {
    const wrong = bearer(`kpb_${'A'.repeat(43)}`);
    let tried = 0;
    for (const { method, path } of routesOf(app).filter((r) => r.path.startsWith('/v1/'))) {
      const example = OTHER_KOMMUNE[`${method === 'HEAD' ? 'GET' : method} ${path}`]!;
      for (const { url, routes } of spellings(path)) {
        const full = example.query ? `${url}?${example.query}` : url;
        const send = (headers: Record<string, string>) =>
          app.inject({ method: method as InjectOptions['method'], url: full, headers: { ...headers, ...(example.payload !== undefined ? { 'content-type': example.type ?? 'application/json' } : {}) }, ...(example.payload !== undefined ? { payload: example.payload } : {}) });
        const what = `${method} ${full}`;
        const none = await send({});
        const bad = await send(wrong);
        const other = await send(bearer(s751.token));
        tried += 3;
        expect(none.statusCode, `${what} without a credential`).toBe(routes ? 401 : 404);
        expect(bad.statusCode, `${what} with a wrong credential`).toBe(routes ? 401 : 404);
        expect(other.statusCode, `${what} with 751's credential naming 540`).toBe(routes ? example.status : 404);
        expect(none.headers['content-type'], what).toMatch(/^application\/problem\+json/);
      }
    }
    expect(tried).toBeGreaterThan(300);
  });

  it('the right credential reaches the route in any percent-encoded spelling, with its own municipality', async () => {
    const r = await app.inject({ method: 'GET', url: '/v%31/templates/np_1011', headers: bearer(s540.token) });
    expect(r.statusCode).toBe(200);
    expect((r.json() as { override?: { kommune: string } }).override?.kommune).toBe('540');
  });
});

describe('no letter with placeholders leaves a production server (issue 17 item 2)', () => {
  it('"preview": true is 400 on /v1/preview/letter and /v1/letters without --training, and gives placeholders with it', async () => {
    const training = await buildApp({ templatesDir: templates, credentials: [s751.credential], training: true });
    try {
      for (const url of ['/v1/preview/letter', '/v1/letters']) {
        for (const format of ['docx', 'pdf']) {
          const body = { template: 'np_1004', context: empty, format, preview: true };
          const refused = await app.inject({ method: 'POST', url, payload: body, headers: bearer(s751.token) });
          expect(refused.statusCode, `${url} ${format}`).toBe(400);
          expect(refused.json().detail).toContain('kan kun bruges i træningsmiljøet');
          expect(refused.rawPayload.subarray(0, 2).toString()).not.toBe('PK');
          const english = await app.inject({ method: 'POST', url, payload: body, headers: { ...bearer(s751.token), 'accept-language': 'en' } });
          expect(english.json().detail).toContain('only available in the training environment');
        }
        const shown = await training.inject({ method: 'POST', url, payload: { template: 'np_1004', context: empty, format: 'docx', preview: true } });
        expect(shown.statusCode).toBe(200);
        expect(openDocx(shown.rawPayload).texts().join('\n')).toContain('MANGLER: Klage.Frist');
      }
    } finally {
      await training.close();
    }
  });
});
