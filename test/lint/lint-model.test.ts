/**
 * The linter's model and engine on real .docx bytes: text boxes saved twice by Word are judged
 * once, overrides are compared with their base by problem (not by paragraph text), the same
 * finding at the same place is said once, and colours and languages are resolved as Word does
 * (solid shading, theme colours with tint, the default paragraph style's language).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../../src/diagnostics.js';
import { defaultSettings, lintDocx } from '../../src/lint/engine.js';
import { exampleDocx, exampleSettings } from '../../src/lint/examples.js';
import type { ExampleDoc, Finding } from '../../src/lint/types.js';

const root = join(import.meta.dirname, '../..');

function lint(doc: ExampleDoc, base?: ExampleDoc): Finding[] {
  return lintDocx(exampleDocx(doc), 'skabelon.docx', exampleSettings(doc), {}, base ? { bytes: exampleDocx(base), file: 'central.docx' } : undefined).findings;
}

const only = (findings: Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);

/** A .docx with some parts replaced or added (a theme, a changed styles.xml). */
function patched(bytes: Uint8Array, change: (zip: PizZip) => void): Buffer {
  const zip = new PizZip(bytes);
  change(zip);
  return zip.generate({ type: 'nodebuffer' });
}

/** A floating text box as Word 2010+ saves it: DrawingML in mc:Choice, the same box in VML in
 * mc:Fallback for older readers. */
