/**
 * Composition: master + beskedskabelon + indholdselementer + flettetekster + Html, with styles,
 * numbering, images and relationships merged without clashes, and clear errors for what cannot
 * be composed.
 */
import { describe, expect, it } from 'vitest';
import { composeLetter, type ComposeInput, type Flettetekst } from '../../src/compose/compose.js';
import { openPackage } from '../../src/ooxml/package.js';
import { loadTemplate, KpBrevError } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { readZip } from '../../src/ooxml/zip.js';
import { writeZip } from '../../src/ooxml/zip-write.js';
import { docx, field, mergeField, p, pStyled, questionIf } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';
import { danishError } from '../helpers/errors.js';

const H1 = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>';

function compose(parts: {
  master?: Buffer;
  message: Buffer;
  elements?: Record<string, Buffer>;
  texts?: Record<string, Flettetekst>;
}): ReturnType<typeof composeLetter> {
  const master =
    parts.master ??
    docx([p(mergeField('af-modtager')), p(mergeField('Skabelon:Indhold')), p('Med venlig hilsen')], { header: p('Kommune: ', mergeField('Afsender.Kommune')) });
  const input: ComposeInput = {
    name: 'np_test',
    master: { key: 'master', pkg: openPackage(master) },
    message: { key: 'np_test', pkg: openPackage(parts.message) },
    element: (k) => (parts.elements?.[k] ? { key: k, pkg: openPackage(parts.elements[k]!) } : undefined),
    text: (n) => parts.texts?.[n],
    title: 'Testbrev',
    lang: 'da-DK',
  };
  return composeLetter(input);
}

const fields = { Borger: { Navn: 'Karen Jensen', Fornavn: 'Karen' }, Afsender: { Kommune: 'Sønderborg Kommune' }, Klage: { Frist: '2026-02-02' } };
const texts = { 'af-modtager': { text: '{ MERGEFIELD Borger.Navn }' } };

