/**
 * Rendering a compiled template: evaluate the fields of each group, write the group, stitch
 * the verbatim chunks around it, zip. Parts without fields are not touched: their compressed
 * bytes go into the letter as they are.
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { ItemToken, Story } from '../ooxml/tokens.js';
import type { Group, RegionSegment, Segment, TableSegment } from './plan.js';
import { isBookmarkMarker, withoutRepeatedIds } from './regions/markers.js';
import type { RegionDef } from './regions/find.js';
import type { EvalEnv } from './eval-env.js';
import { evaluate, isLive, resultAsSaved } from './evaluate.js';
import { prepareLive, type PreparedLive } from './live-values.js';
import { formatMessage } from '../i18n/index.js';
import { blockingProblems, fieldTypeOf } from '../fieldcode/index.js';
import type { FieldResult, Out } from './outs.js';
import { finishCopy } from './region-cells.js';
import { fillStencil, HOLE, MAX_FIELDS, shapeOf, standIns, stencilOf, type Stencil } from './stencil.js';
import { locationOf, placeholder, report } from './report.js';
import { holdsRefused, needsRender } from './live.js';
import { StructureError, XmlWriter, type TextContext, type WriterOptions } from './writer.js';
import { diagnostic, KpBrevError } from '../diagnostics.js';

export interface RenderState {
  readonly env: EvalEnv;
  readonly writer: WriterOptions;
  readonly itemSegments: ReadonlyMap<ItemToken, Segment[]>;
  /** How many copies each region got the last time it was made (for tables that go with it). */
  readonly copies?: Map<RegionDef, number>;
  /** Writing a region's copy after the first: no bookmarks, paragraph ids or drawing ids again. */
  readonly copy?: boolean;
}

/** Joins a segment list, rendering the groups and regions. `repeated`: the segments are a
 * region's body, written once per item (its groups are written from stencils, stencil.ts). */
export function renderSegments(segments: readonly Segment[], state: RenderState, repeated = false): string {
  if (segments.length === 1 && typeof segments[0] === 'string') return segments[0];
  const pieces: string[] = [];
  renderPieces(segments, state, repeated, pieces);
  let out = '';
  for (const p of pieces) out += p;
  return out;
}

/**
 * The same as pieces, in order: verbatim chunks, groups, and a region's copies one by one. A
 * part with a long list is never one string: V8 makes a string over 128 KB in its large-object
 * space, and flattening one of 200 KB there took longer than writing it (template.ts encodes
 * the pieces into the part's bytes one by one).
 */
export function renderPieces(segments: readonly Segment[], state: RenderState, repeated: boolean, out: string[]): void {
  for (const s of segments) {
    if (typeof s === 'string') out.push(s);
    else if (!('kind' in s)) out.push(repeated && renderTuning.stencils ? renderRepeatedGroup(s, state) : renderGroup(s, state));
    else if (s.kind === 'region') renderRegion(s, state, out);
    else renderTable(s, state, repeated, out);
  }
}

/** Switches for tests that compare the fast paths with the writer's own (not for production). */
export const renderTuning = { stencils: true };

/** A region: its rows or paragraphs once per item, with the item in scope. */
function renderRegion(seg: RegionSegment, state: RenderState, out: string[]): void {
  const env = state.env;
  const regions = env.regions;
  // Without a region runtime (a region the template refuses), the content is written once.
  if (!regions) {
    renderPieces(seg.body, state, false, out);
    return;
  }
  const scopes = regions.itemScopes(seg.region, env, (i) => report(env, seg.region.start, i.code, i.params));
  const fixups = seg.region.fixups;
  const copyState: RenderState = fixups && !state.copy ? { ...state, copy: true } : state;
  for (let i = 0; i < scopes.length; i++) {
    const scope = scopes[i]!;
    regions.stack.push(scope);
    try {
      // In a copy of an enclosing region even the first item is a copy.
      const again = i > 0 || state.copy === true;
      const xml = again ? renderSegments(seg.copyBody, copyState, true) : renderSegments(seg.body, state, true);
      out.push(again && fixups?.drawings ? regions.renumberDrawings(xml) : xml);
    } finally {
      regions.stack.pop();
    }
    finishCopy(scope, env);
  }
  state.copies?.set(seg.region, scopes.length);
  if (scopes.length === 0 && seg.region.keep) out.push(seg.region.keep);
}

