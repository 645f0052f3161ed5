/** a11y-contrast: text colour against its background below 4.5:1 (3:1 for large text). */
import { contrastRatio } from '../colors.js';
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';

const TABLE = (shd: string, color: string): string =>
  `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/>${shd}</w:tcPr><w:p><w:r><w:rPr>${color}</w:rPr><w:t>Udgift</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Medicin</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>`;

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
        description: { da: 'En typografi med temafarven "Baggrund 1, mørkere 15 %": lysegrå, selv om w:val siger sort.', en: 'A style with the theme colour "Background 1, darker 15%": light grey, though w:val says black.' },
        doc: {
          xml: '<w:p><w:pPr><w:pStyle w:val="Svag"/></w:pPr><w:r><w:t>Sagsnummeret står øverst i brevet.</w:t></w:r></w:p>',
          styles: '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Svag"><w:name w:val="Svag tekst"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="000000" w:themeColor="background1" w:themeShade="D9"/></w:rPr></w:style>',
        },
      },
      {
        valid: false,
        description: { da: 'Mørkeblå tekst i en mørkeblå tabelcelle.', en: 'Dark blue text in a dark blue table cell.' },
        doc: { xml: TABLE('<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>', '<w:color w:val="2F5496"/>') },
      },
      {
        valid: true,
        description: { da: 'Automatisk tekstfarve i en mørk tabelcelle: Word viser den hvid.', en: 'Automatic text colour in a dark table cell: Word shows it white.' },
        doc: { xml: TABLE('<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>', '') },
      },
      { valid: false, description: { da: 'Lysegrå tekst på hvid.', en: 'Light grey text on white.' }, doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="BFBFBF"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' } },
      { valid: true, description: { da: 'Mørkegrå tekst på hvid.', en: 'Dark grey text on white.' }, doc: { xml: '<w:p><w:r><w:rPr><w:color w:val="595959"/></w:rPr><w:t>Svar senest om 14 dage.</w:t></w:r></w:p>' } },
    ],
  },
  check(model, ctx) {
    for (const p of model.paragraphs) {
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
          ctx.report('low', { text: run.text.trim().slice(0, 40), ratio: ratio.toFixed(2).replace('.', ','), color, background, needed: String(needed).replace('.', ',') }, placeOfParagraph(model, p));
          break;
        }
      }
    }
  },
};