function textBox(content: string): string {
  return (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="114300" distR="114300" simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" relativeHeight="251659264">' +
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>4500000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="800000"/><wp:wrapNone/>' +
    '<wp:docPr id="1" name="Tekstfelt 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>' +
    `<w:txbxContent>${content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
    `<mc:Fallback><w:pict><v:shape id="Tekstfelt 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:354pt;margin-top:71pt;width:157pt;height:63pt;z-index:251659264"><v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>` +
    '</mc:AlternateContent></w:r></w:p>'
  );
}

const FIELD = (name: string): string =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD ${name} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«${name}»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

describe('text boxes', () => {
  it('a text box Word saved twice (mc:Choice and mc:Fallback) is judged once, in its first copy', () => {
    const box = textBox(
      `<w:p><w:r><w:rPr><w:color w:val="DDDDDD"/></w:rPr><w:t>Svar senest om 14 dage</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Kære </w:t></w:r>${FIELD('Borger.Fornvn')}</w:p>`,
    );
    const findings = lint({ xml: box + '<w:p><w:r><w:t>Tekst.</w:t></w:r></w:p>', catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n' });
    const inBox = findings.filter((f) => f.location?.story?.startsWith('tekstboks'));
    expect(inBox.map((f) => [f.rule, f.location?.story])).toEqual([
      ['a11y-contrast', 'tekstboks 1'],
      ['unknown-field', 'tekstboks 1'],
    ]);
    expect(only(findings, 'a11y-floating-objects')).toHaveLength(1);
  });

  it('the renderer still sees both copies (the lint model skips the fallback only)', async () => {
    const { loadTemplate } = await import('../../src/template/template.js');
    const t = loadTemplate(exampleDocx({ xml: textBox(`<w:p>${FIELD('Borger.Fornavn')}</w:p>`) }));
    expect(t.stories.map((s) => s.story.label)).toEqual(['', 'tekstboks 1', 'tekstboks 2']);
  });
});

describe('override regressions', () => {
  it('a reworded paragraph with an inherited finding is no regression', () => {
    const base = { body: ['Kære Karen', 'Dato:          5. januar 2026', 'Tekst.'] };
    const override = { body: ['Kære Karen', 'Dato:          6. januar 2026', 'Tekst.'] };
    const spaces = only(lint(override, base), 'a11y-empty-paragraphs');
    expect(spaces).toMatchObject([{ regression: false, severity: 'warning' }]);
  });

  it('reworded light-grey text keeps its inherited contrast finding (the text is the place, not the problem)', () => {
    const grey = (text: string): ExampleDoc => ({ xml: `<w:p><w:r><w:rPr><w:color w:val="BFBFBF"/></w:rPr><w:t>${text}</w:t></w:r></w:p>` });
    expect(only(lint(grey('Svar senest om 14 dage.'), grey('Svar senest om 10 dage.')), 'a11y-contrast')).toMatchObject([{ regression: false }]);
  });

  it('the paragraph text tells which of several like findings is the new one', () => {
    const base = { body: ['Tekst.', 'Dato:          5. januar 2026'] };
    // The municipality adds a second line spaced the same way, above the inherited one.
    const override = { body: ['Sagsnummer:          2026-123', 'Tekst.', 'Dato:          5. januar 2026'] };
    const spaces = only(lint(override, base), 'a11y-empty-paragraphs');
    expect(spaces.map((f) => [f.location?.paragraph, f.regression, f.severity])).toEqual([
      [1, true, 'error'],
      [3, false, 'warning'],
    ]);
  });

  it('counts matter: two of a problem against one in the base is one regression', () => {
    const base = { body: ['Dato:          5. januar 2026', 'Tekst.'] };
    const override = { body: ['Dato:          5. januar 2026', 'Tekst.', 'Dato:          5. januar 2026'] };
    expect(only(lint(override, base), 'a11y-empty-paragraphs').map((f) => f.regression)).toEqual([false, true]);
  });
});

describe('the engine', () => {
  it('says the same finding at the same place once', () => {
    const doc: ExampleDoc = {
      body: ['Beløb: { MERGEFIELD Raadighedsberegning.Beloeb } og igen { MERGEFIELD Raadighedsberegning.Beloeb }'],
      catalog:
        'processes:\n  - id: helbredstillaegskort\n  - id: personligt-tillaeg\nfields:\n  - name: Raadighedsberegning.Beloeb\n    processes: [personligt-tillaeg]\n',
      settings: { processes: ['helbredstillaegskort'] },
    };
    expect(only(lint(doc), 'context-field')).toHaveLength(1);
  });
});

describe('colours', () => {
  it("solid shading paints w:color: the Northwind fixture's white header text is judged on its blue, not on white", () => {
    const file = join(root, 'test/fixtures/word-fields/aspose-words-net/Mail merge destination - Northwind employees.docx');
    const findings = only(lintDocx(readFileSync(file), 'northwind.docx', defaultSettings()).findings, 'a11y-contrast');
    const messages = findings.map((f) => messageOf(f, 'en'));
    expect(messages.some((m) => m.includes('on #FFFFFF'))).toBe(false);
    expect(messages).toContain('The text "Employee Details" has a contrast of 2,22:1 (colour #FFFFFF on #86B4CF); at least 3:1 is required.');
  });

  it('theme colours come from the theme part, with their tint', () => {
    const theme =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office-tema"><a:themeElements><a:clrScheme name="Office">' +
      '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>' +
      '<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>' +
      '<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>' +
      '</a:clrScheme></a:themeElements></a:theme>';
    const withTheme = (color: string): Buffer =>
      patched(exampleDocx({ xml: `<w:p><w:r><w:rPr>${color}</w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>` }), (zip) => {
        zip.file('word/theme/theme1.xml', theme);
        const rels = zip.file('word/_rels/document.xml.rels')!.asText();
        zip.file(
          'word/_rels/document.xml.rels',
          rels.replace(
            '</Relationships>',
            '<Relationship Id="rIdTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>',
          ),
        );
        const types = zip.file('[Content_Types].xml')!.asText();
        zip.file(
          '[Content_Types].xml',
          types.replace(
            '</Types>',
            '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>',
          ),
        );
      });
    const contrast = (bytes: Buffer): string[] =>
      only(lintDocx(bytes, 'tema.docx', defaultSettings()).findings, 'a11y-contrast').map((f) => messageOf(f, 'en'));
    // "Accent 1, lighter 80%": the theme's 4472C4 with tint 33 is DAE3F3, as Word shows it, though
    // w:val (wrongly) says black.
    expect(contrast(withTheme('<w:color w:val="000000" w:themeColor="accent1" w:themeTint="33"/>'))).toEqual([
      'The text "Svar senest om 14 dage." has a contrast of 1,29:1 (colour #DAE3F3 on #FFFFFF); at least 4,5:1 is required.',
    ]);
    // Accent 1 itself is dark enough.
    expect(contrast(withTheme('<w:color w:val="000000" w:themeColor="accent1"/>'))).toEqual([]);
  });
});

describe('document language', () => {
  it('the default paragraph style (Normal) may carry the language', () => {
    const noLanguage = exampleDocx({ body: ['Vi har modtaget din ansøgning.'], lang: null });
    const inNormal = patched(noLanguage, (zip) => {
      const styles = zip.file('word/styles.xml')!.asText();
      const normal = '<w:name w:val="Normal"/><w:qFormat/>';
      expect(styles).toContain(normal);
      zip.file('word/styles.xml', styles.replace(normal, `${normal}<w:rPr><w:lang w:val="da-DK"/></w:rPr>`));
    });
    expect(only(lintDocx(noLanguage, 'a.docx', defaultSettings()).findings, 'a11y-doc-language')).toHaveLength(1);
    expect(only(lintDocx(inNormal, 'b.docx', defaultSettings()).findings, 'a11y-doc-language')).toEqual([]);
  });
});
