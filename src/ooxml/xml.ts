/**
 * Part XML -> a small element tree that remembers where each element sits in the source text,
 * so that later stages can copy untouched XML verbatim and cut fields out of it.
 *
 * Parsing is done by saxes (a strict, well-formedness-checking SAX parser). We refuse any DOCTYPE
 * (no DTDs, so no entity expansion of any kind) and anything that is not well-formed.
 */
import { createRequire } from 'node:module';
import { inputError, KpBrevError, diagnostic, type Location } from '../diagnostics.js';
import type { MessageId } from '../i18n/index.js';
import { ContentCounter, resolveLimits } from '../limits.js';

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

/** The `saxes` package, loaded when a part is first read by it (not on the fast path, which
 * reads the parts Word and kp-brev write: a process that reads only those loads none of it,
 * nor the character tables of its xmlchars). */
let saxesPackage: typeof import('saxes') | undefined;
const saxes = (): typeof import('saxes') => (saxesPackage ??= createRequire(import.meta.url)('saxes') as typeof import('saxes'));

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false });

const DECLARED_ENCODING = /^<\?xml[^>]*?encoding\s*=\s*(["'])([^"']+)\1/;

/**
 * Decodes part bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; nothing else. The
 * encoding follows from the first bytes and the XML declaration together (XML 1.0 Appendix F):
 * bytes and declaration that disagree are refused. The text of a UTF-16 part comes back with its
 * declaration saying UTF-8, because every part a letter changes is written as UTF-8: what is
 * written is what is declared. (A part no letter changes keeps its stored UTF-16 bytes.)
 */
export function decodeXml(bytes: Uint8Array, part: string): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const actual = b0 === 0xff && b1 === 0xfe ? 'UTF-16LE' : b0 === 0xfe && b1 === 0xff ? 'UTF-16BE' : 'UTF-8';
  // `<?` in UTF-16 without a BOM (XML 1.0 §4.3.3 requires one).
  if ((b0 === 0x3c && b1 === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) || (b0 === 0x00 && b1 === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f)) {
    throw inputError('xml.utf16-no-bom', { part });
  }
  let text: string;
  try {
    text = (actual === 'UTF-16LE' ? utf16le : actual === 'UTF-16BE' ? utf16be : utf8).decode(bytes);
  } catch {
    throw inputError(actual === 'UTF-8' ? 'xml.invalid-utf8' : 'xml.invalid-utf16', { part });
  }
  const decl = DECLARED_ENCODING.exec(text);
  if (!decl) return text;
  const declared = decl[2]!;
  const enc = declared.toLowerCase();
  const isUtf8 = enc === 'utf-8' || enc === 'utf8';
  const isUtf16 = enc === 'utf-16' || enc === 'utf-16le' || enc === 'utf-16be';
  if (!isUtf8 && !isUtf16) throw inputError('xml.encoding', { part, encoding: declared });
  const agrees = actual === 'UTF-8' ? isUtf8 : enc === 'utf-16' || enc === actual.toLowerCase();
  if (!agrees) throw inputError('xml.encoding-mismatch', { part, declared, actual });
  if (actual === 'UTF-8') return text;
  const at = decl.index + decl[0].length - 1 - declared.length;
  return `${text.slice(0, at)}UTF-8${text.slice(at + declared.length)}`;
}

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

/**
 * Parses a part into its root element. Throws a KpBrevError naming the part and the place.
 * `counter` counts elements, paragraphs and fields against the limits (src/limits.ts) over all
 * the parts of a package; without one, this part alone is held to the limits in force. `known`
 * (the PDF reader's) gives elements already read, which are taken as they are.
 */
export function parseXml(source: string, part: string, counter: ContentCounter = new ContentCounter(resolveLimits()), known?: KnownElement): XElement {
  // The usual part (as Word and kp-brev write them) is read by a fast scanner; anything it does
  // not know for certain to be well-formed is read by saxes, which also words every error.
  const mark = counter.mark();
  let fast: XElement | undefined;
  try {
    fast = scanXml(source, counter, known);
  } catch {
    // A limit passed: saxes reads it again and reports it with its place.
  }
  if (fast) return fast;
  counter.reset(mark);
  return parseWithSaxes(source, part, counter);
}

/** parseXml without its fast path (for tests that compare the two). */
export function parseWithSaxes(source: string, part: string, counter: ContentCounter): XElement {
  const parser = new (saxes().SaxesParser)({ position: true });
  const stack: XElement[] = [];
  let root: XElement | undefined;

  const fail = (code: MessageId, params: Record<string, string> = {}): never => {
    throw new KpBrevError('input', [diagnostic(code, { part, ...params }, { part, line: parser.line, column: parser.column })]);
  };
  // The element the reader closed last: when an end tag skips an open element, the reader
  // closes that one and complains without naming it.
  let lastClosed = '';
  const malformed = (message: string): never => {
    const { code, params } = malformedReason(message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''));
    return fail(code, code === 'xml.malformed.close' ? { name: lastClosed } : params);
  };

  parser.on('doctype', () => fail('xml.doctype'));
  parser.on('error', (err) => malformed(err.message));
  const where = () => ({ part, line: parser.line, column: parser.column });
  parser.on('opentag', (tag) => {
    counter.element(tag.name, tag.attributes as Record<string, string>, where);
    const openEnd = parser.position;
    const start = source.lastIndexOf('<', openEnd - 1);
    const el: XElement = {
      kind: 'element',
      name: tag.name,
      attrs: tag.attributes as Record<string, string>,
      start,
      openEnd,
      end: openEnd,
      children: [],
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) {
      stack.push(el);
      if (stack.length > MAX_XML_DEPTH) {
        throw new KpBrevError('input', [diagnostic('xml.too-deep', { part, limit: MAX_XML_DEPTH }, where())]);
      }
    }
  });
  parser.on('closetag', (tag) => {
    lastClosed = tag.name;
    if (tag.isSelfClosing) return;
    const el = stack.pop();
    if (el) el.end = parser.position;
  });
  const onText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ kind: 'text', text });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(source).close();
  } catch (err) {
    if (err instanceof KpBrevError) throw err;
    malformed(err instanceof Error ? err.message : String(err));
  }
  if (!root) fail('xml.malformed.no-root');
  return root!;
}

