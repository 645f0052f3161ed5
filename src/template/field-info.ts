/**
 * A template's fields as `kp-brev fields` lists them (Word's Alt+F9 view): part, story,
 * paragraph, nesting, type, instruction, cached result and problems; with a case, what each
 * gave (template.evaluateFields).
 */
import type { Diagnostic } from '../diagnostics.js';
import { fieldTypeOf } from '../fieldcode/index.js';
import { cachedResult, depthOf, displayInstruction, type FieldNode } from '../ooxml/fields.js';
import type { FieldOutcome } from './eval-env.js';

/** One field as `kp-brev fields` lists it (Word's Alt+F9 view). */
export interface FieldInfo {
  part: string;
  story?: string;
  paragraph: number;
  depth: number;
  kind: 'complex' | 'simple';
  type: string;
  instruction: string;
  /** Where the field sits in its parent: the instruction or the cached result. */
  within?: 'instruction' | 'result';
  cachedResult?: string;
  problems: Diagnostic[];
}

/** A field with what it gave for a case (template.evaluateFields). */
export interface EvaluatedField extends FieldInfo {
  /** The result's text; undefined for live fields and fields not reached. */
  value: string | undefined;
  outcome: FieldOutcome | 'unreached';
  /** Problems found while evaluating it (in preview: those that would refuse the letter). */
  reasons: readonly Diagnostic[];
}

/** The listing of one field, with the problems compiling found in it. */
export function fieldInfo(f: FieldNode, problems: Diagnostic[]): FieldInfo {
  const info: FieldInfo = {
    part: f.story.part,
    paragraph: f.para,
    depth: depthOf(f),
    kind: f.kind,
    type: fieldTypeOf(f.parsed.instruction) || '(tom)',
    instruction: displayInstruction(f),
    problems,
  };
  if (f.story.label) info.story = f.story.label;
  if (f.parent) info.within = f.inInstruction ? 'instruction' : 'result';
  const cached = cachedResult(f);
  if (cached !== undefined) info.cachedResult = cached;
  return info;
}
