/**
 * The package a letter is composed into: the master's, with the parts composition changes
 * (document, styles, numbering, relationships, content types, core properties) kept as text
 * until the end, and media copied in from the message and content elements.
 */
import type { DocxPackage, Relationship } from '../ooxml/package.js';
import { relsPartOf } from '../ooxml/package.js';
import { escapeXml } from '../ooxml/xml.js';
import { type ZipEntry } from '../ooxml/zip.js';
import { writeZip, type ZipOutput } from '../ooxml/zip-write.js';
import type { Diagnostic } from '../diagnostics.js';
import { NumberingBuilder } from './numbering.js';
import { parseStyles, styleIdByName, type StyleDef, type StyleSheet } from '../ooxml/styles/sheet.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  emf: 'image/x-emf',
  wmf: 'image/x-wmf',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

export class ComposeTarget {
  readonly styles: StyleSheet;
  readonly addedStyles: string[] = [];
  readonly takenStyleIds = new Set<string>();
  readonly numbering: NumberingBuilder;
  readonly warnings: Diagnostic[] = [];
  /** Namespace declarations of document.xml's root, plus those fragments bring. */
  readonly namespaces = new Map<string, string>();
  readonly ignorable = new Set<string>();
  private readonly relsPart: string;
  private readonly rels: Relationship[];
  private readonly addedRels: string[] = [];
  private nextRel = 1;
  private readonly media: Array<{ name: string; entry: ZipEntry }> = [];
  private readonly mediaDefaults = new Map<string, string>();
  private docPr: number;
  private bookmark: number;
  private readonly hyperlinks = new Map<string, string>();

  constructor(readonly master: DocxPackage) {
    const doc = master.text(master.mainPart);
    const root = master.xml(master.mainPart);
    for (const [k, v] of Object.entries(root.attrs)) {
      if (k.startsWith('xmlns:')) this.namespaces.set(k.slice(6), v);
      if (k === 'mc:Ignorable') for (const p of v.split(/\s+/).filter(Boolean)) this.ignorable.add(p);
    }
    this.styles = master.stylesPart ? parseStyles(master.text(master.stylesPart)) : parseStyles(`<w:styles xmlns:w="${W_NS}"></w:styles>`);
    const nsDecls = [...this.namespaces].map(([p, u]) => `xmlns:${p}="${u}"`).join(' ');
    this.numbering = new NumberingBuilder(master.numberingPart ? master.text(master.numberingPart) : undefined, nsDecls);
    this.relsPart = relsPartOf(master.mainPart);
    this.rels = master.mainRels.slice();
    this.docPr = maxAttr(doc, /<wp:docPr\b[^>]*\sid="(\d+)"/g) + 1;
    this.bookmark = maxAttr(doc, /<w:bookmarkStart\b[^>]*\sw:id="(\d+)"/g) + 1;
  }

  styleId(name: string): string | undefined {
    return styleIdByName(this.styles, name);
  }

  addStyles(xml: string[]): void {
    if (!xml.length) return;
    this.addedStyles.push(...xml);
    const wrapped = parseStyles(`<w:styles xmlns:w="${W_NS}">${xml.join('')}</w:styles>`, 'styles');
    for (const [id, def] of wrapped.styles) this.styles.styles.set(id, def as StyleDef);
  }

  /** Declares a namespace a fragment uses (if the master does not). */
  addNamespace(prefix: string, uri: string): boolean {
    const have = this.namespaces.get(prefix);
    if (have === undefined) {
      this.namespaces.set(prefix, uri);
      return true;
    }
    return have === uri;
  }

  addRelationship(type: string, target: string, external: boolean): string {
    let id: string;
    do id = `rIdKp${this.nextRel++}`;
    while (this.rels.some((r) => r.id === id));
    this.addedRels.push(`<Relationship Id="${id}" Type="${REL}/${type}" Target="${escapeXml(target)}"${external ? ' TargetMode="External"' : ''}/>`);
    return id;
  }

  hyperlink(url: string): string {
    let id = this.hyperlinks.get(url);
    if (!id) {
      id = this.addRelationship('hyperlink', url, true);
      this.hyperlinks.set(url, id);
    }
    return id;
  }

  /** Copies an image part of another package in (compressed bytes as they are). */
  addMedia(source: DocxPackage, part: string, key: string, contentType?: string): string {
    const entry = source.archive.entries.get(part);
    if (!entry) throw new Error(`missing ${part}`);
    const base = part.slice(part.lastIndexOf('/') + 1);
    let name = `word/media/${key}-${base}`.replace(/[^A-Za-z0-9_./-]/g, '_');
    for (let n = 2; this.master.has(name) || this.media.some((m) => m.name === name); n++) name = `word/media/${key}-${n}-${base}`;
    this.media.push({ name, entry: { ...entry, name } });
    const ext = base.slice(base.lastIndexOf('.') + 1).toLowerCase();
    const type = contentType ?? MEDIA_TYPES[ext];
    if (type) this.mediaDefaults.set(ext, type);
    return this.addRelationship('image', name.slice('word/'.length), false);
  }

  nextDocPrId(): number {
    return this.docPr++;
  }

  nextBookmarkId(): number {
    return this.bookmark++;
  }

