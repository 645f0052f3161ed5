/**
 * Regions: rows or paragraphs that repeat once per item of a list in the case, marked in Word's
 * own notation (Aspose's "mail merge with regions"):
 *
 *   { MERGEFIELD TableStart:Udgifter } ... { MERGEFIELD TableEnd:Udgifter }
 *
 * - both markers in one table row (one cell, or Aspose's usual first and last cell): that row
 *   repeats; start in one row and end in a later row of the same table: those rows repeat;
 * - both in paragraphs outside tables: the paragraphs from the start's to the end's repeat (list
 *   paragraphs keep their list, so the numbering continues across the items);
 * - regions nest; a nested region's list is an item's own list (`Linjer`, or `Udgifter.Linjer`)
 *   or a list of the case.
 *
 * Inside a region a merge field's name resolves against the current item, then the enclosing
 * items, then the case; `Udgifter:Antal` is the number of items and `Udgifter:Nummer` the current
 * item's number (1, 2, ...). An empty list leaves the rows or paragraphs out, and a table left
 * with header rows only goes with them.
 *
 * This module is the concept: finding regions in a story when a template is compiled (with the
 * problems that make a region unusable, shared by the renderer and the linter), and, per letter,
 * the items being rendered (scopes), name resolution, and the table as the letter has it (rows
 * repeated) for table formulas such as `{ = SUM(ABOVE) }` after the region.
 */
import { argumentText } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { paragraphOfToken } from '../ooxml/paragraphs.js';
import type { Story } from '../ooxml/tokens.js';
import { lookupValue, type Scalar } from '../context/context.js';
import type { FieldType, ListDef } from './catalog-types.js';
import { provides } from './catalog-types.js';
import type { MessageId } from '../i18n/index.js';
import type { TableCell, TableModel, TableRow } from './table-cells.js';
import { LIST_PROPERTY, NOT_LIST_SEGMENTS, REGION_MARKER } from '../fieldcode/names.js';

export type RegionKind = 'rows' | 'paragraphs';

export interface RegionDef {
  /** The list's name as written after `TableStart:`. */
  readonly name: string;
  readonly kind: RegionKind;
  readonly story: Story;
  /** The TableStart and TableEnd fields. */
  readonly start: FieldNode;
  readonly end: FieldNode;
  /** Token range that repeats (inclusive): the rows' w:tr open to the last's close, or the
   * paragraphs' first token to the last's mark. */
  readonly first: number;
  readonly last: number;
  /** The same as a source range. */
  readonly from: number;
  readonly to: number;
  parent: RegionDef | undefined;
  readonly children: RegionDef[];
  /** rows: the table's w:tbl open token and the repeated rows' w:tr open tokens. */
  readonly table?: { readonly open: number; readonly rows: readonly number[] };
  /** paragraphs: what stays when the list is empty and the last paragraph must stay (the last
   * of a table cell or of the body): that paragraph, empty. */
  readonly keep?: string;
  /** The repeated XML holds bookmarks, paragraph ids or drawing ids that must differ per copy. */
  readonly fixups: Fixups | undefined;
}

/** A table that goes when its row regions are all empty (its other rows are header rows). */
export interface DroppableTable {
  readonly story: Story;
  /** w:tbl open token; its source range. */
  readonly open: number;
  readonly from: number;
  readonly to: number;
  readonly regions: readonly RegionDef[];
}

export type RegionProblemCode =
  | 'region.start-without-end'
  | 'region.end-without-start'
  | 'region.crossing'
  | 'region.boundary'
  | 'region.in-field'
  | 'region.section-break'
  | 'region.field-crosses'
  | 'region.same-range'
  | 'region.no-name';

export interface RegionProblem {
  readonly code: RegionProblemCode;
  readonly field: FieldNode;
  readonly params: Record<string, string>;
}

export interface StoryRegions {
  /** Usable regions of the story, in document order (nested ones included). */
  readonly regions: RegionDef[];
  readonly tables: DroppableTable[];
  readonly problems: RegionProblem[];
}