/** A table with regions: left out when they are all empty and only header rows would be left. */
function renderTable(seg: TableSegment, state: RenderState, repeated: boolean, out: string[]): void {
  const start = out.length;
  renderPieces(seg.body, state, repeated, out);
  if (seg.table.regions.every((r) => state.copies?.get(r) === 0)) out.length = start;
}

/** A group's stencils, by the shape of its fields' results (stencil.ts); null: it has none. */
interface GroupStencils {
  /** The group's fields in document order (the order they are evaluated in). */
  readonly fields: readonly FieldNode[];
  /** By the shapes' number: three bits of the writer's state, then two bits a field. */
  readonly byShape: Map<number, Stencil | null>;
}

const stencils = new WeakMap<Group, GroupStencils | null>();
/** Shapes recorded per group at most (a field that is sometimes empty makes two). */
const MAX_SHAPES = 16;

function stencilsFor(group: Group, state: RenderState): GroupStencils | null {
  let s = stencils.get(group);
  if (s !== undefined) return s;
  s = null;
  const fields = [...group.fields.values()].sort((a, b) => a.begin - b.begin);
  const tokens = group.story.tokens;
  let plain = fields.length > 0 && fields.length <= MAX_FIELDS && !fields.some(isLive);
  plain &&= !group.story.source.slice(group.start, group.end).includes(HOLE);
  for (let i = group.first; plain && i <= group.last; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'item' && state.itemSegments.has(tok)) plain = false;
  }
  if (plain) s = { fields, byShape: new Map() };
  stencils.set(group, s);
  return s;
}

/** A group of a region's body: its fields evaluated in order, then written from the stencil of
 * their shape when there is one (recorded the first time), else by the writer. */
function renderRepeatedGroup(group: Group, state: RenderState): string {
  const st = stencilsFor(group, state);
  if (!st) return renderGroup(group, state);
  const results: FieldResult[] = [];
  let key = (state.copy ? 1 : 0) + (state.writer.suppressBlankMergeLines ? 2 : 0) + (state.writer.removeEmptyParagraphs ? 4 : 0);
  for (const f of st.fields) {
    const r = evaluate(f, state.env);
    results.push(r);
    const shape = shapeOf(r);
    // The rest is evaluated by the writer's path, in the same order.
    if (shape < 0) return renderGroup(group, state, results);
    key = key * 4 + shape;
  }
  let stencil = st.byShape.get(key);
  if (stencil === undefined && st.byShape.size < MAX_SHAPES) {
    try {
      stencil = stencilOf(writeGroup(group, state, standIns(results)).finish(), results) ?? null;
    } catch (err) {
      if (!(err instanceof StructureError)) throw err;
      stencil = null;
    }
    st.byShape.set(key, stencil);
  }
  return (stencil && fillStencil(stencil, results)) ?? renderGroup(group, state, results);
}

/** A group written by the writer. `known`: results of its first fields, evaluated already. */
function renderGroup(group: Group, state: RenderState, known?: readonly FieldResult[]): string {
  const w = writeGroup(group, state, known);
  try {
    return w.finish();
  } catch (err) {
    if (!(err instanceof StructureError)) throw err;
    const first = [...group.fields.values()][0]!;
    const d = diagnostic('render.structure', { detail: err.message }, locationOf(first, state.env.template));
    // The group is left as it was: that must not leave a refused field in a preview either.
    if ([...group.fields.values()].some((f) => holdsRefused(f, state.env.bookmarks))) throw new KpBrevError('refused', [d]);
    state.env.diagnostics.push(d);
    return group.story.source.slice(group.start, group.end);
  }
}

/** The writer's path, up to the writer's finish (which throws StructureError when a field left a
 * paragraph open). */
