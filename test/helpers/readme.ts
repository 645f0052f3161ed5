/**
 * The README's command blocks, and a comparison of what a command prints with the output the
 * README shows after it (test/project/readme.test.ts; the convention is described there).
 */

/** One command of a block with the output the README shows after it. */
export interface Step {
  /** The command as written (continuation lines joined by the shell). */
  command: string;
  /** 1-based README line of the command's first line. */
  line: number;
  /** The output lines shown after the command (indentation of the block removed). */
  output: string[];
  /** README line of each output line. */
  outputLines: number[];
}

export interface CommandBlock {
  /** README line of the block's first line. */
  line: number;
  steps: Step[];
  /** The reason given in `<!-- doc-test: skip <reason> -->` above the block. */
  skip?: string;
}

export interface ReadmeBlocks {
  blocks: CommandBlock[];
  /** Problems with the convention itself: a skip without a reason, a skip above no command block. */
  problems: string[];
}

const COMMAND = /^(?:npx kp-brev|\$ kp-brev|\$ npx kp-brev|curl|\$ curl)(?:\s|$)/;
const SKIP = /^\s*<!--\s*doc-test:\s*skip\b\s*(.*?)\s*-->\s*$/;

/** The code blocks of a Markdown text: indented ones, and fenced ones marked sh, shell, bash or console. */
function codeBlocks(lines: string[]): Array<{ start: number; lines: string[]; skip?: { reason: string; line: number } }> {
  const out: Array<{ start: number; lines: string[]; skip?: { reason: string; line: number } }> = [];
  let pendingSkip: { reason: string; line: number } | undefined;
  const takeSkip = (): { reason: string; line: number } | undefined => {
    const s = pendingSkip;
    pendingSkip = undefined;
    return s;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^(\s*)(```+|~~~+)\s*(\S*)/.exec(line);
    if (fence) {
      const indent = fence[1]!.length;
      const marker = fence[2]!;
      const body: string[] = [];
      const start = i + 2;
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!.slice(indent));
      i++;
      const skip = takeSkip();
      if (/^(sh|shell|bash|console)$/.test(fence[3]!)) out.push({ start, lines: body, ...(skip ? { skip } : {}) });
      continue;
    }
    const skip = SKIP.exec(line);
    if (skip) {
      pendingSkip = { reason: skip[1]!, line: i + 1 };
      i++;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const afterBlank = i === 0 || lines[i - 1]!.trim() === '';
    if (line.trim() !== '' && indent >= 4 && afterBlank) {
      const start = i + 1;
      const body: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const ind = l.length - l.trimStart().length;
        if (l.trim() !== '' && ind < indent) break;
        body.push(l.slice(indent));
        i++;
      }
      while (body.length && body[body.length - 1]!.trim() === '') body.pop();
      const s = takeSkip();
      out.push({ start, lines: body, ...(s ? { skip: s } : {}) });
      continue;
    }
    // A skip comment applies to the next block: blank lines may stand between, text may not.
    if (line.trim() !== '') pendingSkip = pendingSkipAfterText(pendingSkip, out);
    i++;
  }
  return out;
}

/** A skip comment followed by text instead of a block is kept to be reported, not applied further on. */
function pendingSkipAfterText(
  skip: { reason: string; line: number } | undefined,
  out: Array<{ start: number; lines: string[]; skip?: { reason: string; line: number } }>,
): undefined {
  if (skip) out.push({ start: skip.line, lines: [], skip });
  return undefined;
}

/** Splits a command block into steps: command lines (with `\` continuations), then their output. */
function steps(lines: string[], start: number): Step[] {
  const out: Step[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('# ')) {
      i++;
      continue;
    }
    if (!COMMAND.test(line)) {
      // Output without a command before it (only possible at the top of a block, which is
      // then not a command block): leave it.
      i++;
      continue;
    }
    const cmdLine = start + i;
    const cmd: string[] = [line.replace(/^\$ /, '')];
    while (cmd[cmd.length - 1]!.endsWith('\\') && i + 1 < lines.length) cmd.push(lines[++i]!);
    i++;
    const output: string[] = [];
    const outputLines: number[] = [];
    // Blank lines between the command and its output are not output.
    while (i < lines.length && lines[i]!.trim() === '') i++;
    while (i < lines.length && !COMMAND.test(lines[i]!) && !lines[i]!.startsWith('# ')) {
      output.push(lines[i]!);
      outputLines.push(start + i);
      i++;
    }
    while (output.length && output[output.length - 1]!.trim() === '') {
      output.pop();
      outputLines.pop();
    }
    out.push({ command: cmd.join('\n'), line: cmdLine, output, outputLines });
  }
  return out;
}

/** The README's command blocks: code blocks whose first line (after `# ` comments) is a command. */
export function readmeBlocks(markdown: string): ReadmeBlocks {
  const lines = markdown.split('\n');
  const blocks: CommandBlock[] = [];
  const problems: string[] = [];
  for (const b of codeBlocks(lines)) {
    const first = b.lines.find((l) => l.trim() !== '' && !l.startsWith('# '));
    const isCommand = first !== undefined && COMMAND.test(first);
    if (b.skip && !b.skip.reason) problems.push(`README.md line ${b.skip.line}: <!-- doc-test: skip --> needs a reason`);
    if (b.skip && !isCommand) problems.push(`README.md line ${b.skip.line}: <!-- doc-test: skip ${b.skip.reason} --> is not followed by a command block`);
    if (!isCommand) continue;
    blocks.push({ line: b.start, steps: steps(b.lines, b.start), ...(b.skip ? { skip: b.skip.reason } : {}) });
  }
  return { blocks, problems };
}

/**
 * What may differ between runs, replaced by a placeholder on both sides: the working folder,
 * request ids, times and durations, rates, the port, version numbers and hashes.
 */
export function normalise(text: string, folders: Record<string, string> = {}): string {
  let s = text.replace(/\r\n/g, '\n');
  for (const [placeholder, dir] of Object.entries(folders)) s = s.split(dir).join(placeholder);
  return s
    .replace(/urn:kp-brev:request:[\w-]*…?/g, 'urn:kp-brev:request:<id>')
    .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g, '<time>')
    .replace(/\b\d+(?:[.,]\d+)? (s|ms|sek\.)(?=[\s,.;)]|$)/gm, '<n> $1')
    .replace(/\b\d+ (breve|letters)\/s\b/g, '<n> $1/s')
    .replace(/\bca\. \S+ tilbage\b/g, 'ca. <tid> tilbage')
    .replace(/\babout \S+ left\b/g, 'about <time> left')
    .replace(/\b(127\.0\.0\.1|localhost|\[::1\]):\d+/g, '$1:<port>')
    .replace(/\bkp-brev(,? version)? \d+\.\d+\.\d+(?:-[\w.]+)?/g, 'kp-brev$1 <version>')
    .replace(/\b[0-9a-f]{32,}\b/g, '<hash>');
}

/** Where the README and the output part ways. */
export interface Mismatch {
  /** README line of the expected text (0 when the README shows less than was printed). */
  readmeLine: number;
  expected: string;
  actual: string;
  /** What was compared, for JSON: the path. */
  where?: string;
}

const ELLIPSIS = /^\s*(\.\.\.|…)\s*$/;

/**
 * Text: line by line, trailing spaces ignored; a line holding only `...` or `…` stands for any
 * number of lines (none included).
 */
export function compareText(expected: string[], lines: number[], actual: string): Mismatch | undefined {
  const got = actual
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => l.trimEnd());
  const want = expected.map((l) => l.trimEnd());
  let a = 0;
  let e = 0;
  let floating = false;
  while (e < want.length) {
    if (ELLIPSIS.test(want[e]!)) {
      floating = true;
      e++;
      continue;
    }
    // The next run of lines up to an ellipsis or the end.
    let end = e;
    while (end < want.length && !ELLIPSIS.test(want[end]!)) end++;
    const run = want.slice(e, end);
    let at = a;
    if (floating) {
      // After an ellipsis: the last run is anchored at the end, others at their first line.
      if (end === want.length) at = Math.max(a, got.length - run.length);
      else {
        const found = got.findIndex((l, k) => k >= a && l === run[0]);
        if (found < 0) return { readmeLine: lines[e]!, expected: run[0]!, actual: `(no such line after output line ${a})` };
        at = found;
      }
    }
    for (let k = 0; k < run.length; k++) {
      if (got[at + k] !== run[k]) return { readmeLine: lines[e + k]!, expected: run[k]!, actual: got[at + k] ?? '(the output ends here)' };
    }
    a = at + run.length;
    e = end;
    floating = false;
  }
  if (!floating && a < got.length) return { readmeLine: 0, expected: '(the README shows no more lines)', actual: got[a]! };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON with elisions: `…` (or `...`) as an array element allows further elements, as an object
// member further keys; a string ending in `…` matches any string with that beginning. Inside a
// string, a line break and the indentation after it stand for one space (long lines are wrapped).

type Pattern =
  | { kind: 'value'; value: unknown }
  | { kind: 'prefix'; value: string }
  | { kind: 'array'; items: Pattern[]; open: boolean }
  | { kind: 'object'; members: Array<[string, Pattern]>; open: boolean };

class PatternParser {
  private i = 0;
  constructor(private readonly s: string) {}

  all(): Pattern[] {
    const out: Pattern[] = [];
    for (this.ws(); this.i < this.s.length; this.ws()) out.push(this.value());
    return out;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private fail(what: string): never {
    throw new Error(`README JSON: ${what} at "${this.s.slice(this.i, this.i + 30)}"`);
  }

  private elision(): boolean {
    this.ws();
    if (this.s.startsWith('...', this.i)) this.i += 3;
    else if (this.s[this.i] === '…') this.i += 1;
    else return false;
    return true;
  }

  private value(): Pattern {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) this.fail('a value expected');
    this.i += m[0].length;
    return { kind: 'value', value: JSON.parse(m[0]) };
  }

  private rawString(): { text: string; prefix: boolean } {
    let j = this.i + 1;
    let raw = '';
    while (j < this.s.length && this.s[j] !== '"') {
      if (this.s[j] === '\\') {
        raw += this.s.slice(j, j + 2);
        j += 2;
      } else if (this.s[j] === '\n') {
        raw += ' ';
        j++;
        while (this.s[j] === ' ') j++;
      } else raw += this.s[j++];
    }
    if (j >= this.s.length) this.fail('an unterminated string');
    this.i = j + 1;
    const text = JSON.parse(`"${raw}"`) as string;
    return text.endsWith('…') ? { text: text.slice(0, -1), prefix: true } : { text, prefix: false };
  }

  private string(): Pattern {
    const { text, prefix } = this.rawString();
    return prefix ? { kind: 'prefix', value: text } : { kind: 'value', value: text };
  }

  private array(): Pattern {
    this.i++;
    const items: Pattern[] = [];
    let open = false;
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') break;
      if (this.elision()) open = true;
      else items.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail('"," or "]" expected');
    }
    this.i++;
    return { kind: 'array', items, open };
  }

  private object(): Pattern {
    this.i++;
    const members: Array<[string, Pattern]> = [];
    let open = false;
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') break;
      if (this.elision()) open = true;
      else {
        if (this.s[this.i] !== '"') this.fail('a key expected');
        const key = this.rawString().text;
        this.ws();
        if (this.s[this.i] !== ':') this.fail('":" expected');
        this.i++;
        members.push([key, this.value()]);
      }
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') this.fail('"," or "}" expected');
    }
    this.i++;
    return { kind: 'object', members, open };
  }
}

