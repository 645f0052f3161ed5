/**
 * POST /v1/letters:batch: cases as NDJSON in, results as NDJSON out, streamed as letters are
 * made: one line per case, the letter in base64 or the problem (the caller's error queue).
 * Templates that may not be sent automatically are refused.
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PoolBusyError, PoolTimeoutError } from '../../service/pool.js';
import { holderFor } from '../../service/repository-holder.js';
import type { RenderOutcome } from '../../service/render-task.js';
import { deeperThan, MAX_REQUEST_DEPTH } from '../depth.js';
import { ndjsonLines } from '../../batch/ndjson.js';
import { BATCH_LINE_BYTES } from '../../limits.js';
import { jsonErrorMessage, parseJson } from '../../json-text.js';
import { NDJSON, problems } from '../openapi.js';
import { noteCache } from '../pool-replies.js';
import { failureProblem, problem, sendProblem } from '../problem.js';
import type { ServerContext } from '../types.js';
import { kommuneFor } from './letters.js';

/** Longest case line, bytes (the CLI's batch has the same). */
export const MAX_LINE = BATCH_LINE_BYTES;

/**
 * Closes a connection whose request was not read to the end: FIN once the answer has gone out
 * (so the caller reads all of it), then, unless the caller has closed it by then, the socket is
 * destroyed. The unread rest of the request is never read.
 */
function hangUp(socket: Socket | null | undefined): void {
  if (!socket || typeof socket.end !== 'function') return;
  socket.end();
  setTimeout(() => socket.destroy(), 2000).unref();
}

