/**
 * A render worker thread (piscina): makes one letter per task. Started with the repository
 * folder, it compiles the central letters before it takes work, so that the first requests
 * are as fast as the rest.
 */
import { workerData } from 'node:worker_threads';
import { holderFor } from './repository-holder.js';
import { JOBS } from './jobs.js';

const warm = (workerData as { warm?: string } | undefined)?.warm;
if (warm) {
  try {
    const repo = holderFor(warm).get();
    for (const b of repo.central.beskedskabeloner) repo.compile(b.id);
  } catch {
    // A broken repository is reported by the first task that needs it.
  }
}

// The pool calls these by name (jobs.ts).
export const render = JOBS.render;
export const preview = JOBS.preview;
export const previewLetter = JOBS.previewLetter;

/** Answers once the thread has loaded and warmed up (the pool waits for this before serving). */
export function ping(): boolean {
  return true;
}