/** The JSON values in a text, one after another (a document, NDJSON, or answers printed back to back). */
export function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

function matchPattern(p: Pattern, v: unknown, path: string): { where: string; expected: string; actual: string } | undefined {
  switch (p.kind) {
    case 'value':
      return JSON.stringify(p.value) === JSON.stringify(v) ? undefined : { where: path, expected: show(p.value), actual: show(v) };
    case 'prefix':
      return typeof v === 'string' && v.startsWith(p.value) ? undefined : { where: path, expected: `${JSON.stringify(p.value)}…`, actual: show(v) };
    case 'array': {
      if (!Array.isArray(v)) return { where: path, expected: 'an array', actual: show(v) };
      for (let k = 0; k < p.items.length; k++) {
        if (k >= v.length) return { where: `${path}[${k}]`, expected: 'an element', actual: '(the array ends here)' };
        const m = matchPattern(p.items[k]!, v[k], `${path}[${k}]`);
        if (m) return m;
      }
      if (!p.open && v.length > p.items.length)
        return { where: `${path}[${p.items.length}]`, expected: '(no more elements; end with … to leave them out)', actual: show(v[p.items.length]) };
      return undefined;
    }
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return { where: path, expected: 'an object', actual: show(v) };
      const o = v as Record<string, unknown>;
      for (const [key, pv] of p.members) {
        const m = matchPattern(pv, o[key], `${path}.${key}`);
        if (m) return m;
      }
      if (!p.open) {
        const extra = Object.keys(o).find((k) => !p.members.some(([key]) => key === k));
        if (extra !== undefined) return { where: `${path}.${extra}`, expected: '(no such key; add it, or … to leave keys out)', actual: show(o[extra]) };
      }
      return undefined;
    }
  }
}