  /** Width of the text area (page width minus margins) of the master's last section. */
  get textWidth(): number {
    const doc = this.master.text(this.master.mainPart);
    const sect = doc.slice(doc.lastIndexOf('<w:sectPr'));
    const w = Number(/<w:pgSz\b[^>]*\sw:w="(\d+)"/.exec(sect)?.[1] ?? 11906);
    const left = Number(/<w:pgMar\b[^>]*\sw:left="(\d+)"/.exec(sect)?.[1] ?? 1440);
    const right = Number(/<w:pgMar\b[^>]*\sw:right="(\d+)"/.exec(sect)?.[1] ?? 1440);
    return Math.max(2000, w - left - right);
  }

  /** Writes the composed package. */
  toDocx(parts: { document: string; title?: string; lang?: string; parts?: ReadonlyMap<string, string> }): Buffer {
    const m = this.master;
    const changed = new Map<string, string>(parts.parts ?? []);
    changed.set(m.mainPart, this.withNamespaces(parts.document));
    if (this.addedStyles.length && m.stylesPart) {
      const s = this.styles.source;
      changed.set(m.stylesPart, s.slice(0, this.styles.insertAt) + this.addedStyles.join('') + s.slice(this.styles.insertAt));
    }
    const numbering = this.numbering.xml();
    let numberingPart = m.numberingPart;
    if (numbering) {
      if (!numberingPart) {
        numberingPart = 'word/numbering.xml';
        this.addRelationship('numbering', 'numbering.xml', false);
      }
      changed.set(numberingPart, numbering);
    }
    if (this.addedRels.length) {
      const relsText = m.has(this.relsPart)
        ? m.text(this.relsPart)
        : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
      const at = relsText.lastIndexOf('</Relationships>');
      changed.set(this.relsPart, relsText.slice(0, at) + this.addedRels.join('') + relsText.slice(at));
    }
    const ct = this.contentTypes(numbering !== undefined && !m.numberingPart ? numberingPart : undefined);
    if (ct) changed.set('[Content_Types].xml', ct);
    const core = this.coreProperties(parts.title, parts.lang);
    if (core) changed.set(core.part, core.xml);

    const outputs: ZipOutput[] = [];
    const written = new Set<string>();
    for (const name of m.archive.order) {
      const text = changed.get(name);
      outputs.push(
        text !== undefined ? { name, data: Buffer.from(text, 'utf8'), like: m.archive.entries.get(name)! } : { name, reuse: m.archive.entries.get(name)! },
      );
      written.add(name);
    }
    for (const [name, text] of changed) if (!written.has(name)) outputs.push({ name, data: Buffer.from(text, 'utf8') });
    for (const media of this.media) outputs.push({ name: media.name, reuse: media.entry });
    return writeZip(outputs);
  }

  private withNamespaces(doc: string): string {
    const rootStart = doc.indexOf('<w:document');
    const rootEnd = doc.indexOf('>', rootStart);
    let tag = doc.slice(rootStart, rootEnd);
    for (const [prefix, uri] of this.namespaces) {
      if (!new RegExp(`\\sxmlns:${prefix}=`).test(tag)) tag += ` xmlns:${prefix}="${uri}"`;
    }
    if (this.ignorable.size) {
      const list = [...this.ignorable].filter((p) => this.namespaces.has(p)).join(' ');
      tag = /\smc:Ignorable="[^"]*"/.test(tag)
        ? tag.replace(/\smc:Ignorable="[^"]*"/, ` mc:Ignorable="${list}"`)
        : tag + (this.namespaces.has('mc') ? ` mc:Ignorable="${list}"` : '');
    }
    return doc.slice(0, rootStart) + tag + doc.slice(rootEnd);
  }

  private contentTypes(newNumbering: string | undefined): string | undefined {
    if (!this.mediaDefaults.size && !newNumbering) return undefined;
    let ct = this.master.text('[Content_Types].xml');
    const at = (): number => ct.lastIndexOf('</Types>');
    for (const [ext, type] of this.mediaDefaults) {
      if (new RegExp(`Extension="${ext}"`, 'i').test(ct)) continue;
      ct = ct.slice(0, at()) + `<Default Extension="${ext}" ContentType="${type}"/>` + ct.slice(at());
    }
    if (newNumbering && !ct.includes(`PartName="/${newNumbering}"`)) {
      ct =
        ct.slice(0, at()) +
        `<Override PartName="/${newNumbering}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
        ct.slice(at());
    }
    return ct;
  }

  /** dc:title and dc:language of the letter. */
  private coreProperties(title: string | undefined, lang: string | undefined): { part: string; xml: string } | undefined {
    if (!title && !lang) return undefined;
    const part = 'docProps/core.xml';
    if (!this.master.has(part)) return undefined;
    let xml = this.master.text(part);
    const set = (tag: string, value: string): void => {
      const re = new RegExp(`<${tag}(?:\\s[^>]*)?>[^<]*</${tag}>|<${tag}\\s*/>`);
      const el = `<${tag}>${escapeXml(value)}</${tag}>`;
      const end = xml.lastIndexOf('</cp:coreProperties>');
      xml = re.test(xml) ? xml.replace(re, el) : xml.slice(0, end) + el + xml.slice(end);
    };
    if (!/xmlns:dc=/.test(xml)) xml = xml.replace('<cp:coreProperties', '<cp:coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/"');
    if (title) set('dc:title', title);
    if (lang && !/<dc:language>[^<]+<\/dc:language>/.test(xml)) set('dc:language', lang);
    return { part, xml };
  }
}

function maxAttr(text: string, re: RegExp): number {
  let max = 0;
  for (const m of text.matchAll(re)) max = Math.max(max, Number(m[1]));
  return max;
}
