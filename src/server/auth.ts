/**
 * Credentials: bearer tokens, each bound to one municipality (or an administrator), stored
 * only as SHA-256 hashes (tokens are random and long, so a fast hash is enough; the plain token
 * is shown once, by `kp-brev token`). A municipality's credential renders with its own
 * overrides and can never name another municipality. Beside them, JWTs from the municipality's
 * identity provider (jwt.ts) when one is configured.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { looksLikeJwt, type JwtVerifier } from './jwt.js';
import type { Principal } from './principal.js';

export interface Credential {
  name: string;
  kommune?: string;
  admin?: boolean;
  /** Hex SHA-256 of the token. */
  sha256: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token (256 bits, URL-safe) and its credential line. */
export function newToken(name: string, scope: { kommune?: string; admin?: boolean }): { token: string; credential: Credential } {
  const token = `kpb_${randomBytes(32).toString('base64url')}`;
  return {
    token,
    credential: { name, ...(scope.kommune ? { kommune: scope.kommune } : {}), ...(scope.admin ? { admin: true } : {}), sha256: hashToken(token) },
  };
}

export class Credentials {
  private readonly byHash = new Map<string, Credential>();

  constructor(list: readonly Credential[]) {
    for (const c of list) this.byHash.set(c.sha256.toLowerCase(), c);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The principal for an Authorization header, or undefined. */
  verify(header: string | undefined): Principal | undefined {
    const token = bearerToken(header);
    return token === undefined ? undefined : this.verifyToken(token);
  }

  /** The principal of a static token, or undefined. */
  verifyToken(token: string): Principal | undefined {
    const hash = hashToken(token);
    const c = this.byHash.get(hash);
    if (!c || !timingSafeEqual(Buffer.from(c.sha256.toLowerCase(), 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return { name: c.name, kommune: c.kommune, admin: c.admin === true };
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return m ? m[1]! : undefined;
}

/** Why a request was not let in: the status, the message id and what WWW-Authenticate says. */
export interface Refusal {
  status: 401 | 403 | 503;
  id: string;
  /** For WWW-Authenticate (RFC 6750): invalid_token, insufficient_scope. */
  error?: 'invalid_token' | 'insufficient_scope';
  /** The reason in a word (the log's outcome, WWW-Authenticate's error_description). */
  reason: string;
}

export type AuthResult = { ok: true; principal: Principal } | ({ ok: false } & Refusal);

/** Static credentials first, then (when configured) the identity provider's JWTs. */
export class Authenticator {
  constructor(
    readonly credentials: Credentials,
    private readonly jwt?: JwtVerifier,
  ) {}

  async authenticate(header: string | undefined): Promise<AuthResult> {
    const token = bearerToken(header);
    if (token === undefined) return { ok: false, status: 401, id: 'server.unauthorized', reason: 'unauthorized' };
    const principal = this.credentials.verifyToken(token);
    if (principal) return { ok: true, principal };
    if (this.jwt && looksLikeJwt(token)) {
      const r = await this.jwt.verify(token);
      if (r.ok) return r;
      return {
        ok: false,
        status: r.status,
        id: `server.jwt-${r.reason}`,
        reason: r.reason,
        ...(r.status === 401 ? { error: 'invalid_token' as const } : r.status === 403 ? { error: 'insufficient_scope' as const } : {}),
      };
    }
    return { ok: false, status: 401, id: 'server.unauthorized', reason: 'unauthorized', ...(this.jwt ? { error: 'invalid_token' as const } : {}) };
  }
}

/** The headers of a refusal: WWW-Authenticate for 401 and 403, Retry-After for 503. */
export function refusalHeaders(r: Refusal): Record<string, string> {
  if (r.status === 503) return { 'retry-after': '10' };
  return { 'www-authenticate': r.error ? `Bearer error="${r.error}", error_description="${r.reason}"` : 'Bearer' };
}