/** The XML reader's complaints that people meet in damaged documents, in words of the catalog;
 * any other is shown as the reader's own (English) text, marked as such. */
const MALFORMED: Array<{ pattern: RegExp; code: MessageId; named?: true }> = [
  { pattern: /^unclosed tag: (.+)$/, code: 'xml.malformed.unclosed', named: true },
  { pattern: /^unmatched closing tag: (.+?)\.?$/, code: 'xml.malformed.unmatched', named: true },
  { pattern: /^unexpected close tag\.?$/, code: 'xml.malformed.close' },
  { pattern: /^unexpected end\.?$/, code: 'xml.malformed.end' },
  { pattern: /^document must contain a root element\.?$/, code: 'xml.malformed.no-root' },
  { pattern: /^documents may contain only one root\.?$/, code: 'xml.malformed.two-roots' },
  { pattern: /^text data outside of root node\.?$/, code: 'xml.malformed.text-outside' },
  { pattern: /^(?:undefined entity|malformed character entity|empty entity name)\.?$/, code: 'xml.malformed.entity' },
  { pattern: /^disallowed character/, code: 'xml.malformed.character' },
  { pattern: /^duplicate attribute: (.+?)\.?$/, code: 'xml.malformed.duplicate-attribute', named: true },
  { pattern: /^(?:unquoted attribute value|attribute without value|no whitespace between attributes)\.?$/, code: 'xml.malformed.attribute' },
];

function malformedReason(message: string): { code: MessageId; params: Record<string, string> } {
  for (const { pattern, code, named } of MALFORMED) {
    const m = pattern.exec(message);
    if (m) return { code, params: named ? { name: (m[1] ?? '').slice(0, 200) } : {} };
  }
  return { code: 'xml.malformed', params: { detail: message.slice(0, 200) } };
}

