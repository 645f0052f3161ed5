/**
 * Reads a rendered letter (a .docx, or a template's rendered parts over its package) into the
 * layout's model: sections of paragraphs and tables with resolved properties. What the layout
 * cannot draw faithfully (text boxes, columns, equations, charts, SmartArt, images in other
 * formats) is reported with its place; its text is kept, so the letter still reads.
 *
 * This module holds the Reader's flow: sections, blocks, paragraphs, runs, fields and notes.
 * Drawings (drawings.ts), tables (tables.ts) and what is read once per package
 * (package-info.ts) have their own modules.
 */
import type { Location } from '../../diagnostics.js';
import { ContentCounter } from '../../limits.js';
import { child, elements, ownText, parseXml, type KnownElement, type XElement } from '../../ooxml/xml.js';
import { argumentText, parseInstruction, type Switch } from '../../fieldcode/index.js';
import { hyperlinkAddress, isSafeUrl } from '../../template/field-policy.js';
import type { LetterSource, ReadContext, Warn } from './context.js';
import { readDrawing, readVml } from './drawings.js';
import { Numbering } from './numbering.js';
import { packageInfo, relsOf, type PackageInfo } from './package-info.js';
import { DEFAULT_RUN, mergeRun, type RunProps } from '../../ooxml/styles/run-props.js';
import { readSectionProps } from './section-props.js';
import type { TableStyle } from '../../ooxml/styles/resolve.js';
import { readTable } from './tables.js';
import { blockCacheOf, keepable, listsOf, placed, relabelled, sameLabels, type BlockCache, type KeptBlocks } from './block-cache.js';
import type { Block, HeaderFooter, Inline, LetterModel, LinkRef, ParagraphBlock, Section } from './types.js';

export type { LetterSource, Warn } from './context.js';
export { imageFormat } from './drawings.js';

class Reader implements ReadContext {
  readonly info: PackageInfo;
  private readonly numbering: Numbering;
  private linkCounter = 0;
  part = '';
  private paragraph = 0;
  get images(): Map<string, Uint8Array> {
    return this.info.images;
  }
  /** A page-number field occurs in the body. */
  private bodyFields = false;
  /** Footnotes and endnotes in the order they are referenced. */
  private readonly notes: Array<{ kind: 'footnotes' | 'endnotes'; id: string; where: Location }> = [];

  readonly warn: Warn;
  /** Reading that leaves traces elsewhere (a warning, a list number): a block read with any cannot be kept (block-cache.ts). */
  private traces = 0;
  /** Page-number fields met in the body. */
  private pageFields = 0;
  /** The template's blocks that no field changed, kept across letters (only for a template's rendered parts). */
  private readonly cache: BlockCache | undefined;

  constructor(
    readonly source: LetterSource,
    warn: Warn,
  ) {
    this.info = packageInfo(source.pkg);
    this.numbering = this.info.numbering.fresh();
    this.warn = (code, params, location) => {
      this.traces++;
      warn(code, params, location);
    };
    this.cache = source.parts ? blockCacheOf(source.pkg) : undefined;
  }

  private counter: ContentCounter | undefined;
  /** Top-level blocks of a story that were not parsed again: the template's own, kept (see kept()). */
  private readonly unparsed = new Map<XElement, KeptBlocks>();

  /** A part's root; `story`: a story readStory reads (the body, a header, a footer). */
  private xml(part: string, story = false): XElement {
    const override = this.source.parts?.get(part);
    if (override === undefined) return this.source.pkg.xml(part);
    // The rendered parts are held together to the limits of the package they were rendered from.
    const counter = (this.counter ??= new ContentCounter(this.source.pkg.limits));
    const verbatim = story ? this.source.verbatim?.get(part) : undefined;
    return parseXml(override, part, counter, verbatim?.length && this.cache ? this.kept(part, verbatim, this.cache, counter) : undefined);
  }