function writeGroup(group: Group, state: RenderState, known?: readonly FieldResult[]): XmlWriter {
  let nth = 0;
  const w = new XmlWriter(state.writer);
  const r = new GroupRenderer(group.story, w, state);
  const tokens = group.story.tokens;
  for (let i = group.first; i <= group.last; i++) {
    const f = group.fields.get(i);
    if (!f) {
      // Outside every field: remains of an unclosed field (Word ignores it) do not go out.
      const tok = tokens[i]!;
      if (tok.t === 'item' && (tok.kind === 'begin' || tok.kind === 'sep' || tok.kind === 'end' || tok.kind === 'instr')) continue;
      r.token(i, 'text');
      continue;
    }
    if (isLive(f)) {
      r.live(f, 'text');
    } else {
      // Bookmarks and other range markers inside the field move in front of its result.
      for (let j = f.begin; j <= f.end; j++) {
        const tok = tokens[j]!;
        if (tok.t === 'raw' && tok.marker && !(state.copy && isBookmarkMarker(tok.name))) w.marker(tok.xml);
      }
      const isMerge = f.parsed.instruction.type === 'MERGEFIELD';
      const res = known?.[nth] ?? evaluate(f, state.env);
      nth++;
      if (!isMerge) w.noteField('other', res.empty);
      w.enterField();
      r.hoisted = true;
      r.outs(res.outs, 'text');
      r.hoisted = false;
      w.leaveField();
      w.noteField(isMerge ? 'merge' : 'other', res.empty);
    }
    i = f.end;
  }
  return w;
}

class GroupRenderer {
  /** Range markers were moved in front of the field being written: do not write them again. */
  hoisted = false;

  constructor(
    private readonly story: Story,
    private readonly w: XmlWriter,
    private readonly state: RenderState,
  ) {}

  /** Writes a token. `asResult`: it lies in the result of a field kept live that was nested
   * in an instruction, where Word stores text as w:instrText; in text it becomes w:t. */
  token(i: number, ctx: TextContext, asResult = false): void {
    const tok = this.story.tokens[i]!;
    switch (tok.t) {
      case 'item': {
        if (asResult && ctx === 'text' && tok.kind === 'instr') {
          this.w.text(tok.text, tok.rPr, 'text');
          return;
        }
        const segs = this.state.itemSegments.get(tok);
        const xml = segs ? renderSegments(segs, this.state) : this.story.source.slice(tok.start, tok.end);
        const visible = tok.kind === 'object' || (tok.kind === 'char' && tok.text !== '\t') || (tok.kind === 'text' && /\S/.test(tok.text));
        this.w.runChild(xml, tok.rPr, visible);
        return;
      }
      case 'mark':
        this.w.mark(this.state.copy && tok.openTag.includes('w14:') ? { ...tok, openTag: withoutRepeatedIds(tok.openTag) } : tok);
        return;
      case 'open':
        this.w.open(tok);
        return;
      case 'close':
        this.w.close(tok);
        return;
      case 'raw':
        if (tok.droppable && ctx === 'text') return;
        if (tok.marker && this.hoisted) return;
        if (tok.marker && this.state.copy && isBookmarkMarker(tok.name)) return;
        this.w.raw(tok);
        return;
    }
  }

  outs(outs: readonly Out[], ctx: TextContext): void {
    for (const o of outs) {
      switch (o.o) {
        case 'text':
          this.w.text(o.text, o.rPr, ctx);
          break;
        case 'tab':
          this.w.tab(o.rPr);
          break;
        case 'br':
          this.w.lineBreak(o.rPr);
          break;
        case 'tok':
          this.token(o.i, ctx);
          break;
        case 'live':
          this.live(o.field, ctx);
          break;
      }
    }
  }

