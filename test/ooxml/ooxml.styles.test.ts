// ooxml/styles/: the one place Word styles are resolved (sheet and chain, resolution order,
// theme colours and fonts, colour values, the language chain, the heading judgement), and the
// linter and the PDF reading the same answer from it.
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/authoring/package.js';
import { buildLintModel } from '../../src/lint/model.js';
import { StyleView } from '../../src/lint/styles.js';
import { openPackage } from '../../src/ooxml/package.js';
import { highlightColor, mixColors, resolveColor, shadingOf } from '../../src/ooxml/styles/colors.js';
import { headingLevel } from '../../src/ooxml/styles/headings.js';
import { styleLanguage } from '../../src/ooxml/styles/lang.js';
import { StyleResolver, type TableStyle } from '../../src/ooxml/styles/resolve.js';
import { defaultStyle, parseStyles, styleChain } from '../../src/ooxml/styles/sheet.js';
import { parseTheme, readThemeFonts, type Theme } from '../../src/ooxml/styles/theme.js';
import { parseXml, type XElement } from '../../src/ooxml/xml.js';
import { readLetter } from '../../src/pdf/model/read.js';
import type { ParagraphBlock } from '../../src/pdf/model/types.js';
import { loadTemplate } from '../../src/template/template.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';

/**
 * Each layer sets the colour, and one more property than the layer above it, so that each
 * layer's colour shows only when every later layer is taken away.
 */
const STYLES = `<w:styles ${W}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:color w:val="111111"/><w:sz w:val="18"/><w:lang w:val="da-DK"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="100"/><w:ind w:left="10"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
  <w:style w:type="table" w:styleId="Gitter"><w:name w:val="Gitter"/><w:pPr><w:ind w:left="20"/></w:pPr><w:rPr><w:color w:val="222222"/><w:i/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Grund"><w:name w:val="Grund"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="40"/><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="444444"/><w:b/><w:lang w:val="en-GB"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Afledt"><w:name w:val="Afledt"/><w:basedOn w:val="Grund"/><w:pPr><w:ind w:left="50"/></w:pPr><w:rPr><w:color w:val="555555"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="TegnGrund"><w:name w:val="Tegn grund"/><w:rPr><w:color w:val="666666"/><w:strike/><w:lang w:val="de-DE"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Tegn"><w:name w:val="Tegn"/><w:basedOn w:val="TegnGrund"/><w:rPr><w:color w:val="777777"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="MinOverskrift"><w:name w:val="Min overskrift"/><w:basedOn w:val="Heading2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/><w:basedOn w:val="Loop2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop1"/></w:style>
</w:styles>`;

const THEME = `<a:theme ${A} name="Office"><a:themeElements>
  <a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme>
  <a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme>
</a:themeElements></a:theme>`;

const el = (xml: string): XElement => parseXml(xml, 'test.xml');
const pPr = (inner: string): XElement => el(`<w:pPr ${W}>${inner}</w:pPr>`);
const rPr = (inner: string): XElement => el(`<w:rPr ${W}>${inner}</w:rPr>`);

describe('the style sheet', () => {
  const sheet = parseStyles(STYLES);

  it('gives the basedOn chain nearest first, and cuts a cycle', () => {
    expect(styleChain(sheet, 'Afledt').map((s) => s.id)).toEqual(['Afledt', 'Grund', 'Normal']);
    expect(styleChain(sheet, 'Loop1').map((s) => s.id)).toEqual(['Loop1', 'Loop2']);
    expect(styleChain(sheet, 'Mangler')).toEqual([]);
    expect(styleChain(undefined, 'Afledt')).toEqual([]);
  });

  it('finds the default style of each type', () => {
    expect(defaultStyle(sheet, 'paragraph')?.id).toBe('Normal');
    expect(defaultStyle(sheet, 'table')?.id).toBe('TableNormal');
    expect(defaultStyle(sheet, 'character')).toBeUndefined();
  });
});