/** Characters XML 1.0 does not allow (lone surrogates are checked apart), and a carriage
 * return, which XML normalises: a part with any of them goes to saxes. */
const UNUSUAL = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** ASCII name characters (a name with any other goes to saxes). */
const isNameStart = (ch: number): boolean => (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || ch === 0x3a || ch === 0x5f;
const isNameChar = (ch: number): boolean => isNameStart(ch) || (ch >= 0x30 && ch <= 0x39) || ch === 0x2d || ch === 0x2e;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the references of text or an attribute value; undefined when one is not plain. */
function decodeRefs(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let out = '';
  let at = 0;
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', at)) {
    const semi = text.indexOf(';', i);
    if (semi < 0 || semi - i > 10) return undefined;
    const ref = text.slice(i + 1, semi);
    let ch: string | undefined;
    if (ref.startsWith('#x')) ch = /^#x[0-9A-Fa-f]+$/.test(ref) ? codePoint(parseInt(ref.slice(2), 16)) : undefined;
    else if (ref.startsWith('#')) ch = /^#[0-9]+$/.test(ref) ? codePoint(parseInt(ref.slice(1), 10)) : undefined;
    else ch = ENTITIES[ref];
    if (ch === undefined) return undefined;
    out += text.slice(at, i) + ch;
    at = semi + 1;
  }
  return out + text.slice(at);
}

/** A character reference's character, when XML allows it. */
function codePoint(cp: number): string | undefined {
  const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  return ok ? String.fromCodePoint(cp) : undefined;
}

/**
 * Element and attribute names, one string each for the process: parts use a few hundred names
 * (`w:p`, `w:rPr`, `w:val`) millions of times. A name is found by a hash of its characters,
 * computed while the scanner checks them, and compared in place, so a name met before costs no
 * new string; a name met first is copied out of the part's text (a slice of it would keep the
 * whole text alive). Bounded: past MAX_NAMES, names are sliced per place as before.
 */
const names = new Map<number, string[]>();
let nameCount = 0;
const MAX_NAMES = 4096;

function nameAt(source: string, from: number, to: number, hash: number): string {
  const length = to - from;
  const list = names.get(hash);
  if (list) {
    for (const name of list) if (name.length === length && source.startsWith(name, from)) return name;
  }
  const name = source.slice(from, to);
  if (nameCount >= MAX_NAMES) return name;
  // A fresh string (names are ASCII: the scanner sends any other to saxes).
  const own = Buffer.from(name, 'latin1').toString('latin1');
  if (list) list.push(own);
  else names.set(hash, [own]);
  nameCount++;
  return own;
}

/** The attributes of an element without any (shared: the tree's attributes are read only). */
const NO_ATTRS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);
/** The prototype of the scanner's attribute objects: itself without prototype or properties, so
 * an attribute object inherits nothing (`attrs['constructor']` is undefined, as with saxes'
 * prototype-less objects), yet stays an ordinary object with a shape V8 shares between elements
 * of the same attributes. `Object.create(null)` itself would make each a hash table, about three
 * times the size (a tree of a long letter body: 340 KB against 250 KB). */
const ATTRS_PROTO: object = Object.freeze(Object.create(null) as object);
/**
 * Short attribute values (`preserve`, `single`, `0`, `auto`, a colour), one string each for the
 * process while they keep coming: a value is found by a hash of its characters, computed while
 * the scanner looks for its closing quote, in one slot of a table, and compared in place, so a
 * value met just before costs no new string. A different value in the slot takes its place
 * (revision ids, unique per run, pass through without crowding out the values that repeat).
 * Values up to VALUE_LENGTH characters: V8 copies a slice that short, so a slot never keeps a
 * part's text alive.
 */
const VALUE_SLOTS = 4096;
const VALUE_LENGTH = 12;
const values: Array<string | undefined> = new Array<string | undefined>(VALUE_SLOTS).fill(undefined);

function valueAt(source: string, from: number, to: number, hash: number): string {
  const slot = hash & (VALUE_SLOTS - 1);
  const known = values[slot];
  if (known !== undefined && known.length === to - from && source.startsWith(known, from)) return known;
  const value = source.slice(from, to);
  values[slot] = value;
  return value;
}

