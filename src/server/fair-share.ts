/**
 * Fair share between municipalities: a request rate (@fastify/rate-limit) and a number of
 * requests in progress per credential, so that one municipality's batch cannot take the render
 * threads from the others' letters; beyond either, 429 with Retry-After. A municipality's
 * credentials (static tokens and JWTs naming it) share one allowance; each administrator's
 * credential has its own. And the per-municipality metrics: requests, latency and refusals,
 * labelled by the credential's municipality code only (never a person, a case or a template).
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';
import { problem, sendProblem } from './problem.js';
import type { RateLimitConfig, ServerContext } from './types.js';

export type { RateLimitConfig } from './types.js';

export const RATE_WINDOW_DEFAULT = 60;

/** Whose allowance a request uses. */
export function fairShareKey(p: Principal): string {
  return p.admin ? `admin:${p.name}` : `kommune:${p.kommune ?? ''}`;
}

/** The label of the per-municipality metrics. */
export function kommuneLabel(p: Principal | undefined): string {
  return !p ? 'ingen' : p.admin ? 'admin' : (p.kommune ?? 'ingen');
}

/** A request over a limit (thrown by the rate limiter, answered by the error handler). */
export class LimitRefusal extends Error {
  readonly statusCode = 429;
  constructor(
    readonly reason: 'rate-limited' | 'concurrency-limited',
    readonly retryAfterSeconds: number,
    readonly params: Record<string, number>,
  ) {
    super(reason);
  }
}

/** Answers a request over a limit: 429, problem+json, Retry-After. */
export function sendLimitRefusal(req: FastifyRequest, reply: FastifyReply, r: LimitRefusal): FastifyReply {
  req.note.outcome = r.reason;
  return sendProblem(
    reply,
    problem('too-many-requests', 429, req.lang, { id: `server.${r.reason}`, params: { ...r.params, seconds: r.retryAfterSeconds } }, req.id),
    { 'retry-after': String(r.retryAfterSeconds) },
  );
}

const REFUSED: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 429: 'rate-limited', 503: 'busy' };

/** Registers the limits configured and the per-municipality metrics. Call after authentication. */
export async function fairShare(app: FastifyInstance, ctx: ServerContext, cfg: RateLimitConfig | undefined): Promise<void> {
  app.addHook('onResponse', async (req, reply) => {
    if (req.is404 || req.routeOptions.config.public === true) return;
    const kommune = kommuneLabel(req.principal);
    const status = reply.statusCode;
    ctx.metrics.kommuneRequests.inc({ kommune, status: String(status) });
    ctx.metrics.kommuneLatency.observe({ kommune }, reply.elapsedTime / 1000);
    const refused = REFUSED[status];
    if (refused) ctx.metrics.kommuneRefusals.inc({ kommune, reason: status === 429 || status === 503 ? (req.note.outcome ?? refused) : refused });
  });

  const concurrent = cfg?.concurrent;
  if (concurrent) {
    const inProgress = new Map<string, number>();
    app.addHook('onRequest', async (req, reply) => {
      if (!req.principal) return;
      const key = fairShareKey(req.principal);
      const n = inProgress.get(key) ?? 0;
      if (n >= concurrent) return sendLimitRefusal(req, reply, new LimitRefusal('concurrency-limited', 1, { limit: concurrent }));
      inProgress.set(key, n + 1);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        const left = (inProgress.get(key) ?? 1) - 1;
        if (left > 0) inProgress.set(key, left);
        else inProgress.delete(key);
      };
      // Whether the answer went out or the caller went away.
      reply.raw.once('finish', release);
      reply.raw.once('close', release);
    });
  }

  const max = cfg?.max;
  if (max) {
    const window = cfg.windowSeconds ?? RATE_WINDOW_DEFAULT;
    await app.register(fastifyRateLimit, {
      global: true,
      // After authentication (route hooks run after the application's), before the body is read.
      hook: 'onRequest',
      max,
      timeWindow: window * 1000,
      keyGenerator: (req) => (req.principal ? fairShareKey(req.principal) : 'public'),
      // Routes answered without a credential (health, metrics, the page) are not counted.
      allowList: (req) => req.principal === undefined,
      errorResponseBuilder: (_req, c) => new LimitRefusal('rate-limited', Math.max(1, Math.ceil(c.ttl / 1000)), { max, window }),
    });
  }
}
