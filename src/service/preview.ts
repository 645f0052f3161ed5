/**
 * What the training page shows for a template and a case: the letter's pages as SVG (drawn
 * from the PDF layout), what could not be made, the flettespørgsmål with their text and
 * answer, the template's field codes with their values, and the linter's findings. On request
 * the text one flettespørgsmål adds is marked: the letter with that question answered J against
 * the same letter answered N, word by word. Run in a render thread by `preview-task.ts`; web/
 * keeps the page and its client, which only show the result.
 */
import { readFileSync } from 'node:fs';
import type { CaseContext } from '../context/context.js';
import { toContext } from '../context/context.js';
import { KpBrevError, messageOf, problemItem, type Diagnostic, type ProblemItem } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { defaultSettings, lintDocx } from '../lint/engine.js';
import { questionKey } from '../lint/helpers.js';
import { toJson, type JsonFinding } from '../lint/formatters/json.js';
import { letterTargets } from '../lint/targets.js';
import type { LintSettings } from '../lint/types.js';

import { layoutDocx } from '../pdf/index.js';
import type { LaidOutLetter, TextItem } from '../pdf/layout/types.js';
import type { Catalog } from '../template/catalog-types.js';
import { lackOf } from '../repository/preview.js';
import type { TemplateRepository } from '../repository/repository.js';
import { loadTemplate, type Template } from '../template/template.js';
import { codeView } from './codes.js';
import type { CodeParagraph, MissingItem, PreviewQuestion } from './preview-types.js';
import { pageSvg } from '../pdf/svg.js';
import { ELEMENT_PREFIX, HTML_PREFIX, MESSAGE_BODY_NAME, QUESTION_PREFIX } from '../fieldcode/names.js';

/** A field code that composition fills: its value is not shown. */
const COMPOSITION_FIELD = new RegExp(`MERGEFIELD\\s+(${[MESSAGE_BODY_NAME, ELEMENT_PREFIX, HTML_PREFIX].join('|')})`);

export interface PreviewRequest {
  template?: string;
  kommune?: string | undefined;
  /** An uploaded template instead of one from the repository. */
  docx?: Uint8Array;
  name?: string;
  /** The uploaded template is a draft of this beskedskabelon: show it in that letter's masterskabelon, with its settings. */
  draftOf?: string;
  context: unknown;
  /** Mark what this flettespørgsmål adds. */
  highlight?: string;
  process?: string;
  variant?: string;
  /** Draw fields that cannot be filled as yellow placeholders (the training environment only).
   * Otherwise the letter is drawn as it would be made: a letter that would be refused has no
   * pages, only the problems that stop it. */
  placeholders?: boolean;
}

export interface PreviewResult {
  title: string;
  version: string | undefined;
  pages: Array<{ number: number; svg: string }>;
  /** Everything that would stop the letter (shown as yellow placeholders in it): missing fields too. */
  problems: ProblemItem[];
  /** The fields and answers the case lacks, each with its place and its paragraph in the code view. */
  missing: MissingItem[];
  /** What the PDF layout could not draw as Word would. */
  warnings: ProblemItem[];
  questions: PreviewQuestion[];
  codes: CodeParagraph[];
  lint: JsonFinding[];
  highlighted: number;
  /** The marked text (its start), for the page's status line: the marking is not colour alone. */
  added: string;
  /** The case the letter was drawn with: the page's process, variant and answers in it (copied by the page). */
  context: CaseContext;
}

export interface Prepared {
  template: Template;
  /** The template file as the linter and the code view see it (the beskedskabelon, not the composed letter). */
  source: Template;
  sourceName: string;
  lintSettings: LintSettings;
  base: { bytes: Uint8Array; file: string } | undefined;
  sourceBytes: Uint8Array;
  title: string;
  version: string | undefined;
  enabled: string[];
}

/**
 * The environment an uploaded template is linted for. The repository's letters are production
 * templates; a draft made in the training environment uses its keys throughout, and the page is
 * where it is tried before the keys are rewritten (kp-brev remap-keys). So a template whose every
 * known question key is a training key is linted for training; a mix stays production, where
 * question-unknown-key names the keys that do not belong.
 */
