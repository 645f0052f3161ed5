/**
 * The training page: GET / (the page), its script, stylesheet and fonts, and the API it uses
 * besides the render API: the preview (pages as SVG, questions, codes, findings), downloads of
 * a previewed letter (also from an uploaded template), the sample cases, the municipalities and
 * the catalog's processes. No state on the server beyond the template cache.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { FONT_DIR } from '../../pdf/fonts/faces.js';
import type { RepositoryHolder } from '../../service/repository-holder.js';
import { PAGE_CSS, pageHtml } from '../../web/page.js';
import type { PreviewRequest } from '../../service/preview.js';
import type { JobFailure } from '../../service/preview-task.js';
import { jsonAnswer, letterAnswer, problems } from '../openapi.js';
import { jobInPool } from '../pool-replies.js';
import { notFoundProblem, problem, sendProblem, type Problem } from '../problem.js';
import { problemItem } from '../../diagnostics.js';
import { serverLimits, type ServerContext } from '../types.js';
import type { Lang } from '../../i18n/index.js';
import { isLang } from '../../i18n/lang.js';
import { kommuneFor, refusePreview } from './letters.js';

const here = fileURLToPath(import.meta.url);
/** The page's compiled scripts (tsconfig.web.json: dist/web/browser/, ES modules, the tree of src/), also when the server runs from source. */
const CLIENT = here.endsWith('.ts') ? join(dirname(here), '../../../dist/web/browser') : join(dirname(here), '../../web/browser');
const SCRIPTS = new Set(['app.js', 'api.js', 'views.js', 'texts.js']);
/** The catalog's placeholder filling, which the client imports (../../i18n/fill.js from /texts.js is /i18n/fill.js). */
const FILL = 'i18n/fill.js';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A preview request as JSON: the template upload in base64. */
type PreviewBody = Omit<PreviewRequest, 'docx' | 'kommune'> & {
  kommune?: string;
  docx?: string;
  format?: 'pdf' | 'docx';
  preview?: boolean;
};

const previewSchema = {
  type: 'object',
  required: ['context'],
  additionalProperties: false,
  properties: {
    template: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
    kommune: { type: 'string', pattern: '^[0-9]{3,4}$' },
    docx: { type: 'string', description: 'An uploaded template, base64.' },
    name: { type: 'string', maxLength: 200 },
    draftOf: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$', description: 'The upload is a draft of this beskedskabelon.' },
    context: { type: 'object' },
    highlight: { type: 'string', maxLength: 200, description: 'Mark the text this flettespørgsmål adds.' },
    process: { type: 'string', maxLength: 200 },
    variant: { type: 'string', maxLength: 200 },
    format: { enum: ['pdf', 'docx'] },
    preview: { type: 'boolean' },
  },
};

/** A template that is not in the archive is 404, a refused letter 422, anything else the request's fault. */
function previewProblem(err: JobFailure, body: PreviewBody, lang: Lang, id: string): Problem {
  const errors = err.diagnostics.map((d) => problemItem(d, lang));
  const what = body.draftOf ?? body.template ?? body.name ?? '';
  if (err.diagnostics.some((d) => d.code === 'repo.unknown-template')) return { ...notFoundProblem(lang, what, id, err.diagnostics), errors };
  if (err.kind === 'refused')
    return problem('letter-refused', 422, lang, { id: 'server.letter-refused', params: { template: what, count: err.diagnostics.length } }, id, { errors });
  return problem('bad-request', 400, lang, { id: 'server.bad-request', params: { detail: body.name ?? what } }, id, { errors });
}

