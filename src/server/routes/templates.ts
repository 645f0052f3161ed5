/** GET /v1/templates and GET /v1/templates/{id}: what a municipality can use, with its settings. */
import type { FastifyInstance } from 'fastify';
import { KpBrevError } from '../../diagnostics.js';
import type { RepositoryHolder } from '../../service/repository-holder.js';
import { jsonAnswer, problems } from '../openapi.js';
import { notFoundProblem, problem, sendProblem } from '../problem.js';
import { problemItem } from '../../diagnostics.js';
import type { ServerContext } from '../types.js';
import { kommuneFor } from './letters.js';
import { ELEMENT_PREFIX, HTML_PREFIX, MESSAGE_BODY_NAME, QUESTION_PREFIX } from '../../fieldcode/names.js';

/** Names that are not case data: flettespørgsmål and composition (`Skabelon:Indhold…` as a prefix here). */
const notCaseData = (n: string): boolean =>
  n.startsWith(QUESTION_PREFIX) || n.startsWith(MESSAGE_BODY_NAME) || n.startsWith(ELEMENT_PREFIX) || n.startsWith(HTML_PREFIX);

export function templateRoutes(app: FastifyInstance, _ctx: ServerContext, holder: RepositoryHolder): void {
  const kommuneQuery = {
    type: 'object',
    properties: { kommune: { type: 'string', pattern: '^[0-9]{3,4}$', description: 'Administrators only: as this municipality sees it.' } },
    additionalProperties: false,
  };
  const listQuery = {
    ...kommuneQuery,
    properties: {
      kommune: {
        type: 'string',
        pattern: '^([0-9]{3,4}|alle)$',
        description: "Administrators only: list as this municipality sees it, or `alle`: the central templates and every municipality's overrides.",
      },
    },
  };

  app.get<{ Querystring: { kommune?: string } }>(
    '/v1/templates',
    {
      schema: {
        summary: 'List templates',
        description: "Central templates and the municipality's own overrides, with their status.",
        querystring: listQuery,
        response: { 200: jsonAnswer('The templates', { type: 'array', items: { $ref: 'template-summary#' } }), ...problems([400, 401, 403, 500]) },
      },
    },
    async (req, reply) => {
      const kommune = kommuneFor(req, reply, req.query.kommune, holder.get());
      if (kommune === false) return reply;
      const repo = holder.get();
      if (kommune !== 'alle') return repo.list(kommune);
      // Everything, for an administrator: the central list, then each municipality's overrides.
      return [
        ...repo.list(),
        ...[...repo.kommuner.keys()].sort().flatMap((k) =>
          repo
            .list(k)
            .filter((t) => t.override)
            .map((t) => ({ ...t, kommune: k })),
        ),
      ];
    },
  );

  app.get<{ Params: { id: string }; Querystring: { kommune?: string } }>(
    '/v1/templates/:id',
    {
      schema: {
        summary: 'One template',
        description:
          'Settings of a beskedskabelon for the municipality: title, Digital Post title, master, content elements, processes, variants, enabled flettespørgsmål (with their text), merge fields used, status of an override.',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } }, required: ['id'] },
        querystring: kommuneQuery,
        response: { 200: jsonAnswer('The template', { $ref: 'template-detail#' }), ...problems([400, 401, 403, 404, 500]) },
      },
    },
    async (req, reply) => {
      const kommune = kommuneFor(req, reply, req.query.kommune, holder.get());
      if (kommune === false) return reply;
      req.note.template = req.params.id;
      const repo = holder.get();
      let compiled;
      try {
        compiled = repo.compile(req.params.id, kommune);
      } catch (err) {
        if (err instanceof KpBrevError && err.diagnostics.some((d) => d.code === 'repo.unknown-template')) {
          return sendProblem(reply, notFoundProblem(req.lang, req.params.id, req.id, err.diagnostics));
        }
        // A template the repository holds but cannot open: named, with the reason, as for a letter.
        if (err instanceof KpBrevError) {
          req.note.outcome = 'template-broken';
          const errors = err.diagnostics.map((d) => problemItem(d, req.lang));
          return sendProblem(
            reply,
            problem('template-broken', 500, req.lang, { id: 'server.template-broken', params: { template: req.params.id } }, req.id, {
              template: req.params.id,
              errors,
            }),
          );
        }
        throw err;
      }
      const def = compiled.def;
      const names = new Set(
        compiled.template
          .fields()
          .filter((f) => f.type === 'MERGEFIELD')
          .map((f) => /MERGEFIELD\s+"?([^\s"\\]+)/.exec(f.instruction)?.[1] ?? ''),
      );
      const fields = [...names].filter((n) => n && !notCaseData(n)).sort();
      const questions = (def.questions ?? []).map((key) => {
        const q = repo.catalog?.questions?.get(key);
        return { key, ...(q?.text ? { text: q.text } : {}), ...(q?.default ? { default: q.default } : {}) };
      });
      return {
        id: def.id,
        title: def.title,
        ...(def.digitalPostTitle ? { digitalPostTitle: def.digitalPostTitle } : {}),
        version: def.version,
        status: def.status,
        ...(def.message.override ? { override: def.message.override } : {}),
        master: def.master,
        indholdselementer: def.indholdselementer ?? [],
        processes: def.processes,
        variants: def.variants ?? [],
        questions,
        fields,
        documentType: def.documentType,
        noAutoSend: def.noAutoSend ?? false,
        attachments: (def.attachments ?? []).map((a) => a.title),
      };
    },
  );
}
