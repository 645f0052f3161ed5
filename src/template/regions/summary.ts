/**
 * The regions of a template as `kp-brev fields` lists them: where each is, what repeats, and the
 * names of the fields read from its items.
 */
import type { FieldNode } from '../../ooxml/fields.js';
import type { RegionKind, RegionDef } from './find.js';
import { inResult, isMarkerName, mergeName } from './markers.js';
import type { RegionIndex } from './region-index.js';

/** A region as `kp-brev fields` lists it: where it is, what repeats, and the names of the fields
 * read from its items (the fields directly in it, markers and `Question:` names left out). */
export interface RegionSummary {
  /** The list's name; nested ones are named from the outermost (`Udgifter > Linjer`). */
  name: string;
  path: string[];
  kind: RegionKind;
  part: string;
  story?: string;
  /** Paragraphs (1-based, in the story) of the TableStart and the TableEnd field. */
  from: number;
  to: number;
  depth: number;
  fields: string[];
}

export function regionSummaries(index: RegionIndex | undefined, fields: readonly FieldNode[]): RegionSummary[] {
  if (!index) return [];
  const direct = new Map<RegionDef, Set<string>>();
  for (const f of fields) {
    const r = index.regionOf(f);
    const name = mergeName(f);
    if (!r || !name || isMarkerName(name) || name.includes(':') || inResult(f)) continue;
    let set = direct.get(r);
    if (!set) direct.set(r, (set = new Set()));
    set.add(name);
  }
  return index.regions.map((r) => {
    const path: string[] = [];
    for (let x: RegionDef | undefined = r; x; x = x.parent) path.unshift(x.name);
    return {
      name: path.join(' > '),
      path,
      kind: r.kind,
      part: r.story.part,
      ...(r.story.label ? { story: r.story.label } : {}),
      from: r.start.para,
      to: r.end.para,
      depth: path.length - 1,
      fields: [...(direct.get(r) ?? [])],
    };
  });
}
