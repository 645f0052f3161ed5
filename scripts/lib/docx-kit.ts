/**
 * Glue between the `docx` package (which builds the package: styles, headers, footers,
 * numbering, images, properties) and our field helpers (which write fields the way Word saves
 * them). Paragraphs with fields are written as WordprocessingML and imported as components.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { paragraphXml, type FieldSpec, type FieldStyle, type FormattedText, type LineBreak } from '../../src/authoring/fields.js';
import { readZip } from '../../src/ooxml/zip.js';
import { writeZip } from '../../src/ooxml/zip-write.js';

/** Word's way of saving: instruction runs split every few characters, noise between them. */
export const WORDLIKE: FieldStyle = { split: 4, noise: true };

/**
 * Raw WordprocessingML placed into a docx-built document: docx writes a placeholder paragraph or
 * run, and `pack` swaps in the XML afterwards, byte for byte (docx's own XML import drops
 * whitespace-only text, which fields split into runs are full of).
 */
export class RawXml {
  private readonly items = new Map<string, string>();
  private next = 0;

  /** One or more paragraphs. */
  paragraph(xml: string): Paragraph {
    const token = `KPRAWP${this.next++}X`;
    this.items.set(token, xml);
    return new Paragraph({ children: [new TextRun(token)] });
  }

  /** One or more runs inside a docx paragraph. */
  run(xml: string): TextRun {
    const token = `KPRAWR${this.next++}X`;
    this.items.set(token, xml);
    return new TextRun(token);
  }

  /** Paragraphs with fields, as Word saves them. */
  para(content: Piece[], pPr = '', style: FieldStyle = WORDLIKE): Paragraph {
    return this.paragraph(paragraphXml(content, pPr, style));
  }

  apply(xml: string): string {
    if (!xml.includes('KPRAW')) return xml;
    let out = xml;
    for (const [token, raw] of this.items) {
      const at = out.indexOf(token);
      if (at < 0) continue;
      const tag = token[5] === 'P' ? 'w:p' : 'w:r';
      const open = Math.max(out.lastIndexOf(`<${tag}>`, at), out.lastIndexOf(`<${tag} `, at));
      const close = out.indexOf(`</${tag}>`, at) + tag.length + 3;
      out = out.slice(0, open) + raw + out.slice(close);
    }
    return out;
  }
}

export type Piece = string | FormattedText | FieldSpec | LineBreak;

export const pStyle = (id: string, extra = ''): string => `<w:pPr><w:pStyle w:val="${id}"/>${extra}</w:pPr>`;

const FIXED_DATE = '2026-01-01T00:00:00Z';

/**
 * Packs a document and makes the bytes reproducible: fixed dates in the core properties, fixed
 * zip timestamps, a stable entry order. The same script run twice gives the same files.
 */
export async function pack(doc: Document, rawXml?: RawXml): Promise<Buffer> {
  const bytes = await Packer.toBuffer(doc);
  const zip = readZip(bytes);
  // The docx package names hyperlink relationships with random ids: number them in order.
  const linkIds = new Map<string, string>();
  for (const name of zip.order) {
    if (!name.endsWith('.rels')) continue;
    for (const m of Buffer.from(zip.read(name))
      .toString('utf8')
      .matchAll(/Id="(rId[A-Za-z0-9_-]{12,})"/g))
      if (!linkIds.has(m[1]!)) linkIds.set(m[1]!, `rIdLink${linkIds.size + 1}`);
  }
  const stableIds = (xml: string): string => (linkIds.size ? xml.replace(/rId[A-Za-z0-9_-]{12,}/g, (id) => linkIds.get(id) ?? id) : xml);
  const order = [...zip.order].sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  return writeZip(
    order.map((name) => {
      let data = Buffer.from(zip.read(name));
      if (rawXml && name.endsWith('.xml')) data = Buffer.from(rawXml.apply(data.toString('utf8')), 'utf8');
      if (linkIds.size && (name.endsWith('.xml') || name.endsWith('.rels'))) data = Buffer.from(stableIds(data.toString('utf8')), 'utf8');
      if (name === 'docProps/core.xml') {
        data = Buffer.from(
          data
            .toString('utf8')
            .replace(/(<dcterms:created[^>]*>)[^<]*/, `$1${FIXED_DATE}`)
            .replace(/(<dcterms:modified[^>]*>)[^<]*/, `$1${FIXED_DATE}`),
          'utf8',
        );
      }
      return { name, data };
    }),
    { level: 9 },
  );
}
