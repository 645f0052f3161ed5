/**
 * A story (body, header, footer, footnote, endnote, text box) flattened into one token
 * sequence in document order. Runs are split into one token per run child ("items"), each
 * carrying its run's properties, so that a field's instruction can be joined across runs and a
 * branch can be cut out of it with its formatting. Paragraphs end with a `mark` token that
 * carries the paragraph's properties: in Word, paragraph formatting lives in the paragraph
 * mark, and so it does here.
 *
 * Every token remembers its source offsets so that untouched XML is copied verbatim.
 */
import type { XElement } from './xml.js';
import { ownText } from './xml.js';

export type ItemKind =
  | 'text' // w:t
  | 'instr' // w:instrText
  | 'del' // w:delText, w:delInstrText (tracked deletions: not text of the letter)
  | 'begin' // w:fldChar begin
  | 'sep' // w:fldChar separate
  | 'end' // w:fldChar end
  | 'char' // w:tab, w:br, w:cr, hyphens: one character in `text`
  | 'layout' // w:lastRenderedPageBreak: a layout cache, dropped where we rewrite
  | 'object'; // anything else inside a run: drawings, symbols, note references...

export interface ItemToken {
  readonly t: 'item';
  readonly kind: ItemKind;
  /** Decoded text for text/instr/del; the character for `char`; '' otherwise. */
  readonly text: string;
  /** The run's `w:rPr` element as written, or ''. */
  readonly rPr: string;
  /** The run child element as written. */
  readonly start: number;
  readonly end: number;
  /** 1-based paragraph number in the story. */
  readonly para: number;
  /** Text-box stories inside this item (drawings, VML shapes). */
  readonly subStories: Story[];
}

export interface MarkToken {
  readonly t: 'mark';
  /** `<w:p ...>` start tag as written (self-closing paragraphs give `<w:p>`). */
  readonly openTag: string;
  /** `w:pPr` as written, or ''. */
  readonly pPr: string;
  readonly para: number;
  /** The paragraph ends a section (its pPr holds w:sectPr): never removed. */
  readonly sectionBreak: boolean;
  /** The last paragraph of its container (cell, body, header...): Word needs it, never removed. */
  readonly lastInContainer: boolean;
}

export type Level = 'block' | 'inline';

export interface OpenToken {
  readonly t: 'open';
  readonly name: string;
  readonly xml: string;
  /** Source offsets of the whole element (start tag to end tag). */
  readonly start: number;
  readonly end: number;
  readonly level: Level;
  readonly para: number;
  /** Index of the matching close token. */
  close: number;
  /** `w:instr` of a `w:fldSimple`. */
  readonly instr?: string;
}

export interface CloseToken {
  readonly t: 'close';
  readonly name: string;
  readonly xml: string;
  /** Source offsets of the whole element (start tag to end tag). */
  readonly start: number;
  readonly end: number;
  readonly level: Level;
  readonly para: number;
  readonly open: number;
}

export interface RawToken {
  readonly t: 'raw';
  readonly name: string;
  readonly xml: string;
  readonly start: number;
  readonly end: number;
  readonly level: Level;
  readonly para: number;
  /** Range markers (bookmarks, comment and permission ranges): moved, never lost. */
  readonly marker: boolean;
  /** Proofing marks: dropped where we rewrite. */
  readonly droppable: boolean;
}

export type Token = ItemToken | MarkToken | OpenToken | CloseToken | RawToken;

export interface ParagraphInfo {
  /** Source offsets of the `w:p` element. */
  readonly start: number;
  readonly end: number;
  /** Index of the paragraph's first token. */
  readonly first: number;
  /** Index of its mark token. */
  readonly mark: number;
}

export interface Story {
  readonly part: string;
  /** '' for the main story of a part; `fodnote 3`, `tekstboks 2`... otherwise. */
  readonly label: string;
  readonly source: string;
  /** The content range inside the story's root element. */
  readonly innerStart: number;
  readonly innerEnd: number;
  readonly tokens: Token[];
  readonly paragraphs: ParagraphInfo[];
  /** Text boxes found directly in this story (not in nested text boxes). */
  readonly subStories: Story[];
}

const INLINE_CONTAINERS = new Set([
  'w:hyperlink',
  'w:smartTag',
  'w:customXml',
  'w:sdt',
  'w:sdtContent',
  'w:dir',
  'w:bdo',
  'w:fldSimple',
]);

const BLOCK_CONTAINERS = new Set([
  'w:tbl',
  'w:tr',
  'w:tc',
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:ins',
  'w:del',
  'w:moveFrom',
  'w:moveTo',
]);

