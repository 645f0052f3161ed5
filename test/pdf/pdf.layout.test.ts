/**
 * The PDF layout, asserted on what a reader sees: the lines of each page, where they stand,
 * what is tagged how. Documents are built as Word saves them (buildDocx + WordprocessingML).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { buildDocx } from '../../src/authoring/package.js';
import { messageOf } from '../../src/diagnostics.js';
import { escapeXml } from '../../src/ooxml/xml.js';
import { allText, bodyLines, find, layOut, lines, ownText, structure, tableLetterBody, withCompatibilityMode } from '../helpers/pdf.js';

const A4_WIDTH = 595.3;
const LEFT = 56.7; // buildDocx: 1134 twips
const RIGHT = A4_WIDTH - 56.7;

const run = (text: string, rPr = ''): string => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
const para = (content: string, pPr = ''): string => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
const p = (text: string, pPr = '', rPr = ''): string => para(run(text, rPr), pPr);
const docx = (body: string, extra: Parameters<typeof buildDocx>[0] extends infer T ? Partial<T> : never = {}): Buffer =>
  buildDocx({ body, title: 'Prøve', ...extra });

const LONG =
  'Vi har den 10. december 2025 modtaget din ansøgning om helbredstillæg. Du får et helbredstillægskort, som gælder fra den 1. januar 2026. Din personlige tillægsprocent er 85 %. Derfor dækker kortet en del af din egen betaling, ikke hele beløbet, og vi har beregnet din formue ud fra de oplysninger, du har givet os.';

describe('lines', () => {
  it('breaks a paragraph between words, never past the margin, keeping every word in order', () => {
    const { letter } = layOut(docx(p(LONG)));
    const ls = bodyLines(letter.pages[0]!);
    expect(ls.length).toBe(4);
    for (const l of ls) {
      expect(l.x).toBeCloseTo(LEFT, 1);
      expect(l.right).toBeLessThanOrEqual(RIGHT + 0.01);
    }
    expect(ls.map((l) => l.text).join(' ')).toBe(LONG);
    // Word breaks where LibreOffice does for this text (calibrated, see docs/pdf.md).
    expect(ls[0]!.text).toBe('Vi har den 10. december 2025 modtaget din ansøgning om helbredstillæg. Du får et');
  });

  it('justifies every line but the last, and one that ends in a manual break', () => {
    const body = para(run(LONG) + '<w:r><w:br/></w:r>' + run('Sidste linje efter et linjeskift.'), '<w:jc w:val="both"/>');
    const ls = bodyLines(layOut(docx(body)).letter.pages[0]!);
    const full = ls.filter((l) => Math.abs(l.right - RIGHT) < 0.05);
    expect(full.length).toBe(ls.length - 2);
    expect(ls.at(-2)!.right).toBeLessThan(RIGHT - 20);
    expect(ls.at(-1)!.text).toBe('Sidste linje efter et linjeskift.');
  });

  it('centres and right-aligns lines within the indents', () => {
    const { letter } = layOut(docx(p('Midt', '<w:jc w:val="center"/>') + p('Højre', '<w:jc w:val="right"/><w:ind w:right="567"/>')));
    const [c, r] = bodyLines(letter.pages[0]!);
    expect((c!.x + c!.right) / 2).toBeCloseTo(A4_WIDTH / 2, 0);
    expect(r!.right).toBeCloseTo(RIGHT - 28.35, 1);
  });

  it('indents the first line and hangs the rest', () => {
    const { letter } = layOut(docx(p(LONG, '<w:ind w:left="720" w:hanging="360"/>')));
    const ls = bodyLines(letter.pages[0]!);
    expect(ls[0]!.x).toBeCloseTo(LEFT + 18, 1);
    for (const l of ls.slice(1)) expect(l.x).toBeCloseTo(LEFT + 36, 1);
  });

  it('aligns text at right and decimal tab stops, with dot leaders', () => {
    const tabs = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9000"/></w:tabs>';
    const dec = '<w:tabs><w:tab w:val="decimal" w:pos="7000"/></w:tabs>';
    const body =
      para(run('Beløb i alt') + '<w:r><w:tab/></w:r>' + run('1.234,50 kr.'), tabs) + para(run('Pris') + '<w:r><w:tab/></w:r>' + run('12.345,6'), dec);
    const { letter } = layOut(docx(body));
    const page = letter.pages[0]!;
    const amount = page.items.find((i) => i.kind === 'text' && i.text === '1.234,50 kr.')!;
    expect(amount.kind === 'text' && amount.x + amount.width).toBeCloseTo(LEFT + 450, 1);
    const leader = page.items.find((i) => i.kind === 'text' && /^\.+$/.test(i.text));
    expect(leader?.tag).toBe('artifact');
    const price = page.items.find((i) => i.kind === 'text' && i.text === '12.345,6')!;
    // The decimal comma (Danish) stands at the stop.
    if (price.kind !== 'text') throw new Error();
    const before = [...'12.345'].reduce((w, c) => w + price.face.advance(c.codePointAt(0)!) * price.size, 0);
    expect(price.x + before).toBeCloseTo(LEFT + 350, 1);
  });

  it('measures line height from the font: 1.15 lines of Arial 11 pt are 14.5 pt apart', () => {
    const body = [1, 2, 3].map((n) => p(`Linje ${n}`, '<w:spacing w:after="0" w:line="276" w:lineRule="auto"/>')).join('');
    const ls = bodyLines(layOut(docx(body)).letter.pages[0]!);
    expect(ls[1]!.y - ls[0]!.y).toBeCloseTo(14.5, 2);
    expect(ls[2]!.y - ls[1]!.y).toBeCloseTo(14.5, 2);
  });

  it('puts the larger of space after and space before between paragraphs', () => {
    const body =
      p('Første', '<w:spacing w:after="360" w:line="240" w:lineRule="auto"/>') +
      p('Anden', '<w:spacing w:before="240" w:after="0" w:line="240" w:lineRule="auto"/>');
    const [a, b] = bodyLines(layOut(docx(body)).letter.pages[0]!);
    expect(b!.y - a!.y).toBeCloseTo(12.65 + 18, 1);
  });

  it('honours exact and at-least line spacing', () => {
    const body =
      [1, 2].map((n) => p(`Præcis ${n}`, '<w:spacing w:after="0" w:line="400" w:lineRule="exact"/>')).join('') +
      [1, 2].map((n) => p(`Mindst ${n}`, '<w:spacing w:after="0" w:line="100" w:lineRule="atLeast"/>')).join('');
    const ls = bodyLines(layOut(docx(body)).letter.pages[0]!);
    expect(ls[1]!.y - ls[0]!.y).toBeCloseTo(20, 2);
    // At least 5 pt is less than the font needs: the natural height (12.65 pt) wins.
    expect(ls[3]!.y - ls[2]!.y).toBeCloseTo(12.65, 1);
  });

  it('draws underline and strike-through as lines, and raises superscript in a smaller size', () => {
    const body = para(
      run('understreget', '<w:u w:val="single"/>') + run(' gennemstreget', '<w:strike/>') + run(' m') + run('2', '<w:vertAlign w:val="superscript"/>'),
    );
    const page = layOut(docx(body)).letter.pages[0]!;
    const texts = page.items.filter((i) => i.kind === 'text');
    const base = texts.find((i) => i.text === ' m')!;
    const sup = texts.find((i) => i.text === '2')!;
    if (base.kind !== 'text' || sup.kind !== 'text') throw new Error();
    expect(sup.size).toBeCloseTo(11 * 0.58, 2);
    expect(base.y - sup.y).toBeCloseTo(11 * 0.33, 2);
    const lines = page.items.filter((i) => i.kind === 'line');
    expect(lines.length).toBe(2);
    const under = texts.find((i) => i.text === 'understreget')!;
    if (under.kind !== 'text') throw new Error();
    expect(lines[0]).toMatchObject({ x1: under.x, tag: 'artifact' });
    expect(lines[0]!.kind === 'line' && lines[0]!.y1).toBeGreaterThan(under.y);
    expect(lines[1]!.kind === 'line' && lines[1]!.y1).toBeLessThan(under.y);
  });

  it('leaves out hidden text and shows caps as capitals', () => {
    const body = para(run('Synlig ') + run('skjult ', '<w:vanish/>') + run('og store', '<w:caps/>'));
    expect(allText(layOut(docx(body)).letter)).toEqual(['Synlig OG STORE']);
  });

  it('breaks after a hyphen between digits, as Word does', () => {
    const text = 'Reglerne om klage står i lov om retssikkerhed og administration på det sociale område §§ 66-68.';
    // The text width of the sample letters (margins 2.5 cm and 2 cm).
    const page =
      '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1985" w:right="1134" w:bottom="1418" w:left="1418" w:header="567" w:footer="454" w:gutter="0"/>';
    const ls = bodyLines(layOut(docx(p(text), { page })).letter.pages[0]!);
    expect(ls.map((l) => l.text)).toEqual(['Reglerne om klage står i lov om retssikkerhed og administration på det sociale område §§ 66-', '68.']);
  });
});

describe('lists', () => {
  const numbering =
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>' +
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>' +
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>';
  const item = (text: string, numId: number, ilvl = 0): string => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

  it('numbers items, restarts sub-levels, draws bullets, and tags L > LI > Lbl + LBody', () => {
    const body =
      item('Regningen', 1) +
      item('Kopi', 1, 1) +
      item('Original', 1, 1) +
      item('Overslaget', 1) +
      item('Underpunkt', 1, 1) +
      p('Tekst') +
      item('på borger.dk', 2);
    const { letter } = layOut(docx(body, { numbering }));
    expect(allText(letter)).toEqual(['1. Regningen', 'a) Kopi', 'b) Original', '2. Overslaget', 'a) Underpunkt', 'Tekst', '• på borger.dk']);
    const page = letter.pages[0]!;
    const ls = bodyLines(page);
    // Label at the hanging position, text at the indent (the implicit tab stop).
    expect(ls[0]!.items[0]!.x).toBeCloseTo(LEFT + 18, 1);
    expect(ls[0]!.items[1]!.x).toBeCloseTo(LEFT + 36, 1);
    expect(ls[1]!.items[1]!.x).toBeCloseTo(LEFT + 72, 1);
    const lists = find(letter.root, 'L');
    expect(lists.length).toBe(4); // the outer list, two nested lists, and the bullet list
    const top = lists[0]!;
    expect(structure(top)).toEqual([
      'L',
      [
        [
          'LI',
          [
            ['Lbl'],
            [
              'LBody',
              [
                [
                  'L',
                  [
                    ['LI', [['Lbl'], ['LBody']]],
                    ['LI', [['Lbl'], ['LBody']]],
                  ],
                ],
              ],
            ],
          ],
        ],
        ['LI', [['Lbl'], ['LBody', [['L', [['LI', [['Lbl'], ['LBody']]]]]]]]],
      ],
    ]);
    expect(ownText(find(top, 'Lbl')[0]!)).toBe('1.');
    expect(ownText(find(top, 'LBody')[0]!)).toBe('Regningen');
  });
});

describe('pages', () => {
  const many = (n: number, prefix = 'Afsnit'): string => Array.from({ length: n }, (_, i) => p(`${prefix} ${i + 1}. ${LONG}`)).join('');

  it('flows onto new pages and never leaves a heading at the foot of a page (keep with next)', () => {
    const heading = p('Hvis du vil klage', '<w:pStyle w:val="Heading1"/>');
    let moved = 0;
    // Short fillers move the heading down the page line by line, past the page end.
    for (let n = 30; n <= 52; n++) {
      const filler = Array.from({ length: n }, (_, i) => p(`Linje ${i + 1}`)).join('');
      const { letter } = layOut(docx(filler + heading + p(LONG)));
      for (const page of letter.pages) {
        const ls = bodyLines(page);
        expect(ls.at(-1)!.text).not.toBe('Hvis du vil klage');
      }
      if (letter.pages.length > 1 && bodyLines(letter.pages[1]!)[0]!.text === 'Hvis du vil klage') moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('keeps the lines of a paragraph together when it says so', () => {
    const filler = (n: number): string => Array.from({ length: n }, (_, i) => p(`Linje ${i + 1}`)).join('');
    for (let n = 40; n <= 52; n++) {
      const { letter } = layOut(docx(filler(n) + p(LONG, '<w:keepLines/>')));
      const pagesWithIt = letter.pages.filter((pg) => bodyLines(pg).some((l) => l.text.startsWith('Vi har den') || l.text.endsWith('givet os.')));
      expect(pagesWithIt.length).toBe(1);
    }
  });

  it('never leaves one line of a paragraph alone at the foot or the top of a page (widows and orphans)', () => {
    for (let n = 10; n <= 14; n++) {
      const { letter } = layOut(docx(many(n)));
      for (const page of letter.pages.slice(0, -1)) {
        const ls = bodyLines(page);
        const last = ls.at(-1)!;
        const next = bodyLines(letter.pages[page.index + 1]!)[0]!;
        // A paragraph's first line alone at the foot: the next line would start another paragraph.
        expect(last.text.startsWith('Afsnit') && !next.text.startsWith('Afsnit') && ls.at(-2)?.text.endsWith('os.')).toBe(false);
      }
    }
    const { letter } = layOut(docx(p(LONG, '<w:widowControl w:val="0"/>')));
    expect(letter.pages.length).toBe(1);
  });

  it("lets a page's last line hang into the bottom margin by its line spacing below the text, no further", () => {
    // Ten lines of 1.15 × Arial 11 pt are 145 pt; the text of the tenth ends 1.85 pt before that.
    const lines10 = Array.from({ length: 10 }, (_, i) => p(`Linje ${i + 1}`, '<w:spacing w:after="0" w:line="276" w:lineRule="auto"/>')).join('');
    const onPage1 = (bodyPt: number): number => {
      const page = `<w:pgSz w:w="11906" w:h="${2000 + Math.round(bodyPt * 20)}"/><w:pgMar w:top="1000" w:right="1134" w:bottom="1000" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/>`;
      return bodyLines(layOut(docx(lines10, { page })).letter.pages[0]!).length;
    };
    expect(onPage1(145)).toBe(10);
    expect(onPage1(144)).toBe(10);
    expect(onPage1(142.5)).toBe(9);
  });

  it('moves a paragraph marked keep with next to the next page whole, as LibreOffice does with a signature', () => {
    const signature = para(`${run('Med venlig hilsen')}<w:r><w:br/><w:br/><w:t>Line Kristensen</w:t><w:br/><w:t>Odense Kommune</w:t></w:r>`, '<w:keepNext/>');
    let moved = 0;
    // Short fillers move the signature down the page line by line, past the page end.
    for (let n = 24; n <= 34; n++) {
      const filler = Array.from({ length: n }, (_, i) => p(`Linje ${i + 1}`)).join('');
      const { letter } = layOut(docx(filler + signature));
      const withIt = letter.pages.filter((pg) => bodyLines(pg).some((l) => l.text === 'Med venlig hilsen' || l.text === 'Odense Kommune'));
      expect(withIt.length, `${n} lines before it`).toBe(1);
      if (letter.pages.length > 1 && bodyLines(letter.pages[1]!)[0]!.text === 'Med venlig hilsen') moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('starts a new page at a page break and before a paragraph that asks for it', () => {
    const body = p('Side et') + para('<w:r><w:br w:type="page"/></w:r>' + run('Side to')) + p('Side tre', '<w:pageBreakBefore/>');
    const { letter } = layOut(docx(body));
    expect(letter.pages.map((pg) => bodyLines(pg).map((l) => l.text))).toEqual([['Side et'], ['Side to'], ['Side tre']]);
  });

  it('numbers pages in the footer, uses the first-page header (and no footer: none is given for it) on page 1 only, as artifacts', () => {
    const footer = para(
      run('Side ') +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
        run(' af ') +
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>',
    );
    const { letter } = layOut(docx(many(30), { header: p('Fortsat'), firstHeader: p('Sønderborg Kommune'), footer }));
    const n = letter.pages.length;
    expect(n).toBeGreaterThanOrEqual(3);
    letter.pages.forEach((page, i) => {
      const marginal = lines(page, (t) => t.tag === 'header' || t.tag === 'footer').map((l) => l.text);
      expect(marginal).toEqual(i === 0 ? ['Sønderborg Kommune'] : ['Fortsat', `Side ${i + 1} af ${n}`]);
    });
  });

  it('pushes the body below a header taller than the top margin, as Word does', () => {
    const tall = Array.from({ length: 8 }, (_, i) => p(`Brevhoved ${i + 1}`)).join('');
    const { letter } = layOut(docx(p('Brødtekst'), { header: tall }));
    const header = lines(letter.pages[0]!, (t) => t.tag === 'header');
    const body = bodyLines(letter.pages[0]!)[0]!;
    expect(body.y).toBeGreaterThan(header.at(-1)!.y + 10);
    expect(body.y).toBeGreaterThan(85.05 + 10);
  });
});

describe('tables', () => {
  const cell = (text: string, extra = ''): string => `<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/>${extra}</w:tcPr>${p(text)}</w:tc>`;
  const row = (a: string, b: string, header = false, extra = ''): string =>
    `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cell(a, extra)}${cell(b)}</w:tr>`;
  const borders =
    '<w:tblBorders><w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>';
  const table = (rows: string): string =>
    `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/>${borders}</w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>${rows}</w:tbl>`;

  it('places cells on the grid with their margins, shading and borders, and tags a table with headers', () => {
    const body = table(row('Udgift', 'Tilskud', true, '<w:shd w:val="clear" w:fill="DEEAF6"/>') + row('Medicin', '85 %'));
    const { letter } = layOut(docx(body));
    const page = letter.pages[0]!;
    const ls = bodyLines(page);
    expect(ls.map((l) => l.text)).toEqual(['Udgift Tilskud', 'Medicin 85 %']);
    expect(ls[0]!.items[0]!.x).toBeCloseTo(LEFT + 5.4, 1);
    expect(ls[0]!.items[1]!.x).toBeCloseTo(LEFT + 225 + 5.4, 1);
    const shade = page.items.find((i) => i.kind === 'rect');
    expect(shade).toMatchObject({ kind: 'rect', fill: 'DEEAF6', w: 225, tag: 'artifact' });
    expect(page.items.filter((i) => i.kind === 'line').length).toBeGreaterThanOrEqual(8);
    const t = find(letter.root, 'Table')[0]!;
    expect(structure(t)).toEqual([
      'Table',
      [
        [
          'TR',
          [
            ['TH', [['P']]],
            ['TH', [['P']]],
          ],
        ],
        [
          'TR',
          [
            ['TD', [['P']]],
            ['TD', [['P']]],
          ],
        ],
      ],
    ]);
    expect(find(t, 'TH')[0]!.scope).toBe('Column');
  });

  it('repeats header rows on every page the table reaches, as artifacts', () => {
    const rows = row('Post', 'Beløb', true) + Array.from({ length: 60 }, (_, i) => row(`Post ${i + 1}`, `${(i + 1) * 100},00 kr.`)).join('');
    const { letter } = layOut(docx(table(rows)));
    expect(letter.pages.length).toBe(2);
    const top2 = lines(letter.pages[1]!)[0]!;
    expect(top2.text).toBe('Post Beløb');
    expect(top2.items.every((i) => i.tag === 'artifact')).toBe(true);
    expect(find(letter.root, 'TR').length).toBe(61);
  });

  it('tags a table without header rows as layout: its cells as paragraphs in reading order', () => {
    const { letter } = layOut(
      docx(
        `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>${row('Karen Jensen', 'Dato: 5. januar 2026')}</w:tbl>`,
      ),
    );
    expect(find(letter.root, 'Table')).toEqual([]);
    expect(find(letter.root, 'P').map(ownText)).toEqual(['Karen Jensen', 'Dato: 5. januar 2026']);
  });

  it('two tables with nothing between them are one: their rows as far apart as in one table', () => {
    const rows = [row('Indtægter', 'Beløb', true), row('Folkepension', '4.900,00'), row('Faste udgifter', 'Beløb', true), row('Husleje', '5.100,00')];
    const ys = (body: string): number[] => bodyLines(layOut(docx(body)).letter.pages[0]!).map((l) => l.y);
    const one = ys(table(rows.join('')));
    const two = ys(table(rows.slice(0, 2).join('')) + table(rows.slice(2).join('')));
    expect(two).toHaveLength(4);
    for (const [i, y] of two.entries()) expect(y).toBeCloseTo(one[i]!, 2);
    // A paragraph between them keeps them apart: its line and the second table's top border.
    const apart = ys(table(rows.slice(0, 2).join('')) + p('Mellem') + table(rows.slice(2).join('')));
    expect(apart[3]! - apart[1]!).toBeGreaterThan(one[2]! - one[1]! + 10);
  });

  it('splits a tall row across pages unless it may not be split', () => {
    const tall = (cant: boolean): string =>
      `<w:tr>${cant ? '<w:trPr><w:cantSplit/></w:trPr>' : ''}<w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr>${Array.from({ length: 30 }, (_, i) => p(`Linje ${i + 1}`)).join('')}</w:tc></w:tr>`;
    const filler = Array.from({ length: 30 }, (_, i) => p(`Fyld ${i + 1}`)).join('');
    const split = layOut(docx(filler + table(tall(false)))).letter;
    const kept = layOut(docx(filler + table(tall(true)))).letter;
    expect(allText({ ...split, pages: [split.pages[0]!] })).toContain('Linje 1');
    expect(allText({ ...kept, pages: [kept.pages[0]!] })).not.toContain('Linje 1');
    expect(allText(kept)).toContain('Linje 30');
  });
});

describe('images, links and what cannot be drawn', () => {
  const png = (): Buffer => {
    const img = new PNG({ width: 4, height: 2 });
    img.data.fill(120);
    return PNG.sync.write(img);
  };
  const drawing = (rId: string, descr: string, decorative = false): string =>
    `<w:r><w:drawing><wp:inline><wp:extent cx="1270000" cy="635000"/><wp:docPr id="1" name="Logo" descr="${descr}">${decorative ? '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>' : ''}</wp:docPr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${rId}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;

  it('draws an inline image at its size as a Figure with its alt text; a decorative one as an artifact', () => {
    const media = [{ name: 'logo.png', data: png(), rId: 'rIdImg' }];
    const { letter, warnings } = layOut(docx(para(drawing('rIdImg', 'Sønderborg Kommunes logo')) + para(drawing('rIdImg', '', true)), { media }));
    expect(warnings).toEqual([]);
    const images = letter.pages[0]!.items.filter((i) => i.kind === 'image');
    expect(images.map((i) => [Math.round(i.w), Math.round(i.h)])).toEqual([
      [100, 50],
      [100, 50],
    ]);
    const figures = find(letter.root, 'Figure');
    expect(figures.map((f) => f.alt)).toEqual(['Sønderborg Kommunes logo']);
    expect(images[1]!.tag).toBe('artifact');
  });

  it('draws a JPEG as it is', () => {
    // A 1x1 baseline JPEG (SOF0).
    const jpeg = Buffer.from(
      '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
      'base64',
    );
    const media = [{ name: 'foto.jpeg', data: jpeg, rId: 'rIdImg' }];
    const { letter, warnings } = layOut(docx(para(drawing('rIdImg', 'Et foto')), { media }));
    expect(warnings).toEqual([]);
    expect(letter.pages[0]!.items.filter((i) => i.kind === 'image').map((i) => i.kind === 'image' && i.image.format)).toEqual(['jpeg']);
  });

  it('replaces an image that cannot be read by its alt text and says where', () => {
    const media = [{ name: 'logo.png', data: Buffer.from('GIF89a-not-really'), rId: 'rIdImg' }];
    const { letter, warnings } = layOut(docx(p('Før') + para(drawing('rIdImg', 'Kommunens logo')), { media }));
    expect(allText(letter)).toEqual(['Før', 'Kommunens logo']);
    expect(warnings.map((w) => [w.code, w.location?.paragraph])).toEqual([['pdf.image', 2]]);
    expect(messageOf(warnings[0]!)).toContain('kan ikke læses');
  });

  it('makes a Link element with an annotation area over the link text', () => {
    const rel =
      '<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.borger.dk/" TargetMode="External"/>';
    const body = para(run('Læs ') + '<w:hyperlink r:id="rIdL">' + run('reglerne på borger.dk', '<w:rStyle w:val="Hyperlink"/>') + '</w:hyperlink>' + run('.'));
    const { letter } = layOut(docx(body, { relationships: [rel] }));
    const link = find(letter.root, 'Link')[0]!;
    expect(ownText(link)).toBe('reglerne på borger.dk');
    expect(link.links).toMatchObject([{ url: 'https://www.borger.dk/', contents: 'reglerne på borger.dk', page: 0 }]);
    expect(letter.pages[0]!.links.length).toBe(1);
  });

  const textbox = (holder: 'anchor' | 'inline', content: string): string => {
    const pos =
      holder === 'anchor'
        ? '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>720090</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>1799590</wp:posOffset></wp:positionV>'
        : '';
    const open =
      holder === 'anchor'
        ? '<wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" relativeHeight="1">'
        : '<wp:inline>';
    return (
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${open}${pos}<wp:extent cx="3060700" cy="1079500"/>${holder === 'anchor' ? '<wp:wrapNone/>' : ''}<wp:docPr id="2" name="Adressefelt"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>` +
      content +
      `</w:txbxContent></wps:txbx><wps:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="45720"/></wps:wsp></a:graphicData></a:graphic>${holder === 'anchor' ? '</wp:anchor>' : '</wp:inline>'}</w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>`
    );
  };

  it('draws a floating text box (an address window) where the template puts it, read right after its anchor paragraph', () => {
    const address =
      p('Karen Jensen', '<w:spacing w:after="0"/>') + p('Engvej 12', '<w:spacing w:after="0"/>') + p('6400 Sønderborg', '<w:spacing w:after="0"/>');
    const { letter, warnings } = layOut(docx(para(run('Dato: 5. januar 2026') + textbox('anchor', address)) + p('Kære Karen')));
    expect(warnings).toEqual([]);
    const ls = bodyLines(letter.pages[0]!);
    const karen = ls.find((l) => l.text === 'Karen Jensen')!;
    // 20 mm from the left edge and 50 mm from the top of the page, inside the box's insets.
    expect(karen.x).toBeCloseTo(56.7 + 7.2, 1);
    expect(karen.y).toBeGreaterThan(141.7 + 3.6);
    expect(karen.y).toBeLessThan(141.7 + 3.6 + 12);
    expect(find(letter.root, 'P').map(ownText)).toEqual(['Dato: 5. januar 2026', 'Karen Jensen', 'Engvej 12', '6400 Sønderborg', 'Kære Karen']);
  });

  it('keeps the text of an inline text box (after its paragraph) and warns with the place', () => {
    const { letter, warnings } = layOut(docx(p('Før') + para(run('Anker') + textbox('inline', p('Tekst i boksen'))) + p('Efter')));
    expect(allText(letter)).toEqual(['Før', 'Anker', 'Tekst i boksen', 'Efter']);
    expect(warnings.map((w) => [w.code, w.location?.part, w.location?.paragraph])).toEqual([['pdf.textbox', 'word/document.xml', 2]]);
  });

  it('reports a font it does not have, once, and a character no font has a glyph for', () => {
    const body =
      p('Verdana-tekst', '', '<w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/>') +
      p('Mere Verdana', '', '<w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/>') +
      p('Godkendt ✓');
    const { warnings } = layOut(docx(body));
    expect(warnings.map((w) => messageOf(w, 'en'))).toEqual([
      'The font "Verdana" does not come with kp-brev; Liberation Sans is used instead, so lines may break differently than in Word.',
      'The character "✓" (U+2713) is not in the font and is shown as "√".',
    ]);
  });
});

describe('properties', () => {
  const WORDS = [
    'helbredstillæg',
    'og',
    'ansøgning',
    'kortet',
    'Ankestyrelsen',
    'for',
    'dig',
    '85 %',
    '1.234,50 kr.',
    'Sønderborg',
    'ÆØÅ',
    'i',
    'retssikkerhed',
    'a',
    '–',
    'borger.dk',
    'ved',
  ];
  it('every word lands on a line, in order; no line passes the margin; the same input gives the same layout', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 2880 }),
        fc.constantFrom('left', 'both', 'center', 'right'),
        (words, indent, jc) => {
          const text = words.join(' ');
          const body = p(text, `<w:jc w:val="${jc}"/><w:ind w:left="${indent}" w:right="${indent}"/>`);
          const bytes = docx(body);
          const { letter } = layOut(bytes);
          const ls = letter.pages.flatMap((pg) => bodyLines(pg));
          expect(ls.map((l) => l.text).join(' ')).toBe(text);
          for (const l of ls) {
            expect(l.x).toBeGreaterThanOrEqual(LEFT + indent / 20 - 0.01);
            // A single word wider than the line is the only thing that may pass the margin.
            if (l.items.length > 1 || l.text.includes(' ')) expect(l.right).toBeLessThanOrEqual(RIGHT - indent / 20 + 0.01);
          }
          expect(allText(layOut(bytes).letter)).toEqual(allText(letter));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("tables and the document's layout version (w:compatSetting compatibilityMode)", () => {
  const body = tableLetterBody();
  const place = (mode: number | undefined): { text: number; cell: number; border: number } => {
    const { letter } = layOut(withCompatibilityMode(docx(body), mode));
    const page = letter.pages[0]!;
    const text = bodyLines(page).find((l) => l.text.startsWith('Brødtekst over'))!.x;
    const cell = bodyLines(page).find((l) => l.text.startsWith('Celletekst'))!.x;
    const border = Math.min(...page.items.filter((i) => i.kind === 'line' && i.x1 === i.x2).map((i) => (i.kind === 'line' ? i.x1 : Infinity)));
    return { text, cell, border };
  };

  it.each([[14], [12], [undefined]])(
    'mode %s (before Word 2013): the table stands out by its left cell margin, so cell text lines up with the body text',
    (mode) => {
      const { text, cell, border } = place(mode);
      expect(cell).toBeCloseTo(text, 1);
      expect(border).toBeCloseTo(LEFT - 5.4, 1);
    },
  );

  it('mode 15 (Word 2013 and later): the border stands on the margin and the cell text 5.4 pt inside', () => {
    const { text, cell, border } = place(15);
    expect(border).toBeCloseTo(LEFT, 1);
    expect(cell).toBeCloseTo(text + 5.4, 1);
  });
});
