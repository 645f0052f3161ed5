/**
 * Fields in a story: complex fields (w:fldChar begin / separate / end with w:instrText runs
 * between) and simple fields (w:fldSimple), nested to any depth. For each field the
 * instruction text is joined across its runs, with a map from every character back to the token
 * (and offset) it came from, and parsed (by `parse`: a run that loads many templates shares
 * the parsed trees, ooxml/shared-parts.ts; they are read only).
 */
import { indexInSorted } from '../sorted.js';
import { parseInstruction, FIELD_CHAR, OBJECT_CHAR, type ParseResult } from '../fieldcode/index.js';
import { inputError } from '../diagnostics.js';
import type { OpenToken, Story } from './tokens.js';

export interface FieldNode {
  readonly kind: 'complex' | 'simple';
  readonly story: Story;
  /** Token index of the begin fldChar item, or of the fldSimple open token. */
  readonly begin: number;
  /** Token index of the separate fldChar, or -1 (no cached result, or a simple field). */
  separate: number;
  /** Token index of the end fldChar item, or of the fldSimple close token. */
  end: number;
  parent: FieldNode | undefined;
  /** Nested in the parent's instruction (true) or in its cached result (false). */
  inInstruction: boolean;
  /** Fields nested in the instruction, in order: `field` parts of the tree point here by index. */
  readonly children: FieldNode[];
  /** Fields inside the cached result (the result is replaced, but they are listed). */
  readonly resultChildren: FieldNode[];
  instruction: string;
  /** For each instruction character: the token it came from (-1 for fldSimple). */
  charToken: Int32Array;
  /** For each instruction character: the offset inside that token's text. */
  charOffset: Int32Array;
  /** Token index -> index of its first character in the instruction (undefined for a token
   * that gave the instruction nothing). */
  tokenChar: TokenChars;
  parsed: ParseResult;
  /** Paragraph number (1-based, in the story) where the field begins. */
  readonly para: number;
  /** w:lang of the run holding the start of the instruction, if set there. */
  lang: string | undefined;
}

/** Nesting deeper than this is refused (no real template comes close; a crafted one could). */
export const MAX_FIELD_DEPTH = 64;

export interface StoryFields {
  /** Top-level fields; nested ones hang below them. */
  top: FieldNode[];
  /** fldChar items that belong to no complete field (unclosed begins, stray separates and ends). */
  stray: number[];
}

/**
 * Finds every field of a story in two passes: the first pairs begin/separate/end with a stack
 * (what is left open at the end is unclosed, and Word ignores it); the second builds the tree
 * from the complete fields only. Both are linear, whatever the input.
 */
export function readStoryFields(story: Story, parse: (text: string) => ParseResult = parseInstruction): StoryFields {
  const tokens = story.tokens;
  // Pass 1: pairing.
  const endOf = new Map<number, number>();
  const sepOf = new Map<number, number>();
  const stack: number[] = [];
  const sepOwner = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'item') {
      if (tok.kind === 'begin') stack.push(i);
      else if (tok.kind === 'sep') {
        const top = stack[stack.length - 1];
        if (top !== undefined && tokens[top]!.t === 'item' && !sepOf.has(top)) {
          sepOf.set(top, i);
          sepOwner.set(i, top);
        }
      } else if (tok.kind === 'end') {
        const top = stack[stack.length - 1];
        if (top !== undefined && tokens[top]!.t === 'item') {
          stack.pop();
          endOf.set(top, i);
        }
      }
    } else if (tok.t === 'open' && tok.name === 'w:fldSimple') {
      stack.push(i);
    } else if (tok.t === 'close' && tok.name === 'w:fldSimple') {
      // Complex fields left open inside a simple field's result are unclosed there.
      while (stack.length && tokens[stack[stack.length - 1]!]!.t === 'item') stack.pop();
      const open = stack.pop();
      if (open !== undefined) endOf.set(open, i);
    }
  }
  // Pass 2: the tree of complete fields.
  const top: FieldNode[] = [];
  const stray: number[] = [];
  const open: FieldNode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const isBegin = (tok.t === 'item' && tok.kind === 'begin') || (tok.t === 'open' && tok.name === 'w:fldSimple');
    if (isBegin) {
      const end = endOf.get(i);
      if (end === undefined) {
        if (tok.t === 'item') stray.push(i);
        continue;
      }
      const node = makeNode(story, tok.t === 'item' ? 'complex' : 'simple', i, end, sepOf.get(i) ?? -1, tok.para);
      const parent = open[open.length - 1];
      if (parent) {
        node.parent = parent;
        node.inInstruction = parent.kind === 'complex' && (parent.separate < 0 || i < parent.separate);
        (node.inInstruction ? parent.children : parent.resultChildren).push(node);
      } else {
        top.push(node);
      }
      open.push(node);
      if (open.length > MAX_FIELD_DEPTH) {
        throw inputError(
          'package.field-depth',
          { part: story.part, limit: MAX_FIELD_DEPTH },
          { part: story.part, paragraph: tok.para, ...(story.label ? { story: story.label } : {}) },
        );
      }
    } else if (tok.t === 'item' && (tok.kind === 'sep' || tok.kind === 'end')) {
      const owner = tok.kind === 'sep' ? sepOwner.get(i) : undefined;
      const current = open[open.length - 1];
      const belongs = current && (tok.kind === 'end' ? current.end === i : current.separate === i);
      if (!belongs && (owner === undefined || !endOf.has(owner))) stray.push(i);
    }
    while (open.length && open[open.length - 1]!.end === i) open.pop();
  }
  const visit = (f: FieldNode): void => {
    f.children.forEach(visit);
    f.resultChildren.forEach(visit);
    buildInstruction(f, parse);
  };
  top.forEach(visit);
  return { top, stray };
}

