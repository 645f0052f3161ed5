/**
 * An identity provider for tests: signing keys generated here (RS256 and ES256), their public
 * halves served as a JWKS on loopback, and tokens signed with them. `rotate()` replaces the
 * published keys, as an identity provider does at key rotation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

type Alg = 'RS256' | 'ES256';
interface Key {
  kid: string;
  alg: Alg;
  privateKey: CryptoKey;
  jwk: JWK;
}

export interface TestIdp {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  /** A token signed with the current key of that algorithm (or a key given), with exp in 5 min unless told (null: none). */
  sign(
    claims: JWTPayload,
    opts?: { alg?: Alg; key?: Key; expiresIn?: number | string | null; notBefore?: number | string; issuer?: string; audience?: string },
  ): Promise<string>;
  /** A new key of the algorithm, published instead of the old one of that algorithm; returns the old. */
  rotate(alg: Alg): Promise<Key>;
  /** A key that is never published. */
  strayKey(alg: Alg): Promise<Key>;
  close(): Promise<void>;
}

let serial = 0;
async function newKey(alg: Alg): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `test-${alg.toLowerCase()}-${++serial}`;
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export async function testIdp(audience = 'kp-brev'): Promise<TestIdp> {
  const current = new Map<Alg, Key>([
    ['RS256', await newKey('RS256')],
    ['ES256', await newKey('ES256')],
  ]);
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [...current.values()].map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/realms/kommune`;
  return {
    issuer,
    audience,
    jwksUrl: `${base}/jwks.json`,
    fetches: () => fetches,
    async sign(claims, opts = {}) {
      const key = opts.key ?? current.get(opts.alg ?? 'RS256')!;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(opts.issuer ?? issuer)
        .setAudience(opts.audience ?? audience)
        .setIssuedAt();
      if (opts.expiresIn !== null) jwt.setExpirationTime(opts.expiresIn ?? '5m');
      if (opts.notBefore !== undefined) jwt.setNotBefore(opts.notBefore);
      return jwt.sign(key.privateKey);
    },
    async rotate(alg) {
      const old = current.get(alg)!;
      current.set(alg, await newKey(alg));
      return old;
    },
    strayKey: newKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An unsigned token (`alg: none`) with these claims. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
