/** POST /v1/letters (a letter as PDF or .docx) and POST /v1/letters:validate (a case checked against a template). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseContext } from '../../context/context.js';
import { failureProblem, jobInPool, runInPool, sendProblem, type ServerContext } from '../app.js';
import { DOCX, jsonAnswer, letterAnswer, problems } from '../openapi.js';
import { problem, problemItem } from '../problem.js';
import type { TemplateRepository } from '../../repository/repository.js';
import { holderFor } from '../../service/repository-holder.js';

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

/** The headers of a letter made by the render API. */
const LETTER_HEADERS = {
  'X-Template-Version': { type: 'string', description: 'The template version used: <id>@<version>[+<kommune>@<override version>].' },
  'X-Page-Count': { type: 'integer', description: 'Pages of the PDF (not sent for .docx).' },
  'X-Letter-Warnings': { type: 'integer', description: 'How many things the PDF could not draw as Word would.' },
};

export function letterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: LetterBody }>(
    '/v1/letters',
    {
      schema: {
        summary: 'Make a letter',
        description: 'Makes the letter for a case from a template in the repository, with the municipality\'s overrides. Response headers: X-Template-Version (the template version used), X-Page-Count (PDF), X-Letter-Warnings (how many things the PDF could not draw as Word).',
        body: { $ref: 'letter-request#' },
        response: { 200: letterAnswer('The letter (PDF or .docx, as asked)', LETTER_HEADERS), ...problems([400, 401, 403, 404, 413, 415, 422, 500, 503]) },
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
      const outcome = await runInPool(ctx, req, reply, { dir: ctx.options.templatesDir, template: body.template, kommune, context: body.context, format, preview: body.preview ?? false, lang: req.lang, ...(body.pdfa ? { pdfa: body.pdfa } : {}) });
      if (!outcome) return reply;
      if (!outcome.ok) {
        req.note.outcome = outcome.reason;
        ctx.metrics.failures.inc({ reason: outcome.reason });
        return sendProblem(reply, failureProblem(req, outcome, body.template));
      }
      req.note.outcome = 'ok';
      if (outcome.pages !== undefined) req.note.pages = outcome.pages;
      ctx.metrics.letters.inc({ format });
      reply.header('x-template-version', outcome.version);
      if (outcome.pages !== undefined) reply.header('x-page-count', String(outcome.pages));
      reply.header('x-letter-warnings', String(outcome.warnings.length));
      reply.header('content-disposition', `attachment; filename="${body.template}.${format}"`);
      return reply.type(format === 'pdf' ? 'application/pdf' : DOCX).send(Buffer.from(outcome.bytes));
    },
  );

  app.post<{ Body: LetterBody }>(
    '/v1/letters::validate',
    {
      schema: {
        summary: 'Check a case against a template',
        description: 'Evaluates the template for the case without making the letter: missing fields, unanswered flettespørgsmål, fields the process does not provide. 200 with valid true or false.',
        body: { $ref: 'letter-request#' },
        response: { 200: jsonAnswer('Valid, or what is missing', { $ref: 'validate-response#' }), ...problems([400, 401, 403, 404, 413, 415, 500, 503]) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      req.note.template = body.template;
      const kommune = kommuneFor(req, reply, body.kommune, holderFor(ctx.options.templatesDir).get());
      if (kommune === false) return reply;
      const outcome = await jobInPool(ctx, req, reply, 'validate', { dir: ctx.options.templatesDir, template: body.template, kommune, context: body.context, lang: req.lang });
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
