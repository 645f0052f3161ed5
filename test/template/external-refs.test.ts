/**
 * External references that are not fields (issue 17): a relationship with TargetMode="External"
 * in any part's .rels. A letter keeps web and mail links, leaves out what settings.xml names and
 * a letter does not need (attached template, mail merge data source), and is refused for every
 * other one, as .docx and as PDF, with the linter naming it. Nothing is ever fetched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeLetter } from '../../src/compose/compose.js';
import { toContext } from '../../src/context/context.js';
import { KpBrevError, loadTemplate, renderPdf, renderTemplatePdf } from '../../src/index.js';
import { defaultSettings, lintDocx } from '../../src/lint/engine.js';
import { openPackage } from '../../src/ooxml/package.js';
import { describeTarget } from '../../src/template/external-refs.js';
import { docx, mergeField, p } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';
const rel = (id: string, type: string, target: string): string =>
  `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target.replace(/&/g, '&amp;')}" TargetMode="External"/>`;
const relsPart = (name: string, ...rels: string[]): { name: string; data: string; contentType: string } => ({
  name,
  data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  contentType: RELS_TYPE,
});
const picture = (blip: string): string =>
  `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="7" name="Pixel" descr="Logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="p.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip ${blip}/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
const link = (id: string): string => `<w:p><w:hyperlink r:id="${id}"><w:r><w:t>Klik her</w:t></w:r></w:hyperlink></w:p>`;
const hello = p('Kære ', mergeField('Navn'));
const ctx = toContext({ fields: { Navn: 'Karen' } });

/** A local web server that counts the requests it gets: nothing may ever reach it. */
let server: Server;
let hits = 0;
let base = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Kind {
  name: string;
  template: () => Buffer;
  /** The part the message names, the relationship type and the target as the message shows it. */
  part: string;
  type: string;
  shown: string | (() => string);
  /** What the message must not show (path, query, credentials). */
  secret?: string;
}

