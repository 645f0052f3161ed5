/**
 * The letter plan: what making a letter reads beyond the compiled stories. Which story parts a
 * letter changes, cut into verbatim chunks and holes (segments); the item segments of repeated
 * regions; the document's state that fields read (doc-model.ts); the parts every letter holds
 * without some ranges (external references, mail merge settings), deflated once. A template
 * builds it at its first letter (template.ts letterPlan): a linter or a field listing never
 * asks for it.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import type { FieldNode } from '../ooxml/fields.js';
import type { DocxPackage } from '../ooxml/package.js';
import type { ItemToken } from '../ooxml/tokens.js';
import { elements } from '../ooxml/xml.js';
import type { ZipEntry } from '../ooxml/zip.js';
import { documentModel } from './doc-model.js';
import type { DocModel } from './doc-model-types.js';
import { cutRanges, dropRanges, type externalReferences, type Range } from './external-refs.js';
import { holesOf, itemSegmentsOf, segmentsOf, type Segment } from './plan.js';
import type { RegionIndex } from './regions/region-index.js';
import type { PartPlan } from './part-plans.js';

/** A part as a letter writes it: its text as segments, verbatim chunks and holes to fill. */
export interface PartSegments {
  segments: Segment[];
  /** For each segment that is the template's text, its offset in the part (-1 for the others). */
  offsets: number[];
}

/** What making a letter reads beyond the compiled stories. */
export interface LetterPlan {
  /** The story parts a letter changes, as segments. */
  changed: Map<string, PartSegments>;
  /** Items that hold text boxes with fields, as segments. */
  itemSegments: Map<ItemToken, Segment[]>;
  /** The document's state that fields read (doc-model.ts). */
  doc: DocModel;
  /** Parts every letter holds without some ranges (external references, mail merge settings),
   * deflated once. */
  rewritten: Map<string, ZipEntry>;
}

export function planLetters(
  pkg: DocxPackage,
  parts: readonly PartPlan[],
  allNodes: readonly FieldNode[],
  bookmarks: ReadonlySet<string>,
  regions: RegionIndex | undefined,
  settings: SettingsInfo,
  external: ReturnType<typeof externalReferences>,
): LetterPlan {
  const changed = new Map<string, PartSegments>();
  const itemSegments = new Map<ItemToken, Segment[]>();
  for (const { part, planned, roots } of parts) {
    itemSegmentsOf(planned, itemSegments);
    const holes = roots.flatMap((s) => holesOf(s, planned)).sort((a, b) => a.start - b.start);
    if (!holes.length) continue;
    const source = pkg.text(part);
    const segments = segmentsOf(source, 0, source.length, holes);
    changed.set(part, { segments, offsets: verbatimOffsets(segments) });
  }
  const doc = documentModel(
    pkg,
    parts.flatMap((p) => p.planned.plans.map((s) => s.story)),
    allNodes,
    bookmarks,
    regions?.regions,
  );
  const cuts = dropRanges(pkg, external);
  if (settings.mailMerge) cuts.set(settings.part!, [...(cuts.get(settings.part!) ?? []), settings.mailMerge]);
  const rewritten = new Map([...cuts].map(([part, ranges]) => [part, rewrittenEntry(pkg, part, ranges)]));
  return { changed, itemSegments, doc, rewritten };
}

export interface SettingsInfo {
  part?: string;
  doNotSuppressBlankLines: boolean;
  /** settings.xml's w:mailMerge, which the letter leaves out (it is merged: Word must not ask for data). */
  mailMerge?: Range;
}

export function settingsInfo(pkg: DocxPackage): SettingsInfo {
  const part = pkg.settingsPart;
  if (!part) return { doNotSuppressBlankLines: false };
  const root = pkg.xml(part);
  const mm = elements(root).find((e) => e.name === 'w:mailMerge');
  if (!mm) return { part, doNotSuppressBlankLines: false };
  const doNot = elements(mm).some((e) => e.name === 'w:doNotSuppressBlankLines' && e.attrs['w:val'] !== 'false' && e.attrs['w:val'] !== '0');
  return { part, doNotSuppressBlankLines: doNot, mailMerge: { start: mm.start, end: mm.end } };
}

/** A part as the letter holds it: without `ranges`, deflated once for every letter. */
function rewrittenEntry(pkg: DocxPackage, part: string, ranges: readonly Range[]): ZipEntry {
  const data = Buffer.from(cutRanges(pkg.text(part), ranges), 'utf8');
  const entry = pkg.archive.entries.get(part)!;
  const raw = deflateRawSync(data);
  return { ...entry, method: 8, raw, compressedSize: raw.length, size: data.length, crc32: crc32(data) >>> 0 };
}

/** The offset in the part of each segment that is the part's own text (segmentsOf keeps the text between the holes), -1 for a hole. */
function verbatimOffsets(segments: readonly Segment[]): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const seg of segments) {
    if (typeof seg === 'string') {
      out.push(pos);
      pos += seg.length;
    } else {
      out.push(-1);
      pos = seg.end;
    }
  }
  return out;
}
