/**
 * POST /v1/lint: a .docx (raw body or multipart field "file") checked by the linter; the answer
 * is the linter's JSON (the contract of `kp-brev lint --format json`). With ?template=<id> the
 * template's settings and, for the municipality's override, its central base come from the
 * repository; otherwise ?process, ?variant, ?question and ?env say what the file is for.
 */
import type { FastifyInstance } from 'fastify';
import { DOCX, jsonAnswer, MULTIPART, OCTET_STREAM, problems } from '../openapi.js';
import { jobInPool } from '../pool-replies.js';
import { notFoundProblem, problem, sendProblem } from '../problem.js';
import { problemItem } from '../../diagnostics.js';
import { serverLimits, type ServerContext } from '../types.js';

interface LintQuery {
  template?: string;
  process?: string | string[];
  variant?: string | string[];
  question?: string | string[];
  env?: 'production' | 'training';
  name?: string;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter(Boolean));

export function lintRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const limit = serverLimits(ctx.options).lintBodyLimit;
  app.addContentTypeParser([DOCX, OCTET_STREAM], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: LintQuery }>(
    '/v1/lint',
    {
      bodyLimit: limit,
      schema: {
        summary: 'Lint a template',
        description:
          'The .docx as the body (application/vnd.openxmlformats-officedocument.wordprocessingml.document or application/octet-stream) or as the multipart field "file". Returns the linter\'s JSON: [{ file, findings: [{ rule, severity, message, location, regression }] }].',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            template: {
              type: 'string',
              pattern: '^[A-Za-z0-9_.-]{1,64}$',
              description: 'Lint as this template of the repository: its settings, and for an override the central base.',
            },
            process: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
            variant: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
            question: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
            env: { enum: ['production', 'training'] },
            name: { type: 'string', maxLength: 200, description: 'File name to report.' },
          },
        },
        openapiBody: {
          content: {
            [DOCX]: { schema: { type: 'string', format: 'binary' } },
            [OCTET_STREAM]: { schema: { type: 'string', format: 'binary' } },
            [MULTIPART]: {
              schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The .docx.' } } },
            },
          },
        },
        response: {
          200: jsonAnswer("The linter's findings, as kp-brev lint --format json gives them", { $ref: 'lint-output#' }),
          ...problems([400, 401, 404, 413, 415, 500, 503], {
            400: 'Not a .docx, a form that cannot be read, or a file the linter cannot open (each problem in errors)',
            404: 'No such template (?template)',
          }),
        },
      },
    },
    async (req, reply) => {
      let bytes: Buffer | undefined;
      let name = req.query.name ?? 'skabelon.docx';
      if (req.isMultipart()) {
        try {
          const file = await req.file();
          if (file) {
            bytes = await file.toBuffer();
            name = req.query.name ?? file.filename ?? name;
          }
        } catch (err) {
          // Fastify's own (a file over the limit: 413) keep their status; the form parser's
          // plain errors (cut short, no or a wrong boundary) are a form that cannot be read.
          if ((err as { statusCode?: number }).statusCode) throw err;
          req.note.outcome = 'bad-request';
          return sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.bad-multipart' }, req.id));
        }
      } else if (Buffer.isBuffer(req.body)) bytes = req.body;
      if (!bytes || !bytes.length) return sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.lint-no-docx' }, req.id));
      if (req.query.template) req.note.template = req.query.template;
      const outcome = await jobInPool(ctx, req, reply, 'lint', {
        dir: ctx.options.templatesDir,
        bytes,
        name,
        ...(req.query.template ? { template: req.query.template } : {}),
        ...(req.principal!.kommune ? { kommune: req.principal!.kommune } : {}),
        env: req.query.env ?? 'production',
        processes: list(req.query.process),
        variants: list(req.query.variant),
        ...(req.query.question !== undefined ? { questions: list(req.query.question) } : {}),
        lang: req.lang,
      });
      if (!outcome) return reply;
      if (outcome.ok) {
        req.note.outcome = `${outcome.findings} findings`;
        return outcome.results;
      }
      if (outcome.kind === 'unknown-template') return sendProblem(reply, notFoundProblem(req.lang, req.query.template ?? '', req.id, outcome.diagnostics));
      req.note.outcome = 'unreadable';
      return sendProblem(
        reply,
        problem('bad-request', 400, req.lang, { id: 'server.bad-request', params: { detail: name } }, req.id, {
          errors: outcome.diagnostics.map((d) => problemItem(d, req.lang)),
        }),
      );
    },
  );
}
