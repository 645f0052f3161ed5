/**
 * Regions against the catalog's lists: which list a region repeats over (nested lists are an
 * enclosing list's items' own), and which lists have an item field of a name. For the linter's
 * region rules.
 */
import type { ListDef } from '../catalog-types.js';
import type { RegionDef } from './find.js';

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
