/** src/memo.ts: a pure function of one key, remembered and bounded. */
import { describe, expect, it } from 'vitest';
import { remembered } from '../../src/memo.js';

describe('remembered', () => {
  it('computes a key once, undefined results included, and forgets all when full', () => {
    const calls: string[] = [];
    const f = remembered((key: string): string | undefined => {
      calls.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    }, 2);
    expect(f('a')).toBe('A');
    expect(f('none')).toBeUndefined();
    expect(f('a')).toBe('A');
    expect(f('none')).toBeUndefined();
    expect(calls).toStrictEqual(['a', 'none']);
    // Full: the next new key clears what was kept.
    expect(f('b')).toBe('B');
    expect(f('a')).toBe('A');
    expect(calls).toStrictEqual(['a', 'none', 'b', 'a']);
  });
});
