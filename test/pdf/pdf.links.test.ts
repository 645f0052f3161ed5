/**
 * Links in the PDF: a HYPERLINK field is read with the field-code parser, only web and mail
 * addresses become link annotations, and the address is written as a valid PDF string (read
 * back with pikepdf).
 */
import { describe, expect, it } from 'vitest';
import { uriString } from '../../src/pdf/writer/structure.js';
import { renderPdf } from '../../src/pdf/index.js';
import { docx } from '../helpers/build.js';
import { layOut, pdfLinkTargets, pdfuaAvailable } from '../helpers/pdf.js';

describe('links in the PDF', () => {
  const rel = (target: string): string =>
    `<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${target}" TargetMode="External"/>`;
  const linked = (target: string): Buffer =>
    docx([`<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>her</w:t></w:r></w:hyperlink></w:p>`], { relationships: [rel(target)] });

  it('an address with a lone parenthesis or a backslash is written as a valid PDF string', async () => {
    expect(uriString('https://x.dk/a)b\\c(æ')).toBe('https://x.dk/a\\)b\\\\c\\(%C3%A6');
    if (!pdfuaAvailable()) return;
    const { pdf } = await renderPdf(linked('https://x.dk/a)b(c'));
    expect(pdfLinkTargets(pdf)).toEqual(['https://x.dk/a)b(c']);
  });

  it('a HYPERLINK field is read with the field-code parser: an escaped quotation mark stays in the address', () => {
    const instr = ' HYPERLINK "https://kp.dk/a\\" \\l \\"b" ';
    const letter = docx([`<w:p><w:fldSimple w:instr="${instr.replace(/"/g, '&quot;')}"><w:r><w:t>her</w:t></w:r></w:fldSimple></w:p>`]);
    expect(layOut(letter).letter.pages[0]!.links.map((l) => [l.url, l.anchor])).toEqual([['https://kp.dk/a" \\l "b', undefined]]);
  });

  it('a link to a file becomes plain text, with a warning', async () => {
    const { pdf, warnings } = await renderPdf(linked('file:///C:/Windows/System32/calc.exe'));
    expect(warnings.map((w) => w.code)).toContain('pdf.link');
    if (pdfuaAvailable()) expect(pdfLinkTargets(pdf)).toEqual([]);
  });
});
