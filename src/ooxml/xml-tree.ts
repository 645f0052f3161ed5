/**
 * The element tree that parseXml gives (xml.ts, xml-scan.ts): each element remembers where it
 * sits in the source text, so that later stages can copy untouched XML verbatim and cut fields
 * out of it. With the helpers that read it.
 */

export interface XElement {
  readonly kind: 'element';
  /** Qualified name as written, e.g. `w:p`. */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Offset of `<` of the start tag. */
  readonly start: number;
  /** Offset just after `>` of the start tag. */
  readonly openEnd: number;
  /** Offset just after `>` of the end tag (equal to openEnd when self-closing). */
  end: number;
  readonly children: XNode[];
}

export interface XText {
  readonly kind: 'text';
  /** Decoded text (entities and character references resolved). */
  readonly text: string;
}

export type XNode = XElement | XText;

/** Deeper XML than this is refused: real documents stay far below, and every later stage
 * may recurse over the tree. */
export const MAX_XML_DEPTH = 256;

/**
 * An element the caller already knows to start at `start` (the `<` of its start tag), as a child
 * of `parent` at this depth (elements open around it): the parser takes it as it is (and its
 * `end` as where to go on) instead of reading it; undefined to read it. Whoever gives one has
 * counted it against the limits.
 */
export type KnownElement = (start: number, parent: XElement, depth: number) => XElement | undefined;

/** Element children only. (These helpers run for most elements of every part read, much of it
 * before V8 optimises them: counted loops, since `for...of` makes an iterator result per step
 * there.) */
export function elements(el: XElement): XElement[] {
  const out: XElement[] = [];
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'element') out.push(c);
  }
  return out;
}

export function child(el: XElement, name: string): XElement | undefined {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'element' && c.name === name) return c;
  }
  return undefined;
}

/** All text directly inside an element (not in descendants). */
export function ownText(el: XElement): string {
  const children = el.children;
  // Mostly one text node (`w:t`).
  if (children.length === 1) {
    const only = children[0]!;
    return only.kind === 'text' ? only.text : '';
  }
  let s = '';
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'text') s += c.text;
  }
  return s;
}

/** Depth-first search for descendants with a name. */
export function findAll(el: XElement, name: string, out: XElement[] = []): XElement[] {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind !== 'element') continue;
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}
