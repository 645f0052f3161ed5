/**
 * What the render pool can run, by name: a letter (the render API and batches), a case checked
 * against a template, a template linted, and the training page's preview and download. The
 * worker thread exports the same names.
 */
import { executeLint, type LintOutcome, type LintTask } from './lint-task.js';
import { executeRender, executeValidate, type RenderOutcome, type RenderTask, type ValidateOutcome, type ValidateTask } from './render-task.js';
import { executePreview, executePreviewLetter, type PreviewLetterOutcome, type PreviewLetterTask, type PreviewOutcome, type PreviewTask } from './preview-task.js';

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
