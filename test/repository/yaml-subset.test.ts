/**
 * The subset reader for manifests and catalogs (src/repository/yaml-subset.ts) answers what the
 * `yaml` package's parse answers, or nothing: over the sample repository's files, a generated
 * large repository's, and generated documents written by yaml's own stringify in its several
 * styles; and it gives up at what it does not know.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseYamlSubset } from '../../src/repository/yaml-subset.js';
import { buildLargeRepository } from '../../scripts/lib/large-repo.js';

const root = join(import.meta.dirname, '../..');

/** The subset's answer, when it gives one, is yaml's. */
function agrees(text: string): boolean {
  const fast = parseYamlSubset(text);
  if (fast === undefined) return false;
  expect(fast).toStrictEqual(parse(text, { uniqueKeys: true }));
  return true;
}

describe('the YAML subset reader', () => {
  it("reads the sample repository's manifests and catalog as yaml does", () => {
    // The central manifest shares lists through anchors (&a1, *a1).
    const files = ['templates/catalog.yaml', 'templates/manifest.yaml', 'templates/kommuner/540/manifest.yaml'];
    for (const f of files) expect(agrees(readFileSync(join(root, f), 'utf8')), f).toBe(true);
    // The single-letter catalog writes flow mappings: yaml reads it.
    expect(parseYamlSubset(readFileSync(join(root, 'samples/enkeltbrev/katalog.yaml'), 'utf8'))).toBeUndefined();
  });

  it("reads a generated repository's municipality manifests as yaml does", async () => {
    const repo = await buildLargeRepository({ kommuner: 3, out: join(mkdtempSync(join(tmpdir(), 'kp-brev-yaml-')), 'repo') });
    for (const code of repo.kommuner) {
      const text = readFileSync(join(repo.dir, 'kommuner', code, 'manifest.yaml'), 'utf8');
      expect(agrees(text), code).toBe(true);
    }
    expect(readdirSync(join(repo.dir, 'kommuner'))).toHaveLength(3);
  });

  it('answers as yaml does for the forms it knows', () => {
    const cases = [
      'a: 1\nb: x y\nc:\n  - 1\n  - two\n',
      "a:\n- 1\n- 2\nb: [x, \"y z\", 'q''s', 3]\n",
      '# comment\n\nkey: value # trailing\nempty:\nlist: []\n',
      '- id: a\n  n: 1\n-   id: b\n    list:\n      - x\n- plain\n-\n  k: v\n',
      'text: |-\n  line one\n\n  line three\n    indented\nnext: 2\n',
      'text: |\n  line\n\nafter: x\n',
      "s: 'it''s'\nd: \"a: b # c\"\nu: æøå Å\n",
      'a: true\nb: False\nc: null\nd: ~\ne: NULL\nf: [true, null]\n',
      'm:\n  n:\n    o: deep\n  p: 0\n',
      'a: 23.19.08 Pension\nb: [2 x, 3, 1.5 y]\nc: 1 #c\nd: 0 days\n',
      'a: &x 1\nb: *x\n',
      'a: &a1\n  - x\n  - y\nb: *a1\nc:\n  - *a1\n  - *a1\n',
      'a: &a1\n- x\nb: *a1\n',
      '- &a1\n  k: v\n  n: 1\n- *a1\n- &a2 [x, y]\n- *a2\n',
      'g: &a3 []\nh: *a3 \nm: &m\n  n: &n\n    o: 1\nn: *n\no: *m\n',
      `a: &x 1\n${Array.from({ length: 99 }, (_, i) => `b${i}: *x\n`).join('')}`,
    ];
    for (const text of cases) expect(agrees(text), text).toBe(true);
    // An alias is the anchored value itself, as yaml's is.
    const shared = parseYamlSubset('a: &a1\n  - x\nb: *a1\n') as { a: unknown; b: unknown };
    expect(shared.b).toBe(shared.a);
    expect(parse('a: &a1\n  - x\nb: *a1\n')).toSatisfy((v: { a: unknown; b: unknown }) => v.a === v.b);
  });

  it('gives up at what it does not know, and at what yaml refuses', () => {
    const cases = [
      'a: !!str 1\n',
      'a: *x\n',
      'b: *x\na: &x 1\n',
      'a: &x\nb: *x\n',
      'a: &x 1\nb: &x 2\nc: *x\n',
      'a: &x\n  b: &y 1\n  c: *y\n',
      'a: &x # comment\n  - 1\n',
      'a: &x !!str 1\n',
      'a: &x &y 1\n',
      'a: &x |\n  text\nb: *x\n',
      'a: &x 1\nb: *x # comment\n',
      'a: &x 1\nb: *x, 2\n',
      '- &a k: v\n- *a\n',
      `a: &x 1\n${Array.from({ length: 100 }, (_, i) => `b${i}: *x\n`).join('')}`,
      'a: {b: 1}\n',
      'a: 1.5\n',
      'a: 0x10\n',
      'a: 007\n',
      'true: 1\n',
      'a: 1\na: 2\n',
      'a: >\n  folded\n',
      'a: "esc\\n"\n',
      'a: "two\n  lines"\n',
      'a: plain\n  continued\n',
      '---\na: 1\n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      '"quoted key": 1\n',
      'a: b: c\n',
      '- - nested\n',
      'just a scalar\n',
      '',
      '# only a comment\n',
      'a: -5\n',
      'a: [x, [y]]\n',
      'a: |\n  no final line break',
      '  indented: root\n',
      'a:\n    b: 1\n  c: 2\n',
    ];
    for (const text of cases) expect(parseYamlSubset(text), JSON.stringify(text)).toBeUndefined();
  });

  it('agrees with yaml on documents yaml writes (property)', () => {
    const key = fc.constantFrom(
      'id',
      'kind',
      'title',
      'version',
      'file',
      'note',
      'overrides',
      'settings',
      'a_b',
      'x-y',
      'null',
      'true',
      'Yes',
      '1',
      '__proto__',
    );
    const text = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        'a',
        'a b',
        'æøå',
        'Ærø Kommune',
        'a: b',
        'a #b',
        '#x',
        '- x',
        '1',
        '1.5',
        '0x1',
        '007',
        'true',
        'null',
        '~',
        '"q"',
        "it's",
        'x\ny',
        'x\n\ny\n',
        ' lead',
        'trail ',
        '[x]',
        '{y}',
        'a,b',
        '* star',
        '& amp',
        '! bang',
        '|',
        '>',
        '%',
        '@',
        '`',
        '\\',
        'tab\there',
        'é',
      ),
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[A-Za-zæøå0-9 ,.:#'"\-\n[\]{}]{0,30}$/),
    );
    const word = fc.stringMatching(/^[a-zæøå][a-zæøå0-9 _@/.-]{0,20}$/);
    const scalar = fc.oneof(
      { arbitrary: word, weight: 6 },
      { arbitrary: fc.integer({ min: 0, max: 100000 }), weight: 3 },
      { arbitrary: fc.boolean(), weight: 1 },
      { arbitrary: text, weight: 3 },
      fc.integer({ min: -5, max: 5 }),
      fc.constant(null),
      fc.double({ noNaN: true }),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
      map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      seq: fc.array(tie('node'), { maxLength: 4 }),
    })).node;
    // Some with a list or mapping in several places, which yaml writes as an anchor and aliases.
    const value = fc.oneof(
      tree,
      fc.tuple(tree, tree, fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 })).map(([shared, other, places]) => {
        const out: Record<string, unknown> = { first: shared, other };
        for (const p of places) out[p] = p === 'c' ? [shared, other] : p === 'd' ? { inner: shared } : shared;
        out[`last${places.length}`] = shared;
        return out;
      }),
    );
    const style = fc.record({
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80, 80),
      collectionStyle: fc.constantFrom('any', 'block', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
      defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL') as fc.Arbitrary<
        'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL'
      >,
    });
    let answered = 0;
    fc.assert(
      fc.property(value, style, (v, opts) => {
        const doc = stringify(v, opts);
        if (agrees(doc)) answered++;
      }),
      { numRuns: 2000 },
    );
    // It is not vacuous: many of them are of the subset.
    expect(answered).toBeGreaterThan(50);
  });
});
