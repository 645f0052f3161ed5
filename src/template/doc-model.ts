/**
 * What a template's fields read from the document itself: bookmarks (REF, SET, `{ Frist }`,
 * bookmarks in formulas), the place of every field, and (in their own modules) SEQ numbers,
 * table cells, document properties and list numbers. It is prepared once per template, on
 * first use, and shared by every letter; what depends on the case (the text a bookmark holds
 * once its merge fields are filled in, a SET's value) is kept per letter in a LetterState.
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { DocxPackage } from '../ooxml/package.js';
import type { Story } from '../ooxml/tokens.js';
import { fieldTypeOf } from '../fieldcode/index.js';
import { bookmarkRanges, type BookmarkRange } from './bookmarks.js';
import type { DocModel, DocProperties, LetterState, ListNumbers, SeqValue } from './doc-model-types.js';
import { paragraphStyles, type ParagraphStyles } from './paragraph-styles.js';
import { countSequences } from './seq.js';
import { readDocProperties } from './doc-properties.js';
import { storyTables, type StoryTables } from './table-cells.js';
import { isLive } from './live.js';
import { listNumbers } from './list-numbers.js';
import type { RegionDef } from './regions/find.js';

export function newLetterState(): LetterState {
  return { results: new Map(), active: [], sets: new Map() };
}

/** Field types whose value is read by other fields or reads other fields. */
const REFERENCING = new Set(['REF', 'SET', '=', 'COMPARE']);

export function documentModel(
  pkg: DocxPackage,
  stories: readonly Story[],
  fields: readonly FieldNode[],
  bookmarkNames: ReadonlySet<string>,
  regions: readonly RegionDef[] = [],
): DocModel {
  let bookmarks: Map<string, BookmarkRange> | undefined;
  let styles: ParagraphStyles | undefined;
  let sequences: Map<FieldNode, SeqValue> | undefined;
  let properties: DocProperties | undefined;
  let numbers: ListNumbers | undefined;
  let readAgain: Set<FieldNode> | undefined;
  const byStory = new Map<Story, Map<number, FieldNode>>();
  const tables = new Map<Story, StoryTables>();
  const storyIndex = new Map(stories.map((s, i) => [s, i]));
  const referencing = fields.some((f) => {
    const type = fieldTypeOf(f.parsed.instruction);
    return REFERENCING.has(type) || bookmarkNames.has(type);
  });
  const model: DocModel = {
    pkg,
    stories,
    fields,
    regions,
    referencing,
    get bookmarks() {
      return (bookmarks ??= bookmarkRanges(stories));
    },
    get paragraphStyles() {
      return (styles ??= paragraphStyles(pkg));
    },
    tables(story) {
      let t = tables.get(story);
      if (!t) tables.set(story, (t = storyTables(story)));
      return t;
    },
    get properties() {
      return (properties ??= readDocProperties(pkg));
    },
    get listNumbers() {
      return (numbers ??= listNumbers(model));
    },
    readAgain(f) {
      return (readAgain ??= fieldsReadAgain(model)).has(f);
    },
    get sequences() {
      return (sequences ??= countSequences(model));
    },
    fieldsAt(story) {
      let m = byStory.get(story);
      if (!m) {
        m = new Map();
        for (const f of fields) if (f.story === story) m.set(f.begin, f);
        byStory.set(story, m);
      }
      return m;
    },
    position(story, token) {
      return (storyIndex.get(story) ?? stories.length) * 2 ** 32 + token;
    },
  };
  return model;
}

/** The fields DocModel.readAgain answers yes for: worked out once per template. */
function fieldsReadAgain(model: DocModel): Set<FieldNode> {
  const out = new Set<FieldNode>();
  // Token ranges per story (inclusive) whose fields are read again: bookmarks, and the tables
  // formulas are in (a formula reads the cells of its innermost table, nested tables included).
  const ranges = new Map<Story, Array<[number, number]>>();
  const add = (story: Story, from: number, to: number): void => {
    let list = ranges.get(story);
    if (!list) ranges.set(story, (list = []));
    list.push([from, to]);
  };
  for (const b of model.bookmarks.values()) add(b.story, b.start, b.end);
  for (const f of model.fields) {
    if (fieldTypeOf(f.parsed.instruction) !== '=') continue;
    const table = model.tables(f.story).cellAt(f.begin)?.table;
    const open = table?.open === undefined ? undefined : f.story.tokens[table.open];
    if (open?.t === 'open') add(f.story, table!.open!, open.close);
  }
  for (const f of model.fields) {
    let again = (ranges.get(f.story) ?? []).some(([from, to]) => f.end >= from && f.begin <= to);
    for (let g = f.parent; g && !again; g = g.parent) again = isLive(g);
    if (again) out.add(f);
  }
  return out;
}
