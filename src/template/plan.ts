/**
 * The compiled plan of a part: verbatim XML chunks and "groups", the runs of paragraphs that
 * hold fields and are rewritten for every letter. Everything outside a group is copied as it is.
 */
import type { ParseResult } from '../fieldcode/index.js';
import { allFields, readStoryFields, type FieldNode } from '../ooxml/fields.js';
import { paragraphOfToken } from '../ooxml/paragraphs.js';
import type { ItemToken, Story } from '../ooxml/tokens.js';
import { needsRender } from './live.js';
import { findRegions, type DroppableTable, type RegionDef, type RegionProblem } from './regions/find.js';
import { withoutRepeatedIds } from './regions/markers.js';

/** A range of whole paragraphs (and whatever blocks lie between them) that holds fields. */
export interface Group {
  readonly story: Story;
  /** First and last token index (inclusive: the last is a paragraph mark). */
  readonly first: number;
  readonly last: number;
  /** Source range replaced by the rendered group. */
  readonly start: number;
  readonly end: number;
  /** Top-level fields in the group, by begin token: those rendered, and live fields kept exactly
   * as they are (a PAGE beside a merge field) so that rewriting the group does not drop them. */
  readonly fields: ReadonlyMap<number, FieldNode>;
}

/** Rows or paragraphs repeated once per item of a list (regions/find.ts). */
export interface RegionSegment {
  readonly kind: 'region';
  readonly region: RegionDef;
  readonly start: number;
  readonly end: number;
  /** One copy's content: verbatim text, groups and nested regions. */
  readonly body: Segment[];
  /** The same for the copies after the first: bookmarks and paragraph ids left out of the
   * verbatim text (regions/markers.ts: they must not repeat), once when the template is compiled. */
  readonly copyBody: Segment[];
}

/** A table that is left out when its regions are all empty (regions/find.ts). */
export interface TableSegment {
  readonly kind: 'table';
  readonly table: DroppableTable;
  readonly start: number;
  readonly end: number;
  readonly body: Segment[];
}

/** Verbatim text or a hole to fill. */
export type Segment = string | Group | RegionSegment | TableSegment;
type Hole = Exclude<Segment, string>;

export interface StoryPlan {
  readonly story: Story;
  /** Top-level fields of this story that are rendered. */
  readonly fields: FieldNode[];
  /** Fields whose begin and end sit in different containers (table cells...). */
  readonly broken: FieldNode[];
  /** Every field, nested ones included, in document order. */
  readonly all: FieldNode[];
  /** Token indexes of fldChar items that belong to no complete field. */
  readonly stray: number[];
  readonly groups: Group[];
  /** Regions (rows or paragraphs repeated per item of a list), nested ones included. */
  readonly regions: RegionDef[];
  /** Tables that go when their regions are empty. */
  readonly regionTables: DroppableTable[];
  /** Region markers that cannot be used (the letter is refused). */
  readonly regionProblems: RegionProblem[];
}

export interface PlannedStories {
  /** This story and its text boxes, depth first. */
  readonly plans: StoryPlan[];
  /** Parses a field instruction (default parseInstruction; shared-parts.ts shares the trees). */
  readonly parse?: (text: string) => ParseResult;
}

/** Reads the fields of a story (and its text boxes) and plans the groups. */
export function planStory(story: Story, out: PlannedStories = { plans: [] }): PlannedStories {
  const { top, stray } = readStoryFields(story, out.parse);
  const fields: FieldNode[] = [];
  const broken: FieldNode[] = [];
  const kept: FieldNode[] = [];
  for (const f of top) {
    if (!needsRender(f)) {
      if (isBalanced(story, f)) kept.push(f);
      continue;
    }
    (isBalanced(story, f) ? fields : broken).push(f);
  }
  // Paragraphs with remains of unclosed fields are rewritten too, so those remains go.
  const strayParas = [...new Set(stray.map((i) => paragraphOfToken(story, i)).filter((p) => p >= 0))];
  const all = allFields(top);
  const groups = makeGroups(story, fields, strayParas, kept);
  const spans = groups.flatMap((g) => {
    const first = g.fields.values().next().value;
    return first ? [{ first: g.first, last: g.last, field: first }] : [];
  });
  const { regions, tables, problems } = findRegions(story, all, spans);
  const plan: StoryPlan = { story, fields, broken, stray, all, groups, regions, regionTables: tables, regionProblems: problems };
  out.plans.push(plan);
  for (const sub of story.subStories) planStory(sub, out);
  return out;
}

/** The render's view of planned stories: each item that holds text boxes with fields, as its
 * XML in segments, so a group can render it (a story without text boxes has no such item: its
 * tokens are not looked through). */
