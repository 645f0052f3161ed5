/**
 * The render API through Fastify's inject: letters, validation, lint, templates, operations,
 * credentials and municipalities, every error status as problem+json, and logs that never hold
 * a CPR number, a name, an address or letter text.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { parse, stringify } from 'yaml';
import { buildApp } from '../../src/server/app.js';
import { envCredentials } from '../../src/server/server.js';
import { newToken } from '../../src/server/auth.js';
import { InlinePool } from '../../src/service/pool.js';
import { formatDiagnostic, KpBrevError } from '../../src/diagnostics.js';
import { openDocx } from '../helpers/inspect.js';
import { logCollector } from '../helpers/log.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const tokens = { s540: newToken('sonderborg', { kommune: '540' }), s751: newToken('aarhus', { kommune: '751' }), admin: newToken('drift', { admin: true }) };
const credentials = Object.values(tokens).map((t) => t.credential);
const auth = (t: { token: string }): Record<string, string> => ({ authorization: `Bearer ${t.token}` });
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const fatima = JSON.parse(readFileSync(join(root, 'samples/sager/np_1011/fatima-briller.json'), 'utf8')) as Record<string, unknown>;

const { lines: logLines, stream: logStream } = logCollector();

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ templatesDir: templates, credentials, logger: { stream: logStream } });
});
afterAll(async () => {
  await app.close();
});

const post = (url: string, body: unknown, headers: Record<string, string> = auth(tokens.s540)) =>
  app.inject({ method: 'POST', url, payload: body as object, headers });

describe('POST /v1/letters', () => {
  it('makes a tagged PDF with the template version and page count in headers', async () => {
    const r = await post('/v1/letters', { template: 'np_1004', context: karen, format: 'pdf' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['x-template-version']).toBe('np_1004@5');
    expect(r.headers['x-page-count']).toBe('2');
    expect(r.headers['content-disposition']).toBe('attachment; filename="np_1004.pdf"');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('makes a PDF/A-2a letter by default and a PDF/A-1a letter (PDF 1.4) for "pdfa": "1a"; refuses another level with 400', async () => {
    const xmpPart = (pdf: Buffer): string => /<pdfaid:part>(\d)<\/pdfaid:part><pdfaid:conformance>(\w)</.exec(pdf.toString('latin1'))?.slice(1).join('') ?? '';
    const byDefault = await post('/v1/letters', { template: 'np_1004', context: karen });
    expect(byDefault.statusCode).toBe(200);
    expect(byDefault.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(xmpPart(byDefault.rawPayload)).toBe('2A');
    const a1 = await post('/v1/letters', { template: 'np_1004', context: karen, pdfa: '1a' });
    expect(a1.statusCode).toBe(200);
    expect(a1.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(xmpPart(a1.rawPayload)).toBe('1A');
    const other = await post('/v1/letters', { template: 'np_1004', context: karen, pdfa: '3b' });
    expect(other.statusCode).toBe(400);
    expect(other.json().detail).toMatch(/^Forespørgslen er ikke gyldig: .*pdfa/);
  });

  it('makes a .docx that opens with the merged text', async () => {
    const r = await post('/v1/letters', { template: 'np_1004', context: karen, format: 'docx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const texts = openDocx(r.rawPayload).texts();
    expect(texts).toContain('Kære Karen');
    expect(r.headers['x-page-count']).toBeUndefined();
  });

  it("renders with the credential's municipality: Sønderborg's override for 540, the central letter for 751", async () => {
    const own = await post('/v1/letters', { template: 'np_1011', context: fatima, format: 'docx' }, auth(tokens.s540));
    const central = await post('/v1/letters', { template: 'np_1011', context: fatima, format: 'docx' }, auth(tokens.s751));
    expect(own.headers['x-template-version']).toBe('np_1011@3+540@1');
    expect(central.headers['x-template-version']).toBe('np_1011@3');
    expect(openDocx(own.rawPayload).texts().join('\n')).toContain('Borgerservice på Rådhustorvet 10');
    expect(openDocx(central.rawPayload).texts().join('\n')).not.toContain('Rådhustorvet');
  });

  it('never sends a letter with placeholders: "preview" is refused outside the training environment', async () => {
    const fields = { ...(karen['fields'] as Record<string, unknown>) };
    delete fields['Borger'];
    const r = await post('/v1/letters', { template: 'np_1004', context: { ...karen, fields }, format: 'docx', preview: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('kan kun bruges i træningsmiljøet');
  });

  it('checks credentials from KP_BREV_CREDENTIALS against the configuration schema', () => {
    const good = tokens.s540.credential;
    expect(envCredentials({ KP_BREV_CREDENTIALS: JSON.stringify([good]) })).toEqual([good]);
    expect(() => envCredentials({ KP_BREV_CREDENTIALS: '[{"name": "x", "kommune": "540"}]' })).toThrow(
      /credentials\[0\] "x" mangler feltet "sha256"|lacks the field "sha256"/,
    );
    expect(() => envCredentials({ KP_BREV_CREDENTIALS: '{"name": "x"}' })).toThrow(/KP_BREV_CREDENTIALS/);
    const broken = (() => {
      try {
        envCredentials({ KP_BREV_CREDENTIALS: '[{"name": "x", sha256: "ab"}]' });
      } catch (err) {
        return formatDiagnostic((err as KpBrevError).diagnostics[0]!, 'da');
      }
      return '';
    })();
    expect(broken).toContain("KP_BREV_CREDENTIALS: Ugyldig JSON i linje 1, kolonne 16: uventet tegn 's'.");
  });

  it("never lets a municipality use another's overrides (403); an administrator may choose", async () => {
    const other = await post('/v1/letters', { template: 'np_1011', context: fatima, kommune: '540' }, auth(tokens.s751));
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(other.json().detail).toBe('Kun en administrator kan vælge kommune; din adgangsnøgle hører til kommune 751.');
    const admin = await post('/v1/letters', { template: 'np_1011', context: fatima, kommune: '540', format: 'docx' }, auth(tokens.admin));
    expect(admin.headers['x-template-version']).toBe('np_1011@3+540@1');
  });
});

describe('errors are problem+json with the right status, never 500 for bad input', () => {
  it('401 without or with an unknown credential', async () => {
    for (const headers of [{}, { authorization: 'Bearer kpb_forkert' }, { authorization: tokens.s540.token }] as Array<Record<string, string>>) {
      const r = await post('/v1/letters', { template: 'np_1004', context: karen }, headers);
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Bearer');
      expect(r.json()).toMatchObject({ type: 'urn:kp-brev:problem:unauthorized', status: 401, title: 'Ikke logget ind' });
    }
  });

  it('404 for a template that does not exist, in English when asked', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: { template: 'np_9999', context: karen },
      headers: { ...auth(tokens.s540), 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-language']).toBe('en');
    expect(r.json()).toMatchObject({
      type: 'urn:kp-brev:problem:not-found',
      title: 'Not found',
      detail: 'The template "np_9999" does not exist.',
      template: 'np_9999',
    });
  });

  it('404 for a misspelt template says which one was meant, for a letter, a template and a lint', async () => {
    const letter = await post('/v1/letters', { template: 'np_1O04', context: karen }, auth(tokens.s540));
    const template = await app.inject({ method: 'GET', url: '/v1/templates/np_1O04', headers: auth(tokens.s540) });
    const docx = readFileSync(join(root, 'samples/lint/np_1011-kladde.docx'));
    const lint = await app.inject({
      method: 'POST',
      url: '/v1/lint?template=np_1O04',
      payload: docx,
      headers: { ...auth(tokens.s540), 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    });
    for (const r of [letter, template, lint]) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({
        type: 'urn:kp-brev:problem:not-found',
        detail: 'Skabelonen "np_1O04" findes ikke. Mente du "np_1004"?',
        template: 'np_1O04',
      });
    }
    const en = await app.inject({ method: 'GET', url: '/v1/templates/np_1O04', headers: { ...auth(tokens.s540), 'accept-language': 'en' } });
    expect(en.json().detail).toBe('The template "np_1O04" does not exist. Did you mean "np_1004"?');
  });

  it('400 for malformed JSON, a body that breaks the schema, a prototype key or a bad answer', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: '{"template": "np_1004", "context": ',
      headers: { ...auth(tokens.s540), 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toBe('urn:kp-brev:problem:bad-request');
    expect(bad.json().detail).toBe('Forespørgslen er ikke gyldig: Ugyldig JSON: teksten slutter i linje 1, kolonne 36, før JSON-værdien er færdig.');
    const schema = await post('/v1/letters', { template: 'np_1004', contekst: karen });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().detail).toBe('Forespørgslen er ikke gyldig: $.context mangler; det skal være med. $.contekst kendes ikke her (stavefejl?).');
    expect(schema.json().errors).toEqual([
      { code: 'validation.required', message: '$.context mangler; det skal være med.', path: '$.context' },
      { code: 'validation.additionalProperties', message: '$.contekst kendes ikke her (stavefejl?).', path: '$.contekst' },
    ]);
    const proto = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: '{"template":"np_1004","context":{"fields":{"__proto__":{"x":1}}}}',
      headers: { ...auth(tokens.s540), 'content-type': 'application/json' },
    });
    expect(proto.statusCode).toBe(400);
    const answer = await post('/v1/letters', { template: 'np_1004', context: { ...karen, questions: { 'flettespoergsmaal-10031': 'Ja' } } });
    expect(answer.statusCode).toBe(400);
  });

  it('400 for JSON that does not parse, told by line, column and character, in Danish or English (issue 19)', async () => {
    const send = (payload: string, lang = 'da') =>
      app.inject({
        method: 'POST',
        url: '/v1/letters',
        payload,
        headers: { ...auth(tokens.s540), 'content-type': 'application/json', 'accept-language': lang },
      });
    const comma = await send('{\n  "template": "np_1004",\n  "context": {"fields": {}},\n}');
    expect(comma.json().detail).toBe("Forespørgslen er ikke gyldig: Ugyldig JSON i linje 4, kolonne 1: uventet tegn '}'.");
    expect(comma.json().errors).toEqual([{ code: 'json.unexpected', message: "Ugyldig JSON i linje 4, kolonne 1: uventet tegn '}'." }]);
    const open = await send('{"template": "np_1004", "context": {"fields": {"Navn": "Karen}}}', 'en');
    expect(open.json().detail).toBe('The request is not valid: Invalid JSON: the quoted text from line 1, column 56 is never closed.');
    expect(open.body).not.toMatch(/Unexpected|position|SyntaxError|not valid JSON but/);
  });

  it('400 naming a forbidden key and where it is, not "Body is not valid JSON" (issue 19)', async () => {
    for (const [payload, key, path] of [
      ['{"template":"np_1004","context":{"fields":{"__proto__":{"x":1}}}}', '__proto__', '$.context.fields.__proto__'],
      ['{"template":"np_1004","context":{"fields":{"Borger":{"constructor":{"prototype":{}}}}}}', 'constructor', '$.context.fields.Borger.constructor'],
      ['{"template":"np_1004","context":{"fields":{"Liste":[{}, {"prototype": 1}]}}}', 'prototype', '$.context.fields.Liste[1].prototype'],
    ] as const) {
      const r = await app.inject({ method: 'POST', url: '/v1/letters', payload, headers: { ...auth(tokens.s540), 'content-type': 'application/json' } });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors).toEqual([{ code: 'server.forbidden-key', message: expect.stringContaining(`nøglen "${key}" ved ${path};`), path }]);
      expect(r.json().detail).toBe(
        `Forespørgslen er ikke gyldig: Kroppen indeholder nøglen "${key}" ved ${path}; nøglerne __proto__, constructor og prototype kan ikke bruges i JSON til API'et.`,
      );
    }
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('403 is its own kind of problem, "Adgang nægtet", not "Findes ikke" (issue 19)', async () => {
    const r = await post('/v1/letters', { template: 'np_1004', context: karen, kommune: '751' });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ type: 'urn:kp-brev:problem:forbidden', title: 'Adgang nægtet', status: 403 });
    const en = await app.inject({ method: 'GET', url: '/v1/templates?kommune=751', headers: { ...auth(tokens.s540), 'accept-language': 'en' } });
    expect(en.json()).toMatchObject({ type: 'urn:kp-brev:problem:forbidden', title: 'Forbidden', status: 403 });
  });

  it('415 with Accept-Post for a body the route does not take, not "/ must be object" (issue 19)', async () => {
    const text = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: JSON.stringify({ template: 'np_1004', context: karen }),
      headers: { ...auth(tokens.s540), 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.headers['accept-post']).toBe('application/json');
    expect(text.json()).toMatchObject({
      type: 'urn:kp-brev:problem:unsupported-media-type',
      title: 'Indholdstypen kan ikke bruges',
      detail: 'En krop af typen text/plain kan ikke bruges her; send application/json.',
    });
    const none = await app.inject({ method: 'POST', url: '/v1/preview', payload: '{}', headers: { ...auth(tokens.s540), 'content-type': '' } });
    expect(none.statusCode).toBe(415);
    expect(none.json().detail).toBe('Kroppen har ingen Content-Type; send application/json.');
    const lint = await app.inject({ method: 'POST', url: '/v1/lint', payload: { docx: 'x' }, headers: { ...auth(tokens.s540), 'accept-language': 'en' } });
    expect(lint.statusCode).toBe(415);
    expect(lint.headers['accept-post']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/octet-stream, multipart/form-data',
    );
    expect(lint.json().detail).toBe(
      'A body of the type application/json cannot be used here; send application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/octet-stream, multipart/form-data.',
    );
  });

  it('405 with Allow for an address that takes other methods; 404 only for one that does not exist (issue 19)', async () => {
    const get = await app.inject({ method: 'GET', url: '/v1/letters', headers: auth(tokens.s540) });
    expect(get.statusCode).toBe(405);
    expect(get.headers['allow']).toBe('POST');
    expect(get.json()).toMatchObject({
      type: 'urn:kp-brev:problem:method-not-allowed',
      detail: 'Adressen /v1/letters kan ikke bruges med GET; den kan bruges med POST.',
    });
    const del = await app.inject({ method: 'DELETE', url: '/v1/templates/np_1004?kommune=540' });
    expect(del.statusCode).toBe(405);
    expect(del.headers['allow']).toBe('GET, HEAD');
    const batch = await app.inject({ method: 'PUT', url: '/v1/letters:batch', headers: { 'accept-language': 'en' } });
    expect(batch.json().detail).toBe('The address /v1/letters:batch cannot be used with PUT; it can be used with POST.');
    expect((await app.inject({ method: 'GET', url: '/v1/breve' })).statusCode).toBe(404);
    // The page's file routes serve a few names: another name is 404 with any method, not 405.
    expect((await app.inject({ method: 'POST', url: '/v1' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/' })).headers['allow']).toBe('GET, HEAD');
  });

  it('422 for a letter that cannot be made, naming the field, the template and the place', async () => {
    const fields = { ...(karen['fields'] as Record<string, unknown>) };
    delete fields['Klage'];
    const r = await post('/v1/letters', { template: 'np_1004', context: { ...karen, fields } });
    expect(r.statusCode).toBe(422);
    const p = r.json();
    expect(p).toMatchObject({ type: 'urn:kp-brev:problem:letter-refused', status: 422, detail: 'Brevet fra np_1004 dannes ikke: 1 fejl.' });
    expect(p.errors).toEqual([
      {
        code: 'render.missing-field',
        message: 'Flettefeltet "Klage.Frist" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
        field: 'Klage.Frist',
        // The content element the field is in, at its own paragraph (not the composed letter's 31).
        template: 'indholdselement klagevejledning',
        place: 'word/document.xml, afsnit 2',
        instruction: 'MERGEFIELD Klage.Frist',
      },
    ]);
  });

  it('422 for a case in another process than the template serves', async () => {
    const r = await post('/v1/letters', { template: 'np_1004', context: { ...karen, process: 'personligt-tillaeg' } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].code).toBe('render.process');
  });

  it('422 for an unanswered flettespørgsmål without a default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-srv-'));
    cpSync(templates, dir, { recursive: true });
    const catalog = parse(readFileSync(join(dir, 'catalog.yaml'), 'utf8')) as { questions: Array<Record<string, unknown>> };
    for (const q of catalog.questions) if (q['key'] === 'flettespoergsmaal-10031') delete q['default'];
    writeFileSync(join(dir, 'catalog.yaml'), stringify(catalog));
    const other = await buildApp({ templatesDir: dir, credentials });
    const questions = { ...(karen['questions'] as Record<string, unknown>) };
    delete questions['flettespoergsmaal-10031'];
    const r = await other.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: { template: 'np_1004', context: { ...karen, questions } },
      headers: auth(tokens.s540),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { code: string }) => e.code)).toEqual(['render.unanswered']);
    await other.close();
  });

  it('413 over the size limit', async () => {
    const small = await buildApp({ templatesDir: templates, credentials, bodyLimit: 512 });
    const r = await small.inject({ method: 'POST', url: '/v1/letters', payload: { template: 'np_1004', context: karen }, headers: auth(tokens.s540) });
    expect(r.statusCode).toBe(413);
    expect(r.json().detail).toBe('Forespørgslen er større end grænsen på 512 byte.');
    await small.close();
  });

  it('503 with Retry-After when the render pool is saturated or too slow', async () => {
    const busy = await buildApp({ templatesDir: templates, credentials, pool: new InlinePool({ threads: 1, maxQueue: 0 }) });
    const all = await Promise.all(
      Array.from({ length: 4 }, () =>
        busy.inject({ method: 'POST', url: '/v1/letters', payload: { template: 'np_1004', context: karen }, headers: auth(tokens.s540) }),
      ),
    );
    const statuses = all.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(503);
    const refused = all.find((r) => r.statusCode === 503)!;
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().type).toBe('urn:kp-brev:problem:busy');
    await busy.close();
    const slow = await buildApp({ templatesDir: templates, credentials, pool: new InlinePool({ threads: 1, timeoutMs: 1 }) });
    const r = await slow.inject({ method: 'POST', url: '/v1/letters', payload: { template: 'np_1004', context: karen }, headers: auth(tokens.s540) });
    expect(r.statusCode).toBe(503);
    expect(r.json().type).toBe('urn:kp-brev:problem:timeout');
    await slow.close();
  });

  it('answers random bodies with 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const r = await app.inject({
          method: 'POST',
          url: '/v1/letters',
          payload: JSON.stringify(value),
          headers: { ...auth(tokens.s540), 'content-type': 'application/json' },
        });
        expect(r.statusCode).toBeLessThan(500);
        expect(r.statusCode).toBeGreaterThanOrEqual(r.statusCode === 200 ? 200 : 400);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          template: fc.constantFrom('np_1004', 'np_1011', 'x'),
          context: fc.record({ fields: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), process: fc.option(fc.string(), { nil: undefined }) }),
        }),
        async (body) => {
          const r = await post('/v1/letters', body);
          expect(r.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('POST /v1/letters:validate', () => {
  it('says valid, or lists what is missing, without making the letter', async () => {
    const ok = await post('/v1/letters:validate', { template: 'np_1004', context: karen });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ valid: true, template: 'np_1004', version: 'np_1004@5', problems: [] });
    const fields = { ...(karen['fields'] as Record<string, unknown>) };
    delete fields['Borger'];
    const bad = await post('/v1/letters:validate', { template: 'np_1004', context: { ...karen, fields } });
    expect(bad.statusCode).toBe(200);
    const body = bad.json();
    expect(body.valid).toBe(false);
    expect(body.problems.map((p: { field: string }) => p.field)).toContain('Borger.Fornavn');
  });

  it('names a missing item field of a list by its item (Udgifter[1].Tilskud) and its place', async () => {
    const grant = JSON.parse(readFileSync(join(root, 'samples/sager/np_1017/fatima-briller-tre-udgifter.json'), 'utf8')) as {
      fields: { Udgifter: Array<Record<string, unknown>> };
    };
    delete grant.fields.Udgifter[1]!['Tilskud'];
    const bad = await post('/v1/letters:validate', { template: 'np_1017', context: grant });
    expect(bad.statusCode).toBe(200);
    const body = bad.json() as { valid: boolean; problems: Array<{ code: string; field: string; template: string; place: string; message: string }> };
    expect(body.valid).toBe(false);
    const problem = body.problems.find((p) => p.code === 'render.missing-item-field')!;
    expect(problem).toMatchObject({ field: 'Udgifter[1].Tilskud', template: 'np_1017' });
    expect(problem.place).toMatch(/afsnit \d+/);
    expect(problem.message).toContain('element nr. 2 i listen "Udgifter"');
  });
});

describe('GET /v1/templates', () => {
  it("lists what the municipality sees: its own override's status, not another's", async () => {
    const own = (await app.inject({ url: '/v1/templates', headers: auth(tokens.s540) })).json() as Array<{ id: string; status: string; kind: string }>;
    const other = (await app.inject({ url: '/v1/templates', headers: auth(tokens.s751) })).json() as Array<{ id: string; status: string }>;
    expect(own.find((t) => t.id === 'np_1011')!.status).toBe('outdated');
    expect(other.find((t) => t.id === 'np_1011')!.status).toBe('central');
    expect(own.filter((t) => t.kind === 'beskedskabelon').length).toBe(15);
    const forbidden = await app.inject({ url: '/v1/templates?kommune=540', headers: auth(tokens.s751) });
    expect(forbidden.statusCode).toBe(403);
    // An administrator may list everything: the central templates, then each municipality's overrides.
    const all = (await app.inject({ url: '/v1/templates?kommune=alle', headers: auth(tokens.admin) })).json() as Array<{
      id: string;
      status: string;
      kommune?: string;
    }>;
    expect(all.filter((t) => t.id === 'np_1011').map((t) => [t.status, t.kommune])).toEqual([
      ['central', undefined],
      ['outdated', '540'],
    ]);
    expect((await app.inject({ url: '/v1/templates?kommune=alle', headers: auth(tokens.s540) })).statusCode).toBe(403);
  });

  it('shows one template: settings, enabled questions with their text, merge fields used, override status', async () => {
    const r = await app.inject({ url: '/v1/templates/np_1011', headers: auth(tokens.s540) });
    const t = r.json();
    expect(t).toMatchObject({
      id: 'np_1011',
      version: 3,
      status: 'outdated',
      override: { kommune: '540', version: 1, basedOn: 2 },
      master: 'danish_citizen',
      processes: ['udvidet-helbredstillaeg'],
    });
    expect(t.questions[0]).toEqual({ key: 'flettespoergsmaal-10023', text: 'Mangler kopi af regningen', default: 'N' });
    expect(t.fields).toContain('Borger.Fornavn');
    expect(t.fields.some((f: string) => f.startsWith('Question:'))).toBe(false);
    expect((await app.inject({ url: '/v1/templates/np_9999', headers: auth(tokens.s540) })).statusCode).toBe(404);
  });
});

describe('POST /v1/lint', () => {
  const docx = readFileSync(join(root, 'samples/lint/np_1011-kladde.docx'));
  it('lints a .docx sent as the body, as the template of the repository, against its central base', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/lint?template=np_1011&name=kladde.docx',
      payload: docx,
      headers: { ...auth(tokens.s540), 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    });
    expect(r.statusCode).toBe(200);
    const [result] = r.json() as Array<{ file: string; findings: Array<{ rule: string; severity: string; regression?: boolean }> }>;
    expect(result!.file).toBe('kladde.docx');
    expect(result!.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['a11y-image-alt', 'question-value', 'unknown-field', 'a11y-link-text']));
    expect(result!.findings.every((f) => f.regression === true)).toBe(true);
  });

  it('lints a .docx sent as multipart, and refuses what is not a .docx with 400', async () => {
    const boundary = '----kpbrev';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kladde.docx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      docx,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await app.inject({
      method: 'POST',
      url: '/v1/lint?process=udvidet-helbredstillaeg',
      payload: body,
      headers: { ...auth(tokens.s540), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()[0].file).toBe('kladde.docx');
    const junk = await app.inject({
      method: 'POST',
      url: '/v1/lint',
      payload: Buffer.from('ikke en docx'),
      headers: { ...auth(tokens.s540), 'content-type': 'application/octet-stream' },
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().errors[0].message).toContain('ikke et zip-arkiv');
  });
});

describe('POST /v1/letters:batch (NDJSON)', () => {
  it('streams one result line per case: letters in base64, problems for the error queue', async () => {
    const fields = { ...(karen['fields'] as Record<string, unknown>) };
    delete fields['Klage'];
    const lines = [
      JSON.stringify({ id: 'a', ...karen }),
      JSON.stringify({ id: 'b', ...karen, fields }),
      '{ikke json',
      JSON.stringify({ id: 'c', ...karen }),
    ].join('\n');
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters:batch?template=np_1004&format=docx',
      payload: lines,
      headers: { ...auth(tokens.s540), 'content-type': 'application/x-ndjson' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const results = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results.length).toBe(4);
    const byId = new Map(results.map((x) => [x['id'] ?? `line-${String(x['line'])}`, x]));
    expect(byId.get('a')).toMatchObject({ ok: true, format: 'docx', version: 'np_1004@5' });
    expect(openDocx(Buffer.from(String(byId.get('c')!['data']), 'base64')).texts()).toContain('Kære Karen');
    expect(byId.get('b')).toMatchObject({ ok: false, status: 422 });
    expect(byId.get('line-3')).toMatchObject({ ok: false, status: 400 });
    // Told by the line of the batch and the column, in Danish: not JSON.parse's English (issue 19).
    expect((byId.get('line-3')!['problem'] as { detail: string }).detail).toBe("Ugyldig JSON i linje 3, kolonne 2: uventet tegn 'i'.");
  });

  it('makes PDF/A-1a letters for pdfa=1a in the query', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters:batch?template=np_1004&pdfa=1a',
      payload: JSON.stringify({ id: 'a', ...karen }),
      headers: { ...auth(tokens.s540), 'content-type': 'application/x-ndjson' },
    });
    expect(r.statusCode).toBe(200);
    const [line] = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ id: 'a', ok: true, format: 'pdf' });
    const pdf = Buffer.from(String(line!['data']), 'base64');
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toContain('<pdfaid:part>1</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>');
  });

  it('refuses templates that may not be sent automatically', async () => {
    const poul = readFileSync(join(root, 'samples/sager/np_1031/poul-til-udbetaling-danmark.json'), 'utf8');
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters:batch?template=np_1031',
      payload: JSON.stringify(JSON.parse(poul)),
      headers: { ...auth(tokens.s540), 'content-type': 'application/x-ndjson' },
    });
    const result = JSON.parse(r.body.trim()) as { ok: boolean; status: number; problem: { type: string; detail: string } };
    expect(result).toMatchObject({ ok: false, status: 422, problem: { type: 'urn:kp-brev:problem:not-automatic' } });
    expect(result.problem.detail).toBe('Skabelonen np_1031 må ikke sendes automatisk og dannes derfor ikke i en kørsel.');
  });
});

describe('operations', () => {
  it('healthz, readyz and Prometheus metrics, without a credential', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = (await app.inject({ url: '/readyz' })).json();
    expect(ready).toMatchObject({ status: 'ready', templates: readdirSync(join(root, 'templates/central/beskedskabeloner')).length });
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/kpbrev_http_requests_total\{route="\/v1\/letters",method="POST",status="200"\} \d+/);
    expect(metrics).toMatch(/kpbrev_letters_rendered_total\{format="pdf"\} \d+/);
    expect(metrics).toMatch(/kpbrev_letter_failures_total\{reason="letter-refused"\} \d+/);
    expect(metrics).toMatch(/kpbrev_http_request_duration_seconds_bucket\{le="0\.05",route="\/v1\/letters",method="POST"\} \d+/);
    expect(metrics).toMatch(/kpbrev_template_cache_size \d+/);
    // The letters made above: each template compiled once (a miss), then found (hits).
    const metric = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(metric('kpbrev_template_cache_bytes')).toBeGreaterThan(100_000);
    expect(metric('kpbrev_template_cache_misses_total')).toBeGreaterThan(0);
    expect(metric('kpbrev_template_cache_hits_total')).toBeGreaterThan(0);
    expect(metric('kpbrev_template_cache_evictions_total')).toBe(0);
    const ratio = metric('kpbrev_template_cache_hit_ratio');
    expect(ratio).toBeCloseTo(
      metric('kpbrev_template_cache_hits_total') / (metric('kpbrev_template_cache_hits_total') + metric('kpbrev_template_cache_misses_total')),
      6,
    );
  });

  it('serves an OpenAPI 3 document made from the JSON Schemas that validate the requests', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/letters',
        '/v1/letters:validate',
        '/v1/letters:batch',
        '/v1/lint',
        '/v1/templates',
        '/v1/templates/{id}',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    );
    const schemaFile = JSON.parse(readFileSync(join(root, 'schemas/api/letter-request.schema.json'), 'utf8'));
    const component = doc.components.schemas[Object.keys(doc.components.schemas).find((k: string) => k.includes('letter-request'))!];
    expect(component.required).toEqual(schemaFile.required);
    expect(Object.keys(component.properties)).toEqual(Object.keys(schemaFile.properties));
    expect(doc.paths['/v1/letters'].post.responses['422']).toBeDefined();
    expect(Object.keys(doc.paths['/v1/letters'].post.responses['200'].content)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
  });

  it('404 as problem+json for an unknown address', async () => {
    const r = await app.inject({ url: '/v2/breve' });
    expect(r.statusCode).toBe(404);
    expect(r.json().detail).toBe("Adressen GET /v2/breve findes ikke i API'et.");
  });

  it("Fastify's own client errors are problem+json in the reader's language, not Fastify's English", async () => {
    const url = await app.inject({ url: '/v1/templates/%E0%A4%A', headers: auth(tokens.s540) });
    expect(url.statusCode).toBe(400);
    expect(url.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(url.json()).toMatchObject({
      type: 'urn:kp-brev:problem:bad-request',
      detail: 'Adressen kan ikke læses: den indeholder et %-tegn, der ikke er en gyldig kodning.',
    });
    const length = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: '{"template":"np_1004"}',
      headers: { ...auth(tokens.s540), 'content-type': 'application/json', 'content-length': '5', 'accept-language': 'en' },
    });
    expect(length.statusCode).toBe(400);
    expect(length.json().detail).toBe("The body's length does not match Content-Length.");
  });
});

describe('logs', () => {
  it('one line per request with id, municipality, template, time and outcome, and never a CPR number, a name or an address', async () => {
    // Every sample case through the API, so that their personal data has been in requests.
    const cases: Array<Record<string, unknown>> = [];
    for (const id of readdirSync(join(root, 'samples/sager')))
      for (const f of readdirSync(join(root, 'samples/sager', id)))
        cases.push({ template: id, context: JSON.parse(readFileSync(join(root, 'samples/sager', id, f), 'utf8')) });
    for (const c of cases) await post('/v1/letters', { ...c, format: 'docx' });
    // Numbers that are not from any request (pino's process id, host and time, the random
    // request id, a UUID whose hex digits may spell a postcode such as 6400 by chance) are left
    // out: the redaction is about what requests carry.
    const log = logLines
      .map((l) => {
        const { pid: _pid, hostname: _host, time: _time, reqId: _id, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify(rest);
      })
      .join('\n')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    const secrets = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string' && v.length >= 4) secrets.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    for (const c of cases) {
      const f = (c['context'] as { fields: Record<string, unknown> }).fields;
      collect((f['Borger'] as Record<string, unknown>) ?? {});
    }
    const cprs = [...secrets].filter((s) => /^\d{6}-?\d{4}$/.test(s));
    expect(cprs.length).toBeGreaterThanOrEqual(3);
    for (const s of secrets) expect(log.includes(s), `log contains "${s}"`).toBe(false);
    expect(log).not.toContain('Kære');
    const requestLines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'request' && l['route'] === '/v1/letters');
    expect(requestLines.length).toBeGreaterThanOrEqual(cases.length);
    expect(requestLines.at(-1)).toMatchObject({
      reqId: expect.any(String),
      kommune: '540',
      template: expect.stringMatching(/^np_/),
      format: 'docx',
      status: 200,
      outcome: 'ok',
      ms: expect.any(Number),
    });
  });
});
