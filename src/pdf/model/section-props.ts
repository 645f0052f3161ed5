/**
 * Section properties (w:sectPr): page size and margins, header and footer references,
 * title page, columns, page numbering and how the section starts.
 */
import { elements, type XElement } from '../../ooxml/xml.js';
import { num, toggle, twips } from '../../ooxml/styles/values.js';

export interface SectionProps {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
  header: number;
  footer: number;
  gutter: number;
  titlePage: boolean;
  headers: { default?: string; first?: string; even?: string };
  footers: { default?: string; first?: string; even?: string };
  columns: number;
  pageNumberStart: number | undefined;
  /** How the section begins: on a new page (default) or continuing the current one. */
  start: 'nextPage' | 'continuous' | 'evenPage' | 'oddPage' | 'nextColumn';
}

export function readSectionProps(sectPr: XElement | undefined): SectionProps {
  const out: SectionProps = {
    width: 595.3,
    height: 841.9,
    marginTop: 72,
    marginRight: 72,
    marginBottom: 72,
    marginLeft: 72,
    header: 36,
    footer: 36,
    gutter: 0,
    titlePage: false,
    headers: {},
    footers: {},
    columns: 1,
    pageNumberStart: undefined,
    start: 'nextPage',
  };
  if (!sectPr) return out;
  for (const el of elements(sectPr)) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:pgSz':
        out.width = twips(a['w:w']) ?? out.width;
        out.height = twips(a['w:h']) ?? out.height;
        break;
      case 'w:pgMar':
        out.marginTop = Math.abs(twips(a['w:top']) ?? out.marginTop);
        out.marginRight = twips(a['w:right'] ?? a['w:end']) ?? out.marginRight;
        out.marginBottom = Math.abs(twips(a['w:bottom']) ?? out.marginBottom);
        out.marginLeft = twips(a['w:left'] ?? a['w:start']) ?? out.marginLeft;
        out.header = twips(a['w:header']) ?? out.header;
        out.footer = twips(a['w:footer']) ?? out.footer;
        out.gutter = twips(a['w:gutter']) ?? 0;
        break;
      case 'w:titlePg':
        out.titlePage = toggle(el);
        break;
      case 'w:headerReference':
      case 'w:footerReference': {
        const type = (a['w:type'] ?? 'default') as 'default' | 'first' | 'even';
        const id = a['r:id'];
        if (id && (type === 'default' || type === 'first' || type === 'even')) (el.name === 'w:headerReference' ? out.headers : out.footers)[type] = id;
        break;
      }
      case 'w:cols':
        out.columns = Math.max(1, num(a['w:num']) ?? 1);
        break;
      case 'w:pgNumType': {
        const start = num(a['w:start']);
        if (start !== undefined) out.pageNumberStart = start;
        break;
      }
      case 'w:type':
        out.start = (a['w:val'] ?? 'nextPage') as SectionProps['start'];
        break;
    }
  }
  return out;
}
