/** `kp-brev render <template.docx> --context <case.json> --out <letter.docx>` */
import { basename } from 'node:path';
import { parseContextBytes } from '../context/context.js';
import { formatDiagnostic, inputError, KpBrevError } from '../diagnostics.js';
import { openRepository } from './repo.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { loadTemplate } from '../template/template.js';
import { readInput, writeOutput } from './files.js';
import type { Io } from './main.js';

export async function renderCommand(templatePath: string | undefined, opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const id = opts['template'] as string | undefined;
  if ((templatePath === undefined) === (id === undefined)) throw inputError('cli.template-or-file');
  const contextPath = String(opts['context']);
  const context = parseContextBytes(readInput(contextPath, io.cwd), contextPath);
  const template =
    id !== undefined
      ? openRepository(opts, io).compile(id, opts['kommune'] as string | undefined).template
      : loadTemplate(readInput(templatePath!, io.cwd), { name: basename(templatePath!) });
  const preview = opts['preview'] === true;
  let result;
  try {
    result = template.render(context, { preview, removeEmptyParagraphs: opts['removeEmptyParagraphs'] === true, lang });
  } catch (err) {
    if (!(err instanceof KpBrevError) || err.kind !== 'refused') throw err;
    io.stderr(formatMessage('render.refused', { template: template.name, count: err.diagnostics.length }, lang) + '\n');
    io.stderr(err.diagnostics.map((d) => formatDiagnostic(d, lang)).join('\n') + '\n');
    return 1;
  }
  const out = String(opts['out']);
  writeOutput(out, result.docx, io.cwd);
  for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, lang) + '\n');
  io.stdout(
    (preview
      ? formatMessage('cli.rendered-preview', { file: out, missing: result.stats.missing }, lang)
      : formatMessage('cli.rendered', { file: out, fields: result.stats.merged }, lang)) + '\n',
  );
  return 0;
}
