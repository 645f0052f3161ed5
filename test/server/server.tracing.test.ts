/**
 * OpenTelemetry tracing (issue 18), with the SDK's in-memory exporter: a span per request that
 * continues the caller's W3C traceparent and sends its own back, with the template id and
 * version and the municipality; the render thread's work as its child, the traceparent carried
 * to the worker thread with the task; no personal data in any attribute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { startTracing, type Tracing } from '../../src/server/tracing.js';
import { WorkerPool } from '../../src/service/pool.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const s540 = newToken('sonderborg', { kommune: '540' });
const exporter = new InMemorySpanExporter();
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = '00f067aa0ba902b7';

let tracing: Tracing;
let app: FastifyInstance;
beforeAll(async () => {
  tracing = (await startTracing({}, [new SimpleSpanProcessor(exporter)]))!;
  // Real worker threads: the traceparent has to cross the thread boundary.
  app = await buildApp({ templatesDir: templates, credentials: [s540.credential], pool: new WorkerPool({ threads: 1, timeoutMs: 60_000 }) });
});
afterAll(async () => {
  await app.close();
  await tracing.shutdown();
});
beforeEach(() => exporter.reset());

const hex = (n: number): RegExp => new RegExp(`^[0-9a-f]{${n}}$`);
const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const server = (): ReadableSpan => spans().find((s) => s.kind === 1)!;
const parentOf = (s: ReadableSpan): string | undefined => (s as unknown as { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId;

describe('a span per request', () => {
  it("continues the caller's trace, answers with its own traceparent, names the template, its version and the municipality", async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      headers: { authorization: `Bearer ${s540.token}`, traceparent: `00-${TRACE}-${CALLER}-01` },
      payload: { template: 'np_1004', context: karen },
    });
    expect(r.statusCode).toBe(200);
    const span = server();
    expect(span.name).toBe('POST /v1/letters');
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(parentOf(span)).toBe(CALLER);
    expect(r.headers['traceparent']).toBe(`00-${TRACE}-${span.spanContext().spanId}-01`);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/letters',
      'http.response.status_code': 200,
      'kpbrev.template': 'np_1004',
      'kpbrev.template.version': r.headers['x-template-version'],
      'kpbrev.kommune': '540',
      'kpbrev.outcome': 'ok',
    });
  });

  it("the render thread's work is the request span's child, made from what the thread reports with the traceparent it was given", async () => {
    await app.inject({
      method: 'POST',
      url: '/v1/letters',
      headers: { authorization: `Bearer ${s540.token}`, traceparent: `00-${TRACE}-${CALLER}-01` },
      payload: { template: 'np_1004', context: karen, format: 'docx' },
    });
    const request = server();
    const work = spans().find((s) => s.name === 'kp-brev render')!;
    expect(work).toBeDefined();
    expect(work.spanContext().traceId).toBe(TRACE);
    expect(parentOf(work)).toBe(request.spanContext().spanId);
    // Made in a worker thread, not in the server's.
    expect(work.attributes['thread.id']).toBeGreaterThan(0);
    expect(work.attributes).toMatchObject({
      'kpbrev.job': 'render',
      'kpbrev.ok': true,
      'kpbrev.template.version': request.attributes['kpbrev.template.version'],
    });
    // Inside the request's time.
    const ns = (t: [number, number]): number => t[0] * 1e9 + t[1];
    expect(ns(work.startTime)).toBeGreaterThanOrEqual(ns(request.startTime));
    expect(ns(work.endTime)).toBeLessThanOrEqual(ns(request.endTime));
  });

  it('every job of the pool is traced: a case checked, a template linted', async () => {
    await app.inject({
      method: 'POST',
      url: '/v1/letters:validate',
      headers: { authorization: `Bearer ${s540.token}` },
      payload: { template: 'np_1004', context: karen },
    });
    expect(
      spans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['POST /v1/letters:validate', 'kp-brev validate']);
    // A new trace when the caller sends none.
    expect(server().spanContext().traceId).toMatch(hex(32));
    expect(server().spanContext().traceId).not.toBe(TRACE);
    exporter.reset();
    const docx = readFileSync(join(templates, 'central/beskedskabeloner/np_1004.docx'));
    const r = await app.inject({
      method: 'POST',
      url: '/v1/lint?template=np_1004',
      headers: { authorization: `Bearer ${s540.token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      payload: docx,
    });
    expect(r.statusCode).toBe(200);
    const lint = spans().find((s) => s.name === 'kp-brev lint')!;
    expect(parentOf(lint)).toBe(server().spanContext().spanId);
  });

  it('a refused request is traced too, with its status', async () => {
    const r = await app.inject({ url: '/v1/templates', headers: { traceparent: `00-${TRACE}-${CALLER}-01` } });
    expect(r.statusCode).toBe(401);
    expect(server().attributes).toMatchObject({ 'http.response.status_code': 401, 'kpbrev.kommune': 'ingen', 'kpbrev.outcome': 'unauthorized' });
  });

  it('no personal data and no unknown template id in any attribute', async () => {
    const cpr = '0101701234';
    await app.inject({ method: 'POST', url: '/v1/letters', headers: { authorization: `Bearer ${s540.token}` }, payload: { template: cpr, context: karen } });
    await app.inject({
      method: 'POST',
      url: '/v1/letters',
      headers: { authorization: `Bearer ${s540.token}` },
      payload: { template: 'np_1004', context: karen },
    });
    const text = JSON.stringify(spans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(text).not.toContain(cpr);
    const fields = karen['fields'] as Record<string, unknown>;
    for (const value of Object.values(fields).filter((v): v is string => typeof v === 'string' && v.length > 3)) expect(text).not.toContain(value);
    expect(text).toMatch(/"kpbrev.template":"ukendt-[0-9a-f]{12}"/);
  });
});
