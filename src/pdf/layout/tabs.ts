/**
 * Where the atoms of a candidate line stand, with its tab stops resolved (left, center,
 * right, decimal; the implicit stop at a hanging indent; default stops), and where its
 * content ends: what line filling measures and what a built line's pieces are placed by.
 */
import type { TabStop } from '../model/props.js';
import { isSpace, type Atom } from './atoms.js';

export interface Sim {
  /** x after the last non-space atom. */
  contentEnd: number;
  /** x positions of each atom (start), and tab targets. */
  xs: number[];
  tabInfo: Map<number, { stop: TabStop | undefined; from: number; to: number }>;
}

/** Next tab stop after x: custom stops, the hanging indent, then default stops from the margin. */
function nextStop(x: number, tabs: TabStop[], left: number, indFirst: number, defaultTab: number, first: boolean): TabStop {
  for (const t of tabs) if (t.pos > x + 0.01) return t;
  if (first && indFirst < 0 && left > x + 0.01) return { pos: left, kind: 'left', leader: 'none' };
  const lastCustom = tabs.length ? tabs[tabs.length - 1]!.pos : 0;
  const base = Math.max(x, lastCustom);
  const n = Math.floor(base / defaultTab + 1e-6) + 1;
  return { pos: n * defaultTab, kind: 'left', leader: 'none' };
}

/** Where a candidate line's content ends, extended one atom at a time (line filling), so that
 * trying every break opportunity of a line costs the line's length, not its square. The
 * arithmetic is simulate's step for step (only trailing spaces after a tab are summed forwards
 * here, backwards there). */
export class LineCursor {
  private x: number;
  private end: number;
  private pending: { stop: TabStop; startX: number; w: number; decimalAt: number; trail: number } | undefined;

  constructor(
    private readonly atoms: Atom[],
    x0: number,
    private readonly tabs: TabStop[],
    private readonly left: number,
    private readonly defaultTab: number,
    private readonly first: boolean,
    private readonly indFirst: number,
  ) {
    this.x = x0;
    this.end = x0;
  }

  /** Adds atom k (the atom after the last one added). */
  push(k: number): void {
    const a = this.atoms[k]!;
    if (a.cp === 9) {
      this.settle();
      const stop = nextStop(this.x, this.tabs, this.left, this.indFirst, this.defaultTab, this.first);
      if (stop.kind === 'left') this.x = stop.pos;
      else this.pending = { stop, startX: this.x, w: 0, decimalAt: -1, trail: 0 };
      this.end = Math.max(this.end, this.x);
      return;
    }
    const p = this.pending;
    if (p) {
      if (p.stop.kind === 'decimal' && p.decimalAt < 0 && a.ch === ',') p.decimalAt = p.w;
      p.w += a.width;
      p.trail = isSpace(a.cp) ? p.trail + a.width : 0;
    }
    this.x += a.width;
    if (!isSpace(a.cp) && a.cp !== 10) this.end = this.x;
  }

  /** x after the last non-space atom of the atoms added so far, text after a tab settled. */
  contentEnd(): number {
    const p = this.pending;
    if (!p) return this.end;
    return Math.max(this.end, this.x + (targetOf(p) - p.startX) - p.trail);
  }

  private settle(): void {
    const p = this.pending;
    if (!p) return;
    this.x += targetOf(p) - p.startX;
    this.end = Math.max(this.end, this.x - p.trail);
    this.pending = undefined;
  }
}

/** Where text after a right, center or decimal tab starts so that it ends, centres or has its
 * decimal separator (the comma of Danish numbers, 1.234,50) at the stop; never before the tab. */
function targetOf(p: { stop: TabStop; startX: number; w: number; decimalAt: number; trail: number }): number {
  const { stop, startX, w, decimalAt, trail } = p;
  const textW = w - trail;
  const shiftTo =
    stop.kind === 'right' ? stop.pos - textW : stop.kind === 'center' ? stop.pos - textW / 2 : decimalAt >= 0 ? stop.pos - decimalAt : stop.pos - textW;
  return Math.max(startX, shiftTo);
}

/**
 * Positions of atoms [from, to) on a line starting at x0, with tabs resolved: text after a
 * right, center or decimal tab is shifted so that it ends, centres or has its decimal
 * separator at the stop.
 */
export function simulate(
  atoms: Atom[],
  from: number,
  to: number,
  x0: number,
  tabs: TabStop[],
  left: number,
  defaultTab: number,
  first: boolean,
  indFirst: number,
): Sim {
  const xs: number[] = new Array(to - from);
  const tabInfo = new Map<number, { stop: TabStop | undefined; from: number; to: number }>();
  let x = x0;
  let contentEnd = x0;
  let pending: { index: number; stop: TabStop; startX: number; firstAtom: number } | undefined;
  const settle = (endIndex: number): void => {
    if (!pending) return;
    const { stop, startX, firstAtom } = pending;
    let w = 0;
    let decimalAt = -1;
    for (let k = firstAtom; k < endIndex; k++) {
      const a = atoms[k]!;
      if (stop.kind === 'decimal' && decimalAt < 0 && a.ch === ',') decimalAt = w;
      w += a.width;
    }
    let trail = 0;
    for (let k = endIndex - 1; k >= firstAtom && isSpace(atoms[k]!.cp); k--) trail += atoms[k]!.width;
    const target = targetOf({ stop, startX, w, decimalAt, trail });
    const delta = target - startX;
    for (let k = firstAtom; k < endIndex; k++) xs[k - from]! += delta;
    tabInfo.get(pending.index)!.to = target;
    x += delta;
    contentEnd = Math.max(contentEnd, x - trail);
    pending = undefined;
  };
  for (let k = from; k < to; k++) {
    const a = atoms[k]!;
    if (a.cp === 9) {
      settle(k);
      const stop = nextStop(x, tabs, left, indFirst, defaultTab, first);
      xs[k - from] = x;
      tabInfo.set(k, { stop, from: x, to: stop.pos });
      if (stop.kind === 'left') {
        x = stop.pos;
      } else {
        pending = { index: k, stop, startX: x, firstAtom: k + 1 };
      }
      contentEnd = Math.max(contentEnd, x);
      continue;
    }
    xs[k - from] = x;
    x += a.width;
    if (!isSpace(a.cp) && a.cp !== 10) contentEnd = x;
  }
  settle(to);
  return { contentEnd, xs, tabInfo };
}
