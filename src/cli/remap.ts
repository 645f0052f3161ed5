/** `kp-brev remap-keys <template.docx> --map <map.json> --out <file>` */
import { basename, extname } from 'node:path';
import { inputError } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { loadTemplate } from '../template/template.js';
import { remapQuestionKeys } from '../template/remap.js';
import { readInput, writeOutput } from './files.js';
import type { Io } from './io.js';

export async function remapCommand(templatePath: string, opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  // It writes a template, never a letter: a .docx under its own name.
  if (extname(String(opts['out'])).toLowerCase() !== '.docx') throw inputError('remap.out-extension', { file: String(opts['out']) });
  const mapFile = String(opts['map']);
  let map: unknown;
  try {
    map = JSON.parse(Buffer.from(readInput(mapFile, io.cwd)).toString('utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw inputError('remap.bad-map', { file: mapFile });
    throw err;
  }
  if (!map || typeof map !== 'object' || Array.isArray(map) || Object.values(map).some((v) => typeof v !== 'string')) {
    throw inputError('remap.bad-map', { file: mapFile });
  }
  const template = loadTemplate(readInput(templatePath, io.cwd), { name: basename(templatePath) });
  const result = remapQuestionKeys(template, map as Record<string, string>);
  const out = String(opts['out']);
  writeOutput(out, result.docx, io.cwd);
  const count = [...result.changed.values()].reduce((a, b) => a + b, 0);
  io.stdout(formatMessage('remap.done', { count, file: out }, lang) + '\n');
  return 0;
}
