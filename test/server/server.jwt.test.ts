/**
 * Identity from the municipality's identity provider (issue 18): bearer JWTs verified against
 * the configured issuer, audience and the JWKS a test identity provider serves on loopback with
 * keys generated here (RS256 and ES256); the municipality from a configured claim, admin from a
 * configured role; key rotation; clock skew; 401/403 problem answers in Danish and English;
 * static credentials beside them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { openDocx } from '../helpers/inspect.js';
import { testIdp, unsignedToken, type TestIdp } from '../helpers/jwks.js';
import { logCollector } from '../helpers/log.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
const s540 = newToken('sonderborg', { kommune: '540' });
const bearer = (token: string, lang?: string): Record<string, string> => ({ authorization: `Bearer ${token}`, ...(lang ? { 'accept-language': lang } : {}) });
const now = (): number => Math.floor(Date.now() / 1000);
// A made-up subject that looks like a CPR number: it must never reach the log.
const SUB = '0101701234';

let idp: TestIdp;
let app: FastifyInstance;
const log = logCollector();

beforeAll(async () => {
  idp = await testIdp();
  app = await buildApp({
    templatesDir: templates,
    credentials: [s540.credential],
    logger: { stream: log.stream },
    // No cooldown between key fetches here, so that a rotation is seen at once.
    jwt: {
      issuer: idp.issuer,
      audience: idp.audience,
      jwksUrl: idp.jwksUrl,
      kommuneClaim: 'kommunekode',
      rolesClaim: 'realm_access.roles',
      adminRole: 'kp-brev-drift',
      jwksCooldownSeconds: 0,
    },
  });
});
afterAll(async () => {
  await app.close();
  await idp.close();
});

const templatesFor = async (token: string, lang?: string) => app.inject({ url: '/v1/templates', headers: bearer(token, lang) });

describe('a valid token', () => {
  it("RS256 and ES256 tokens naming a municipality make that municipality's letter", async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await idp.sign({ sub: SUB, azp: 'sagssystem', kommunekode: '540' }, { alg });
      const r = await app.inject({
        method: 'POST',
        url: '/v1/letters',
        headers: bearer(token),
        payload: { template: 'np_1004', context: karen, format: 'docx' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(openDocx(r.rawPayload).texts().join('\n')).toContain('Karen');
    }
  });

  it('a numeric municipality claim is read as its code', async () => {
    const r = await templatesFor(await idp.sign({ kommunekode: 540 }));
    expect(r.statusCode, r.body).toBe(200);
  });

  it('the log names the client and the municipality, never the subject', async () => {
    const token = await idp.sign({ sub: SUB, azp: 'sagssystem', kommunekode: '540' });
    await templatesFor(token);
    const all = log.lines.join('\n');
    expect(all).not.toContain(SUB);
    expect(all).not.toContain(token.split('.')[1]!);
    expect(log.lines.some((l) => /"kommune":"540"/.test(l) && /"route":"\/v1\/templates"/.test(l))).toBe(true);
  });

  it('a static credential still works beside the identity provider', async () => {
    expect((await templatesFor(s540.token)).statusCode).toBe(200);
  });
});

describe('municipality and administrator', () => {
  it("a token for 540 cannot make 751's letter: 403, in Danish or English", async () => {
    const token = await idp.sign({ kommunekode: '540' });
    const da = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      headers: bearer(token),
      payload: { template: 'np_1004', context: karen, kommune: '751' },
    });
    expect(da.statusCode).toBe(403);
    expect(da.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(da.json()).toMatchObject({ type: 'urn:kp-brev:problem:forbidden', title: 'Adgang nægtet' });
    expect(da.json().detail).toContain('kommune 540');
    const en = await app.inject({ url: '/v1/templates?kommune=751', headers: bearer(token, 'en') });
    expect(en.statusCode).toBe(403);
    expect(en.json().title).toBe('Forbidden');
  });

  it('the configured role (in a nested claim) makes an administrator, who may name any municipality', async () => {
    const token = await idp.sign({ realm_access: { roles: ['offline_access', 'kp-brev-drift'] } });
    const r = await app.inject({ url: '/v1/templates?kommune=540', headers: bearer(token) });
    expect(r.statusCode, r.body).toBe(200);
    // Another role than the configured one makes no administrator.
    const other = await idp.sign({ realm_access: { roles: ['kp-brev-admin'] }, kommunekode: '751' });
    expect((await app.inject({ url: '/v1/templates?kommune=540', headers: bearer(other) })).statusCode).toBe(403);
  });

  it('a verified token without a municipality or the role is 403 (insufficient_scope); a malformed code too', async () => {
    const none = await templatesFor(await idp.sign({ sub: SUB }));
    expect(none.statusCode).toBe(403);
    expect(none.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", error_description="no-kommune"');
    expect(none.json().detail).toBe('Adgangsnøglen (JWT) angiver ingen kommune og giver ikke administratorrollen.');
    const bad = await templatesFor(await idp.sign({ kommunekode: '540; DROP' }), 'en');
    expect(bad.statusCode).toBe(403);
    expect(bad.json().detail).toBe('The municipality in the access token (JWT) is not a municipality code (3 or 4 digits).');
  });
});

describe('a token that is not accepted: 401 with why', () => {
  async function refused(token: string, reason: string, da: RegExp, en: RegExp): Promise<void> {
    const r = await templatesFor(token);
    expect(r.statusCode, r.body).toBe(401);
    expect(r.headers['www-authenticate']).toBe(`Bearer error="invalid_token", error_description="${reason}"`);
    expect(r.json()).toMatchObject({ type: 'urn:kp-brev:problem:unauthorized', title: 'Ikke logget ind', status: 401 });
    expect(r.json().detail).toMatch(da);
    const e = await templatesFor(token, 'en');
    expect(e.json().title).toBe('Not authenticated');
    expect(e.json().detail).toMatch(en);
  }

  it('expired (beyond the clock tolerance)', async () => {
    await refused(await idp.sign({ kommunekode: '540' }, { expiresIn: now() - 120 }), 'expired', /er udløbet/, /has expired/);
  });

  it('within the clock tolerance (30 s) an expired or not yet valid token is accepted; beyond it, not', async () => {
    expect((await templatesFor(await idp.sign({ kommunekode: '540' }, { expiresIn: now() - 10 }))).statusCode).toBe(200);
    expect((await templatesFor(await idp.sign({ kommunekode: '540' }, { notBefore: now() + 10 }))).statusCode).toBe(200);
    await refused(await idp.sign({ kommunekode: '540' }, { notBefore: now() + 600 }), 'not-yet-valid', /gælder endnu ikke/, /not valid yet/);
  });

  it('wrong audience', async () => {
    await refused(
      await idp.sign({ kommunekode: '540' }, { audience: 'et-andet-system' }),
      'audience',
      /ikke udstedt til denne server \(aud\)/,
      /not issued for this server/,
    );
  });

  it('wrong issuer', async () => {
    await refused(await idp.sign({ kommunekode: '540' }, { issuer: 'https://idp.example.dk/realms/andet' }), 'issuer', /\(iss\)/, /\(iss\)/);
  });

  it('alg none (unsigned), and a shared-secret HS256 token', async () => {
    const claims = { iss: idp.issuer, aud: idp.audience, exp: now() + 300, kommunekode: '540' };
    await refused(unsignedToken(claims), 'algorithm', /usigneret nøgle godtages aldrig/, /unsigned token is never accepted/);
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a'.repeat(32)));
    await refused(hs, 'algorithm', /algoritme/, /algorithm/);
  });

  it('a key the issuer does not publish, and a signature that does not match', async () => {
    await refused(await idp.sign({ kommunekode: '540' }, { key: await idp.strayKey('RS256') }), 'unknown-key', /\(kid\)/, /\(kid\)/);
    const good = await idp.sign({ kommunekode: '540' });
    const [h, , s] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ iss: idp.issuer, aud: idp.audience, exp: now() + 300, realm_access: { roles: ['kp-brev-drift'] } })).toString('base64url')}.${s}`;
    await refused(forged, 'signature', /signatur passer ikke/, /signature does not verify/);
  });

  it('a token without exp (it would never expire)', async () => {
    await refused(await idp.sign({ kommunekode: '540' }, { expiresIn: null }), 'claims', /mangler et krævet felt/, /lacks a required claim/);
  });

  it('no token, or an unknown one, is 401 as before', async () => {
    const r = await app.inject({ url: '/v1/templates' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
    const unknown = await templatesFor('kpb_ukendt');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });
});

describe('key rotation', () => {
  it('a token signed with the new key is accepted without a restart; the retired key is refused', async () => {
    const before = await idp.sign({ kommunekode: '540' }, { alg: 'ES256' });
    expect((await templatesFor(before)).statusCode).toBe(200);
    const fetched = idp.fetches();
    await idp.rotate('ES256');
    const after = await idp.sign({ kommunekode: '540' }, { alg: 'ES256' });
    // The new kid is not in the cached set: the keys are fetched again.
    expect((await templatesFor(after)).statusCode).toBe(200);
    expect(idp.fetches()).toBeGreaterThan(fetched);
    // The set fetched then no longer holds the old key.
    const r = await templatesFor(before);
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toContain('unknown-key');
  });
});

describe('an identity provider that cannot be reached', () => {
  it("is 503 with Retry-After (not the client's fault), and a static credential still works", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const lone = await buildApp({
      templatesDir: templates,
      credentials: [s540.credential],
      jwt: { issuer: idp.issuer, audience: idp.audience, jwksUrl: `http://127.0.0.1:${port}/jwks.json` },
    });
    try {
      const r = await lone.inject({ url: '/v1/templates', headers: bearer(await idp.sign({ kommunekode: '540' })) });
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('10');
      expect(r.json()).toMatchObject({
        type: 'urn:kp-brev:problem:identity-unavailable',
        detail: 'Identitetsudbyderens nøgler (JWKS) kan ikke hentes lige nu; prøv igen om lidt.',
      });
      expect((await lone.inject({ url: '/v1/templates', headers: bearer(s540.token) })).statusCode).toBe(200);
    } finally {
      await lone.close();
    }
  });
});
