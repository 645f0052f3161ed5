/**
 * External references a letter may carry: the one table for relationships with
 * TargetMode="External" in any part's .rels (docs/word-fields.md, "External references").
 * Fields that reach out are field-policy.ts's; these reach out without a field: a picture
 * linked instead of embedded (a tracking pixel, or a \\host\share path that makes Windows send
 * the citizen's NTLM credentials), an attached template, a linked OLE object, a subdocument, a
 * frame, an imported chunk, a link to a file or a script.
 *
 * - `keep`: a hyperlink to a web or mail address (https, http, mailto): a link the citizen
 *   chooses to follow, as the HYPERLINK field.
 * - `drop`: what settings.xml names and a made letter does not need: the attached template, the
 *   mail merge's data sources, an XSLT for saving as XML. The relationship and the setting that
 *   names it are left out of the letter.
 * - `refuse`: everything else. Word fetches or opens it when the letter is opened or clicked,
 *   and leaving it out would change what the letter shows, so the letter is not made.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { parseRels, type DocxPackage } from '../ooxml/package.js';
import { elements, type XElement } from '../ooxml/xml.js';
import { isSafeUrl } from './field-policy.js';

export type ExternalAction = 'keep' | 'drop' | 'refuse';

/** Relationship types of settings.xml that a merged letter does not need (dropped). */
export const DROPPED_TYPES: ReadonlySet<string> = new Set(['attachedTemplate', 'mailMergeSource', 'mailMergeHeaderSource', 'recipientData', 'transform']);

const REL_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);

export interface ExternalRef {
  /** The part the relationship belongs to (`word/document.xml`; `''` for the package's own). */
  source: string;
  relsPart: string;
  id: string;
  /** Last segment of the relationship type: `image`, `hyperlink`, `attachedTemplate`... */
  type: string;
  target: string;
  action: ExternalAction;
  /** The Relationship element in the .rels part. */
  element: XElement;
}

/** What a letter does with one external relationship. `story`: it belongs to a part with
 * letter text (whose XML is rendered, not edited here). */
export function externalAction(type: string, target: string, story: boolean): ExternalAction {
  if (type === 'hyperlink') return isSafeUrl(target) ? 'keep' : 'refuse';
  return DROPPED_TYPES.has(type) && !story ? 'drop' : 'refuse';
}

/** The part a .rels part describes: `word/_rels/settings.xml.rels` → `word/settings.xml`. */
export function sourceOfRels(relsPart: string): string | undefined {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  return m ? m[1]! + m[2]! : undefined;
}

/** The external references of the packages read so far (compiling a template and linting it
 * both ask; a package does not change). */
const found = new WeakMap<DocxPackage, readonly ExternalRef[]>();

/** Every external relationship in every .rels part of the package, with its action. */
export function externalReferences(pkg: DocxPackage): readonly ExternalRef[] {
  let refs = found.get(pkg);
  if (!refs) found.set(pkg, (refs = readExternalReferences(pkg)));
  return refs;
}

function readExternalReferences(pkg: DocxPackage): ExternalRef[] {
  const stories = new Set(pkg.storyParts.map((s) => s.part));
  const out: ExternalRef[] = [];
  for (const relsPart of pkg.archive.order) {
    const source = sourceOfRels(relsPart);
    if (source === undefined) continue;
    const root = pkg.xml(relsPart);
    const els = elements(root).filter((el) => el.name.endsWith('Relationship'));
    const rels = parseRels(root, source.slice(0, source.lastIndexOf('/') + 1));
    rels.forEach((rel, i) => {
      if (!rel.external) return;
      out.push({
        source,
        relsPart,
        id: rel.id,
        type: rel.type,
        target: rel.target,
        action: externalAction(rel.type, rel.target, stories.has(source)),
        element: els[i]!,
      });
    });
  }
  return out;
}

/**
 * Where a target points, as a message may show it: the scheme and host of an address, the
 * host of a UNC path, the drive of a local path, the file name of a relative one; never a
 * user name, password, path or query (they may be secret, or personal).
 */
export function describeTarget(target: string): string {
  const t = target.trim();
  const unc = /^(?:\\\\|\/\/)([^\\/]*)/.exec(t);
  if (unc) return `\\\\${clip(unc[1]!)}\\…`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name.length === 1) return `${name.toUpperCase()}:\\…`;
    const rest = t.slice(scheme[0].length);
    if (!rest.startsWith('//')) return `${name}:…`;
    const authority = rest.slice(2).split(/[/\\?#]/)[0]!;
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    return host ? `${name}://${clip(host)}/…` : `${name}:///…`;
  }
  const file = t.split(/[\\/]/).pop() ?? '';
  return file ? clip(file) : '…';
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The diagnostic that refuses a letter for one external reference. */
export function externalDiagnostic(ref: ExternalRef, template: string): Diagnostic {
  return diagnostic(
    'render.external-reference',
    { part: ref.source || ref.relsPart, type: ref.type, target: describeTarget(ref.target) },
    { template, part: ref.relsPart },
  );
}

export interface Range {
  start: number;
  end: number;
}

/**
 * What leaving the dropped references out takes: per part, the ranges of its text to cut (the
 * Relationship elements, and the elements of the source part that name them, such as
 * `w:attachedTemplate`).
 */
export function dropRanges(pkg: DocxPackage, refs: readonly ExternalRef[]): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  const add = (part: string, el: XElement): void => {
    const list = out.get(part);
    if (list) list.push({ start: el.start, end: el.end });
    else out.set(part, [{ start: el.start, end: el.end }]);
  };
  const bySource = new Map<string, Set<string>>();
  for (const ref of refs) {
    if (ref.action !== 'drop') continue;
    add(ref.relsPart, ref.element);
    const ids = bySource.get(ref.source) ?? new Set<string>();
    ids.add(ref.id);
    bySource.set(ref.source, ids);
  }
  for (const [source, ids] of bySource) {
    if (!source || !pkg.has(source)) continue;
    const root = pkg.xml(source);
    const prefixes = new Set(Object.entries(root.attrs).flatMap(([k, v]) => (k.startsWith('xmlns:') && REL_NAMESPACES.has(v) ? [k.slice(6)] : [])));
    const visit = (el: XElement): void => {
      const names = Object.entries(el.attrs).some(([k, v]) => ids.has(v) && prefixes.has(k.slice(0, k.indexOf(':'))));
      if (names) add(source, el);
      else for (const c of elements(el)) visit(c);
    };
    for (const c of elements(root)) visit(c);
  }
  return out;
}

/** `text` without `ranges` (nested or overlapping ranges are cut once). */
export function cutRanges(text: string, ranges: readonly Range[]): string {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) {
      at = Math.max(at, r.end);
      continue;
    }
    out += text.slice(at, r.start);
    at = r.end;
  }
  return out + text.slice(at);
}
