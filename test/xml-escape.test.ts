/** XML escaping and unescaping, in one place (src/ooxml/xml.ts). */
import { describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlAll, unescapeXml } from '../src/ooxml/xml.js';

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