/**
 * The fast path of parseXml: the same tree as saxes gives, for the XML that parts are made of
 * (elements with ASCII names, quoted attributes, text with the predefined entities and character
 * references, comments, CDATA, the XML declaration). Undefined for anything else (a DOCTYPE, a
 * name or construct it does not check, anything not well-formed), which saxes then reads and,
 * where it must, refuses with its precise message. The limits are counted as saxes counts them.
 */
export function scanXml(source: string, counter: ContentCounter, known?: KnownElement): XElement | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const stack: XElement[] = [];
  // The children of the open elements, in order, each element's from where `firsts` says: an
  // element gets them as an array of their exact number when it closes. (Pushing into an
  // element's own array would give every element with one child room for seventeen.)
  const pending: XNode[] = [];
  let top = 0;
  const firsts: number[] = [];
  let root: XElement | undefined;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = source.length;
  const nowhere = (): Location => ({});
  while (i < n) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = source.slice(i, textEnd);
      if (!stack.length) {
        // Outside the root only white space.
        if (!/^[ \t\n]*$/.test(raw)) return undefined;
      } else {
        if (raw.includes('>') && raw.includes(']]>')) return undefined;
        const text = decodeRefs(raw);
        if (text === undefined) return undefined;
        pending[top++] = { kind: 'text', text };
      }
    }
    if (lt < 0) break;
    const c = source.charCodeAt(lt + 1);
    if (c === 0x3f /* ? */) {
      const end = source.indexOf('?>', lt + 2);
      if (end < 0) return undefined;
      const target = /^<\?([A-Za-z_][\w.-]*)/.exec(source.slice(lt, lt + 40))?.[1];
      if (!target || (target.toLowerCase() === 'xml' && lt !== (source.charCodeAt(0) === 0xfeff ? 1 : 0))) return undefined;
      i = end + 2;
      continue;
    }
    if (c === 0x21 /* ! */) {
      if (source.startsWith('<!--', lt)) {
        const end = source.indexOf('-->', lt + 4);
        if (end < 0 || source.slice(lt + 4, end).includes('--')) return undefined;
        i = end + 3;
        continue;
      }
      if (source.startsWith('<![CDATA[', lt)) {
        const end = source.indexOf(']]>', lt + 9);
        if (!stack.length || end < 0) return undefined;
        pending[top++] = { kind: 'text', text: source.slice(lt + 9, end) };
        i = end + 3;
        continue;
      }
      return undefined;
    }
    if (c === 0x2f /* / */) {
      const gt = source.indexOf('>', lt + 2);
      if (gt < 0) return undefined;
      const name = source.slice(lt + 2, gt).trimEnd();
      const el = stack.pop();
      if (!el || el.name !== name) return undefined;
      el.end = gt + 1;
      const first = firsts.pop()!;
      if (top > first) {
        (el as { children: XNode[] }).children = pending.slice(first, top);
        top = first;
      }
      i = gt + 1;
      continue;
    }
    // A start tag.
    if (known && stack.length) {
      const el = known(lt, stack[stack.length - 1]!, stack.length);
      if (el) {
        pending[top++] = el;
        i = el.end;
        continue;
      }
    }
    let p = lt + 1;
    if (!isNameStart(source.charCodeAt(p))) return undefined;
    let hash = 0;
    while (p < n) {
      const ch = source.charCodeAt(p);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x3e || ch === 0x2f) break;
      if (!isNameChar(ch)) return undefined;
      hash = (Math.imul(hash, 31) + ch) | 0;
      p++;
    }
    const name = nameAt(source, lt + 1, p, hash);
    let attrs: Record<string, string> = NO_ATTRS;
    let selfClosing = false;
    for (;;) {
      let q = p;
      while (q < n && (source.charCodeAt(q) === 0x20 || source.charCodeAt(q) === 0x09 || source.charCodeAt(q) === 0x0a)) q++;
      const ch = source.charCodeAt(q);
      if (ch === 0x3e) {
        p = q + 1;
        break;
      }
      if (ch === 0x2f) {
        if (source.charCodeAt(q + 1) !== 0x3e) return undefined;
        selfClosing = true;
        p = q + 2;
        break;
      }
      // An attribute needs white space before it; its name runs to the `=`.
      if (q === p || !isNameStart(ch)) return undefined;
      let eq = q;
      let attrHash = 0;
      for (let c = ch; eq < n && isNameChar(c); c = source.charCodeAt(++eq)) attrHash = (Math.imul(attrHash, 31) + c) | 0;
      if (source.charCodeAt(eq) !== 0x3d /* = */) return undefined;
      const attr = nameAt(source, q, eq, attrHash);
      if (attrs[attr] !== undefined || attr === '__proto__') return undefined;
      const quote = source.charCodeAt(eq + 1);
      if (quote !== 0x22 /* " */ && quote !== 0x27 /* ' */) return undefined;
      // To the closing quote: the value's hash, and whether it is as written (no reference,
      // no tab or line feed to normalise).
      let close = eq + 2;
      let valueHash = 0;
      let plain = true;
      for (; close < n; close++) {
        const vc = source.charCodeAt(close);
        if (vc === quote) break;
        if (vc === 0x3c /* < */) return undefined;
        if (vc === 0x26 /* & */ || vc === 0x09 || vc === 0x0a) plain = false;
        valueHash = (Math.imul(valueHash, 31) + vc) | 0;
      }
      if (close >= n) return undefined;
      let value: string | undefined;
      if (plain) {
        value = close - eq - 2 <= VALUE_LENGTH ? valueAt(source, eq + 2, close, valueHash) : source.slice(eq + 2, close);
      } else {
        const raw = source.slice(eq + 2, close);
        value = decodeRefs(raw.replace(/[\t\n]/g, ' '));
        if (value === undefined) return undefined;
      }
      if (attrs === NO_ATTRS) attrs = Object.create(ATTRS_PROTO) as Record<string, string>;
      attrs[attr] = value;
      p = close + 1;
    }
    counter.element(name, attrs, nowhere);
    const el: XElement = { kind: 'element', name, attrs, start: lt, openEnd: p, end: p, children: [] };
    if (stack.length) pending[top++] = el;
    else if (root) return undefined;
    else root = el;
    if (!selfClosing) {
      stack.push(el);
      firsts.push(top);
      if (stack.length > MAX_XML_DEPTH) return undefined;
    }
    i = p;
  }
  if (!root || stack.length) return undefined;
  return root;
}

