/**
 * A field's result as a letter keeps it for the fields that read it again (evaluate.ts): as it
 * is, or with the problems it reported. Below the evaluator, so what reads kept results without
 * evaluating (region-cells.ts) need not import it.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { FieldResult } from './outs.js';

/** A kept result with the problems it reported (and the missing fields it counted), which every
 * reader reports again. */
export class KeptWithProblems {
  constructor(
    readonly result: FieldResult,
    readonly problems: Diagnostic[],
    readonly missing: number,
  ) {}
}