describe('the resolution order (ECMA-376 17.7.2)', () => {
  const styles = new StyleResolver(el(STYLES));
  const table: TableStyle = styles.table('Gitter');
  // A numbering level as the PDF reads it (pdf/model/numbering.ts): its paragraph properties.
  const level = { para: { indLeft: 3, align: 'right' as const } };
  const levelOf = (numId: string | undefined): typeof level | undefined => (numId === '7' ? level : undefined);

  it('document defaults < table style < paragraph style chain (basedOn) for runs', () => {
    expect(styles.paragraph(undefined).run.color).toBe('111111');
    expect(styles.paragraph(undefined).run.size).toBe(9);
    expect(styles.paragraph(undefined, table).run.color).toBe('222222');
    expect(styles.paragraph(undefined, table).run.italic).toBe(true);
    expect(styles.paragraph('Grund', table).run.color).toBe('444444');
    const derived = styles.paragraph('Afledt', table).run;
    expect([derived.color, derived.bold, derived.italic, derived.size]).toEqual(['555555', true, true, 9]);
  });

  it('document defaults < table style < paragraph style chain < numbering level < direct for paragraphs', () => {
    expect(styles.resolveParagraph(undefined, undefined, levelOf).para.indLeft).toBe(0.5);
    expect(styles.resolveParagraph(undefined, table, levelOf).para.indLeft).toBe(1);
    expect(styles.resolveParagraph(pPr('<w:pStyle w:val="Grund"/>'), table, levelOf).para.indLeft).toBe(2);
    const derived = styles.resolveParagraph(pPr('<w:pStyle w:val="Afledt"/>'), table, levelOf);
    expect([derived.styleId, derived.para.indLeft, derived.para.align, derived.para.spaceAfter]).toEqual(['Afledt', 2.5, 'center', 5]);
    // The list level's indents and alignment over the style's (as Word draws a list item).
    const listed = styles.resolveParagraph(pPr('<w:pStyle w:val="Afledt"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>'), table, levelOf);
    expect([listed.level, listed.para.indLeft, listed.para.align]).toEqual([level, 3, 'right']);
    const direct = styles.resolveParagraph(pPr('<w:pStyle w:val="Afledt"/><w:numPr><w:numId w:val="7"/></w:numPr><w:ind w:left="80"/>'), table, levelOf);
    expect([direct.para.indLeft, direct.para.align]).toEqual([4, 'right']);
  });

  it('paragraph style chain < character style chain (basedOn) < direct formatting for runs', () => {
    const para = styles.paragraph('Afledt', table).run;
    expect(styles.resolveRun(para, undefined).color).toBe('555555');
    const base = styles.resolveRun(para, rPr('<w:rStyle w:val="TegnGrund"/>'));
    expect([base.color, base.strike, base.bold]).toEqual(['666666', true, true]);
    const styled = styles.resolveRun(para, rPr('<w:rStyle w:val="Tegn"/>'));
    expect([styled.color, styled.strike, styled.italic]).toEqual(['777777', true, true]);
    const direct = styles.resolveRun(para, rPr('<w:rStyle w:val="Tegn"/><w:color w:val="888888"/>'));
    expect([direct.color, direct.strike]).toEqual(['888888', true]);
  });

  it('the linter reads the same order for the colour it judges', () => {
    const view = new StyleView(parseStyles(STYLES), { colors: new Map() });
    const paragraph = { styleId: 'Afledt', pPr: '<w:pStyle w:val="Afledt"/>', cell: undefined } as const;
    const look = (runPr: string): string | undefined => view.look(paragraph as unknown as Parameters<StyleView['look']>[0], runPr).color;
    expect(look('')).toBe('555555');
    expect(look('<w:rStyle w:val="TegnGrund"/>')).toBe('666666');
    expect(look('<w:rStyle w:val="Tegn"/>')).toBe('777777');
    expect(look('<w:rStyle w:val="Tegn"/><w:color w:val="888888"/>')).toBe('888888');
  });
});

