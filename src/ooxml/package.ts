/**
 * A .docx as an Open Packaging Conventions package: the zip, its relationships, and the parts
 * that hold text ("stories") in reading order.
 */
import { inputError } from '../diagnostics.js';
import { ContentCounter, resolveLimits, type Limits } from '../limits.js';
import { decodeXml, elements, parseXml, type XElement } from './xml.js';
import type { SharedParts } from './shared-parts.js';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipArchive, type ZipLimits } from './zip.js';
import { remembered } from '../memo.js';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const STRICT_REL_BASE = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

export interface Relationship {
  id: string;
  /** Last segment of the type URI: `header`, `footer`, `image`, `hyperlink`... */
  type: string;
  target: string;
  /** Resolved part name for internal targets. */
  part?: string;
  external: boolean;
}

export type StoryKind = 'document' | 'header' | 'footer' | 'footnotes' | 'endnotes';

export interface StoryPart {
  part: string;
  kind: StoryKind;
}

export interface DocxPackage {
  readonly archive: ZipArchive;
  readonly mainPart: string;
  /** Parts that hold letter text, in this order: document, headers, footers, footnotes, endnotes. */
  readonly storyParts: readonly StoryPart[];
  readonly mainRels: readonly Relationship[];
  /** Part names of well-known parts, when present. */
  readonly stylesPart?: string;
  readonly settingsPart?: string;
  readonly numberingPart?: string;
  /** Decoded text of a part. */
  text(part: string): string;
  /** Parsed XML of a part (parsed once, then cached). */
  xml(part: string): XElement;
  has(part: string): boolean;
  /** Drops the parsed XML trees (xml() parses a part again when asked): a compiled template
   * keeps what rendering needs, not the trees it was compiled from. */
  release(): void;
  /** The limits its parts are held to (src/limits.ts). */
  readonly limits: Limits;
}

/**
 * Opens a .docx. With `shared` (shared-parts.ts: a run loading many related templates), the
 * parts it holds the same as a package opened before are not inflated, decoded or parsed again.
 */
