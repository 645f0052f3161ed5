/**
 * What the render pool can run, by name: a letter (the render API and batches) and the
 * training page's preview and download. The worker thread exports the same names.
 */
import { executeRender, type RenderOutcome, type RenderTask } from './render-task.js';
import { executePreview, executePreviewLetter, type PreviewLetterOutcome, type PreviewLetterTask, type PreviewOutcome, type PreviewTask } from './preview-task.js';

export interface Jobs {
  render: { input: RenderTask; output: RenderOutcome };
  preview: { input: PreviewTask; output: PreviewOutcome };
  previewLetter: { input: PreviewLetterTask; output: PreviewLetterOutcome };
}
export type JobName = keyof Jobs;

export const JOBS: { [K in JobName]: (input: Jobs[K]['input']) => Promise<Jobs[K]['output']> } = {
  render: executeRender,
  preview: executePreview,
  previewLetter: executePreviewLetter,
};
