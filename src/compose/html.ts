/**
 * `Html:` flettetekster: a small, safe subset of HTML turned into real WordprocessingML that
 * uses the letter's own styles: paragraphs, line breaks, bold, italic, underline, lists (real
 * numbering), links (real hyperlinks), headings h1-h3 (the letter's heading styles) and tables
 * (with a repeated header row). Anything else is refused with the tag named; scripts, styles,
 * frames, images and event handlers are refused as dangerous.
 */
import { parseDocument } from 'htmlparser2';
import { breakRunXml, textRunXml } from '../ooxml/runs.js';

export interface HtmlTarget {
  /** Style id of a style by its name (`heading 1`, `List Paragraph`, `Hyperlink`, `Table Grid`). */
  styleId(name: string): string | undefined;
  /** Relationship id of an external hyperlink. */
  hyperlink(url: string): string;
  /** numId of the bullet list definition. */
  bulletList(): number;
  /** numId of a new numbered list (each list starts at 1). */
  numberedList(): number;
  /** Width of the text area in twentieths of a point. */
  textWidth: number;
}

export class HtmlError extends Error {
  constructor(
    readonly code: 'html.unsupported' | 'html.dangerous' | 'html.link',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

interface Node {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

const INLINE = new Set(['b', 'strong', 'i', 'em', 'u', 'a', 'br', 'span']);
const BLOCK = new Set(['p', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div']);
const DANGEROUS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'img',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'template',
]);

interface RunStyle {
  b?: boolean;
  i?: boolean;
  u?: boolean;
  /** A link: the Hyperlink character style's id, or '' for direct blue underlined text. */
  link?: string;
}

/** Whether the snippet holds block elements (then it must stand alone in its paragraph). */
export function htmlHasBlocks(html: string): boolean {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as Node;
  const visit = (n: Node): boolean => (n.type === 'tag' && BLOCK.has(n.name!)) || (n.children ?? []).some(visit);
  return visit(doc);
}

/** Block content (paragraphs, lists, tables). `pPr` is the properties of the paragraph replaced. */
export function htmlToBlocks(html: string, target: HtmlTarget): string {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as Node;
  check(doc);
  return new Converter(target).blocks(doc.children ?? []);
}

/** Inline content (runs) for a snippet without block elements. */
export function htmlToRuns(html: string, target: HtmlTarget): string {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as Node;
  check(doc);
  return new Converter(target).inline(doc.children ?? [], {}, true).trimEnd();
}

function check(node: Node): void {
  for (const c of node.children ?? []) {
    if (c.type === 'script' || c.type === 'style') throw new HtmlError('html.dangerous', `<${c.name}>`);
    if (c.type === 'tag') {
      const name = c.name!;
      if (DANGEROUS.has(name)) throw new HtmlError('html.dangerous', `<${name}>`);
      if (!INLINE.has(name) && !BLOCK.has(name)) throw new HtmlError('html.unsupported', `<${name}>`);
      for (const attr of Object.keys(c.attribs ?? {})) {
        if (attr.startsWith('on')) throw new HtmlError('html.dangerous', `${attr}=`);
      }
      if (name === 'a') {
        const href = (c.attribs?.['href'] ?? '').trim();
        if (!/^(https?:|mailto:)/i.test(href))
          throw new HtmlError(/^\s*(javascript|data|vbscript):/i.test(href) ? 'html.dangerous' : 'html.link', href || '(ingen href)');
      }
    }
    check(c);
  }
}

const collapse = (s: string): string => s.replace(/[ \t\r\n\f]+/g, ' ');

class Converter {
  constructor(private readonly t: HtmlTarget) {}

  blocks(nodes: Node[], pStyle?: string): string {
    let out = '';
    let pending: Node[] = [];
    const flushInline = (): void => {
      if (pending.some((n) => n.type !== 'text' || collapse(n.data ?? '').trim() !== '')) out += this.paragraph(pending, pStyle);
      pending = [];
    };
    for (const n of nodes) {
      if (n.type === 'tag' && BLOCK.has(n.name!)) {
        flushInline();
        out += this.block(n, pStyle);
      } else if (n.type === 'text' || n.type === 'tag') {
        pending.push(n);
      }
    }
    flushInline();
    return out;
  }

  private block(n: Node, pStyle?: string): string {
    const kids = n.children ?? [];
    switch (n.name) {
      case 'p':
      case 'div':
        return kids.some((k) => k.type === 'tag' && BLOCK.has(k.name!)) ? this.blocks(kids, pStyle) : this.paragraph(kids, pStyle);
      case 'h1':
      case 'h2':
      case 'h3': {
        const level = Number(n.name![1]);
        const id = this.t.styleId(`heading ${level}`);
        if (id) return this.paragraph(kids, id);
        return this.paragraph(kids, undefined, `<w:outlineLvl w:val="${level - 1}"/>`, { b: true });
      }
      case 'ul':
      case 'ol':
        return this.list(n, 0);
      case 'table':
        return this.table(n);
      default:
        return this.blocks(kids, pStyle);
    }
  }

  private list(n: Node, level: number, numId?: number): string {
    const id = numId ?? (n.name === 'ol' ? this.t.numberedList() : this.t.bulletList());
    const style = this.t.styleId('List Paragraph');
    let out = '';
    for (const li of n.children ?? []) {
      if (li.type !== 'tag') continue;
      if (li.name !== 'li') {
        if (li.name === 'ul' || li.name === 'ol') out += this.list(li, level + 1);
        continue;
      }
      const inline: Node[] = [];
      const nested: Node[] = [];
      for (const k of li.children ?? []) (k.type === 'tag' && (k.name === 'ul' || k.name === 'ol') ? nested : inline).push(k);
      const numPr = `<w:numPr><w:ilvl w:val="${Math.min(level, 8)}"/><w:numId w:val="${id}"/></w:numPr>`;
      out += this.paragraph(inline, style, numPr);
      for (const sub of nested) out += this.list(sub, level + 1, sub.name === n.name ? id : undefined);
    }
    return out;
  }

  private table(n: Node): string {
    const rows: Array<{ cells: Node[]; header: boolean }> = [];
    const collect = (node: Node, inHead: boolean): void => {
      for (const c of node.children ?? []) {
        if (c.type !== 'tag') continue;
        if (c.name === 'thead') collect(c, true);
        else if (c.name === 'tbody') collect(c, false);
        else if (c.name === 'tr') {
          const cells = (c.children ?? []).filter((x) => x.type === 'tag' && (x.name === 'td' || x.name === 'th'));
          rows.push({ cells, header: inHead || (cells.length > 0 && cells.every((x) => x.name === 'th')) });
        }
      }
    };
    collect(n, false);
    const cols = Math.max(1, ...rows.map((r) => r.cells.length));
    const width = Math.floor(this.t.textWidth / cols);
    const gridStyle = this.t.styleId('Table Grid');
    const border =
      '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>';
    let out =
      `<w:tbl><w:tblPr>${gridStyle ? `<w:tblStyle w:val="${gridStyle}"/>` : ''}<w:tblW w:w="${width * cols}" w:type="dxa"/>` +
      `${gridStyle ? '' : `<w:tblBorders>${border}</w:tblBorders>`}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>` +
      `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(cols)}</w:tblGrid>`;
    for (const row of rows) {
      out += `<w:tr>${row.header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}`;
      for (let c = 0; c < cols; c++) {
        const cell = row.cells[c];
        const kids = cell?.children ?? [];
        const bold = cell?.name === 'th';
        let body = kids.some((k) => k.type === 'tag' && BLOCK.has(k.name!)) ? this.blocks(kids) : this.paragraph(kids, undefined, '', bold ? { b: true } : {});
        if (!body.endsWith('</w:p>')) body += '<w:p/>';
        out += `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${body}</w:tc>`;
      }
      out += '</w:tr>';
    }
    return out + '</w:tbl>';
  }

  private paragraph(nodes: Node[], pStyle?: string, extraPPr = '', style: RunStyle = {}): string {
    const pPr = (pStyle ? `<w:pStyle w:val="${pStyle}"/>` : '') + extraPPr;
    const runs = this.inline(nodes, style, true).trimEnd();
    return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
  }

  /** Whether the text so far ends in whitespace (or a block just began): then a following
   * space is dropped, as a browser collapses it. Shared across nested inline elements. */
  private atStart = true;

  /** Inline content; `start` begins a block (leading whitespace goes). */
  inline(nodes: Node[], style: RunStyle, start = false): string {
    if (start) this.atStart = true;
    let out = '';
    for (const n of nodes) {
      if (n.type === 'text') {
        let text = collapse(n.data ?? '');
        if (this.atStart) text = text.replace(/^ /, '');
        if (!text) continue;
        out += this.run(text, style);
        this.atStart = text.endsWith(' ');
      } else if (n.type === 'tag') {
        const kids = n.children ?? [];
        switch (n.name) {
          case 'br':
            out += breakRunXml(this.rPr(style));
            this.atStart = true;
            break;
          case 'b':
          case 'strong':
            out += this.inline(kids, { ...style, b: true });
            break;
          case 'i':
          case 'em':
            out += this.inline(kids, { ...style, i: true });
            break;
          case 'u':
            out += this.inline(kids, { ...style, u: true });
            break;
          case 'a': {
            const rel = this.t.hyperlink((n.attribs?.['href'] ?? '').trim());
            const link = this.t.styleId('Hyperlink') ?? '';
            out += `<w:hyperlink r:id="${rel}" w:history="1">${this.inline(kids, { ...style, link })}</w:hyperlink>`;
            break;
          }
          default:
            out += this.inline(kids, style);
        }
      }
    }
    return out;
  }

  /** Run properties in schema order: rStyle, b, i, color, u. */
  private rPr(style: RunStyle): string {
    const direct = style.link === '';
    const inner =
      (style.link ? `<w:rStyle w:val="${style.link}"/>` : '') +
      (style.b ? '<w:b/><w:bCs/>' : '') +
      (style.i ? '<w:i/><w:iCs/>' : '') +
      (direct ? '<w:color w:val="0563C1"/>' : '') +
      (style.u || direct ? '<w:u w:val="single"/>' : '');
    return inner ? `<w:rPr>${inner}</w:rPr>` : '';
  }

  private run(text: string, style: RunStyle): string {
    return textRunXml(text, this.rPr(style));
  }
}
