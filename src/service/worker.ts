/**
 * A render worker thread (piscina): makes one letter per task. Started with the repository
 * folder, it compiles the central letters before it takes work, so that the first requests
 * are as fast as the rest.
 */
import { workerData } from 'node:worker_threads';
import { holderFor } from './repository-holder.js';
import { JOBS, runTraced } from './jobs.js';
import { renderTemplatePdf } from '../pdf/index.js';

const warm = (workerData as { warm?: string } | undefined)?.warm;
if (warm) {
  try {
    const repo = holderFor(warm).get();
    for (const b of repo.central.beskedskabeloner) {
      const compiled = repo.compile(b.id);
      // One PDF of each letter (empty case, placeholders): the fonts it uses are prepared and
      // the layout code is warm, so a new thread's first letter is as fast as the rest and
      // does not run into a short time limit (which would stop the thread and start another).
      await renderTemplatePdf(compiled.template, { fields: {}, questions: {} }, { preview: true }).catch(() => undefined);
    }
  } catch {
    // A broken repository is reported by the first task that needs it.
  }
}

// The pool calls these by name (jobs.ts).
export const render = JOBS.render;
export const validate = JOBS.validate;
export const lint = JOBS.lint;
export const preview = JOBS.preview;
export const previewLetter = JOBS.previewLetter;
/** A job with the request's traceparent: its work reported back for the request's trace. */
export const traced = runTraced;

/** Answers once the thread has loaded and warmed up (the pool waits for this before serving). */
export function ping(): boolean {
  return true;
}
