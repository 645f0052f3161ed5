/**
 * The server's shared types: what `buildApp()` is given (ServerOptions), what every route and
 * hook is handed (ServerContext), and what a request carries besides Fastify's own (the
 * declarations below), with the defaults of ServerOptions' request limits. A module of types and
 * those defaults only, below app.ts and the routes, so that the routes need not import the
 * application that registers them.
 */
import type { Lang } from '../i18n/index.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { IdempotencyStore } from '../ledger/idempotency.js';
import type { RenderPool } from '../service/pool.js';
import type { Authenticator, Credential } from './auth.js';
import type { JwtConfig } from './jwt.js';
import type { CacheFigures, Metrics } from './metrics.js';
import type { Principal } from './principal.js';

/** Fair share's limits per credential (fair-share.ts). */
export interface RateLimitConfig {
  /** Requests per window per credential. */
  max?: number;
  /** The window of `max`, seconds (default 60). */
  windowSeconds?: number;
  /** Requests in progress at once per credential. */
  concurrent?: number;
}

export interface ServerOptions {
  templatesDir: string;
  credentials: readonly Credential[];
  /** Where letters are made (default: in this thread). The server command uses worker threads. */
  pool?: RenderPool;
  /** Largest request body for letters, bytes (default SERVER_LIMIT_DEFAULTS.bodyLimit, 5 MB). */
  bodyLimit?: number;
  /** Largest .docx for lint, bytes (default SERVER_LIMIT_DEFAULTS.lintBodyLimit, 20 MB). */
  lintBodyLimit?: number;
  /** Logging: false for none, or pino options / a destination stream. */
  logger?: boolean | Record<string, unknown>;
  /**
   * Training environment: requests from this machine (loopback) without a credential act as an
   * administrator, so that the training page works without tokens. Never in production.
   */
  training?: boolean;
  /** Sample cases for the training page (default: samples/sager beside the repository). */
  samplesDir?: string;
  /**
   * Where the answers of `POST /v1/letters` with an Idempotency-Key are kept (default: in this
   * process, bounded; the server command uses the PostgreSQL ledger when one is configured).
   */
  idempotency?: IdempotencyStore;
  /** Bearer JWTs from the municipality's identity provider, beside the static credentials. */
  jwt?: JwtConfig;
  /** Fair share: rate and concurrency limits per credential. */
  rateLimit?: RateLimitConfig;
}

/** The request limits when ServerOptions (or the server's configuration) give none: a letter
 * request may be as large as a case (`caseBytes`), a .docx for lint as a template (`templateBytes`). */
export const SERVER_LIMIT_DEFAULTS: Readonly<{ bodyLimit: number; lintBodyLimit: number }> = Object.freeze({
  bodyLimit: DEFAULT_LIMITS.caseBytes,
  lintBodyLimit: DEFAULT_LIMITS.templateBytes,
});

/** The request limits in force for these options. */
export function serverLimits(options: Pick<ServerOptions, 'bodyLimit' | 'lintBodyLimit'>): { bodyLimit: number; lintBodyLimit: number } {
  return { bodyLimit: options.bodyLimit ?? SERVER_LIMIT_DEFAULTS.bodyLimit, lintBodyLimit: options.lintBodyLimit ?? SERVER_LIMIT_DEFAULTS.lintBodyLimit };
}

export interface ServerContext {
  options: ServerOptions;
  auth: Authenticator;
  pool: RenderPool;
  metrics: Metrics;
  /** Set while shutting down: /readyz says not ready. */
  closing: { value: boolean };
  /** The template cache figures last reported by each render thread (by thread id). */
  caches: Map<number, CacheFigures>;
  idempotency: IdempotencyStore;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Answered without a credential (operations, the page and its files). Every other route
     * needs one: authentication is decided by the route the router matched, never by the URL.
     */
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    lang: Lang;
    /** What the request log line tells besides method, route, status and time. */
    note: { template?: string; kommune?: string; format?: string; outcome?: string; pages?: number };
    /**
     * Work that goes on after the caller has gone away (a batch's letters in the render
     * threads): a request whose caller went away is logged and counted when it has ended.
     */
    pending: Promise<unknown> | undefined;
  }
}
