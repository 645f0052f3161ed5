/** `kp-brev render <template.docx> --context <case.json> --out <letter.docx|letter.pdf>` */
import { basename, extname, resolve } from 'node:path';
import { parseContextBytes } from '../context/context.js';
import { formatDiagnostic, inputError, KpBrevError } from '../diagnostics.js';
import { openRepository } from './repo.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { renderTemplatePdf, type PdfaLevel } from '../pdf/index.js';
import { convertWithLibreOffice } from '../pdf/libreoffice.js';
import { combineForPrint, pageCount, type Attachment } from '../pdf/writer/attachments.js';
import { loadTemplate, type Template } from '../template/template.js';
import { readInput, writeOutput } from './files.js';
import type { Io } from './io.js';

/**
 * The letter's format: --format, else the extension of --out. A name whose extension is neither
 * .docx nor .pdf (o.txt) is refused rather than given a .docx under a wrong name; with --format
 * the extension must agree or be absent.
 */
export function letterFormat(out: string, format: 'docx' | 'pdf' | undefined): 'docx' | 'pdf' {
  const ext = extname(out).toLowerCase();
  if (format) {
    if (ext && ext !== `.${format}`) throw inputError('cli.out-format-mismatch', { format, file: out, ext });
    return format;
  }
  if (ext === '.pdf' || ext === '.docx') return ext.slice(1) as 'docx' | 'pdf';
  throw inputError('cli.out-extension', { file: out });
}

export async function renderCommand(templatePath: string | undefined, opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const id = opts['template'] as string | undefined;
  if ((templatePath === undefined) === (id === undefined)) throw inputError('cli.template-or-file');
  const out = String(opts['out']);
  const format = letterFormat(out, opts['format'] as 'docx' | 'pdf' | undefined);
  const contextPath = String(opts['context']);
  const context = parseContextBytes(readInput(contextPath, io.cwd), contextPath);
  let template: Template;
  let title: string | undefined;
  const attachments: Attachment[] = [];
  if (id !== undefined) {
    const repo = openRepository(opts, io);
    const compiled = repo.compile(id, opts['kommune'] as string | undefined);
    template = compiled.template;
    title = compiled.def.digitalPostTitle ?? compiled.def.title;
    if (opts['print'] === true) {
      for (const a of compiled.def.attachments ?? []) if (a.file) attachments.push({ name: a.title, bytes: readInput(resolve(repo.dir, a.file), io.cwd) });
    }
  } else template = loadTemplate(readInput(templatePath!, io.cwd), { name: basename(templatePath!) });
  for (const file of (opts['attachment'] as string[] | undefined) ?? []) attachments.push({ name: basename(file), bytes: readInput(file, io.cwd) });
  if (format !== 'pdf' && attachments.length) throw inputError('cli.attachments-need-pdf');
  const preview = opts['preview'] === true;
  const renderOptions = { preview, removeEmptyParagraphs: opts['removeEmptyParagraphs'] === true, lang };
  try {
    if (format === 'pdf') {
      let pdf: Uint8Array;
      let pages: number;
      let merged: number;
      if (opts['pdfEngine'] === 'libreoffice') {
        const r = template.render(context, renderOptions);
        for (const d of r.diagnostics) io.stderr(formatDiagnostic(d, lang) + '\n');
        pdf = convertWithLibreOffice([r.docx])[0]!;
        // The pages of the PDF LibreOffice made, not of kp-brev's own layout of the letter.
        pages = await pageCount(pdf);
        merged = r.stats.merged;
      } else {
        const r = await renderTemplatePdf(template, context, {
          ...renderOptions,
          ...(title ? { title } : {}),
          strict: opts['strict'] === true,
          pdfa: (opts['pdfa'] as PdfaLevel | undefined) ?? '2a',
        });
        for (const d of [...r.diagnostics, ...r.warnings]) io.stderr(formatDiagnostic(d, lang) + '\n');
        pdf = r.pdf;
        pages = r.pages;
        merged = r.stats.merged;
      }
      if (attachments.length) ({ pdf, pages } = await combineForPrint(pdf, attachments));
      writeOutput(out, pdf, io.cwd);
      const pagesText = formatMessage('cli.pages', { pages }, lang);
      io.stdout(formatMessage('cli.rendered-pdf', { file: out, pages: pagesText, fields: merged }, lang) + '\n');
      return 0;
    }
    const result = template.render(context, renderOptions);
    writeOutput(out, result.docx, io.cwd);
    for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, lang) + '\n');
    io.stdout(
      (preview
        ? formatMessage('cli.rendered-preview', { file: out, missing: result.stats.missing }, lang)
        : formatMessage('cli.rendered', { file: out, fields: result.stats.merged }, lang)) + '\n',
    );
    return 0;
  } catch (err) {
    if (!(err instanceof KpBrevError) || err.kind !== 'refused') throw err;
    io.stderr(formatMessage('render.refused', { template: template.name, count: err.diagnostics.length }, lang) + '\n');
    io.stderr(err.diagnostics.map((d) => formatDiagnostic(d, lang)).join('\n') + '\n');
    return 1;
  }
}
