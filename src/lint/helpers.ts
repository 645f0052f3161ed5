/** Small helpers the rules share: places, merge-field names, conditions. */
import type { Location } from '../diagnostics.js';
import { argumentText, type Argument, type IfInstruction } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { paragraphText } from '../ooxml/paragraphs.js';
import type { Story } from '../ooxml/tokens.js';
import { locationOf } from '../template/report.js';
import type { LintModel, ParagraphModel } from './model.js';
import { questionKeyOf } from '../fieldcode/names.js';

export function fieldPlace(model: LintModel, f: FieldNode): Location {
  return locationOf(f, model.file);
}

export function paragraphPlace(model: LintModel, story: Story, index: number): Location {
  const loc: Location = { template: model.file, part: story.part, paragraph: index };
  if (story.label) loc.story = story.label;
  const excerpt = paragraphText(story, index);
  if (excerpt) loc.excerpt = excerpt;
  return loc;
}

export function placeOfParagraph(model: LintModel, p: ParagraphModel): Location {
  return paragraphPlace(model, p.story, p.index);
}

/** The name of a MERGEFIELD, or undefined for other fields. */
export function mergeFieldName(f: FieldNode): string | undefined {
  const ins = f.parsed.instruction;
  if (ins.type !== 'MERGEFIELD' || !ins.name) return undefined;
  return argumentText(ins.name).trim();
}

export function questionKey(f: FieldNode): string | undefined {
  const name = mergeFieldName(f);
  return name === undefined ? undefined : questionKeyOf(name);
}

/** The nested fields an argument refers to. */
export function argumentFields(f: FieldNode, arg: Argument | undefined): FieldNode[] {
  if (!arg) return [];
  return arg.parts.flatMap((p) => (p.type === 'field' && f.children[p.index] ? [f.children[p.index]!] : []));
}

/** When f is an IF whose condition holds flettespørgsmål: each question field, its key and side. */
export function questionConditions(f: FieldNode): Array<{ ins: IfInstruction; question: FieldNode; key: string; side: 'left' | 'right' }> {
  const ins = f.parsed.instruction;
  if (ins.type !== 'IF') return [];
  const out: Array<{ ins: IfInstruction; question: FieldNode; key: string; side: 'left' | 'right' }> = [];
  for (const side of ['left', 'right'] as const) {
    for (const q of argumentFields(f, ins[side])) {
      const key = questionKey(q);
      if (key !== undefined) out.push({ ins, question: q, key, side });
    }
  }
  return out;
}

/** Every field nested at any depth below f (instruction and result). */
export function descendants(f: FieldNode): FieldNode[] {
  return [...f.children, ...f.resultChildren].flatMap((c) => [c, ...descendants(c)]);
}

/** Fields in the cached result of another field are not part of the template's logic. */
export function inCachedResult(f: FieldNode): boolean {
  for (let c: FieldNode | undefined = f; c?.parent; c = c.parent) if (!c.inInstruction) return true;
  return false;
}
