/**
 * Every sample letter of the repository renders for every sample case, and what it says is
 * checked: the recipient and greeting, every flettespørgsmål's text present exactly when it is
 * answered J, no merge code or ISO date left, amounts and dates in Danish; plus golden
 * expectations for some letters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argumentText, type IfInstruction } from '../../src/fieldcode/index.js';
import { parseContextText } from '../../src/context/context.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { openDocx, type OpenedDocx } from '../helpers/inspect.js';

const root = join(import.meta.dirname, '../..');
const repo = TemplateRepository.open(join(root, 'templates'));
const casesDir = join(root, 'samples/sager');
const cases = readdirSync(casesDir).flatMap((id) =>
  readdirSync(join(casesDir, id)).map((f) => ({ id, name: f.replace('.json', ''), file: join(casesDir, id, f) })),
);

function letterText(doc: OpenedDocx): string {
  return doc.texts().join('\n');
}

/** The literal start of each branch of each flettespørgsmål IF in a compiled letter. */
function questionBranches(id: string, kommune?: string): Array<{ key: string; yes: string; no: string }> {
  const out: Array<{ key: string; yes: string; no: string }> = [];
  for (const f of repo.compile(id, kommune).template.fieldNodes) {
    const ins = f.parsed.instruction as IfInstruction;
    if (ins.type !== 'IF' || !ins.left) continue;
    const ref = ins.left.parts[0];
    const child = ref?.type === 'field' ? f.children[ref.index] : undefined;
    const cond = child?.parsed.instruction;
    if (cond?.type !== 'MERGEFIELD' || !cond.name) continue;
    const name = argumentText(cond.name);
    if (!name.startsWith('Question:')) continue;
    const lead = (a: typeof ins.trueText): string => {
      const first = a?.parts.find((p) => p.type === 'text');
      return first?.type === 'text' ? first.value.split('\r')[0]!.trim().slice(0, 30) : '';
    };
    out.push({ key: name.slice('Question:'.length), yes: lead(ins.trueText), no: lead(ins.falseText) });
  }
  return out;
}

describe('sample letters × sample cases', () => {
  it('covers at least 12 beskedskabeloner, each with cases', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(repo.central.beskedskabeloner.length).toBeGreaterThanOrEqual(12);
    for (const b of repo.central.beskedskabeloner) expect(ids.has(b.id), b.id).toBe(true);
  });

  it.each(cases)('$id for $name', ({ id, file }) => {
    const context = parseContextText(readFileSync(file, 'utf8'));
    const compiled = repo.compile(id);
    const doc = openDocx(compiled.template.render(context).docx);
    const text = letterText(doc);
    const fields = context.fields as Record<string, Record<string, unknown>>;

    // Recipient first, then the letter.
    const first = doc.texts()[0]!;
    if (compiled.def.master === 'danish_citizen') {
      const address = fields['Borger']!['Adresse'] as Record<string, string>;
      const lines = [
        String(fields['Borger']!['Navn']),
        ...(address['CO'] ? [`c/o ${address['CO']}`] : []),
        address['Vej'],
        `${address['Postnr']} ${address['By']}`,
      ];
      expect(first).toBe(lines.join('\n'));
      expect(text).toContain(`Kære ${fields['Borger']!['Fornavn']}`);
      expect(text).toContain('Med venlig hilsen');
    } else {
      expect(first.startsWith(String(fields['Modtager']!['Navn']))).toBe(true);
    }
    expect(text).toContain(`Sagsnr.: ${fields['Sag']!['Nummer']}`.replace('Sagsnr.', compiled.def.master === 'myndighed' ? 'Vores sagsnr.' : 'Sagsnr.'));

    // Each flettespørgsmål's text is there exactly when it is answered J (unanswered: N).
    for (const q of questionBranches(id)) {
      const answer = context.questions[q.key] ?? 'N';
      if (q.yes) expect(text.includes(q.yes), `${q.key}=${answer}: "${q.yes}"`).toBe(answer === 'J');
      if (q.no) expect(text.includes(q.no), `${q.key}=${answer}: "${q.no}"`).toBe(answer === 'N');
    }

    // Nothing left of the template's machinery; dates and amounts the Danish way.
    for (const part of doc.parts.filter((p) => /word\/(document|header\d+|footer\d+)\.xml/.test(p))) {
      expect(doc.fieldInstructions(part).filter((i) => /^(MERGEFIELD|IF|=)/.test(i))).toEqual([]);
    }
    expect(text).not.toMatch(/«|MANGLER/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/Dato: \d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}/);
    for (const amount of text.match(/[\d.]+,\d\d kr\./g) ?? []) expect(amount).toMatch(/^\d{1,3}(\.\d{3})*,\d\d kr\.$/);
  });
});