export function batchRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.addContentTypeParser(NDJSON, (_req, payload, done) => done(null, payload));

  app.post<{ Querystring: { template: string; format?: 'pdf' | 'docx'; kommune?: string; pdfa?: '2a' | '1a' }; Body: Readable }>(
    '/v1/letters::batch',
    {
      schema: {
        summary: 'Make many letters (NDJSON stream)',
        description:
          'Body: application/x-ndjson, one case per line (a case context with an "id"). Response: application/x-ndjson, one line per case as it is made: {"id", "line", "ok": true, "format", "pages", "version", "data": base64} or {"id", "line", "ok": false, "status", "problem"}. Templates that may not be sent automatically are refused.',
        querystring: {
          type: 'object',
          required: ['template'],
          additionalProperties: false,
          properties: {
            template: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
            format: { enum: ['pdf', 'docx'] },
            kommune: { type: 'string', pattern: '^[0-9]{3,4}$' },
            pdfa: { enum: ['2a', '1a'], description: 'PDF/A part and level of PDF letters (default 2a).' },
          },
        },
        openapiBody: {
          content: { [NDJSON]: { schema: { type: 'string', description: 'One case context per line, each a JSON object with an optional "id".' } } },
        },
        response: {
          200: {
            description: 'One line per case, in the order the letters are made: the schema is that of each line',
            content: { [NDJSON]: { schema: { $ref: 'batch-result#' } } },
          },
          ...problems([400, 401, 403, 415, 500]),
        },
      },
    },
    async (req, reply) => {
      const kommune = kommuneFor(req, reply, req.query.kommune, holderFor(ctx.options.templatesDir).get());
      if (kommune === false) return reply;
      // Only an NDJSON body arrives as a stream; JSON, text or a form is the wrong kind of body.
      if (!(req.body instanceof Readable)) {
        req.note.outcome = 'unsupported-media-type';
        return sendProblem(reply, problem('unsupported-media-type', 415, req.lang, { id: 'server.batch-ndjson' }, req.id), { 'accept-post': NDJSON });
      }
      const format = req.query.format ?? 'pdf';
      const template = req.query.template;
      req.note.template = template;
      req.note.format = format;
      const out = new PassThrough();
      const limit = Math.max(2, ctx.pool.load().threads * 2);
      const input = req.body as Readable;
      // The caller went away: make nothing more. The letters already given to the pool (at
      // most `limit`) are made, and their lines have no reader; they are not aborted, since
      // aborting a letter a render thread is making stops that thread, and every other request
      // would wait for a new one to warm up.
      const gone = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      let made = 0;
      let failed = 0;
      const emit = (value: unknown): void => {
        if (!gone.signal.aborted) out.write(JSON.stringify(value) + '\n');
      };
      let cutOff = false;
      const inflight = new Set<Promise<void>>();
      const work = async (): Promise<void> => {
        for await (const next of ndjsonLines(input, MAX_LINE)) {
          if (gone.signal.aborted) break;
          const n = next.line;
          if ('tooLong' in next) {
            // Not read further: the rest of the line (and of the batch) stays on the connection,
            // which is closed once the answer is out.
            cutOff = true;
            failed++;
            emit({
              line: n,
              ok: false,
              status: 400,
              problem: problem('bad-request', 400, req.lang, { id: 'batch.line-too-long', params: { line: n, limit: MAX_LINE } }, req.id),
            });
            break;
          }
          const text = next.text;
          if (!text.trim()) continue;
          const task = async (): Promise<void> => {
            // A line that is not JSON is told by its place in the batch (line n, column c).
            const parsed = parseJson(text);
            const value = parsed.ok ? parsed.value : undefined;
            if (!parsed.ok || typeof value !== 'object' || value === null || Array.isArray(value)) {
              failed++;
              const why = parsed.ok ? { id: 'batch.not-object', params: { line: n } } : jsonErrorMessage(parsed.error, n);
              emit({ line: n, ok: false, status: 400, problem: problem('bad-request', 400, req.lang, why, req.id) });
              return;
            }
            if (deeperThan(value, MAX_REQUEST_DEPTH)) {
              failed++;
              emit({
                line: n,
                ok: false,
                status: 400,
                problem: problem('bad-request', 400, req.lang, { id: 'server.too-deep', params: { limit: MAX_REQUEST_DEPTH } }, req.id),
              });
              return;
            }
            const given = (value as Record<string, unknown>)['id'];
            const id = typeof given === 'string' || typeof given === 'number' ? String(given) : `linje-${n}`;
            const { id: _id, ...context } = value as Record<string, unknown>;
            void _id;
            let outcome: RenderOutcome;
            try {
              outcome = await ctx.pool.run({
                dir: ctx.options.templatesDir,
                template,
                kommune,
                context: context as never,
                format,
                lang: req.lang,
                automatic: true,
                ...(req.query.pdfa ? { pdfa: req.query.pdfa } : {}),
              });
            } catch (err) {
              if (gone.signal.aborted) return;
              failed++;
              // Busy or over the time limit: 503, to be tried again, as for single letters.
              const p =
                err instanceof PoolBusyError
                  ? problem('busy', 503, req.lang, { id: 'server.busy', params: { seconds: err.retryAfterSeconds } }, req.id)
                  : err instanceof PoolTimeoutError
                    ? problem('timeout', 503, req.lang, { id: 'server.timeout', params: { ms: err.ms } }, req.id)
                    : problem('internal', 500, req.lang, { id: 'server.internal', params: { detail: 'batch' } }, req.id);
              emit({ id, line: n, ok: false, status: p.status, problem: p });
              return;
            }
            noteCache(ctx, outcome);
            if (outcome.ok) {
              made++;
              ctx.metrics.letters.inc({ format });
              emit({
                id,
                line: n,
                ok: true,
                format,
                ...(outcome.pages !== undefined ? { pages: outcome.pages } : {}),
                version: outcome.version,
                data: Buffer.from(outcome.bytes).toString('base64'),
              });
            } else {
              failed++;
              ctx.metrics.failures.inc({ reason: outcome.reason });
              const p = failureProblem(req, outcome, template);
              emit({ id, line: n, ok: false, status: p.status, problem: p });
            }
          };
          const p = task().finally(() => inflight.delete(p));
          inflight.add(p);
          if (inflight.size >= limit) await Promise.race(inflight);
          // Backpressure: a slow reader holds up the reading of further cases, so memory stays
          // bounded by what is in flight, not by the size of the batch.
          if (out.writableNeedDrain && !gone.signal.aborted) await Promise.race([once(out, 'drain'), once(gone.signal, 'abort')]);
        }
        await Promise.all(inflight);
      };
      // The request is logged and counted when this has ended, also when the caller went away
      // (then the body stops half-way and the letters in the render threads are waited for),
      // with what was made by then.
      req.pending = work()
        .then(
          () => undefined,
          (err: unknown) => err,
        )
        .then(async (err) => {
          await Promise.allSettled(inflight);
          const counts = `${made} made, ${failed} failed`;
          if (gone.signal.aborted) req.note.outcome = `aborted by the caller after ${counts}`;
          else if (err !== undefined) {
            req.note.outcome = `stopped after ${counts}`;
            out.destroy(err instanceof Error ? err : new Error(String(err)));
            return;
          } else req.note.outcome = counts;
          out.end();
        });
      reply.raw.once('finish', () => {
        if (cutOff) hangUp(req.raw.socket);
      });
      return reply.type('application/x-ndjson; charset=utf-8').send(out);
    },
  );
}