  /**
   * The template's own top-level blocks in the template's text that the letter holds unchanged
   * (`verbatim`: RenderedParts.verbatim), once they are kept in the template's block cache, are
   * not parsed again: the parser is given an element with the block's name and place and no
   * children, and readStory takes the kept blocks for it. What parsing it would count against
   * the limits is counted; a paragraph that ends a section is parsed (its sectPr is read).
   */
  private kept(part: string, verbatim: readonly number[], cache: BlockCache, counter: ContentCounter): KnownElement {
    const depth = part === this.source.pkg.mainPart ? 2 : 1;
    let r = 0;
    return (start, parent, at) => {
      if (at !== depth || (depth === 2 && parent.name !== 'w:body')) return undefined;
      // The range of template text the element starts in (elements come in order).
      while (r < verbatim.length && verbatim[r]! + verbatim[r + 2]! <= start) r += 3;
      const from = verbatim[r];
      if (from === undefined || start < from) return undefined;
      const block = cache.blockAt(part, verbatim[r + 1]! + start - from);
      if (!block || block.sectionBreak || start + block.length > from + verbatim[r + 2]!) return undefined;
      const kept = cache.lookup(part, block.key);
      if (!kept || !counter.add(block.counts)) return undefined;
      const el: XElement = {
        kind: 'element',
        name: block.name,
        attrs: block.attrs,
        start,
        openEnd: start + block.openLength,
        end: start + block.length,
        children: [],
      };
      this.unparsed.set(el, kept);
      cache.stats.unparsed++;
      return el;
    };
  }

  where(): Location {
    return { template: this.source.name, part: this.part, paragraph: this.paragraph };
  }

  read(): LetterModel {
    const pkg = this.source.pkg;
    this.part = pkg.mainPart;
    const root = this.xml(pkg.mainPart, true);
    const body = child(root, 'w:body');
    const sections: Section[] = [];
    let blocks: Block[] = [];
    const endSection = (sectPr: XElement | undefined): void => {
      const props = readSectionProps(sectPr);
      if (props.columns > 1) this.warn('pdf.columns', {}, this.where());
      sections.push({ props, blocks });
      blocks = [];
    };
    if (body) {
      this.readStory(body, blocks, (sectPr) => endSection(sectPr));
      this.appendNotes(blocks);
      endSection(child(body, 'w:sectPr'));
    } else endSection(undefined);
    // A final section break paragraph leaves an empty last section; Word draws no extra page for it.
    const stories = new Map<string, HeaderFooter>();
    const rels = relsOf(pkg, this.info, pkg.mainPart);
    for (const s of sections) {
      for (const id of [...Object.values(s.props.headers), ...Object.values(s.props.footers)]) {
        if (stories.has(id)) continue;
        const rel = rels.find((r) => r.id === id);
        if (!rel?.part || !pkg.has(rel.part)) continue;
        this.part = rel.part;
        this.paragraph = 0;
        const out: Block[] = [];
        this.readStory(this.xml(rel.part, true), out, () => undefined);
        stories.set(id, { part: rel.part, blocks: out });
      }
    }
    return {
      sections,
      stories,
      lang: this.info.lang,
      title: this.info.title,
      defaultTabStop: this.info.defaultTabStop,
      evenAndOddHeaders: this.info.evenAndOddHeaders,
      compatibilityMode: this.info.compatibilityMode,
      styles: this.info.styles,
      bodyFields: this.bodyFields,
    };
  }

  /**
   * Footnotes and endnotes follow the letter's text, numbered in order of reference: the layout
   * does not place notes at the foot of their page, and says so, but their text is there.
   */
  private appendNotes(blocks: Block[]): void {
    if (!this.notes.length) return;
    const pkg = this.source.pkg;
    this.warn('pdf.footnote', {}, this.notes[0]!.where);
    const savedPart = this.part;
    this.notes.forEach((note, i) => {
      const rel = pkg.mainRels.find((r) => r.type === note.kind && r.part && pkg.has(r.part));
      if (!rel?.part) return;
      const root = this.xml(rel.part);
      const el = elements(root).find((n) => n.attrs['w:id'] === note.id);
      if (!el) return;
      this.part = rel.part;
      const out: Block[] = [];
      this.readBlocks(el, out, undefined, () => undefined);
      const first = out.find((b): b is ParagraphBlock => b.kind === 'paragraph');
      if (first) first.inlines.unshift({ kind: 'text', text: `${i + 1} `, run: { ...first.markRun, vertAlign: 'superscript' } });
      blocks.push(...out);
    });
    this.part = savedPart;
  }