describe('the theme and colour values', () => {
  const pkg = openPackage(
    buildDocx({
      body: '<w:p/>',
      parts: [
        { name: 'word/theme/theme1.xml', data: THEME, contentType: 'application/vnd.openxmlformats-officedocument.theme+xml', rId: 'rIdTheme', type: 'theme' },
      ],
    }),
  );
  const theme: Theme = parseTheme(pkg);

  it('reads the colour scheme (sysClr by its last colour) and the major and minor fonts', () => {
    expect(Object.fromEntries(theme.colors)).toEqual({ dk1: '000000', lt1: 'FFFFFF', dk2: '44546A', lt2: 'E7E6E6', accent1: '4472C4' });
    expect(readThemeFonts(el(THEME))).toEqual({ major: 'Calibri Light', minor: 'Calibri' });
    expect(parseTheme(openPackage(buildDocx({ body: '<w:p/>' }))).colors).toEqual(
      new Map([
        ['dk1', '000000'],
        ['lt1', 'FFFFFF'],
      ]),
    );
  });

  it('resolves theme colours with tint and shade, falls back to w:val, and knows the highlight names', () => {
    expect(resolveColor(theme, 'FF0000', 'accent1')).toBe('4472C4');
    expect(resolveColor(theme, 'FF0000', 'text2')).toBe('44546A');
    expect(resolveColor(theme, 'ff0000', 'accent6')).toBe('FF0000');
    expect(resolveColor(theme, undefined, 'accent1', '99')).toBe('8FAADC');
    expect(resolveColor(theme, undefined, 'accent1', undefined, 'BF')).toBe('335593');
    expect(highlightColor('yellow')).toBe('FFFF00');
    expect(highlightColor('none')).toBeUndefined();
    expect(mixColors('000000', 'FFFFFF', 0.1)).toBe('E6E6E6');
  });

  it('paints shading: clear fill, solid pattern colour, a percentage mix, and nil', () => {
    expect(shadingOf('<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>', theme)).toBe('D9D9D9');
    expect(shadingOf('<w:shd w:val="solid" w:color="auto" w:fill="FFFFFF"/>', theme)).toBe('000000');
    expect(shadingOf('<w:shd w:val="pct10" w:color="auto" w:fill="auto"/>', theme)).toBe('E6E6E6');
    expect(shadingOf('<w:shd w:val="clear" w:color="auto" w:fill="auto" w:themeFill="accent1"/>', theme)).toBe('4472C4');
    expect(shadingOf('<w:shd w:val="nil"/>', theme)).toBeNull();
    expect(shadingOf('<w:b/>', theme)).toBeUndefined();
  });

  it('resolves theme fonts for a run', () => {
    const styles = new StyleResolver(el(STYLES), readThemeFonts(el(THEME)));
    expect(styles.fontFamily(styles.paragraph(undefined).run)).toBe('Calibri');
  });
});

describe('the language chain', () => {
  const lang = styleLanguage(parseStyles(STYLES));
  it('character style chain, then paragraph style chain (the default one when none), then document defaults', () => {
    expect(lang('Tegn', 'Afledt')).toBe('de-DE');
    expect(lang(undefined, 'Afledt')).toBe('en-GB');
    expect(lang(undefined, undefined)).toBe('da-DK');
    expect(styleLanguage(undefined)(undefined, undefined)).toBeUndefined();
  });
});

describe('one heading judgement for the linter and the PDF', () => {
  it('outline level 0-8, 9 is body text, else the built-in heading name nearest in the chain', () => {
    expect(headingLevel(0, ['heading 3'])).toBe(1);
    expect(headingLevel(9, ['heading 1'])).toBeUndefined();
    expect(headingLevel(undefined, ['Min overskrift', 'Heading 2 '])).toBe(2);
    expect(headingLevel(undefined, ['Overskrift1'])).toBeUndefined();
  });

  it('a style based on "heading 2" without an outline level, and outline level 9 in a heading style: the tagged PDF says what the linter says', () => {
    const body =
      '<w:p><w:pPr><w:pStyle w:val="MinOverskrift"/></w:pPr><w:r><w:t>Afledt overskrift</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Brødtekst</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Overskrift</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>Tekst</w:t></w:r></w:p>';
    const extra =
      '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="MinOverskrift"><w:name w:val="Min overskrift"/><w:basedOn w:val="Heading2"/></w:style>';
    const bytes = buildDocx({ body, styles: extra });

    const model = buildLintModel(loadTemplate(bytes), 'overskrifter.docx');
    const view = new StyleView(model.styles, model.theme);
    const linter = model.paragraphs.filter((p) => p.story.part === 'word/document.xml').map((p) => view.headingLevel(p));

    const letter = readLetter({ name: 'overskrifter.docx', pkg: openPackage(bytes) }, () => {});
    const pdf = letter.sections
      .flatMap((s) => s.blocks)
      .filter((b): b is ParagraphBlock => b.kind === 'paragraph')
      .map((b) => b.heading);

    expect(linter).toEqual([2, undefined, 1, undefined]);
    expect(pdf.slice(0, 4)).toEqual(linter);
  });
});
