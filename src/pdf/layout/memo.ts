/**
 * A paragraph's lines kept across letters (issue 16): a paragraph the template's block cache
 * holds (model/block-cache.ts) is the same in every letter, and so are its lines at a width, so
 * they are broken once. Kept only when breaking them warned of nothing; the looks the lines
 * were measured with are asked for again for each letter, in the same order, so that a
 * substituted font is still reported where it was (the letter's Looks reports each once).
 */
import type { RunProps } from '../../ooxml/styles/run-props.js';
import type { ParagraphBlock } from '../model/types.js';
import type { LineContext } from './line-context.js';
import { layoutLines, type Line } from './lines.js';

interface KeptLines {
  lines: Line[];
  /** The runs whose looks the lines use, in the order they were first asked for. */
  runs: RunProps[];
}

/** The paragraph's lines at a width: kept ones when the paragraph carries a memo, else broken now. */
export function linesOf(block: ParagraphBlock, width: number, ctx: LineContext): Line[] {
  const memo = block.memo;
  if (!memo) return layoutLines(block, width, ctx, block.source);
  const kept = memo.lines.get(width) as KeptLines | null | undefined;
  if (kept) {
    for (const run of kept.runs) ctx.looks.look(run, block.source);
    memo.hit();
    return kept.lines;
  }
  if (kept === null || memo.lines.size >= memo.widthsKept) return layoutLines(block, width, ctx, block.source);
  const runs: RunProps[] = [];
  const seen = new Set<RunProps>();
  let warned = false;
  const recording: LineContext = {
    ...ctx,
    looks: {
      look: (run, where) => {
        if (!seen.has(run)) {
          seen.add(run);
          runs.push(run);
        }
        return ctx.looks.look(run, where);
      },
    },
    warn: (code, params, where) => {
      warned = true;
      ctx.warn?.(code, params, where);
    },
  };
  const lines = layoutLines(block, width, recording, block.source);
  memo.lines.set(width, warned ? null : { lines, runs });
  if (!warned) memo.keep(estimateLines(lines, runs.length));
  return lines;
}

/** A rough size of kept lines in bytes. */
function estimateLines(lines: readonly Line[], runs: number): number {
  let n = 64 + runs * 8;
  for (const l of lines) {
    n += 120;
    for (const p of l.pieces) n += 160 + (p.kind === 'text' ? p.text.length * 2 + p.codes.length * 8 + p.advances.length * 16 + p.spaces.length * 8 : 0);
  }
  return n;
}
