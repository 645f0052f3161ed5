/** `kp-brev templates` and `kp-brev preview`: the template repository for people. */
import { join, resolve } from 'node:path';
import { formatMessage, type Lang } from '../i18n/index.js';
import { outputMessages } from '../i18n/messages/output.js';
import { renderTemplatePdf } from '../pdf/index.js';
import { docxMaker, previewLetter, type PreviewMaker } from '../repository/preview.js';
import { describeStatus, TemplateRepository } from '../repository/repository.js';
import { writeOutput } from './files.js';
import type { Io } from './io.js';

/** The repository of --templates (or KP_BREV_TEMPLATES, or templates/); a --kommune must be one of it. */
export function openRepository(opts: Record<string, unknown>, io: Io): TemplateRepository {
  const dir = String(opts['templates'] ?? process.env['KP_BREV_TEMPLATES'] ?? 'templates');
  const repo = TemplateRepository.open(resolve(io.cwd, dir));
  repo.requireKommune(opts['kommune'] as string | undefined);
  return repo;
}

/** A kind of template as the table names it (`cli.kind.<kind>`), or the kind as it is when the catalog has no word for it. */
function kindText(kind: string, lang: Lang): string {
  const id = `cli.kind.${kind}`;
  return Object.hasOwn(outputMessages, id) ? formatMessage(id, {}, lang) : kind;
}

export async function templatesCommand(opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const repo = openRepository(opts, io);
  const kommune = opts['kommune'] as string | undefined;
  const rows = repo.list(kommune);
  if (opts['format'] === 'json') {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const head = (['cli.templates-kind', 'cli.templates-id', 'cli.templates-version', 'cli.templates-status', 'cli.templates-title'] as const).map((id) =>
    formatMessage(id, {}, lang),
  );
  const table = rows.map((r) => [
    kindText(r.kind, lang),
    r.id,
    String(r.version) +
      (r.override ? ` / ${r.override.kommune}: ${r.override.version} (${formatMessage('cli.templates-from', { base: r.override.basedOn }, lang)})` : ''),
    describeStatus(r.status, lang),
    r.title ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  io.stdout([line(head), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') + '\n');
  const outdated = rows.filter((r) => r.status === 'outdated');
  if (outdated.length) {
    io.stdout('\n' + formatMessage('cli.outdated-overrides', { count: outdated.length, ids: outdated.map((r) => r.id).join(', ') }, lang) + '\n');
  }
  return 0;
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