function uploadEnv(template: Template, catalog: Catalog | undefined): 'production' | 'training' {
  const envs = new Set<string>();
  for (const key of questionsUsed(template)) {
    const env = catalog?.questions.get(key)?.env;
    if (env) envs.add(env);
  }
  return envs.size === 1 && envs.has('training') ? 'training' : 'production';
}

/** The flettespørgsmål keys a template's fields ask, in document order, each once. */
function questionsUsed(...templates: Template[]): string[] {
  const keys = new Set<string>();
  for (const t of templates) {
    for (const f of t.fieldNodes) {
      const key = questionKey(f);
      if (key) keys.add(key);
    }
  }
  return [...keys];
}

/** The letter to show (composed) and the template file the linter and the code view see. */
export function prepare(repo: TemplateRepository, req: PreviewRequest): Prepared {
  if (req.docx && !req.draftOf) {
    const name = req.name ?? 'skabelon.docx';
    const template = loadTemplate(req.docx, { name });
    return {
      template,
      source: template,
      sourceName: name,
      lintSettings: defaultSettings({
        ...(repo.catalog ? { catalog: repo.catalog } : {}),
        processes: req.process ? [req.process] : [],
        variants: req.variant ? [req.variant] : [],
        env: uploadEnv(template, repo.catalog),
      }),
      base: undefined,
      sourceBytes: req.docx,
      title: name,
      version: undefined,
      enabled: questionsUsed(template),
    };
  }
  const id = req.draftOf ?? req.template!;
  const compiled = req.docx ? repo.compileDraft(id, req.kommune, req.docx, req.name ?? 'skabelon.docx') : repo.compile(id, req.kommune);
  const def = compiled.def;
  const targets = letterTargets(repo, id, repo.catalog, 'production');
  const central = targets[0]!;
  let target = targets.find((t) => t.settings.override?.kommune === req.kommune && req.kommune !== undefined) ?? central;
  if (req.docx && req.kommune && target === central) {
    // A municipality's first override of this letter: linted as an override of the central template.
    const override = { kommune: req.kommune, id, basedOn: def.version, centralVersion: def.version };
    target = { ...central, settings: { ...central.settings, override }, base: { path: central.path, file: central.file, settings: central.settings } };
  }
  const bytes = req.docx ?? readFileSync(target.path);
  const sourceName = req.docx ? (req.name ?? 'skabelon.docx') : target.file;
  const version = `${def.id}@${def.version}${def.message.override ? `+${def.message.override.kommune}@${def.message.override.version}` : ''}`;
  const source = loadTemplate(bytes, { name: sourceName, ...(compiled.template.rules ? { rules: compiled.template.rules } : {}) });
  return {
    template: compiled.template,
    source,
    sourceName,
    lintSettings: req.docx ? { ...target.settings, env: uploadEnv(source, repo.catalog) } : target.settings,
    base: target.base ? { bytes: readFileSync(target.base.path), file: target.base.file } : undefined,
    sourceBytes: bytes,
    title: def.digitalPostTitle ?? def.title,
    version: req.docx ? `${def.id}@${def.version}, udkast${req.kommune ? ` til ${req.kommune}` : ''}` : version,
    enabled: def.questions ?? [],
  };
}

function layOut(
  template: Template,
  context: CaseContext,
  lang: Lang,
  placeholders: boolean,
): { letter: LaidOutLetter | undefined; problems: Diagnostic[]; warnings: Diagnostic[] } {
  let rendered: ReturnType<Template['renderParts']>;
  try {
    rendered = template.renderParts(context, { preview: placeholders, lang });
  } catch (err) {
    if (placeholders || !(err instanceof KpBrevError) || err.kind !== 'refused') throw err;
    return { letter: undefined, problems: err.diagnostics, warnings: [] };
  }
  const warnings: Diagnostic[] = [];
  const letter = layoutDocx({ name: template.name, pkg: template.package, parts: rendered.parts }, warnings);
  return { letter, problems: rendered.diagnostics, warnings };
}

