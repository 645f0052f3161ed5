/**
 * OpenTelemetry tracing of the render API. A span per request (named by method and route, with
 * the template id and version, the credential's municipality and the status), continuing the
 * caller's W3C `traceparent` and sent back in the answer's `traceparent`; the render thread's
 * work as a child span: the request's traceparent goes with the task through the pool, the
 * thread reports when it worked and on what, and the span is made from that report.
 *
 * Off unless the environment asks for it (the standard OTEL_* variables: an OTLP endpoint, or
 * OTEL_TRACES_EXPORTER=otlp), then exported over OTLP/HTTP by the official SDK; without it the
 * API's no-op tracer costs nothing. Attributes never hold a case, a name, a CPR number or a
 * template id the repository does not have (the log's rule, loggedTemplate).
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JobName, Jobs } from '../service/jobs.js';
import type { RenderPool } from '../service/pool.js';
import type { RepositoryHolder } from '../service/repository-holder.js';
import { VERSION } from '../version.js';
import { kommuneLabel } from './fair-share.js';
import { loggedTemplate } from './request-log.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's span, when tracing is on. */
    span: Span | undefined;
  }
}

export interface Tracing {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Whether the environment asks for traces (the OpenTelemetry SDK's own variables). */
export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
  if (env['OTEL_SDK_DISABLED'] === 'true') return false;
  const exporter = env['OTEL_TRACES_EXPORTER'];
  if (exporter === 'none') return false;
  return exporter === 'otlp' || Boolean(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT']);
}

/**
 * Starts the SDK when the environment asks for it (OTLP over HTTP, endpoint, headers and timeout
 * from OTEL_EXPORTER_OTLP_*), or with the processors given (tests). Registers it globally: the
 * W3C trace context propagator and an AsyncLocalStorage context manager.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env, processors?: SpanProcessor[]): Promise<Tracing | undefined> {
  if (!processors && !tracingWanted(env)) return undefined;
  const { NodeTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
  const { defaultResource, resourceFromAttributes } = await import('@opentelemetry/resources');
  let spanProcessors = processors;
  if (!spanProcessors) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    spanProcessors = [new BatchSpanProcessor(new OTLPTraceExporter())];
  }
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': env['OTEL_SERVICE_NAME'] || 'kp-brev', 'service.version': VERSION })),
    spanProcessors,
  });
  provider.register();
  return { forceFlush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}

const tracer = () => trace.getTracer('kp-brev', VERSION);

/** The W3C traceparent of a span. */
function traceparentOf(span: Span): string {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier['traceparent'] ?? '';
}

/** A span per request, continuing the caller's trace; its traceparent in the answer. */
export function traceRequests(app: FastifyInstance, holder: RepositoryHolder): void {
  app.decorateRequest('span', undefined);
  app.addHook('onRequest', async (req, reply) => {
    // As the document names it (Fastify's router spells a literal colon '::').
    const route = (req.routeOptions.url ?? 'unknown').replace(/::/g, ':');
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'http.route': route } },
      parent,
    );
    if (!span.isRecording()) return;
    req.span = span;
    reply.header('traceparent', traceparentOf(span));
  });
  app.addHook('onResponse', async (req, reply) => {
    const span = req.span;
    if (!span) return;
    const version = reply.getHeader('x-template-version');
    span.setAttributes({
      'http.response.status_code': reply.statusCode,
      'kpbrev.kommune': kommuneLabel(req.principal),
      ...(req.note?.template !== undefined ? { 'kpbrev.template': loggedTemplate(holder, req.note.template) } : {}),
      ...(typeof version === 'string' ? { 'kpbrev.template.version': version } : {}),
      ...(req.note?.outcome ? { 'kpbrev.outcome': req.note.outcome } : {}),
    });
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}

/**
 * Runs a job in the pool; when the request is traced, the traceparent goes with it and the
 * render thread's work becomes a child span of the request's.
 */
export async function poolJob<K extends JobName>(pool: RenderPool, req: FastifyRequest, name: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']> {
  const span = req.span;
  if (!span) return pool.job(name, input);
  const sent = performance.timeOrigin + performance.now();
  const { output, work } = await pool.traced(name, input, traceparentOf(span));
  const version = (output as { version?: unknown }).version;
  const child = tracer().startSpan(
    `kp-brev ${name}`,
    {
      kind: SpanKind.INTERNAL,
      startTime: work.start,
      attributes: {
        'thread.id': work.thread,
        'kpbrev.job': name,
        'kpbrev.queue_ms': Math.max(0, Math.round((work.start - sent) * 10) / 10),
        'kpbrev.ok': (output as { ok?: unknown }).ok !== false,
        ...(typeof version === 'string' ? { 'kpbrev.template.version': version } : {}),
      },
    },
    // The parent is the traceparent the thread was given: the request's span.
    propagation.extract(context.active(), { traceparent: work.traceparent }),
  );
  if (typeof version === 'string') span.setAttribute('kpbrev.template.version', version);
  child.end(work.end);
  return output;
}
