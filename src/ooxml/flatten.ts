/**
 * Flattening a story root (w:body, w:hdr, w:ftr, w:footnote, w:txbxContent...) into the token
 * sequence of `tokens.ts`: block and inline containers become open/close pairs, run children
 * become items, paragraphs end in a mark, and text boxes become stories of their own.
 *
 * The walks over children use counted loops: they run for every element of every template a
 * repository lint reads, much of it before V8 optimises them, where `for...of` makes an
 * iterator result per step.
 */
import type { ItemKind, Level, OpenToken, ParagraphInfo, Story, Token } from './tokens.js';
import type { XElement } from './xml.js';
import { ownText } from './xml.js';

const INLINE_CONTAINERS = new Set(['w:hyperlink', 'w:smartTag', 'w:customXml', 'w:sdt', 'w:sdtContent', 'w:dir', 'w:bdo', 'w:fldSimple']);

const BLOCK_CONTAINERS = new Set(['w:tbl', 'w:tr', 'w:tc', 'w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:del', 'w:moveFrom', 'w:moveTo']);

/** Property elements of containers, copied as they are. */
const PROPERTY_ELEMENTS = new Set(['w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tblPrEx', 'w:tcPr', 'w:sdtPr', 'w:sdtEndPr', 'w:customXmlPr', 'w:smartTagPr']);

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

/** The text-box stories of an item that holds none (shared: a token's lists are read only). */
const NO_STORIES: Story[] = Object.freeze([]) as unknown as Story[];

export interface StoryLabeler {
  nextTextBox(): string;
}

/** Flattens the content of a story root (w:body, w:hdr, w:ftr, w:footnote, w:txbxContent...). */
export function flattenStory(root: XElement, source: string, part: string, label: string, labeler: StoryLabeler): Story {
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
  const closeTagOf = (el: XElement): string => (el.end === el.openEnd ? `</${el.name}>` : source.slice(source.lastIndexOf('</', el.end - 1), el.end));

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
    const children = run.children;
    let rPr = '';
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.kind === 'element' && c.name === 'w:rPr') {
        rPr = slice(c);
        break;
      }
    }
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.kind !== 'element' || c.name === 'w:rPr') continue;
      let kind: ItemKind;
      let text = '';
      let subs: Story[] = NO_STORIES;
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
          if (boxes.length) subs = [];
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
      const children = el.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
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
    const children = p.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
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
    const children = container.children;
    let lastBlock: XElement | undefined;
    for (let i = children.length - 1; i >= 0 && !lastBlock; i--) {
      const c = children[i]!;
      if (c.kind === 'element' && (c.name === 'w:p' || c.name === 'w:tbl' || c.name === 'w:sdt' || c.name === 'w:customXml')) lastBlock = c;
    }
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
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
