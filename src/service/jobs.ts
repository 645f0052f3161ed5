/**
 * What the render pool can run, by name: a letter (the render API and batches), a case checked
 * against a template, a template linted, and the training page's preview and download. The
 * worker thread exports the same names.
 */
import { threadId } from 'node:worker_threads';
import { executeLint, type LintOutcome, type LintTask } from './lint-task.js';
import { executeRender, executeValidate, type RenderOutcome, type RenderTask, type ValidateOutcome, type ValidateTask } from './render-task.js';
import {
  executePreview,
  executePreviewLetter,
  type PreviewLetterOutcome,
  type PreviewLetterTask,
  type PreviewOutcome,
  type PreviewTask,
} from './preview-task.js';

export interface Jobs {
  render: { input: RenderTask; output: RenderOutcome };
  validate: { input: ValidateTask; output: ValidateOutcome };
  lint: { input: LintTask; output: LintOutcome };
  preview: { input: PreviewTask; output: PreviewOutcome };
  previewLetter: { input: PreviewLetterTask; output: PreviewLetterOutcome };
}
export type JobName = keyof Jobs;

export const JOBS: { [K in JobName]: (input: Jobs[K]['input']) => Promise<Jobs[K]['output']> } = {
  render: executeRender,
  validate: executeValidate,
  lint: executeLint,
  preview: executePreview,
  previewLetter: executePreviewLetter,
};

/**
 * What a render thread reports of a traced job: which thread, when it started and ended (ms since
 * the epoch), and the W3C traceparent it was given with the task (tracing.ts makes the span).
 */
export interface WorkReport {
  thread: number;
  start: number;
  end: number;
  traceparent: string;
}

/** A job with the request's W3C traceparent, as the pool hands it to a render thread. */
export interface TracedJob<K extends JobName = JobName> {
  job: K;
  input: Jobs[K]['input'];
  traceparent: string;
}

/** Runs a traced job where it is (a render thread, or this one) and reports the work. */
export async function runTraced<K extends JobName>(task: TracedJob<K>): Promise<{ output: Jobs[K]['output']; work: WorkReport }> {
  const start = performance.timeOrigin + performance.now();
  const output = await (JOBS[task.job] as (i: Jobs[K]['input']) => Promise<Jobs[K]['output']>)(task.input);
  return { output, work: { thread: threadId, start, end: performance.timeOrigin + performance.now(), traceparent: task.traceparent } };
}
