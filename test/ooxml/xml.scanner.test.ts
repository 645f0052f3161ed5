/**
 * parseXml reads the usual part with a fast scanner and falls back to saxes for anything else
 * (docs/decisions.md, "XML: a scanner for the usual, saxes for the rest"). The two must give the
 * same tree, and every refusal must be saxes's: over every part of the sample templates and the
 * real Word files, over generated XML, and over malformed XML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KpBrevError } from '../../src/diagnostics.js';
import { ContentCounter, resolveLimits } from '../../src/limits.js';
import { decodeXml, parseWithSaxes, parseXml, type XElement } from '../../src/ooxml/xml.js';
import { scanXml } from '../../src/ooxml/xml-scan.js';
import { readZip } from '../../src/ooxml/zip.js';

const root = join(import.meta.dirname, '../..');

function docxFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.docx'))
    .map((f) => join(dir, f));
}

/** What parsing gives: the tree, or the refusal's diagnostics. */
function outcome(parse: () => XElement): unknown {
  try {
    return { tree: parse() };
  } catch (err) {
    if (err instanceof KpBrevError) return { error: err.diagnostics };
    throw err;
  }
}

function same(xml: string): void {
  const fast = outcome(() => parseXml(xml, 'word/document.xml'));
  const saxes = outcome(() => parseWithSaxes(xml, 'word/document.xml', new ContentCounter(resolveLimits())));
  expect(fast).toStrictEqual(saxes);
}