/** The letter's text lines (text items) in reading order, artifacts (header, footer) left out. */
function lines(letter: LaidOutLetter): TextItem[] {
  const out: TextItem[] = [];
  for (const page of letter.pages) for (const it of page.items) if (it.kind === 'text' && typeof it.tag !== 'string' && it.text.trim()) out.push(it);
  return out;
}

/** The largest table common() builds (entries): 4 M, 16 MB. Beyond it, nothing is paired. */
const MAX_TABLE = 4_000_000;

/**
 * Pairs of equal elements of a longest common subsequence of `a` and `b`, in order. Inputs too
 * large for the table (a question inside a huge uploaded paragraph) pair nothing, so that the
 * whole stretch is marked rather than the worker running out of memory.
 */
function common<T>(a: readonly T[], b: readonly T[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_TABLE) return [];
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i * (m + 1) + j] = a[i] === b[j] ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[i * (m + 1) + j + 1]! >= table[(i + 1) * (m + 1) + j]!) j++;
    else i++;
  }
  return pairs;
}

/**
 * Text items of `a` holding text that `b` does not have. Lines are compared first (a whole
 * paragraph a question adds leaves the other lines as they were, wherever they moved to);
 * where lines differ on both sides (words added inside a paragraph re-break its lines), the
 * words of those lines are compared, so that only the lines with added words are marked.
 */
function added(a: LaidOutLetter, b: LaidOutLetter): Set<TextItem> {
  const x = lines(a);
  const y = lines(b);
  const marked = new Set<TextItem>();
  const gap = (xs: TextItem[], ys: TextItem[]): void => {
    if (!xs.length) return;
    if (!ys.length) {
      for (const it of xs) marked.add(it);
      return;
    }
    const words = (items: TextItem[]): Array<{ word: string; item: TextItem }> =>
      items.flatMap((item) =>
        item.text
          .split(/\s+/)
          .filter(Boolean)
          .map((word) => ({ word, item })),
      );
    const xw = words(xs);
    const yw = words(ys);
    const kept = new Set(
      common(
        xw.map((w) => w.word),
        yw.map((w) => w.word),
      ).map(([i]) => i),
    );
    xw.forEach((w, i) => kept.has(i) || marked.add(w.item));
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [
    ...common(
      x.map((it) => it.text),
      y.map((it) => it.text),
    ),
    [x.length, y.length] as [number, number],
  ]) {
    gap(x.slice(i, pi), y.slice(j, pj));
    i = pi + 1;
    j = pj + 1;
  }
  return marked;
}

/**
 * The case context the page draws with: the pasted or sample context, with the process and
 * variant chosen on the page in place of the case's own. A case names its variant twice, as
 * `variant` and as the merge field `Sag.Variant` that the letters test; choosing a variant on the
 * page changes both, so the letter shows the variant the trainer picked.
 */
export function previewContext(req: PreviewRequest): CaseContext {
  const context = toContext(req.context, 'context');
  if (req.process) context.process = req.process;
  if (req.variant) {
    context.variant = req.variant;
    const fields = context.fields;
    const sag = fields['Sag'];
    if ('Sag.Variant' in fields) fields['Sag.Variant'] = req.variant;
    else if (sag && typeof sag === 'object' && !Array.isArray(sag) && 'Variant' in sag) {
      fields['Sag'] = { ...(sag as Record<string, unknown>), Variant: req.variant };
    }
  }
  return context;
}

/**
 * Every flettespørgsmål the letter asks (enabled, or used by any of its parts) with the answer
 * the letter is drawn with: the case's, else the catalog's default, else N.
 */
export function previewQuestions(repo: TemplateRepository, p: Prepared, context: CaseContext): PreviewQuestion[] {
  const catalogQuestions = repo.catalog?.questions;
  const keys = [...new Set([...p.enabled, ...questionsUsed(p.source, p.template)])];
  return keys.map((key) => ({
    key,
    text: catalogQuestions?.get(key)?.text,
    answer: context.questions[key] ?? catalogQuestions?.get(key)?.default ?? 'N',
    enabled: p.enabled.includes(key),
  }));
}

