/** POST /v1/letters (a letter as PDF or .docx) and POST /v1/letters:validate (a case checked against a template). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseContext } from '../../context/context.js';
import { sha256 } from '../../batch/manifest.js';
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint, type AnswerAudit, type HeldKey, type StoredAnswer } from '../../ledger/idempotency.js';
import type { Principal } from '../principal.js';
import { DOCX, jsonAnswer, letterAnswer, PROBLEM_JSON, problems } from '../openapi.js';
import { jobInPool, runInPool } from '../pool-replies.js';
import { failureProblem, problem, sendProblem } from '../problem.js';
import { problemItem } from '../../diagnostics.js';
import type { TemplateRepository } from '../../repository/repository.js';
import { holderFor } from '../../service/repository-holder.js';
import type { ServerContext } from '../types.js';

export interface LetterBody {
  template: string;
  context: CaseContext;
  format?: 'pdf' | 'docx';
  kommune?: string;
  preview?: boolean;
  pdfa?: '2a' | '1a';
}

/**
 * The municipality a request renders for: the credential's own, or (administrators) the one
 * asked for, which must be one of the repository's (404 otherwise: never silently the central
 * letter). False when answered.
 */
export function kommuneFor(req: FastifyRequest, reply: FastifyReply, asked: string | undefined, repo: TemplateRepository): string | undefined | false {
  const p = req.principal!;
  if (p.admin) {
    if (asked === undefined || asked === 'alle' || repo.kommuner.has(asked)) return asked;
    const known = [...repo.kommuner.keys()].join(', ') || '–';
    sendProblem(reply, problem('not-found', 404, req.lang, { id: 'server.unknown-kommune', params: { kommune: asked, known } }, req.id));
    return false;
  }
  if (asked !== undefined && asked !== p.kommune) {
    sendProblem(reply, problem('forbidden', 403, req.lang, { id: 'server.kommune-not-allowed', params: { kommune: p.kommune ?? '' } }, req.id));
    return false;
  }
  return p.kommune;
}

/**
 * A letter with placeholders for missing fields ("preview": true) must never leave a production
 * server: outside the training environment the request is answered 400 here (true when answered).
 */
export function refusePreview(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, preview: boolean | undefined): boolean {
  if (!preview || ctx.options.training) return false;
  req.note.outcome = 'bad-request';
  sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.preview-training-only' }, req.id));
  return true;
}

/**
 * Calls the idempotency store; a ledger that cannot be reached is 503 with Retry-After (undefined
 * when answered), never a letter made without the key being kept.
 */
async function storeCall<T>(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (err) {
    req.note.outcome = 'ledger-unavailable';
    req.log.error({ code: (err as { code?: unknown }).code, name: (err as Error).name }, 'idempotency store failed');
    sendProblem(reply, problem('ledger-unavailable', 503, req.lang, { id: 'server.ledger-unavailable', params: { seconds: 5 } }, req.id), {
      'retry-after': '5',
    });
    return undefined;
  }
}

/** The headers of a letter made by the render API. */
const LETTER_HEADERS = {
  'X-Template-Version': { type: 'string', description: 'The template version used: <id>@<version>[+<kommune>@<override version>].' },
  'X-Page-Count': { type: 'integer', description: 'Pages of the PDF (not sent for .docx).' },
  'X-Letter-Warnings': { type: 'integer', description: 'How many things the PDF could not draw as Word would.' },
};

/** Whose idempotency keys a request's are: a key is the credential's own. */
function keyScope(p: Principal): string {
  return `${p.admin ? 'admin' : (p.kommune ?? '')}:${p.name}`;
}

/** Sends a stored answer as it was given. */
function sendStored(reply: FastifyReply, answer: StoredAnswer, replayed: boolean): FastifyReply {
  reply.code(answer.status);
  for (const [k, v] of Object.entries(answer.headers)) reply.header(k, v);
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.send(Buffer.from(answer.body));
}

/** The answer to a request whose key cannot be used (409), as problem+json. */
function keyProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  id: 'idempotency-conflict' | 'idempotency-in-progress' | 'idempotency-expired',
  key: string,
  at?: Date,
): FastifyReply {
  req.note.outcome = id;
  return sendProblem(reply, problem(id, 409, req.lang, { id: `server.${id}`, params: { key, ...(at ? { at: at.toISOString() } : {}) } }, req.id));
}

