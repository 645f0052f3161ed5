/**
 * Runs the rules over a template (the same compiled template the renderer uses; each rule's
 * handlers in one walk over its model, walk.ts), applies the configuration, and, for an
 * override, compares with its base: a finding the base does not have is a regression, and an
 * accessibility regression is an error whatever the rule's default (the municipality answers
 * for its override's accessibility).
 */
import { registeredDiagnostic } from '../diagnostics.js';
import type { Diagnostic, Location } from '../diagnostics.js';
import { loadTemplate, type Template } from '../template/template.js';
import type { StyleSheet } from '../ooxml/styles/sheet.js';
import { buildLintModel, type LintModel } from './model.js';
import { assumedVariants } from './notices.js';
import { RULES } from './rules/index.js';
import { StyleView } from './styles.js';
import type { Finding, LintConfig, LintSettings, RuleSeverity, RuleVisitor } from './types.js';
import { walk } from './walk.js';

export interface FileResult {
  file: string;
  findings: Finding[];
  /** What was assumed or left out (src/lint/notices.ts); absent when nothing was. */
  notices?: Diagnostic[];
}

/**
 * Lints a loaded template. Settings without variants for processes that have several are
 * checked for every variant of them (the manifest's default; lintDocx says so in a notice).
 */
export function lintTemplate(template: Template, file: string, given: LintSettings, config: LintConfig = {}): Finding[] {
  const assumed = assumedVariants(given);
  const settings = assumed ? { ...given, variants: assumed.variants } : given;
  const model = buildLintModel(template, file);
  const styles = styleViewOf(model);
  // Each rule's findings apart, so that within a place they stay in rule order however the
  // walk interleaves the rules' handlers.
  const found: Finding[][] = [];
  const visitors: RuleVisitor[] = [];
  for (const rule of RULES) {
    const setting = config.rules?.[rule.meta.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    const severity: RuleSeverity = setting;
    const mine: Finding[] = [];
    found.push(mine);
    visitors.push(
      rule.create({
        settings,
        styles,
        model,
        report(message: string, params: Record<string, string | number>, location: Location) {
          const d = registeredDiagnostic(`lint.${rule.meta.id}.${message}`, params, location, severity);
          mine.push({ ...d, rule: rule.meta.id });
        },
      }),
    );
  }
  walk(model, visitors);
  return sortByPlace(dedupe(found.flat()));
}

/** Style views by style sheet and theme colours: templates that share their styles part
 * (ooxml/shared-parts.ts) share the view and what it has worked out (it reads only). */
const views = new WeakMap<StyleSheet, Map<string, StyleView>>();

function styleViewOf(model: LintModel): StyleView {
  if (!model.styles) return new StyleView(undefined, model.theme);
  let byTheme = views.get(model.styles);
  if (!byTheme) views.set(model.styles, (byTheme = new Map()));
  const key = [...model.theme.colors].join(';');
  let view = byTheme.get(key);
  if (!view) byTheme.set(key, (view = new StyleView(model.styles, model.theme)));
  return view;
}

/** Template-wide findings first, then by part (the body before headers and footers), story
 * and paragraph; rule order within a place. */
function sortByPlace(findings: Finding[]): Finding[] {
  const partRank = (part: string | undefined): string => (part === undefined ? '0' : part === 'word/document.xml' ? '1' : `2${part}`);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const la = a.f.location ?? {};
      const lb = b.f.location ?? {};
      return (
        partRank(la.part).localeCompare(partRank(lb.part)) ||
        (la.story ?? '').localeCompare(lb.story ?? '') ||
        (la.paragraph ?? 0) - (lb.paragraph ?? 0) ||
        a.i - b.i
      );
    })
    .map((x) => x.f);
}

/**
 * What a lint run has judged already: the findings of a template (by file name) with one
 * settings object, so that a central template is judged once, however many overrides are
 * compared with it (`kp-brev lint templates`). Use one per run (one configuration).
 */
export class LintMemo {
  private readonly found = new WeakMap<LintSettings, Map<string, Finding[]>>();

  findings(file: string, settings: LintSettings, judge: () => Finding[]): Finding[] {
    let byFile = this.found.get(settings);
    if (!byFile) this.found.set(settings, (byFile = new Map()));
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = judge()));
    return list;
  }
}