function mergeName(f: FieldNode): string | undefined {
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
function inResult(f: FieldNode): boolean {
  for (let g: FieldNode | undefined = f; g?.parent; g = g.parent) if (!g.inInstruction) return true;
  return false;
}

interface CellPlace {
  tbl: number;
  tr: number;
}

/** The innermost table cell around each of `wanted` tokens. */
function cellPlaces(story: Story, wanted: ReadonlySet<number>): Map<number, CellPlace | undefined> {
  const out = new Map<number, CellPlace | undefined>();
  const stack: CellPlace[] = [];
  let tbl: number[] = [];
  let tr: number[] = [];
  const tokens = story.tokens;
  for (let i = 0; i < tokens.length && out.size < wanted.size; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'open') {
      if (tok.name === 'w:tbl') tbl.push(i);
      else if (tok.name === 'w:tr') tr.push(i);
      else if (tok.name === 'w:tc') stack.push({ tbl: tbl[tbl.length - 1] ?? -1, tr: tr[tr.length - 1] ?? -1 });
    } else if (tok.t === 'close') {
      if (tok.name === 'w:tbl') tbl = tbl.slice(0, -1);
      else if (tok.name === 'w:tr') tr = tr.slice(0, -1);
      else if (tok.name === 'w:tc') stack.pop();
    }
    if (wanted.has(i)) out.set(i, stack[stack.length - 1]);
  }
  return out;
}

const HEADER_ROW = /<w:tblHeader(?:\s*\/>|\s*>|\s+w:val="(?:1|true|on)")/;

/** The direct rows of a table (w:tr open tokens) and whether each is a header row. */
function tableRows(story: Story, open: number): Array<{ open: number; header: boolean }> {
  const tokens = story.tokens;
  const tbl = tokens[open]!;
  const close = tbl.t === 'open' ? tbl.close : open;
  const rows: Array<{ open: number; header: boolean }> = [];
  for (let i = open + 1; i < close; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'open' && tok.name === 'w:tbl') {
      i = tok.close;
      continue;
    }
    if (tok.t === 'open' && tok.name === 'w:tr') {
      const trPr = tokens[i + 1];
      rows.push({ open: i, header: trPr?.t === 'raw' && trPr.name === 'w:trPr' && HEADER_ROW.test(trPr.xml) });
    }
  }
  return rows;
}

/**
 * The regions of one story: markers paired in document order, placed (rows or paragraphs),
 * nested by their ranges, and checked against the groups of fields that are rewritten per letter
 * (`spans`: token ranges of fields that reach over several paragraphs must not cross a region's
 * edge). A marker pair that cannot be used is a problem, never a guess.
 */
