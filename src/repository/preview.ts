/**
 * Previews for trainers: a letter rendered for every sample case of it and every combination
 * of its enabled flettespørgsmål (a covering subset when there are many), with an index.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContextText, type CaseContext } from '../context/context.js';
import { formatDiagnostic, inputError, KpBrevError, placeOf, type Diagnostic } from '../diagnostics.js';
import { escapeXml } from '../ooxml/xml.js';
import { formatMessage, type Lang, type MessageId } from '../i18n/index.js';
import type { Template } from '../template/template.js';
import type { TemplateRepository } from './repository.js';

export interface SampleCase {
  name: string;
  context: CaseContext;
}

/** Sample cases of a letter: `<samples>/<id>/*.json`. */
export function sampleCases(samplesDir: string, id: string): SampleCase[] {
  const dir = join(samplesDir, id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), context: parseContextText(readFileSync(join(dir, f), 'utf8'), join(dir, f)) }));
}

export type Answers = Record<string, 'J' | 'N'>;

/** Every combination for up to `max` questions; beyond that all N, all J, each question alone
 * J, and each alone N: every answer of every question is seen, and each in company. */
export function questionCombinations(keys: readonly string[], max = 5): Answers[] {
  const all = (a: 'J' | 'N'): Answers => Object.fromEntries(keys.map((k) => [k, a]));
  if (keys.length === 0) return [{}];
  if (keys.length <= max) {
    return Array.from({ length: 2 ** keys.length }, (_, n) => Object.fromEntries(keys.map((k, i) => [k, n & (1 << (keys.length - 1 - i)) ? 'J' : 'N'])));
  }
  return [all('N'), all('J'), ...keys.map((k) => ({ ...all('N'), [k]: 'J' as const })), ...keys.map((k) => ({ ...all('J'), [k]: 'N' as const }))];
}

/**
 * What a letter lacks that its case should give: a merge field without a value, or a
 * flettespørgsmål without an answer (or default). Undefined for any other problem.
 */
export function lackOf(d: Diagnostic): { kind: 'field' | 'question'; name: string } | undefined {
  if (d.code === 'render.missing-field') return { kind: 'field', name: String(d.params['field']) };
  if (d.code === 'render.unanswered') return { kind: 'question', name: String(d.params['key']) };
  return undefined;
}

/** A field or answer a previewed letter lacks, and where: the part of the letter, the .docx part, the paragraph. */
export interface PreviewLack {
  kind: 'field' | 'question';
  name: string;
  place: string;
}

export interface PreviewEntry {
  file: string;
  case: string;
  answers: Answers;
  /** What the letter lacks (shown as yellow placeholders in it). */
  missing: PreviewLack[];
  warnings: string[];
  error?: string;
}

export interface PreviewResult {
  entries: PreviewEntry[];
  cases: number;
  combinations: number;
  /** The fields and questions some letter lacks, each once, in the order met. */
  missing: string[];
}

export interface PreviewWriter {
  write(path: string, data: Uint8Array | string): void;
}

/** Makes one previewed letter (placeholders for what is missing): its bytes and its problems. */
export type PreviewMaker = (template: Template, context: CaseContext, title: string) => Promise<{ bytes: Uint8Array; diagnostics: Diagnostic[] }>;

/** The .docx maker; the CLI gives a PDF maker for `--format pdf` (the layout lies above this module). */
export const docxMaker =
  (lang: Lang): PreviewMaker =>
  async (template, context) => {
    const r = template.render(context, { preview: true, lang });
    return { bytes: r.docx, diagnostics: r.diagnostics };
  };

