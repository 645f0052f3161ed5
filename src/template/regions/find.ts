/**
 * Finding the regions of a story when a template is compiled: rows or paragraphs that repeat once
 * per item of a list in the case, marked in Word's own notation (Aspose's "mail merge with
 * regions"):
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
 * An empty list leaves the rows or paragraphs out, and a table left with header rows only goes
 * with them. The problems that make a region unusable are found here too, shared by the renderer
 * and the linter. (The region modules, lowest first: markers, find, region-index, catalog,
 * summary; per letter scope, then expand.)
 */
import type { FieldNode } from '../../ooxml/fields.js';
import { paragraphOfToken } from '../../ooxml/paragraphs.js';
import type { Story } from '../../ooxml/tokens.js';
import { inResult, regionMarker } from './markers.js';

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

function needsFixups(source: string, from: number, to: number): Fixups | undefined {
  const xml = source.slice(from, to);
  const f = { bookmarks: xml.includes('<w:bookmarkStart'), paraIds: xml.includes('w14:paraId'), drawings: xml.includes('<wp:docPr') };
  return f.bookmarks || f.paraIds || f.drawings ? f : undefined;
}
