/**
 * The render API against an attacker (issue 17): credentials follow the matched route for
 * every route and every spelling of its address; no letter with placeholders leaves a
 * production server; an overlong batch line is not read past the limit (over a real socket);
 * bad input of every kind is a 4xx problem, never a 500; template ids that are not the
 * repository's never reach the log as sent.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { MAX_LINE } from '../../src/server/routes/batch.js';
import { WorkerPool } from '../../src/service/pool.js';
import { executeRender } from '../../src/service/render-task.js';
import { openDocx } from '../helpers/inspect.js';
import { logCollector } from '../helpers/log.js';
import { routesOf } from '../helpers/routes.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const np1004 = readFileSync(join(templates, 'central/beskedskabeloner/np_1004.docx'));
const s540 = newToken('sonderborg', { kommune: '540' });
const s751 = newToken('aarhus', { kommune: '751' });
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const empty = { fields: {}, questions: {} };
const NDJSON = 'application/x-ndjson';

const { lines: logLines, stream: logStream } = logCollector();

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ templatesDir: templates, credentials: [s540.credential, s751.credential], logger: { stream: logStream } });
});
afterAll(async () => {
  await app.close();
});

/** The routes answered without a credential; every other route needs one. */
const PUBLIC = ['/', '/app.css', '/:script', '/i18n/fill.js', '/fonts/:file', '/healthz', '/readyz', '/metrics', '/openapi.json'];

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

  it("no credential, a wrong one or another municipality's, in every spelling of every /v1 route: 401/403/404 (400 for a parameter the route does not take), never 200 or 500", async () => {
    const wrong = bearer(`kpb_${'A'.repeat(43)}`);
    let tried = 0;
    for (const { method, path } of routesOf(app).filter((r) => r.path.startsWith('/v1/'))) {
      const example = OTHER_KOMMUNE[`${method === 'HEAD' ? 'GET' : method} ${path}`]!;
      for (const { url, routes } of spellings(path)) {
        const full = example.query ? `${url}?${example.query}` : url;
        const send = (headers: Record<string, string>) =>
          app.inject({
            method: method as InjectOptions['method'],
            url: full,
            headers: { ...headers, ...(example.payload !== undefined ? { 'content-type': example.type ?? 'application/json' } : {}) },
            ...(example.payload !== undefined ? { payload: example.payload } : {}),
          });
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

  it("the training page's preview draws placeholders only in training; elsewhere a letter that would be refused has no pages, only what stops it", async () => {
    const training = await buildApp({ templatesDir: templates, credentials: [s751.credential], training: true });
    const svgText = (svg: string): string => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
    type PreviewJson = {
      pages: Array<{ svg: string }>;
      problems: Array<{ code: string; message: string; field?: string }>;
      codes: unknown[];
      questions: unknown[];
      lint: unknown[];
    };
    try {
      for (const highlight of [undefined, 'flettespoergsmaal-10034']) {
        const body = { template: 'np_1004', context: empty, ...(highlight ? { highlight } : {}) };
        const refused = await app.inject({ method: 'POST', url: '/v1/preview', payload: body, headers: bearer(s751.token) });
        expect(refused.statusCode).toBe(200);
        const p = refused.json() as PreviewJson;
        expect(p.pages).toEqual([]);
        expect(refused.body).not.toContain('MANGLER');
        // What would stop the letter, named, with everything else the page shows.
        expect(p.problems.map((x) => x.field)).toContain('Klage.Frist');
        expect(p.problems.find((x) => x.field === 'Klage.Frist')!.message).toBe(
          'Flettefeltet "Klage.Frist" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
        );
        expect(p.codes.length).toBeGreaterThan(0);
        expect(p.questions.length).toBeGreaterThan(0);
        // In training the same request draws the letter with placeholders.
        const shown = (await training.inject({ method: 'POST', url: '/v1/preview', payload: body })).json() as PreviewJson;
        expect(shown.pages.map((x) => svgText(x.svg)).join(' ')).toContain('MANGLER: Klage.Frist');
      }
      // A letter that would be made is drawn as it would be made.
      const made = await app.inject({ method: 'POST', url: '/v1/preview', payload: { template: 'np_1004', context: karen }, headers: bearer(s751.token) });
      const p = made.json() as PreviewJson;
      expect(p.problems).toEqual([]);
      expect(p.pages.length).toBeGreaterThan(0);
      expect(svgText(p.pages[0]!.svg)).toContain('Kære Karen');
    } finally {
      await training.close();
    }
  });
});

describe('an overlong batch line is not read past the limit (issue 17 item 11)', () => {
  it('over a real socket: the 400 line arrives and the server closes the connection while the client is still sending the line', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const total = 32 * MAX_LINE; // 64 MB announced, never all sent
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let closedByServer = false;
    socket.on('data', (b: Buffer) => (received += b.toString('utf8')));
    socket.on('end', () => (closedByServer = true));
    socket.on('error', () => (closedByServer = true));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /v1/letters:batch?template=np_1004 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s540.token}\r\nContent-Type: ${NDJSON}\r\nContent-Length: ${total}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    // Send the one long line until it is all sent or the server has closed the connection.
    while (sent < total && !closedByServer) {
      sent += chunk.length;
      if (!socket.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            socket.off('drain', done).off('end', done).off('error', done).off('close', done);
            resolve();
          };
          socket.on('drain', done).on('end', done).on('error', done).on('close', done);
          if (closedByServer) done();
        });
      }
    }
    socket.destroy();
    expect(closedByServer).toBe(true);
    expect(sent).toBeLessThan(total);
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    const line = /\{"line":1,"ok":false,"status":400,.*\}/.exec(received)?.[0];
    expect(line).toBeDefined();
    expect(JSON.parse(line!).problem.detail).toBe(
      `Linje 1 er længere end grænsen på ${MAX_LINE} byte; resten af kørslen er ikke læst, og forbindelsen lukkes.`,
    );
  });

  it('the lines before an overlong line are made; nothing after it is read (inject)', async () => {
    const good = JSON.stringify({ id: 'a', ...karen });
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters:batch?template=np_1004&format=docx',
      payload: `${good}\n${'x'.repeat(MAX_LINE + 1)}\n${JSON.stringify({ id: 'b', ...karen })}\n`,
      headers: { ...bearer(s540.token), 'content-type': NDJSON },
    });
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id?: string; line: number; ok: boolean; status?: number });
    expect(lines.map((l) => [l.line, l.ok, l.status])).toEqual(
      expect.arrayContaining([
        [1, true, undefined],
        [2, false, 400],
      ]),
    );
    expect(lines).toHaveLength(2);
  });

  it('a UTF-8 byte order mark before the first line is dropped: the first case is made', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters:batch?template=np_1004&format=docx',
      payload: `\ufeff${JSON.stringify({ id: 'a', ...karen })}\r\n${JSON.stringify({ id: 'b', ...karen })}\n`,
      headers: { ...bearer(s540.token), 'content-type': NDJSON },
    });
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; ok: boolean; data?: string });
    expect(lines.map((l) => [l.id, l.ok])).toEqual(
      expect.arrayContaining([
        ['a', true],
        ['b', true],
      ]),
    );
    expect(openDocx(Buffer.from(lines.find((l) => l.id === 'a')!.data!, 'base64')).texts()).toContain('Kære Karen');
  });
});

