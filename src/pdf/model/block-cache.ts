/**
 * The paragraphs and tables of a template that no field changes, read once per template
 * version instead of once per letter (issue 16). A block at the top of a story (the body, a
 * header, a footer) whose XML text in the letter is the text of one of the template's own
 * blocks is the same in every letter made from it: its model is kept with the template's
 * package (one cache per package, so a new template version starts empty) and, through the
 * `memo` it carries, so are its lines at each width (layout/memo.ts).
 *
 * Only blocks that are read without consequences elsewhere are kept: no warning, no link (links
 * are numbered per letter), no footnote, no text box. List paragraphs are kept: each letter
 * numbers their labels again (the list counts on in the letter), and a label that comes out
 * otherwise than when it was kept replaces it, without the kept lines. A kept block is
 * given the letter's own places (template name, part, paragraph number) each time it is used,
 * so the warnings the layout gives for it point where they always did.
 */
import type { Location } from '../../diagnostics.js';
import { derivedOf } from '../../ooxml/derived.js';
import type { DocxPackage } from '../../ooxml/package.js';
import { child, elements, parseXml, type XElement } from '../../ooxml/xml.js';
import { mergeRun } from '../../ooxml/styles/run-props.js';
import type { ListLabel } from './numbering.js';
import type { Block, Inline, ParagraphBlock, ParagraphMemo } from './types.js';

/** A block as kept: what was read, and the paragraph counter around it. */
export interface KeptBlocks {
  /** The blocks the element gave (a paragraph and what it brought along, or a table). */
  blocks: Block[];
  /** The paragraph counter before the element was read, and how many paragraphs it counted. */
  base: number;
  paragraphs: number;
  /** It holds a page-number field (the layout runs twice). */
  pageFields: boolean;
  /** Its list labels in reading order, when it has any. */
  lists?: ListLabel[];
}

/** A part's own blocks by their XML text (keys are slices of the template's text, so a letter's text is not kept): kept, `null` when it cannot be kept, `undefined` until read. */
type PartCache = Map<string, KeptBlocks | null | undefined>;

/** One of a part's own top-level blocks, by where it starts in the template's part. */
export interface TemplateBlock {
  /** Its XML text (the key of PartCache). */
  key: string;
  name: string;
  attrs: Readonly<Record<string, string>>;
  /** Lengths of its start tag and of the whole element. */
  openLength: number;
  length: number;
  /** What parsing it counts against the limits: elements, paragraphs, fields (ContentCounter). */
  counts: readonly [number, number, number];
  /** A paragraph that ends a section (the reader needs its sectPr). */
  sectionBreak: boolean;
}

/** Counters (tests prove with them that the cache is used; the metrics could read them). */
export interface BlockCacheStats {
  /** Blocks taken from the cache / read and kept / read because they are the letter's own or cannot be kept. */
  hits: number;
  kept: number;
  read: number;
  /** Paragraph lines taken from the cache / broken and kept. */
  lineHits: number;
  linesKept: number;
  /** Kept blocks the letter held as the template's text unchanged, taken without parsing them again (read.ts). */
  unparsed: number;
  /** Estimated bytes kept. */
  bytes: number;
}

/** At most this many widths of one paragraph keep their lines (a paragraph is laid out at one or two). */
const WIDTHS_KEPT = 4;

export class BlockCache {
  private readonly parts = new Map<string, PartCache>();
  /** The lengths of each part's own blocks' texts. */
  private readonly lengths = new Map<string, Set<number>>();
  /** Each part's own blocks by their offset in the part. */
  private readonly starts = new Map<string, Map<number, TemplateBlock>>();
  readonly stats: BlockCacheStats = { hits: 0, kept: 0, read: 0, lineHits: 0, linesKept: 0, unparsed: 0, bytes: 0 };

  constructor(private readonly pkg: DocxPackage) {}

  /** The part's own block that starts at this offset of the template's part. */
  blockAt(part: string, offset: number): TemplateBlock | undefined {
    this.part(part);
    return this.starts.get(part)!.get(offset);
  }

  /** The kept blocks for a top-level element of a part with this XML text; `undefined` when it is the letter's own, `null` when it cannot be kept. */
  lookup(part: string, text: string): KeptBlocks | null | undefined {
    const p = this.part(part);
    // A text of no template block's length is the letter's own: no need to hash it.
    return this.lengths.get(part)!.has(text.length) ? p.get(text) : undefined;
  }

  /** Keeps what one of the template's blocks gave (or that it cannot be kept). */
  keep(part: string, text: string, kept: KeptBlocks | null): void {
    const p = this.part(part);
    if (!p.has(text) || p.get(text) !== undefined) return;
    p.set(text, kept);
    if (!kept) return;
    for (const b of kept.blocks) this.prepare(b);
    this.count(estimateBlocks(kept.blocks));
    this.stats.kept++;
  }

  count(bytes: number): void {
    this.stats.bytes += bytes;
    derivedOf(this.pkg).grow(bytes);
  }

  /** The template's own top-level blocks of a part, as XML text (parsed once). */
  private part(part: string): PartCache {
    let p = this.parts.get(part);
    if (!p) {
      p = new Map();
      const starts = new Map<number, TemplateBlock>();
      if (this.pkg.has(part)) {
        const text = this.pkg.text(part);
        const root = parseXml(text, part);
        const container = part === this.pkg.mainPart ? child(root, 'w:body') : root;
        for (const el of container ? elements(container) : []) {
          if (el.name !== 'w:p' && el.name !== 'w:tbl') continue;
          const key = text.slice(el.start, el.end);
          p.set(key, undefined);
          const pPr = el.name === 'w:p' ? child(el, 'w:pPr') : undefined;
          starts.set(el.start, {
            key,
            name: el.name,
            attrs: el.attrs,
            openLength: el.openEnd - el.start,
            length: el.end - el.start,
            counts: countsOf(el),
            sectionBreak: !!(pPr && child(pPr, 'w:sectPr')),
          });
        }
      }
      const lengths = new Set<number>();
      for (const key of p.keys()) lengths.add(key.length);
      this.parts.set(part, p);
      this.lengths.set(part, lengths);
      this.starts.set(part, starts);
      this.count(64 + p.size * 64 + 64 + lengths.size * 16 + 64 + starts.size * 160);
    }
    return p;
  }