export function webRoutes(app: FastifyInstance, ctx: ServerContext, holder: RepositoryHolder): void {
  // A template the size /v1/lint accepts, in base64, with room for the case.
  const bodyLimit = Math.ceil((serverLimits(ctx.options).lintBodyLimit * 4) / 3) + 1024 * 1024;
  const samplesDir = ctx.options.samplesDir ?? join(ctx.options.templatesDir, '..', 'samples', 'sager');
  // The page in the language ?lang= names, else the one Accept-Language asks for (as the API's answers).
  app.get<{ Querystring: { lang?: string } }>('/', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const lang = isLang(req.query.lang) ? req.query.lang : req.lang;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-language', lang)
      .header('vary', 'accept-language')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
      .send(pageHtml(lang));
  });
  app.get(`/${FILL}`, { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(readFileSync(join(CLIENT, FILL), 'utf8')),
  );
  app.get('/app.css', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').send(PAGE_CSS));
  app.get<{ Params: { script: string } }>('/:script', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    if (!SCRIPTS.has(req.params.script))
      return sendProblem(reply, problem('not-found', 404, req.lang, { id: 'server.route-not-found', params: { method: 'GET', url: req.url } }, req.id));
    return reply.type('text/javascript; charset=utf-8').send(readFileSync(join(CLIENT, 'web/client', req.params.script), 'utf8'));
  });
  app.get<{ Params: { file: string } }>('/fonts/:file', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const file = req.params.file;
    if (!/^(LiberationSans|LiberationSerif|LiberationMono|Carlito)-(Regular|Bold|Italic|BoldItalic)\.ttf$/.test(file))
      return sendProblem(reply, problem('not-found', 404, req.lang, { id: 'server.route-not-found', params: { method: 'GET', url: req.url } }, req.id));
    return reply
      .type('font/ttf')
      .header('cache-control', 'public, max-age=86400')
      .send(readFileSync(join(FONT_DIR, file)));
  });

  // No query parameters: a municipality named where none is taken is refused (400), not ignored.
  const noQuery = { type: 'object', additionalProperties: false, properties: {} };
  app.get(
    '/v1/kommuner',
    {
      schema: {
        summary: 'Municipalities with overrides (training page)',
        querystring: noQuery,
        response: { 200: jsonAnswer('The municipalities', { type: 'array', items: { $ref: 'kommune#' } }), ...problems([400, 401, 500]) },
      },
    },
    async (req) => {
      const repo = holder.get();
      const all = [...repo.kommuner.entries()].map(([code, k]) => ({ kommune: code, name: k.manifest.name ?? code }));
      return req.principal!.admin ? all : all.filter((k) => k.kommune === req.principal!.kommune);
    },
  );

  app.get(
    '/v1/processes',
    {
      schema: {
        summary: "The catalog's processes and their variants (training page)",
        querystring: noQuery,
        response: { 200: jsonAnswer('The processes', { type: 'array', items: { $ref: 'process#' } }), ...problems([400, 401, 500]) },
      },
    },
    async () =>
      [...(holder.get().catalog?.processes.values() ?? [])].map((p) => ({
        id: p.id,
        name: p.name ?? p.id,
        variants: (p.variants ?? []).map((v) => ({ id: v.id, name: v.name ?? v.id })),
      })),
  );

  app.get<{ Querystring: { template: string } }>(
    '/v1/samples',
    {
      schema: {
        summary: 'Sample cases of a template (training page)',
        querystring: {
          type: 'object',
          required: ['template'],
          additionalProperties: false,
          properties: { template: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } },
        },
        response: { 200: jsonAnswer('The sample cases', { type: 'array', items: { $ref: 'sample#' } }), ...problems([400, 401, 500]) },
      },
    },
    async (req) => {
      // The pattern admits no dot or slash: the folder is always one level under samplesDir.
      const dir = join(samplesDir, req.query.template);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
      const samples: Array<{ name: string; context: unknown }> = [];
      for (const f of readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()) {
        try {
          samples.push({ name: f.replace(/\.json$/, ''), context: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown });
        } catch {
          // A broken sample file is left out of the list, not a failed page. Logged without its
          // name or the parser's message: both may quote the case.
          req.log.warn({ template: req.query.template }, 'a sample case that is not JSON was skipped');
        }
      }
      return samples;
    },
  );

  const previewRequest = (body: PreviewBody, kommune: string | undefined): PreviewRequest => ({
    ...(body.template ? { template: body.template } : {}),
    kommune,
    ...(body.docx ? { docx: Buffer.from(body.docx, 'base64') } : {}),
    ...(body.name ? { name: body.name } : {}),
    ...(body.draftOf ? { draftOf: body.draftOf } : {}),
    context: body.context,
    ...(body.highlight ? { highlight: body.highlight } : {}),
    ...(body.process ? { process: body.process } : {}),
    ...(body.variant ? { variant: body.variant } : {}),
    // Placeholders for what is missing only in the training environment: elsewhere the page
    // shows the letter as it would be made, or, for a letter that would be refused, only why.
    placeholders: ctx.options.training === true,
  });

  app.post<{ Body: PreviewBody }>(
    '/v1/preview',
    {
      bodyLimit,
      schema: {
        summary: 'Preview a letter (training page)',
        body: previewSchema,
        response: { 200: jsonAnswer('The preview', { $ref: 'preview-result#' }), ...problems([400, 401, 403, 404, 413, 415, 422, 500, 503]) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const kommune = kommuneFor(req, reply, body.kommune, holder.get());
      if (kommune === false) return reply;
      if (!body.template && !body.docx)
        return sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.bad-request', params: { detail: 'template / docx' } }, req.id));
      req.note.template = body.template ?? body.draftOf ?? 'upload';
      const out = await jobInPool(ctx, req, reply, 'preview', { dir: ctx.options.templatesDir, request: previewRequest(body, kommune), lang: req.lang });
      if (!out) return reply;
      return out.ok ? out.result : sendProblem(reply, previewProblem(out, body, req.lang, req.id));
    },
  );

  app.post<{ Body: PreviewBody }>(
    '/v1/preview/letter',
    {
      bodyLimit,
      schema: {
        summary: 'Download a previewed letter (training page)',
        body: previewSchema,
        response: { 200: letterAnswer('The letter (PDF or .docx, as asked)'), ...problems([400, 401, 403, 404, 413, 415, 422, 500, 503]) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const kommune = kommuneFor(req, reply, body.kommune, holder.get());
      if (kommune === false) return reply;
      if (!body.template && !body.docx)
        return sendProblem(reply, problem('bad-request', 400, req.lang, { id: 'server.bad-request', params: { detail: 'template / docx' } }, req.id));
      req.note.template = body.template ?? body.draftOf ?? 'upload';
      if (refusePreview(ctx, req, reply, body.preview)) return reply;
      const format = body.format ?? 'pdf';
      const out = await jobInPool(ctx, req, reply, 'previewLetter', {
        dir: ctx.options.templatesDir,
        request: previewRequest(body, kommune),
        lang: req.lang,
        format,
        preview: body.preview ?? false,
      });
      if (!out) return reply;
      if (!out.ok) return sendProblem(reply, previewProblem(out, body, req.lang, req.id));
      const name = (body.draftOf ?? body.template ?? body.name ?? 'brev').replace(/\.docx$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_');
      return reply
        .header('content-disposition', `attachment; filename="${name}.${format}"`)
        .type(format === 'pdf' ? 'application/pdf' : DOCX)
        .send(Buffer.from(out.bytes));
    },
  );
}