export function letterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: LetterBody; Headers: { 'idempotency-key'?: string } }>(
    '/v1/letters',
    {
      schema: {
        summary: 'Make a letter',
        description:
          "Makes the letter for a case from a template in the repository, with the municipality's overrides. Response headers: X-Template-Version (the template version used), X-Page-Count (PDF), X-Letter-Warnings (how many things the PDF could not draw as Word). " +
          'With an Idempotency-Key header the letter is made once per key and credential: the same key with the same request returns the same answer (the letter, or the problem it was refused with: 400, 404, 422) with the header Idempotent-Replayed: true, without making a second letter; a duplicate sent while the first is being made waits for it. ' +
          'The same key with another request is 409. A busy server (503) or a fault (500) does not use the key up. Answers are kept 24 hours (per server without a ledger, bounded in number and size; in the PostgreSQL ledger when the server has one, across instances, after which the key stays used: 409).',
        headers: {
          type: 'object',
          properties: {
            'Idempotency-Key': {
              type: 'string',
              pattern: IDEMPOTENCY_KEY_PATTERN,
              description: 'A key the caller chooses per letter (1-255 visible ASCII characters, e.g. a UUID or the case number and letter).',
            },
          },
        },
        body: { $ref: 'letter-request#' },
        response: {
          200: letterAnswer('The letter (PDF or .docx, as asked)', LETTER_HEADERS),
          ...problems([400, 401, 403, 404, 409, 413, 415, 422, 500, 503]),
        },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const format = body.format ?? 'pdf';
      req.note.template = body.template;
      req.note.format = format;
      const kommune = kommuneFor(req, reply, body.kommune, holderFor(ctx.options.templatesDir).get());
      if (kommune === false) return reply;
      if (refusePreview(ctx, req, reply, body.preview)) return reply;
      const key = req.headers['idempotency-key'];
      const audit: AnswerAudit = { kommune: kommune ?? '', template: body.template, format };
      let held: HeldKey | undefined;
      if (key !== undefined) {
        // The request as parsed (defaults applied) with the municipality it renders for.
        const fingerprint = requestFingerprint({ ...body, kommune: kommune ?? null });
        const begun = await storeCall(ctx, req, reply, () => ctx.idempotency.begin(keyScope(req.principal!), key, fingerprint, audit));
        if (!begun) return reply;
        if (begun.kind === 'replay') {
          req.note.outcome = 'replayed';
          return sendStored(reply, begun.answer, true);
        }
        if (begun.kind === 'conflict') return keyProblem(req, reply, 'idempotency-conflict', key);
        if (begun.kind === 'in-progress') return keyProblem(req, reply, 'idempotency-in-progress', key);
        if (begun.kind === 'expired') return keyProblem(req, reply, 'idempotency-expired', key, begun.madeAt);
        held = begun.held;
      }
      let answer: StoredAnswer | undefined;
      try {
        const outcome = await runInPool(ctx, req, reply, {
          dir: ctx.options.templatesDir,
          template: body.template,
          kommune,
          context: body.context,
          format,
          preview: body.preview ?? false,
          lang: req.lang,
          ...(body.pdfa ? { pdfa: body.pdfa } : {}),
        });
        if (!outcome) return reply;
        if (!outcome.ok) {
          req.note.outcome = outcome.reason;
          ctx.metrics.failures.inc({ reason: outcome.reason });
          const p = failureProblem(req, outcome, body.template);
          // A template that cannot be used or a fault may be mended: the key is not used up.
          if (p.status >= 500) return sendProblem(reply, p);
          answer = {
            status: p.status,
            headers: { 'content-type': `${PROBLEM_JSON}; charset=utf-8`, 'content-language': req.lang },
            body: Buffer.from(JSON.stringify(p)),
          };
        } else {
          req.note.outcome = 'ok';
          if (outcome.pages !== undefined) req.note.pages = outcome.pages;
          ctx.metrics.letters.inc({ format });
          answer = {
            status: 200,
            headers: {
              'content-type': format === 'pdf' ? 'application/pdf' : DOCX,
              'x-template-version': outcome.version,
              ...(outcome.pages !== undefined ? { 'x-page-count': String(outcome.pages) } : {}),
              'x-letter-warnings': String(outcome.warnings.length),
              'content-disposition': `attachment; filename="${body.template}.${format}"`,
            },
            body: outcome.bytes,
          };
          Object.assign(audit, { sha256: sha256(outcome.bytes), version: outcome.version, pages: outcome.pages });
        }
        if (held) {
          const kept = await storeCall(ctx, req, reply, () => ctx.idempotency.finish(held!, answer!, audit));
          if (kept === undefined) return reply;
          held = undefined;
          if (!kept) {
            // The key was taken over meanwhile (this request outlived its hold): the answer recorded is the one.
            const again = await storeCall(ctx, req, reply, () =>
              ctx.idempotency.begin(keyScope(req.principal!), key!, requestFingerprint({ ...body, kommune: kommune ?? null }), audit),
            );
            if (again?.kind === 'replay') return sendStored(reply, again.answer, true);
            if (!again) return reply;
          }
        }
        return sendStored(reply, answer, false);
      } finally {
        // Not answered with a letter or a lasting problem: the key is free for a retry.
        if (held) await ctx.idempotency.release(held).catch(() => undefined);
      }
    },
  );

  app.post<{ Body: LetterBody }>(
    '/v1/letters::validate',
    {
      schema: {
        summary: 'Check a case against a template',
        description:
          'Evaluates the template for the case without making the letter: missing fields, unanswered flettespørgsmål, fields the process does not provide. 200 with valid true or false.',
        body: { $ref: 'letter-request#' },
        response: { 200: jsonAnswer('Valid, or what is missing', { $ref: 'validate-response#' }), ...problems([400, 401, 403, 404, 413, 415, 500, 503]) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      req.note.template = body.template;
      const kommune = kommuneFor(req, reply, body.kommune, holderFor(ctx.options.templatesDir).get());
      if (kommune === false) return reply;
      const outcome = await jobInPool(ctx, req, reply, 'validate', {
        dir: ctx.options.templatesDir,
        template: body.template,
        kommune,
        context: body.context,
        lang: req.lang,
      });
      if (!outcome) return reply;
      if (outcome.ok) {
        req.note.outcome = 'valid';
        return { valid: true, template: body.template, version: 'version' in outcome ? outcome.version : '', problems: [] };
      }
      if (outcome.reason === 'letter-refused') {
        req.note.outcome = 'invalid';
        return { valid: false, template: body.template, problems: outcome.diagnostics.map((d) => problemItem(d, req.lang)) };
      }
      req.note.outcome = outcome.reason;
      return sendProblem(reply, failureProblem(req, outcome, body.template));
    },
  );
}
