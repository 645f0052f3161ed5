/**
 * The fast path of parseXml (xml.ts): a scanner for the XML that parts are made of, which gives
 * up at anything else (saxes then reads the part and words any refusal).
 */
import type { Location } from '../diagnostics.js';
import type { ContentCounter } from '../limits.js';
import { MAX_XML_DEPTH, type KnownElement, type XElement, type XNode } from './xml-tree.js';

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
    // A counted loop: this runs for every name of every part, before V8 optimises it too.
    for (let k = 0; k < list.length; k++) {
      const name = list[k]!;
      if (name.length === length && source.startsWith(name, from)) return name;
    }
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