/** np_1004.docx with the compressed size of its first central directory entry made huge. */
function hugeEntrySize(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const directory = out.readUInt32LE(eocd + 16);
  out.writeUInt32LE(0x7fff_0000, directory + 20);
  return out;
}

const damaged: Record<string, Buffer> = {
  'local headers overwritten': Buffer.concat([np1004.subarray(0, 200), Buffer.alloc(1800, 'A'), np1004.subarray(2000)]),
  'cut short': np1004.subarray(0, np1004.length - 100),
  'not a zip': Buffer.from('hello world'),
};

describe('bad input is 4xx, never 500 (issue 17 item 12)', () => {
  const s = bearer(s540.token);

  it('a JSON object, text or a form sent as a batch is 415, in Danish or English', async () => {
    const form =
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="sager.ndjson"\r\nContent-Type: application/x-ndjson\r\n\r\n{"id":1}\r\n--XX--\r\n';
    for (const [payload, type] of [
      [JSON.stringify({ id: 1, ...karen }), 'application/json'],
      ['{"id":1}', 'text/plain'],
      [form, 'multipart/form-data; boundary=XX'],
    ]) {
      const r = await app.inject({ method: 'POST', url: '/v1/letters:batch?template=np_1004', payload, headers: { ...s, 'content-type': type! } });
      expect(r.statusCode, type).toBe(415);
      expect(r.headers['accept-post']).toBe('application/x-ndjson');
      expect(r.json().detail).toBe(`En krop af typen ${type!.split(';')[0]!} kan ikke bruges her; send application/x-ndjson.`);
    }
    const en = await app.inject({ method: 'POST', url: '/v1/letters:batch?template=np_1004', payload: { id: 1 }, headers: { ...s, 'accept-language': 'en' } });
    expect(en.json().detail).toBe('A body of the type application/json cannot be used here; send application/x-ndjson.');
  });

  it('a multipart form to /v1/lint that is cut short or has no boundary is 400', async () => {
    const form = `--XX\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(50)}\r\n--XX--\r\n`;
    for (const [payload, type] of [
      [form.slice(0, 100), 'multipart/form-data; boundary=XX'],
      [form, 'multipart/form-data'],
      [form, 'multipart/form-data; boundary=YY'],
    ]) {
      const r = await app.inject({ method: 'POST', url: '/v1/lint', payload, headers: { ...s, 'content-type': type! } });
      expect(r.statusCode, type).toBe(400);
      expect(r.json().detail).toContain('Formularen (multipart/form-data) kan ikke læses');
    }
  });

  it('a damaged .docx to /v1/lint and to the preview upload is 400 with the reason', async () => {
    for (const [what, bytes] of Object.entries(damaged)) {
      const lint = await app.inject({ method: 'POST', url: '/v1/lint', payload: bytes, headers: { ...s, 'content-type': 'application/octet-stream' } });
      expect(lint.statusCode, what).toBe(400);
      expect(lint.json().errors[0].code, what).toMatch(/^package\./);
      for (const url of ['/v1/preview', '/v1/preview/letter']) {
        const r = await app.inject({ method: 'POST', url, payload: { docx: bytes.toString('base64'), name: 'kladde.docx', context: empty }, headers: s });
        expect(r.statusCode, `${url} ${what}`).toBe(400);
        expect(r.json().errors[0].code, what).toMatch(/^package\./);
      }
    }
  });

  // pizzip throws a plain Error for an entry whose size runs past the end of the file; package
  // loading turns it into a KpBrevError of kind input (issue 17 item 7), so this is 400, not 500.
  it('a .docx whose central directory gives an entry a size past the end of the file is 400', async () => {
    const bytes = hugeEntrySize(np1004);
    const lint = await app.inject({ method: 'POST', url: '/v1/lint', payload: bytes, headers: { ...s, 'content-type': 'application/octet-stream' } });
    expect(lint.statusCode).toBe(400);
    const preview = await app.inject({ method: 'POST', url: '/v1/preview', payload: { docx: bytes.toString('base64'), context: empty }, headers: s });
    expect(preview.statusCode).toBe(400);
  });
});

