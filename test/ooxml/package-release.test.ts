/**
 * A package whose trees were dropped (`release()`, once a template is compiled) parses a part
 * again when a later stage asks for it (lint's style rules, the external-reference rule, the
 * PDF's styles): that part was counted against the content limits when it was first parsed,
 * so it is not counted again. A template within the limits stays within them however often its
 * parts are read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KpBrevError } from '../../src/diagnostics.js';
import { resolveLimits, type Limits } from '../../src/limits.js';
import { openPackage } from '../../src/ooxml/package.js';
import { SharedParts } from '../../src/ooxml/shared-parts.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/ooxml/zip.js';

const bytes = readFileSync(join(import.meta.dirname, '../../templates/central/beskedskabeloner/np_1004.docx'));
const limits = (elements: number): Limits => ({ ...resolveLimits(), elements });
const opens = (elements: number, shared?: SharedParts): boolean => {
  try {
    openPackage(bytes, DEFAULT_ZIP_LIMITS, limits(elements), shared);
    return true;
  } catch (err) {
    if (err instanceof KpBrevError && err.diagnostics[0]!.code === 'limit.elements') return false;
    throw err;
  }
};

/** The smallest elements limit the template opens under (it is exactly at the limit there). */
function tightest(): number {
  let lo = 1;
  let hi = 1_000_000;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (opens(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

describe('a released package', () => {
  const n = tightest();

  it('parses its parts again without counting them twice against the limits', () => {
    expect(opens(n - 1)).toBe(false);
    const pkg = openPackage(bytes, DEFAULT_ZIP_LIMITS, limits(n));
    const styles = pkg.stylesPart!;
    const first = pkg.xml(styles);
    for (let i = 0; i < 3; i++) {
      pkg.release();
      const again = pkg.xml(styles);
      expect(again).not.toBe(first);
      expect(again.children.length).toBe(first.children.length);
      expect(pkg.xml(pkg.mainPart).name).toBe('w:document');
      for (const part of pkg.storyParts) pkg.xml(part.part);
    }
  });

  it('does the same when its parts are shared with other packages of a run', () => {
    const shared = new SharedParts();
    expect(opens(n, shared)).toBe(true);
    const pkg = openPackage(bytes, DEFAULT_ZIP_LIMITS, limits(n), shared);
    pkg.release();
    expect(pkg.xml(pkg.stylesPart!).name).toBe('w:styles');
    expect(pkg.xml(pkg.mainPart).name).toBe('w:document');
  });
});