export function findRegions(story: Story, all: readonly FieldNode[], spans: ReadonlyArray<{ first: number; last: number; field: FieldNode }>): StoryRegions {
  const markers: Array<{ f: FieldNode; kind: 'start' | 'end'; name: string }> = [];
  for (const f of all) {
    const m = regionMarker(f);
    if (m && !inResult(f)) markers.push({ f, ...m });
  }
  if (!markers.length) return { regions: [], tables: [], problems: [] };
  const problems: RegionProblem[] = [];
  const problem = (code: RegionProblemCode, field: FieldNode, params: Record<string, string> = {}): void => {
    problems.push({ code, field, params });
  };

  // Pairing: like brackets, by name.
  const pairs: Array<{ start: FieldNode; end: FieldNode; name: string }> = [];
  const stack: Array<{ f: FieldNode; name: string }> = [];
  const crossed = new Set<string>();
  for (const m of markers.sort((a, b) => a.f.begin - b.f.begin)) {
    if (m.f.parent) {
      problem('region.in-field', m.f, { name: m.name });
      continue;
    }
    if (!m.name) {
      problem('region.no-name', m.f);
      continue;
    }
    if (m.kind === 'start') {
      stack.push({ f: m.f, name: m.name });
      continue;
    }
    let at = -1;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.name === m.name) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      if (crossed.has(m.name)) crossed.delete(m.name);
      else problem('region.end-without-start', m.f, { name: m.name });
      continue;
    }
    if (at !== stack.length - 1) {
      // TableStart:A TableStart:B TableEnd:A: A and B cross; neither is used.
      for (const other of stack.slice(at + 1)) {
        problem('region.crossing', m.f, { name: m.name, other: other.name });
        crossed.add(other.name);
      }
      stack.length = at;
      continue;
    }
    const s = stack.pop()!;
    pairs.push({ start: s.f, end: m.f, name: m.name });
  }
  for (const s of stack) problem('region.start-without-end', s.f, { name: s.name });

  // Placing: rows of one table, or paragraphs.
  const tokens = story.tokens;
  const places = cellPlaces(story, new Set(pairs.flatMap((p) => [p.start.begin, p.end.begin])));
  const regions: RegionDef[] = [];
  for (const { start, end, name } of pairs) {
    const s = places.get(start.begin);
    const e = places.get(end.begin);
    const base = { name, story, start, end, parent: undefined, children: [] as RegionDef[] };
    if (s || e) {
      if (!s || !e || s.tbl !== e.tbl) {
        problem('region.boundary', start, { name });
        continue;
      }
      const rows = tableRows(story, s.tbl)
        .map((r) => r.open)
        .filter((r) => r >= s.tr && r <= e.tr);
      const lastRow = tokens[e.tr]!;
      const firstRow = tokens[s.tr]!;
      if (lastRow.t !== 'open' || firstRow.t !== 'open') continue;
      const from = firstRow.start;
      const to = lastRow.end;
      regions.push({
        ...base,
        kind: 'rows',
        first: s.tr,
        last: lastRow.close,
        from,
        to,
        table: { open: s.tbl, rows },
        fixups: needsFixups(story.source, from, to),
      });
      continue;
    }
    const ps = paragraphOfToken(story, start.begin);
    const pe = paragraphOfToken(story, end.end);
    if (ps < 0 || pe < 0) continue;
    const pa = story.paragraphs[ps]!;
    const pb = story.paragraphs[pe]!;
    let depth = 0;
    let balanced = true;
    let sectionBreak = false;
    for (let i = pa.first; i <= pb.mark; i++) {
      const tok = tokens[i]!;
      if (tok.t === 'open' && tok.level === 'block') depth++;
      else if (tok.t === 'close' && tok.level === 'block' && --depth < 0) balanced = false;
      else if (tok.t === 'mark' && tok.sectionBreak) sectionBreak = true;
    }
    if (!balanced || depth !== 0) {
      problem('region.boundary', start, { name });
      continue;
    }
    if (sectionBreak) {
      problem('region.section-break', start, { name });
      continue;
    }
    const mark = tokens[pb.mark]!;
    let keep: string | undefined;
    if (mark.t === 'mark' && mark.lastInContainer) {
      const open = mark.openTag.endsWith('/>') ? mark.openTag.slice(0, -2) + '>' : mark.openTag;
      keep = open + mark.pPr + '</w:p>';
    }
    regions.push({
      ...base,
      kind: 'paragraphs',
      first: pa.first,
      last: pb.mark,
      from: pa.start,
      to: pb.end,
      ...(keep ? { keep } : {}),
      fixups: needsFixups(story.source, pa.start, pb.end),
    });
  }

  // Nesting by range; crossing ranges and a field reaching over a region's edge are problems.
  const bad = new Set<RegionDef>();
  for (const sp of spans) {
    for (const r of regions) {
      const overlaps = sp.first <= r.last && sp.last >= r.first;
      const inside = sp.first >= r.first && sp.last <= r.last;
      if (overlaps && !inside && !bad.has(r)) {
        problem('region.field-crosses', sp.field, { name: r.name });
        bad.add(r);
      }
    }
  }
  const sorted = regions.filter((r) => !bad.has(r)).sort((a, b) => a.first - b.first || b.last - a.last);
  const kept: RegionDef[] = [];
  const open: RegionDef[] = [];
  for (const r of sorted) {
    while (open.length && open[open.length - 1]!.last < r.first) open.pop();
    const outer = open[open.length - 1];
    if (outer) {
      if (r.last > outer.last) {
        problem('region.crossing', r.start, { name: r.name, other: outer.name });
        continue;
      }
      if (r.first === outer.first && r.last === outer.last) {
        problem('region.same-range', r.start, { name: r.name, other: outer.name });
        continue;
      }
      r.parent = outer;
      outer.children.push(r);
    }
    kept.push(r);
    open.push(r);
  }

  // Tables whose other rows are all header rows go when their regions are all empty.
  const tables: DroppableTable[] = [];
  const byTable = new Map<number, RegionDef[]>();
  for (const r of kept) {
    if (!r.table || (r.parent?.table && r.parent.table.open === r.table.open)) continue;
    const list = byTable.get(r.table.open) ?? [];
    list.push(r);
    byTable.set(r.table.open, list);
  }
  for (const [open, list] of byTable) {
    const covered = new Set(list.flatMap((r) => r.table!.rows));
    if (tableRows(story, open).every((row) => row.header || covered.has(row.open))) {
      const tok = tokens[open]!;
      if (tok.t === 'open') tables.push({ story, open, from: tok.start, to: tok.end, regions: list });
    }
  }
  return { regions: kept, tables, problems };
}