/** The README line that shows a value (its JSON text or its key), for the failure message. */
function lineOf(expected: string[], lines: number[], needle: string): number {
  const k = expected.findIndex((l) => l.includes(needle));
  return k >= 0 ? lines[k]! : lines[0]!;
}

export function compareJson(expected: string[], lines: number[], actual: string): Mismatch | undefined {
  const patterns = new PatternParser(expected.join('\n')).all();
  let values: unknown[];
  try {
    values = jsonValues(actual);
  } catch (e) {
    return { readmeLine: lines[0]!, expected: expected[0]!, actual: `(not JSON: ${(e as Error).message}) ${actual.slice(0, 200)}` };
  }
  for (let k = 0; k < patterns.length; k++) {
    if (k >= values.length) return { readmeLine: lines[0]!, expected: `JSON value ${k + 1}`, actual: '(the output has no more JSON values)' };
    const m = matchPattern(patterns[k]!, values[k], '$');
    if (m) {
      const key = m.where
        .split('.')
        .pop()!
        .replace(/\[\d+\]$/, '');
      // The line that shows the value: a string by its first words, anything else by its key.
      const at = m.expected.startsWith('"') ? lineOf(expected, lines, m.expected.slice(1, 21).replace(/["…]+$/, '')) : lineOf(expected, lines, `"${key}"`);
      return { readmeLine: at, expected: m.expected, actual: m.actual, where: `value ${k + 1}, ${m.where}` };
    }
  }
  if (values.length > patterns.length)
    return { readmeLine: 0, expected: '(the README shows no more JSON values)', actual: JSON.stringify(values[patterns.length]).slice(0, 200) };
  return undefined;
}

/**
 * HTTP (curl -i / -D -): the status line as shown; each header shown must be sent with that
 * value (others are not compared); a body shown after a blank line is compared as JSON or text.
 */
export function compareHttp(expected: string[], lines: number[], actual: string): Mismatch | undefined {
  const blank = expected.findIndex((l) => l.trim() === '');
  const head = blank < 0 ? expected : expected.slice(0, blank);
  const text = actual.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const gotHead = (split < 0 ? text : text.slice(0, split)).split('\n');
  const gotBody = split < 0 ? '' : text.slice(split + 2);
  if (gotHead[0] !== head[0]) return { readmeLine: lines[0]!, expected: head[0]!, actual: gotHead[0] ?? '' };
  const headers = new Map(gotHead.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  for (let k = 1; k < head.length; k++) {
    const name = head[k]!.slice(0, head[k]!.indexOf(':')).toLowerCase();
    const value = head[k]!.slice(head[k]!.indexOf(':') + 1).trim();
    if (headers.get(name) !== value)
      return { readmeLine: lines[k]!, expected: head[k]!, actual: headers.has(name) ? `${name}: ${headers.get(name)}` : `(no ${name} header)` };
  }
  if (blank < 0) return undefined;
  const body = expected.slice(blank + 1);
  const bodyLines = lines.slice(blank + 1);
  while (body.length && body[0]!.trim() === '') {
    body.shift();
    bodyLines.shift();
  }
  return compareOutput(body, bodyLines, gotBody);
}

/** Compares output by its shape in the README: HTTP headers, JSON, or lines of text. */
export function compareOutput(expected: string[], lines: number[], actual: string): Mismatch | undefined {
  const first = expected.find((l) => l.trim() !== '')?.trimStart() ?? '';
  if (first.startsWith('HTTP/')) return compareHttp(expected, lines, actual);
  if (first.startsWith('{') || first.startsWith('[')) return compareJson(expected, lines, actual);
  return compareText(expected, lines, actual);
}
