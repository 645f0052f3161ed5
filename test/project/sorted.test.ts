/** src/sorted.ts: the index of a value in an ascending array, against indexOf. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexInSorted } from '../../src/sorted.js';

describe('indexInSorted', () => {
  it('finds every value of an ascending array at its index, and -1 for any other value', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }), fc.integer({ min: -1010, max: 1010 }), (values, probe) => {
        const sorted = [...values].sort((a, b) => a - b);
        for (let i = 0; i < sorted.length; i++) expect(indexInSorted(sorted, sorted[i]!)).toBe(i);
        expect(indexInSorted(sorted, probe)).toBe(sorted.indexOf(probe));
        expect(indexInSorted(Int32Array.from(sorted), probe)).toBe(sorted.indexOf(probe));
      }),
    );
  });

  it('says -1 in an empty array', () => {
    expect(indexInSorted([], 0)).toBe(-1);
  });
});
