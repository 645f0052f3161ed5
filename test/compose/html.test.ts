/** Golden tests of the HTML subset → WordprocessingML conversion for Html: flettetekster. */
import { describe, expect, it } from 'vitest';
import { htmlHasBlocks, htmlToBlocks, htmlToRuns, HtmlError, type HtmlTarget } from '../../src/compose/html.js';

function target(
  styles: Record<string, string> = { 'heading 2': 'Heading2', 'List Paragraph': 'ListParagraph', Hyperlink: 'Hyperlink' },
): HtmlTarget & { links: string[]; lists: string[] } {
  const links: string[] = [];
  const lists: string[] = [];
  let num = 10;
  return {
    links,
    lists,
    styleId: (name) => styles[name],
    hyperlink: (url) => {
      links.push(url);
      return `rIdL${links.length}`;
    },
    bulletList: () => {
      lists.push('bullet');
      return 5;
    },
    numberedList: () => {
      lists.push('decimal');
      return num++;
    },
    textWidth: 9000,
  };
}

describe('HTML to WordprocessingML', () => {
  it('paragraphs with bold, italic, underline and a line break', () => {
    expect(htmlToBlocks('<p>Hej <b>fed</b> og <i>kursiv</i>,<br><u>streg</u></p>', target())).toBe(
      '<w:p><w:r><w:t xml:space="preserve">Hej </w:t></w:r><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">fed</w:t></w:r><w:r><w:t xml:space="preserve"> og </w:t></w:r><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">kursiv</w:t></w:r><w:r><w:t xml:space="preserve">,</w:t></w:r><w:r><w:br/></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">streg</w:t></w:r></w:p>',
    );
  });

  it('collapses whitespace as a browser does, across inline elements', () => {
    const xml = htmlToBlocks('<p>\n  Se   <b>vigtigt</b> <em>nu</em>  </p>', target());
    expect(
      xml
        .match(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)!
        .map((t) => t.replace(/<[^>]+>/g, ''))
        .join(''),
    ).toBe('Se vigtigt nu ');
  });

  it('headings use the letter’s heading styles, with an outline level when the style is missing', () => {
    expect(htmlToBlocks('<h2>Titel</h2>', target())).toBe(
      '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Titel</w:t></w:r></w:p>',
    );
    expect(htmlToBlocks('<h1>Titel</h1>', target({}))).toBe(
      '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Titel</w:t></w:r></w:p>',
    );
  });

  it('lists become numbering, nested lists a level deeper, each ordered list starting at 1', () => {
    const t = target();
    const xml = htmlToBlocks('<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul><ol><li>x</li></ol><ol><li>y</li></ol>', t);
    const items = [...xml.matchAll(/<w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/>.*?<w:t xml:space="preserve">([^<]*)</g)].map(
      (m) => `${m[3]}:${m[1]}:${m[2]}`,
    );
    expect(items).toEqual(['a:0:5', 'a1:1:5', 'b:0:5', 'x:0:10', 'y:0:11']);
    expect(xml).toContain('<w:pStyle w:val="ListParagraph"/>');
  });

  it('links become hyperlinks with the Hyperlink style', () => {
    const t = target();
    expect(htmlToBlocks('<p><a href="https://www.borger.dk/fuldmagt">om fuldmagt</a></p>', t)).toBe(
      '<w:p><w:hyperlink r:id="rIdL1" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">om fuldmagt</w:t></w:r></w:hyperlink></w:p>',
    );
    expect(t.links).toEqual(['https://www.borger.dk/fuldmagt']);
  });

  it('tables get a grid, equal columns and a repeated header row', () => {
    const xml = htmlToBlocks(
      '<table><thead><tr><th>Post</th><th>Beløb</th></tr></thead><tbody><tr><td>Husleje</td><td>5.200 kr.</td></tr></tbody></table>',
      target(),
    );
    expect(xml).toContain('<w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>');
    expect(xml).toContain('<w:tr><w:trPr><w:tblHeader/></w:trPr>');
    expect(xml.match(/<w:tc>/g)).toHaveLength(4);
    expect(xml).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Post/);
    expect(xml).toContain('<w:tblBorders>');
  });

  it('text without blocks can go inline', () => {
    expect(htmlHasBlocks('Hej <b>du</b>')).toBe(false);
    expect(htmlHasBlocks('<p>Hej</p>')).toBe(true);
    expect(htmlToRuns('Hej <b>du</b>', target())).toBe(
      '<w:r><w:t xml:space="preserve">Hej </w:t></w:r><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">du</w:t></w:r>',
    );
  });

  it('escapes text and refuses anything outside the subset', () => {
    expect(htmlToBlocks('<p>a &lt;b&gt; &amp; "c"</p>', target())).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    for (const [html, code] of [
      ['<script>x</script>', 'html.dangerous'],
      ['<style>p{}</style>', 'html.dangerous'],
      ['<iframe src="x"></iframe>', 'html.dangerous'],
      ['<img src="x.png">', 'html.dangerous'],
      ['<p style="x" onmouseover="y">a</p>', 'html.dangerous'],
      ['<a href="javascript:void(0)">a</a>', 'html.dangerous'],
      ['<a href="/relativ">a</a>', 'html.link'],
      ['<blink>a</blink>', 'html.unsupported'],
    ] as const) {
      expect(() => htmlToBlocks(html, target()), html).toThrow(HtmlError);
      try {
        htmlToBlocks(html, target());
      } catch (e) {
        expect((e as HtmlError).code, html).toBe(code);
      }
    }
  });
});