  /**
   * A story's blocks (the body, a header, a footer): a paragraph or table that is one of the
   * template's own, unchanged by fields, is taken from the template's cache when it was read
   * before (block-cache.ts); the others are read.
   */
  private readStory(container: XElement, out: Block[], onSection: (sectPr: XElement) => void): void {
    const cache = this.cache;
    if (!cache) return this.readBlocks(container, out, undefined, onSection);
    const part = this.part;
    const text = this.source.parts?.get(part) ?? this.source.pkg.text(part);
    for (const el of elements(container)) {
      if (el.name !== 'w:p' && el.name !== 'w:tbl') {
        this.readBlock(el, out, undefined, onSection);
        continue;
      }
      const unparsed = this.unparsed.get(el);
      const key = unparsed ? '' : text.slice(el.start, el.end);
      const kept = unparsed ?? cache.lookup(part, key);
      if (kept) {
        cache.stats.hits++;
        // List paragraphs count on: the labels are numbered again, and a label that came out otherwise than when the block was kept is put in.
        const labels = kept.lists ? kept.lists.map((l) => this.numbering.next(l.numId, l.ilvl)!) : undefined;
        const blocks = placed(kept, this.paragraph, this.source.name, part);
        for (const b of labels && !sameLabels(kept.lists!, labels) ? relabelled(blocks, labels) : blocks) out.push(b);
        this.paragraph += kept.paragraphs;
        if (kept.pageFields) this.bodyFields = true;
        const sectPr = el.name === 'w:p' ? sectionBreak(el) : undefined;
        if (sectPr) onSection(sectPr);
        continue;
      }
      const base = this.paragraph;
      const traces = this.traces + this.notes.length + this.linkCounter;
      const pageFields = this.pageFields;
      const start = out.length;
      this.readBlock(el, out, undefined, onSection);
      cache.stats.read++;
      if (kept === null) continue;
      const blocks = out.slice(start);
      const clean = this.traces + this.notes.length + this.linkCounter === traces && keepable(blocks);
      const lists = listsOf(blocks);
      cache.keep(
        part,
        key,
        clean ? { blocks, base, paragraphs: this.paragraph - base, pageFields: this.pageFields !== pageFields, ...(lists.length ? { lists } : {}) } : null,
      );
    }
  }

  /** Block-level content of a body, cell, header or text box. */
  readBlocks(container: XElement, out: Block[], table: TableStyle | undefined, onSection: (sectPr: XElement) => void): void {
    for (const el of elements(container)) this.readBlock(el, out, table, onSection);
  }

  private readBlock(el: XElement, out: Block[], table: TableStyle | undefined, onSection: (sectPr: XElement) => void): void {
    switch (el.name) {
      case 'w:p': {
        this.paragraph++;
        const extra: Block[] = [];
        out.push(this.readParagraph(el, table, extra));
        out.push(...extra);
        const sectPr = sectionBreak(el);
        if (sectPr) onSection(sectPr);
        break;
      }
      case 'w:tbl':
        out.push(readTable(this, el));
        break;
      case 'w:sdt': {
        const content = child(el, 'w:sdtContent');
        if (content) this.readBlocks(content, out, table, onSection);
        break;
      }
      case 'w:customXml':
      case 'w:ins':
      case 'w:moveTo':
        this.readBlocks(el, out, table, onSection);
        break;
    }
  }

  /** The heading level the linter judges (ooxml/styles/headings.ts), at most H6 for the tags. */
  private headingLevel(styleId: string | undefined, outline: number | undefined): number | undefined {
    const level = this.info.styles.headingLevel(styleId, outline);
    return level === undefined ? undefined : Math.min(6, level);
  }

  private readParagraph(p: XElement, table: TableStyle | undefined, extra: Block[]): ParagraphBlock {
    const pPr = child(p, 'w:pPr');
    const { styleId, para, run: runBase, numId, ilvl, level } = this.info.styles.resolveParagraph(pPr, table, (n, i) => this.numbering.level(n, i));
    if (para.frame && (para.frame.x !== undefined || para.frame.y !== undefined || para.frame.xAlign || para.frame.yAlign))
      this.warn('pdf.frame', {}, this.where());
    const markRPr = pPr ? child(pPr, 'w:rPr') : undefined;
    const markRun = this.runProps(runBase, markRPr);
    const inlines: Inline[] = [];
    this.readInlines(p, inlines, runBase, undefined, extra, { stack: [] });
    const list = level ? this.numbering.next(numId, ilvl) : undefined;
    const block: ParagraphBlock = {
      kind: 'paragraph',
      props: para,
      markRun,
      inlines,
      styleId,
      heading: this.headingLevel(styleId, para.outlineLevel),
      list,
      listRun: list ? mergeRun(markRun, list.level.run) : undefined,
      source: this.where(),
    };
    return block;
  }

  private runProps(paraRun: RunProps, rPr: XElement | undefined): RunProps {
    return this.info.styles.resolveRun(paraRun, rPr);
  }

