/** a11y-contrast: text colour against its background below 4.5:1 (3:1 for large text). */
import { contrastRatio } from '../colors.js';
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

const TABLE = (shd: string, color: string): string =>
  `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/>${shd}</w:tcPr><w:p><w:r><w:rPr>${color}</w:rPr><w:t>Udgift</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Medicin</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>`;

/** A two-row table with a table style (as Word's "Grid Table 4 - Accent 1") that shades the
 * header row dark and makes its text white, as tblLook firstRow turns on. */
const STYLED_TABLE = (look: string, color: string): string =>
  `<w:tbl><w:tblPr><w:tblStyle w:val="Gittertabel4-farve1"/><w:tblW w:w="0" w:type="auto"/><w:tblLook ${look}/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>` +
  `<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r>${color ? `<w:rPr>${color}</w:rPr>` : ''}<w:t>Udgift</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Medicin</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>`;
const TABLE_STYLE =
  '<w:style w:type="table" w:styleId="Gittertabel4-farve1"><w:name w:val="Grid Table 4 Accent 1"/><w:basedOn w:val="Tabel-Normal"/><w:uiPriority w:val="49"/>' +
  '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/></w:tblBorders></w:tblPr>' +
  '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF" w:themeColor="background1"/></w:rPr><w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr></w:tblStylePr>' +
  '<w:tblStylePr w:type="band1Horz"><w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="Tabel-Normal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';
const LOOK_FIRST_ROW = 'w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"';
const LOOK_PLAIN = 'w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"';