/** Property elements of containers, copied as they are. */
const PROPERTY_ELEMENTS = new Set([
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:tblPrEx',
  'w:tcPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:customXmlPr',
  'w:smartTagPr',
]);

const MARKERS = new Set([
  'w:bookmarkStart',
  'w:bookmarkEnd',
  'w:commentRangeStart',
  'w:commentRangeEnd',
  'w:permStart',
  'w:permEnd',
  'w:moveFromRangeStart',
  'w:moveFromRangeEnd',
  'w:moveToRangeStart',
  'w:moveToRangeEnd',
]);

const BREAK_CHARS: Record<string, string> = { page: '\f', column: '\x0e' };

export interface StoryLabeler {
  nextTextBox(): string;
}

/** Flattens the content of a story root (w:body, w:hdr, w:ftr, w:footnote, w:txbxContent...). */
export function flattenStory(
  root: XElement,
  source: string,
  part: string,
  label: string,
  labeler: StoryLabeler,
): Story {
  const tokens: Token[] = [];
  const paragraphs: ParagraphInfo[] = [];
  const subStories: Story[] = [];
  let para = 0;
  const openStack: number[] = [];

  const slice = (el: XElement): string => source.slice(el.start, el.end);
  const openTagOf = (el: XElement): string => {
    const tag = source.slice(el.start, el.openEnd);
    return el.end === el.openEnd ? tag.replace(/\s*\/>$/, '>') : tag;
  };
  const closeTagOf = (el: XElement): string =>
    el.end === el.openEnd ? `</${el.name}>` : source.slice(source.lastIndexOf('</', el.end - 1), el.end);

  const pushOpen = (el: XElement, level: Level, instr?: string): void => {
    openStack.push(tokens.length);
    tokens.push({
      t: 'open',
      name: el.name,
      xml: openTagOf(el),
      start: el.start,
      end: el.end,
      level,
      para: para + 1,
      close: -1,
      ...(instr !== undefined ? { instr } : {}),
    });
  };
  const pushClose = (el: XElement, level: Level): void => {
    const open = openStack.pop()!;
    (tokens[open] as OpenToken).close = tokens.length;
    tokens.push({ t: 'close', name: el.name, xml: closeTagOf(el), start: el.start, end: el.end, level, para: para + 1, open });
  };
  const pushRaw = (el: XElement, level: Level): void => {
    tokens.push({
      t: 'raw',
      name: el.name,
      xml: slice(el),
      start: el.start,
      end: el.end,
      level,
      para: para + 1,
      marker: MARKERS.has(el.name),
      droppable: el.name === 'w:proofErr',
    });
  };

  const textBoxesIn = (el: XElement, out: XElement[]): void => {
    for (const c of el.children) {
      if (c.kind !== 'element') continue;
      if (c.name === 'w:txbxContent') out.push(c);
      else textBoxesIn(c, out);
    }
  };

  const walkRun = (run: XElement): void => {
    let rPr = '';
    for (const c of run.children) {
      if (c.kind === 'element' && c.name === 'w:rPr') {
        rPr = slice(c);
        break;
      }
    }
    for (const c of run.children) {
      if (c.kind !== 'element' || c.name === 'w:rPr') continue;
      let kind: ItemKind;
      let text = '';
      const subs: Story[] = [];
      switch (c.name) {
        case 'w:t':
          kind = 'text';
          text = ownText(c);
          break;
        case 'w:instrText':
          kind = 'instr';
          text = ownText(c);
          break;
        case 'w:delText':
        case 'w:delInstrText':
          kind = 'del';
          text = ownText(c);
          break;
        case 'w:fldChar': {
          const type = c.attrs['w:fldCharType'];
          kind = type === 'begin' ? 'begin' : type === 'separate' ? 'sep' : type === 'end' ? 'end' : 'object';
          break;
        }
        case 'w:tab':
          kind = 'char';
          text = '\t';
          break;
        case 'w:br':
          kind = 'char';
          text = BREAK_CHARS[c.attrs['w:type'] ?? ''] ?? '\v';
          break;
        case 'w:cr':
          kind = 'char';
          text = '\v';
          break;
        case 'w:noBreakHyphen':
          kind = 'char';
          text = '\u2011';
          break;
        case 'w:softHyphen':
          kind = 'char';
          text = '\u00ad';
          break;
        case 'w:lastRenderedPageBreak':
          kind = 'layout';
          break;
        default: {
          kind = 'object';
          const boxes: XElement[] = [];
          textBoxesIn(c, boxes);
          for (const box of boxes) {
            const sub = flattenStory(box, source, part, labeler.nextTextBox(), labeler);
            subs.push(sub);
            subStories.push(sub);
          }
        }
      }
      tokens.push({ t: 'item', kind, text, rPr, start: c.start, end: c.end, para: para + 1, subStories: subs });
    }
  };

  const walkInline = (el: XElement): void => {
    if (el.name === 'w:r') return walkRun(el);
    // Tracked changes inside paragraphs are accepted where we rewrite: insertions are plain
    // content, deletions are gone (the letter is final; the linter warns about them).
    if (el.name === 'w:ins' || el.name === 'w:moveTo') {
      for (const c of el.children) if (c.kind === 'element') walkInline(c);
      return;
    }
    if (el.name === 'w:del' || el.name === 'w:moveFrom') return;
    if (INLINE_CONTAINERS.has(el.name)) {
      pushOpen(el, 'inline', el.name === 'w:fldSimple' ? (el.attrs['w:instr'] ?? '') : undefined);
      for (const c of el.children) {
        if (c.kind !== 'element') continue;
        if (PROPERTY_ELEMENTS.has(c.name)) pushRaw(c, 'inline');
        else walkInline(c);
      }
      pushClose(el, 'inline');
      return;
    }
    pushRaw(el, 'inline');
  };

  const walkParagraph = (p: XElement, lastInContainer: boolean): void => {
    const first = tokens.length;
    let pPr = '';
    let sectionBreak = false;
    for (const c of p.children) {
      if (c.kind !== 'element') continue;
      if (c.name === 'w:pPr') {
        pPr = slice(c);
        sectionBreak = c.children.some((g) => g.kind === 'element' && g.name === 'w:sectPr');
      } else {
        walkInline(c);
      }
    }
    para++;
    tokens.push({ t: 'mark', openTag: openTagOf(p), pPr, para, sectionBreak, lastInContainer });
    paragraphs.push({ start: p.start, end: p.end, first, mark: tokens.length - 1 });
  };

  const walkBlocks = (container: XElement): void => {
    let lastBlock: XElement | undefined;
    for (const c of container.children) {
      if (c.kind === 'element' && (c.name === 'w:p' || c.name === 'w:tbl' || c.name === 'w:sdt' || c.name === 'w:customXml')) {
        lastBlock = c;
      }
    }
    for (const c of container.children) {
      if (c.kind !== 'element') continue;
      if (PROPERTY_ELEMENTS.has(c.name)) pushRaw(c, 'block');
      else walkBlock(c, c === lastBlock);
    }
  };

  const walkBlock = (el: XElement, last: boolean): void => {
    if (el.name === 'w:p') return walkParagraph(el, last);
    if (BLOCK_CONTAINERS.has(el.name) && el.end !== el.openEnd) {
      pushOpen(el, 'block');
      walkBlocks(el);
      pushClose(el, 'block');
      return;
    }
    pushRaw(el, 'block');
  };

  walkBlocks(root);

  const innerEnd = root.end === root.openEnd ? root.end : source.lastIndexOf('</', root.end - 1);
  return { part, label, source, innerStart: root.openEnd, innerEnd, tokens, paragraphs, subStories };
}

