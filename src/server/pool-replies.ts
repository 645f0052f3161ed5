/**
 * Work in the render threads as the API answers it: a busy or slow pool is 503 with Retry-After
 * (problem+json), and the cache figures a thread reports with a letter are noted for /metrics.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JobName, Jobs } from '../service/jobs.js';
import { PoolBusyError, PoolTimeoutError } from '../service/pool.js';
import type { CacheNote, RenderOutcome, RenderTask } from '../service/render-task.js';
import { problem, sendProblem } from './problem.js';
import { poolJob } from './tracing.js';
import type { ServerContext } from './types.js';

/** Notes the cache figures a render thread reported with a letter. */
export function noteCache(ctx: ServerContext, outcome: { ok: boolean; cache?: CacheNote } | undefined): void {
  if (outcome?.ok && outcome.cache) ctx.caches.set(outcome.cache.thread, outcome.cache);
}

/** Makes a letter in the pool; a busy or slow pool is answered with 503 and Retry-After (undefined). */
export async function runInPool(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, task: RenderTask): Promise<RenderOutcome | undefined> {
  const outcome = await jobInPool(ctx, req, reply, 'render', task);
  noteCache(ctx, outcome);
  return outcome;
}

/** Runs a job in the pool; maps a busy or slow pool to 503 with Retry-After (undefined). */
export async function jobInPool<K extends JobName>(
  ctx: ServerContext,
  req: FastifyRequest,
  reply: FastifyReply,
  name: K,
  input: Jobs[K]['input'],
): Promise<Jobs[K]['output'] | undefined> {
  try {
    return await poolJob(ctx.pool, req, name, input);
  } catch (err) {
    if (err instanceof PoolBusyError) {
      req.note.outcome = 'busy';
      ctx.metrics.failures.inc({ reason: 'busy' });
      sendProblem(reply, problem('busy', 503, req.lang, { id: 'server.busy', params: { seconds: err.retryAfterSeconds } }, req.id), {
        'retry-after': String(err.retryAfterSeconds),
      });
      return undefined;
    }
    if (err instanceof PoolTimeoutError) {
      req.note.outcome = 'timeout';
      ctx.metrics.failures.inc({ reason: 'timeout' });
      sendProblem(reply, problem('timeout', 503, req.lang, { id: 'server.timeout', params: { ms: err.ms } }, req.id), { 'retry-after': '5' });
      return undefined;
    }
    throw err;
  }
}
