/**
 * Errors as problem details (RFC 9457, application/problem+json): a kind (type), a title, the
 * status, a detail, the request, and each problem with its code, message, template, field and
 * place, in Danish unless Accept-Language asks for English; sent by `sendProblem`, and a failed
 * letter's outcome said as one by `failureProblem`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemItem, type Diagnostic, type ProblemItem } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import type { MessageText } from '../i18n/message-text.js';
import { problemTitleMessages } from '../i18n/messages/problem-titles.js';
import type { FailureReason, RenderOutcome } from '../service/render-task.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  template?: string;
  errors?: ProblemItem[];
}

/**
 * 404 for a template (or a municipality) the repository does not hold: the detail says which,
 * with the repository's "did you mean" when it has one.
 */
export function notFoundProblem(lang: Lang, template: string, requestId: string, diagnostics: readonly Diagnostic[] = []): Problem {
  const kommune = diagnostics.find((d) => d.code === 'repo.unknown-kommune');
  if (kommune) return problem('not-found', 404, lang, { id: kommune.code, params: kommune.params }, requestId, { template });
  const suggestion = diagnostics.find((d) => d.code === 'repo.did-you-mean')?.params['suggestion'];
  const detail: { id: string; params: Record<string, string | number> } =
    suggestion !== undefined ? { id: 'server.not-found-suggestion', params: { template, suggestion } } : { id: 'server.not-found', params: { template } };
  return problem('not-found', 404, lang, detail, requestId, { template });
}

export function problem(
  kind: string,
  status: number,
  lang: Lang,
  detail: { id: string; params?: Record<string, string | number> } | undefined,
  requestId: string,
  extra: Partial<Problem> = {},
): Problem {
  const titles: Record<string, MessageText> = problemTitleMessages;
  const title = titles[`server.title.${kind}`] ?? titles['server.title.internal']!;
  // In the order of schemas/api/problem.schema.json, as the answer shows it.
  return {
    type: `urn:kp-brev:problem:${kind}`,
    title: title[lang],
    status,
    ...(detail ? { detail: formatMessage(detail.id, detail.params ?? {}, lang) } : {}),
    instance: `urn:kp-brev:request:${requestId}`,
    ...extra,
  };
}

/** Sends a problem+json response. */
export function sendProblem(reply: FastifyReply, body: Problem, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(body.status).header('content-language', reply.request.lang).type('application/problem+json; charset=utf-8').send(body);
}

const STATUS: Record<FailureReason, number> = {
  'unknown-template': 404,
  'bad-context': 400,
  'letter-refused': 422,
  'not-automatic': 422,
  'template-broken': 500,
  internal: 500,
};

/** A failed render as a problem (status from the reason). */
export function failureProblem(req: FastifyRequest, outcome: Extract<RenderOutcome, { ok: false }>, template: string): Problem {
  const lang = req.lang;
  const status = STATUS[outcome.reason];
  const count = outcome.diagnostics.length;
  if (outcome.reason === 'unknown-template') return notFoundProblem(lang, template, req.id, outcome.diagnostics);
  const detail: { id: string; params: Record<string, string | number> } =
    outcome.reason === 'letter-refused'
      ? { id: 'server.letter-refused', params: { template, count } }
      : outcome.reason === 'bad-context'
        ? { id: 'server.bad-context', params: { template, count } }
        : outcome.reason === 'not-automatic'
          ? { id: 'batch.not-automatic', params: { template } }
          : outcome.reason === 'template-broken'
            ? { id: 'server.template-broken', params: { template } }
            : { id: 'server.internal', params: { detail: String(outcome.diagnostics[0]?.params['detail'] ?? '') } };
  const errors = outcome.reason === 'internal' ? undefined : outcome.diagnostics.map((d) => problemItem(d, lang));
  return problem(outcome.reason, status, lang, detail, req.id, { template, ...(errors ? { errors } : {}) });
}