describe('a case nested 5,000 levels deep is 400, also in render threads (issue 17 item 12)', () => {
  let threaded: FastifyInstance;
  beforeAll(async () => {
    threaded = await buildApp({ templatesDir: templates, credentials: [s540.credential], pool: new WorkerPool({ threads: 1 }) });
  });
  afterAll(async () => {
    await threaded.close();
  });
  const objects = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const arrays = `${'['.repeat(5000)}${']'.repeat(5000)}`; // 10 KB

  it('as the body of every route that takes a case: 400 naming the limit, in Danish or English', async () => {
    for (const deep of [objects, arrays]) {
      for (const url of ['/v1/letters', '/v1/letters:validate', '/v1/preview', '/v1/preview/letter']) {
        const payload = `{"template":"np_1004","context":{"fields":{"x":${deep}},"questions":{}}}`;
        const r = await threaded.inject({ method: 'POST', url, payload, headers: { ...bearer(s540.token), 'content-type': 'application/json' } });
        expect(r.statusCode, url).toBe(400);
        expect(r.json().detail).toBe('Forespørgslen er indlejret for dybt: højst 64 niveauer af objekter og lister.');
      }
    }
    const en = await threaded.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: `{"template":"np_1004","context":{"fields":{"x":${arrays}}}}`,
      headers: { ...bearer(s540.token), 'content-type': 'application/json', 'accept-language': 'en' },
    });
    expect(en.json().detail).toBe('The request is nested too deeply: at most 64 levels of objects and arrays.');
  });

  it('as a batch line: that line is 400, the next is made', async () => {
    const payload = `{"id":"dyb","fields":{"x":${objects}}}\n${JSON.stringify({ id: 'karen', ...karen })}\n`;
    const r = await threaded.inject({
      method: 'POST',
      url: '/v1/letters:batch?template=np_1004&format=docx',
      payload,
      headers: { ...bearer(s540.token), 'content-type': NDJSON },
    });
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; ok: boolean; status?: number; problem?: { detail: string } });
    expect(lines.find((l) => l.line === 1)).toMatchObject({
      ok: false,
      status: 400,
      problem: { detail: 'Forespørgslen er indlejret for dybt: højst 64 niveauer af objekter og lister.' },
    });
    expect(lines.find((l) => l.line === 2)).toMatchObject({ ok: true });
  });

  it('a deep case object given to a render task directly is bad context (400), not an internal error', async () => {
    const outcome = await executeRender({
      dir: templates,
      template: 'np_1004',
      context: { fields: { x: JSON.parse(objects) as unknown }, questions: {} },
      format: 'docx',
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'bad-context' });
    expect(!outcome.ok && outcome.diagnostics[0]!.code).toBe('context.too-deep');
  });

  it("a case deeper than the context allows but within the request limit is the context's own 400", async () => {
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const r = await threaded.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: `{"template":"np_1004","context":{"fields":{"x":${deep}}}}`,
      headers: { ...bearer(s540.token), 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].code).toBe('context.too-deep');
  });
});