describe('composition', () => {
  it('puts the message where the master says, content elements and flettetekster inside it', () => {
    const message = docx([
      pStyled(H1, 'Afgørelse'),
      p('Kære ', mergeField('Borger.Fornavn')),
      p(mergeField('Indholdselement:klage')),
      p(questionIf('q', [mergeField('venlig-tekst')])),
    ]);
    const klage = docx([p('Klag senest ', mergeField('Klage.Frist', { switches: '\\@ "d. MMMM yyyy"' }), '.')]);
    const c = compose({ message, elements: { klage }, texts: { ...texts, 'venlig-tekst': { text: 'Tak for din "henvendelse".\nVi svarer snart.' } } });
    expect(c.used).toEqual({ elements: ['klage'], texts: ['af-modtager', 'venlig-tekst'] });
    const letter = openDocx(loadTemplate(c.docx).render(toContext({ fields, questions: { q: 'J' } })).docx);
    expect(letter.texts()).toEqual([
      'Karen Jensen',
      'Afgørelse',
      'Kære Karen',
      'Klag senest 2. februar 2026.',
      'Tak for din "henvendelse".\nVi svarer snart.',
      'Med venlig hilsen',
    ]);
    expect(letter.texts('word/header1.xml')).toEqual(['Kommune: Sønderborg Kommune']);
    expect(letter.paragraphs()[1]!.style).toBe('Heading1');
  });

  it('renames a style the master defines differently, and keeps it a heading', () => {
    const myStyle = '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:color w:val="FF0000"/></w:rPr></w:style>';
    const message = docx([pStyled(H1, 'Rød overskrift')], { styles: '' });
    const tweaked = replacePart(message, 'word/styles.xml', (x) => x.replace(/<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?<\/w:style>/, myStyle));
    const c = compose({ message: tweaked, texts });
    const doc = openDocx(c.docx);
    const styles = doc.xml('word/styles.xml');
    expect(styles).toContain('w:styleId="Heading1-np_test"');
    expect(styles).toMatch(/w:styleId="Heading1-np_test">.*<w:name w:val="heading 1 \(np_test\)"\/>.*<w:outlineLvl w:val="0"\/>/);
    expect(styles).toMatch(/w:styleId="Heading1">(?:(?!<\/w:style>).)*w:val="heading 1"/);
    const heading = doc.paragraphs().find((x) => x.text === 'Rød overskrift')!;
    expect(heading.style).toBe('Heading1-np_test');
  });

  it('keeps images: copied with a fresh relationship, content type and drawing id', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const drawing =
      '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Logo" descr="Kommunens logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg1"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
    let message = docx([drawing, p('Tekst')]);
    message = addPart(message, 'word/media/logo.png', png, (rels) =>
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>',
      ),
    );
    const doc = openDocx(compose({ message, texts }).docx);
    expect(doc.parts).toContain('word/media/np_test-logo.png');
    const rel = /<Relationship Id="(rIdKp\d+)" Type="[^"]*\/image" Target="media\/np_test-logo.png"\/>/.exec(doc.xml('word/_rels/document.xml.rels'));
    expect(rel).not.toBeNull();
    expect(doc.xml('word/document.xml')).toContain(`r:embed="${rel![1]}"`);
    expect(doc.xml('word/document.xml')).toContain('descr="Kommunens logo"');
    expect(doc.xml('[Content_Types].xml')).toMatch(/Extension="png"/);
  });

  it('merges numbering without id clashes', () => {
    const numbering =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
    const item = (t: string): string => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const withNumbering = (d: Buffer): Buffer =>
      addPart(
        d,
        'word/numbering.xml',
        Buffer.from(numbering),
        (rels) =>
          rels.replace(
            '</Relationships>',
            '<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
          ),
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>',
      );
    const master = withNumbering(docx([item('master-punkt'), p(mergeField('Skabelon:Indhold'))]));
    const message = withNumbering(docx([item('besked-punkt')]));
    const doc = openDocx(compose({ master, message, texts }).docx);
    const num = doc.xml('word/numbering.xml');
    expect(num.match(/<w:num w:numId=/g)).toHaveLength(2);
    expect(num.indexOf('<w:num ')).toBeGreaterThan(num.lastIndexOf('<w:abstractNum '));
    const ids = doc.paragraphs().map((x) => /<w:numId w:val="(\d+)"/.exec(x.pPr)?.[1]);
    expect(ids[0]).toBe('1');
    expect(ids[1]).toBe('2');
  });

  it('turns an Html flettetekst into Word paragraphs, a list and a link', () => {
    const message = docx([p(mergeField('Html:x-info'))]);
    const c = compose({
      message,
      texts: {
        ...texts,
        'Html:x-info': { html: '<p>Se <b>vigtigt</b> <a href="https://www.borger.dk">om fuldmagt på borger.dk</a>.</p><ol><li>Et</li><li>To</li></ol>' },
      },
    });
    const doc = openDocx(loadTemplate(c.docx).render(toContext({ fields })).docx);
    expect(doc.texts()).toEqual(['Karen Jensen', 'Se vigtigt om fuldmagt på borger.dk.', 'Et', 'To', 'Med venlig hilsen']);
    expect(doc.paragraphs()[1]!.runs.find((r) => r.text === 'vigtigt')!.bold).toBe(true);
    expect(doc.xml('word/numbering.xml')).toContain('w:numFmt w:val="decimal"');
  });
});