/**
 * The context with every question answered as its switch shows it, so that the letter drawn,
 * the switches and the download agree also for an uploaded template without the catalog's
 * defaults.
 */
export function answered(context: CaseContext, questions: readonly PreviewQuestion[]): CaseContext {
  return { ...context, questions: { ...Object.fromEntries(questions.map((q) => [q.key, q.answer])), ...context.questions } };
}

/**
 * The fields and answers a letter lacks, from its problems, each with the code-view paragraph
 * that holds it: the paragraph the problem names when its code is there (the problem is in the
 * template the view shows), else the first paragraph whose codes use that merge field.
 */
export function missingItems(problems: readonly Diagnostic[], codes: readonly CodeParagraph[], lang: Lang): MissingItem[] {
  const out: MissingItem[] = [];
  for (const d of problems) {
    const lack = lackOf(d);
    if (!lack) continue;
    const { kind, name } = lack;
    const loc = d.location ?? {};
    const item: MissingItem = { kind, name, message: messageOf(d, lang) };
    if (loc.template !== undefined) item.template = loc.template;
    if (loc.part !== undefined) item.part = loc.part;
    if (loc.story !== undefined) item.story = loc.story;
    if (loc.paragraph !== undefined) item.paragraph = loc.paragraph;
    if (loc.instruction !== undefined) item.instruction = loc.instruction;
    const mention = new RegExp(`MERGEFIELD\\s+"?${kind === 'question' ? QUESTION_PREFIX : ''}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(\\s|\\}|$)`);
    const uses = (c: CodeParagraph): boolean => c.spans.some((s) => s.kind === 'field' && mention.test(s.text));
    const code =
      codes.find((c) => c.part === loc.part && (c.story ?? '') === (loc.story ?? '') && c.paragraph === loc.paragraph && uses(c)) ?? codes.find(uses);
    if (code) item.code = { part: code.part, story: code.story, paragraph: code.paragraph };
    out.push(item);
  }
  return out;
}

export function preview(repo: TemplateRepository, req: PreviewRequest, lang: Lang): PreviewResult {
  const p = prepare(repo, req);
  let context = previewContext(req);
  const questions = previewQuestions(repo, p, context);
  context = answered(context, questions);

  let shown: ReturnType<typeof layOut>;
  let marked = new Set<TextItem>();
  if (req.highlight) {
    // The letter with the question answered J, marked where it differs from the letter with N.
    // (The page answers J to a question whose added text it is asked to show.)
    const yes = { ...context, questions: { ...context.questions, [req.highlight]: 'J' as const } };
    const no = { ...context, questions: { ...context.questions, [req.highlight]: 'N' as const } };
    shown = layOut(p.template, yes, lang, req.placeholders === true);
    // The letter it is compared with is never shown: placeholders there change no marking.
    if (shown.letter) marked = added(shown.letter, layOut(p.template, no, lang, true).letter!);
  } else shown = layOut(p.template, context, lang, req.placeholders === true);
  let lint: JsonFinding[] = [];
  try {
    lint = toJson([lintDocx(p.sourceBytes, p.sourceName, p.lintSettings, {}, p.base)], lang)[0]!.findings;
  } catch (err) {
    if (!(err instanceof KpBrevError)) throw err;
  }
  const codes = codeView(p.source, context, lang, req.placeholders === true).map((para) => ({
    ...para,
    spans: para.spans.map((s) =>
      s.kind !== 'field' ? s : COMPOSITION_FIELD.test(s.text) ? { ...s, value: undefined } : { ...s, value: s.value?.replace(/\r/g, '¶') },
    ),
  }));
  return {
    title: p.title,
    version: p.version,
    pages: (shown.letter?.pages ?? []).map((page) => ({ number: page.number, svg: pageSvg(page, { highlight: marked }) })),
    problems: shown.problems.map((d) => problemItem(d, lang)),
    missing: missingItems(shown.problems, codes, lang),
    warnings: shown.warnings.map((d) => problemItem(d, lang)),
    questions,
    codes,
    lint,
    highlighted: marked.size,
    added: [...marked]
      .map((it) => it.text.trim())
      .join(' ')
      .slice(0, 400),
    context,
  };
}
