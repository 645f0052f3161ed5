/**
 * The sample letter "Bevilling af helbredstillægskort": a complete two-page KP letter in one
 * .docx (letterhead, recipient, date, body with flettespørgsmål, a coverage table, complaint
 * guidance, page numbers). It is written once, as a small tree, and built two ways: with Word
 * fields (the real template) and with docxtemplater {tags} (the benchmark's baseline).
 */
import { AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { bold as boldText, field, mergeField, paragraphBreak, type InstrPart } from '../../src/authoring/fields.js';
import { pStyle, RawXml, type Piece } from './docx-kit.js';
import { pageNumbers } from './kp-docx.js';

/** A piece of letter text. */
export type Node =
  | string
  | { b: string }
  | { m: string; sw?: string }
  | { q: string; t: Node[] }
  | { cmp: [string, string, string]; tag: string; t: Node[]; f?: Node[] }
  | { br: true };

export type Block = { h1: string } | { h2: string } | { p: Node[]; right?: boolean } | { coverage: true };

const m = (name: string, sw?: string): Node => (sw ? { m: name, sw } : { m: name });
const q = (key: string, ...t: Node[]): Node => ({ q: key, t });

export const QUESTIONS = {
  formue: 'flettespoergsmaal-10031',
  fodbehandling: 'flettespoergsmaal-10032',
  ventetid: 'flettespoergsmaal-10033',
  tidligereAfslag: 'flettespoergsmaal-10034',
} as const;

export const LETTER: Block[] = [
  { p: [m('Borger.Navn')] },
  { p: [{ cmp: ['Borger.Adresse.CO', '<>', ''], tag: 'harCo', t: ['c/o ', m('Borger.Adresse.CO'), { br: true }] }, m('Borger.Adresse.Vej')] },
  { p: [m('Borger.Adresse.Postnr'), ' ', m('Borger.Adresse.By')] },
  { p: ['Dato: ', m('Brev.Dato', '\\@ "d. MMMM yyyy"')], right: true },
  { p: ['Sagsnr.: ', m('Sag.Nummer')], right: true },
  { h1: 'Du får et helbredstillægskort' },
  { p: ['Kære ', m('Borger.Fornavn')] },
  {
    p: [
      'Vi har den ',
      m('Ansoegning.Dato', '\\@ "d. MMMM yyyy"'),
      ' modtaget din ansøgning om helbredstillæg. Du får et helbredstillægskort, som gælder fra den ',
      m('Bevilling.Fra', '\\@ "d. MMMM yyyy"'),
      '.',
    ],
  },
  {
    p: [
      'Din personlige tillægsprocent er ',
      m('Borger.Tillaegsprocent'),
      ' %. ',
      {
        cmp: ['Borger.Tillaegsprocent', '<', '100'],
        tag: 'delvis',
        t: ['Derfor dækker kortet ', { b: 'en del' }, ' af din egen betaling, ikke hele beløbet.'],
        f: ['Derfor dækker kortet ', { b: 'hele' }, ' din egen betaling inden for reglerne.'],
      },
      // Optional paragraphs hang on the end of the paragraph before them, each beginning with
      // its own paragraph mark: answered N they leave nothing, not even an empty line.
      q(
        QUESTIONS.tidligereAfslag,
        { br: true },
        'Vi har tidligere givet dig afslag på helbredstillæg. Vi har nu vurderet din sag igen på grundlag af de nye oplysninger.',
      ),
      q(
        QUESTIONS.formue,
        { br: true },
        'Vi har beregnet din formue ud fra de oplysninger, du har givet os. Hvis din formue ændrer sig, skal du give os besked.',
      ),
      q(QUESTIONS.ventetid, { br: true }, 'Du kan først bruge kortet, når du har modtaget det. Gem kvitteringer for udgifter, du har i mellemtiden.'),
    ],
  },
  { h2: 'Hvad dækker kortet?' },
  { p: ['Kortet giver tilskud til disse udgifter, når de ikke dækkes af andre ordninger:'] },
  { coverage: true },
  {
    p: [
      'Det højeste beløb, du kan få i tilskud i ',
      m('Bevilling.Aar'),
      ', er ',
      m('Bevilling.Maksimum', '\\# ".0,00"'),
      ' kr. Tilskuddet udgør ',
      m('Bevilling.Procent'),
      ' % af din egen betaling.',
      q(
        QUESTIONS.fodbehandling,
        { br: true },
        'Du har også ret til tilskud til fodbehandling hos en statsautoriseret fodterapeut, når lægen har henvist dig. Spørg os, hvis du vil vide mere.',
      ),
      {
        cmp: ['Bevilling.Tandproteser', '=', 'J'],
        tag: 'tandproteser',
        t: [{ br: true }, 'Du kan desuden søge om udvidet helbredstillæg til tandproteser. Send os et overslag fra din tandlæge, før behandlingen begynder.'],
      },
    ],
  },
  { h2: 'Hvis din situation ændrer sig' },
  {
    p: [
      'Du skal give os besked, hvis din indtægt, din formue eller din adresse ændrer sig. Du kan skrive til os via ',
      m('Afsender.Kontakt'),
      '. Vi fornyer kortet automatisk den 1. januar hvert år, så længe du opfylder betingelserne.',
    ],
  },
  { h2: 'Hvis du vil klage' },
  {
    p: [
      'Du kan klage over afgørelsen til Ankestyrelsen. Send din klage til os senest den ',
      m('Klage.Frist', '\\@ "d. MMMM yyyy"'),
      '. Vi ser på sagen igen, og hvis vi fastholder afgørelsen, sender vi din klage videre til Ankestyrelsen.',
    ],
  },
  {
    p: ['Du kan læse mere om dine muligheder for at klage på borger.dk. Reglerne står i lov om social pension § 14 a og i forvaltningsloven.'],
  },
  { p: ['Med venlig hilsen'] },
  { p: [m('Sagsbehandler.Navn')] },
  { p: [m('Afsender.Kommune'), ', ', m('Afsender.Afdeling')] },
];

export const COVERAGE: Array<[string, Node]> = [
  ['Medicin med tilskud', m('Daekning.Medicin', '\\# "0"')],
  ['Tandbehandling', m('Daekning.Tand', '\\# "0"')],
  ['Fysioterapi', m('Daekning.Fysioterapi', '\\# "0"')],
  ['Psykologbehandling', m('Daekning.Psykolog', '\\# "0"')],
];

// ---------------- Word fields ----------------

function toParts(nodes: readonly Node[]): InstrPart[] {
  const out: InstrPart[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') out.push(n);
    else if ('b' in n) out.push(boldText(n.b));
    else if ('m' in n) out.push(mergeField(n.m, n.sw ? { switches: n.sw } : {}));
    else if ('br' in n) out.push(paragraphBreak());
    else if ('q' in n) out.push(field(' IF ', mergeField(`Question:${n.q}`, { result: 'N' }), ' = "J" "', ...toParts(n.t), '" '));
    else {
      const [name, op, value] = n.cmp;
      out.push(field(' IF ', mergeField(name), ` ${op} "${value}" "`, ...toParts(n.t), '" "', ...toParts(n.f ?? []), '" '));
    }
  }
  return out;
}

function toPieces(nodes: readonly Node[]): Piece[] {
  return toParts(nodes).map((p) => {
    if (typeof p === 'string' || p.kind !== 'para') return p as Piece;
    throw new Error('paragraph break outside a field');
  });
}

// ---------------- docxtemplater tags ----------------

/** The same text with docxtemplater tags; conditions become sections over precomputed flags. */
function toTags(nodes: readonly Node[]): string {
  let s = '';
  for (const n of nodes) {
    if (typeof n === 'string') s += n;
    else if ('b' in n) s += n.b;
    else if ('m' in n) s += `{${n.m.replace(/\./g, '_')}}`;
    else if ('br' in n) s += '';
    else if ('q' in n) s += `{#${n.q.replace(/-/g, '_')}}${toTags(n.t)}{/${n.q.replace(/-/g, '_')}}`;
    else s += `{#${n.tag}}${toTags(n.t)}{/${n.tag}}` + (n.f ? `{^${n.tag}}${toTags(n.f)}{/${n.tag}}` : '');
  }
  return s;
}

// ---------------- the document ----------------

export type Flavour = 'fields' | 'tags';

function paragraphs(nodes: Node[], pPr: string, flavour: Flavour, rawXml: RawXml): Paragraph {
  if (flavour === 'fields') return rawXml.para(toPieces(nodes), pPr);
  return rawXml.paragraph(`<w:p>${pPr}<w:r><w:t xml:space="preserve">${escape(toTags(nodes))}</w:t></w:r></w:p>`);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The letter as a docx Document, and the raw XML that `pack` puts into it. */
export function buildLetter(flavour: Flavour): { doc: Document; rawXml: RawXml } {
  const rawXml = new RawXml();
  const body: Array<Paragraph | Table> = [];
  for (const block of LETTER) {
    if ('h1' in block) body.push(new Paragraph({ text: block.h1, heading: HeadingLevel.HEADING_1 }));
    else if ('h2' in block) body.push(new Paragraph({ text: block.h2, heading: HeadingLevel.HEADING_2 }));
    else if ('coverage' in block) body.push(coverageTable(flavour, rawXml));
    else body.push(paragraphs(block.p, block.right ? pStyle('Normal', '<w:jc w:val="right"/>') : '', flavour, rawXml));
  }
  const header = new Header({
    children: [
      paragraphs([m('Afsender.Kommune')], pStyle('Normal', '<w:jc w:val="right"/><w:spacing w:after="0"/>'), flavour, rawXml),
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: 'Borgerservice · Pension', color: '595959', size: 18 })] }),
    ],
  });
  const footer = new Footer({ children: [pageNumbers(rawXml)] });
  const doc = new Document({
    title: 'Bevilling af helbredstillægskort',
    subject: 'Helbredstillæg',
    creator: 'kp-brev',
    description: 'Eksempel på et brev med flettefelter og flettespørgsmål',
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: 'da-DK' } }, paragraph: { spacing: { after: 120, line: 276, lineRule: 'auto' } } },
        heading1: {
          run: { font: 'Arial', size: 32, bold: true, color: '1F3864' },
          paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, outlineLevel: 0 },
        },
        heading2: {
          run: { font: 'Arial', size: 26, bold: true, color: '1F3864' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 1 },
        },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1701, bottom: 1418, left: 1418, right: 1134, header: 709, footer: 567 } } },
        headers: { default: header },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return { doc, rawXml };
}

function coverageTable(flavour: Flavour, rawXml: RawXml): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '8EAADB' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (content: Paragraph, width: number, header = false): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders,
      ...(header ? { shading: { fill: 'D9E2F3' } } : {}),
      children: [content],
    });
  const head = new TableRow({
    tableHeader: true,
    children: [
      cell(new Paragraph({ children: [new TextRun({ text: 'Udgift', bold: true })] }), 5200, true),
      cell(new Paragraph({ children: [new TextRun({ text: 'Tilskud i procent', bold: true })] }), 3300, true),
    ],
  });
  const rows = COVERAGE.map(
    ([label, value]) => new TableRow({ children: [cell(new Paragraph(label), 5200), cell(paragraphs([value, ' %'], '', flavour, rawXml), 3300)] }),
  );
  return new Table({ width: { size: 8500, type: WidthType.DXA }, columnWidths: [5200, 3300], rows: [head, ...rows] });
}