export function openPackage(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, content: Limits = resolveLimits(), shared?: SharedParts): DocxPackage {
  const archive = readZip(bytes, limits, shared);
  const counter = new ContentCounter(content);
  const lower = new Map<string, string>();
  for (const name of archive.order) lower.set(name.toLowerCase(), name);
  const find = (name: string): string | undefined => lower.get(name.replace(/^\//, '').toLowerCase());

  if (!find('[Content_Types].xml')) throw inputError('package.not-docx', { detail: '[Content_Types].xml' });
  const textCache = new Map<string, string>();
  const xmlCache = new Map<string, XElement>();
  const text = (part: string): string => {
    let t = textCache.get(part);
    if (t === undefined) {
      const same = archive.shared?.(part);
      t = same?.text ?? decodeXml(archive.read(part), part);
      if (same) same.text = t;
      textCache.set(part, t);
    }
    return t;
  };
  /** A part's tree; a shared one (its counts counted again) when another package parsed it. */
  const parse = (part: string, counts: ContentCounter): XElement => {
    const same = archive.shared?.(part);
    if (same?.tree && counts.add(same.counts!)) return same.tree;
    const before = counts.mark();
    const tree = parseXml(text(part), part, counts);
    if (same) {
      const after = counts.mark();
      same.tree = tree;
      same.counts = [after[0] - before[0], after[1] - before[1], after[2] - before[2]];
    }
    return tree;
  };
  /** Parts counted against the package's limits: one parsed again after release() is not
   * counted again (the same text, the same counts, already within the limits). */
  const counted = new Set<string>();
  const xml = (part: string): XElement => {
    let x = xmlCache.get(part);
    if (!x) {
      x = parse(part, counted.has(part) ? new ContentCounter(content) : counter);
      counted.add(part);
      xmlCache.set(part, x);
    }
    return x;
  };

  const rootRelsPart = find('_rels/.rels');
  if (!rootRelsPart) throw inputError('package.not-docx', { detail: '_rels/.rels' });
  const rootRels = parseRels(xml(rootRelsPart), '');
  const officeDoc = rootRels.find((r) => r.type === 'officeDocument' && !r.external);
  if (!officeDoc) {
    if (rootRels.some((r) => r.type === 'strict:officeDocument')) throw inputError('package.strict-ooxml');
    throw inputError('package.not-docx', { detail: 'word/document.xml' });
  }
  const mainPart = find(officeDoc.part!);
  if (!mainPart) throw inputError('package.not-docx', { detail: officeDoc.part! });

  const mainRoot = xml(mainPart);
  if (mainRoot.attrs['xmlns:w'] !== W_NS) {
    if (Object.values(mainRoot.attrs).includes('http://purl.oclc.org/ooxml/wordprocessingml/main')) {
      throw inputError('package.strict-ooxml');
    }
    throw inputError('package.namespace-prefix', { part: mainPart });
  }

  const relsPart = find(relsPartOf(mainPart));
  const mainRels = relsPart ? parseRels(xml(relsPart), dirOf(mainPart)) : [];
  for (const r of mainRels) if (r.part) r.part = find(r.part) ?? r.part;

  const storyParts: StoryPart[] = [{ part: mainPart, kind: 'document' }];
  for (const kind of ['header', 'footer', 'footnotes', 'endnotes'] as const) {
    const parts = mainRels
      .filter((r) => r.type === kind && r.part && find(r.part))
      .map((r) => r.part!)
      .sort(naturalCompare);
    for (const part of new Set(parts)) storyParts.push({ part, kind });
  }
  const one = (type: string): string | undefined => {
    const r = mainRels.find((rel) => rel.type === type && rel.part);
    return r?.part ? find(r.part) : undefined;
  };

  const styles = one('styles');
  const settings = one('settings');
  const numbering = one('numbering');
  // Every XML part goes into every letter, read or not: each must be well-formed, without
  // DOCTYPE. The trees later stages use are kept; the others are parsed only to check them.
  const used = new Set([...storyParts.map((s) => s.part), styles, settings, numbering]);
  // The limits in force, each such part held to them alone (as parseXml holds a part).
  let alone: Limits | undefined;
  for (const part of xmlParts(archive, xml(find('[Content_Types].xml')!))) {
    if (used.has(part)) xml(part);
    else if (!xmlCache.has(part)) parse(part, new ContentCounter((alone ??= resolveLimits())));
  }

  const pkg: DocxPackage = {
    archive,
    mainPart,
    storyParts,
    mainRels,
    text,
    xml,
    has: (part) => find(part) !== undefined,
    release: () => xmlCache.clear(),
    limits: content,
  };
  return {
    ...pkg,
    ...(styles ? { stylesPart: styles } : {}),
    ...(settings ? { settingsPart: settings } : {}),
    ...(numbering ? { numberingPart: numbering } : {}),
  };
}

/** The parts that hold XML: by content type (`…+xml`, `application/xml`, `text/xml`) or by
 * extension (.xml, .rels). */
function xmlParts(archive: ZipArchive, contentTypes: XElement): string[] {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const el of elements(contentTypes)) {
    const type = (el.attrs['ContentType'] ?? '').toLowerCase();
    const ext = el.attrs['Extension'];
    const name = el.attrs['PartName'];
    if (el.name.endsWith('Default') && ext) defaults.set(ext.toLowerCase(), type);
    else if (el.name.endsWith('Override') && name) overrides.set(name.replace(/^\//, '').toLowerCase(), type);
  }
  return archive.order.filter((name) => {
    const lower = name.toLowerCase();
    if (/\.(xml|rels)$/.test(lower)) return true;
    const type = overrides.get(lower) ?? defaults.get(lower.slice(lower.lastIndexOf('.') + 1)) ?? '';
    return type.endsWith('+xml') || type === 'application/xml' || type === 'text/xml';
  });
}

export function parseRels(root: XElement, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const el of elements(root)) {
    if (!el.name.endsWith('Relationship')) continue;
    const typeUri = el.attrs['Type'] ?? '';
    const type = typeUri.startsWith(REL_BASE)
      ? typeUri.slice(REL_BASE.length)
      : typeUri.startsWith(STRICT_REL_BASE)
        ? 'strict:' + typeUri.slice(STRICT_REL_BASE.length)
        : typeUri.slice(typeUri.lastIndexOf('/') + 1);
    const target = el.attrs['Target'] ?? '';
    // Word's own spelling is `External`; any other spelling is taken as external too, never as a part.
    const external = (el.attrs['TargetMode'] ?? '').trim().toLowerCase() === 'external';
    const rel: Relationship = { id: el.attrs['Id'] ?? '', type, target, external };
    if (!external) rel.part = resolvePart(baseDir, target);
    out.push(rel);
  }
  return out;
}

export function relsPartOf(part: string): string {
  const dir = dirOf(part);
  return `${dir}_rels/${part.slice(dir.length)}.rels`;
}

function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** Resolved targets, once per folder and target: a repository's packages name the same few parts. */
const resolved = remembered(resolveTarget, 4096);

function resolvePart(baseDir: string, target: string): string {
  return resolved(target.startsWith('/') ? target.slice(1) : baseDir + target);
}

/** A part name from a target joined to its folder: `.` and `..` segments resolved. */
function resolveTarget(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
