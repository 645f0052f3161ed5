/**
 * The regions of a whole template, compiled once: which region each field is in, the row regions
 * of each table, and the largest drawing id (copies of a region get ids above it).
 */
import type { FieldNode } from '../../ooxml/fields.js';
import type { Story } from '../../ooxml/tokens.js';
import type { RegionDef } from './find.js';

/** Every region of a template, and which region each field is in. */
export interface RegionIndex {
  readonly regions: readonly RegionDef[];
  /** The innermost region a field lies in. */
  regionOf(f: FieldNode): RegionDef | undefined;
  /** The row regions of a table (by its story and w:tbl open token), nested ones included. */
  rowRegions(story: Story, tableOpen: number): readonly RegionDef[];
  /** The largest drawing id (wp:docPr) of the template's parts: copies get ids above it. */
  readonly maxDrawingId: number;
}

export function regionIndex(
  stories: ReadonlyArray<{ story: Story; all: readonly FieldNode[]; regions: readonly RegionDef[] }>,
  maxDrawingId: number,
): RegionIndex | undefined {
  const regions = stories.flatMap((s) => s.regions);
  if (!regions.length) return undefined;
  const of = new Map<FieldNode, RegionDef>();
  for (const s of stories) {
    if (!s.regions.length) continue;
    for (const f of s.all) {
      let best: RegionDef | undefined;
      for (const r of s.regions) if (r.first <= f.begin && f.begin <= r.last && (!best || r.last - r.first < best.last - best.first)) best = r;
      if (best) of.set(f, best);
    }
  }
  const tables = new Map<Story, Map<number, RegionDef[]>>();
  for (const r of regions) {
    if (!r.table) continue;
    let m = tables.get(r.story);
    if (!m) tables.set(r.story, (m = new Map()));
    const list = m.get(r.table.open) ?? [];
    list.push(r);
    m.set(r.table.open, list);
  }
  return {
    regions,
    regionOf: (f) => of.get(f),
    rowRegions: (story, open) => tables.get(story)?.get(open) ?? [],
    maxDrawingId,
  };
}

/** The largest `wp:docPr` id in some XML. */
export function maxDrawingIdIn(xml: string): number {
  let max = 0;
  for (const m of xml.matchAll(/<wp:docPr\b[^>]*?\sid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}
