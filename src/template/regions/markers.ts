/**
 * Region markers and the names around regions: `{ MERGEFIELD TableStart:Udgifter }` and
 * `TableEnd:`, `Udgifter:Antal` and `Udgifter:Nummer`, and what a copy after the first leaves out
 * (bookmarks, paragraph ids). The lowest of the region modules: names and XML text only.
 */
import { argumentText } from '../../fieldcode/index.js';
import type { FieldNode } from '../../ooxml/fields.js';
import { LIST_PROPERTY, NOT_LIST_SEGMENTS, REGION_MARKER } from '../../fieldcode/names.js';

/** A merge field's name, trimmed; undefined for other fields. */
export function mergeName(f: FieldNode): string | undefined {
  const ins = f.parsed.instruction;
  return ins.type === 'MERGEFIELD' && ins.name ? argumentText(ins.name).trim() : undefined;
}

/** A region marker: `TableStart:<list>` or `TableEnd:<list>`. */
export function regionMarker(f: FieldNode): { kind: 'start' | 'end'; name: string } | undefined {
  const name = mergeName(f);
  const m = name ? REGION_MARKER.exec(name) : null;
  return m ? { kind: m[1]!.toLowerCase() === 'start' ? 'start' : 'end', name: m[2]!.trim() } : undefined;
}

/** Whether a merge-field name is a region marker (it shows nothing). */
export function isMarkerName(name: string): boolean {
  // Every field of every letter asks: the first letter rules out nearly all names.
  const c = name.charCodeAt(0);
  return (c === 84 || c === 116) && REGION_MARKER.test(name);
}

/** `Udgifter:Antal` (the number of items) and `Udgifter:Nummer` (the current item's number). */
export function listProperty(name: string): { list: string; what: 'Antal' | 'Nummer' } | undefined {
  if (!name.includes(':')) return undefined;
  const m = LIST_PROPERTY.exec(name);
  if (!m || NOT_LIST_SEGMENTS.has(m[1]!.split(':')[0]!.toLowerCase()) || m[1]!.includes(':')) return undefined;
  return { list: m[1]!, what: m[2] as 'Antal' | 'Nummer' };
}

/** A field inside another field's cached result: not part of the template's logic. */
export function inResult(f: FieldNode): boolean {
  for (let g: FieldNode | undefined = f; g?.parent; g = g.parent) if (!g.inInstruction) return true;
  return false;
}

/** XML of a copy after the first: no bookmarks (a name is the document's once), no paragraph
 * ids (unique per document). */
export function withoutRepeatedIds(xml: string): string {
  return xml.replace(/<w:bookmark(?:Start|End)\b[^>]*?\/>/g, '').replace(/\sw14:(?:paraId|textId)="[^"]*"/g, '');
}

/** Whether a marker token is a bookmark (left out of copies after the first). */
export function isBookmarkMarker(name: string): boolean {
  return name === 'w:bookmarkStart' || name === 'w:bookmarkEnd';
}
