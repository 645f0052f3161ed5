/** `--format json`: the contract in schemas/lint-output.schema.json. */
import { messageOf, shownText } from '../../diagnostics.js';
import type { Lang } from '../../i18n/index.js';
import type { FileResult } from '../engine.js';

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: { part?: string; paragraph?: number; excerpt?: string; story?: string; instruction?: string; offset?: number };
  regression?: boolean;
}

export interface JsonNotice {
  code: string;
  message: string;
}

export interface JsonFileResult {
  file: string;
  findings: JsonFinding[];
  /** What was assumed or left out for the file (no catalog, variants assumed...); absent when nothing was. */
  notices?: JsonNotice[];
}

export function toJson(results: readonly FileResult[], lang: Lang): JsonFileResult[] {
  return results.map((r) => ({
    file: r.file,
    findings: r.findings.map((f) => {
      const loc = f.location ?? {};
      const location: JsonFinding['location'] = {};
      if (loc.part !== undefined) location.part = loc.part;
      if (loc.paragraph !== undefined) location.paragraph = loc.paragraph;
      if (loc.excerpt !== undefined) location.excerpt = shownText(loc.excerpt);
      if (loc.story !== undefined) location.story = loc.story;
      // Cut from the start (not around the offset), so that `offset` still counts into it.
      if (loc.instruction !== undefined) location.instruction = shownText(loc.instruction);
      if (loc.offset !== undefined) location.offset = loc.offset;
      const out: JsonFinding = { rule: f.rule, severity: f.severity, message: messageOf(f, lang), location };
      if (f.regression !== undefined) out.regression = f.regression;
      return out;
    }),
    ...(r.notices?.length ? { notices: r.notices.map((n) => ({ code: n.code, message: messageOf(n, lang) })) } : {}),
  }));
}

export function formatJson(results: readonly FileResult[], lang: Lang): string {
  return JSON.stringify(toJson(results, lang), null, 2) + '\n';
}
