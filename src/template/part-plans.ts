/**
 * A template's story parts compiled (document, headers, footers, notes): each story root
 * flattened (ooxml/flatten.ts), its fields read and its groups and regions planned (plan.ts);
 * and what the compiled parts are estimated to hold in memory (the cache of compiled letters
 * counts it).
 */
import { flattenStory } from '../ooxml/flatten.js';
import type { DocxPackage, StoryKind } from '../ooxml/package.js';
import type { SharedParts } from '../ooxml/shared-parts.js';
import type { Story } from '../ooxml/tokens.js';
import { elements, type XElement } from '../ooxml/xml.js';
import { planStory, type PlannedStories } from './plan.js';

/** A story part as compiled: its stories with their fields, groups and regions. */
export interface PartPlan {
  part: string;
  kind: StoryKind;
  /** The part's stories (body, header, notes), each with its text boxes, depth first. */
  planned: PlannedStories;
  /** The story roots of the part (without their text boxes). */
  roots: Story[];
}

/** Compiles every story part of a package (a run's shared parts give the parsed instructions). */
export function planParts(pkg: DocxPackage, shared?: SharedParts): PartPlan[] {
  const parts: PartPlan[] = [];
  for (const { part, kind } of pkg.storyParts) {
    const source = pkg.text(part);
    const planned: PlannedStories = { plans: [], ...(shared ? { parse: shared.instruction } : {}) };
    let boxes = 0;
    const labeler = { nextTextBox: () => `tekstboks ${++boxes}` };
    const roots: Story[] = [];
    for (const { el, label } of storyRoots(pkg.xml(part), kind)) {
      const story = flattenStory(el, source, part, label, labeler);
      roots.push(story);
      planStory(story, planned);
    }
    parts.push({ part, kind, planned, roots });
  }
  return parts;
}

function storyRoots(root: XElement, kind: StoryKind): Array<{ el: XElement; label: string }> {
  if (kind === 'document') {
    const body = elements(root).find((e) => e.name === 'w:body');
    return body ? [{ el: body, label: '' }] : [];
  }
  if (kind === 'header' || kind === 'footer') return [{ el: root, label: '' }];
  const noteName = kind === 'footnotes' ? 'w:footnote' : 'w:endnote';
  const label = kind === 'footnotes' ? 'fodnote' : 'slutnote';
  return elements(root)
    .filter((e) => e.name === noteName)
    .map((e) => ({ el: e, label: `${label} ${e.attrs['w:id'] ?? ''}`.trim() }));
}

/**
 * Per token of a story: its object, its strings (text, run properties) and its share of the
 * paragraph and field tables, and of what a PDF keeps per package (styles, lists); measured
 * over the large repository's compiled letters (heap after garbage collection, after a .docx
 * and a PDF of each: 340 KB a letter; bench/memory.ts), rounded up.
 */
const BYTES_PER_TOKEN = 300;
const BYTES_PER_FIELD = 2000;

/** The package's bytes, the story texts (held by the plan's verbatim chunks) and the tokens. */
export function estimateBytes(pkg: DocxPackage, parts: readonly PartPlan[]): number {
  let bytes = 0;
  for (const entry of pkg.archive.entries.values()) bytes += entry.raw.length;
  const seen = new Set<Story>();
  const count = (story: Story): void => {
    if (seen.has(story)) return;
    seen.add(story);
    bytes += story.source.length + story.tokens.length * BYTES_PER_TOKEN;
    for (const sub of story.subStories) count(sub);
  };
  for (const p of parts)
    for (const s of p.planned.plans) {
      count(s.story);
      bytes += s.all.length * BYTES_PER_FIELD;
    }
  return bytes;
}
