/**
 * A damaged part is told in the reader's language: the XML reader's common complaints (an
 * element never closed, an end tag that does not match, a bad character reference...) are said
 * in words of the catalog, in Danish or English, never in the parser's English; a complaint the
 * catalog does not know is shown as the parser's own text, marked as such.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, KpBrevError } from '../../src/diagnostics.js';
import { parseXml } from '../../src/ooxml/xml.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function refusal(xml: string): KpBrevError {
  try {
    parseXml(xml, 'word/document.xml');
  } catch (err) {
    if (err instanceof KpBrevError) return err;
    throw err;
  }
  throw new Error('parseXml accepted the XML');
}

/** XML with one defect, the diagnostic code it must give and words the Danish message holds. */
const CASES: Array<[string, string, string, RegExp]> = [
  ['truncated', `<w:document ${W}><w:body><w:p><w:r><w:t>hej</w:t>`, 'xml.malformed.unclosed', /elementet <w:r> lukkes aldrig/],
  [
    'an element left open',
    `<w:document ${W}><w:body><w:p><w:r><w:t>hej</w:r></w:p></w:body></w:document>`,
    'xml.malformed.close',
    /elementet <w:t> er ikke lukket/,
  ],
  ['an end tag too many', `<w:document ${W}><w:body/></w:document></w:body>`, 'xml.malformed.unmatched', /slutmærket <\/w:body> passer ikke/],
  ['an unknown entity', `<w:document ${W}><w:t>&xxe;</w:t></w:document>`, 'xml.malformed.entity', /tegnreference/],
  ['two roots', `<w:document ${W}/><w:document ${W}/>`, 'xml.malformed.two-roots', /mere end ét element/],
  ['text outside the root', `<w:document ${W}/>tekst`, 'xml.malformed.text-outside', /tekst uden for/],
  [
    'a duplicate attribute',
    `<w:document ${W}><w:p w:rsidR="1" w:rsidR="2"/></w:document>`,
    'xml.malformed.duplicate-attribute',
    /egenskaben w:rsidR står to gange/,
  ],
  ['an unquoted attribute', `<w:document ${W}><w:p w:rsidR=1/></w:document>`, 'xml.malformed.attribute', /anførselstegn/],
  ['no element', '', 'xml.malformed.no-root', /intet element/],
];

/** Words of the parser's own English that must not reach a Danish reader. */
const PARSER_ENGLISH = /unclosed|unmatched|unexpected|entity|root|duplicate|attribute|disallowed/i;

describe('a part that is not well-formed XML', () => {
  for (const [what, xml, code, danish] of CASES) {
    it(`is told in Danish and English: ${what}`, () => {
      const err = refusal(xml);
      const d = err.diagnostics[0]!;
      expect(d.code).toBe(code);
      const da = formatDiagnostic(d, 'da');
      expect(da).toMatch(/Delen word\/document\.xml er ikke gyldig XML: /);
      expect(da).toMatch(danish);
      expect(da).not.toMatch(PARSER_ENGLISH);
      expect(formatDiagnostic(d, 'en')).toMatch(/The part word\/document\.xml is not well-formed XML: /);
    });
  }

  it("shows a complaint the catalog does not know as the parser's text, marked as such", () => {
    const err = refusal(`<w:document ${W}/><?xml version="1.0"?>`);
    const d = err.diagnostics[0]!;
    expect(d.code).toBe('xml.malformed');
    expect(formatDiagnostic(d, 'da')).toMatch(/er ikke gyldig XML \(XML-læserens tekniske besked: /);
  });
});
