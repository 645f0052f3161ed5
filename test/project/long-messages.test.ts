/**
 * Messages about huge input show a piece of it, not all of it (issue 17): a field code of a
 * megabyte (64 KB here), or a case value as long as the limits allow, is cut to SHOWN_CHARS characters with
 * "…" in what the CLI prints and in what the server answers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/cli/main.js';
import { formatDiagnostic, SHOWN_CHARS, shownText } from '../../src/diagnostics.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { docx, field, p } from '../helpers/build.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;

/** 64 KB of letters that do not compress (a zip bomb is refused before any field is read): far
 * more than a message shows, and quick to parse on a busy machine. */
const big = randomBytes(48 * 1024)
  .toString('base64')
  .replace(/[^A-Za-z]/g, 'q');
const head = big.slice(0, 50);
/** Nothing printed about one field may come near the size of what it is about. */
const SMALL = 3000;

// An argument too many at the end: the error is 64 KB into the instruction.
const syntaxError = (): Buffer => docx([p('Hej ', field(` MERGEFIELD Navn${big} "a" "b" `))]);
const mergeField = (): Buffer => docx([p('Hej ', field(` MERGEFIELD Navn${big} `))]);

describe('shownText', () => {
  it('cuts to SHOWN_CHARS with "…", around the offset when the offset is further in, never inside a surrogate pair', () => {
    expect(shownText('kort')).toBe('kort');
    const long = 'a'.repeat(1000) + 'FEJL' + 'b'.repeat(1000);
    expect(shownText(long)).toBe('a'.repeat(SHOWN_CHARS) + '…');
    const around = shownText(long, 1000);
    expect(around.startsWith('…') && around.endsWith('…')).toBe(true);
    expect(around).toContain('FEJL');
    expect(around.length).toBe(SHOWN_CHARS + 2);
    const emoji = '😀'.repeat(500);
    const cut = shownText(emoji);
    expect(cut.endsWith('😀…')).toBe(true);
    expect(shownText(emoji, 501).startsWith('…😀')).toBe(true);
    const d = { code: 'render.field-error', severity: 'error' as const, params: { detail: 'x' }, location: { instruction: long, offset: 1000, excerpt: long } };
    const text = formatDiagnostic(d);
    expect(text.length).toBeLessThan(3 * SHOWN_CHARS + 200);
    expect(text).toContain('FEJL');
  });
});

describe('the CLI', () => {
  const run = async (args: string[]): Promise<{ code: number; out: string }> => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), cwd: root, color: false };
    return { code: await execute(args, io), out };
  };
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-long-'));
  writeFileSync(join(dir, 'syntax.docx'), syntaxError());
  writeFileSync(join(dir, 'merge.docx'), mergeField());
  writeFileSync(join(dir, 'ok.json'), JSON.stringify({ fields: { Navn: 'Karen' } }));
  writeFileSync(join(dir, 'long-answer.json'), JSON.stringify({ fields: { Navn: 'Karen' }, questions: { q: 'y'.repeat(1024 * 1024) } }));

  it('prints a piece of a huge field code in a refusal', async () => {
    for (const file of ['syntax.docx', 'merge.docx']) {
      const r = await run(['render', join(dir, file), '--context', join(dir, 'ok.json'), '--out', join(dir, 'brev.docx')]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(head);
      expect(r.out).toContain('…');
      expect(r.out.length).toBeLessThan(SMALL);
    }
  });

  it('prints a piece of a megabyte value from the case', async () => {
    const r = await run(['render', join(dir, 'merge.docx'), '--context', join(dir, 'long-answer.json'), '--out', join(dir, 'brev.docx')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`Flettespørgsmålet "q" er besvaret med "${'y'.repeat(SHOWN_CHARS)}…"`);
    expect(r.out.length).toBeLessThan(SMALL);
  });

  it('lint prints a piece of the field code, around where it goes wrong', async () => {
    const r = await run(['lint', join(dir, 'syntax.docx')]);
    expect(r.out).toContain(`${big.slice(-SHOWN_CHARS / 4)} "a" "b" }`);
    expect(r.out).toContain('{ …');
    expect(r.out.length).toBeLessThan(2 * SMALL);
  });
});

describe('the server', () => {
  const token = newToken('sonderborg', { kommune: '540' });
  const auth = { authorization: `Bearer ${token.token}` };
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ templatesDir: templates, credentials: [token.credential], logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers a refused letter with a piece of the field code in its problem's message and instruction", async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/preview/letter',
      payload: { docx: syntaxError().toString('base64'), name: 'stor.docx', context: { fields: { Navn: 'Karen' } }, format: 'docx' },
      headers: auth,
    });
    expect(r.statusCode).toBe(422);
    expect(r.body.length).toBeLessThan(SMALL);
    const item = (r.json() as { errors: Array<{ message: string; instruction?: string }> }).errors[0]!;
    expect(item.instruction!.startsWith(`MERGEFIELD Navn${head}`)).toBe(true);
    expect(item.instruction!.length).toBe(SHOWN_CHARS + 1);
  });

  it('answers a letter refused for a megabyte value with a piece of it', async () => {
    const fields = { ...(karen['fields'] as Record<string, unknown>), Klage: { Frist: 'y'.repeat(1024 * 1024) } };
    const r = await app.inject({ method: 'POST', url: '/v1/letters', payload: { template: 'np_1004', context: { ...karen, fields } }, headers: auth });
    expect(r.statusCode).toBe(422);
    expect(r.body.length).toBeLessThan(SMALL);
    const item = (r.json() as { errors: Array<{ code: string; message: string }> }).errors[0]!;
    expect(item.code).toBe('render.not-a-date');
    expect(item.message).toContain(`har værdien "${'y'.repeat(SHOWN_CHARS)}…", som ikke er en dato`);
  });

  it('lints a huge field code and reports a piece of it', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/lint', payload: syntaxError(), headers: { ...auth, 'content-type': 'application/octet-stream' } });
    expect(r.statusCode).toBe(200);
    expect(r.body.length).toBeLessThan(2 * SMALL);
    expect(r.body).toContain(head);
  });
});
