/**
 * A message's or content element's body, made at home in the composed letter: its styles,
 * lists, images and links re-registered under ids that cannot clash with the master's or each
 * other's, bookmarks and drawing ids renumbered, and what cannot travel (comments, section
 * breaks) removed with a warning.
 */
import { diagnostic, KpBrevError } from '../diagnostics.js';
import type { DocxPackage } from '../ooxml/package.js';
import type { ComposeTarget } from './target.js';
import { mergeStyles } from '../ooxml/styles/merge.js';
import { parseStyles } from '../ooxml/styles/sheet.js';
import { describeTarget, externalAction } from '../template/external-refs.js';

const attr = (name: string): RegExp => new RegExp(`(\\s${name}=)(["'])([^"']*)\\2`, 'g');

/** Remaps the ids in `xml` (a body fragment of `source`) into the target. */
export function importFragment(target: ComposeTarget, source: DocxPackage, key: string, xml: string, template: string): string {
  const where = { template, part: `${key}: ${source.mainPart}` };

  // Styles first: copied styles may hold numbering.
  const usedStyles = new Set<string>();
  for (const m of xml.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"/g)) usedStyles.add(m[1]!);
  let styleXml: string[] = [];
  let styleMap = new Map<string, string>();
  let defaultParagraph: string | undefined;
  if (source.stylesPart) {
    const sheet = parseStyles(source.text(source.stylesPart), `${key}: ${source.stylesPart}`);
    const merge = mergeStyles(target.styles, sheet, usedStyles, key, target.takenStyleIds);
    styleMap = merge.map;
    styleXml = merge.added;
    defaultParagraph = merge.defaultParagraph;
    if (sheet.docDefaults && target.styles.docDefaults && norm(sheet.docDefaults) !== norm(target.styles.docDefaults)) {
      target.warnings.push(diagnostic('compose.docdefaults', { key }, where, 'warning'));
    }
  }
  xml = xml.replace(/(<w:(?:pStyle|rStyle|tblStyle) w:val=")([^"]+)(")/g, (_m, a: string, id: string, c: string) => a + (styleMap.get(id) ?? id) + c);
  if (defaultParagraph) xml = withDefaultStyle(xml, defaultParagraph);

  // Lists.
  const usedNums = new Set<string>();
  for (const text of [xml, ...styleXml]) for (const m of text.matchAll(/<w:numId w:val="(\d+)"/g)) usedNums.add(m[1]!);
  if (usedNums.size && source.numberingPart) {
    const numMap = target.numbering.importFrom(source.text(source.numberingPart), `${key}: ${source.numberingPart}`, usedNums);
    const remapNums = (text: string): string =>
      text.replace(/(<w:numId w:val=")(\d+)(")/g, (_m, a: string, id: string, c: string) => a + (numMap.get(id) ?? id) + c);
    xml = remapNums(xml);
    styleXml = styleXml.map(remapNums);
  }
  target.addStyles(styleXml);

  // Images and links: relationships of the source's main part.
  const relMap = new Map<string, string>();
  for (const name of ['r:id', 'r:embed', 'r:link', 'r:pict']) {
    xml = xml.replace(attr(name), (_m, a: string, q: string, id: string) => {
      let mapped = relMap.get(id);
      if (!mapped) {
        const rel = source.mainRels.find((r) => r.id === id);
        if (!rel) throw new KpBrevError('input', [diagnostic('compose.unsupported', { key, what: `relation ${id}` }, where)]);
        // Of the external references only web and mail links travel (external-refs.ts).
        if (rel.external && externalAction(rel.type, rel.target, true) === 'refuse') {
          throw new KpBrevError('refused', [
            diagnostic('render.external-reference', { part: where.part, type: rel.type, target: describeTarget(rel.target) }, where),
          ]);
        }
        if (rel.type === 'image' && !rel.external && rel.part) mapped = target.addMedia(source, rel.part, key);
        else if (rel.type === 'hyperlink' && rel.external) mapped = target.hyperlink(rel.target);
        else throw new KpBrevError('input', [diagnostic('compose.unsupported', { key, what: rel.type }, where)]);
        relMap.set(id, mapped);
      }
      return `${a}${q}${mapped}${q}`;
    });
  }

  // Notes cannot travel yet.
  if (/<w:(?:footnoteReference|endnoteReference)\b/.test(xml)) {
    throw new KpBrevError('input', [diagnostic('compose.unsupported', { key, what: 'fodnoter/slutnoter' }, where)]);
  }

  // Comments are not part of a letter.
  if (/<w:comment(?:RangeStart|RangeEnd|Reference)\b/.test(xml)) {
    xml = xml
      .replace(/<w:commentRange(?:Start|End)\b[^>]*\/>/g, '')
      .replace(/<w:r\b(?:(?!<\/w:r>)[\s\S])*?<w:commentReference\b[^>]*\/>(?:(?!<w:r\b)[\s\S])*?<\/w:r>/g, '');
    target.warnings.push(diagnostic('compose.comments-removed', { key }, where, 'warning'));
  }

  // The master decides the page: section breaks inside a fragment go.
  if (/<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*<w:sectPr\b/.test(xml)) {
    xml = xml.replace(/(<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*?)<w:sectPr\b[\s\S]*?<\/w:sectPr>/g, '$1');
    target.warnings.push(diagnostic('compose.section-removed', { key }, where, 'warning'));
  }

  // Bookmarks: Word's own _GoBack goes, the others get fresh ids.
  const goBack = new Set<string>();
  xml = xml.replace(/<w:bookmarkStart\b[^>]*\/>/g, (tag) => {
    const id = /\sw:id="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (/\sw:name="_GoBack"/.test(tag)) {
      goBack.add(id);
      return '';
    }
    return tag;
  });
  const bookmarkMap = new Map<string, number>();
  xml = xml.replace(/(<w:bookmark(Start|End)\b[^>]*\sw:id=")([^"]*)("[^>]*\/>)/g, (m, a: string, kind: string, id: string, c: string) => {
    if (goBack.has(id)) return kind === 'End' ? '' : m;
    let n = bookmarkMap.get(id);
    if (n === undefined) {
      n = target.nextBookmarkId();
      bookmarkMap.set(id, n);
    }
    return a + n + c;
  });

  // Drawing ids must be unique in the document; paragraph ids are optional: drop them.
  xml = xml.replace(/(<wp:docPr\b[^>]*\sid=")(\d+)(")/g, (_m, a: string, _id: string, c: string) => a + target.nextDocPrId() + c);
  xml = xml.replace(/\sw14:(?:paraId|textId)="[^"]*"/g, '');

  // Namespaces the fragment's XML relies on.
  const root = source.xml(source.mainPart);
  for (const [k, v] of Object.entries(root.attrs)) {
    if (!k.startsWith('xmlns:')) continue;
    const prefix = k.slice(6);
    if (!xml.includes(`${prefix}:`)) continue;
    if (!target.addNamespace(prefix, v)) {
      throw new KpBrevError('input', [diagnostic('compose.unsupported', { key, what: `xmlns:${prefix}` }, where)]);
    }
  }
  const ignorable = root.attrs['mc:Ignorable'];
  if (ignorable) for (const p of ignorable.split(/\s+/)) if (p && xml.includes(`${p}:`)) target.ignorable.add(p);
  return xml;
}

/** Gives paragraphs without a style the fragment's own default paragraph style. */
function withDefaultStyle(xml: string, styleId: string): string {
  return xml.replace(/<w:p(\s[^>]*)?>(<w:pPr>)?/g, (m, attrs: string | undefined, pPr: string | undefined, offset: number, all: string) => {
    if (m.endsWith('/>')) return m;
    const open = `<w:p${attrs ?? ''}>`;
    if (pPr) {
      const end = all.indexOf('</w:pPr>', offset);
      const inside = all.slice(offset + m.length, end);
      return /^<w:pStyle\b/.test(inside) ? m : `${open}<w:pPr><w:pStyle w:val="${styleId}"/>`;
    }
    return `${open}<w:pPr><w:pStyle w:val="${styleId}"/></w:pPr>`;
  });
}

function norm(xml: string): string {
  return xml.replace(/>\s+</g, '><').replace(/\sw:rsid\w*="[^"]*"/g, '');
}
