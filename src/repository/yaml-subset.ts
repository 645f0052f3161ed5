/**
 * A reader for the YAML a repository's manifests and catalog are usually written in: block
 * mappings with simple keys, block sequences, one-line flow sequences, plain, single- and
 * double-quoted scalars on one line (integers, booleans and null as the core schema reads
 * them), literal block scalars (`|`, `|-`), comments, and anchors on a mapping's value or a
 * sequence's item (`key: &a1` and its block below, `key: &a1 value`) with aliases to them as a
 * whole value (`key: *a1`, `- *a1`) after them, as yaml writes a list that several entries
 * share. It gives up (returns undefined) at anything else: tags, flow mappings, folded or
 * multi-line scalars, escapes, floats, duplicate keys, tabs, a carriage return, documents
 * markers, an anchor named twice, an alias within the value of an anchor it is read in, or
 * one used more than 99 times (yaml's maxAliasCount). The caller then reads the text with the
 * `yaml` package as before, so every error and its message is yaml's; when this reader answers,
 * it answers what `yaml`'s `parse` gives (the core schema of YAML 1.2), which
 * test/repository/yaml-subset.test.ts compares.
 *
 * Why: a repository of 98 municipalities has 100 such files, and the `yaml` package took about
 * 0.35 s of the 0.9 s `kp-brev templates` took (its parser is general and, run once per
 * process, not yet optimised by V8); this reader takes a few milliseconds.
 */

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

interface Line {
  indent: number;
  /** The line without its indentation. */
  text: string;
  /** The line as written (for block scalars). */
  raw: string;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
/** `&name`, alone or before a value on its line. */
const ANCHOR = /^&([A-Za-z0-9_-]+)(?: +(.*))?$/;
/** `*name`, the whole value. */
const ALIAS = /^\*([A-Za-z0-9_-]+)$/;
/** Aliases of one anchor at most: yaml counts the anchored value with them against its
 * maxAliasCount (100, which data-file.ts passes and is parse's default) for a value without
 * aliases in it. */
const MAX_ALIASES = 99;
/** An integer the core schema and Number read alike (no sign, no leading zero). */
const INT = /^(?:0|[1-9][0-9]{0,14})$/;
/** A plain scalar may not start with an indicator; a digit, sign or dot may start a number. */
const UNSAFE_START = /^[-?:,[\]{}#&*!|>'"%@`+.0-9~]/;
/** Words after a digit: no number the core schema reads (int, float, hex, octal) holds a space,
 * so this is a string (`23.19.08 Pension`). */
const DIGIT_WORDS = /^[0-9][^ ]* ./;
/** Plain scalars the core schema reads as null or a boolean. */
const WORDS = new Map<string, Value>([
  ...['null', 'Null', 'NULL', '~'].map((w) => [w, null] as const),
  ...['true', 'True', 'TRUE'].map((w) => [w, true] as const),
  ...['false', 'False', 'FALSE'].map((w) => [w, false] as const),
]);

/** The value of the text, or undefined when it is not of the subset. */
export function parseYamlSubset(text: string): unknown {
  if (/[\t\r\ufeff]/.test(text) || /[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]/.test(text)) return undefined;
  try {
    const lines = toLines(text);
    const first = lines.find((l) => l.indent >= 0);
    if (!first || first.indent !== 0) return undefined;
    const r = new Reader(lines);
    const value = r.node(0);
    if (r.i !== lines.length || typeof value !== 'object' || value === null) return undefined;
    return value;
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}

/** The lines with content (comments and blank lines dropped; a block scalar reads raw lines). */
function toLines(text: string): Line[] {
  const out: Line[] = [];
  for (const raw of text.split('\n')) {
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) {
      out.push({ indent: -1, text: '', raw });
      continue;
    }
    if (/^(---|\.\.\.)( |$)/.test(raw) || raw.startsWith('%')) giveUp();
    out.push({ indent: raw.length - body.length, text: body.trimEnd(), raw });
  }
  return out;
}

class Reader {
  i = 0;
  /** Anchored values by name, and how often each has been used. Aliases give the very value
   * (one object for every use), as yaml's toJS does. */
  private readonly anchors = new Map<string, { value: Value; uses: number }>();
  /** Anchors whose value is being read (an alias in it would make yaml count differently). */
  private open = 0;

  constructor(private readonly lines: Line[]) {
    this.skipBlank();
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && this.lines[this.i]!.indent < 0) this.i++;
  }

  private get line(): Line | undefined {
    return this.lines[this.i];
  }

  /** A block node whose first line is the current one, at `indent`. */
  node(indent: number): Value {
    const l = this.line!;
    if (l.indent !== indent) giveUp();
    return isSeqItem(l.text) ? this.seq(indent) : this.map(indent);
  }

  private seq(indent: number): Value[] {
    const out: Value[] = [];
    for (let l = this.line; l && l.indent === indent && isSeqItem(l.text); l = this.line) {
      const rest = l.text.slice(1).replace(/^ +/, '');
      if (rest === '' || rest.startsWith('#')) {
        this.next();
        out.push(this.nested(indent, false));
      } else if (rest.startsWith('&') || rest.startsWith('*')) {
        out.push(this.property(rest, indent, false));
      } else if (KEY.test(rest)) {
        // A mapping that starts on the item's line: its keys line up after "- ".
        const col = indent + (l.text.length - rest.length);
        this.lines[this.i] = { indent: col, text: rest, raw: l.raw };
        out.push(this.map(col));
      } else if (isSeqItem(rest)) {
        giveUp();
      } else {
        out.push(this.scalar(rest, indent));
      }
    }
    this.end(indent);
    return out;
  }

  private map(indent: number): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    for (let l = this.line; l && l.indent === indent && !isSeqItem(l.text); l = this.line) {
      const m = KEY.exec(l.text) ?? giveUp();
      const key = m[1]!;
      if (WORDS.has(key) || key === '__proto__' || Object.hasOwn(out, key)) giveUp();
      const rest = l.text.slice(m[0].length);
      if (rest === '' || rest.startsWith('#')) {
        this.next();
        out[key] = this.nested(indent, true);
      } else if (rest.startsWith('&') || rest.startsWith('*')) {
        out[key] = this.property(rest, indent, true);
      } else {
        out[key] = this.scalar(rest, indent);
      }
    }
    this.end(indent);
    return out;
  }

