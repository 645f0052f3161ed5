/**
 * What a Word document itself says, for the conformance corpus (scripts/conformance-extract.ts):
 * its document properties, document variables, bookmarks with their text, table cells and the
 * text a reader sees in a token range. Read-only use of kp-brev's own reader (src/ooxml).
 */
import type { DocxPackage } from '../../src/ooxml/package.js';
import type { Story } from '../../src/ooxml/tokens.js';

/** Every stored document property, by lower-case name (core, extended and custom). Custom
 * properties that are not text (vt:bool, vt:filetime, vt:i4...) are listed in `typed` with
 * their type: Word shows them in the machine's own way (`Y`, a short date). */
export function documentProperties(pkg: DocxPackage, typed = new Map<string, string>()): Map<string, string> {
  const props = new Map<string, string>();
  const read = (part: string): string => (pkg.has(part) ? pkg.text(part) : '');
  const core = read('docProps/core.xml');
  for (const m of core.matchAll(/<(?:dc|cp|dcterms):(\w+)\b[^>]*?(?:\/>|>([^<]*)<\/(?:dc|cp|dcterms):\1>)/g)) {
    if (m[1] === 'coreProperties') continue;
    props.set(m[1]!.toLowerCase(), decode(m[2] ?? ''));
  }
  const app = read('docProps/app.xml');
  for (const m of app.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) props.set(m[1]!.toLowerCase(), decode(m[2]!));
  const custom = read('docProps/custom.xml');
  for (const m of custom.matchAll(/<property\b[^>]*\sname="([^"]*)"[^>]*>([\s\S]*?)<\/property>/g)) {
    const value = /<vt:(\w+)>([\s\S]*?)<\/vt:\w+>/.exec(m[2]!);
    const key = decode(m[1]!).toLowerCase();
    props.set(key, decode(value?.[2] ?? ''));
    if (value && value[1] !== 'lpwstr' && value[1] !== 'lpstr' && value[1] !== 'bstr') typed.set(key, value[1]!);
  }
  return props;
}

/** `w:docVars` of settings.xml, by lower-case name. */
export function documentVariables(pkg: DocxPackage): Map<string, string> {
  const vars = new Map<string, string>();
  if (!pkg.settingsPart) return vars;
  for (const m of pkg.text(pkg.settingsPart).matchAll(/<w:docVar\b[^>]*?w:name="([^"]*)"[^>]*?w:val="([^"]*)"/g)) {
    vars.set(decode(m[1]!).toLowerCase(), decode(m[2]!));
  }
  return vars;
}

export function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/**
 * The text a reader sees between two tokens of a story: text and cached field results, not
 * field instructions; paragraph marks as `\r`, breaks as `\v`, tabs as `\t`.
 */
export function displayText(story: Story, from: number, to: number): string {
  let s = '';
  const stack: boolean[] = [];
  for (let i = from; i < to && i < story.tokens.length; i++) {
    const tok = story.tokens[i]!;
    if (tok.t === 'mark') {
      if (!stack.includes(true)) s += '\r';
      continue;
    }
    if (tok.t !== 'item') continue;
    if (tok.kind === 'begin') stack.push(true);
    else if (tok.kind === 'sep') stack[stack.length - 1] = false;
    else if (tok.kind === 'end') stack.pop();
    else if (!stack.includes(true) && (tok.kind === 'text' || tok.kind === 'char')) s += tok.text;
  }
  return s;
}

export interface Bookmark {
  name: string;
  text: string;
  story: Story;
  start: number;
}

/** Bookmarks of all stories whose start and end lie in the same story, by lower-case name. */
export function bookmarks(stories: readonly Story[]): Map<string, Bookmark> {
  const out = new Map<string, Bookmark>();
  for (const story of stories) {
    const open = new Map<string, { name: string; start: number }>();
    story.tokens.forEach((tok, i) => {
      if (tok.t !== 'raw') return;
      const id = /\sw:id="([^"]*)"/.exec(tok.xml)?.[1];
      if (id === undefined) return;
      if (tok.name === 'w:bookmarkStart') {
        const name = /\sw:name="([^"]*)"/.exec(tok.xml)?.[1];
        if (name !== undefined) open.set(id, { name: decode(name), start: i });
      } else if (tok.name === 'w:bookmarkEnd') {
        const b = open.get(id);
        if (!b) return;
        open.delete(id);
        const key = b.name.toLowerCase();
        if (!out.has(key)) out.set(key, { name: b.name, text: displayText(story, b.start, i), story, start: b.start });
      }
    });
  }
  return out;
}

/** A table cell: its row and column (0-based, grid spans counted) and its text. */
export interface Cell {
  row: number;
  col: number;
  text: string;
}

export interface TablePlace {
  /** Token index of the table's w:tbl (the same for every field of one table). */
  table: number;
  cells: Cell[];
  /** The cell holding the field. */
  cell: Cell;
  /** The table has merged cells (grid spans, vertical merges): references are not plain. */
  merged: boolean;
}

