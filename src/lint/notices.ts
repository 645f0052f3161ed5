/**
 * Notices: what the linter assumed or left out for a file, said next to its findings so that a
 * clean result is not mistaken for a full one (no catalog, so no catalog checks; no variants
 * named, so every variant of the processes assumed; a manifest that is not a template
 * repository's, passed by). A notice is a diagnostic of severity info with a code of its own;
 * it never changes the exit code.
 */
import { registeredDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { LintSettings } from './types.js';

export type NoticeCode = 'variants-assumed' | 'catalog-skipped' | 'catalog-found' | 'manifest-ignored';

export function notice(code: NoticeCode, params: Record<string, string | number> = {}): Diagnostic {
  return registeredDiagnostic(`lint.notice.${code}`, params, undefined, 'info');
}

/**
 * The variants a template is checked for: those named (manifest or --variant), else, as the
 * manifest's default, every variant of its processes. Undefined when nothing was assumed.
 */
export function assumedVariants(settings: LintSettings): { variants: string[]; notice: Diagnostic } | undefined {
  const { catalog, processes, variants } = settings;
  if (!catalog || variants.length || !processes.length) return undefined;
  const withVariants = processes.filter((id) => (catalog.processes.get(id)?.variants.length ?? 0) > 0);
  const all = [...new Set(withVariants.flatMap((id) => catalog.processes.get(id)!.variants.map((v) => v.id)))];
  if (all.length < 2) return undefined;
  return { variants: all, notice: notice('variants-assumed', { processes: withVariants.join(', '), variants: all.join(', ') }) };
}
