/**
 * The fields that calculate: `{ = expression }` (formula.ts reads the expression; table cells and
 * bookmarks come from the document) and `{ COMPARE a op b }`, which gives 1 or 0 by the same
 * comparison as IF. Where Word gives an error result (`!Zero Divide`, `!Syntax Error, ;`...),
 * so does kp-brev (word-errors.ts).
 */
import { argumentText, type Argument, type OperatorItem, type OtherInstruction, type Switch } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { displayNumber } from '../format/number.js';
import { formatNumberPicture } from '../format/number-picture.js';
import type { EvalEnv, Evaluation } from './eval-env.js';
import { evaluateFormula, FormulaDepthError, FormulaError, type FormulaRefs } from './formula.js';
import { bookmarkText } from './refs.js';
import { piecesText, rangePieces, type RangePiece } from './bookmarks.js';
import { cellReferences, cellValue, type TableCell } from './table-cells.js';
import { expandTable } from './regions/expand.js';
import { recordedValue } from './region-cells.js';
import { shownText, textOuts, type FieldResult } from './outs.js';
import { fieldResultRPr } from './run-props.js';
import { applyCaseFormats } from './values.js';
import { applyPicture } from './if-switches.js';
import { compare } from './compare.js';
import { wordError } from './word-errors.js';
import { placeholder, report } from './report.js';

const switchesOf = (ins: OtherInstruction): Switch[] => ins.items.filter((i): i is Switch => i.type === 'switch');

/** The pieces of the template's table cells (by their w:tc open token), per story's fields. */
const cellPieces = new WeakMap<ReadonlyMap<number, FieldNode>, Map<number, RangePiece[]>>();

/** What a formula field reads: the cells of its table, and bookmarks. */
function formulaRefs(f: FieldNode, env: EvalEnv, ev: Evaluation): FormulaRefs {
  const machine = ev.locales(f, env).number;
  const textOf = (g: FieldNode): string => {
    const r = ev.field(g, env);
    return r.stored ?? shownText(g, r.outs);
  };
  const refs: FormulaRefs = {
    bookmark(name) {
      const text = bookmarkText(name, env, ev);
      if (text === undefined) return undefined;
      const v = cellValue(text, machine);
      return typeof v === 'number' ? v : 0;
    },
  };
  const doc = env.doc;
  const here = doc?.tables(f.story).cellAt(f.begin);
  if (!doc || !here) return refs;
  const fieldsAt = doc.fieldsAt(f.story);
  let pieces = cellPieces.get(fieldsAt);
  if (!pieces) cellPieces.set(fieldsAt, (pieces = new Map()));
  const known = pieces;
  // A cell's text is read as a bookmark around it is (bookmarks.ts); what it is made of is the
  // same for every letter and every copy of a row, so it is worked out once per cell.
  const cellText = (cell: TableCell, read: (g: FieldNode) => string): string => {
    let p = known.get(cell.open);
    if (!p) known.set(cell.open, (p = rangePieces({ name: '', story: f.story, start: cell.open, end: cell.close }, fieldsAt)));
    return piecesText(p, read);
  };
  // A table with regions is read as the letter has it: each repeated row with its item.
  const regions = env.regions;
  const expanded = regions ? expandTable(regions, here, f, env, (region, i) => report(env, region.start, i.code, i.params)) : undefined;
  if (regions && expanded) {
    // An environment is read only: the totals of a table share the rows' environments.
    const envs = regions.rowEnvs(env);
    const envOf = (cell: TableCell): EvalEnv => {
      const stack = expanded.stackOf(cell);
      let e = envs.get(stack);
      if (!e) envs.set(stack, (e = { ...env, regions: regions.withStack(stack) }));
      return e;
    };
    return {
      ...refs,
      ...cellReferences(
        expanded.here,
        machine,
        (cell) => {
          const e = envOf(cell);
          return cellText(cell, (g) => {
            const r = ev.field(g, e);
            return r.stored ?? shownText(g, r.outs);
          });
        },
        // The copies made already were recorded (their results are let go).
        (cell) => recordedValue(expanded.stackOf(cell), cell, env),
      ),
    };
  }
  return { ...refs, ...cellReferences(here, machine, (cell) => cellText(cell, textOf)) };
}

/** `{ = expression [\# picture] }`: computed, then shown with its picture or as Word does
 * without one (at most two decimals). */
export function formulaField(f: FieldNode, ins: OtherInstruction, env: EvalEnv, ev: Evaluation): FieldResult {
  const locales = ev.locales(f, env);
  let expr = '';
  for (const item of ins.items) {
    if (item.type === 'operator') expr += ` ${item.value} `;
    else if (item.type === 'argument') expr += ` ${ev.argument(f, item, env)} `;
  }
  let value: number;
  try {
    value = evaluateFormula(expr, locales.number, formulaRefs(f, env, ev));
  } catch (err) {
    if (err instanceof FormulaDepthError) {
      report(env, f, 'render.formula-depth', { limit: err.limit });
      return placeholder(f, env, '=');
    }
    if (err instanceof FormulaError) return wordError(f, env, err.kind, err.detail);
    throw err;
  }
  const switches = switchesOf(ins);
  const picture = switches.find((s) => s.name === '#' && s.argument);
  const text = picture
    ? formatNumberPicture(value, argumentText(picture.argument!), locales.number)
    : displayNumber(Math.round(value * 100) / 100, locales.number);
  return finish(f, env, text, switches, '=', ev);
}

/** `{ COMPARE a op b }`: 1 when the comparison holds, else 0 (IF's comparison). */
export function compareField(f: FieldNode, ins: OtherInstruction, env: EvalEnv, ev: Evaluation): FieldResult {
  const args = ins.items.filter((i): i is Argument => i.type === 'argument');
  const op = ins.items.find((i): i is OperatorItem => i.type === 'operator');
  if (!op || args.length < 2) return wordError(f, env, 'missing-condition');
  const locales = ev.locales(f, env);
  const holds = compare(ev.argument(f, args[0], env), op.value, ev.argument(f, args[1], env), locales.number);
  const switches = switchesOf(ins);
  const value = holds ? '1' : '0';
  return finish(f, env, applyPicture(value, switches, locales) ?? value, switches, 'COMPARE', ev);
}

function finish(f: FieldNode, env: EvalEnv, text: string, switches: readonly Switch[], name: string, ev: Evaluation): FieldResult {
  const cased = applyCaseFormats(text, switches, ev.locales(f, env), name);
  if (!cased.ok) {
    report(env, f, cased.code, cased.params);
    return placeholder(f, env, name);
  }
  env.stats.merged++;
  return { outs: textOuts(cased.text, fieldResultRPr(f, switches)), text: cased.text, empty: cased.text === '' };
}
