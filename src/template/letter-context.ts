/**
 * The letter's rules from the catalog and template settings: the case's process and variant
 * checked against the template, and the default answer of a question the case leaves open.
 */
import { diagnostic } from '../diagnostics.js';
import type { EvalEnv } from './eval-env.js';

/** Checks the case's process and variant against the template, once per letter. */
export function checkLetterContext(env: EvalEnv): void {
  const rules = env.rules;
  if (!rules?.processes?.length) return;
  const where = { template: env.template };
  const process = env.ctx.process;
  if (!process) {
    env.diagnostics.push(diagnostic('render.no-process', { processes: rules.processes.join(', ') }, where));
  } else if (!rules.processes.includes(process)) {
    env.diagnostics.push(diagnostic('render.process', { process, processes: rules.processes.join(', ') }, where));
  }
  const variant = env.ctx.variant;
  if (variant && rules.variants?.length && !rules.variants.includes(variant)) {
    env.diagnostics.push(diagnostic('render.variant', { variant, variants: rules.variants.join(', ') }, where));
  }
}

/** The answer of an unanswered question: its catalog default, or N without a catalog entry. */
export function questionDefault(env: EvalEnv, key: string): 'J' | 'N' | undefined {
  const q = env.rules?.catalog?.questions.get(key);
  if (q) return q.default;
  return 'N';
}
