/**
 * JSON text as people write it: a syntax error is told by line, column and the character found
 * there (the `json.*` messages), never by the JavaScript engine's English ("Unexpected token }
 * in JSON at position 12"), whose wording and position differ between Node versions. Also the
 * JSON path of a place in a parsed value (`$.context.fields["Borger.Navn"]`), and the search for
 * keys a value must not hold (`__proto__`, …) with their path.
 */

/** What went wrong: a character that cannot stand there, the text ending too soon, or a string never closed. */
export type JsonSyntaxKind = 'unexpected' | 'end' | 'unclosed-string';

export interface JsonSyntaxError {
  kind: JsonSyntaxKind;
  /** 0-based offset of the problem in the text. */
  offset: number;
  /** 1-based line and column (in UTF-16 units, as editors count). */
  line: number;
  column: number;
  /** The character found, quoted ('}') or as a code point (U+000A); '' at the end of the text. */
  char: string;
  /** Where the string that is never closed begins (kind 'unclosed-string'). */
  start?: { line: number; column: number };
}

/**
 * The message id of a JSON syntax error (src/i18n/messages/json.ts) and its parameters; `line`:
 * the text was that line of a file of one JSON value per line (NDJSON).
 */
export function jsonErrorMessage(error: JsonSyntaxError, line?: number): { id: `json.${JsonSyntaxKind}`; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { line: line ?? error.line, column: error.column, char: error.char };
  if (error.start) {
    params['startLine'] = line ?? error.start.line;
    params['startColumn'] = error.start.column;
  }
  return { id: `json.${error.kind}`, params };
}

/** Parses JSON text; a syntax error is located by line and column. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Should the scanner accept what JSON.parse refused, the first character is named.
    return { ok: false, error: locateJsonError(text) ?? { kind: 'unexpected', offset: 0, line: 1, column: 1, char: describeChar(text, 0) } };
  }
}

/** A character as a message shows it: quoted when it can be seen, else its code point. */
export function describeChar(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  if (cp === undefined) return '';
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfeff || (cp >= 0xd800 && cp < 0xe000)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9A-Fa-f]$/;
const DIGIT = /^[0-9]$/;

/**
 * The first syntax error of a text that is not JSON (RFC 8259), or undefined for JSON, found by
 * a scanner that builds nothing and keeps its own stack, so that no nesting depth overflows it.
 */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  let i = 0;
  const fail = (kind: JsonSyntaxKind, at: number, start?: number): JsonSyntaxError => {
    const err: JsonSyntaxError = { kind: kind === 'unexpected' && at >= n ? 'end' : kind, offset: at, ...position(text, at), char: describeChar(text, at) };
    if (start !== undefined) err.start = position(text, start);
    return err;
  };
  const skip = (): void => {
    while (i < n && WS.has(text[i]!)) i++;
  };
  /** Scans a string at i; an error, or undefined with i after its closing quote. */
  const string = (): JsonSyntaxError | undefined => {
    const start = i++;
    for (;;) {
      if (i >= n) return fail('unclosed-string', n, start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) return fail('unclosed-string', n, start);
        if (ESCAPES.has(e)) i += 2;
        else if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n) return fail('unclosed-string', n, start);
            if (!HEX.test(text[i + k]!)) return fail('unexpected', i + k);
          }
          i += 6;
        } else return fail('unexpected', i + 1);
      } else if (c.charCodeAt(0) < 0x20) return fail('unexpected', i);
      else i++;
    }
  };
  const digits = (): boolean => {
    const from = i;
    while (i < n && DIGIT.test(text[i]!)) i++;
    return i > from;
  };
  const number = (): JsonSyntaxError | undefined => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return fail('unexpected', i);
    if (text[i] === '.') {
      i++;
      if (!digits()) return fail('unexpected', i);
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return fail('unexpected', i);
    }
    return undefined;
  };
  const stack: Array<'{' | '['> = [];
  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skip();
    if (state === 'value') {
      if (i >= n) return fail('end', n);
      const c = text[i]!;
      if (c === '{' || c === '[') {
        i++;
        skip();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          state = 'after';
        } else {
          stack.push(c);
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      let err: JsonSyntaxError | undefined;
      if (c === '"') err = string();
      else if (c === '-' || DIGIT.test(c)) err = number();
      else {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : undefined;
        if (!word) return fail('unexpected', i);
        for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) return fail('unexpected', i + k);
        i += word.length;
      }
      if (err) return err;
      state = 'after';
    } else if (state === 'key') {
      if (i >= n) return fail('end', n);
      if (text[i] !== '"') return fail('unexpected', i);
      const err = string();
      if (err) return err;
      skip();
      if (text[i] !== ':') return fail('unexpected', i);
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      // The value is complete: anything after it is one character too many.
      if (top === undefined) return i < n ? fail('unexpected', i) : undefined;
      if (i >= n) return fail('end', n);
      const c = text[i]!;
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        i++;
        stack.pop();
      } else return fail('unexpected', i);
    }
  }
}

/** The segments of a JSON pointer (`/context/fields/0` → context, fields, 0), as Ajv gives places. */
export function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** A JSON path: `$`, `$.context.fields`, `$.list[3]`, `$["Borger.Navn"]`. */
export function jsonPath(segments: ReadonlyArray<string | number>): string {
  let path = '$';
  for (const s of segments) path += typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return path;
}

/**
 * The first own key of `keys` anywhere in a parsed JSON value, with its path (iterative: any
 * depth). JSON.parse makes `__proto__` an ordinary own key, so it is found like any other.
 */
export function findKey(value: unknown, keys: ReadonlySet<string>): { key: string; path: string } | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) stack.push({ value: v[k], path: [...item.path, k] });
      continue;
    }
    const own = Object.keys(v);
    const hit = own.find((k) => keys.has(k));
    if (hit !== undefined) return { key: hit, path: jsonPath([...item.path, hit]) };
    for (let k = own.length - 1; k >= 0; k--) stack.push({ value: (v as Record<string, unknown>)[own[k]!], path: [...item.path, own[k]!] });
  }
  return undefined;
}
