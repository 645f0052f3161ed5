/** `--format stylish` (default): for people, grouped by file, with a summary. */
import { messageOf, shownText } from '../../diagnostics.js';
import { formatMessage, type Lang } from '../../i18n/index.js';
import type { FileResult } from '../engine.js';

/** The notices, one line each: `Bemærk: a.docx, b.docx: <what was assumed or left out>`. */
function noticeLines(results: readonly FileResult[], lang: Lang): string[] {
  const files = new Map<string, string[]>();
  for (const r of results) {
    for (const n of r.notices ?? []) {
      const text = messageOf(n, lang);
      const list = files.get(text) ?? [];
      if (!list.includes(r.file)) list.push(r.file);
      files.set(text, list);
    }
  }
  return [...files].map(([text, list]) => formatMessage('lint.stylish-note', { files: list.join(', '), text }, lang));
}

export function formatStylish(results: readonly FileResult[], lang: Lang, color = false): string {
  const w = {
    error: formatMessage('lint.stylish-error', {}, lang),
    warning: formatMessage('lint.stylish-warning', {}, lang),
    info: formatMessage('lint.stylish-info', {}, lang),
    whole: formatMessage('lint.stylish-whole', {}, lang),
    regression: formatMessage('lint.stylish-regression', {}, lang),
  };
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    if (!r.findings.length) continue;
    out.push(paint('4', r.file));
    const rows = r.findings.map((f) => {
      const loc = f.location ?? {};
      const place =
        [
          loc.part ?? '',
          loc.story ? `(${loc.story})` : '',
          loc.paragraph !== undefined ? formatMessage('lint.stylish-paragraph', { paragraph: loc.paragraph }, lang) : '',
        ]
          .filter(Boolean)
          .join(' ') || w.whole;
      const sev = f.severity === 'error' ? paint('31', w.error) : f.severity === 'warning' ? paint('33', w.warning) : paint('36', w.info);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      const extra = f.regression ? ` ${w.regression}` : '';
      const detail = loc.instruction ? `\n      { ${shownText(loc.instruction, loc.offset)} }` : loc.excerpt ? `\n      »${shownText(loc.excerpt)}«` : '';
      return { place, sev, text: `${messageOf(f, lang)}${extra}`, rule: paint('2', f.rule), detail };
    });
    const width = Math.max(...rows.map((x) => x.place.length));
    for (const x of rows) out.push(`  ${x.place.padEnd(width)}  ${x.sev}  ${x.text}  ${x.rule}${x.detail}`);
    out.push('');
  }
  const total = errors + warnings + infos;
  const notes = noticeLines(results, lang).map((line) => paint('36', line));
  if (!total) {
    const counted = formatMessage('lint.stylish-files', { count: results.length }, lang);
    return [...notes, ''].join('\n') + `${formatMessage('lint.stylish-none', { files: counted }, lang)}\n`;
  }
  const files = results.filter((r) => r.findings.length).length;
  const summary = formatMessage('lint.stylish-summary', { total, errors, warnings, infos, files, count: results.length }, lang);
  out.push(...notes, paint(errors ? '31' : '33', summary));
  return out.join('\n') + '\n';
}