const refused: Kind[] = [
  {
    name: 'a picture linked from the web (r:link: a tracking pixel)',
    template: () => docx([hello, picture('r:link="rIdPx"')], { relationships: [rel('rIdPx', 'image', `${base}/pixel.png?cpr=0101011234`)] }),
    part: 'word/document.xml',
    type: 'image',
    shown: () => `${base}/…`,
    secret: 'cpr=',
  },
  {
    name: 'a picture on a UNC path (VML imagedata)',
    template: () =>
      docx(
        [hello, '<w:p><w:r><w:pict><v:shape id="s1" style="width:10pt;height:10pt"><v:imagedata r:id="rIdUnc" o:title=""/></v:shape></w:pict></w:r></w:p>'],
        {
          relationships: [rel('rIdUnc', 'image', '\\\\angriber.example\\del\\hemmelig-mappe\\p.png')],
        },
      ),
    part: 'word/document.xml',
    type: 'image',
    shown: '\\\\angriber.example\\…',
    secret: 'hemmelig',
  },
  {
    name: 'a picture in the header linked with credentials in the URL',
    template: () =>
      docx([hello], {
        header: picture('r:embed="" r:link="rIdH"'),
        parts: [relsPart('word/_rels/header1.xml.rels', rel('rIdH', 'image', 'https://bruger:kodeord@sporing.example/h.gif'))],
      }),
    part: 'word/header1.xml',
    type: 'image',
    shown: 'https://sporing.example/…',
    secret: 'kodeord',
  },
  {
    name: 'a linked OLE object',
    template: () =>
      docx(
        [
          hello,
          '<w:p><w:r><w:object><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" r:id="rIdOle" UpdateMode="Always"/></w:object></w:r></w:p>',
        ],
        {
          relationships: [rel('rIdOle', 'oleObject', 'file:///\\\\fil.example\\regneark\\satser.xlsx')],
        },
      ),
    part: 'word/document.xml',
    type: 'oleObject',
    shown: 'file:///…',
    secret: 'satser',
  },
  {
    name: 'an external package',
    template: () => docx([hello], { relationships: [rel('rIdPkg', 'package', 'https://angriber.example/pakke.docx')] }),
    part: 'word/document.xml',
    type: 'package',
    shown: 'https://angriber.example/…',
  },
  {
    name: 'a subdocument',
    template: () => docx([hello, '<w:subDoc r:id="rIdSub"/>'], { relationships: [rel('rIdSub', 'subDocument', 'file:///C:/Breve/del2.docx')] }),
    part: 'word/document.xml',
    type: 'subDocument',
    shown: 'file:///…',
    secret: 'del2',
  },
  {
    name: 'a frame (webSettings frameset)',
    template: () =>
      docx([hello], {
        parts: [
          {
            name: 'word/webSettings.xml',
            data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:webSettings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="${REL}"><w:frameset><w:frame><w:sourceFileName r:id="rIdFr"/></w:frame></w:frameset></w:webSettings>`,
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml',
            rId: 'rIdWeb',
            type: 'webSettings',
          },
          relsPart('word/_rels/webSettings.xml.rels', rel('rIdFr', 'frame', 'http://angriber.example/ramme.html')),
        ],
      }),
    part: 'word/webSettings.xml',
    type: 'frame',
    shown: 'http://angriber.example/…',
  },
  {
    name: 'an altChunk with an external target',
    template: () => docx([hello, '<w:altChunk r:id="rIdChunk"/>'], { relationships: [rel('rIdChunk', 'aFChunk', 'https://angriber.example/indhold.html')] }),
    part: 'word/document.xml',
    type: 'aFChunk',
    shown: 'https://angriber.example/…',
  },
  {
    name: 'a w:hyperlink to a file',
    template: () => docx([hello, link('rIdF')], { relationships: [rel('rIdF', 'hyperlink', 'file:///C:/Windows/System32/calc.exe')] }),
    part: 'word/document.xml',
    type: 'hyperlink',
    shown: 'file:///…',
    secret: 'calc',
  },
  {
    name: 'a w:hyperlink to a UNC path',
    template: () => docx([hello, link('rIdU')], { relationships: [rel('rIdU', 'hyperlink', '\\\\angriber.example\\del\\x.docm')] }),
    part: 'word/document.xml',
    type: 'hyperlink',
    shown: '\\\\angriber.example\\…',
    secret: 'x.docm',
  },
  {
    name: 'a w:hyperlink to javascript:',
    template: () => docx([hello, link('rIdJ')], { relationships: [rel('rIdJ', 'hyperlink', 'javascript:alert(document.cookie)')] }),
    part: 'word/document.xml',
    type: 'hyperlink',
    shown: 'javascript:…',
    secret: 'cookie',
  },
  {
    name: 'an attached template named from the body (not settings.xml)',
    template: () => docx([hello], { relationships: [rel('rIdT', 'attachedTemplate', 'https://angriber.example/makro.dotm')] }),
    part: 'word/document.xml',
    type: 'attachedTemplate',
    shown: 'https://angriber.example/…',
  },
];

function refusal(fn: () => unknown): KpBrevError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KpBrevError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('external references the letter is refused for', () => {
  it.each(refused.map((k) => [k.name, k] as const))('%s: refused as .docx, as PDF and in preview, named by the linter', async (_name, kind) => {
    const bytes = kind.template();
    const template = loadTemplate(bytes, { name: 'skabelon.docx' });
    const shown = typeof kind.shown === 'function' ? kind.shown() : kind.shown;
    const err = refusal(() => template.render(ctx));
    expect(err.kind).toBe('refused');
    const text = err.describe('da');
    expect(text).toContain(`Delen ${kind.part} henviser til ${shown} uden for brevet (en relation af typen ${kind.type})`);
    expect(text).toContain('Brevet dannes ikke.');
    if (kind.secret) expect(text).not.toContain(kind.secret);
    expect(err.describe('en')).toContain(`The part ${kind.part} refers to ${shown} outside the letter (a relationship of type ${kind.type})`);
    // Not even a preview carries it.
    expect(refusal(() => template.render(ctx, { preview: true })).kind).toBe('refused');
    await expect(renderTemplatePdf(template, ctx)).rejects.toThrow(KpBrevError);
    await expect(renderTemplatePdf(template, ctx, { preview: true })).rejects.toThrow(KpBrevError);
    const findings = lintDocx(bytes, 'skabelon.docx', defaultSettings()).findings.filter((f) => f.rule === 'external-reference');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.params).toMatchObject({ part: kind.part, type: kind.type, target: shown });
    expect(hits).toBe(0);
  });

  it('a composed letter: a content element with a linked picture or a link to a file', () => {
    const master = docx([p(mergeField('Skabelon:Indhold'))]);
    const compose = (message: Buffer): unknown =>
      composeLetter({
        name: 'np_test',
        master: { key: 'master', pkg: openPackage(master) },
        message: { key: 'np_test', pkg: openPackage(message) },
        element: () => undefined,
        text: () => undefined,
        title: 'T',
        lang: 'da-DK',
      });
    for (const [message, type, shown] of [
      [docx([picture('r:link="rIdPx"')], { relationships: [rel('rIdPx', 'image', `${base}/p.png`)] }), 'image', `${base}/…`],
      [docx([link('rIdF')], { relationships: [rel('rIdF', 'hyperlink', 'file:///C:/x.exe')] }), 'hyperlink', 'file:///…'],
    ] as const) {
      const err = refusal(() => compose(message));
      expect(err.kind).toBe('refused');
      expect(err.describe('da')).toContain(`Delen np_test: word/document.xml henviser til ${shown} uden for brevet (en relation af typen ${type})`);
    }
    expect(hits).toBe(0);
  });

  it('a PDF made from a .docx with a linked picture draws no picture and fetches nothing', async () => {
    const bytes = docx([p('Tekst'), picture('r:link="rIdPx"')], { relationships: [rel('rIdPx', 'image', `${base}/pixel.png`)] });
    const r = await renderPdf(bytes);
    expect(Buffer.from(r.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(r.warnings.map((w) => w.code)).toContain('pdf.image');
    expect(hits).toBe(0);
  });
});

describe('external references the letter keeps or leaves out', () => {
  it('keeps web and mail links', () => {
    const bytes = docx([hello, link('rIdW'), link('rIdM')], {
      relationships: [rel('rIdW', 'hyperlink', 'https://www.borger.dk/pension'), rel('rIdM', 'hyperlink', 'mailto:pension@kommune.dk')],
    });
    const letter = openDocx(loadTemplate(bytes).render(ctx).docx);
    const rels = letter.xml('word/_rels/document.xml.rels');
    expect(rels).toContain('Target="https://www.borger.dk/pension"');
    expect(rels).toContain('Target="mailto:pension@kommune.dk"');
    expect(lintDocx(bytes, 'skabelon.docx', defaultSettings()).findings.filter((f) => f.rule === 'external-reference')).toEqual([]);
  });

  it("leaves out settings.xml's attached template, mail merge data sources and XSLT, with the settings that name them", async () => {
    const settings =
      '<w:attachedTemplate r:id="rIdTpl"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataType w:val="textFile"/><w:query w:val="SELECT * FROM x"/><w:dataSource r:id="rIdSrc"/></w:mailMerge><w:saveThroughXslt r:id="rIdXsl"/>';
    const bytes = docx([hello], {
      settings,
      parts: [
        relsPart(
          'word/_rels/settings.xml.rels',
          rel('rIdTpl', 'attachedTemplate', '\\\\angriber.example\\skabeloner\\makro.dotm'),
          rel('rIdSrc', 'mailMergeSource', 'file:///C:/Data/borgere.xlsx'),
          rel('rIdXsl', 'transform', `${base}/t.xsl`),
        ),
      ],
    });
    const template = loadTemplate(bytes);
    const letter = openDocx(template.render(ctx).docx);
    expect(letter.texts()).toEqual(['Kære Karen']);
    const letterSettings = letter.xml('word/settings.xml');
    expect(letterSettings).not.toMatch(/attachedTemplate|mailMerge|saveThroughXslt|r:id=/);
    letter.root('word/settings.xml'); // well-formed
    letter.root('word/_rels/settings.xml.rels');
    expect(letter.xml('word/_rels/settings.xml.rels')).not.toContain('<Relationship ');
    expect(letterSettings).toContain('<w:defaultTabStop w:val="1304"/>');
    // The PDF and the linter have nothing to say about them.
    const pdf = await renderTemplatePdf(template, ctx);
    expect(pdf.pages).toBe(1);
    expect(lintDocx(bytes, 'skabelon.docx', defaultSettings()).findings.filter((f) => f.rule === 'external-reference')).toEqual([]);
    expect(hits).toBe(0);
  });

  it('shows where a target points without its path, query or credentials', () => {
    expect(describeTarget('https://user:secret@host.example:8443/a/b?c=1#d')).toBe('https://host.example:8443/…');
    expect(describeTarget('\\\\server\\share\\dir\\f.png')).toBe('\\\\server\\…');
    expect(describeTarget('//server/share/f.png')).toBe('\\\\server\\…');
    expect(describeTarget('file:///C:/x/y.exe')).toBe('file:///…');
    expect(describeTarget('C:\\x\\y.exe')).toBe('C:\\…');
    expect(describeTarget('javascript:alert(1)')).toBe('javascript:…');
    expect(describeTarget('..\\andre\\fil.docx')).toBe('fil.docx');
  });
});
