/**
 * `kp-brev templates`: the templates of a repository, as a municipality sees them. It reads the
 * manifests and the catalog only (RepositoryIndex), not a template: none of the OOXML reader,
 * the compiler or the PDF writer is loaded (test/project/startup.test.ts).
 */
import { resolve } from 'node:path';
import { formatMessage, type Lang } from '../i18n/index.js';
import { outputMessages } from '../i18n/messages/output.js';
import { describeStatus, RepositoryIndex } from '../repository/repository-index.js';
import type { Io } from './io.js';

/** The folder of --templates (or KP_BREV_TEMPLATES, or templates/). */
export function templatesDir(opts: Record<string, unknown>, io: Io): string {
  return resolve(io.cwd, String(opts['templates'] ?? process.env['KP_BREV_TEMPLATES'] ?? 'templates'));
}

/** A kind of template as the table names it (`cli.kind.<kind>`), or the kind as it is when the catalog has no word for it. */
function kindText(kind: string, lang: Lang): string {
  const id = `cli.kind.${kind}`;
  return Object.hasOwn(outputMessages, id) ? formatMessage(id, {}, lang) : kind;
}

export async function templatesCommand(opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const repo = RepositoryIndex.open(templatesDir(opts, io));
  repo.requireKommune(opts['kommune'] as string | undefined);
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
