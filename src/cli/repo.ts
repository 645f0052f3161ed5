/** `kp-brev preview`, and the repository the commands that make letters use. */
import { join, resolve } from 'node:path';
import { formatMessage, type Lang } from '../i18n/index.js';
import { renderTemplatePdf } from '../pdf/index.js';
import { docxMaker, previewLetter, type PreviewMaker } from '../repository/preview.js';
import { TemplateRepository } from '../repository/repository.js';
import { writeOutput } from './files.js';
import type { Io } from './io.js';
import { templatesDir } from './templates.js';

/** The repository of --templates (or KP_BREV_TEMPLATES, or templates/); a --kommune must be one of it. */
export function openRepository(opts: Record<string, unknown>, io: Io): TemplateRepository {
  const repo = TemplateRepository.open(templatesDir(opts, io));
  repo.requireKommune(opts['kommune'] as string | undefined);
  return repo;
}

export async function previewCommand(id: string, opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const repo = openRepository(opts, io);
  const outDir = resolve(io.cwd, String(opts['out']));
  const samplesDir = resolve(io.cwd, String(opts['samples'] ?? 'samples/sager'));
  const kommune = opts['kommune'] as string | undefined;
  const format = opts['format'] === 'pdf' ? 'pdf' : 'docx';
  // PDF letters are laid out as `render --preview` lays them out, with the letter's Digital Post title.
  const make: PreviewMaker =
    format === 'pdf'
      ? async (template, context, title) => {
          const r = await renderTemplatePdf(template, context, { preview: true, lang, title });
          return { bytes: r.pdf, diagnostics: r.diagnostics };
        }
      : docxMaker(lang);
  const write = (path: string, data: Uint8Array | string): void => writeOutput(path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, io.cwd);
  const result = await previewLetter(repo, id, { ...(kommune ? { kommune } : {}), samplesDir, outDir, lang, format, make }, { write });
  const failed = result.entries.filter((e) => e.error).length;
  // The index as the user named the folder, not as an absolute path.
  const index = join(String(opts['out']), 'index.html');
  io.stdout(
    formatMessage(
      'cli.preview-done',
      { count: result.entries.length - failed, dir: String(opts['out']), cases: result.cases, combinations: result.combinations, index },
      lang,
    ) + '\n',
  );
  const lacking = result.entries.filter((e) => e.missing.length).length;
  io.stdout(
    (lacking
      ? formatMessage('cli.preview-missing', { letters: lacking, count: result.entries.length, what: result.missing.join(', '), index }, lang)
      : formatMessage('cli.preview-complete', {}, lang)) + '\n',
  );
  return failed ? 1 : 0;
}