describe('composition refuses, with a clear message', () => {
  it('a master without Skabelon:Indhold', () => {
    expect(danishError(() => compose({ master: docx([p('Ingen plads')]), message: docx([p('x')]) }))).toMatch(
      /har intet afsnit med \{ MERGEFIELD Skabelon:Indhold \}/,
    );
  });

  it('Skabelon:Indhold that does not stand alone', () => {
    expect(danishError(() => compose({ master: docx([p('Før ', mergeField('Skabelon:Indhold'))]), message: docx([p('x')]) }))).toMatch(
      /skal stå alene i sit afsnit/,
    );
  });

  it('a missing content element', () => {
    expect(danishError(() => compose({ message: docx([p(mergeField('Indholdselement:findes-ikke'))]), texts }))).toMatch(
      /Indholdselementet "findes-ikke" \(brugt i "np_test"\) findes ikke/,
    );
  });

  it('a circular include', () => {
    const a = docx([p(mergeField('Indholdselement:b'))]);
    const b = docx([p(mergeField('Indholdselement:a'))]);
    expect(danishError(() => compose({ message: docx([p(mergeField('Indholdselement:a'))]), elements: { a, b }, texts }))).toMatch(
      /i ring: master → np_test → a → b → a/,
    );
  });

  it.each([
    ['<p>Hej</p><script>alert(1)</script>', /farligt indhold \(<script>\)/],
    ['<p><img src="https://example.com/x.png"></p>', /farligt indhold \(<img>\)/],
    ['<p onclick="x()">Hej</p>', /farligt indhold \(onclick=\)/],
    ['<p><a href="javascript:alert(1)">her</a></p>', /farligt indhold \(javascript:alert\(1\)\)/],
    ['<marquee>Hej</marquee>', /bruger <marquee>, som ikke understøttes/],
  ])('an Html flettetekst %s', (html, message) => {
    expect(danishError(() => compose({ message: docx([p(mergeField('Html:x'))]), texts: { ...texts, 'Html:x': { html } } }))).toMatch(message);
  });

  it('a field the letter must not hold, from a flettetekst, a content element or the master, refuses the composed letter', () => {
    const message = docx([p(mergeField('Indholdselement:el')), p(mergeField('farlig-tekst'))]);
    const el = docx([p('Billede: ', field(' INCLUDEPICTURE "http://example.com/spor.png" \\d '))]);
    const master = docx([p(mergeField('Skabelon:Indhold')), p('Svar: ', field(' FILLIN "Skriv dit CPR-nummer" '))]);
    const c = compose({ master, message, elements: { el }, texts: { 'farlig-tekst': { text: 'Se { DDEAUTO cmd "/c calc" }' } } });
    const t = loadTemplate(c.docx);
    let refused: KpBrevError | undefined;
    try {
      t.render(toContext({}));
    } catch (e) {
      if (e instanceof KpBrevError) refused = e;
    }
    expect(refused?.kind).toBe('refused');
    expect(refused!.diagnostics.map((d) => d.params['type']).sort()).toEqual(['DDEAUTO', 'FILLIN', 'INCLUDEPICTURE']);
    const preview = openDocx(t.render(toContext({}), { preview: true }).docx);
    expect(preview.fieldInstructions()).toEqual([]);
    expect(preview.texts().join('\n')).toContain('«AFVIST FELT: DDEAUTO»');
  });

  it('a flettetekst whose braces do not pair, told in Danish or English, never "unclosed {" (issue 19)', () => {
    const bad = (text: string): KpBrevError => {
      try {
        compose({ message: docx([p(mergeField('venlig-tekst'))]), texts: { ...texts, 'venlig-tekst': { text } } });
      } catch (e) {
        if (e instanceof KpBrevError) return e;
      }
      throw new Error('no error');
    };
    const unclosed = bad('Tak { MERGEFIELD Borger.Navn');
    expect(unclosed.describe('da')).toContain(
      'Flettetekst "venlig-tekst" har ved tegn 5 en { for et felt, som aldrig lukkes med }. Skriv \\{ for en tuborgklamme som tekst.',
    );
    expect(unclosed.describe('en')).toContain('The flettetekst "venlig-tekst" has at character 5 a { for a field that is never closed with }.');
    const unopened = bad('Tak } for sidst');
    expect(unopened.describe('da')).toContain('Flettetekst "venlig-tekst" har ved tegn 5 en }, som ikke lukker et felt.');
    expect(`${unclosed.describe('da')} ${unopened.describe('en')}`).not.toMatch(/unclosed|without \{/);
  });

  it('a flettetekst inside a field code outside quotation marks', () => {
    expect(
      danishError(() =>
        compose({ message: docx([p(field(' IF ', mergeField('venlig-tekst'), ' = "x" "y" '))]), texts: { ...texts, 'venlig-tekst': { text: 'Tak' } } }),
      ),
    ).toMatch(/uden anførselstegn/);
  });
});

describe('regions in composed letters', () => {
  it('repeats rows and paragraphs of an indholdselement, a master and a flettetekst', () => {
    const row = (...cells: string[]): string => `<w:tr>${cells.map((c) => `<w:tc>${c}</w:tc>`).join('')}</w:tr>`;
    const udgifter = docx([
      p('Udgifter:'),
      `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>${row(p('Udgift'), p('Beløb')).replace('<w:tr>', '<w:tr><w:trPr><w:tblHeader/></w:trPr>')}${row(p(mergeField('TableStart:Udgifter'), mergeField('Beskrivelse'), mergeField('TableEnd:Udgifter')), p(mergeField('Beloeb')))}</w:tbl>`,
      p('Slut på udgifter.'),
    ]);
    const master = docx([
      p(mergeField('af-modtager')),
      p(mergeField('Skabelon:Indhold')),
      p(mergeField('TableStart:Bilag'), 'Bilag: ', mergeField('Titel'), mergeField('TableEnd:Bilag')),
      p('Med venlig hilsen'),
    ]);
    const message = docx([p('Kære ', mergeField('Borger.Fornavn')), p(mergeField('Indholdselement:udgifter')), p(mergeField('dokumentliste'))]);
    const c = compose({
      master,
      message,
      elements: { udgifter },
      texts: { ...texts, dokumentliste: { text: 'Send: { MERGEFIELD TableStart:Dokumenter }[{ MERGEFIELD Navn }]{ MERGEFIELD TableEnd:Dokumenter }' } },
    });
    const letter = openDocx(
      loadTemplate(c.docx).render(
        toContext({
          fields: {
            ...fields,
            Udgifter: [
              { Beskrivelse: 'Briller', Beloeb: 100 },
              { Beskrivelse: 'Stel', Beloeb: 50 },
            ],
            Dokumenter: [{ Navn: 'regning' }, { Navn: 'recept' }],
            Bilag: [{ Titel: 'Regler' }, { Titel: 'Klagevejledning' }],
          },
        }),
      ).docx,
    );
    expect(letter.texts()).toEqual([
      'Karen Jensen',
      'Kære Karen',
      'Udgifter:',
      'Udgift',
      'Beløb',
      'Briller',
      '100',
      'Stel',
      '50',
      'Slut på udgifter.',
      // A flettetekst is inline: the region is its paragraph, repeated per item.
      'Send: [regning]',
      'Send: [recept]',
      'Bilag: Regler',
      'Bilag: Klagevejledning',
      'Med venlig hilsen',
    ]);
  });
});

function replacePart(bytes: Buffer, part: string, edit: (xml: string) => string): Buffer {
  const z = readZip(bytes);
  return writeZip(
    z.order.map((n) =>
      n === part ? { name: n, data: Buffer.from(edit(Buffer.from(z.read(n)).toString('utf8')), 'utf8') } : { name: n, reuse: z.entries.get(n)! },
    ),
  );
}

function addPart(bytes: Buffer, part: string, data: Buffer, rels: (xml: string) => string, override = ''): Buffer {
  const z = readZip(bytes);
  const out = z.order.map((n) => {
    if (n === 'word/_rels/document.xml.rels') return { name: n, data: Buffer.from(rels(Buffer.from(z.read(n)).toString('utf8')), 'utf8') };
    if (n === '[Content_Types].xml' && override)
      return { name: n, data: Buffer.from(Buffer.from(z.read(n)).toString('utf8').replace('</Types>', `${override}</Types>`), 'utf8') };
    return { name: n, reuse: z.entries.get(n)! };
  });
  return writeZip([...out, { name: part, data }]);
}
