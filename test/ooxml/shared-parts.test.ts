/**
 * Parts many packages hold the same are read once for a run that loads many templates
 * (ooxml/shared-parts.ts, `kp-brev lint` over a repository): the same stored bytes give the
 * same tree, a part that differs is read on its own, and the content limits still count every
 * package's parts.
 */
import { describe, expect, it } from 'vitest';
import { KpBrevError } from '../../src/diagnostics.js';
import { openPackage } from '../../src/ooxml/package.js';
import { SharedParts } from '../../src/ooxml/shared-parts.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/ooxml/zip.js';
import { resolveLimits } from '../../src/limits.js';
import { loadTemplate } from '../../src/template/template.js';
import { toContext } from '../../src/context/context.js';
import { docx, mergeField, p } from '../helpers/build.js';

const one = docx([p('Kære ', mergeField('Navn')), p('Første brev.')]);
const two = docx([p('Kære ', mergeField('Navn')), p('Andet brev, med sin egen tekst.')]);

describe('shared parts', () => {
  it('shares the tree of a part another package holds byte for byte the same, from its second sighting on', () => {
    const shared = new SharedParts();
    const a = openPackage(one, DEFAULT_ZIP_LIMITS, resolveLimits(), shared);
    const b = openPackage(two, DEFAULT_ZIP_LIMITS, resolveLimits(), shared);
    const c = openPackage(one, DEFAULT_ZIP_LIMITS, resolveLimits(), shared);
    const styles = a.stylesPart!;
    // The first package's parts are its own; the second reads and keeps them; the third reuses them.
    expect(b.xml(styles)).not.toBe(a.xml(styles));
    expect(c.xml(styles)).toBe(b.xml(styles));
    expect(c.text(styles)).toBe(b.text(styles));
    // The documents differ: each its own tree, with its own text.
    expect(b.text(b.mainPart)).toContain('Andet brev');
    expect(c.text(c.mainPart)).toContain('Første brev');
    expect(c.text(c.mainPart)).not.toContain('Andet brev');
    // Without sharing, every package parses its own.
    const d = openPackage(one);
    expect(d.xml(styles)).not.toBe(c.xml(styles));
  });

  it('shares field instructions, and compiles the same template as without sharing', () => {
    const shared = new SharedParts();
    const first = loadTemplate(one, { name: 'a.docx', shared });
    const second = loadTemplate(two, { name: 'b.docx', shared });
    expect(second.fieldNodes[0]!.parsed).toBe(first.fieldNodes[0]!.parsed);
    const alone = loadTemplate(two, { name: 'b.docx' });
    expect(second.fields()).toEqual(alone.fields());
    const karen = toContext({ fields: { Navn: 'Karen' } });
    expect(Buffer.from(second.render(karen).docx).equals(alone.render(karen).docx)).toBe(true);
  });

  it('still counts a shared part against the content limits of every package', () => {
    const shared = new SharedParts();
    const limits = { elements: 10_000, paragraphs: 3 };
    for (let i = 0; i < 3; i++) loadTemplate(one, { name: 'a.docx', shared, limits });
    // The document's two paragraphs fit under 3; its shared tree is counted again under 1, and refused.
    let error: unknown;
    try {
      loadTemplate(one, { name: 'a.docx', shared, limits: { ...limits, paragraphs: 1 } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(KpBrevError);
    expect((error as KpBrevError).diagnostics[0]!.code).toBe('limit.paragraphs');
  });
});
