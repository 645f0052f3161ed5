/**
 * Building KP templates with the `docx` package: one style set for all templates (accessible by
 * construction: real heading styles with outline levels, Danish as the document language),
 * paragraphs written in Word's Alt+F9 notation (`Kære { MERGEFIELD Borger.Fornavn }`, `¶` for a
 * paragraph break inside a branch, `**fed**` for bold), tables with repeated header rows (and
 * rows repeated per item of a list: `{ MERGEFIELD TableStart:Udgifter }`), numbered lists, and a
 * logo with alt text.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IStylesOptions,
} from 'docx';
import { PNG } from 'pngjs';
import { bold, paragraphXml, type FieldSpec, type FormattedText, type InstrPart, type LineBreak } from '../../src/authoring/fields.js';
import { parseBraceText } from '../../src/compose/flettetekst.js';
import { pStyle, RawXml, WORDLIKE } from './docx-kit.js';

export const FONT = 'Arial';

export const STYLES: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: 22, language: { value: 'da-DK' } }, paragraph: { spacing: { after: 120, line: 276, lineRule: 'auto' } } },
    heading1: {
      run: { font: FONT, size: 30, bold: true, color: '1F3864' },
      paragraph: { spacing: { before: 240, after: 160 }, keepNext: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: FONT, size: 24, bold: true, color: '1F3864' },
      paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, outlineLevel: 1 },
    },
    heading3: {
      run: { font: FONT, size: 22, bold: true, color: '1F3864' },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, outlineLevel: 2 },
    },
    hyperlink: { run: { color: '0B5394', underline: {} } },
  },
};

type Piece = string | FormattedText | FieldSpec | LineBreak;

/** `**bold**` inside plain text. */
function withBold(parts: InstrPart[]): InstrPart[] {
  const out: InstrPart[] = [];
  for (const p of parts) {
    if (typeof p === 'string' && p.includes('**')) {
      p.split('**').forEach((s, i) => {
        if (s) out.push(i % 2 ? bold(s) : s);
      });
    } else if (typeof p !== 'string' && p.kind === 'field') {
      out.push({ ...p, parts: withBold(p.parts) });
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Brace notation to paragraph pieces (fields get a cached result, as Word saves them). */
export function pieces(text: string): Piece[] {
  const parts = withBold(parseBraceText(text, { paragraphs: true }));
  const cache = (p: InstrPart): InstrPart => {
    if (typeof p === 'string' || p.kind !== 'field') return p;
    const inner = p.parts.map(cache);
    const ins = inner
      .filter((x): x is string => typeof x === 'string')
      .join('')
      .trim();
    const merge = /^MERGEFIELD\s+(\S+)/i.exec(ins);
    return { ...p, parts: inner, ...(merge ? { result: `«${merge[1]}»` } : {}) };
  };
  return parts.map(cache).map((p) => {
    if (typeof p !== 'string' && p.kind === 'para') throw new Error(`¶ outside a field in: ${text}`);
    return p as Piece;
  });
}

export type Block =
  | string
  | { p: string; align?: 'right' | 'center'; spacingAfter?: number; keepNext?: boolean }
  | { h1: string }
  | { h2: string }
  | { h3: string }
  | { table: TableSpec }
  /** A numbered list, one paragraph per item (Alt+F9 text; a region repeats an item). */
  | { list: string[] }
  /** The logo as an inline picture; without `alt` it has no alt text (as Word leaves it). */
  | { image: { alt?: string } }
  /** Text, then a link with the given text. */
  | { link: { before: string; text: string; url: string } };

export function blocks(list: Block[], raw: RawXml): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const b of list) {
    if (typeof b === 'string') out.push(raw.para(pieces(b)));
    else if ('h1' in b) out.push(heading(b.h1, HeadingLevel.HEADING_1, raw));
    else if ('h2' in b) out.push(heading(b.h2, HeadingLevel.HEADING_2, raw));
    else if ('h3' in b) out.push(heading(b.h3, HeadingLevel.HEADING_3, raw));
    else if ('table' in b) out.push(table(b.table, raw));
    else if ('list' in b) for (const item of b.list) out.push(listItem(item, raw));
    else if ('image' in b) {
      const alt = b.image.alt;
      out.push(
        new Paragraph({
          children: [
            new ImageRun({
              type: 'png',
              data: logoPng(),
              transformation: { width: 150, height: 40 },
              ...(alt !== undefined ? { altText: { title: alt, description: alt, name: 'Logo' } } : {}),
            }),
          ],
        }),
      );
    } else if ('link' in b)
      out.push(
        new Paragraph({
          children: [
            new TextRun(b.link.before),
            new ExternalHyperlink({ link: b.link.url, children: [new TextRun({ text: b.link.text, style: 'Hyperlink' })] }),
          ],
        }),
      );
    else {
      const extra =
        (b.keepNext ? '<w:keepNext/>' : '') +
        (b.spacingAfter !== undefined ? `<w:spacing w:after="${b.spacingAfter}"/>` : '') +
        (b.align ? `<w:jc w:val="${b.align}"/>` : '');
      out.push(raw.para(pieces(b.p), extra ? `<w:pPr>${extra}</w:pPr>` : ''));
    }
  }
  return out;
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], raw: RawXml): Paragraph {
  if (!text.includes('{')) return new Paragraph({ text, heading: level });
  const id = level === HeadingLevel.HEADING_1 ? 'Heading1' : level === HeadingLevel.HEADING_2 ? 'Heading2' : 'Heading3';
  return raw.para(pieces(text), pStyle(id));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8EAADB' };

export interface TableSpec {
  header: string[];
  rows: string[][];
  widths?: number[];
  /** Per column; amounts are right-aligned. */
  align?: Array<'left' | 'right'>;
  /** A last row with totals (`{ = SUM(ABOVE) }`), shaded like the header. */
  total?: string[];
}

/** The numbering the `list` blocks use (decimal, one level). */
export const NUMBERED = 'kp-nummereret';

export const NUMBERING = {
  config: [
    {
      reference: NUMBERED,
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 397 } } } },
      ],
    },
  ],
};