/** Element children only. */
export function elements(el: XElement): XElement[] {
  const out: XElement[] = [];
  for (const c of el.children) if (c.kind === 'element') out.push(c);
  return out;
}

export function child(el: XElement, name: string): XElement | undefined {
  for (const c of el.children) if (c.kind === 'element' && c.name === name) return c;
  return undefined;
}

/** All text directly inside an element (not in descendants). */
export function ownText(el: XElement): string {
  let s = '';
  for (const c of el.children) if (c.kind === 'text') s += c.text;
  return s;
}

/** Depth-first search for descendants with a name. */
export function findAll(el: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of el.children) {
    if (c.kind !== 'element') continue;
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for element content or attribute values (in double quotes): `& < > "`. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

const ALL_ESCAPES: Record<string, string> = { ...ESCAPES, "'": '&apos;' };

/** Escapes all five characters XML predefines entities for, `'` as `&apos;` too (the PDF's XMP packet). */
export function escapeXmlAll(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ALL_ESCAPES[c]!);
}

const UNESCAPES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };

/** The five predefined entities back to their characters (character references are left as they are):
 * for text read from XML with a regular expression instead of the parser. */
export function unescapeXml(text: string): string {
  return text.replace(/&(quot|apos|lt|gt|amp);/g, (_m, name: string) => UNESCAPES[name]!);
}

/** The characters XML 1.0 allows; anything else cannot be written to a part. */
export function firstInvalidXmlChar(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return c;
      i++;
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      return c;
    }
  }
  return undefined;
}
