/**
 * Where a field's problems go: a diagnostic at the field's location and, in preview, a
 * highlighted placeholder in place of its result (strict: nothing; the caller refuses the letter).
 */
import { diagnostic, type Location } from '../diagnostics.js';
import type { MessageId } from '../i18n/index.js';
import { displayInstruction, type FieldNode } from '../ooxml/fields.js';
import { paragraphText } from '../ooxml/paragraphs.js';
import type { EvalEnv } from './eval-env.js';
import type { FieldResult } from './outs.js';
import { fieldResultRPr, withHighlight } from './run-props.js';

export function locationOf(f: FieldNode, template: string): Location {
  const loc: Location = {
    template,
    part: f.story.part,
    paragraph: f.para,
    instruction: displayInstruction(f),
  };
  if (f.story.label) loc.story = f.story.label;
  const excerpt = paragraphText(f.story, f.para);
  if (excerpt) loc.excerpt = excerpt;
  return loc;
}

export function report(env: EvalEnv, f: FieldNode, code: MessageId, params: Record<string, string | number>): void {
  const loc = locationOf(f, env.template);
  env.diagnostics.push(diagnostic(code, params, env.locate ? env.locate(loc) : loc));
}

export function placeholder(f: FieldNode, env: EvalEnv, label: string): FieldResult {
  if (!env.preview) return { outs: [], text: '', empty: true };
  const ins = f.parsed.instruction;
  const rPr = ins.type === 'MERGEFIELD' ? fieldResultRPr(f, ins.switches) : fieldResultRPr(f, []);
  return { outs: [{ o: 'text', text: `«${label}»`, rPr: withHighlight(rPr) }], text: '', empty: false };
}