  private readInlines(container: XElement, out: Inline[], paraRun: RunProps, link: LinkRef | undefined, extra: Block[], fields: FieldState): void {
    for (const el of elements(container)) {
      switch (el.name) {
        case 'w:r':
          this.readRun(el, out, paraRun, link, extra, fields);
          break;
        case 'w:hyperlink': {
          const id = el.attrs['r:id'];
          const rel = id ? relsOf(this.source.pkg, this.info, this.part).find((r) => r.id === id) : undefined;
          const ref: LinkRef = { id: ++this.linkCounter, url: rel?.external ? this.safeUrl(rel.target) : undefined, anchor: el.attrs['w:anchor'] };
          this.readInlines(el, out, paraRun, ref.url || ref.anchor ? ref : link, extra, fields);
          break;
        }
        case 'w:fldSimple': {
          const instr = (el.attrs['w:instr'] ?? '').trim();
          const type = instr.split(/\s+/)[0]?.toUpperCase() ?? '';
          const rPr = child(el, 'w:r') ? child(child(el, 'w:r')!, 'w:rPr') : undefined;
          if ((type === 'PAGE' || type === 'NUMPAGES' || type === 'SECTIONPAGES') && this.part === this.source.pkg.mainPart) {
            this.bodyFields = true;
            this.pageFields++;
          }
          if (type === 'PAGE' || type === 'NUMPAGES' || type === 'SECTIONPAGES')
            out.push({ kind: 'field', field: type, run: this.runProps(paraRun, rPr), ...(link ? { link } : {}) });
          else if (type === 'HYPERLINK') this.readInlines(el, out, paraRun, this.hyperlinkField(instr) ?? link, extra, fields);
          else this.readInlines(el, out, paraRun, link, extra, fields);
          break;
        }
        case 'w:ins':
        case 'w:moveTo':
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:dir':
        case 'w:bdo':
          this.readInlines(el, out, paraRun, link, extra, fields);
          break;
        case 'w:sdt': {
          const content = child(el, 'w:sdtContent');
          if (content) this.readInlines(content, out, paraRun, link, extra, fields);
          break;
        }
        case 'm:oMath':
        case 'm:oMathPara': {
          this.warn('pdf.equation', {}, this.where());
          const text = mathText(el);
          if (text) out.push({ kind: 'text', text, run: paraRun, ...(link ? { link } : {}) });
          break;
        }
      }
    }
  }

  /** A HYPERLINK field's address and bookmark, read with the field-code parser. */
  private hyperlinkField(instr: string): LinkRef | undefined {
    const ins = parseInstruction(instr).instruction;
    if (ins.type !== 'field') return undefined;
    const address = hyperlinkAddress(ins.items);
    const url = address ? argumentText(address).trim() : '';
    const l = ins.items.find((i): i is Switch => i.type === 'switch' && i.name === 'l');
    const anchor = l?.argument ? argumentText(l.argument) : undefined;
    if (!url && !anchor) return undefined;
    return { id: ++this.linkCounter, url: url ? this.safeUrl(url) : undefined, anchor };
  }

  /** Only web and mail addresses become links; a file, a share or script stays plain text. */
  private safeUrl(url: string): string | undefined {
    if (isSafeUrl(url)) return url;
    this.warn('pdf.link', { url }, this.where());
    return undefined;
  }

  private readRun(r: XElement, out: Inline[], paraRun: RunProps, outerLink: LinkRef | undefined, extra: Block[], fields: FieldState): void {
    const run = this.runProps(paraRun, child(r, 'w:rPr'));
    if (run.hidden) return;
    this.readRunContent(elements(r), run, out, outerLink, extra, fields);
  }