/** Index (0-based) of the paragraph a token belongs to, or -1 (between blocks). */
export function paragraphOfToken(story: Story, token: number): number {
  const paras = story.paragraphs;
  let lo = 0;
  let hi = paras.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = paras[mid]!;
    if (token < p.first) hi = mid - 1;
    else if (token > p.mark) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Plain text of a paragraph (w:t and characters), for excerpts. */
const excerpts = new WeakMap<Story, Map<string, string>>();

export function paragraphText(story: Story, para: number, limit = 80): string {
  let cache = excerpts.get(story);
  if (!cache) excerpts.set(story, (cache = new Map()));
  const key = `${para}:${limit}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = computeParagraphText(story, para, limit);
    cache.set(key, text);
  }
  return text;
}

function computeParagraphText(story: Story, para: number, limit: number): string {
  const info = story.paragraphs[para - 1];
  if (!info) return '';
  let s = '';
  let i = info.first;
  for (; i < info.mark && s.length <= limit; i++) {
    const tok = story.tokens[i]!;
    if (tok.t === 'item' && (tok.kind === 'text' || tok.kind === 'char')) s += tok.kind === 'char' ? ' ' : tok.text;
  }
  s = s.replace(/\s+/g, ' ').trim();
  const more = i < info.mark && story.tokens.slice(i, info.mark).some((t) => t.t === 'item' && t.kind === 'text' && t.text.trim() !== '');
  if (s.length > limit) return s.slice(0, limit - 1) + '…';
  return more ? s + '…' : s;
}