describe('template ids in the log (issue 17 item 12)', () => {
  it('an id the repository does not have is logged as a short hash, never as sent; a known id as it is', async () => {
    const cpr = '0101901234';
    const s = bearer(s540.token);
    const before = logLines.length;
    await app.inject({ method: 'POST', url: '/v1/letters', payload: { template: cpr, context: karen }, headers: s });
    await app.inject({ method: 'POST', url: '/v1/letters:validate', payload: { template: cpr, context: karen }, headers: s });
    await app.inject({ method: 'GET', url: `/v1/templates/${cpr}`, headers: s });
    await app.inject({
      method: 'POST',
      url: `/v1/letters:batch?template=${cpr}`,
      payload: `${JSON.stringify({ id: 1, ...karen })}\n`,
      headers: { ...s, 'content-type': NDJSON },
    });
    await app.inject({ method: 'POST', url: `/v1/lint?template=${cpr}`, payload: np1004, headers: { ...s, 'content-type': 'application/octet-stream' } });
    await app.inject({ method: 'POST', url: '/v1/preview', payload: { template: cpr, context: karen }, headers: s });
    await app.inject({ method: 'POST', url: '/v1/letters', payload: { template: 'np_1004', context: karen, format: 'docx' }, headers: s });
    const lines = logLines
      .slice(before)
      .map((l) => JSON.parse(l) as { template?: string; msg: string })
      .filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(7);
    expect(logLines.slice(before).join('\n')).not.toContain(cpr);
    expect(lines.slice(0, 6).map((l) => l.template)).toEqual(Array(6).fill(lines[0]!.template));
    expect(lines[0]!.template).toMatch(/^ukendt-[0-9a-f]{12}$/);
    expect(lines[6]!.template).toBe('np_1004');
  });
});