  /**
   * `&name` and the value it names (the block below, or the value after it on the line), or
   * `*name`: the value named before.
   */
  private property(rest: string, indent: number, key: boolean): Value {
    const alias = ALIAS.exec(rest);
    if (alias) {
      const anchor = this.anchors.get(alias[1]!) ?? giveUp();
      if (this.open > 0 || ++anchor.uses > MAX_ALIASES) giveUp();
      this.next();
      return anchor.value;
    }
    const m = ANCHOR.exec(rest) ?? giveUp();
    const name = m[1]!;
    const after = m[2];
    if (this.anchors.has(name)) giveUp();
    this.open++;
    let value: Value;
    if (after === undefined) {
      this.next();
      // An anchor on nothing (null) is left to yaml.
      value = this.nested(indent, key) ?? giveUp();
    } else {
      // A comment, another property, a tag or a block scalar after the anchor is left to yaml.
      if (/^[#&*!|>]/.test(after)) giveUp();
      value = this.scalar(after, indent);
    }
    this.open--;
    this.anchors.set(name, { value, uses: 0 });
    return value;
  }

  /** After `key:` or `-` with nothing after it: a block below, or (a key's) sequence at the same indent, or null. */
  private nested(indent: number, key: boolean): Value {
    const l = this.line;
    if (!l || l.indent < indent) return null;
    if (l.indent > indent) return this.node(l.indent);
    return key && isSeqItem(l.text) ? this.seq(indent) : null;
  }

  /** A block ends at a line less indented; a line more indented (a continued scalar, say) gives up. */
  private end(indent: number): void {
    const l = this.line;
    if (l && l.indent > indent) giveUp();
  }

  private next(): void {
    this.i++;
    this.skipBlank();
  }

  /** The scalar after `key: ` or `- ` on the current line (a block scalar reads the lines below). */
  private scalar(text: string, indent: number): Value {
    if (text === '|' || text === '|-') return this.literal(indent, text === '|-');
    const v = inlineScalar(text);
    this.next();
    return v;
  }

  /** `|` or `|-`: the lines below, more indented than the parent, as they are. */
  private literal(parent: number, strip: boolean): string {
    this.i++;
    const rows: string[] = [];
    let at = -1;
    for (; this.i < this.lines.length; this.i++) {
      const l = this.lines[this.i]!;
      if (l.indent < 0) {
        // A blank line belongs to the scalar; a comment line more indented than the parent is text (given up).
        if (l.raw.trim() !== '') {
          const ind = l.raw.length - l.raw.trimStart().length;
          if (ind > parent) giveUp();
          break;
        }
        // Spaces beyond the indentation would be content; before the first line, they decide it.
        if (at < 0 ? l.raw.length > 0 : l.raw.length > at) giveUp();
        rows.push('');
        continue;
      }
      if (l.indent <= parent) break;
      if (at < 0) at = l.indent;
      if (l.indent < at) giveUp();
      rows.push(l.raw.slice(at));
      // The last line of a file without a final line break: chomping would differ.
      if (this.i === this.lines.length - 1) giveUp();
    }
    if (at < 0) giveUp();
    // Trailing blank lines are not content (clip keeps one line break, strip none).
    while (rows.length && rows[rows.length - 1] === '') rows.pop();
    this.skipBlank();
    return rows.join('\n') + (strip ? '' : '\n');
  }
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** A scalar on one line: quoted, a flow sequence of scalars, or plain (with its comment cut off). */
function inlineScalar(text: string): Value {
  const c = text[0]!;
  if (c === '"' || c === "'") {
    const { value, end } = quoted(text, 0);
    afterValue(text.slice(end));
    return value;
  }
  if (c === '[') return flowSeq(text);
  const hash = text.indexOf(' #');
  const plain = (hash >= 0 ? text.slice(0, hash) : text).trimEnd();
  return plainScalar(plain, false);
}

/** Only spaces and a comment may follow a value on its line. */
function afterValue(rest: string): void {
  const t = rest.trimStart();
  if (t !== '' && !(t.startsWith('#') && t.length < rest.length)) giveUp();
}

function quoted(text: string, start: number): { value: string; end: number } {
  const q = text[start]!;
  if (q === '"') {
    const close = text.indexOf('"', start + 1);
    if (close < 0) giveUp();
    const value = text.slice(start + 1, close);
    if (value.includes('\\')) giveUp();
    return { value, end: close + 1 };
  }
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0) giveUp();
    value += text.slice(i, close);
    if (text[close + 1] === "'") {
      value += "'";
      i = close + 2;
    } else {
      return { value, end: close + 1 };
    }
  }
}

function flowSeq(text: string): Value[] {
  const out: Value[] = [];
  let i = 1;
  const skip = (): void => {
    while (text[i] === ' ') i++;
  };
  skip();
  if (text[i] === ']') {
    afterValue(text.slice(i + 1));
    return out;
  }
  for (;;) {
    skip();
    const c = text[i];
    if (c === '"' || c === "'") {
      const { value, end } = quoted(text, i);
      out.push(value);
      i = end;
    } else {
      let j = i;
      while (j < text.length && !',[]{}#'.includes(text[j]!)) j++;
      const item = text.slice(i, j).trimEnd();
      if (!item || item.includes(': ') || item.endsWith(':')) giveUp();
      out.push(plainScalar(item, true));
      i = j;
    }
    skip();
    if (text[i] === ',') {
      i++;
      skip();
      if (text[i] === ']') giveUp();
      continue;
    }
    if (text[i] === ']') {
      afterValue(text.slice(i + 1));
      return out;
    }
    giveUp();
  }
}

/** A plain scalar: an integer, null, a boolean, or a string that the core schema reads as a string. */
function plainScalar(s: string, flow: boolean): Value {
  if (s === '') giveUp();
  if (INT.test(s)) {
    return Number(s);
  }
  const word = WORDS.get(s);
  if (word !== undefined) return word;
  if ((UNSAFE_START.test(s) && !DIGIT_WORDS.test(s)) || s.includes(': ') || s.endsWith(':') || s.includes(' #')) giveUp();
  if (flow && /[,[\]{}]/.test(s)) giveUp();
  return s;
}