export function itemSegmentsOf(planned: PlannedStories, out: Map<ItemToken, Segment[]> = new Map()): Map<ItemToken, Segment[]> {
  for (const { story } of planned.plans) {
    if (!story.subStories.length) continue;
    for (const tok of story.tokens) {
      if (tok.t !== 'item' || tok.subStories.length === 0) continue;
      const holes = tok.subStories.flatMap((s) => holesOf(s, planned));
      if (holes.length) out.set(tok, segmentsOf(story.source, tok.start, tok.end, holes));
    }
  }
  return out;
}

/** The outermost groups of a story and of the text boxes that lie outside its groups, with the
 * regions (and the tables that go with them) around the holes they hold. */
export function holesOf(story: Story, planned: PlannedStories): Hole[] {
  const plan = planned.plans.find((p) => p.story === story);
  if (!plan) return [];
  const holes: Hole[] = [...plan.groups];
  // Text boxes (only a story with text boxes has items that hold them).
  if (story.subStories.length) {
    for (const tok of story.tokens) {
      if (tok.t !== 'item' || tok.subStories.length === 0) continue;
      if (plan.groups.some((g) => g.start <= tok.start && tok.end <= g.end)) continue;
      for (const sub of tok.subStories) holes.push(...holesOf(sub, planned));
    }
  }
  if (!plan.regions.length) return holes.sort((a, b) => a.start - b.start);
  const containers: Array<RegionSegment | TableSegment> = [
    ...plan.regions.map((region) => ({ kind: 'region' as const, region, start: region.from, end: region.to, body: [], copyBody: [] })),
    ...plan.regionTables.map((table) => ({ kind: 'table' as const, table, start: table.from, end: table.to, body: [] })),
  ];
  return nest(story.source, holes, containers);
}

/** Puts holes into the regions and tables that contain them, outermost first. */
function nest(source: string, holes: readonly Hole[], containers: ReadonlyArray<RegionSegment | TableSegment>): Hole[] {
  const within = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a !== b && b.start <= a.start && a.end <= b.end;
  const tops = containers.filter((c) => !containers.some((o) => within(c, o)));
  const out: Hole[] = holes.filter((h) => !tops.some((c) => within(h, c)));
  for (const c of tops) {
    const inner = nest(
      source,
      holes.filter((h) => within(h, c)),
      containers.filter((o) => within(o, c)),
    );
    const body = segmentsOf(source, c.start, c.end, inner);
    out.push(
      c.kind === 'region'
        ? { ...c, body, copyBody: c.region.fixups ? body.map((s) => (typeof s === 'string' ? withoutRepeatedIds(s) : s)) : body }
        : { ...c, body },
    );
  }
  return out.sort((a, b) => a.start - b.start);
}

export function segmentsOf(source: string, start: number, end: number, holes: readonly Hole[]): Segment[] {
  const out: Segment[] = [];
  let pos = start;
  for (const g of holes) {
    if (g.start < pos || g.end > end) continue;
    if (g.start > pos) out.push(source.slice(pos, g.start));
    out.push(g);
    pos = g.end;
  }
  if (pos < end) out.push(source.slice(pos, end));
  return out;
}

/** A field's begin and end must sit in the same container, or it cannot be cut out cleanly. */
function isBalanced(story: Story, f: FieldNode): boolean {
  let depth = 0;
  const from = f.kind === 'simple' ? f.begin + 1 : f.begin;
  const to = f.kind === 'simple' ? f.end - 1 : f.end;
  for (let i = from; i <= to; i++) {
    const tok = story.tokens[i]!;
    if (tok.t === 'open') depth++;
    else if (tok.t === 'close') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

function makeGroups(story: Story, fields: readonly FieldNode[], extraParas: readonly number[] = [], kept: readonly FieldNode[] = []): Group[] {
  if (fields.length === 0 && extraParas.length === 0) return [];
  const paras = story.paragraphs;
  const paraOfToken = (i: number): number => paragraphOfToken(story, i);
  const ranges: Array<{ a: number; b: number; fields: FieldNode[] }> = [];
  const spans: Array<{ a: number; b: number; field?: FieldNode }> = [
    ...fields.map((f) => ({ a: paraOfToken(f.begin), b: paraOfToken(f.end), field: f })),
    ...extraParas.map((p) => ({ a: p, b: p })),
  ].sort((x, y) => x.a - y.a || x.b - y.b);
  for (const { a, b, field: f } of spans) {
    if (a < 0 || b < 0) continue;
    const last = ranges[ranges.length - 1];
    if (last && a <= last.b) {
      last.b = Math.max(last.b, b);
      if (f) last.fields.push(f);
    } else {
      ranges.push({ a, b, fields: f ? [f] : [] });
    }
  }
  return ranges.map(({ a, b, fields: fs }) => {
    const pa = paras[a]!;
    const pb = paras[b]!;
    const inside = kept.filter((f) => f.begin >= pa.first && f.end <= pb.mark);
    return {
      story,
      first: pa.first,
      last: pb.mark,
      start: pa.start,
      end: pb.end,
      fields: new Map([...fs, ...inside].map((f) => [f.begin, f])),
    };
  });
}
