/**
 * The structure tree of PDF/UA-1: a structure element for every node of the letter's tree
 * that has content (or is a table part, a figure or the document), its kids as MCIDs, marked
 * content references on other pages and link annotations (OBJR); attributes for table
 * headers and spans and figure bounding boxes; and the parent tree mapping pages and
 * annotations back to their elements.
 */
import { PDFHexString, PDFName, PDFString, type PDFContext, type PDFDict, type PDFDocument, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import type { Item, LaidOutLetter, LinkArea, Page, StructNode } from '../layout/types.js';
import type { Mark } from './content.js';
import { fmt, PDFLiteral, utf16Hex } from './syntax.js';
import { percentEncode } from '../../template/field-policy.js';

/** Writes the structure tree of the marked content, and points the catalog at it. */
export function writeStructureTree(
  doc: PDFDocument,
  letter: LaidOutLetter,
  pdfPages: PDFPage[],
  marks: Map<Item, Mark>,
  parentTree: Array<Array<StructNode>>,
): void {
  const ctx = doc.context;
  const refs = new Map<StructNode, PDFRef>();
  const keep = (node: StructNode): boolean => {
    if (['Table', 'TR', 'TH', 'TD', 'Figure', 'Document'].includes(node.type)) return true;
    if (node.links?.length) return true;
    return node.kids.some((k) => ('type' in k ? keep(k) : marks.has(k)));
  };
  const assignRefs = (node: StructNode): void => {
    refs.set(node, ctx.nextRef());
    for (const k of node.kids) if ('type' in k && keep(k)) assignRefs(k);
  };
  assignRefs(letter.root);
  const annotKeys: Array<[number, PDFRef]> = [];
  let nextKey = letter.pages.length;
  const rootRef = ctx.nextRef();
  const pageRef = (i: number): PDFRef => pdfPages[i]!.ref;
  // Structure elements are written as literal dictionaries: there are many, and building them
  // as library objects costs more than the rest of the file.
  const r = (ref: PDFRef): string => `${ref.objectNumber} ${ref.generationNumber} R`;
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
      const annot = linkAnnotation(ctx, area, nextKey, letter.pages[area.page]!);
      if (!annot) continue;
      const aref = ctx.register(annot);
      annotKeys.push([nextKey++, ref]);
      pdfPages[area.page]!.node.addAnnot(aref);
      pdfPages[area.page]!.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      k.push(`<</Type /OBJR /Obj ${r(aref)} /Pg ${r(pageRef(area.page))}>>`);
      firstPage ??= area.page;
    }
    let dict = `<</Type /StructElem /S /${node.type} /P ${r(node.parent ? refs.get(node.parent)! : rootRef)} /K [${k.join(' ')}]`;
    if (firstPage !== undefined) dict += ` /Pg ${r(pageRef(firstPage))}`;
    if (node.alt !== undefined) dict += ` /Alt ${utf16Hex(node.alt)}`;
    if (node.lang) dict += ` /Lang ${utf16Hex(node.lang)}`;
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
    if (attrs.length) dict += ` /A ${attrs.length === 1 ? attrs[0] : `[${attrs.join(' ')}]`}`;
    ctx.assign(ref, new PDFLiteral(Buffer.from(dict + '>>', 'latin1')));
  }
  const nums: string[] = [];
  parentTree.forEach((list, i) => nums.push(`${i} [${list.map((node) => r(refs.get(node)!)).join(' ')}]`));
  for (const [key, ref] of annotKeys) nums.push(`${key} ${r(ref)}`);
  ctx.assign(
    rootRef,
    new PDFLiteral(
      Buffer.from(
        `<</Type /StructTreeRoot /K [${r(refs.get(letter.root)!)}] /ParentTree <</Nums [${nums.join(' ')}]>> /ParentTreeNextKey ${nextKey}>>`,
        'latin1',
      ),
    ),
  );
  const catalog = doc.catalog;
  catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
}

function linkAnnotation(ctx: PDFContext, area: LinkArea, key: number, page: Page): PDFDict | undefined {
  if (!area.url) return undefined;
  const y0 = page.height - (area.y + area.h);
  const rect = [area.x, y0, area.x + area.w, y0 + area.h].map((v) => Math.round(v * 100) / 100);
  return ctx.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    F: 4,
    StructParent: key,
    Contents: PDFHexString.fromText(area.contents || area.url),
    A: ctx.obj({ S: 'URI', URI: PDFString.of(uriString(area.url)) }),
  });
}

/** A URI as a PDF literal string: 7-bit ASCII (anything else percent-encoded as UTF-8) with
 * `\`, `(` and `)` escaped, which pdf-lib's PDFString.of leaves to its caller; an address
 * holding a lone `)` would otherwise end the string and write into the annotation. */
export function uriString(url: string): string {
  return url.replace(/[^\x21-\x7e]/gu, percentEncode).replace(/[\\()]/g, '\\$&');
}
