/**
 * Reads a rendered letter (a .docx, or a template's rendered parts over its package) into the
 * layout's model: sections of paragraphs and tables with resolved properties. What the layout
 * cannot draw faithfully (text boxes, columns, equations, charts, SmartArt, images in other
 * formats) is reported with its place; its text is kept, so the letter still reads.
 */
import type { Location } from '../../diagnostics.js';
import type { DocxPackage, Relationship } from '../../ooxml/package.js';
import { parseRels, relsPartOf } from '../../ooxml/package.js';
import { elements, parseXml, type XElement } from '../../ooxml/xml.js';
import { prepareImage } from '../writer/images.js';
import { Numbering } from './numbering.js';
import { DEFAULT_RUN, mergePara, mergeRun, readCellProps, readParaProps, readRowProps, readRunProps, readSectionProps, readTableProps, twips, type CellMargins, type RunProps, type TableProps } from './props.js';
import { readThemeFonts, StyleResolver, type TableStyle } from './styles.js';
import type { Block, CellBlock, HeaderFooter, ImageRef, Inline, LetterModel, LinkRef, ParagraphBlock, RowBlock, Section, TableBlock } from './types.js';

/** A letter to lay out: a package, with rendered parts (XML text) in place of its own. */
export interface LetterSource {
  name: string;
  pkg: DocxPackage;
  parts?: ReadonlyMap<string, string>;
}

export type Warn = (code: string, params: Record<string, string | number>, location: Location) => void;

const EMU_PER_PT = 12700;
const child = (el: XElement, name: string): XElement | undefined => {
  for (const c of el.children) if (c.kind === 'element' && c.name === name) return c;
  return undefined;
};

/** What stays the same for every letter made from one package: styles, numbering, theme, rels. */
interface PackageInfo {
  styles: StyleResolver;
  numberingRoot: XElement | undefined;
  rels: Map<string, Relationship[]>;
  defaultTabStop: number;
  evenAndOddHeaders: boolean;
  lang: string | undefined;
  title: string | undefined;
}

const infoCache = new WeakMap<DocxPackage, PackageInfo>();

function packageInfo(pkg: DocxPackage): PackageInfo {
  let info = infoCache.get(pkg);
  if (info) return info;
  const themeRel = pkg.mainRels.find((r) => r.type === 'theme' && r.part && pkg.has(r.part));
  const styles = new StyleResolver(pkg.stylesPart ? pkg.xml(pkg.stylesPart) : undefined, readThemeFonts(themeRel?.part ? pkg.xml(themeRel.part) : undefined));
  let defaultTabStop = 36;
  let evenAndOddHeaders = false;
  if (pkg.settingsPart) {
    for (const el of elements(pkg.xml(pkg.settingsPart))) {
      if (el.name === 'w:defaultTabStop') defaultTabStop = twips(el.attrs['w:val']) || 36;
      if (el.name === 'w:evenAndOddHeaders') evenAndOddHeaders = el.attrs['w:val'] !== '0' && el.attrs['w:val'] !== 'false';
    }
  }
  let title: string | undefined;
  let lang = styles.docRun.lang;
  if (pkg.has('docProps/core.xml')) {
    const core = pkg.text('docProps/core.xml');
    const t = /<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1]?.trim();
    if (t) title = t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    lang ??= /<dc:language>([^<]*)<\/dc:language>/.exec(core)?.[1]?.trim() || undefined;
  }
  info = {
    styles,
    numberingRoot: pkg.numberingPart ? pkg.xml(pkg.numberingPart) : undefined,
    rels: new Map([[pkg.mainPart, [...pkg.mainRels]]]),
    defaultTabStop,
    evenAndOddHeaders,
    lang,
    title,
  };
  infoCache.set(pkg, info);
  return info;
}

function relsOf(pkg: DocxPackage, info: PackageInfo, part: string): Relationship[] {
  let rels = info.rels.get(part);
  if (!rels) {
    const relsPart = relsPartOf(part);
    rels = pkg.has(relsPart) ? parseRels(pkg.xml(relsPart), part.slice(0, part.lastIndexOf('/') + 1)) : [];
    info.rels.set(part, rels);
  }
  return rels;
}

const HEADING_NAME = /^heading ([1-9])$/i;

class Reader {
  private readonly info: PackageInfo;
  private readonly numbering: Numbering;
  private linkCounter = 0;
  private part = '';
  private paragraph = 0;
  private readonly images = new Map<string, Uint8Array>();
  /** A page-number field occurs in the body. */
  private bodyFields = false;
  /** Footnotes and endnotes in the order they are referenced. */
  private readonly notes: Array<{ kind: 'footnotes' | 'endnotes'; id: string; where: Location }> = [];

