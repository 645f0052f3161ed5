/**
 * The linter's one walk over the model (ESLint's traversal): each rule's `create` gives its
 * handlers per node kind, and the walk calls them as it meets the nodes, in the order
 * RuleVisitor (types.ts) describes. Nothing here judges anything.
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { Story } from '../ooxml/tokens.js';
import type { DrawingModel, LinkModel, LintModel, ParagraphModel, TableModel } from './model.js';
import type { RuleVisitor } from './types.js';

type Kind = keyof RuleVisitor;
type Handlers = { [K in Kind]: Array<NonNullable<RuleVisitor[K]>> };

const KINDS: readonly Kind[] = ['document', 'part', 'story', 'region', 'paragraph', 'table', 'drawing', 'link', 'field', 'story:exit', 'document:exit'];

/** A story's nodes of each kind. */
interface StoryNodes {
  paragraphs: ParagraphModel[];
  tables: TableModel[];
  drawings: DrawingModel[];
  links: LinkModel[];
}

/** The model's flat lists, by story (each list is in document order within a story). */
function byStory(model: LintModel): Map<Story, StoryNodes> {
  const map = new Map<Story, StoryNodes>();
  const of = (story: Story): StoryNodes => {
    let nodes = map.get(story);
    if (!nodes) map.set(story, (nodes = { paragraphs: [], tables: [], drawings: [], links: [] }));
    return nodes;
  };
  for (const p of model.paragraphs) of(p.story).paragraphs.push(p);
  for (const t of model.tables) of(t.story).tables.push(t);
  for (const d of model.drawings) of(d.story).drawings.push(d);
  for (const l of model.links) of(l.story).links.push(l);
  return map;
}

/** Calls every visitor's handlers over the model, once each node. */
export function walk(model: LintModel, visitors: readonly RuleVisitor[]): void {
  const on = {} as Handlers;
  for (const kind of KINDS) {
    // Bound to their visitor, in rule order.
    const list: unknown[] = [];
    for (const v of visitors) {
      const h = v[kind] as ((node: never) => void) | undefined;
      if (h) list.push(h.bind(v));
    }
    (on as Record<Kind, unknown[]>)[kind] = list;
  }
  // Counted loops: this one runs for every node and handler of a repository, much of it
  // before V8 optimises it, where `for...of` makes an iterator result per step.
  const each = <T>(handlers: Array<(node: T) => void>, nodes: readonly T[]): void => {
    const count = handlers.length;
    if (!count) return;
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      for (let h = 0; h < count; h++) handlers[h]!(node);
    }
  };
  each(on.document, [model]);
  each(
    on.part,
    model.template.package.storyParts.map((p) => p.part),
  );
  const nodes = byStory(model);
  const none: StoryNodes = { paragraphs: [], tables: [], drawings: [], links: [] };
  for (const plan of model.stories) {
    const mine = nodes.get(plan.story) ?? none;
    each(on.story, [plan]);
    each(on.region, plan.regions);
    each(on.paragraph, mine.paragraphs);
    each(on.table, mine.tables);
    each(on.drawing, mine.drawings);
    each(on.link, mine.links);
    each<FieldNode>(on.field, plan.all);
    each(on['story:exit'], [plan]);
  }
  each(on['document:exit'], [model]);
}
