/**
 * The training page's work, run where letters are made (a worker thread in the server): a
 * preview (pages as SVG, findings, codes) and a previewed letter to download. Tasks and results
 * are plain data; a refusal or bad input comes back as its diagnostics, not as a thrown error
 * (an error does not keep its diagnostics across a thread).
 */
import { KpBrevError, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { renderTemplatePdf } from '../pdf/index.js';
import { answered, prepare, preview, previewContext, previewQuestions, type PreviewRequest, type PreviewResult } from './preview.js';
import { holderFor } from './repository-holder.js';

export interface PreviewTask {
  /** Repository folder. */
  dir: string;
  request: PreviewRequest;
  lang: Lang;
}

export interface PreviewLetterTask extends PreviewTask {
  format: 'pdf' | 'docx';
  /** Missing fields as yellow placeholders instead of a refusal. */
  preview: boolean;
}

export type JobFailure = { ok: false; kind: 'input' | 'refused'; diagnostics: Diagnostic[] };
export type PreviewOutcome = { ok: true; result: PreviewResult } | JobFailure;
export type PreviewLetterOutcome = { ok: true; bytes: Uint8Array } | JobFailure;

function failed(err: unknown): JobFailure {
  if (err instanceof KpBrevError) return { ok: false, kind: err.kind, diagnostics: err.diagnostics };
  throw err;
}

export async function executePreview(task: PreviewTask): Promise<PreviewOutcome> {
  try {
    return { ok: true, result: preview(holderFor(task.dir).get(), task.request, task.lang) };
  } catch (err) {
    return failed(err);
  }
}

export async function executePreviewLetter(task: PreviewLetterTask): Promise<PreviewLetterOutcome> {
  try {
    const req = task.request;
    const repo = holderFor(task.dir).get();
    const prepared = prepare(repo, req);
    const base = previewContext(req);
    const context = answered(base, previewQuestions(repo, prepared, base));
    const options = { preview: task.preview, lang: task.lang };
    if (task.format === 'docx') return { ok: true, bytes: prepared.template.render(context, options).docx };
    const fromArchive = req.template !== undefined || req.draftOf !== undefined;
    const r = await renderTemplatePdf(prepared.template, context, { ...options, ...(fromArchive ? { title: prepared.title } : {}) });
    return { ok: true, bytes: r.pdf };
  } catch (err) {
    return failed(err);
  }
}
