/**
 * Which fields stay fields in the letter and which are evaluated away.
 */
import type { FieldNode } from '../ooxml/fields.js';

/** Fields that stay fields in the letter: anything but MERGEFIELD, IF and = (formula), and an IF
 * or formula that depends on such a field (e.g. `IF { PAGE } = { NUMPAGES } ...`). */
export function isLive(f: FieldNode): boolean {
  const ins = f.parsed.instruction;
  if (ins.type === 'MERGEFIELD') return false;
  if (ins.type === 'IF') {
    const refs = [...(ins.left?.parts ?? []), ...(ins.right?.parts ?? [])];
    return refs.some((p) => p.type === 'field' && f.children[p.index] !== undefined && isLive(f.children[p.index]!));
  }
  // A formula is computed, unless it depends on a field only layout knows (= { PAGE } + 1).
  if (ins.type === 'field' && ins.fieldType === '=') return f.children.some(isLive);
  return true;
}

/** A field that must be rewritten: it is evaluated, or something inside it is. Live fields with
 * only live fields inside (PAGE, NUMPAGES) are left exactly as they are. */
export function needsRender(f: FieldNode): boolean {
  return !isLive(f) || f.children.some(needsRender) || f.resultChildren.some(needsRender);
}
