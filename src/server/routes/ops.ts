/** GET /healthz, /readyz, /metrics and /openapi.json: for operators and load balancers. */
import type { FastifyInstance } from 'fastify';
import type { RepositoryHolder } from '../../service/repository-holder.js';
import { sendProblem, type ServerContext } from '../app.js';
import { problem } from '../problem.js';

export function opsRoutes(app: FastifyInstance, ctx: ServerContext, holder: RepositoryHolder): void {
  app.get('/healthz', { config: { public: true }, schema: { summary: 'Liveness', security: [] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { summary: 'Readiness: the repository is loaded and the server is not shutting down', security: [] } }, async (req, reply) => {
    if (ctx.closing.value) return sendProblem(reply, problem('not-ready', 503, req.lang, { id: 'server.not-ready', params: { detail: 'shutting down' } }, req.id));
    const repo = holder.get();
    if (holder.lastError) return sendProblem(reply, problem('not-ready', 503, req.lang, { id: 'server.not-ready', params: { detail: 'the template repository cannot be reloaded' } }, req.id));
    return { status: 'ready', templates: repo.central.beskedskabeloner.length, pool: ctx.pool.load() };
  });

  app.get('/metrics', { config: { public: true }, schema: { summary: 'Prometheus metrics', security: [] } }, async (_req, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
