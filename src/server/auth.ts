/**
 * Credentials: bearer tokens, each bound to one municipality (or an administrator), stored
 * only as SHA-256 hashes (tokens are random and long, so a fast hash is enough; the plain token
 * is shown once, by `kp-brev token`). A municipality's credential renders with its own
 * overrides and can never name another municipality.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Credential {
  name: string;
  kommune?: string;
  admin?: boolean;
  /** Hex SHA-256 of the token. */
  sha256: string;
}

export interface Principal {
  name: string;
  kommune: string | undefined;
  admin: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token (256 bits, URL-safe) and its credential line. */
export function newToken(name: string, scope: { kommune?: string; admin?: boolean }): { token: string; credential: Credential } {
  const token = `kpb_${randomBytes(32).toString('base64url')}`;
  return { token, credential: { name, ...(scope.kommune ? { kommune: scope.kommune } : {}), ...(scope.admin ? { admin: true } : {}), sha256: hashToken(token) } };
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
    const m = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
    if (!m) return undefined;
    const hash = hashToken(m[1]!);
    const c = this.byHash.get(hash);
    if (!c || !timingSafeEqual(Buffer.from(c.sha256.toLowerCase(), 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return { name: c.name, kommune: c.kommune, admin: c.admin === true };
  }
}
