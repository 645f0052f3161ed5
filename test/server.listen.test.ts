/**
 * The real server: `kp-brev serve` listening on loopback with worker threads, under a
 * sustained mixed load of PDF and .docx letters (autocannon), with a time limit per letter,
 * and shut down gracefully while a request is in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/server/auth.js';

const root = join(import.meta.dirname, '..');
const karen = readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8');
const { token, credential } = newToken('belastning', { kommune: '540' });

async function startServer(extra: Record<string, unknown> = {}): Promise<{ child: ChildProcess; url: string; log: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-serve-'));
  const config = join(dir, 'server.json');
  writeFileSync(config, JSON.stringify({ templates: join(root, 'templates'), port: 0, host: '127.0.0.1', threads: 2, credentials: [credential], ...extra }));
  const child = spawn(process.execPath, [join(root, 'bin/kp-brev.js'), 'serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KP_BREV_LANG: '' } });
  const log: string[] = [];
  child.stdout!.on('data', (b: Buffer) => log.push(...b.toString().split('\n').filter(Boolean)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 30_000);
    child.stderr!.on('data', (b: Buffer) => {
      const m = /lytter på (http:\/\/\S+)\./.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { child, url, log };
}

const letter = (format: 'pdf' | 'docx'): autocannon.Request => ({
  method: 'POST',
  path: '/v1/letters',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ template: 'np_1004', context: JSON.parse(karen), format }),
});

describe('kp-brev serve on loopback', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  }, 60_000);
  afterAll(() => {
    server.child.kill('SIGKILL');
  });

  it('answers a sustained mixed load of PDF and .docx letters without an error', async () => {
    const result = await autocannon({ url: server.url, connections: 8, duration: 8, overallRate: 80, requests: [letter('pdf'), letter('docx')] });
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    // Throughput is the benchmark's business (npm run bench); here every letter must succeed.
    expect(result.requests.total).toBeGreaterThan(400);
    // The template cache metric counts what the render threads compiled (each warmed up every
    // central letter), not the server thread's own (empty) cache.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(Number(/^kpbrev_template_cache_size (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(13);
    console.log(`load: ${result.requests.total} letters in ${result.duration} s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  }, 60_000);

  it('lints a template and checks a case in the render threads too', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const lint = await fetch(`${server.url}/v1/lint?template=np_1011`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: readFileSync(join(root, 'samples/lint/np_1011-kladde.docx')),
    });
    expect(lint.status).toBe(200);
    const findings = ((await lint.json()) as Array<{ findings: Array<{ rule: string; regression?: boolean }> }>)[0]!.findings;
    expect(findings.find((f) => f.rule === 'a11y-image-alt')).toMatchObject({ regression: true });
    const context = JSON.parse(karen) as { fields: Record<string, unknown> };
    delete context.fields['Bevilling'];
    const valid = await fetch(`${server.url}/v1/letters:validate`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ template: 'np_1004', context }) });
    expect(((await valid.json()) as { valid: boolean; problems: Array<{ field: string }> }).problems.map((p) => p.field)).toContain('Bevilling.Fra');
  });

  it('logs one JSON line per letter without the case data', () => {
    const lines = server.log.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'request');
    expect(lines.length).toBeGreaterThan(40);
    expect(lines[0]).toMatchObject({ route: '/v1/letters', kommune: '540', template: 'np_1004', status: 200, outcome: 'ok' });
    const all = server.log.join('\n');
    for (const secret of ['Karen Jensen', 'Engvej 12', JSON.parse(karen).fields.Borger?.CPR].filter(Boolean)) expect(all).not.toContain(secret);
  });

  it('stops making a batch when the caller goes away', async () => {
    const made = async (): Promise<number> => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/kpbrev_letters_rendered_total\{format="pdf"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await made();
    const cases = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `a${i}`, ...JSON.parse(karen) })).join('\n');
    const controller = new AbortController();
    const r = await fetch(`${server.url}/v1/letters:batch?template=np_1004&format=pdf`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body: cases, signal: controller.signal });
    const reader = r.body!.getReader();
    await reader.read(); // the first letters have arrived
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const afterAbort = await made();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Nothing more is made once the letters in the render threads are done.
    expect(await made()).toBe(afterAbort);
    expect(afterAbort - before).toBeLessThan(3000);
  }, 60_000);
});

describe('limits and shutdown', () => {
  it('answers 503 with Retry-After when a letter takes longer than the time limit', async () => {
    const slow = await startServer({ timeoutMs: 100, threads: 1 });
    try {
      const post = (context: unknown) =>
        fetch(`${slow.url}/v1/letters`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ template: 'np_1004', context, format: 'pdf' }) });
      // A name of 600,000 characters: hundreds of pages to lay out, far more than 100 ms.
      const huge = JSON.parse(karen) as { fields: { Borger: Record<string, unknown> } };
      huge.fields.Borger['Navn'] = 'Karen Jensen '.repeat(50_000);
      const r = await post(huge);
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(((await r.json()) as { detail: string }).detail).toBe('Brevet blev ikke dannet inden for tidsgrænsen på 100 ms.');
      // The runaway thread is stopped and a new one warmed up (its first letter is as fast as
      // the rest, so it does not run into the limit in turn): ordinary letters are made again.
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await post(JSON.parse(karen))).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(200);
    } finally {
      slow.child.kill('SIGKILL');
    }
  }, 60_000);

  it('finishes the requests in flight when told to stop (SIGTERM), then exits 0', async () => {
    const s = await startServer();
    // A batch of 300 letters is in flight when the signal comes: every letter must still arrive.
    const cases = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `s${i}`, ...JSON.parse(karen) })).join('\n');
    const pending = fetch(`${s.url}/v1/letters:batch?template=np_1004&format=pdf`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body: cases });
    const exit = new Promise<number | null>((resolve) => s.child.on('exit', (code) => resolve(code)));
    const r = await pending;
    expect(r.status).toBe(200);
    s.child.kill('SIGTERM');
    const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean });
    expect(lines.length).toBe(300);
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(await exit).toBe(0);
  }, 60_000);
});
