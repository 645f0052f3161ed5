/** external-reference: a relationship to something outside the letter that the letter is
 * refused for (src/template/external-refs.ts, docs/word-fields.md): a linked picture, a linked
 * OLE object, a subdocument, a frame, an imported chunk, a link to a file or a script. Fields
 * that reach out are field-unsafe's. */
import { renderMessages } from '../../i18n/messages/render.js';
import { describeTarget, externalReferences } from '../../template/external-refs.js';
import type { Rule } from '../types.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PICTURE = (attr: string): string =>
  `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Logo" descr="Kommunens logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip ${attr}/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;

export const externalReference: Rule = {
  meta: {
    id: 'external-reference',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'En henvisning uden for brevet, som brevet afvises for: et billede, der er linket i stedet for indsat (det hentes, når borgeren åbner brevet), et linket OLE-objekt, et underdokument, en ramme, indhold der hentes ind (altChunk) eller et link til en fil eller et program. Kun links til webadresser og e-mailadresser er tilladt; en tilknyttet skabelon og brevfletningens datakilde fjernes af sig selv.',
      en: 'A reference outside the letter that the letter is refused for: a picture linked instead of inserted (fetched when the citizen opens the letter), a linked OLE object, a subdocument, a frame, content pulled in (altChunk) or a link to a file or a program. Only links to web and e-mail addresses are allowed; an attached template and the mail merge data source are removed by themselves.',
    },
    messages: { external: renderMessages['render.external-reference'] },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'external', part: 'word/_rels/document.xml.rels' }],
        description: {
          da: 'Et billede linket fra nettet: en sporingspixel, der afslører, hvornår brevet åbnes.',
          en: 'A picture linked from the web: a tracking pixel that reveals when the letter is opened.',
        },
        doc: {
          xml: PICTURE('r:link="rIdPixel"'),
          package: {
            relationships: [`<Relationship Id="rIdPixel" Type="${REL}/image" Target="https://sporing.example/p.png?brev=42" TargetMode="External"/>`],
          },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'external', part: 'word/_rels/document.xml.rels' }],
        description: {
          da: 'Et billede fra en netværkssti: Windows sender borgerens login (NTLM) til serveren.',
          en: "A picture from a network path: Windows sends the citizen's login (NTLM) to the server.",
        },
        doc: {
          xml: PICTURE('r:link="rIdUnc"'),
          package: { relationships: [`<Relationship Id="rIdUnc" Type="${REL}/image" Target="\\\\fil.example\\logoer\\logo.png" TargetMode="External"/>`] },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'external', part: 'word/_rels/document.xml.rels' }],
        description: { da: 'Et link, der åbner en fil.', en: 'A link that opens a file.' },
        doc: {
          xml: '<w:p><w:hyperlink r:id="rIdFile"><w:r><w:t>Åbn skemaet</w:t></w:r></w:hyperlink></w:p>',
          package: {
            relationships: [`<Relationship Id="rIdFile" Type="${REL}/hyperlink" Target="file:///C:/Skemaer/ansoegning.docm" TargetMode="External"/>`],
          },
        },
      },
      {
        valid: true,
        description: { da: 'Et indsat billede og et link til en webadresse.', en: 'An inserted picture and a link to a web address.' },
        doc: {
          xml: `${PICTURE('r:embed="rIdLogo"')}<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>Læs mere på borger.dk</w:t></w:r></w:hyperlink></w:p>`,
          package: {
            relationships: [`<Relationship Id="rIdLogo" Type="${REL}/image" Target="media/logo.png"/>`],
            parts: [
              { name: 'word/media/logo.png', data: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), contentType: 'image/png' },
            ],
          },
        },
      },
      {
        valid: true,
        description: {
          da: 'En tilknyttet skabelon (settings.xml) fjernes fra brevet og afviser det ikke.',
          en: 'An attached template (settings.xml) is removed from the letter and does not refuse it.',
        },
        doc: {
          body: ['Kære borger'],
          package: {
            settings: '<w:attachedTemplate r:id="rIdTpl"/>',
            parts: [
              {
                name: 'word/_rels/settings.xml.rels',
                data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTpl" Type="${REL}/attachedTemplate" Target="file:///\\\\fil.example\\skabeloner\\Kommune.dotm" TargetMode="External"/></Relationships>`,
                contentType: 'application/vnd.openxmlformats-package.relationships+xml',
              },
            ],
          },
        },
      },
    ],
  },
  create(ctx) {
    return {
      // The package's relationships, not the stories' text.
      document(model) {
        for (const ref of externalReferences(model.template.package)) {
          if (ref.action !== 'refuse') continue;
          ctx.report(
            'external',
            { part: ref.source || ref.relsPart, type: ref.type, target: describeTarget(ref.target) },
            { template: model.file, part: ref.relsPart },
          );
        }
      },
    };
  },
};
