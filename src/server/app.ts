/**
 * The render API (Fastify). `buildApp()` makes the application without listening, so tests
 * drive it with `inject`; `startServer()` (server.ts) listens and shuts down gracefully.
 *
 * Every error is problem+json (RFC 9457) in Danish unless Accept-Language asks for English;
 * bad input is 4xx, never 500. Logs are one structured line per request with its id, the
 * municipality, the template, the timing and the outcome; never a body, a name, a CPR number
 * or letter text.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import { formatMessage, type Lang } from '../i18n/index.js';
import { VERSION } from '../version.js';
import { holderFor } from '../service/repository-holder.js';
import { InlinePool } from '../service/pool.js';
import { MemoryIdempotencyStore } from '../ledger/idempotency.js';
import { Authenticator, Credentials, refusalHeaders } from './auth.js';
import { BodyError, jsonBodies, RouteTable, unsupportedMediaType } from './body.js';
import { deeperThan, MAX_REQUEST_DEPTH } from './depth.js';
import { fairShare, LimitRefusal, sendLimitRefusal } from './fair-share.js';
import { JwtVerifier } from './jwt.js';
import { createMetrics, type CacheFigures } from './metrics.js';
import { documentBody } from './openapi.js';
import { problem, sendProblem } from './problem.js';
import { loggedTemplate } from './request-log.js';
import { batchRoutes } from './routes/batch.js';
import { letterRoutes } from './routes/letters.js';
import { lintRoutes } from './routes/lint.js';
import { opsRoutes } from './routes/ops.js';
import { templateRoutes } from './routes/templates.js';
import { traceRequests } from './tracing.js';
import { webRoutes } from './routes/web.js';
import { serverLimits, type ServerContext, type ServerOptions } from './types.js';
import { validationProblems, type RequestPart } from './validation.js';

function sumCaches(caches: Iterable<CacheFigures>): CacheFigures {
  const sum: CacheFigures = { entries: 0, bytes: 0, hits: 0, misses: 0, evictions: 0 };
  for (const c of caches) {
    sum.entries += c.entries;
    sum.bytes += c.bytes;
    sum.hits += c.hits;
    sum.misses += c.misses;
    sum.evictions += c.evictions;
  }
  return sum;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * In the training environment a request without a credential is let in only when it is this
 * machine's browser asking this machine: from a loopback address, addressed to a loopback host
 * name (a web page elsewhere cannot rebind its own name to 127.0.0.1 and read the answers), and,
 * when a browser says where the request comes from, from a page on a loopback host.
 */
function trainingLocal(ip: string, host: string | undefined, origin: string | undefined): boolean {
  if (!LOOPBACK.has(ip) || !host || !LOCAL_HOST.test(host)) return false;
  if (origin === undefined) return true;
  try {
    return LOCAL_HOST.test(new URL(origin).host);
  } catch {
    return false;
  }
}

/**
 * The router, set explicitly (docs/decisions.md): one spelling per route, so `/V1/…`, `//v1/…`,
 * `/v1//…`, `/v1/kommuner/` and `/v1/kommuner;x` are no route (404). Percent-encoding is decoded by
 * the router, which is why credentials follow the matched route, never the URL's spelling.
 * (A variable, not a literal: find-my-way's types do not list useSemicolonDelimiter yet.)
 */
const ROUTER = { caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, useSemicolonDelimiter: false };

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../schemas/api');

export function requestLang(req: FastifyRequest): Lang {
  const header = String(req.headers['accept-language'] ?? '');
  for (const part of header.split(',')) {
    const tag = part.trim().split(';')[0]!.toLowerCase();
    if (tag.startsWith('da')) return 'da';
    if (tag.startsWith('en')) return 'en';
  }
  return 'da';
}

/** Fastify's client errors said in the catalog's words (app.setErrorHandler). */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'server.content-length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'server.empty-body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'server.media-type-technical',
  FST_ERR_BAD_URL: 'server.bad-url',
};

