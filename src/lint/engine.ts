/**
 * Runs the rules over a template (the same compiled template the renderer uses), applies the
 * configuration, and, for an override, compares with its base: a finding the base does not
 * have is a regression, and an accessibility regression is an error whatever the rule's
 * default (the municipality answers for its override's accessibility).
 */
import { registeredDiagnostic } from '../diagnostics.js';
import type { Location } from '../diagnostics.js';
import { loadTemplate, type Template } from '../template/template.js';
import { buildLintModel } from './model.js';
import { RULES } from './rules/index.js';
import { StyleView } from './styles.js';
import type { Finding, LintConfig, LintSettings, RuleSeverity } from './types.js';

export interface FileResult {
  file: string;
  findings: Finding[];
}

export function lintTemplate(template: Template, file: string, settings: LintSettings, config: LintConfig = {}): Finding[] {
  const model = buildLintModel(template, file);
  const styles = new StyleView(model.styles, model.theme);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.rules?.[rule.meta.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    const severity: RuleSeverity = setting;
    rule.check(model, {
      settings,
      styles,
      model,
      report(message: string, params: Record<string, string | number>, location: Location) {
        const d = registeredDiagnostic(`lint.${rule.meta.id}.${message}`, params, location, severity);
        findings.push({ ...d, rule: rule.meta.id });
      },
    });
  }
  return sortByPlace(dedupe(findings));
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

/** Lints a .docx; with a base, marks regressions (see the module comment). */
export function lintDocx(
  bytes: Uint8Array,
  file: string,
  settings: LintSettings,
  config: LintConfig = {},
  base?: { bytes: Uint8Array; file: string },
): FileResult {
  const findings = lintTemplate(loadTemplate(bytes, { name: file }), file, settings, config);
  if (base) {
    const { override: _ignored, ...baseSettings } = settings;
    void _ignored;
    const baseFindings = lintTemplate(loadTemplate(base.bytes, { name: base.file }), base.file, baseSettings, config);
    markRegressions(findings, baseFindings);
  }
  return { file, findings };
}

/** What makes two findings "the same" across a template and its base: rule, message, parameters
 * and the text of the place (paragraph numbers shift when text is added). */
function sameness(f: Finding): string {
  return JSON.stringify([f.rule, f.code, f.params, f.location?.excerpt ?? '', f.location?.instruction ?? '']);
}

export function markRegressions(findings: Finding[], base: Finding[]): void {
  const known = new Map<string, number>();
  for (const b of base) known.set(sameness(b), (known.get(sameness(b)) ?? 0) + 1);
  for (const f of findings) {
    const key = sameness(f);
    const left = known.get(key) ?? 0;
    f.regression = left === 0;
    if (left > 0) known.set(key, left - 1);
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
