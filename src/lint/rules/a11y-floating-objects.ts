/** a11y-floating-objects: floating objects and text boxes break the reading order. */
import type { Rule } from '../types.js';
import { paragraphPlace } from '../helpers.js';

export const a11yFloatingObjects: Rule = {
  meta: {
    id: 'a11y-floating-objects',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Flydende objekter og tekstbokse bryder læserækkefølgen: en skærmlæser læser dem ikke der, hvor de står på siden. Placer billeder "på linje med teksten" og skriv tekst i almindelige afsnit (WCAG 1.3.2).',
      en: 'Floating objects and text boxes break the reading order: a screen reader does not read them where they stand on the page. Place images "in line with text" and write text in ordinary paragraphs (WCAG 1.3.2).',
    },
    messages: {
      textBox: { da: 'En tekstboks bryder læserækkefølgen.', en: 'A text box breaks the reading order.' },
      floating: {
        da: 'Et flydende objekt ("{name}") bryder læserækkefølgen; placer det på linje med teksten.',
        en: 'A floating object ("{name}") breaks the reading order; place it in line with text.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'floating', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Et flydende billede.', en: 'A floating picture.' },
        doc: {
          xml: '<w:p><w:r><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" relativeHeight="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="952500" cy="952500"/><wp:wrapNone/><wp:docPr id="1" name="Logo" descr="Kommunens logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdX"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>',
        },
      },
      {
        valid: true,
        description: { da: 'Billedet står på linje med teksten.', en: 'The picture stands in line with text.' },
        doc: {
          xml: '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Logo" descr="Kommunens logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdX"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>',
        },
      },
      {
        valid: true,
        description: {
          da: 'Et flydende billede der er markeret som dekorativt: skærmlæseren springer det over.',
          en: 'A floating picture marked decorative: the screen reader skips it.',
        },
        doc: {
          xml: '<w:p><w:r><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" relativeHeight="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="952500" cy="952500"/><wp:wrapNone/><wp:docPr id="1" name="Streg"><a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst></wp:docPr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdX"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>',
        },
      },
    ],
  },
  create(ctx) {
    return {
      drawing(d) {
        if (d.decorative) return;
        if (d.textBox) ctx.report('textBox', {}, paragraphPlace(ctx.model, d.story, d.index));
        else if (d.floating) ctx.report('floating', { name: d.name ?? '' }, paragraphPlace(ctx.model, d.story, d.index));
      },
    };
  },
};