  constructor(
    private readonly source: LetterSource,
    private readonly warn: Warn,
  ) {
    this.info = packageInfo(source.pkg);
    this.numbering = new Numbering(this.info.numberingRoot);
  }

  private xml(part: string): XElement {
    const override = this.source.parts?.get(part);
    return override !== undefined ? parseXml(override, part) : this.source.pkg.xml(part);
  }

  private where(): Location {
    return { template: this.source.name, part: this.part, paragraph: this.paragraph };
  }

  read(): LetterModel {
    const pkg = this.source.pkg;
    this.part = pkg.mainPart;
    const root = this.xml(pkg.mainPart);
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
      this.readBlocks(body, blocks, undefined, (sectPr) => endSection(sectPr));
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
        this.readBlocks(this.xml(rel.part), out, undefined, () => undefined);
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

  /** Block-level content of a body, cell, header or text box. */
  private readBlocks(container: XElement, out: Block[], table: TableStyle | undefined, onSection: (sectPr: XElement) => void): void {
    for (const el of elements(container)) {
      switch (el.name) {
        case 'w:p': {
          this.paragraph++;
          const extra: Block[] = [];
          out.push(this.readParagraph(el, table, extra));
          out.push(...extra);
          const sectPr = child(el, 'w:pPr') && child(child(el, 'w:pPr')!, 'w:sectPr');
          if (sectPr) onSection(sectPr);
          break;
        }
        case 'w:tbl':
          out.push(this.readTable(el));
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
  }

  private headingLevel(styleId: string | undefined, outline: number | undefined): number | undefined {
    if (outline !== undefined && outline < 9) return Math.min(6, outline + 1);
    const name = this.info.styles.styleName(styleId);
    const m = name ? HEADING_NAME.exec(name) : null;
    return m ? Math.min(6, Number(m[1])) : undefined;
  }

  private readParagraph(p: XElement, table: TableStyle | undefined, extra: Block[]): ParagraphBlock {
    const styles = this.info.styles;
    const pPr = child(p, 'w:pPr');
    const styleId = pPr ? child(pPr, 'w:pStyle')?.attrs['w:val'] : undefined;
    const base = styles.paragraph(styleId, table);
    const direct = readParaProps(pPr);
    const numId = direct.numId ?? base.para.numId;
    const ilvl = direct.ilvl ?? base.para.ilvl;
    const level = this.numbering.level(numId, ilvl);
    let para = base.para;
    if (level) para = mergePara(para, level.para);
    para = mergePara(para, direct);
    if (para.frame && (para.frame.x !== undefined || para.frame.y !== undefined)) this.warn('pdf.frame', {}, this.where());
    const runBase = base.run;
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
    if (!rPr) return paraRun;
    const rStyle = child(rPr, 'w:rStyle')?.attrs['w:val'];
    let run = paraRun;
    if (rStyle) run = mergeRun(run, this.info.styles.character(rStyle));
    return mergeRun(run, readRunProps(rPr));
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
          const ref: LinkRef = { id: ++this.linkCounter, url: rel?.external ? rel.target : undefined, anchor: el.attrs['w:anchor'] };
          this.readInlines(el, out, paraRun, ref.url || ref.anchor ? ref : link, extra, fields);
          break;
        }
        case 'w:fldSimple': {
          const instr = (el.attrs['w:instr'] ?? '').trim();
          const type = instr.split(/\s+/)[0]?.toUpperCase() ?? '';
          const rPr = child(el, 'w:r') ? child(child(el, 'w:r')!, 'w:rPr') : undefined;
          if ((type === 'PAGE' || type === 'NUMPAGES' || type === 'SECTIONPAGES') && this.part === this.source.pkg.mainPart) this.bodyFields = true;
          if (type === 'PAGE' || type === 'NUMPAGES' || type === 'SECTIONPAGES') out.push({ kind: 'field', field: type, run: this.runProps(paraRun, rPr), ...(link ? { link } : {}) });
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

  private hyperlinkField(instr: string): LinkRef | undefined {
    const url = /HYPERLINK\s+"([^"]*)"/i.exec(instr)?.[1] ?? /HYPERLINK\s+(\S+)/i.exec(instr)?.[1];
    const anchor = /\\l\s+"([^"]*)"/i.exec(instr)?.[1];
    if (!url && !anchor) return undefined;
    return { id: ++this.linkCounter, url: url && !url.startsWith('\\') ? url : undefined, anchor };
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
        if (top && top.phase === 'instr') top.instr += textOf(el);
        continue;
      }
      // Inside a field's instruction, or the cached result of a page-number field, nothing shows.
      if (fields.stack.some((f) => f.phase === 'instr' || f.suppress)) continue;
      switch (el.name) {
        case 'w:t':
          out.push({ kind: 'text', text: textOf(el), run, ...linked });
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
          this.readDrawing(el, out, run, link, extra);
          break;
        case 'w:pict':
        case 'w:object':
          this.readVml(el, out, run, link, extra);
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
      if (this.part === this.source.pkg.mainPart) this.bodyFields = true;
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

  private imageOf(relId: string | undefined): { part: string; bytes: Uint8Array } | undefined {
    if (!relId) return undefined;
    const rel = relsOf(this.source.pkg, this.info, this.part).find((r) => r.id === relId);
    if (!rel?.part || rel.external || !this.source.pkg.has(rel.part)) return undefined;
    let bytes = this.images.get(rel.part);
    if (!bytes) {
      bytes = this.source.pkg.archive.read(rel.part);
      this.images.set(rel.part, bytes);
    }
    return { part: rel.part, bytes };
  }

  private readDrawing(drawing: XElement, out: Inline[], run: RunProps, link: LinkRef | undefined, extra: Block[]): void {
    const holder = child(drawing, 'wp:inline') ?? child(drawing, 'wp:anchor');
    if (!holder) return;
    const docPr = child(holder, 'wp:docPr');
    const extent = child(holder, 'wp:extent');
    const width = Number(extent?.attrs['cx'] ?? 0) / EMU_PER_PT;
    const height = Number(extent?.attrs['cy'] ?? 0) / EMU_PER_PT;
    const alt = (docPr?.attrs['descr'] ?? '').trim() || (docPr?.attrs['title'] ?? '').trim();
    const decorative = docPr ? hasDecorative(docPr) : false;
    const graphicData = findFirst(holder, 'a:graphicData');
    const uri = graphicData?.attrs['uri'] ?? '';
    // Text boxes. A floating one is drawn where the template puts it (an address window):
    // its text is laid out in the box and read right after the paragraph it is anchored in.
    // An inline one cannot be placed as Word places it: its paragraphs follow the paragraph.
    const txbx = findFirst(holder, 'w:txbxContent');
    if (txbx) {
      const blocks: Block[] = [];
      if (holder.name === 'wp:anchor') {
        if (['wp:wrapSquare', 'wp:wrapTight', 'wp:wrapThrough'].some((n) => child(holder, n))) this.warn('pdf.wrap', {}, this.where());
        this.readBlocks(txbx, blocks, undefined, () => undefined);
        const bodyPr = findFirst(holder, 'wps:bodyPr');
        const inset = (name: string, def: number): number => (bodyPr?.attrs[name] !== undefined ? Number(bodyPr.attrs[name]) : def) / EMU_PER_PT;
        out.push({
          kind: 'box',
          box: { anchor: anchorOf(holder), width, height, blocks, insets: { left: inset('lIns', 91440), top: inset('tIns', 45720), right: inset('rIns', 91440), bottom: inset('bIns', 45720) } },
          run,
        });
        return;
      }
      this.warn('pdf.textbox', {}, this.where());
      this.readBlocks(txbx, extra, undefined, () => undefined);
      return;
    }
    if (uri.endsWith('/chart')) {
      this.warn('pdf.chart', {}, this.where());
      if (alt) out.push({ kind: 'text', text: alt, run, ...(link ? { link } : {}) });
      return;
    }
    if (uri.endsWith('/diagram')) {
      this.warn('pdf.smartart', {}, this.where());
      const dm = findFirst(holder, 'dgm:relIds')?.attrs['r:dm'];
      const rel = dm ? relsOf(this.source.pkg, this.info, this.part).find((r) => r.id === dm) : undefined;
      if (rel?.part && this.source.pkg.has(rel.part)) {
        const texts: string[] = [];
        const walk = (el: XElement): void => {
          for (const c of elements(el)) {
            if (c.name === 'a:t') texts.push(textOf(c));
            else walk(c);
          }
        };
        walk(this.source.pkg.xml(rel.part));
        for (const t of texts.filter((x) => x.trim())) out.push({ kind: 'text', text: t, run }, { kind: 'break', type: 'line', run });
      }
      return;
    }
    const blip = findFirst(holder, 'a:blip');
    if (!blip) return; // a shape without a picture: decoration
    const img = this.imageOf(blip.attrs['r:embed']);
    if (!img) {
      this.warn('pdf.image', { name: docPr?.attrs['name'] ?? '' }, this.where());
      return;
    }
    const format = imageFormat(img.bytes);
    if (format === 'unknown' || prepareImage(img.bytes, format) instanceof Error) {
      // Not drawn; its description stands in its place so the letter still says what it showed.
      this.warn('pdf.image', { name: docPr?.attrs['name'] ?? img.part }, this.where());
      if (alt) out.push({ kind: 'text', text: alt, run, ...(link ? { link } : {}) });
      return;
    }
    const image: ImageRef = { part: img.part, bytes: img.bytes, format, width, height, alt, decorative };
    if (holder.name === 'wp:anchor') {
      const wrapsText = ['wp:wrapSquare', 'wp:wrapTight', 'wp:wrapThrough'].some((n) => child(holder, n));
      if (child(holder, 'wp:wrapTopAndBottom')) {
        out.push({ kind: 'image', image, run, ...(link ? { link } : {}) });
        return;
      }
      if (wrapsText) this.warn('pdf.wrap', {}, this.where());
      image.anchor = anchorOf(holder);
    }
    out.push({ kind: 'image', image, run, ...(link ? { link } : {}) });
  }

  private readVml(el: XElement, out: Inline[], run: RunProps, link: LinkRef | undefined, extra: Block[]): void {
    const txbx = findFirst(el, 'w:txbxContent');
    if (txbx) {
      this.warn('pdf.textbox', {}, this.where());
      this.readBlocks(txbx, extra, undefined, () => undefined);
      return;
    }
    const imagedata = findFirst(el, 'v:imagedata');
    if (!imagedata) return;
    const img = this.imageOf(imagedata.attrs['r:id']);
    const shape = findFirst(el, 'v:shape');
    const style = shape?.attrs['style'] ?? '';
    const size = (prop: string): number => {
      const m = new RegExp(`${prop}:\\s*([\\d.]+)(pt|in|cm|mm|px)?`).exec(style);
      if (!m) return 0;
      const v = Number(m[1]);
      return m[2] === 'in' ? v * 72 : m[2] === 'cm' ? (v * 72) / 2.54 : m[2] === 'mm' ? (v * 72) / 25.4 : m[2] === 'px' ? v * 0.75 : v;
    };
    const format = img ? imageFormat(img.bytes) : 'unknown';
    const alt = (shape?.attrs['alt'] ?? '').trim();
    if (!img || format === 'unknown' || prepareImage(img.bytes, format) instanceof Error) {
      this.warn('pdf.image', { name: shape?.attrs['id'] ?? '' }, this.where());
      if (alt) out.push({ kind: 'text', text: alt, run });
      return;
    }
    out.push({ kind: 'image', image: { part: img.part, bytes: img.bytes, format, width: size('width'), height: size('height'), alt, decorative: false }, run, ...(link ? { link } : {}) });
  }

  private readTable(tbl: XElement): TableBlock {
    const tblPr = child(tbl, 'w:tblPr');
    const direct = readTableProps(tblPr);
    const style = this.info.styles.table(direct.styleId);
    const margins: CellMargins = { top: 0, left: 5.4, bottom: 0, right: 5.4, ...style.table.cellMarginsPartial, ...direct.cellMarginsPartial };
    const props: TableProps = {
      width: direct.width ?? style.table.width,
      align: direct.align ?? style.table.align ?? 'left',
      indent: direct.indent ?? style.table.indent ?? 0,
      borders: { ...style.table.borders, ...direct.borders },
      cellMargins: margins,
      styleId: direct.styleId,
      layoutFixed: direct.layoutFixed ?? style.table.layoutFixed ?? false,
      look: direct.look ?? style.table.look ?? { firstRow: true, lastRow: false, firstColumn: true, lastColumn: false, noHBand: false, noVBand: true },
    };
    const grid = elements(child(tbl, 'w:tblGrid') ?? tbl)
      .filter((g) => g.name === 'w:gridCol')
      .map((g) => twips(g.attrs['w:w']) ?? 0);
    const source = this.where();
    const rowEls: XElement[] = [];
    const collectRows = (el: XElement): void => {
      for (const c of elements(el)) {
        if (c.name === 'w:tr') rowEls.push(c);
        else if (c.name === 'w:sdt') collectRows(child(c, 'w:sdtContent') ?? c);
        else if (c.name === 'w:customXml' || c.name === 'w:ins') collectRows(c);
      }
    };
    collectRows(tbl);
    const rows: RowBlock[] = rowEls.map((tr, ri) => {
      const rowProps = readRowProps(child(tr, 'w:trPr'));
      const cells: CellBlock[] = [];
      let col = 0;
      const tcs: XElement[] = [];
      const collectCells = (el: XElement): void => {
        for (const c of elements(el)) {
          if (c.name === 'w:tc') tcs.push(c);
          else if (c.name === 'w:sdt') collectCells(child(c, 'w:sdtContent') ?? c);
          else if (c.name === 'w:customXml') collectCells(c);
        }
      };
      collectCells(tr);
      const gridBefore = Number(child(child(tr, 'w:trPr') ?? tr, 'w:gridBefore')?.attrs['w:val'] ?? 0) || 0;
      col = gridBefore;
      tcs.forEach((tc, ci) => {
        const cellProps = readCellProps(child(tc, 'w:tcPr'));
        const conditional = conditionalTypes(props, ri, rowEls.length, ci, tcs.length, rowProps.header);
        const cellStyle: TableStyle = { ...style, para: { ...style.para }, run: { ...style.run } };
        let shading = style.cell?.shading;
        let borders = { ...style.cell?.borders };
        for (const type of conditional) {
          const c = style.conditional.get(type);
          if (!c) continue;
          cellStyle.para = { ...cellStyle.para, ...c.para };
          cellStyle.run = { ...cellStyle.run, ...c.run, ...(c.run.font ? { font: { ...cellStyle.run.font, ...c.run.font } } : {}) };
          if (c.cell?.shading) shading = c.cell.shading;
          if (c.cell) borders = { ...borders, ...c.cell.borders };
        }
        cellProps.borders = { ...borders, ...cellProps.borders };
        const blocks: Block[] = [];
        this.readBlocks(tc, blocks, cellStyle, () => undefined);
        cells.push({ props: cellProps, col, blocks, shading: cellProps.shading ?? shading });
        col += cellProps.gridSpan;
      });
      return { props: rowProps, cells };
    });
    return { kind: 'table', props, grid, rows, source };
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

function conditionalTypes(t: TableProps, row: number, rows: number, col: number, cols: number, header: boolean): string[] {
  const out: string[] = [];
  const look = t.look;
  const bodyRow = row - (look.firstRow ? 1 : 0);
  if (!look.noHBand && bodyRow >= 0) out.push(bodyRow % 2 === 0 ? 'band1Horz' : 'band2Horz');
  if (!look.noVBand) out.push(col % 2 === 0 ? 'band1Vert' : 'band2Vert');
  if (look.firstColumn && col === 0) out.push('firstCol');
  if (look.lastColumn && col === cols - 1) out.push('lastCol');
  if ((look.firstRow && row === 0) || header) out.push('firstRow');
  if (look.lastRow && row === rows - 1) out.push('lastRow');
  return out;
}

function textOf(el: XElement): string {
  let s = '';
  for (const c of el.children) if (c.kind === 'text') s += c.text;
  return s;
}

function mathText(el: XElement): string {
  let s = '';
  for (const c of elements(el)) s += c.name === 'm:t' ? textOf(c) : mathText(c);
  return s;
}

function findFirst(el: XElement, name: string): XElement | undefined {
  for (const c of elements(el)) {
    if (c.name === name) return c;
    const f = findFirst(c, name);
    if (f) return f;
  }
  return undefined;
}

function hasDecorative(el: XElement): boolean {
  for (const c of elements(el)) {
    if (c.name.endsWith(':decorative')) return c.attrs['val'] === '1' || c.attrs['val'] === 'true';
    if (hasDecorative(c)) return true;
  }
  return false;
}

export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'unknown' {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return 'unknown';
}

function anchorOf(anchor: XElement): NonNullable<ImageRef['anchor']> {
  const pos = (name: string): { offset: number; from: string; align: string | undefined } => {
    const el = child(anchor, name);
    const offset = el ? Number(child(el, 'wp:posOffset') ? textOf(child(el, 'wp:posOffset')!) : 0) / EMU_PER_PT : 0;
    const align = el && child(el, 'wp:align') ? textOf(child(el, 'wp:align')!) : undefined;
    return { offset, from: el?.attrs['relativeFrom'] ?? 'column', align };
  };
  const h = pos('wp:positionH');
  const v = pos('wp:positionV');
  const xFrom = h.from === 'page' ? 'page' : h.from === 'margin' || h.from === 'leftMargin' ? 'margin' : 'column';
  const yFrom = v.from === 'page' ? 'page' : v.from === 'margin' || v.from === 'topMargin' ? 'margin' : 'paragraph';
  return {
    x: h.offset,
    y: v.offset,
    xFrom,
    yFrom,
    behind: anchor.attrs['behindDoc'] === '1',
    ...(h.align ? { xAlign: h.align } : {}),
    ...(v.align ? { yAlign: v.align } : {}),
  };
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
