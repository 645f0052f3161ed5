/** GET /healthz, /readyz, /metrics and /openapi.json: for operators and load balancers. */
import type { FastifyInstance } from 'fastify';
import type { RepositoryHolder } from '../../service/repository-holder.js';
import { jsonAnswer, problemAnswer, problems } from '../openapi.js';
import { problem, sendProblem } from '../problem.js';
import type { ServerContext } from '../types.js';

const health = { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { enum: ['ok'] } } };
const ready = {
  type: 'object',
  required: ['status', 'templates', 'pool'],
  additionalProperties: false,
  properties: {
    status: { enum: ['ready'] },
    templates: { type: 'integer', description: 'Beskedskabeloner in the repository.' },
    pool: {
      type: 'object',
      required: ['running', 'queued', 'threads'],
      additionalProperties: false,
      properties: { running: { type: 'integer' }, queued: { type: 'integer' }, threads: { type: 'integer' } },
    },
  },
};

export function opsRoutes(app: FastifyInstance, ctx: ServerContext, holder: RepositoryHolder): void {
  app.get(
    '/healthz',
    { config: { public: true }, schema: { summary: 'Liveness', security: [], response: { 200: jsonAnswer('Alive', health) } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        summary: 'Readiness: the repository is loaded and the server is not shutting down',
        security: [],
        response: {
          200: jsonAnswer('Ready', ready),
          ...problems([500]),
          503: problemAnswer('Not ready: shutting down, or the template repository has changed and cannot be read'),
        },
      },
    },
    async (req, reply) => {
      if (ctx.closing.value) return sendProblem(reply, problem('not-ready', 503, req.lang, { id: 'server.closing' }, req.id));
      const repo = holder.get();
      if (holder.lastError) return sendProblem(reply, problem('not-ready', 503, req.lang, { id: 'server.repository-broken' }, req.id));
      return { status: 'ready', templates: repo.central.beskedskabeloner.length, pool: ctx.pool.load() };
    },
  );

  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        summary: 'Prometheus metrics',
        security: [],
        response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    async (_req, reply) => {
      reply.type(ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  );

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