export async function previewLetter(
  repo: TemplateRepository,
  id: string,
  options: { kommune?: string; samplesDir: string; outDir: string; lang: Lang; format?: 'docx' | 'pdf'; make?: PreviewMaker },
  out: PreviewWriter,
): Promise<PreviewResult> {
  const compiled = repo.compile(id, options.kommune);
  const cases = sampleCases(options.samplesDir, id);
  if (!cases.length) throw inputError('cli.no-samples', { id, dir: options.samplesDir });
  const keys = compiled.def.questions ?? [];
  const combos = questionCombinations(keys);
  const make = options.make ?? docxMaker(options.lang);
  const title = compiled.def.digitalPostTitle ?? compiled.def.title;
  mkdirSync(options.outDir, { recursive: true });
  const entries: PreviewEntry[] = [];
  const missing = new Set<string>();
  const width = String(combos.length).length;
  for (const c of cases) {
    for (const [n, answers] of combos.entries()) {
      const file = `${c.name}__${String(n + 1).padStart(width, '0')}.${options.format ?? 'docx'}`;
      const context: CaseContext = { ...c.context, questions: { ...c.context.questions, ...answers } };
      const entry: PreviewEntry = { file, case: c.name, answers, missing: [], warnings: [] };
      try {
        const r = await make(compiled.template, context, title);
        out.write(join(options.outDir, file), r.bytes);
        for (const d of r.diagnostics) {
          const lack = lackOf(d);
          if (!lack) entry.warnings.push(formatDiagnostic(d, options.lang));
          else {
            entry.missing.push({ ...lack, place: placeOf(d.location, options.lang) });
            missing.add(lack.name);
          }
        }
      } catch (err) {
        if (!(err instanceof KpBrevError)) throw err;
        entry.error = err.describe(options.lang);
      }
      entries.push(entry);
    }
  }
  const questionTexts = new Map(keys.map((k) => [k, repo.catalog?.questions.get(k)?.text ?? k]));
  const html = indexHtml(compiled.def.title, id, options.kommune, keys, questionTexts, entries, options.lang);
  out.write(join(options.outDir, 'index.html'), html);
  out.write(
    join(options.outDir, 'index.json'),
    JSON.stringify({ template: id, kommune: options.kommune ?? null, questions: keys, letters: entries }, null, 2) + '\n',
  );
  return { entries, cases: cases.length, combinations: combos.length, missing: [...missing] };
}

/** Above the table: how many letters lack something, and what, so that it is not found only in a letter. */
function summaryHtml(entries: PreviewEntry[], lang: Lang): string {
  const lacking = entries.filter((e) => e.missing.length);
  const names = [...new Set(lacking.flatMap((e) => e.missing.map((m) => m.name)))];
  if (!lacking.length) return `<p>${formatMessage('cli.preview-complete', {}, lang)}</p>`;
  const list = names.map((n) => `<strong>${escapeXml(n)}</strong>`).join(', ');
  return `<p class="error">${formatMessage('preview.some-lacking', { lacking: lacking.length, total: entries.length, list }, lang)}</p>`;
}

function indexHtml(
  title: string,
  id: string,
  kommune: string | undefined,
  keys: readonly string[],
  texts: Map<string, string>,
  entries: PreviewEntry[],
  lang: Lang,
): string {
  const say = (id: MessageId): string => formatMessage(id, {}, lang);
  const head = keys.map((k) => `<th scope="col" title="${escapeXml(k)}">${escapeXml(texts.get(k) ?? k)}</th>`).join('');
  const lacks = (e: PreviewEntry): string =>
    e.missing.length
      ? `<ul class="missing">${e.missing.map((m) => `<li><strong>${escapeXml(m.name)}</strong> (${escapeXml(m.place)})</li>`).join('')}</ul>`
      : '';
  const rows = entries
    .map((e) => {
      const cells = keys.map((k) => `<td>${e.answers[k] ?? ''}</td>`).join('');
      const status = e.error ? `<td class="error">${escapeXml(e.error)}</td>` : `<td>${e.warnings.length ? escapeXml(e.warnings.join(' ')) : ''}</td>`;
      const missing = `<td${e.missing.length ? ' class="error"' : ''}>${lacks(e)}</td>`;
      const link = e.error ? escapeXml(e.file) : `<a href="${encodeURI(e.file)}">${escapeXml(e.file)}</a>`;
      return `<tr><th scope="row">${escapeXml(e.case)}</th><td>${link}</td>${cells}${missing}${status}</tr>`;
    })
    .join('\n');
  const heading = `${escapeXml(title)} (${escapeXml(id)}${kommune ? `, ${say('preview.kommune')} ${escapeXml(kommune)}` : ''})`;
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${heading}</title>
<style>body{font-family:Arial,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#dbe5f1}.error{color:#9c0006}</style></head>
<body>
<h1>${heading}</h1>
<p>${say('preview.intro')}</p>
${summaryHtml(entries, lang)}
<table>
<thead><tr><th scope="col">${say('preview.case')}</th><th scope="col">${say('preview.letter')}</th>${head}<th scope="col">${say('preview.missing')}</th><th scope="col">${say('preview.notes')}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