  private readRunContent(children: XElement[], run: RunProps, out: Inline[], outerLink: LinkRef | undefined, extra: Block[], fields: FieldState): void {
    for (const el of children) {
      const top = fields.stack[fields.stack.length - 1];
      const link = fields.link ?? outerLink;
      const linked = link ? { link } : {};
      if (el.name === 'w:fldChar') {
        const type = el.attrs['w:fldCharType'];
        if (type === 'begin') fields.stack.push({ instr: '', phase: 'instr', suppress: false, run });
        else if (type === 'separate' && top) {
          top.phase = 'result';
          this.startField(top, out, fields, link);
        } else if (type === 'end' && top) {
          if (top.phase === 'instr') this.startField(top, out, fields, link);
          if (top.link) fields.link = undefined;
          fields.stack.pop();
        }
        continue;
      }
      if (el.name === 'w:instrText') {
        if (top && top.phase === 'instr') top.instr += ownText(el);
        continue;
      }
      // Inside a field's instruction, or the cached result of a page-number field, nothing shows.
      if (fields.stack.some((f) => f.phase === 'instr' || f.suppress)) continue;
      switch (el.name) {
        case 'w:t':
          out.push({ kind: 'text', text: ownText(el), run, ...linked });
          break;
        case 'w:tab':
        case 'w:ptab':
          out.push({ kind: 'tab', run, ...linked });
          break;
        case 'w:br': {
          const type = el.attrs['w:type'];
          out.push({ kind: 'break', type: type === 'page' ? 'page' : type === 'column' ? 'column' : 'line', run });
          break;
        }
        case 'w:cr':
          out.push({ kind: 'break', type: 'line', run });
          break;
        case 'w:noBreakHyphen':
          out.push({ kind: 'text', text: '\u2011', run, ...linked });
          break;
        case 'w:softHyphen':
          out.push({ kind: 'text', text: '\u00AD', run, ...linked });
          break;
        case 'w:sym': {
          const ch = String.fromCharCode(parseInt(el.attrs['w:char'] ?? '0', 16) || 0x20);
          out.push({ kind: 'text', text: symbolText(ch, el.attrs['w:font']), run, ...linked });
          break;
        }
        case 'w:drawing':
          readDrawing(this, el, out, run, link, extra);
          break;
        case 'w:pict':
        case 'w:object':
          readVml(this, el, out, run, link, extra);
          break;
        case 'mc:AlternateContent': {
          const choice = child(el, 'mc:Choice') ?? child(el, 'mc:Fallback');
          if (choice) this.readRunContent(elements(choice), run, out, outerLink, extra, fields);
          break;
        }
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const kind = el.name === 'w:footnoteReference' ? 'footnotes' : 'endnotes';
          const id = el.attrs['w:id'] ?? '';
          const n = this.notes.push({ kind, id, where: this.where() });
          out.push({ kind: 'text', text: String(n), run: { ...run, vertAlign: 'superscript' }, ...linked });
          break;
        }
      }
    }
  }

  private startField(f: OpenField, out: Inline[], fields: FieldState, link: LinkRef | undefined): void {
    const instr = f.instr.trim();
    const type = instr.split(/\s+/)[0]?.toUpperCase() ?? '';
    const nested = fields.stack.length > 1;
    if (!nested && (type === 'PAGE' || type === 'NUMPAGES' || type === 'SECTIONPAGES')) {
      if (this.part === this.source.pkg.mainPart) {
        this.bodyFields = true;
        this.pageFields++;
      }
      out.push({ kind: 'field', field: type, run: f.run, ...(link ? { link } : {}) });
      f.suppress = true;
    } else if (type === 'HYPERLINK') {
      const ref = this.hyperlinkField(instr);
      if (ref) {
        fields.link = ref;
        f.link = ref;
      }
    }
  }
}

interface OpenField {
  instr: string;
  phase: 'instr' | 'result';
  suppress: boolean;
  run: RunProps;
  link?: LinkRef;
}

interface FieldState {
  stack: OpenField[];
  link?: LinkRef;
}

/** The section properties a paragraph ends its section with. */
function sectionBreak(p: XElement): XElement | undefined {
  const pPr = child(p, 'w:pPr');
  return pPr ? child(pPr, 'w:sectPr') : undefined;
}

function mathText(el: XElement): string {
  let s = '';
  for (const c of elements(el)) s += c.name === 'm:t' ? ownText(c) : mathText(c);
  return s;
}

const SYMBOL_FONT: Record<string, string> = { '\uF0B7': '\u2022', '\uF0A7': '\u25AA', '\uF0FC': '\u2713', '\uF0E0': '\u2192', '\uF0D8': '\u27A2' };

function symbolText(ch: string, font: string | undefined): string {
  const c = ch.charCodeAt(0) < 0x100 ? String.fromCharCode(0xf000 + ch.charCodeAt(0)) : ch;
  if (SYMBOL_FONT[c]) return SYMBOL_FONT[c]!;
  if (font && /symbol|wingdings/i.test(font)) return '\u2022';
  return ch;
}

/** Reads a rendered letter into the layout model. */
export function readLetter(source: LetterSource, warn: Warn): LetterModel {
  return new Reader(source, warn).read();
}

export { DEFAULT_RUN };
