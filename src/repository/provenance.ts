/**
 * Where a field of a composed letter comes from. A letter is compiled from its masterskabelon,
 * beskedskabelon and indholdselementer, so a problem the renderer finds is at a paragraph of
 * the composed document, which means nothing to whoever edits the beskedskabelon. The locator
 * finds the field in the part it comes from by its instruction: when the instruction occurs in
 * one part only, and as often there as in the composed letter, the k-th occurrence in the letter
 * is the k-th in that part. Otherwise (the same code in two parts, or a field that came from a
 * flettetekst) the composed place is kept.
 */
import type { Location } from '../diagnostics.js';
import type { FieldInfo } from '../template/field-info.js';

export interface SourcePart {
  /** How people name the part: `np_1004 (kommune 540)`, `np_1004, indholdselement klagevejledning`. */
  label: string;
  fields: readonly FieldInfo[];
}

const key = (part: string, instruction: string): string => `${part}\u0000${instruction}`;

export function sourceLocator(composedFields: () => readonly FieldInfo[], sources: () => readonly SourcePart[]): (loc: Location) => Location {
  let index: Map<string, { composed: FieldInfo[]; source?: { label: string; fields: FieldInfo[] }; ambiguous: boolean }> | undefined;
  const build = (): NonNullable<typeof index> => {
    const map: NonNullable<typeof index> = new Map();
    for (const f of composedFields()) {
      const k = key(f.part, f.instruction);
      const entry = map.get(k) ?? { composed: [], ambiguous: false };
      entry.composed.push(f);
      map.set(k, entry);
    }
    for (const s of sources()) {
      for (const f of s.fields) {
        const entry = map.get(key(f.part, f.instruction));
        if (!entry) continue;
        if (!entry.source) entry.source = { label: s.label, fields: [f] };
        else if (entry.source.label === s.label) entry.source.fields.push(f);
        else entry.ambiguous = true;
      }
    }
    return map;
  };
  return (loc) => {
    if (loc.part === undefined || loc.paragraph === undefined || loc.instruction === undefined) return loc;
    index ??= build();
    const entry = index.get(key(loc.part, loc.instruction));
    if (!entry?.source || entry.ambiguous || entry.source.fields.length !== entry.composed.length) return loc;
    const k = entry.composed.findIndex((f) => f.paragraph === loc.paragraph && f.story === loc.story);
    const from = k >= 0 ? entry.source.fields[k] : undefined;
    if (!from) return loc;
    const out: Location = { ...loc, template: entry.source.label, paragraph: from.paragraph };
    if (from.story) out.story = from.story;
    else delete out.story;
    return out;
  };
}
