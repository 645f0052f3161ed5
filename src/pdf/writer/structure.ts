/**
 * The structure tree of PDF/UA-1: a structure element for every node of the letter's tree
 * that has content (or is a table part, a figure or the document), its kids as MCIDs, marked
 * content references on other pages and link annotations (OBJR); attributes for table
 * headers and spans and figure bounding boxes; and the parent tree mapping pages and
 * annotations back to their elements.
 */
import type { Item, LaidOutLetter, LinkArea, Page, StructNode } from '../layout/types.js';
import type { Mark } from './content.js';
import { array, dict, num, type PdfFile } from './file.js';
import { fmt, utf16Hex } from './syntax.js';
import { percentEncode } from '../../template/field-policy.js';

/** A page as the structure tree needs it: its object number, and what the tree adds to its dictionary (link annotations). */
export interface PageObject {
  ref: number;
  annots: number[];
}

/** Structure elements written even without content of their own. */
const ALWAYS = new Set(['Table', 'TR', 'TH', 'TD', 'Figure', 'Document']);

/** Writes the structure tree of the marked content; returns the StructTreeRoot's object number. */
export function writeStructureTree(
  file: PdfFile,
  letter: LaidOutLetter,
  pdfPages: PageObject[],
  marks: Map<Item, Mark>,
  parentTree: Array<Array<StructNode>>,
): number {
  const refs = new Map<StructNode, number>();
  // Whether a node is written, worked out once per node (assignRefs asks at every level).
  const kept = new Map<StructNode, boolean>();
  const keep = (node: StructNode): boolean => {
    let k = kept.get(node);
    if (k === undefined) {
      k = ALWAYS.has(node.type) || !!node.links?.length || node.kids.some((c) => ('type' in c ? keep(c) : marks.has(c)));
      kept.set(node, k);
    }
    return k;
  };
  const assignRefs = (node: StructNode): void => {
    refs.set(node, file.reserve());
    for (const k of node.kids) if ('type' in k && keep(k)) assignRefs(k);
  };
  assignRefs(letter.root);
  const annotKeys: Array<[number, number]> = [];
  let nextKey = letter.pages.length;
  const rootRef = file.reserve();
  const pageRef = (i: number): number => pdfPages[i]!.ref;
  const r = (ref: number): string => `${ref} 0 R`;
  for (const [node, ref] of refs) {
    const k: string[] = [];
    let firstPage: number | undefined;
    let last: Mark | undefined;
    for (const kid of node.kids) {
      if ('type' in kid) {
        const kr = refs.get(kid);
        if (kr) k.push(r(kr));
        continue;
      }
      const m = marks.get(kid);
      if (!m || (last && last.page === m.page && last.mcid === m.mcid)) continue;
      last = m;
      firstPage ??= m.page;
      k.push(m.page === firstPage ? String(m.mcid) : `<</Type /MCR /Pg ${r(pageRef(m.page))} /MCID ${m.mcid}>>`);
    }
    for (const area of node.links ?? []) {
      const annot = linkAnnotation(area, nextKey, letter.pages[area.page]!);
      if (!annot) continue;
      const aref = file.add(annot);
      annotKeys.push([nextKey++, ref]);
      pdfPages[area.page]!.annots.push(aref);
      k.push(`<</Type /OBJR /Obj ${r(aref)} /Pg ${r(pageRef(area.page))}>>`);
      firstPage ??= area.page;
    }
    let d = `<</Type /StructElem /S /${node.type} /P ${r(node.parent ? refs.get(node.parent)! : rootRef)} /K [${k.join(' ')}]`;
    if (firstPage !== undefined) d += ` /Pg ${r(pageRef(firstPage))}`;
    if (node.alt !== undefined) d += ` /Alt ${utf16Hex(node.alt)}`;
    if (node.lang) d += ` /Lang ${utf16Hex(node.lang)}`;
    const attrs: string[] = [];
    if (node.scope || node.colSpan || node.rowSpan) {
      let a = '<</O /Table';
      if (node.scope) a += ` /Scope /${node.scope}`;
      if (node.colSpan) a += ` /ColSpan ${node.colSpan}`;
      if (node.rowSpan) a += ` /RowSpan ${node.rowSpan}`;
      attrs.push(a + '>>');
    }
    if (node.type === 'Figure' && node.bbox) {
      const page = letter.pages[firstPage ?? 0]!;
      const [x0, y0, x1, y1] = node.bbox;
      attrs.push(`<</O /Layout /BBox [${[x0, page.height - y1, x1, page.height - y0].map(fmt).join(' ')}] /Placement /Block>>`);
    }
    if (attrs.length) d += ` /A ${attrs.length === 1 ? attrs[0] : `[${attrs.join(' ')}]`}`;
    file.set(ref, d + '>>');
  }
  const nums: string[] = [];
  parentTree.forEach((list, i) => nums.push(`${i} [${list.map((node) => r(refs.get(node)!)).join(' ')}]`));
  for (const [key, ref] of annotKeys) nums.push(`${key} ${r(ref)}`);
  file.set(rootRef, `<</Type /StructTreeRoot /K [${r(refs.get(letter.root)!)}] /ParentTree <</Nums [${nums.join(' ')}]>> /ParentTreeNextKey ${nextKey}>>`);
  return rootRef;
}

function linkAnnotation(area: LinkArea, key: number, page: Page): string | undefined {
  if (!area.url) return undefined;
  const y0 = page.height - (area.y + area.h);
  const rect = [area.x, y0, area.x + area.w, y0 + area.h].map((v) => Math.round(v * 100) / 100);
  return dict([
    ['Type', '/Annot'],
    ['Subtype', '/Link'],
    ['Rect', array(rect.map(num))],
    ['Border', '[ 0 0 0 ]'],
    ['F', '4'],
    ['StructParent', num(key)],
    ['Contents', utf16Hex(area.contents || area.url)],
    [
      'A',
      dict([
        ['S', '/URI'],
        ['URI', `(${uriString(area.url)})`],
      ]),
    ],
  ]);
}

/** A URI as a PDF literal string: 7-bit ASCII (anything else percent-encoded as UTF-8) with
 * `\`, `(` and `)` escaped, which pdf-lib's PDFString.of leaves to its caller; an address
 * holding a lone `)` would otherwise end the string and write into the annotation. */
export function uriString(url: string): string {
  return url.replace(/[^\x21-\x7e]/gu, percentEncode).replace(/[\\()]/g, '\\$&');
}
