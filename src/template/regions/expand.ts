/**
 * A table as the letter has it, for a formula in it (`{ = SUM(ABOVE) }` after a region, `B3`):
 * the rows of its regions repeated once per item, each row with the items its fields are read
 * with. Built once per letter (and per copy of the regions around the table) and shared.
 */
import type { FieldNode } from '../../ooxml/fields.js';
import type { TableCell, TableModel, TableRow } from '../table-cells.js';
import type { RegionDef } from './find.js';
import type { RegionIndex } from './region-index.js';
import type { ExpandedTable, LetterRegions, RegionEnv, RegionIssue, Scope } from './scope.js';

/**
 * A table as the letter has it, for a formula in it: the rows of its regions repeated once per
 * item, each row with the items its fields are read with. `here` is the formula's cell in it.
 */
export function expandTable(
  letter: LetterRegions,
  here: TableCell,
  f: FieldNode,
  env: RegionEnv,
  issue: (region: RegionDef, i: RegionIssue) => void,
): { here: TableCell; stackOf(cell: TableCell): Scope[] } | undefined {
  const template = here.table;
  if (template.open === undefined) return undefined;
  const all = letter.index.rowRegions(template.story, template.open);
  if (!all.length) return undefined;
  const top = all.filter((r) => !(r.parent?.table && r.parent.table.open === r.table!.open));
  // The copies of the regions around the table that are being made.
  const around = letter.chainIn(top[0]!.parent).reverse();
  // The letter's table is the same for every formula in it (three totals read it once).
  const key: Scope | RegionIndex = around[around.length - 1] ?? letter.index;
  let byTable = letter.tables.get(key);
  if (!byTable) letter.tables.set(key, (byTable = new Map()));
  let built = byTable.get(template);
  if (!built) byTable.set(template, (built = buildTable(letter, template, top, around, env, issue)));
  const { table, stacks } = built;
  const mine = new Set(letter.chainFor(f));
  let at: TableCell | undefined;
  for (const row of table.rows) {
    const stack = stacks[row.cells[0]!.row] ?? around;
    if (row.open !== template.rows[here.row]!.open || !stack.every((s) => around.includes(s) || mine.has(s))) continue;
    at = row.cells[here.col];
    break;
  }
  if (!at) return undefined;
  return { here: at, stackOf: (cell) => (cell.table === table ? stacks[cell.row] : undefined) ?? around };
}

function buildTable(
  letter: LetterRegions,
  template: TableModel,
  top: readonly RegionDef[],
  around: Scope[],
  env: RegionEnv,
  issue: (region: RegionDef, i: RegionIssue) => void,
): ExpandedTable {
  const rowIndex = new Map(template.rows.map((r, i) => [r.open, i]));
  const table: TableModel = { story: template.story, ...(template.open !== undefined ? { open: template.open } : {}), rows: [] };
  const stacks: Scope[][] = [];
  // Each row of the letter's table straight away (a thousand rows are a thousand rows of cells).
  const push = (row: TableRow, stack: Scope[]): void => {
    const k = table.rows.length;
    const cells: TableCell[] = [];
    for (const c of row.cells) cells.push({ table, row: k, col: c.col, open: c.open, close: c.close });
    table.rows.push({ cells, header: row.header, open: row.open });
    stacks.push(stack);
  };
  const emit = (from: number, to: number, regions: readonly RegionDef[], stack: Scope[]): void => {
    for (let r = from; r <= to;) {
      const region = regions.find((g) => rowIndex.get(g.table!.rows[0]!) === r);
      if (!region) {
        push(template.rows[r]!, stack);
        r++;
        continue;
      }
      const first = r;
      const last = rowIndex.get(region.table!.rows[region.table!.rows.length - 1]!) ?? r;
      const inner = letter.withStack(stack).itemScopes(region, env, (i) => issue(region, i));
      const nested = region.children.filter((c) => c.table?.open === template.open);
      for (const s of inner) emit(first, last, nested, [...stack, s]);
      r = last + 1;
    }
  };
  emit(0, template.rows.length - 1, top, around);
  return { table, stacks };
}
