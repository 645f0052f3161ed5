/**
 * Part XML -> a small element tree (xml-tree.ts) that remembers where each element sits in the
 * source text, so that later stages can copy untouched XML verbatim and cut fields out of it.
 *
 * A fast scanner (xml-scan.ts) reads the usual part; anything it does not know for certain is
 * read by saxes (a strict, well-formedness-checking SAX parser). We refuse any DOCTYPE (no DTDs,
 * so no entity expansion of any kind) and anything that is not well-formed.
 */
import { createRequire } from 'node:module';
import { inputError, KpBrevError, diagnostic } from '../diagnostics.js';
import type { MessageId } from '../i18n/index.js';
import { ContentCounter, resolveLimits } from '../limits.js';
import { scanXml } from './xml-scan.js';
import { MAX_XML_DEPTH, type KnownElement, type XElement } from './xml-tree.js';

// The tree and its helpers, for the readers of parts.
export { child, elements, findAll, MAX_XML_DEPTH, ownText, type KnownElement, type XElement, type XNode, type XText } from './xml-tree.js';

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
