/**
 * Which fields stay fields in the letter and which are evaluated, unlinked or refused
 * (field-policy.ts holds the table).
 */
import type { FieldNode } from '../ooxml/fields.js';
import { fieldRule } from './field-policy.js';

/** A field whose value only the page layout knows: PAGE, NUMPAGES, SECTIONPAGES, and an IF or
 * formula that depends on one (`IF { PAGE } = { NUMPAGES } ...`, `= { PAGE } + 1`). */
export function dependsOnLayout(f: FieldNode): boolean {
  const ins = f.parsed.instruction;
  if (ins.type === 'IF') {
    const refs = [...(ins.left?.parts ?? []), ...(ins.right?.parts ?? [])];
    return refs.some((p) => p.type === 'field' && f.children[p.index] !== undefined && dependsOnLayout(f.children[p.index]!));
  }
  if (ins.type === 'field' && ins.fieldType === '=') return f.children.some(dependsOnLayout);
  const rule = fieldRule(ins);
  return rule.action === 'live' && rule.reason === 'layout';
}

/** Fields that stay fields in the letter: those that depend on the layout, and links. */
export function isLive(f: FieldNode): boolean {
  return dependsOnLayout(f) || fieldRule(f.parsed.instruction).action === 'live';
}

/** A field that must be rewritten: it is evaluated, unlinked or refused, or something inside it
 * is. Live fields with only live fields inside (PAGE, NUMPAGES) are left exactly as they are. */
export function needsRender(f: FieldNode): boolean {
  return !isLive(f) || f.children.some(needsRender) || f.resultChildren.some(needsRender);
}

/** The field or one inside it (instruction or cached result) is of a type the letter refuses. */
export function holdsRefused(f: FieldNode, bookmarks?: ReadonlySet<string>): boolean {
  if (fieldRule(f.parsed.instruction, bookmarks).action === 'refuse') return true;
  return f.children.some((c) => holdsRefused(c, bookmarks)) || f.resultChildren.some((c) => holdsRefused(c, bookmarks));
}