export async function buildApp(options: ServerOptions): Promise<FastifyInstance> {
  const { bodyLimit, lintBodyLimit } = serverLimits(options);
  const app = Fastify({
    logger:
      options.logger === false || options.logger === undefined
        ? false
        : {
            level: 'info',
            ...(typeof options.logger === 'object' ? options.logger : {}),
            redact: { paths: ['req.headers.authorization', 'headers.authorization'], remove: true },
          },
    // Fastify's own request lines would log the URL and more; ours (onResponse) logs what is safe.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    routerOptions: ROUTER,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true } },
    // Errors of the router itself (a URL that does not decode) get a problem answer like any other.
    frameworkErrors: (err, req, reply) => {
      req.lang ??= requestLang(req);
      req.note ??= {};
      req.note.outcome = 'bad-request';
      const id = err.code === 'FST_ERR_BAD_URL' ? 'server.bad-url' : 'server.bad-request-technical';
      void sendProblem(reply, problem('bad-request', 400, req.lang, { id, params: { detail: err.message } }, req.id));
    },
  });
  const holder = holderFor(options.templatesDir);
  const pool = options.pool ?? new InlinePool({ threads: 1 });
  const caches = new Map<number, CacheFigures>();
  const ctx: ServerContext = {
    options,
    auth: new Authenticator(new Credentials(options.credentials), options.jwt ? new JwtVerifier(options.jwt) : undefined),
    pool,
    // The render threads' caches as last reported, else (no letter made yet, or an inline pool) this thread's.
    metrics: createMetrics(
      () => (caches.size ? sumCaches(caches.values()) : holder.cacheFigures()),
      () => pool.load().queued,
    ),
    closing: { value: false },
    caches,
    idempotency: options.idempotency ?? new MemoryIdempotencyStore(),
  };
  app.decorateRequest('principal', undefined);
  app.decorateRequest('lang', 'da');
  app.decorateRequest('note', undefined as unknown as FastifyRequest['note']);
  app.decorateRequest('pending', undefined);

  // One log line and one count per request: when its answer has gone out (onResponse), or when
  // the caller went away before it had all of it (the connection closed first). Fastify runs
  // onResponse only for a finished answer, so without the second a batch cut off by its caller
  // would be neither logged nor counted.
  const recorded = new WeakSet<FastifyRequest>();
  const record = (req: FastifyRequest, reply: FastifyReply, aborted: boolean): void => {
    if (recorded.has(req)) return;
    recorded.add(req);
    // As the address is written: Fastify's route of /v1/letters:batch is `/v1/letters::batch`.
    const route = (req.routeOptions.url ?? 'unknown').replaceAll('::', ':');
    const ms = reply.elapsedTime;
    // Cut off before any of the answer went out: 499 (as nginx logs a client that closed the
    // request); after the status line: the status the caller got.
    const status = aborted && !reply.raw.headersSent ? 499 : reply.statusCode;
    if (aborted) req.note.outcome = req.note.outcome ?? 'aborted by the caller';
    ctx.metrics.requests.inc({ route, method: req.method, status: String(status) });
    ctx.metrics.latency.observe({ route, method: req.method }, ms / 1000);
    if (route === '/metrics' || route === '/healthz' || route === '/readyz') return;
    const note = req.note.template === undefined ? req.note : { ...req.note, template: loggedTemplate(holder, req.note.template) };
    req.log.info({ method: req.method, route, status, ms: Math.round(ms * 10) / 10, ...note, ...(aborted ? { aborted: true } : {}) }, 'request');
  };

  // The JSON Schemas in schemas/api validate requests and make the OpenAPI document, with the
  // linter's JSON contract (schemas/lint-output.schema.json) as the answer of /v1/lint.
  for (const file of readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort())
    app.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as { $id: string });
  const { $schema: _draft, ...lintOutput } = JSON.parse(readFileSync(join(SCHEMA_DIR, '../lint-output.schema.json'), 'utf8')) as Record<string, unknown>;
  void _draft;
  app.addSchema({ ...lintOutput, $id: 'lint-output' });
  // Answers are written with JSON.stringify: a response schema documents the answer (and the
  // OpenAPI test checks it), it never drops what the schema does not list.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  jsonBodies(app);
  const routes = new RouteTable();
  // The page's file routes (/:script, /fonts/:file) serve a few names and answer 404 for any
  // other; another method on a name is no address of theirs either (404, not 405).
  app.addHook('onRoute', (route) => {
    if (!(route.schema?.hide && route.url.includes('/:'))) routes.add(route.url, route.method);
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'kp-brev render API',
        version: VERSION,
        description: 'Letters from KP templates for the case system: render, validate, lint, list templates. Errors are application/problem+json (RFC 9457).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json) => String(json['$id']) },
    transform: documentBody,
  });
  await app.register(fastifyMultipart, { limits: { fileSize: lintBodyLimit, files: 1 } });

  // A span per request when tracing is on (first, so that refused requests are traced too).
  traceRequests(app, holder);
  app.addHook('onRequest', async (req, reply) => {
    req.lang = requestLang(req);
    req.note = {};
    reply.raw.once('close', () => {
      if (reply.raw.writableFinished) return;
      const done = (): void => record(req, reply, true);
      if (req.pending) req.pending.then(done, done);
      else done();
    });
    // By the route the router matched (after percent-decoding), never by the URL's spelling:
    // every route needs a credential unless it says it is public; no route, no handler (404).
    if (req.is404 || req.routeOptions.config.public === true) return;
    const auth = await ctx.auth.authenticate(req.headers.authorization);
    let principal = auth.ok ? auth.principal : undefined;
    if (!principal && options.training && !req.headers.authorization && trainingLocal(req.ip, req.headers.host, req.headers.origin))
      principal = { name: 'træning', kommune: undefined, admin: true };
    if (!principal) {
      const refusal = auth.ok ? ({ status: 401, id: 'server.unauthorized', reason: 'unauthorized' } as const) : auth;
      const kind = refusal.status === 401 ? 'unauthorized' : refusal.status === 403 ? 'forbidden' : 'identity-unavailable';
      req.note.outcome = refusal.status === 503 ? kind : refusal.reason;
      return sendProblem(reply, problem(kind, refusal.status, req.lang, { id: refusal.id }, req.id), refusalHeaders(refusal));
    }
    req.principal = principal;
    req.note.kommune = principal.admin ? 'admin' : principal.kommune;
  });
  // Rate and concurrency limits per credential, and the per-municipality metrics.
  await fairShare(app, ctx, options.rateLimit);

  // A body of a media type the route does not take: 415 before anything reads it.
  app.addHook('preParsing', async (req, reply, payload) => {
    const wrong = unsupportedMediaType(req);
    if (!wrong) return payload;
    req.note.outcome = 'unsupported-media-type';
    return sendProblem(reply, problem('unsupported-media-type', 415, req.lang, { id: wrong.id, params: wrong.params }, req.id), {
      'accept-post': wrong.accepted.join(', '),
    });
  });

  // Bodies nested deeper than the limit are refused before validation and before anything
  // recurses through them (the copy into a render thread would overflow the stack: a 500).
  app.addHook('preValidation', async (req, reply) => {
    const body = req.body;
    const parsed =
      Array.isArray(body) || (typeof body === 'object' && body !== null && [Object.prototype, null].includes(Object.getPrototypeOf(body) as object | null));
    if (!parsed || !deeperThan(body, MAX_REQUEST_DEPTH)) return;
    req.note.outcome = 'bad-request';
    return sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.too-deep', params: { limit: MAX_REQUEST_DEPTH } }, req.id));
  });

  app.addHook('onResponse', async (req, reply) => {
    record(req, reply, false);
  });

  // No route: 405 with Allow when the address takes other methods, else 404.
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0]!;
    const allowed = routes.allowed(url);
    if (allowed.length && !allowed.includes(req.method)) {
      return sendProblem(
        reply,
        problem(
          'method-not-allowed',
          405,
          req.lang,
          { id: 'server.method-not-allowed', params: { method: req.method, url, allowed: allowed.join(', ') } },
          req.id,
        ),
        { allow: allowed.join(', ') },
      );
    }
    return sendProblem(reply, problem('not-found', 404, req.lang, { id: 'server.route-not-found', params: { method: req.method, url } }, req.id));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    req.lang ??= requestLang(req);
    req.note ??= {};
    if (err instanceof LimitRefusal) return sendLimitRefusal(req, reply, err);
    if (err.validation) {
      req.note.outcome = 'bad-request';
      const errors = validationProblems(err.validation, (err.validationContext ?? 'body') as RequestPart, req.lang);
      return sendProblem(
        reply,
        problem('bad-request', 400, req.lang, { id: 'server.bad-request', params: { detail: errors.map((e) => e.message).join(' ') } }, req.id, { errors }),
      );
    }
    if (err instanceof BodyError) {
      req.note.outcome = 'bad-request';
      const message = formatMessage(err.id, err.params, req.lang);
      const errors = [{ code: err.id, message, ...(err.path ? { path: err.path } : {}) }];
      return sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.bad-request', params: { detail: message } }, req.id, { errors }));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      req.note.outcome = 'too-large';
      return sendProblem(
        reply,
        problem('too-large', 413, req.lang, { id: 'server.too-large', params: { limit: req.routeOptions.bodyLimit ?? bodyLimit } }, req.id),
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      req.note.outcome = 'bad-request';
      // Fastify's own words are English: the ones a client meets are said in the catalog's, any
      // other is shown as the server's technical message, marked as such.
      const id = FRAMEWORK_MESSAGES[err.code] ?? 'server.bad-request-technical';
      return sendProblem(
        reply,
        problem(
          err.statusCode === 415 ? 'unsupported-media-type' : 'bad-request',
          err.statusCode === 415 ? 415 : 400,
          req.lang,
          { id, params: { detail: err.message } },
          req.id,
        ),
      );
    }
    req.note.outcome = 'internal';
    req.log.error({ code: err.code, name: err.name }, 'internal error');
    return sendProblem(reply, problem('internal', 500, req.lang, { id: 'server.internal', params: { detail: err.code ?? err.name } }, req.id));
  });

  // Graceful shutdown: from the moment close() is called, /readyz says not ready and every
  // response closes its connection, so that keep-alive clients let the server drain.
  app.addHook('preClose', async () => {
    ctx.closing.value = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (ctx.closing.value) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    ctx.closing.value = true;
    await pool.close();
    await ctx.idempotency.close();
  });

  await app.register(async (scope) => {
    opsRoutes(scope, ctx, holder);
    letterRoutes(scope, ctx);
    batchRoutes(scope, ctx);
    templateRoutes(scope, ctx, holder);
    lintRoutes(scope, ctx);
    webRoutes(scope, ctx, holder);
  });
  return app;
}