/** The bytes of a .docx, or the template already loaded from them (with the file as its name). */
export type LintSource = Uint8Array | (() => Template);

function templateOf(source: LintSource, file: string): Template {
  return source instanceof Uint8Array ? loadTemplate(source, { name: file }) : source();
}

/**
 * Lints a .docx; with a base, marks regressions (see the module comment). The base is judged
 * with its own settings when they are known (a central template of the repository: its
 * manifest's), else with the template's. With a memo, a template judged before with the same
 * settings (the base of many overrides) is not judged again.
 */
export function lintDocx(
  bytes: LintSource,
  file: string,
  settings: LintSettings,
  config: LintConfig = {},
  base?: { bytes: LintSource; file: string; settings?: LintSettings },
  memo?: LintMemo,
): FileResult {
  // A template's own findings are marked against its base, so only a file without a base is
  // remembered (it is the base of others).
  const judge = (): Finding[] => lintTemplate(templateOf(bytes, file), file, settings, config);
  const findings = memo && !base ? memo.findings(file, settings, judge) : judge();
  if (base) {
    const { override: _ignored, ...own } = settings;
    void _ignored;
    const baseSettings = base.settings ?? own;
    const judgeBase = (): Finding[] => lintTemplate(templateOf(base.bytes, base.file), base.file, baseSettings, config);
    const baseFindings = memo && base.settings ? memo.findings(base.file, base.settings, judgeBase) : judgeBase();
    markRegressions(findings, baseFindings);
  }
  const assumed = assumedVariants(settings);
  return assumed ? { file, findings, notices: [assumed.notice] } : { file, findings };
}

/**
 * What makes two findings "the same" across a template and its base: rule, message and
 * parameters. Paragraph numbers shift when a municipality adds text, and the text of a place
 * changes when it rewords it, so neither decides; a `text` parameter (an excerpt of the place,
 * as a11y-contrast reports) counts as place text, not as the problem.
 */
function problemKey(f: Finding): string {
  const { text: _text, ...params } = f.params;
  void _text;
  return JSON.stringify([f.rule, f.code, params]);
}

/** The text of the place: used only to tell apart findings of the same problem. */
function placeKey(f: Finding): string {
  return JSON.stringify([f.location?.excerpt ?? '', f.location?.instruction ?? '', f.params['text'] ?? '']);
}

/**
 * Marks each finding of a template as a regression or not against its base's findings. Within
 * one problem (see problemKey) counts decide: as many of the template's findings as the base has
 * are inherited, the rest are regressions. Which ones are inherited is decided by the place
 * text: findings whose excerpt or instruction the base has too are paired first, then the rest
 * in document order.
 */
export function markRegressions(findings: Finding[], base: Finding[]): void {
  const baseByProblem = new Map<string, Finding[]>();
  for (const b of base) {
    const list = baseByProblem.get(problemKey(b));
    if (list) list.push(b);
    else baseByProblem.set(problemKey(b), [b]);
  }
  const byProblem = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byProblem.get(problemKey(f));
    if (list) list.push(f);
    else byProblem.set(problemKey(f), [f]);
  }
  for (const [key, mine] of byProblem) {
    const left = [...(baseByProblem.get(key) ?? [])];
    const inherited = new Set<Finding>();
    // Same place text first.
    for (const f of mine) {
      const i = left.findIndex((b) => placeKey(b) === placeKey(f));
      if (i < 0) continue;
      inherited.add(f);
      left.splice(i, 1);
    }
    // Then whatever is left of the base, in order.
    for (const f of mine) {
      if (inherited.has(f) || !left.length) continue;
      inherited.add(f);
      left.shift();
    }
    for (const f of mine) f.regression = !inherited.has(f);
  }
  for (const f of findings) {
    const rule = RULES.find((r) => r.meta.id === f.rule);
    if (f.regression && rule?.meta.accessibility) f.severity = 'error';
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.code, f.params, f.location]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function defaultSettings(partial: Partial<LintSettings> = {}): LintSettings {
  return { processes: [], variants: [], env: 'production', texts: new Set(), elements: new Set(), kind: 'file', ...partial };
}