export const a11yContrast: Rule = {
  meta: {
    id: 'a11y-contrast',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Tekstfarve mod baggrund med kontrast under 4,5:1 (3:1 for stor tekst: 18 pkt., eller 14 pkt. fed). Farver findes gennem typografier, temafarver, markering og skygge (WCAG 1.4.3).',
      en: 'Text colour against its background below 4.5:1 (3:1 for large text: 18 pt, or 14 pt bold). Colours are resolved through styles, theme colours, highlighting and shading (WCAG 1.4.3).',
    },
    messages: {
      low: {
        da: 'Teksten "{text}" har kontrasten {ratio}:1 (farve #{color} på #{background}); mindst {needed}:1 kræves.',
        en: 'The text "{text}" has a contrast of {ratio}:1 (colour #{color} on #{background}); at least {needed}:1 is required.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'En typografi med temafarven "Baggrund 1, mørkere 15 %": lysegrå, selv om w:val siger sort.',
          en: 'A style with the theme colour "Background 1, darker 15%": light grey, though w:val says black.',
        },
        doc: {
          xml: '<w:p><w:pPr><w:pStyle w:val="Svag"/></w:pPr><w:r><w:t>Sagsnummeret står øverst i brevet.</w:t></w:r></w:p>',
          styles:
            '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Svag"><w:name w:val="Svag tekst"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="000000" w:themeColor="background1" w:themeShade="D9"/></w:rPr></w:style>',
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Mørkeblå tekst i en mørkeblå tabelcelle.', en: 'Dark blue text in a dark blue table cell.' },
        doc: { xml: TABLE('<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>', '<w:color w:val="2F5496"/>') },
      },
      {
        valid: true,
        description: {
          da: 'Automatisk tekstfarve i en mørk tabelcelle: Word viser den hvid.',
          en: 'Automatic text colour in a dark table cell: Word shows it white.',
        },
        doc: { xml: TABLE('<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>', '') },
      },
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Mørkeblå tekst på ensfarvet skygge (w:val="solid"): baggrunden er mønsterfarven w:color, ikke w:fill.',
          en: 'Dark blue text on solid shading (w:val="solid"): the background is the pattern colour w:color, not w:fill.',
        },
        doc: {
          xml: '<w:p><w:pPr><w:shd w:val="solid" w:color="1F3864" w:fill="FFFFFF"/></w:pPr><w:r><w:rPr><w:color w:val="2F5496"/></w:rPr><w:t>Udgifter til medicin</w:t></w:r></w:p>',
        },
      },
      {
        valid: true,
        description: { da: 'Hvid tekst på ensfarvet mørk skygge.', en: 'White text on solid dark shading.' },
        doc: {
          xml: '<w:p><w:pPr><w:shd w:val="solid" w:color="1F3864" w:fill="FFFFFF"/></w:pPr><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Udgifter til medicin</w:t></w:r></w:p>',
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Tabeltypografien farver overskriftsrækken mørkeblå (slået til med tblLook firstRow); teksten i den er sat til mørkeblå.',
          en: 'The table style shades the header row dark blue (turned on by tblLook firstRow); the text in it is set to dark blue.',
        },
        doc: { xml: STYLED_TABLE(LOOK_FIRST_ROW, '<w:color w:val="2F5496"/>'), styles: TABLE_STYLE },
      },
      {
        valid: true,
        description: {
          da: 'Samme tabel med tabeltypografiens egen hvide tekst i den mørke overskriftsrække.',
          en: "The same table with the table style's own white text in the dark header row.",
        },
        doc: { xml: STYLED_TABLE(LOOK_FIRST_ROW, ''), styles: TABLE_STYLE },
      },
      {
        valid: true,
        description: {
          da: 'Hvid tekst sat direkte i overskriftsrækken, som tabeltypografien farver mørk.',
          en: 'White text set directly in the header row, which the table style shades dark.',
        },
        doc: { xml: STYLED_TABLE(LOOK_FIRST_ROW, '<w:color w:val="FFFFFF"/>'), styles: TABLE_STYLE },
      },
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Samme tabel, men "Overskriftsrække" er slået fra i tabellens layout (tblLook): rækken er ikke skygget, og den hvide tekst står på hvidt.',
          en: 'The same table with "Header Row" turned off in the table layout (tblLook): the row is not shaded and the white text stands on white.',
        },
        doc: { xml: STYLED_TABLE(LOOK_PLAIN, '<w:color w:val="FFFFFF"/>'), styles: TABLE_STYLE },
      },
      {
        valid: true,
        description: {
          da: 'En temafarve som dokumentets tema ikke har: w:val er den endelige farve og bruges som den er (lysningen er allerede regnet med).',
          en: "A theme colour the document's theme lacks: w:val is the final colour and is used as it is (the tint is already in it).",
        },
        doc: {
          xml: '<w:p><w:r><w:rPr><w:color w:val="5A5A5A" w:themeColor="accent6" w:themeTint="A6"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>',
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Lysegrå tekst på hvid.', en: 'Light grey text on white.' },
        doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="BFBFBF"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' },
      },
      {
        valid: true,
        description: {
          da: 'Stor tekst (18 pkt.) i mellemgrå: 3,45:1 er nok for stor tekst.',
          en: 'Large text (18 pt) in mid grey: 3.45:1 is enough for large text.',
        },
        doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="8A8A8A"/><w:sz w:val="36"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' },
      },
      {
        valid: false,
        errors: [{ messageId: 'low', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Samme grå i almindelig størrelse: 3,45:1 er for lidt.', en: 'The same grey at the normal size: 3.45:1 is too little.' },
        doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="8A8A8A"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' },
      },
      {
        valid: true,
        description: { da: 'Mørkegrå tekst på hvid.', en: 'Dark grey text on white.' },
        doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="595959"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' },
      },
    ],
  },
  create(ctx) {
    return {
      paragraph(p) {
        for (const run of p.runs) {
          if (!run.text.trim()) continue;
          const look = ctx.styles.look(p, run.rPr);
          const background = look.background ?? 'FFFFFF';
          // Word draws "auto" text black, or white on a dark background.
          const color = look.color ?? (contrastRatio('000000', background) >= contrastRatio('FFFFFF', background) ? '000000' : 'FFFFFF');
          const large = look.size >= 36 || (look.bold && look.size >= 28);
          const needed = large ? 3 : 4.5;
          const ratio = contrastRatio(color, background);
          if (ratio < needed) {
            ctx.report(
              'low',
              { text: run.text.trim().slice(0, 40), ratio: ratio.toFixed(2).replace('.', ','), color, background, needed: String(needed).replace('.', ',') },
              placeOfParagraph(ctx.model, p),
            );
            break;
          }
        }
      },
    };
  },
};