export interface Fixups {
  readonly bookmarks: boolean;
  readonly paraIds: boolean;
  readonly drawings: boolean;
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

function needsFixups(source: string, from: number, to: number): Fixups | undefined {
  const xml = source.slice(from, to);
  const f = { bookmarks: xml.includes('<w:bookmarkStart'), paraIds: xml.includes('w14:paraId'), drawings: xml.includes('<wp:docPr') };
  return f.bookmarks || f.paraIds || f.drawings ? f : undefined;
}

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

/** A region's list in the catalog: a list an enclosing list's items hold, else the case's. */
export function catalogList(region: RegionDef, lists: ReadonlyMap<string, ListDef>): ListDef | undefined {
  if (region.parent) {
    const outer = catalogList(region.parent, lists);
    const nested = outer?.lists.get(unqualified(region.name, region.parent.name));
    if (nested) return nested;
  }
  return lists.get(region.name);
}

/** `Udgifter.Linjer` inside Udgifter is `Linjer`. */
export function unqualified(name: string, outer: string): string {
  return name.startsWith(`${outer}.`) ? name.slice(outer.length + 1) : name;
}

/** Every list of the catalog (nested ones included) whose items have a field of that name. */
export function listsWithItemField(name: string, lists: ReadonlyMap<string, ListDef>): ListDef[] {
  const out: ListDef[] = [];
  const walk = (defs: ReadonlyMap<string, ListDef>): void => {
    for (const d of defs.values()) {
      if (d.fields.has(name)) out.push(d);
      walk(d.lists);
    }
  };
  walk(lists);
  return out;
}

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

// ---------------------------------------------------------------------------------------------
// Per letter.

/** A result kept per item (evaluate.ts keeps one per field and letter outside regions). */
export type KeptResults = Map<FieldNode, unknown>;

/** One item of a list while its copy of the region is made. */
export interface Scope {
  readonly region: RegionDef;
  readonly item: Record<string, unknown>;
  /** 0-based; the place in messages is `path` (`Udgifter[2]`). */
  readonly index: number;
  readonly count: number;
  readonly path: string;
  /** The list's catalog entry, when the catalog has it. */
  readonly def: ListDef | undefined;
  /** Results of the fields of this copy, when fields read one another (see evaluate.ts). */
  readonly results: KeptResults;
}

/** What a letter's regions need from the evaluation environment (a part of EvalEnv). */
export interface RegionEnv {
  readonly ctx: { fields: Record<string, unknown>; process?: string };
  readonly preview: boolean;
  readonly rules?: { catalog?: { lists: ReadonlyMap<string, ListDef> } };
}

/** A problem found while resolving a list or an item field: reported at a field. */
export interface RegionIssue {
  readonly code: MessageId;
  readonly params: Record<string, string | number>;
}

export type FieldResolution = { found: true; value: Scalar; type: FieldType | undefined; path: string } | { found: false; issue: RegionIssue };

/** The regions of one letter: the items being made (a stack of scopes) and what was resolved. */
export class LetterRegions {
  private constructor(
    readonly index: RegionIndex,
    /** The copies being made, outermost first. */
    readonly stack: Scope[],
    private readonly shared: {
      scopes: Map<Scope | RegionIndex, Map<RegionDef, Scope[]>>;
      tables: Map<Scope | RegionIndex, Map<TableModel, { table: TableModel; stacks: Map<TableCell, Scope[]> }>>;
      drawingId: number;
    },
  ) {}