  /** Writes a field that stays a field. The values merged into its instruction are written as
   * literal arguments (live-values.ts); a live IF or formula gets a fresh cached result. */
  live(f: FieldNode, ctx: TextContext): void {
    const env = this.state.env;
    const dirty = needsRender(f);
    let prepared: PreparedLive | undefined;
    if (dirty && f.kind === 'complex') {
      const blocking = blockingProblems(f.parsed.problems);
      if (blocking.length) {
        report(env, f, 'render.field-error', { detail: blocking.map((p) => formatMessage(p.code, p.params, env.lang)).join(' ') });
      } else {
        prepared = prepareLive(f, env);
      }
      if (!prepared) {
        // Never the field itself: a marked placeholder in preview, nothing in a refused letter.
        this.outs(placeholder(f, env, formatMessage('render.placeholder-refused', { type: fieldTypeOf(f.parsed.instruction) }, env.lang)).outs, ctx);
        return;
      }
    }
    this.w.markVisible();
    if (f.kind === 'simple') {
      // A w:fldSimple holds its instruction in an attribute: no nested fields, no values.
      const open = this.story.tokens[f.begin]!;
      if (dirty && open.t === 'open' && !/\sw:dirty=/.test(open.xml))
        this.w.open({ ...open, xml: open.xml.replace(/^<w:fldSimple/, '<w:fldSimple w:dirty="true"') });
      else this.token(f.begin, ctx);
      this.region(f.begin + 1, f.end, f.resultChildren, ctx, true);
      this.token(f.end, ctx);
      return;
    }
    // Something inside was filled in, so the cached result may be stale: ask Word to update it.
    const begin = this.story.tokens[f.begin]!;
    const xml = begin.t === 'item' ? this.story.source.slice(begin.start, begin.end) : '';
    if (dirty && begin.t === 'item' && !/\sw:dirty=/.test(xml)) this.w.runChild(xml.replace(/^<w:fldChar/, '<w:fldChar w:dirty="true"'), begin.rPr, false);
    else this.token(f.begin, ctx);
    const stop = f.separate >= 0 ? f.separate : f.end;
    if (prepared) this.instruction(f, stop, prepared);
    else this.region(f.begin + 1, stop, f.children, 'instr', false);
    const fresh = dirty ? resultAsSaved(f, env) : undefined;
    if (f.separate >= 0) {
      this.token(f.separate, ctx);
      if (fresh) this.outs(fresh, ctx);
      else this.region(f.separate + 1, f.end, f.resultChildren, ctx, true);
    } else if (fresh?.length && begin.t === 'item') {
      // Saved without a result: give it one, so what is shown before Word updates it is right.
      this.w.runChild('<w:fldChar w:fldCharType="separate"/>', begin.rPr, false);
      this.outs(fresh, ctx);
    }
    this.token(f.end, ctx);
  }

  /** Tokens from..to with the fields among them written by kind. `asResult`: see token(). */
  private region(from: number, to: number, kids: readonly FieldNode[], ctx: TextContext, asResult: boolean): void {
    const at = new Map(kids.map((k) => [k.begin, k]));
    for (let i = from; i < to; i++) {
      const kid = at.get(i);
      if (kid) {
        if (isLive(kid)) this.live(kid, ctx);
        else this.outs(evaluate(kid, this.state.env).outs, ctx);
        i = kid.end;
      } else {
        this.token(i, ctx, asResult);
      }
    }
  }

  /** A live field's instruction with its values (prepared) and the quotation marks they need. */
  private instruction(f: FieldNode, stop: number, prepared: PreparedLive): void {
    const { values, inserts } = prepared;
    let next = 0;
    let lastRPr = '';
    const insertUpTo = (pos: number, rPr: string): void => {
      while (next < inserts.length && inserts[next]![0] <= pos) this.w.text(inserts[next++]![1], rPr, 'instr');
    };
    const kids = new Map(f.children.map((k) => [k.begin, k]));
    for (let i = f.begin + 1; i < stop; i++) {
      const kid = kids.get(i);
      const tok = this.story.tokens[i]!;
      const at = f.tokenChar.get(i);
      const rPr = tok.t === 'item' ? tok.rPr : lastRPr;
      lastRPr = rPr;
      if (at !== undefined) insertUpTo(at, rPr);
      if (kid) {
        if (isLive(kid)) this.live(kid, 'instr');
        else this.outs(values.get(kid) ?? [], 'instr');
        i = kid.end;
        continue;
      }
      const inside =
        at !== undefined &&
        tok.t === 'item' &&
        (tok.kind === 'instr' || tok.kind === 'text') &&
        next < inserts.length &&
        inserts[next]![0] < at + tok.text.length;
      if (!inside) {
        this.token(i, 'instr');
        continue;
      }
      // A quotation mark goes inside this run's text: split it.
      let from = 0;
      while (next < inserts.length && inserts[next]![0] < at + tok.text.length) {
        const [pos, text] = inserts[next++]!;
        this.w.text(tok.text.slice(from, pos - at), rPr, 'instr');
        this.w.text(text, rPr, 'instr');
        from = pos - at;
      }
      this.w.text(tok.text.slice(from), rPr, 'instr');
    }
    insertUpTo(Infinity, lastRPr);
  }
}
