/** XML escaping and unescaping (src/ooxml/xml.ts) and run markup (src/ooxml/runs.ts), each in one place. */
import { describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlAll, unescapeXml } from '../../src/ooxml/xml.js';

describe('XML escaping (ooxml/xml.ts)', () => {
  it('escapes & < > " for content and attributes, and the apostrophe too when asked', () => {
    expect(escapeXml(`a & b <c> "d" 'e'`)).toBe(`a &amp; b &lt;c&gt; &quot;d&quot; 'e'`);
    expect(escapeXmlAll(`a & b <c> "d" 'e'`)).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  it('unescapes the five predefined entities once, leaving character references', () => {
    expect(unescapeXml('&lt;&gt;&quot;&apos;&amp;')).toBe(`<>"'&`);
    expect(unescapeXml('&amp;lt; &amp;amp; &#233;')).toBe('&lt; &amp; &#233;');
    for (const s of [`x & "y" <'z'>`, '&amp;', '']) expect(unescapeXml(escapeXmlAll(s))).toBe(s);
  });
});

describe('run markup (ooxml/runs.ts)', () => {
  it('writes runs of text, instruction text and breaks', async () => {
    const { breakRunXml, runXml, textRunXml, textXml } = await import('../../src/ooxml/runs.js');
    expect(textRunXml('a & b', '<w:rPr><w:b/></w:rPr>')).toBe('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r>');
    expect(textXml(' MERGEFIELD "x" ', 'w:instrText')).toBe('<w:instrText xml:space="preserve"> MERGEFIELD &quot;x&quot; </w:instrText>');
    expect(breakRunXml()).toBe('<w:r><w:br/></w:r>');
    expect(runXml('', '<w:tab/>', ' w:rsidR="00A1"')).toBe('<w:r w:rsidR="00A1"><w:tab/></w:r>');
  });
});