  static create(index: RegionIndex): LetterRegions {
    return new LetterRegions(index, [], { scopes: new Map(), tables: new Map(), drawingId: index.maxDrawingId });
  }

  /** The same letter with another stack (a row of a table read by a formula). */
  withStack(stack: Scope[]): LetterRegions {
    return new LetterRegions(this.index, stack, this.shared);
  }

  /** The items around a field, innermost first: the copies being made of the regions it is in. */
  chainFor(f: FieldNode): Scope[] {
    return this.chainIn(this.index.regionOf(f));
  }

  private chainIn(region: RegionDef | undefined): Scope[] {
    if (!region) return [];
    const out: Scope[] = [];
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i]!;
      for (let r: RegionDef | undefined = region; r; r = r.parent) {
        if (r === s.region) {
          out.push(s);
          break;
        }
      }
    }
    return out;
  }

  /** The results kept for a field of the copy being made, if it is in a region. */
  resultsFor(f: FieldNode): KeptResults | undefined {
    const region = this.index.regionOf(f);
    if (!region) return undefined;
    // The innermost copy being made of a region the field is in (no list built: this runs for
    // every field of every copy).
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i]!;
      for (let r: RegionDef | undefined = region; r; r = r.parent) if (r === s.region) return s.results;
    }
    return undefined;
  }

  /**
   * The items of a region for the copy of its enclosing regions being made: one scope per item,
   * the same objects every time they are asked for (rendering and formulas share them). Problems
   * with the list are reported once, through `issue`.
   */
  itemScopes(region: RegionDef, env: RegionEnv, issue: (i: RegionIssue) => void): Scope[] {
    const chain = this.chainIn(region.parent);
    const key: Scope | RegionIndex = chain[0] ?? this.index;
    let byRegion = this.shared.scopes.get(key);
    if (!byRegion) this.shared.scopes.set(key, (byRegion = new Map()));
    let scopes = byRegion.get(region);
    if (scopes) return scopes;
    scopes = [];
    const list = resolveList(region.name, chain, env);
    if ('issue' in list) {
      issue(list.issue);
      // A preview shows the rows once, with placeholders, so a trainer sees what they hold.
      if (env.preview) scopes.push({ region, item: {}, index: 0, count: 1, path: `${list.path}[0]`, def: list.def, results: new Map() });
    } else {
      const items = list.items;
      items.forEach((item, index) => {
        const path = `${list.path}[${index}]`;
        let obj: Record<string, unknown> = {};
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) obj = item as Record<string, unknown>;
        else issue({ code: 'render.list-item-not-object', params: { item: path, list: list.path } });
        scopes!.push({ region, item: obj, index, count: items.length, path, def: list.def, results: new Map() });
      });
    }
    byRegion.set(region, scopes);
    return scopes;
  }

  /** The value of a merge field in a region: from the current item, then the enclosing items;
   * undefined when the name is the case's (or is no region's business). */
  resolveField(f: FieldNode, name: string, env: RegionEnv): FieldResolution | undefined {
    // `Question:`, composition names and the like are never item fields.
    if (name.includes(':') || !this.stack.length) return undefined;
    const chain = this.chainFor(f);
    if (!chain.length) return undefined;
    const catalog = env.rules?.catalog;
    for (const s of chain) {
      // `Udgifter.Beskrivelse` names the item of Udgifter explicitly.
      const qualified = name.startsWith(`${s.region.name}.`) ? name.slice(s.region.name.length + 1) : undefined;
      const key = qualified ?? name;
      const declared = catalog && s.def ? s.def.fields.get(key) : undefined;
      const value = lookupValue(s.item, key);
      if (value !== undefined) {
        if (value !== null && typeof value === 'object') {
          return {
            found: false,
            issue: { code: 'render.field-not-value', params: { field: `${s.path}.${key}`, kind: Array.isArray(value) ? 'array' : 'object' } },
          };
        }
        return { found: true, value: value as Scalar, type: declared?.type, path: `${s.path}.${key}` };
      }
      // An item field the catalog declares, or one named with its list, must be in the item.
      if (declared || qualified !== undefined) return missing(s, key);
    }
    if (catalog) return undefined;
    // Without a catalog: a name neither the items nor the case have is the current item's.
    if (lookupValue(env.ctx.fields, name) !== undefined) return undefined;
    return missing(chain[0]!, name);
  }

  /** `Udgifter:Antal` and `Udgifter:Nummer`. */
  listProperty(f: FieldNode, prop: { list: string; what: 'Antal' | 'Nummer' }, env: RegionEnv): { value: number } | { issue: RegionIssue } {
    const chain = this.chainFor(f);
    if (prop.what === 'Nummer') {
      // `Linjer:Nummer` in the region `Udgifter.Linjer` too.
      const s = chain.find((c) => c.region.name === prop.list || c.region.name.endsWith(`.${prop.list}`));
      return s ? { value: s.index + 1 } : { issue: { code: 'render.list-number-outside', params: { field: `${prop.list}:Nummer`, list: prop.list } } };
    }
    const list = resolveList(prop.list, chain, env);
    return 'issue' in list ? { issue: list.issue } : { value: list.items.length };
  }

  /** A copy after the first: bookmarks only once, fresh drawing ids, no duplicate paragraph ids. */
  /** Drawings in a copy after the first get fresh ids (wp:docPr ids are unique per document). */
  renumberDrawings(xml: string): string {
    return xml.replace(/(<wp:docPr\b[^>]*?\sid=")\d+"/g, (_m, head: string) => `${head}${++this.shared.drawingId}"`);
  }

  /**
   * A table as the letter has it, for a formula in it: the rows of its regions repeated once per
   * item, each row with the items its fields are read with. `here` is the formula's cell in it.
   */
  expandTable(
    here: TableCell,
    f: FieldNode,
    env: RegionEnv,
    issue: (region: RegionDef, i: RegionIssue) => void,
  ): { here: TableCell; stackOf(cell: TableCell): Scope[] } | undefined {
    const template = here.table;
    if (template.open === undefined) return undefined;
    const all = this.index.rowRegions(template.story, template.open);
    if (!all.length) return undefined;
    const top = all.filter((r) => !(r.parent?.table && r.parent.table.open === r.table!.open));
    // The copies of the regions around the table that are being made.
    const around = this.chainIn(top[0]!.parent).reverse();
    // The letter's table is the same for every formula in it (three totals read it once).
    const key: Scope | RegionIndex = around[around.length - 1] ?? this.index;
    let byTable = this.shared.tables.get(key);
    if (!byTable) this.shared.tables.set(key, (byTable = new Map()));
    let built = byTable.get(template);
    if (!built) byTable.set(template, (built = this.buildTable(template, top, around, env, issue)));
    const { table, stacks } = built;
    const mine = new Set(this.chainFor(f));
    let at: TableCell | undefined;
    for (const row of table.rows) {
      const stack = stacks.get(row.cells[0]!) ?? around;
      if (row.open !== template.rows[here.row]!.open || !stack.every((s) => around.includes(s) || mine.has(s))) continue;
      at = row.cells[here.col];
      break;
    }
    if (!at) return undefined;
    return { here: at, stackOf: (cell) => stacks.get(cell) ?? around };
  }

  private buildTable(
    template: TableModel,
    top: readonly RegionDef[],
    around: Scope[],
    env: RegionEnv,
    issue: (region: RegionDef, i: RegionIssue) => void,
  ): { table: TableModel; stacks: Map<TableCell, Scope[]> } {
    const rowIndex = new Map(template.rows.map((r, i) => [r.open, i]));
    const out: Array<{ row: TableRow; stack: Scope[] }> = [];
    const emit = (from: number, to: number, regions: readonly RegionDef[], stack: Scope[]): void => {
      for (let r = from; r <= to;) {
        const region = regions.find((g) => rowIndex.get(g.table!.rows[0]!) === r);
        if (!region) {
          out.push({ row: template.rows[r]!, stack });
          r++;
          continue;
        }
        const first = r;
        const last = rowIndex.get(region.table!.rows[region.table!.rows.length - 1]!) ?? r;
        const inner = this.withStack(stack).itemScopes(region, env, (i) => issue(region, i));
        const nested = region.children.filter((c) => c.table?.open === template.open);
        for (const s of inner) emit(first, last, nested, [...stack, s]);
        r = last + 1;
      }
    };
    emit(0, template.rows.length - 1, top, around);
    const table: TableModel = { story: template.story, ...(template.open !== undefined ? { open: template.open } : {}), rows: [] };
    const stacks = new Map<TableCell, Scope[]>();
    out.forEach(({ row, stack }, k) => {
      const cells: TableCell[] = [];
      for (const c of row.cells) {
        const cell: TableCell = { table, row: k, col: c.col, open: c.open, close: c.close };
        cells.push(cell);
        stacks.set(cell, stack);
      }
      table.rows.push({ cells, header: row.header, open: row.open });
    });
    return { table, stacks };
  }
}