/** Top-level fields of a story (see readStoryFields). */
export function readFields(story: Story): FieldNode[] {
  return readStoryFields(story).top;
}

/** Where the tokens of an instruction begin in it (FieldNode.tokenChar). */
export interface TokenChars {
  get(token: number): number | undefined;
}

/** The instruction's pieces in order: each one's token (ascending, each once) and where it
 * begins. Two arrays the instruction is built with anyway, where a Map per field would cost a
 * hash table (a repository lint builds hundreds of thousands). */
class PieceStarts implements TokenChars {
  constructor(
    private readonly tokens: readonly number[],
    private readonly starts: readonly number[],
  ) {}

  get(token: number): number | undefined {
    const i = indexInSorted(this.tokens, token);
    return i < 0 ? undefined : this.starts[i];
  }
}

const NO_CHARS = new Int32Array(0);
/** Shared by the fields it stands in for until buildInstruction, and by simple fields for good: read only. */
const NO_TOKENS: TokenChars = new PieceStarts([], []);
const NOT_PARSED: ParseResult = { instruction: { type: 'empty', position: { start: 0, end: 0 } }, problems: [] };

function makeNode(story: Story, kind: 'complex' | 'simple', begin: number, end: number, separate: number, para: number): FieldNode {
  return {
    kind,
    story,
    begin,
    separate: kind === 'simple' ? -1 : separate,
    end,
    parent: undefined,
    inInstruction: false,
    children: [],
    resultChildren: [],
    // Placeholders, each field's own from buildInstruction.
    instruction: '',
    charToken: NO_CHARS,
    charOffset: NO_CHARS,
    tokenChar: NO_TOKENS,
    parsed: NOT_PARSED,
    para,
    lang: undefined,
  };
}

