/**
 * Rendering a compiled template: evaluate the fields of each group, write the group, stitch
 * the verbatim chunks around it, zip. Parts without fields are not touched: their compressed
 * bytes go into the letter as they are.
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { ItemToken, Story } from '../ooxml/tokens.js';
import type { Group, Segment } from './plan.js';
import { evaluate, isLive, type EvalEnv } from './evaluate.js';
import type { Out } from './outs.js';
import { locationOf } from './report.js';
import { needsRender } from './live.js';
import { StructureError, XmlWriter, type TextContext, type WriterOptions } from './writer.js';
import { diagnostic } from '../diagnostics.js';

export interface RenderState {
  readonly env: EvalEnv;
  readonly writer: WriterOptions;
  readonly itemSegments: ReadonlyMap<ItemToken, Segment[]>;
}

/** Joins a segment list, rendering the groups. */
export function renderSegments(segments: readonly Segment[], state: RenderState): string {
  if (segments.length === 1 && typeof segments[0] === 'string') return segments[0];
  let out = '';
  for (const s of segments) out += typeof s === 'string' ? s : renderGroup(s, state);
  return out;
}

function renderGroup(group: Group, state: RenderState): string {
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
        if (tok.t === 'raw' && tok.marker) w.marker(tok.xml);
      }
      const isMerge = f.parsed.instruction.type === 'MERGEFIELD';
      const res = evaluate(f, state.env);
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
  try {
    return w.finish();
  } catch (err) {
    if (!(err instanceof StructureError)) throw err;
    const first = [...group.fields.values()][0]!;
    state.env.diagnostics.push(diagnostic('render.structure', { detail: err.message }, locationOf(first, state.env.template)));
    return group.story.source.slice(group.start, group.end);
  }
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
        this.w.mark(tok);
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

  /** Writes a field that stays a field, with the merge fields inside it evaluated. */
  live(f: FieldNode, ctx: TextContext): void {
    const nested = (child: FieldNode, inner: TextContext): void => {
      if (isLive(child)) this.live(child, inner);
      else this.outs(evaluate(child, this.state.env).outs, inner);
    };
    const region = (from: number, to: number, kids: readonly FieldNode[], inner: TextContext, asResult: boolean): void => {
      const at = new Map(kids.map((k) => [k.begin, k]));
      for (let i = from; i < to; i++) {
        const kid = at.get(i);
        if (kid) {
          nested(kid, inner);
          i = kid.end;
        } else {
          this.token(i, inner, asResult);
        }
      }
    };
    this.w.markVisible();
    // Something inside was filled in, so the cached result may be stale: ask Word to update it.
    const dirty = needsRender(f);
    if (f.kind === 'simple') {
      const open = this.story.tokens[f.begin]!;
      if (dirty && open.t === 'open' && !/\sw:dirty=/.test(open.xml)) this.w.open({ ...open, xml: open.xml.replace(/^<w:fldSimple/, '<w:fldSimple w:dirty="true"') });
      else this.token(f.begin, ctx);
      region(f.begin + 1, f.end, f.resultChildren, ctx, true);
      this.token(f.end, ctx);
      return;
    }
    const begin = this.story.tokens[f.begin]!;
    const xml = begin.t === 'item' ? this.story.source.slice(begin.start, begin.end) : '';
    if (dirty && begin.t === 'item' && !/\sw:dirty=/.test(xml)) this.w.runChild(xml.replace(/^<w:fldChar/, '<w:fldChar w:dirty="true"'), begin.rPr, false);
    else this.token(f.begin, ctx);
    const stop = f.separate >= 0 ? f.separate : f.end;
    region(f.begin + 1, stop, f.children, 'instr', false);
    if (f.separate >= 0) {
      this.token(f.separate, ctx);
      region(f.separate + 1, f.end, f.resultChildren, ctx, true);
    }
    this.token(f.end, ctx);
  }
}
