/**
 * Tracing is configured by the OpenTelemetry SDK's own variables (issue 18): off without them
 * (no span, no traceparent in the answer), and with OTEL_EXPORTER_OTLP_ENDPOINT the spans go
 * over OTLP/HTTP to that collector (a stub on loopback here) under OTEL_SERVICE_NAME.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { startTracing, tracingWanted } from '../../src/server/tracing.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const s540 = newToken('sonderborg', { kommune: '540' });
const received: Array<{ url: string; type: string; body: string }> = [];
let collector: Server | undefined;

afterAll(() => collector?.close());

describe('tracing from the environment', () => {
  it('is wanted only when an OTLP endpoint or exporter is named, and not when disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('off: no span, no traceparent in the answer', async () => {
    expect(await startTracing({})).toBeUndefined();
    const app = await buildApp({ templatesDir: templates, credentials: [s540.credential] });
    const r = await app.inject({
      url: '/v1/kommuner',
      headers: { authorization: `Bearer ${s540.token}`, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['traceparent']).toBeUndefined();
    await app.close();
  });

  it('on: the spans are exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT, under OTEL_SERVICE_NAME', async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', type: String(req.headers['content-type']), body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector!.listen(0, '127.0.0.1', resolve));
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`, OTEL_SERVICE_NAME: 'kp-brev-test' };
    // The exporter reads its endpoint from the process's environment, as in production.
    Object.assign(process.env, env);
    const tracing = (await startTracing(process.env))!;
    expect(tracing).toBeDefined();
    const app = await buildApp({ templatesDir: templates, credentials: [s540.credential] });
    const r = await app.inject({ url: '/v1/kommuner', headers: { authorization: `Bearer ${s540.token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await tracing.forceFlush();
    await app.close();
    await tracing.shutdown();
    for (const k of Object.keys(env)) delete process.env[k];
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]!.url).toBe('/v1/traces');
    const all = received.map((x) => x.body).join('\n');
    expect(all).toContain('kp-brev-test');
    expect(all).toContain('GET /v1/kommuner');
    expect(all).toContain(String(r.headers['traceparent']).split('-')[1]);
  });
});
