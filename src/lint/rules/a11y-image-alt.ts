/** a11y-image-alt: an image or drawing without alt text (or a file name as alt text) not marked decorative. */
import type { Rule } from '../types.js';
import { paragraphPlace } from '../helpers.js';

const FILE_NAME = /\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$/i;
/** Merge-field notation typed into alt text: «Felt», { MERGEFIELD Felt }, MERGEFIELD Felt. */
const PLACEHOLDER = /«[^»]+»|\{\s*MERGEFIELD\s+[^}]*\}|\bMERGEFIELD\s+\S+/;
const GENERIC = /^(image|billede|picture|grafik|graphic|figur|figure|logo)\s*\d*$/i;

const DRAWING = (docPr: string, ext = ''): string =>
  `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Billede 1" ${docPr}>${ext}</wp:docPr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdX"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;

export const a11yImageAlt: Rule = {
  meta: {
    id: 'a11y-image-alt',
    severity: 'error',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Et billede eller en tegning uden alternativ tekst (eller med et filnavn som alternativ tekst), der ikke er markeret som dekorativ. En skærmlæser kan ikke fortælle, hvad billedet viser (WCAG 1.1.1).',
      en: 'An image or drawing without alt text (or with a file name as alt text) that is not marked decorative. A screen reader cannot tell what it shows (WCAG 1.1.1).',
    },
    messages: {
      missingUnnamed: {
        da: 'Et billede har ingen alternativ tekst og er ikke markeret som dekorativt.',
        en: 'An image has no alt text and is not marked decorative.',
      },
      missing: {
        da: 'Billedet "{name}" har ingen alternativ tekst og er ikke markeret som dekorativt.',
        en: 'The image "{name}" has no alt text and is not marked decorative.',
      },
      placeholder: {
        da: 'Den alternative tekst til billedet "{name}" indeholder "{field}". Word fletter ikke felter i alternativ tekst, så skærmlæseren læser koden op; skriv teksten uden felter.',
        en: 'The alt text of the image "{name}" contains "{field}". Word does not merge fields in alt text, so the screen reader reads the code aloud; write the text without fields.',
      },
      fileName: {
        da: 'Billedet "{name}" har "{alt}" som alternativ tekst; beskriv hvad billedet viser.',
        en: 'The image "{name}" has "{alt}" as alt text; describe what it shows.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'missing', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Et logo uden alternativ tekst.', en: 'A logo without alt text.' },
        doc: { xml: DRAWING('') },
      },
      {
        valid: false,
        errors: [{ messageId: 'fileName', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Filnavnet som alternativ tekst.', en: 'The file name as alt text.' },
        doc: { xml: DRAWING('descr="logo.png"') },
      },
      {
        valid: false,
        errors: [{ messageId: 'placeholder', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Et flettefelt i den alternative tekst.', en: 'A merge field in the alt text.' },
        doc: { xml: DRAWING('descr="«Kommune.Navn» logo"') },
      },
      {
        valid: true,
        description: { da: 'En beskrivende alternativ tekst.', en: 'A descriptive alt text.' },
        doc: { xml: DRAWING('descr="Sønderborg Kommunes logo"') },
      },
      {
        valid: true,
        description: { da: 'Markeret som dekorativ.', en: 'Marked decorative.' },
        doc: {
          xml: DRAWING(
            '',
            '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>',
          ),
        },
      },
    ],
  },
  create(ctx) {
    return {
      drawing(d) {
        if (d.decorative || (d.textBox && !d.picture)) return;
        const alt = (d.descr ?? '').trim() || (d.title ?? '').trim();
        const name = d.name ?? '';
        const place = paragraphPlace(ctx.model, d.story, d.index);
        if (!alt) {
          if (name.trim()) ctx.report('missing', { name }, place);
          else ctx.report('missingUnnamed', {}, place);
        } else if (PLACEHOLDER.test(alt)) ctx.report('placeholder', { name, field: PLACEHOLDER.exec(alt)![0] }, place);
        else if (FILE_NAME.test(alt) || GENERIC.test(alt) || alt === name) ctx.report('fileName', { name, alt }, place);
      },
    };
  },
};
