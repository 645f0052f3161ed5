/**
 * The regions of one letter: the items whose copies are being made (a stack of scopes, one per
 * enclosing region), name resolution inside a region (the current item, then the enclosing
 * items, then the case), `Udgifter:Antal` and `Udgifter:Nummer`, and the state a letter shares
 * across its copies (scopes asked for again, tables expanded for formulas, drawing ids).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { FieldNode } from '../../ooxml/fields.js';
import { lookupValue, type Scalar } from '../../context/context.js';
import type { FieldType, ListDef } from '../catalog-types.js';
import { provides } from '../catalog-types.js';
import type { MessageId } from '../../i18n/index.js';
import type { TableModel } from '../table-cells.js';
import type { RegionDef } from './find.js';
import type { RegionIndex } from './region-index.js';

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
  /** Results of the fields of this copy that other fields read again (see evaluate.ts): made
   * when the first is kept, let go once the copy is made and its cells are recorded. */
  results: KeptResults | undefined;
  /** What the copies of the list share. */
  readonly list: CopiesOfList;
}

/** What the copies of one list share: the cells formulas read, recorded as each copy is made. */
export interface CopiesOfList {
  cells: RecordedCells | undefined;
}

/**
 * The cells of a row region's copies, as formulas read them (regions/cells in
 * template/region-cells.ts): recorded once a copy is made, so a letter keeps a number per cell
 * instead of each copy's field results. By copy (its index) and cell (its w:tc open token).
 */
export interface RecordedCells {
  readonly region: RegionDef;
  /** Cells a copy has; a cell's place among them by its w:tc open token. */
  readonly per: number;
  readonly at: ReadonlyMap<number, number>;
  /** By copy * per + place: the cell's number, and what it holds (0: not recorded, 1: a number,
   * 2: blank, 3: text). */
  readonly values: Float64Array;
  readonly kinds: Uint8Array;
  /** The problems reading a cell reports again (its fields' kept problems, in order), by the
   * same index; rare. */
  readonly again: Map<number, ReadonlyArray<{ readonly problems: readonly Diagnostic[]; readonly missing: number }>>;
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

/** A table as the letter has it (expand.ts): its rows, and the items each row is read with (by
 * the row's number). */
export interface ExpandedTable {
  readonly table: TableModel;
  readonly stacks: readonly Scope[][];
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
      tables: Map<Scope | RegionIndex, Map<TableModel, ExpandedTable>>;
      drawingId: number;
      rowEnvs: Map<object, Map<Scope[], object>>;
      keep: (f: FieldNode) => boolean;
    },
  ) {}

  /** `keep`: whether a field's result is read again, so each copy keeps it (DocModel.readAgain). */
  static create(index: RegionIndex, keep: (f: FieldNode) => boolean = () => true): LetterRegions {
    return new LetterRegions(index, [], { scopes: new Map(), tables: new Map(), drawingId: index.maxDrawingId, rowEnvs: new Map(), keep });
  }

  /** The same letter with another stack (a row of a table read by a formula). */
  withStack(stack: Scope[]): LetterRegions {
    return new LetterRegions(this.index, stack, this.shared);
  }

  /** The tables expanded for formulas (expand.ts), by the innermost copy they are in. */
  get tables(): Map<Scope | RegionIndex, Map<TableModel, ExpandedTable>> {
    return this.shared.tables;
  }

  /**
   * The environments made from `env` to read rows of a table with (formula-field.ts), by the
   * row's items, for the whole letter: the totals of a table read the same rows. Kept in the
   * letter (a WeakMap keyed by the short-lived environment slowed every garbage collection).
   */
  rowEnvs<E extends object>(env: E): Map<Scope[], E> {
    let m = this.shared.rowEnvs.get(env);
    if (!m) this.shared.rowEnvs.set(env, (m = new Map()));
    return m as Map<Scope[], E>;
  }

  /** The items around a field, innermost first: the copies being made of the regions it is in. */
  chainFor(f: FieldNode): Scope[] {
    return this.chainIn(this.index.regionOf(f));
  }

  /** The copies being made of a region and of the regions around it, innermost first. */
  chainIn(region: RegionDef | undefined): Scope[] {
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

  /** The results kept for a field of the copy being made, if it is in a region; null when no
   * other field reads its result again (it is not kept: a letter's heap does not grow with its
   * rows). */
  resultsFor(f: FieldNode): KeptResults | null | undefined {
    const region = this.index.regionOf(f);
    if (!region) return undefined;
    // The innermost copy being made of a region the field is in (no list built: this runs for
    // every field of every copy).
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i]!;
      for (let r: RegionDef | undefined = region; r; r = r.parent) {
        if (r !== s.region) continue;
        if (!this.shared.keep(f)) return null;
        return (s.results ??= new Map());
      }
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
    const copies: CopiesOfList = { cells: undefined };
    if ('issue' in list) {
      issue(list.issue);
      // A preview shows the rows once, with placeholders, so a trainer sees what they hold.
      if (env.preview) scopes.push({ region, item: {}, index: 0, count: 1, path: `${list.path}[0]`, def: list.def, results: undefined, list: copies });
    } else {
      const items = list.items;
      items.forEach((item, index) => {
        const path = `${list.path}[${index}]`;
        let obj: Record<string, unknown> = {};
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) obj = item as Record<string, unknown>;
        else issue({ code: 'render.list-item-not-object', params: { item: path, list: list.path } });
        scopes!.push({ region, item: obj, index, count: items.length, path, def: list.def, results: undefined, list: copies });
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
    const region = this.index.regionOf(f);
    if (!region) return undefined;
    const catalog = env.rules?.catalog;
    // The copies around the field, innermost first (chainFor, without making the list: this
    // runs for every field of every copy).
    let innermost: Scope | undefined;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i]!;
      if (!within(region, s.region)) continue;
      innermost ??= s;
      // `Udgifter.Beskrivelse` names the item of Udgifter explicitly.
      const qualified = afterList(name, s.region.name);
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
    if (!innermost || catalog) return undefined;
    // Without a catalog: a name neither the items nor the case have is the current item's.
    if (lookupValue(env.ctx.fields, name) !== undefined) return undefined;
    return missing(innermost, name);
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

  /** Drawings in a copy after the first get fresh ids (wp:docPr ids are unique per document). */
  renumberDrawings(xml: string): string {
    return xml.replace(/(<wp:docPr\b[^>]*?\sid=")\d+"/g, (_m, head: string) => `${head}${++this.shared.drawingId}"`);
  }
}

/** The region is `outer` or lies inside it. */
function within(region: RegionDef, outer: RegionDef): boolean {
  for (let r: RegionDef | undefined = region; r; r = r.parent) if (r === outer) return true;
  return false;
}

/** `Udgifter:Antal` in a template without regions: the number of items of the case's list. */
export function listCount(prop: { list: string; what: 'Antal' | 'Nummer' }, env: RegionEnv): { value: number } | { issue: RegionIssue } {
  if (prop.what === 'Nummer') return { issue: { code: 'render.list-number-outside', params: { field: `${prop.list}:Nummer`, list: prop.list } } };
  const list = resolveList(prop.list, [], env);
  return 'issue' in list ? { issue: list.issue } : { value: list.items.length };
}

/** `Beskrivelse` of `Udgifter.Beskrivelse` when the list is Udgifter; else undefined. */
function afterList(name: string, list: string): string | undefined {
  // Every field of every copy asks: no string is made for a name that is not qualified.
  return name.length > list.length && name.charCodeAt(list.length) === 46 && name.startsWith(list) ? name.slice(list.length + 1) : undefined;
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