/** The innermost table cell around a token, with the whole table's cells. */
export function tableAt(story: Story, token: number): TablePlace | undefined {
  const tokens = story.tokens;
  let depth = 0;
  let tcOpen = -1;
  for (let i = token; i >= 0; i--) {
    const tok = tokens[i]!;
    if (tok.t === 'close' && tok.name === 'w:tc') depth++;
    else if (tok.t === 'open' && tok.name === 'w:tc') {
      if (depth === 0) {
        tcOpen = i;
        break;
      }
      depth--;
    }
  }
  if (tcOpen < 0) return undefined;
  // The w:tbl that holds this cell: walk back to its open token.
  let tblOpen = -1;
  depth = 0;
  for (let i = tcOpen; i >= 0; i--) {
    const tok = tokens[i]!;
    if (tok.t === 'close' && tok.name === 'w:tbl') depth++;
    else if (tok.t === 'open' && tok.name === 'w:tbl') {
      if (depth === 0) {
        tblOpen = i;
        break;
      }
      depth--;
    }
  }
  if (tblOpen < 0) return undefined;
  const tbl = tokens[tblOpen]!;
  if (tbl.t !== 'open') return undefined;
  const cells: Cell[] = [];
  let merged = false;
  let row = -1;
  let col = 0;
  let here: Cell | undefined;
  let nested = 0;
  for (let i = tblOpen + 1; i < tbl.close; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'open' && tok.name === 'w:tbl') nested++;
    if (tok.t === 'close' && tok.name === 'w:tbl') nested--;
    if (nested > 0) continue;
    if (tok.t === 'open' && tok.name === 'w:tr') {
      row++;
      col = 0;
    } else if (tok.t === 'raw' && tok.name === 'w:tblPrEx') {
      continue;
    } else if (tok.t === 'open' && tok.name === 'w:tc') {
      const tcPr = tokens[i + 1];
      const pr = tcPr && tcPr.t === 'raw' && tcPr.name === 'w:tcPr' ? tcPr.xml : '';
      const span = Number(/<w:gridSpan\b[^>]*w:val="(\d+)"/.exec(pr)?.[1] ?? '1');
      if (span > 1 || /<w:vMerge\b/.test(pr) || /<w:hMerge\b/.test(pr)) merged = true;
      const cell: Cell = { row, col, text: displayText(story, i, tok.close).replace(/\r$/, '') };
      cells.push(cell);
      if (i === tcOpen) here = cell;
      col += span;
      i = tok.close;
    }
  }
  return here ? { table: tblOpen, cells, cell: here, merged } : undefined;
}

/** Whether a story is the copy of a text box in `mc:Fallback` (Word shows the mc:Choice copy). */
export function isFallbackCopy(story: Story): boolean {
  const before = story.source.slice(0, story.innerStart);
  return before.lastIndexOf('<mc:Fallback') > before.lastIndexOf('</mc:Fallback>');
}

/** Outline level (1-9) of each paragraph style that is a heading: `w:outlineLvl`, or a style
 * named "heading N", following `w:basedOn`. */
export function headingStyles(pkg: DocxPackage): Map<string, number> {
  const out = new Map<string, number>();
  if (!pkg.stylesPart) return out;
  const own = new Map<string, { level?: number; basedOn?: string }>();
  for (const m of pkg.text(pkg.stylesPart).matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    if (!/w:type="paragraph"/.test(m[1]!)) continue;
    const id = /w:styleId="([^"]+)"/.exec(m[1]!)?.[1];
    if (!id) continue;
    const body = m[2]!;
    const outline = /<w:outlineLvl w:val="(\d)"/.exec(body)?.[1];
    const named = /<w:name w:val="heading (\d)"/i.exec(body)?.[1];
    const level = outline !== undefined ? Number(outline) + 1 : named !== undefined ? Number(named) : undefined;
    const basedOn = /<w:basedOn w:val="([^"]+)"/.exec(body)?.[1];
    own.set(id, { ...(level !== undefined ? { level } : {}), ...(basedOn ? { basedOn } : {}) });
  }
  for (const id of own.keys()) {
    let cur: string | undefined = id;
    for (let hops = 0; cur && hops < 20; hops++) {
      const s = own.get(cur);
      if (s?.level !== undefined) {
        if (s.level <= 9) out.set(id, s.level);
        break;
      }
      cur = s?.basedOn;
    }
  }
  return out;
}

/** Headings of a story: the token index where each heading paragraph starts, with its level. */
export function headingsOf(story: Story, styles: Map<string, number>): Array<{ token: number; level: number }> {
  const out: Array<{ token: number; level: number }> = [];
  for (const p of story.paragraphs) {
    const mark = story.tokens[p.mark];
    if (!mark || mark.t !== 'mark') continue;
    const outline = /<w:outlineLvl w:val="(\d)"/.exec(mark.pPr)?.[1];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(mark.pPr)?.[1];
    const level = outline !== undefined ? Number(outline) + 1 : style ? styles.get(style) : undefined;
    if (level !== undefined && level <= 9) out.push({ token: p.first, level });
  }
  return out;
}