function buildInstruction(f: FieldNode, parse: (text: string) => ParseResult): void {
  const tokens = f.story.tokens;
  if (f.kind === 'simple') {
    const open = tokens[f.begin] as OpenToken;
    f.instruction = literal(open.instr ?? '');
    f.charToken = new Int32Array(f.instruction.length).fill(-1);
    f.charOffset = new Int32Array(f.instruction.length).fill(-1);
    f.parsed = parse(f.instruction);
    return;
  }
  // The instruction's pieces, each with its token and whether its characters are the token's
  // own (0: offsets 0, 1, 2...) or stand for it (-1); the per-character maps are filled at the
  // end, when their length is known.
  const pieces: string[] = [];
  const pieceTokens: number[] = [];
  const pieceStarts: number[] = [];
  const pieceOwn: boolean[] = [];
  let length = 0;
  const push = (s: string, token: number, offset: 0 | -1): void => {
    pieces.push(s);
    pieceTokens.push(token);
    pieceStarts.push(length);
    pieceOwn.push(offset === 0);
    length += s.length;
  };
  const stop = f.separate >= 0 ? f.separate : f.end;
  let childIndex = 0;
  for (let i = f.begin + 1; i < stop; i++) {
    const tok = tokens[i]!;
    const child = f.children[childIndex];
    if (child && child.begin === i) {
      push(FIELD_CHAR, i, -1);
      childIndex++;
      i = child.end;
      continue;
    }
    if (tok.t === 'item') {
      switch (tok.kind) {
        case 'text':
        case 'instr':
          if (f.lang === undefined && /\S/.test(tok.text)) f.lang = langOf(tok.rPr);
          push(literal(tok.text), i, 0);
          break;
        case 'char':
          push(literal(tok.text), i, 0);
          break;
        case 'object':
          push(OBJECT_CHAR, i, 0);
          break;
        default:
          break;
      }
    } else if (tok.t === 'mark') {
      push('\r', i, 0);
    }
  }
  const text = pieces.join('');
  const charToken = new Int32Array(length);
  const charOffset = new Int32Array(length);
  for (let k = 0, at = 0; k < pieces.length; k++) {
    const n = pieces[k]!.length;
    charToken.fill(pieceTokens[k]!, at, at + n);
    if (pieceOwn[k]) for (let c = 0; c < n; c++) charOffset[at + c] = c;
    else charOffset.fill(-1, at, at + n);
    at += n;
  }
  f.instruction = text;
  f.charToken = charToken;
  f.charOffset = charOffset;
  f.tokenChar = new PieceStarts(pieceTokens, pieceStarts);
  f.parsed = parse(text);
}

/** Instruction text as the parser reads it: the placeholder characters that stand for nested
 * fields and objects cannot come from the text itself (a value or a crafted template holding
 * U+E000 would otherwise shift every nested field), so literal ones read as U+FFFD. The letter
 * keeps the original characters (they are copied from the runs, not from this string). */
function literal(text: string): string {
  return text.includes(FIELD_CHAR) || text.includes(OBJECT_CHAR) ? text.replace(/[\ue000\ufffc]/g, '\ufffd') : text;
}

/** `w:lang w:val` from a run-properties string; undefined when not set. */
export function langOf(rPr: string): string | undefined {
  if (!rPr) return undefined;
  const m = /<w:lang\b[^>]*?\sw:val="([^"]+)"/.exec(rPr);
  return m ? m[1] : undefined;
}

/** Every field of a tree in document order (depth first, instruction children before result). */
export function allFields(top: readonly FieldNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (f: FieldNode): void => {
    out.push(f);
    const kids = [...f.children, ...f.resultChildren].sort((a, b) => a.begin - b.begin);
    kids.forEach(visit);
  };
  top.forEach(visit);
  return out;
}

/** The depth of a field (0 for a top-level field). */
export function depthOf(f: FieldNode): number {
  let d = 0;
  for (let p = f.parent; p; p = p.parent) d++;
  return d;
}

/** The instruction for people: nested fields shown as `{ ... }`, like Word's Alt+F9 view. */
export function displayInstruction(f: FieldNode): string {
  let out = '';
  let child = 0;
  for (const ch of f.instruction) {
    if (ch === FIELD_CHAR) {
      const c = f.children[child++];
      out += c ? `{ ${displayInstruction(c)} }` : '{ }';
    } else if (ch === OBJECT_CHAR) {
      out += '[objekt]';
    } else if (ch === '\r') {
      out += '¶';
    } else if (ch === '\v') {
      out += '↵';
    } else {
      out += ch;
    }
  }
  return out.trim();
}

/** Text of a field's cached result (what Word showed when it was saved). */
export function cachedResult(f: FieldNode): string | undefined {
  const tokens = f.story.tokens;
  const from = f.kind === 'simple' ? f.begin + 1 : f.separate + 1;
  if (f.kind === 'complex' && f.separate < 0) return undefined;
  let s = '';
  const skip = new Map(f.resultChildren.map((c) => [c.begin, c]));
  for (let i = from; i < f.end; i++) {
    const kid = skip.get(i);
    if (kid) {
      const inner = cachedResult(kid);
      if (inner) s += inner;
      i = kid.end;
      continue;
    }
    const tok = tokens[i]!;
    if (tok.t === 'item' && (tok.kind === 'text' || tok.kind === 'instr')) s += tok.text;
    else if (tok.t === 'item' && tok.kind === 'char') s += tok.text === '\t' ? '\t' : ' ';
    else if (tok.t === 'mark') s += '\n';
  }
  return s;
}
