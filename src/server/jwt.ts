/**
 * Identity from the municipality's identity provider: bearer JWTs verified with `jose` against
 * the configured issuer, audience and the issuer's published keys (JWKS). The municipality is
 * read from a configured claim, administrators are known by a configured role. Keys are fetched
 * again when a token names a key id the cached set does not hold (key rotation), at most once
 * per cooldown; `exp` and `nbf` are checked with a configured clock tolerance; only the
 * configured asymmetric algorithms are accepted (never `none`, never a shared secret).
 *
 * A token that cannot be verified is 401 (invalid_token, and why); a verified token that names
 * no municipality and is no administrator's is 403; keys that cannot be fetched are 503.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from './principal.js';

export interface JwtConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  kommuneClaim?: string;
  rolesClaim?: string;
  adminRole?: string;
  algorithms?: string[];
  clockToleranceSeconds?: number;
  jwksCacheSeconds?: number;
  jwksCooldownSeconds?: number;
}

export const JWT_DEFAULTS = {
  kommuneClaim: 'kommune',
  rolesClaim: 'roles',
  adminRole: 'kp-brev-admin',
  algorithms: ['RS256', 'ES256'],
  clockToleranceSeconds: 30,
  jwksCacheSeconds: 600,
  jwksCooldownSeconds: 30,
} as const satisfies Partial<JwtConfig>;

/** Why a token was not accepted (each has a message `server.jwt-<reason>`). */
export type JwtRefusal =
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'malformed'
  | 'claims'
  | 'no-kommune'
  | 'bad-kommune'
  | 'keys-unavailable';

export type JwtResult = { ok: true; principal: Principal } | { ok: false; status: 401 | 403 | 503; reason: JwtRefusal };

/** Three base64url parts (the last empty for an unsigned token): a JWT, not a kp-brev token. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/** A claim by a dotted path (`realm_access.roles`), or a top-level claim named with dots. */
function claim(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let cur: unknown = payload;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function roles(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

function refusal(err: unknown): { status: 401 | 503; reason: JwtRefusal } {
  if (err instanceof errors.JWTExpired) return { status: 401, reason: 'expired' };
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return { status: 401, reason: 'issuer' };
    if (err.claim === 'aud') return { status: 401, reason: 'audience' };
    if (err.claim === 'nbf') return { status: 401, reason: 'not-yet-valid' };
    return { status: 401, reason: 'claims' };
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return { status: 401, reason: 'algorithm' };
  if (err instanceof errors.JWSSignatureVerificationFailed) return { status: 401, reason: 'signature' };
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return { status: 401, reason: 'unknown-key' };
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return { status: 401, reason: 'malformed' };
  // The keys could not be fetched or read (timeout, refused, not a JWKS): not the client's fault.
  return { status: 503, reason: 'keys-unavailable' };
}

export class JwtVerifier {
  private readonly cfg: JwtConfig & typeof JWT_DEFAULTS;
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(cfg: JwtConfig) {
    this.cfg = { ...JWT_DEFAULTS, ...cfg } as JwtConfig & typeof JWT_DEFAULTS;
    this.keys = createRemoteJWKSet(new URL(cfg.jwksUrl), {
      cacheMaxAge: this.cfg.jwksCacheSeconds * 1000,
      cooldownDuration: this.cfg.jwksCooldownSeconds * 1000,
      timeoutDuration: 5000,
    });
  }

  async verify(token: string): Promise<JwtResult> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.cfg.issuer,
        audience: this.cfg.audience,
        algorithms: [...this.cfg.algorithms],
        clockTolerance: this.cfg.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      return { ok: false, ...refusal(err) };
    }
    // Who the client is, for the log: the client id, never the subject (it may be a person).
    const client = [payload['azp'], payload['client_id']].find((v): v is string => typeof v === 'string' && /^[\w.:@-]{1,64}$/.test(v)) ?? 'jwt';
    if (roles(claim(payload, this.cfg.rolesClaim)).includes(this.cfg.adminRole))
      return { ok: true, principal: { name: `jwt:${client}`, kommune: undefined, admin: true } };
    const raw = claim(payload, this.cfg.kommuneClaim);
    if (raw === undefined || raw === null || raw === '') return { ok: false, status: 403, reason: 'no-kommune' };
    const kommune = typeof raw === 'number' ? String(raw) : raw;
    // The same form as a credential's municipality (schemas/server-config.schema.json).
    if (typeof kommune !== 'string' || !/^[0-9]{3,4}$/.test(kommune)) return { ok: false, status: 403, reason: 'bad-kommune' };
    return { ok: true, principal: { name: `jwt:${client}`, kommune, admin: false } };
  }
}
