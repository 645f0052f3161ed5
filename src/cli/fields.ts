/** `kp-brev fields <template.docx> [--format text|json]`: Word's Alt+F9 view of a template. */
import { basename } from 'node:path';
import { messageOf, placeOf } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { loadTemplate } from '../template/template.js';
import { readInput } from './files.js';
import type { Io } from './main.js';

export async function fieldsCommand(templatePath: string, opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const name = basename(templatePath);
  const template = loadTemplate(readInput(templatePath, io.cwd), { name });
  const fields = template.fields();
  const errors = fields.filter((f) => f.problems.some((p) => p.severity === 'error')).length;
  if (opts['format'] === 'json') {
    const json = fields.map((f) => ({
      ...f,
      problems: f.problems.map((p) => ({
        code: p.code,
        severity: p.severity,
        message: messageOf(p, lang),
        offset: p.location?.offset,
      })),
    }));
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    const para = lang === 'en' ? 'paragraph' : 'afsnit';
    for (const f of fields) {
      const where = `${f.part}${f.story ? ` (${f.story})` : ''} ${para} ${f.paragraph}`;
      const indent = '  '.repeat(f.depth);
      const within = f.within === 'result' ? (lang === 'en' ? ' [in cached result]' : ' [i gemt resultat]') : '';
      io.stdout(`${where.padEnd(34)} ${indent}{ ${f.instruction} }${within}\n`);
      if (f.cachedResult !== undefined && f.depth === 0) {
        io.stdout(`${''.padEnd(34)} ${indent}  = ${JSON.stringify(f.cachedResult.length > 60 ? f.cachedResult.slice(0, 59) + '…' : f.cachedResult)}\n`);
      }
      for (const p of f.problems) {
        const at = p.location?.offset !== undefined ? ` (${placeOf({ instruction: '', offset: p.location.offset }, lang)})` : '';
        io.stdout(`${''.padEnd(34)} ${indent}  ${p.severity === 'error' ? (lang === 'en' ? 'error' : 'fejl') : lang === 'en' ? 'warning' : 'advarsel'}: ${messageOf(p, lang)}${at}\n`);
      }
    }
    io.stdout(formatMessage('cli.fields-summary', { count: fields.length, file: name, errors }, lang) + '\n');
  }
  return errors > 0 ? 1 : 0;
}