/** A numbered list item: docx writes the paragraph and its numbering, the runs are ours. */
function listItem(text: string, raw: RawXml): Paragraph {
  const xml = paragraphXml(pieces(text), '', WORDLIKE)
    .replace(/^<w:p>/, '')
    .replace(/<\/w:p>$/, '');
  return new Paragraph({ numbering: { reference: NUMBERED, level: 0 }, children: [raw.run(xml)] });
}

function table(t: TableSpec, raw: RawXml): Table {
  const total = 9354;
  const widths = t.widths ?? t.header.map(() => Math.floor(total / t.header.length));
  const cell = (content: Paragraph, width: number, head: boolean): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      ...(head ? { shading: { fill: 'DEEAF6' } } : {}),
      children: [content],
    });
  const jc = (i: number): string => (t.align?.[i] === 'right' ? '<w:jc w:val="right"/>' : '');
  const content = (c: string, i: number, bold = false): Paragraph => {
    if (!c.includes('{') && !jc(i) && !bold) return new Paragraph(c);
    const pPr = jc(i) ? `<w:pPr>${jc(i)}</w:pPr>` : '';
    return raw.para(pieces(bold && c && !c.startsWith('**') ? `**${c}**` : c), pPr);
  };
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.header.map((h, i) =>
      cell(jc(i) ? raw.para([bold(h)], `<w:pPr>${jc(i)}</w:pPr>`) : new Paragraph({ children: [new TextRun({ text: h, bold: true })] }), widths[i]!, true),
    ),
  });
  const rows = t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(content(c, i), widths[i]!, false)) }));
  const totals = t.total ? [new TableRow({ cantSplit: true, children: t.total.map((c, i) => cell(content(c, i, !c.includes('{')), widths[i]!, true)) })] : [];
  return new Table({ width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows, ...totals] });
}

/** A message template or content element: body only, in the common style set. */
export function bodyDocument(title: string, list: Block[]): { doc: Document; rawXml: RawXml } {
  const rawXml = new RawXml();
  const doc = new Document({
    title,
    creator: 'KOMBIT (eksempel)',
    description: `${title} (eksempelskabelon til kp-brev)`,
    styles: STYLES,
    ...(list.some((b) => typeof b === 'object' && 'list' in b) ? { numbering: NUMBERING } : {}),
    sections: [{ properties: { page: { margin: { top: 1701, bottom: 1418, left: 1418, right: 1134 } } }, children: blocks(list, rawXml) }],
  });
  return { doc, rawXml };
}

export interface MasterSpec {
  title: string;
  /** Paragraph lines at the top right of the first page header, after the logo. */
  headerLines: string[];
  /** Paragraphs of the footer before the page numbers. */
  footerLines: string[];
  body: Block[];
}

/** `Side { PAGE } af { NUMPAGES }`, centred, in 9 pt. */
export function pageNumbers(rawXml: RawXml): Paragraph {
  const pageField = (name: string): TextRun =>
    rawXml.run(
      `<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:instrText xml:space="preserve"> ${name} </w:instrText></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:noProof/><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>`,
    );
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: 'Side ', size: 18 }), pageField('PAGE'), new TextRun({ text: ' af ', size: 18 }), pageField('NUMPAGES')],
  });
}

/** A masterskabelon: letterhead with logo, footer with page numbers, and the body frame. */
export function masterDocument(spec: MasterSpec): { doc: Document; rawXml: RawXml } {
  const rawXml = new RawXml();
  const header = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [
          new ImageRun({
            type: 'png',
            data: logoPng(),
            transformation: { width: 150, height: 40 },
            altText: { title: 'Logo', description: 'Kommunens logo', name: 'Logo' },
          }),
        ],
      }),
      ...spec.headerLines.map((line) =>
        rawXml.para(pieces(line), '<w:pPr><w:spacing w:after="0"/><w:jc w:val="right"/><w:rPr><w:sz w:val="18"/></w:rPr></w:pPr>'),
      ),
    ],
  });
  const footer = new Footer({
    children: [
      ...spec.footerLines.map((line) => rawXml.para(pieces(line), '<w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>')),
      pageNumbers(rawXml),
    ],
  });
  const doc = new Document({
    title: spec.title,
    creator: 'KOMBIT (eksempel)',
    description: `${spec.title} (eksempel på masterskabelon til kp-brev)`,
    styles: STYLES,
    sections: [
      {
        properties: { page: { margin: { top: 1985, bottom: 1418, left: 1418, right: 1134, header: 567, footer: 454 } } },
        headers: { default: header },
        footers: { default: footer },
        children: blocks(spec.body, rawXml),
      },
    ],
  });
  return { doc, rawXml };
}

let logo: Buffer | undefined;

/** A plain geometric logo (no text in the image, so the alt text says it all). */
export function logoPng(): Buffer {
  if (logo) return logo;
  const width = 300;
  const height = 80;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (width * y + x) << 2;
      const inBadge = x < 80 && Math.hypot(x - 40, y - 40) < 36;
      const bar = x >= 100 && ((y >= 18 && y < 30) || (y >= 38 && y < 50 && x < 260) || (y >= 58 && y < 64 && x < 220));
      const [r, g, b, a] = inBadge ? [31, 56, 100, 255] : bar ? [11, 83, 148, 255] : [255, 255, 255, 0];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  logo = PNG.sync.write(png);
  return logo;
}