/** `Udgifter:Antal` in a template without regions: the number of items of the case's list. */
export function listCount(prop: { list: string; what: 'Antal' | 'Nummer' }, env: RegionEnv): { value: number } | { issue: RegionIssue } {
  if (prop.what === 'Nummer') return { issue: { code: 'render.list-number-outside', params: { field: `${prop.list}:Nummer`, list: prop.list } } };
  const list = resolveList(prop.list, [], env);
  return 'issue' in list ? { issue: list.issue } : { value: list.items.length };
}

function missing(s: Scope, key: string): FieldResolution {
  return {
    found: false,
    issue: { code: 'render.missing-item-field', params: { field: `${s.path}.${key}`, list: s.path.slice(0, s.path.lastIndexOf('[')), n: s.index + 1 } },
  };
}

/**
 * A list by name, seen from inside the items of `chain` (innermost first): an enclosing item's
 * own list (`Linjer`, or `Udgifter.Linjer` naming the item's list), else a list of the case. A
 * missing list, or one that is not a list, is an issue; `null` is an empty list.
 */
function resolveList(
  name: string,
  chain: readonly Scope[],
  env: RegionEnv,
): { items: readonly unknown[]; path: string; def: ListDef | undefined } | { issue: RegionIssue; path: string; def: ListDef | undefined } {
  const catalog = env.rules?.catalog;
  let value: unknown;
  let path = name;
  let def: ListDef | undefined;
  let found = false;
  for (const s of chain) {
    const key = name.startsWith(`${s.region.name}.`) ? name.slice(s.region.name.length + 1) : name;
    const v = lookupValue(s.item, key);
    const nestedDef = s.def?.lists.get(key);
    if (v !== undefined || nestedDef) {
      value = v;
      path = `${s.path}.${key}`;
      def = nestedDef;
      found = v !== undefined;
      break;
    }
  }
  if (!found && def === undefined) {
    value = lookupValue(env.ctx.fields, name);
    found = value !== undefined;
    def = catalog?.lists.get(name);
    path = name;
    if (catalog) {
      if (!def) return { issue: { code: 'render.list-unknown', params: { list: name } }, path, def };
      const process = env.ctx.process;
      if (process && !provides(def, process)) return { issue: { code: 'render.list-process', params: { list: name, process } }, path, def };
    }
  }
  if (!found) return { issue: { code: 'render.list-missing', params: { list: path } }, path, def };
  if (value === null) return { items: [], path, def };
  if (!Array.isArray(value)) return { issue: { code: 'render.list-not-list', params: { list: path } }, path, def };
  return { items: value, path, def };
}