  /** A block about to be kept: its paragraphs get a memo for their lines, its text no longer points into the letter's XML. */
  private prepare(b: Block): void {
    if (b.kind === 'paragraph') {
      b.memo = paragraphMemo(this);
      for (const i of b.inlines) if (i.kind === 'text') i.text = detached(i.text);
      return;
    }
    for (const row of b.rows) for (const cell of row.cells) for (const inner of cell.blocks) this.prepare(inner);
  }
}

function paragraphMemo(cache: BlockCache): ParagraphMemo {
  return {
    lines: new Map(),
    widthsKept: WIDTHS_KEPT,
    keep: (bytes) => {
      cache.stats.linesKept++;
      cache.count(bytes);
    },
    hit: () => cache.stats.lineHits++,
  };
}

const caches = new WeakMap<DocxPackage, BlockCache>();

/** The block cache of a template's package. */
export function blockCacheOf(pkg: DocxPackage): BlockCache {
  let c = caches.get(pkg);
  if (!c) caches.set(pkg, (c = new BlockCache(pkg)));
  return c;
}

/** Its counters, for tests and metrics (zeros when the package has none yet). */
export function blockCacheStats(pkg: DocxPackage): BlockCacheStats {
  return { ...(caches.get(pkg)?.stats ?? { hits: 0, kept: 0, read: 0, lineHits: 0, linesKept: 0, unparsed: 0, bytes: 0 }) };
}

/** Whether blocks read from an element can be kept (no text box, which is read with its own paragraph numbers). */
export function keepable(blocks: readonly Block[]): boolean {
  return blocks.every((b) =>
    b.kind === 'paragraph' ? !b.inlines.some((i) => i.kind === 'box') : b.rows.every((r) => r.cells.every((c) => keepable(c.blocks))),
  );
}

/** Kept blocks with the letter's places: paragraph numbers counted from `base`, the letter's template name and part. */
export function placed(kept: KeptBlocks, base: number, template: string, part: string): Block[] {
  const first = kept.blocks[0];
  if (first && base === kept.base && first.source.template === template && first.source.part === part) return kept.blocks;
  const at = (loc: Location): Location => ({ template, part, paragraph: (loc.paragraph ?? 0) - kept.base + base });
  const restamp = (b: Block): Block =>
    b.kind === 'paragraph'
      ? { ...b, source: at(b.source) }
      : { ...b, source: at(b.source), rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, blocks: c.blocks.map(restamp) })) })) };
  return kept.blocks.map(restamp);
}

/** A copy of a string that does not keep the string it was sliced from (the letter's whole part) alive. */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** The list labels of blocks, in reading order. */
export function listsOf(blocks: readonly Block[]): ListLabel[] {
  const out: ListLabel[] = [];
  const walk = (b: Block): void => {
    if (b.kind === 'paragraph') {
      if (b.list) out.push(b.list);
    } else for (const r of b.rows) for (const c of r.cells) c.blocks.forEach(walk);
  };
  blocks.forEach(walk);
  return out;
}

/** Whether labels numbered again are the ones kept. */
export function sameLabels(kept: readonly ListLabel[], now: readonly ListLabel[]): boolean {
  return kept.every((k, i) => {
    const n = now[i]!;
    return k.text === n.text && k.list === n.list && k.counts.join() === n.counts.join() && k.numbers.join() === n.numbers.join();
  });
}

/** Blocks with these labels on their list paragraphs in reading order (as the paragraphs would be read now), without kept lines. */
export function relabelled(blocks: readonly Block[], labels: readonly ListLabel[]): Block[] {
  let i = 0;
  const copy = (b: Block): Block => {
    if (b.kind === 'table') return { ...b, rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, blocks: c.blocks.map(copy) })) })) };
    if (!b.list) return b;
    const list = labels[i++]!;
    const p: ParagraphBlock = { ...b, list, listRun: mergeRun(b.markRun, list.level.run) };
    delete p.memo;
    return p;
  };
  return blocks.map(copy);
}

/** A rough size of read blocks in bytes (objects, arrays and text at V8's usual sizes). */
function estimateBlocks(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph') n += 360 + estimateInlines(b.inlines);
    else {
      n += 300;
      for (const r of b.rows) {
        n += 120;
        for (const c of r.cells) n += 160 + estimateBlocks(c.blocks);
      }
    }
  }
  return n;
}

function estimateInlines(inlines: readonly Inline[]): number {
  let n = 16 + inlines.length * 8;
  for (const i of inlines) n += 64 + (i.kind === 'text' ? 24 + i.text.length * 2 : 0);
  return n;
}

/** What parsing an element counts against the limits (as ContentCounter.element counts). */
function countsOf(el: XElement): [number, number, number] {
  const n: [number, number, number] = [0, 0, 0];
  const walk = (e: XElement): void => {
    n[0]++;
    if (e.name === 'w:p') n[1]++;
    else if (e.name === 'w:fldSimple' || (e.name === 'w:fldChar' && e.attrs['w:fldCharType'] === 'begin')) n[2]++;
    for (const c of e.children) if (c.kind === 'element') walk(c);
  };
  walk(el);
  return n;
}