describe('golden: what some letters say', () => {
  const render = (id: string, name: string, kommune?: string): OpenedDocx =>
    openDocx(repo.compile(id, kommune).template.render(parseContextText(readFileSync(join(casesDir, id, `${name}.json`), 'utf8'))).docx);

  it('np_1004: the coverage table, the bold part and the percentage', () => {
    const doc = render('np_1004', 'karen-85-procent');
    const texts = doc.texts();
    expect(texts).toContain('Din personlige tillægsprocent er 85 %. Derfor dækker kortet en del af din egen betaling.');
    expect(
      doc
        .paragraphs()
        .find((p) => p.text.includes('en del'))!
        .runs.find((r) => r.text === 'en del')!.bold,
    ).toBe(true);
    const table = doc
      .paragraphs()
      .filter((p) => p.inTable)
      .map((p) => p.text);
    expect(table).toEqual(['Udgift', 'Tilskud', 'Medicin med tilskud', '85 %', 'Tandbehandling', '85 %', 'Fysioterapi', '85 %', 'Psykologbehandling', '85 %']);
    expect(texts).toContain('Du kan højst få 21.528,00 kr. i tilskud om året.');
    expect(doc.xml('word/document.xml')).toContain('<w:tblHeader/>');
  });

  it('np_1015: the price table with the price agreement, or 85 % of the price', () => {
    const a = render('np_1015', 'karen-prisaftale')
      .paragraphs()
      .filter((p) => p.inTable)
      .map((p) => p.text);
    expect(a).toEqual([
      'Beregning',
      'Beløb',
      'Pris for én behandling',
      '450,00 kr.',
      'Pris efter kommunens prisaftale',
      '395,00 kr.',
      'Din personlige tillægsprocent',
      '85 %',
      'Tilskud pr. behandling',
      '335,75 kr.',
    ]);
    const b = render('np_1015', 'jens-uden-prisaftale')
      .paragraphs()
      .filter((p) => p.inTable)
      .map((p) => p.text);
    expect(b.slice(4, 6)).toEqual(['85 % af prisen', '408,00 kr.']);
  });

  it('np_1012: the agterskrivelse reads differently after a manglerbrev', () => {
    expect(letterText(render('np_1012', 'fatima-briller-efter-manglerbrev'))).toContain(
      'Vi skrev til dig den 18. december 2025 og bad om dokumentation for din udgift til nye briller.',
    );
    expect(letterText(render('np_1012', 'jens-tandproteser'))).toContain(
      'Vi har behandlet din ansøgning om tilskud til en ny overmundsprotese, som vi modtog den 15. december 2025.',
    );
  });

  it('np_1031: to Udbetaling Danmark, with the Html flettetekst as a real list and link', () => {
    const doc = render('np_1031', 'poul-til-udbetaling-danmark');
    const texts = doc.texts();
    expect(texts.slice(0, 1)).toEqual(['Udbetaling Danmark, Pension\nKongens Vænge 8\n3400 Hillerød']);
    expect(texts).toContain('23.19.08 Pension: undtagelse fra digital selvbetjening');
    expect(texts).toContain(
      'Poul Nielsen, CPR-nr. 330245-1235, er fra den 12. januar 2026 undtaget fra at bruge digital selvbetjening, når borgeren søger om pension.',
    );
    const items = doc.paragraphs().filter((p) => p.pPr.includes('<w:numPr>'));
    expect(items.map((p) => p.text)).toEqual([
      'være skriftlig og underskrevet af borgeren',
      'sige, hvad den giver lov til',
      'være givet til en navngiven person',
    ]);
    expect(doc.xml('word/document.xml')).toMatch(/<w:hyperlink r:id="(rIdKp\d+)"[^>]*>.*vejledningen om fuldmagt på borger\.dk/);
    expect(doc.xml('word/_rels/document.xml.rels')).toContain('Target="https://www.borger.dk/" TargetMode="External"');
    expect(doc.xml('docProps/core.xml')).toContain('<dc:title>23.19.08 Pension</dc:title>');
  });

  // Lists (regions): the rows and paragraphs repeat per item; 0, 1 and several items.
  const tableRows = (doc: OpenedDocx): string[][] => {
    const rows: string[][] = [];
    for (const tbl of doc.xml('word/document.xml').split('<w:tbl>').slice(1)) {
      for (const tr of tbl.split('</w:tbl>')[0]!.split('<w:tr>').slice(1)) {
        rows.push(
          tr
            .split('<w:tc>')
            .slice(1)
            .map((tc) =>
              [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
                .map((m) => m[1])
                .join('')
                .trim(),
            ),
        );
      }
    }
    return rows;
  };

  it('np_1017: the beregningstabel has a row per expense and totals over them', () => {
    const three = tableRows(render('np_1017', 'fatima-briller-tre-udgifter'));
    expect(three).toEqual([
      ['Udgift', 'Overslag', 'Prisaftale', 'Tilskud', 'Du betaler'],
      ['Nye brilleglas (progressive)', '3.200,00 kr.', '2.600,00 kr.', '1.612,00 kr.', '1.588,00 kr.'],
      ['Brillestel', '1.200,00 kr.', '', '632,40 kr.', '567,60 kr.'],
      ['Synsprøve hos optiker', '450,00 kr.', '400,00 kr.', '248,00 kr.', '202,00 kr.'],
      ['I alt', '4.850,00 kr.', '', '2.492,40 kr.', '2.357,60 kr.'],
    ]);
    expect(letterText(render('np_1017', 'fatima-briller-tre-udgifter'))).toContain('Du får i alt 2.492,40 kr. i tilskud til 3 udgifter.');
    const five = tableRows(render('np_1017', 'poul-briller-fem-udgifter'));
    expect(five).toHaveLength(7);
    expect(five[6]).toEqual(['I alt', '5.795,00 kr.', '', '4.998,25 kr.', '796,75 kr.']);
    expect(letterText(render('np_1017', 'jens-tandprotese-en-udgift'))).toContain('Du får i alt 3.400,00 kr. i tilskud til én udgift.');
    const none = render('np_1017', 'karen-briller-ingen-udgifter');
    expect(tableRows(none).map((r) => r[0])).toEqual(['Udgift', 'I alt']);
    expect(letterText(none)).toContain('du får derfor ikke tilskud denne gang');
  });

  it('np_1018: the manglerbrev lists the missing documents as a numbered list', () => {
    const doc = render('np_1018', 'fatima-briller-tre-dokumenter');
    const items = doc.paragraphs().filter((p) => p.pPr.includes('<w:numPr>'));
    expect(items.map((p) => p.text)).toEqual([
      'En kopi af regningen fra optikeren',
      'Recepten fra optikeren (den skal vise styrken på begge glas)',
      'Dokumentation for, at du har betalt (fx et kontoudtog)',
    ]);
    expect(new Set(items.map((p) => /<w:numId w:val="(\d+)"/.exec(p.pPr)![1])).size).toBe(1);
    expect(letterText(doc)).toContain('skal du sende os disse 3 dokumenter:');
    expect(letterText(render('np_1018', 'jens-tandprotese-et-dokument'))).toContain('skal du sende os dette dokument:');
    const none = render('np_1018', 'karen-fodbehandling-ingen-dokumenter');
    expect(none.paragraphs().filter((p) => p.pPr.includes('<w:numPr>'))).toEqual([]);
    expect(letterText(none)).toContain('Vi har nu de dokumenter, vi skal bruge');
  });

  it('np_1021: the rådighedsberegning lists incomes and fixed expenses with their totals', () => {
    const rows = tableRows(render('np_1021', 'poul-briller-engang'));
    expect(rows.map((r) => r.join(' | '))).toEqual([
      'Indtægter efter skat | Beløb pr. måned',
      'Folkepension | 11.250,50 kr.',
      'ATP Livslang Pension | 1.400,00 kr.',
      'Arbejdsmarkedspension | 1.600,00 kr.',
      'Indtægter i alt | 14.250,50 kr.',
      'Faste udgifter | Beløb pr. måned',
      'Husleje | 6.200,00 kr.',
      'Varme | 1.150,00 kr.',
      'El | 620,00 kr.',
      'Forsikringer | 480,00 kr.',
      'Medicin | 1.420,00 kr.',
      'Faste udgifter i alt | 9.870,00 kr.',
    ]);
    const none = render('np_1021', 'karen-ingen-faste-udgifter');
    expect(tableRows(none).map((r) => r[0])).toEqual(['Indtægter efter skat', 'Folkepension', 'Indtægter i alt', 'Faste udgifter', 'Faste udgifter i alt']);
    expect(letterText(none)).toContain('Vi har regnet med 1 indtægt og 0 faste udgifter.');
  });

  it("np_1011: Sønderborg's override for 540, and only for 540", () => {
    const own = letterText(render('np_1011', 'fatima-briller', '540'));
    expect(own).toContain('Rådhustorvet 10 i Sønderborg');
    expect(own).toContain('mandag til torsdag kl. 9-15');
    for (const other of [undefined, '751']) {
      const text = letterText(render('np_1011', 'fatima-briller', other));
      expect(text).not.toContain('Rådhustorvet 10');
      expect(text).not.toContain('mandag til torsdag');
    }
  });

  describe("np_1011: Sønderborg's override (540) for every sample case", () => {
    const np1011 = cases.filter((c) => c.id === 'np_1011');
    // The override's own sentences (message and kontakt element) and the central ones they replace.
    const own = (f: Record<string, Record<string, unknown>>): string[] => [
      `Send dokumentationen senest den 26. januar 2026. Du kan også aflevere den i Borgerservice på Rådhustorvet 10 i Sønderborg, mandag til fredag kl. 10-14.`,
      `Ring til ${f['Sagsbehandler']!['Navn']} på telefon ${f['Afsender']!['Telefon']} mandag til torsdag kl. 9-15 og fredag kl. 9-12, eller skriv til os via Digital Post. Oplys dit sagsnummer ${f['Sag']!['Nummer']}.`,
    ];
    const central = (f: Record<string, Record<string, unknown>>): string[] => [
      'Send dokumentationen senest den 26. januar 2026. Du kan sende den via Digital Post eller med almindelig post.',
      `Du er velkommen til at kontakte ${f['Sagsbehandler']!['Navn']} på telefon ${f['Afsender']!['Telefon']} eller skrive til os via Digital Post. Oplys dit sagsnummer ${f['Sag']!['Nummer']}, når du kontakter os.`,
    ];

    it('has cases to render', () => expect(np1011.length).toBeGreaterThanOrEqual(3));

    it.each(np1011)('$name', ({ name }) => {
      const context = parseContextText(readFileSync(join(casesDir, 'np_1011', `${name}.json`), 'utf8'));
      const fields = context.fields as Record<string, Record<string, unknown>>;
      const overridden = openDocx(repo.compile('np_1011', '540').template.render(context).docx).texts();
      const centralTexts = openDocx(repo.compile('np_1011').template.render(context).docx).texts();
      for (const t of own(fields)) {
        expect(overridden).toContain(t);
        expect(centralTexts).not.toContain(t);
      }
      for (const t of central(fields)) {
        expect(centralTexts).toContain(t);
        expect(overridden).not.toContain(t);
      }
      // The question the override dropped (10027) is gone even when the case answers it J.
      const recipe = 'en kopi af recepten fra optikeren';
      expect(overridden).not.toContain(recipe);
      expect(centralTexts.includes(recipe)).toBe(context.questions['flettespoergsmaal-10027'] === 'J');
      // The override's own questions follow the case's answers.
      const text = overridden.join('\n');
      for (const q of questionBranches('np_1011', '540')) {
        const answer = context.questions[q.key] ?? 'N';
        if (q.yes) expect(text.includes(q.yes), `${q.key}=${answer}: "${q.yes}"`).toBe(answer === 'J');
      }
      expect(text).toContain(`Kære ${fields['Borger']!['Fornavn']}`);
      expect(text).not.toMatch(/«|MANGLER/);
    });
  });
});