describe('the fast XML scanner gives what saxes gives', () => {
  it('over every XML part of the sample templates and the real Word files', () => {
    let parts = 0;
    for (const file of [...docxFiles(join(root, 'templates')), ...docxFiles(join(root, 'test/fixtures'))]) {
      let zip;
      try {
        zip = readZip(readFileSync(file));
      } catch {
        continue;
      }
      for (const name of zip.order) {
        if (!/\.(xml|rels)$/i.test(name)) continue;
        let text: string;
        try {
          text = decodeXml(zip.read(name), name);
        } catch {
          continue;
        }
        same(text);
        // The parts kp-brev's sample templates are made of are all read by the scanner itself.
        if (file.startsWith(join(root, 'templates')))
          expect(scanXml(text, new ContentCounter(resolveLimits())), `${file} ${name}`).toStrictEqual(
            parseWithSaxes(text, name, new ContentCounter(resolveLimits())),
          );
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(500);
  });

  it('over generated XML: names, attributes with entities and white space, text, CDATA, comments', () => {
    const name = fc.constantFrom('w:p', 'w:r', 'w:t', 'w:tbl', 'a', 'x:y-z.1', 'w:rPr');
    const text = fc.string({
      unit: fc.constantFrom('a', 'æ', ' ', '\n', '\t', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x1F600;', '>', '"', "'", '😀', '–'),
    });
    const attr = fc.tuple(fc.constantFrom('w:val', 'w:id', 'xml:space', 'r:id', 'b'), text, fc.constantFrom('"', "'"));
    const leaf = fc.oneof(
      text.map((t) => t.replace(/]]>/g, '')),
      text.map((t) => `<![CDATA[${t.replace(/]]>/g, '').replace(/&/g, '')}]]>`),
      fc.constant('<!-- a comment -->'),
    );
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(
          name,
          fc.uniqueArray(attr, { selector: (a) => a[0], maxLength: 3 }),
          depth > 1 ? fc.array(fc.oneof(leaf, element(depth - 1)), { maxLength: 4 }) : fc.array(leaf, { maxLength: 2 }),
          fc.boolean(),
        )
        .map(([n, attrs, kids, selfClose]) => {
          const a = attrs
            .map(([k, v, q]) => ` ${k}=${q}${v.replace(/[<]/g, '').replace(q === '"' ? /"/g : /'/g, q === '"' ? '&quot;' : '&apos;')}${q}`)
            .join('');
          return selfClose && !kids.length ? `<${n}${a}/>` : `<${n}${a}>${kids.join('')}</${n}>`;
        }),
    );
    fc.assert(
      fc.property(element(3), fc.boolean(), (xml, decl) => {
        same(`${decl ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : ''}${xml}`);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses what saxes refuses, with saxes's message", () => {
    for (const bad of [
      '<a><b></a>',
      '<a>',
      '<a></a><b/>',
      'text<a/>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a>&nbsp;</a>',
      '<a>&#0;</a>',
      '<a>]]></a>',
      '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
      '<a><?xml version="1.0"?></a>',
      '<a b="<"/>',
      '<1a/>',
      '<a>\u0001</a>',
      '<a>\r\n</a>',
      '<a\u00e6/>',
      '',
    ]) {
      same(bad);
    }
  });

  it('counts the limits once, also when saxes reads a part again', () => {
    const limits = { ...resolveLimits(), paragraphs: 3 };
    const ok = '<w:body><w:p/><w:p/><w:p/></w:body>';
    const fallback = '<w:body><w:p/><w:p/><w:p/>\r\n</w:body>';
    expect(() => parseXml(ok, 'p', new ContentCounter(limits))).not.toThrow();
    expect(() => parseXml(fallback, 'p', new ContentCounter(limits))).not.toThrow();
    expect(outcome(() => parseXml(`${ok.slice(0, -9)}<w:p/></w:body>`, 'p', new ContentCounter(limits)))).toStrictEqual(
      outcome(() => parseWithSaxes(`${ok.slice(0, -9)}<w:p/></w:body>`, 'p', new ContentCounter(limits))),
    );
  });

  it('tells apart names whose hashes collide (the process-wide name table compares the characters)', () => {
    // "Aa" and "BB" hash alike (31 * 65 + 97 = 31 * 66 + 66), as do "AaAa", "BBBB", "AaBB" and "BBAa".
    const xml = '<AaAa BB="1" Aa="2"><BBBB AaBB="3" BBAa="4"/><Aa/><BB/></AaAa>';
    same(xml);
    const tree = scanXml(xml, new ContentCounter(resolveLimits()))!;
    expect(tree.name).toBe('AaAa');
    expect(Object.keys(tree.attrs)).toStrictEqual(['BB', 'Aa']);
    expect((tree.children as XElement[]).map((c) => c.name)).toStrictEqual(['BBBB', 'Aa', 'BB']);
    expect(Object.keys((tree.children[0] as XElement).attrs)).toStrictEqual(['AaBB', 'BBAa']);
  });

  it('tells apart attribute values whose hashes collide (the value table compares the characters)', () => {
    const xml = '<r a="Aa" b="BB" c="Aa" d="AaBB"><x v="BBAa"/><x v="AaAa"/><x v="BBBB"/></r>';
    same(xml);
    const tree = scanXml(xml, new ContentCounter(resolveLimits()))!;
    expect({ ...tree.attrs }).toStrictEqual({ a: 'Aa', b: 'BB', c: 'Aa', d: 'AaBB' });
    expect((tree.children as XElement[]).map((c) => c.attrs['v'])).toStrictEqual(['BBAa', 'AaAa', 'BBBB']);
  });

  it('gives attribute objects that inherit nothing, and each element its own children', () => {
    const tree = scanXml('<r constructor="x"><a toString="1"/><b/><b/></r>', new ContentCounter(resolveLimits()))!;
    expect(tree.attrs['constructor']).toBe('x');
    const [a, b1, b2] = tree.children as XElement[];
    expect(a!.attrs['constructor']).toBeUndefined();
    expect('hasOwnProperty' in a!.attrs).toBe(false);
    expect(a!.attrs['toString']).toBe('1');
    expect(b1!.attrs['toString']).toBeUndefined();
    expect(tree.children).toHaveLength(3);
    expect(b1!.children).not.toBe(b2!.children);
  });
});
