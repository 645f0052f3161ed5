/**
 * One letter from the template repository, as the render API and the batch runner make it:
 * the task is plain data (so that it crosses into a worker thread), and so is the result,
 * a letter or the reason it was not made, classified for the HTTP status and the error queue.
 */
import type { Diagnostic } from '../diagnostics.js';
import { KpBrevError } from '../diagnostics.js';
import { parseContextBytes, parseContextText, toContext, type CaseContext } from '../context/context.js';
import type { Lang } from '../i18n/index.js';
import { renderTemplatePdf, type PdfaLevel } from '../pdf/index.js';
import { threadId } from 'node:worker_threads';
import { holderFor, type RepositoryHolder } from './repository-holder.js';

export interface RenderTask {
  /** Repository folder. */
  dir: string;
  template: string;
  kommune?: string | undefined;
  /** The case context: JSON text, bytes, or an already parsed object. */
  context: string | Uint8Array | CaseContext;
  format: 'pdf' | 'docx';
  preview?: boolean;
  lang?: Lang;
  /** Refuse templates that may not be sent automatically (batch runs). */
  automatic?: boolean;
  /** PDF/A part and level of a PDF letter (default 2a). */
  pdfa?: PdfaLevel;
}

/** Why a letter was not made; decides the HTTP status and the batch error queue. */
export type FailureReason = 'unknown-template' | 'bad-context' | 'letter-refused' | 'not-automatic' | 'template-broken' | 'internal';

export type RenderOutcome =
  | { ok: true; bytes: Uint8Array; pages: number | undefined; version: string; title: string; warnings: Diagnostic[]; merged: number; cache: CacheNote }
  | { ok: false; reason: FailureReason; diagnostics: Diagnostic[] };

/** The compiled letters' cache of the thread that made a letter (for the metrics: each render
 * thread has its own cache, which the server's own thread cannot see). */
export interface CacheNote {
  thread: number;
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

function cacheNote(holder: RepositoryHolder): CacheNote {
  return { thread: threadId, ...holder.cacheFigures() };
}

const BAD_CONTEXT = /^context\./;

function parse(context: RenderTask['context'], name: string): CaseContext {
  if (typeof context === 'string') return parseContextText(context, name);
  if (context instanceof Uint8Array) return parseContextBytes(context, name);
  // Checked where it is (bounded depth), not through JSON.stringify, which overflows the stack
  // on a deeply nested object before the depth check could refuse it.
  return toContext(context, name);
}

function failure(err: unknown): RenderOutcome {
  if (err instanceof KpBrevError) {
    const codes = err.diagnostics.map((d) => d.code);
    let reason: FailureReason;
    if (err.kind === 'refused') reason = 'letter-refused';
    else if (codes.some((c) => c === 'repo.unknown-template' || c === 'repo.unknown-kommune')) reason = 'unknown-template';
    else if (codes.some((c) => BAD_CONTEXT.test(c))) reason = 'bad-context';
    else reason = 'template-broken';
    return { ok: false, reason, diagnostics: err.diagnostics };
  }
  return {
    ok: false,
    reason: 'internal',
    diagnostics: [{ code: 'server.internal', severity: 'error', params: { detail: err instanceof Error ? err.message : String(err) } }],
  };
}

export async function executeRender(task: RenderTask): Promise<RenderOutcome> {
  try {
    const holder = holderFor(task.dir);
    const repo = holder.get();
    const compiled = repo.compile(task.template, task.kommune);
    if (task.automatic && compiled.def.noAutoSend) {
      return {
        ok: false,
        reason: 'not-automatic',
        diagnostics: [{ code: 'batch.not-automatic', severity: 'error', params: { template: task.template }, location: { template: task.template } }],
      };
    }
    const context = parse(task.context, 'context');
    const def = compiled.def;
    const version = `${def.id}@${def.version}${def.message.override ? `+${def.message.override.kommune}@${def.message.override.version}` : ''}`;
    const title = def.digitalPostTitle ?? def.title;
    const options = { preview: task.preview ?? false, lang: task.lang ?? 'da' };
    if (task.format === 'pdf') {
      const r = await renderTemplatePdf(compiled.template, context, { ...options, title, ...(task.pdfa ? { pdfa: task.pdfa } : {}) });
      return {
        ok: true,
        bytes: r.pdf,
        pages: r.pages,
        version,
        title,
        warnings: [...r.diagnostics, ...r.warnings],
        merged: r.stats.merged,
        cache: cacheNote(holder),
      };
    }
    const r = compiled.template.render(context, options);
    return { ok: true, bytes: r.docx, pages: undefined, version, title, warnings: r.diagnostics, merged: r.stats.merged, cache: cacheNote(holder) };
  } catch (err) {
    return failure(err);
  }
}

/** Checks a case against a template without making the letter. */
export type ValidateTask = Omit<RenderTask, 'format'>;
export type ValidateOutcome = RenderOutcome | { ok: true; valid: true; version: string };

export async function executeValidate(task: ValidateTask): Promise<ValidateOutcome> {
  try {
    const repo = holderFor(task.dir).get();
    const compiled = repo.compile(task.template, task.kommune);
    const def = compiled.def;
    compiled.template.renderParts(parse(task.context, 'context'), { lang: task.lang ?? 'da' });
    return { ok: true, valid: true, version: `${def.id}@${def.version}` };
  } catch (err) {
    return failure(err);
  }
}
