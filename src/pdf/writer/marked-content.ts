/**
 * Marked content of a page that becomes an artifact (an attachment's page in the print copy):
 * a tagged attachment's `/P <</MCID 3>> BDC` would be tagged content inside an artifact, and
 * its MCIDs would point into a structure tree the print copy does not have (PDF/UA-1 7.1,
 * Matterhorn 01-004). Every BDC becomes a BMC with the same tag, so the sequences stay
 * balanced and the content draws the same; nothing else in the stream changes.
 *
 * A small lexer for content streams (ISO 32000-1 7.8.2, 7.2): strings (literal, with nesting
 * and escapes, and hex), names, numbers, arrays, dictionaries, comments, operators, and
 * inline images (BI ... ID <data> EI) whose data is skipped.
 */

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

interface Operand {
  start: number;
  end: number;
  /** The name, for a name operand. */
  name?: string;
}

/** The content stream with every `<tag> <properties> BDC` turned into `<tag> BMC`; the same bytes when there is none. */
export function unmarkContent(bytes: Uint8Array): Uint8Array {
  const s = Buffer.from(bytes).toString('latin1');
  const n = s.length;
  const code = (i: number): number => s.charCodeAt(i);
  let i = 0;
  const edits: Array<{ start: number; end: number; text: string }> = [];

  const skipWhite = (): void => {
    while (i < n) {
      const c = code(i);
      if (WHITE.has(c)) i++;
      else if (c === 0x25) while (i < n && code(i) !== 0x0a && code(i) !== 0x0d) i++;
      else break;
    }
  };
  const regular = (): string => {
    const start = i;
    while (i < n && !WHITE.has(code(i)) && !DELIM.has(code(i))) i++;
    return s.slice(start, i);
  };
  /** One object starting at i (a delimiter or a regular token); i ends after it. */
  const object = (): Operand => {
    const start = i;
    const c = code(i);
    if (c === 0x2f) {
      i++;
      const name = regular();
      return { start, end: i, name };
    }
    if (c === 0x28) {
      let depth = 0;
      for (; i < n; i++) {
        const d = code(i);
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) {
          i++;
          break;
        }
      }
      return { start, end: i };
    }
    if (c === 0x3c && code(i + 1) === 0x3c) return container('>>', 2);
    if (c === 0x3c) {
      const close = s.indexOf('>', i);
      i = close < 0 ? n : close + 1;
      return { start, end: i };
    }
    if (c === 0x5b) return container(']', 1);
    if (DELIM.has(c)) {
      i++; // a stray delimiter: ')' '>' ']' '{' '}'
      return { start, end: i };
    }
    regular();
    return { start, end: i };
  };
  const container = (close: string, open: number): Operand => {
    const start = i;
    i += open;
    for (;;) {
      skipWhite();
      if (i >= n) break;
      if (s.startsWith(close, i)) {
        i += close.length;
        break;
      }
      object();
    }
    return { start, end: i };
  };

  let operands: Operand[] = [];
  while (i < n) {
    skipWhite();
    if (i >= n) break;
    const c = code(i);
    if (DELIM.has(c)) {
      operands.push(object());
      continue;
    }
    const start = i;
    const word = regular();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null') {
      operands.push({ start, end: i });
      continue;
    }
    if (word === 'BDC' && operands.length >= 2 && operands[operands.length - 2]!.name !== undefined) {
      const tag = operands[operands.length - 2]!;
      edits.push({ start: tag.start, end: i, text: `/${tag.name} BMC` });
    } else if (word === 'BI') {
      // Inline image: its dictionary up to ID, then binary data up to EI standing alone.
      const id = /(^|[\0\t\n\f\r ])ID[\0\t\n\f\r ]/.exec(s.slice(i));
      if (!id) break;
      const data = i + id.index + id[0].length;
      const ei = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/.exec(s.slice(data));
      i = ei ? data + ei.index + ei[0].length : n;
    }
    operands = [];
  }
  if (!edits.length) return bytes;
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += s.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += s.slice(at);
  return Buffer.from(out, 'latin1');
}
