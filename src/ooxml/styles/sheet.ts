/**
 * A document's style sheet (word/styles.xml) read once: its styles by id with their basedOn,
 * next and link references and their own paragraph properties, its document defaults, the
 * default style of a type, and a style's basedOn chain. Every reader of styles (linter, PDF,
 * field language, headings and lists of fields, composition) starts here.
 */
import type { DocxPackage } from '../package.js';
import { child, elements, parseXml, type XElement } from '../xml.js';
import { readParaProps, type ParaProps } from './para-props.js';

export interface StyleDef {
  id: string;
  type: string;
  name: string;
  xml: string;
  basedOn?: string;
  next?: string;
  link?: string;
  isDefault: boolean;
  /** The style's own w:pPr (styleParagraph reads it). */
  pPr?: XElement | undefined;
}

export interface StyleSheet {
  readonly source: string;
  readonly styles: Map<string, StyleDef>;
  /** Raw XML of w:docDefaults ('' when absent). */
  readonly docDefaults: string;
  /** Offset in source where new styles can be inserted (before </w:styles>). */
  readonly insertAt: number;
}

export function parseStyles(source: string, part = 'word/styles.xml'): StyleSheet {
  return sheetOf(parseXml(source, part), source);
}

const sheets = new WeakMap<XElement, StyleSheet>();

/**
 * A package's style sheet, read from the tree the package parsed, once per tree (packages
 * that share the part, ooxml/shared-parts.ts, share the sheet: it is read only).
 */
export function packageStyles(pkg: DocxPackage): StyleSheet | undefined {
  if (!pkg.stylesPart) return undefined;
  const root = pkg.xml(pkg.stylesPart);
  let sheet = sheets.get(root);
  if (!sheet) sheets.set(root, (sheet = sheetOf(root, pkg.text(pkg.stylesPart))));
  return sheet;
}

function sheetOf(root: XElement, source: string): StyleSheet {
  const styles = new Map<string, StyleDef>();
  let docDefaults = '';
  for (const el of elements(root)) {
    if (el.name === 'w:docDefaults') docDefaults = source.slice(el.start, el.end);
    if (el.name !== 'w:style') continue;
    const id = el.attrs['w:styleId'];
    if (!id) continue;
    const val = (name: string): string | undefined => elements(el).find((c) => c.name === name)?.attrs['w:val'];
    const def: StyleDef = {
      id,
      type: el.attrs['w:type'] ?? 'paragraph',
      name: val('w:name') ?? id,
      xml: source.slice(el.start, el.end),
      isDefault: el.attrs['w:default'] === '1' || el.attrs['w:default'] === 'true',
      pPr: child(el, 'w:pPr'),
    };
    const basedOn = val('w:basedOn');
    const next = val('w:next');
    const link = val('w:link');
    if (basedOn) def.basedOn = basedOn;
    if (next) def.next = next;
    if (link) def.link = link;
    styles.set(id, def);
  }
  const insertAt = source.lastIndexOf('</w:styles>');
  return { source, styles, docDefaults, insertAt };
}

/** The style of a type (paragraph, character, table, numbering) marked w:default, the first one. */
export function defaultStyle(sheet: StyleSheet, type: string): StyleDef | undefined {
  for (const s of sheet.styles.values()) if (s.type === type && s.isDefault) return s;
  return undefined;
}

export function defaultParagraphStyle(sheet: StyleSheet): StyleDef | undefined {
  return defaultStyle(sheet, 'paragraph');
}

export function styleIdByName(sheet: StyleSheet, name: string): string | undefined {
  const n = name.toLowerCase();
  for (const s of sheet.styles.values()) if (s.name.toLowerCase() === n) return s.id;
  return undefined;
}

const ownParagraph = new WeakMap<StyleDef, Partial<ParaProps>>();

/** What a style's own w:pPr says (outline level, list, ...), read once per style; not what it inherits. */
export function styleParagraph(def: StyleDef): Partial<ParaProps> {
  let props = ownParagraph.get(def);
  if (!props) ownParagraph.set(def, (props = readParaProps(def.pPr)));
  return props;
}

/** The style and its basedOn ancestors, nearest first (at most 20; a cycle is cut). */
export function styleChain(sheet: StyleSheet | undefined, id: string | undefined): StyleDef[] {
  const out: StyleDef[] = [];
  for (let cur = id, n = 0; cur && sheet && n < 20; n++) {
    const def = sheet.styles.get(cur);
    if (!def || out.includes(def)) break;
    out.push(def);
    cur = def.basedOn;
  }
  return out;
}
