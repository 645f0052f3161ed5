/**
 * Opens a .docx the way a reader would and exposes its text, formatting and structure, so tests
 * assert on what a letter says and looks like rather than on XML strings.
 */
import { readZip } from '../../src/ooxml/zip.js';
import { decodeXml, parseXml, type XElement, type XNode } from '../../src/ooxml/xml.js';

export interface RunInfo {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  highlight: string | undefined;
  rPr: string;
}

export interface ParaInfo {
  text: string;
  runs: RunInfo[];
  style: string | undefined;
  pPr: string;
  /** The paragraph sits in a table cell. */
  inTable: boolean;
}

export interface OpenedDocx {
  parts: string[];
  xml(part: string): string;
  root(part: string): XElement;
  paragraphs(part?: string): ParaInfo[];
  /** Paragraph texts, one string each. */
  texts(part?: string): string[];
  /** All fields still in the part (fldChar begin count + fldSimple count), with their instructions. */
  fieldInstructions(part?: string): string[];
}

const el = (n: XNode): n is XElement => n.kind === 'element';

export function openDocx(bytes: Uint8Array): OpenedDocx {
  const zip = readZip(bytes);
  const cache = new Map<string, { text: string; root: XElement }>();
  const load = (part: string): { text: string; root: XElement } => {
    let c = cache.get(part);
    if (!c) {
      const text = decodeXml(zip.read(part), part);
      c = { text, root: parseXml(text, part) };
      cache.set(part, c);
    }
    return c;
  };
  const paragraphs = (part = 'word/document.xml'): ParaInfo[] => {
    const { text, root } = load(part);
    const out: ParaInfo[] = [];
    const walk = (node: XElement, inTable: boolean): void => {
      for (const c of node.children) {
        if (!el(c)) continue;
        if (c.name === 'w:p') {
          out.push(paragraph(c, text, inTable));
          // Text boxes inside the paragraph come after it.
          walk(c, inTable);
        } else if (c.name !== 'w:pPr' && c.name !== 'w:rPr') {
          walk(c, inTable || c.name === 'w:tc');
        }
      }
    };
    walk(root, false);
    return out;
  };
  return {
    parts: [...zip.order],
    xml: (part) => load(part).text,
    root: (part) => load(part).root,
    paragraphs,
    texts: (part) => paragraphs(part).map((p) => p.text),
    fieldInstructions(part = 'word/document.xml') {
      const { root } = load(part);
      const out: string[] = [];
      const stack: Array<{ text: string; collecting: boolean }> = [];
      const walk = (node: XElement): void => {
        for (const c of node.children) {
          if (!el(c)) continue;
          if (c.name === 'w:fldSimple') out.push((c.attrs['w:instr'] ?? '').trim());
          if (c.name === 'w:fldChar') {
            const type = c.attrs['w:fldCharType'];
            const top = stack[stack.length - 1];
            if (type === 'begin') stack.push({ text: '', collecting: true });
            else if (type === 'separate' && top?.collecting) {
              out.push(top.text.trim());
              top.collecting = false;
            } else if (type === 'end' && top) {
              if (top.collecting) out.push(top.text.trim());
              stack.pop();
            }
          }
          if (c.name === 'w:instrText') {
            const top = stack[stack.length - 1];
            if (top?.collecting) top.text += textOf(c);
          }
          walk(c);
        }
      };
      walk(root);
      return out;
    },
  };
}

function textOf(node: XElement): string {
  let s = '';
  for (const c of node.children) if (c.kind === 'text') s += c.text;
  return s;
}

function paragraph(p: XElement, source: string, inTable: boolean): ParaInfo {
  const runs: RunInfo[] = [];
  let pPr = '';
  let style: string | undefined;
  const visit = (node: XElement): void => {
    for (const c of node.children) {
      if (!el(c)) continue;
      if (c.name === 'w:pPr') {
        pPr = source.slice(c.start, c.end);
        const s = c.children.find((x): x is XElement => el(x) && x.name === 'w:pStyle');
        style = s?.attrs['w:val'];
        continue;
      }
      if (c.name === 'w:r') runs.push(runInfo(c, source));
      else if (c.name !== 'w:txbxContent') visit(c);
    }
  };
  visit(p);
  return { text: runs.map((r) => r.text).join(''), runs, style, pPr, inTable };
}

function runInfo(r: XElement, source: string): RunInfo {
  let text = '';
  let rPr = '';
  let bold = false;
  let italic = false;
  let underline = false;
  let highlight: string | undefined;
  for (const c of r.children) {
    if (!el(c)) continue;
    if (c.name === 'w:rPr') {
      rPr = source.slice(c.start, c.end);
      for (const p of c.children) {
        if (!el(p)) continue;
        const off = p.attrs['w:val'] === '0' || p.attrs['w:val'] === 'false';
        if (p.name === 'w:b') bold = !off;
        if (p.name === 'w:i') italic = !off;
        if (p.name === 'w:u') underline = p.attrs['w:val'] !== 'none';
        if (p.name === 'w:highlight') highlight = p.attrs['w:val'];
      }
    } else if (c.name === 'w:t') text += textOf(c);
    else if (c.name === 'w:tab') text += '\t';
    else if (c.name === 'w:br' || c.name === 'w:cr') text += '\n';
  }
  return { text, bold, italic, underline, highlight, rPr };
}
