/**
 * Wildcards in IF comparisons (`?` one character, `*` any run) match exactly as a simple
 * dynamic-programming matcher does, and crafted conditions that made the old RegExp backtrack
 * for minutes complete at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchWildcard } from '../../src/template/wildcard.js';
import { compare } from '../../src/template/compare.js';
import { DANISH } from '../../src/format/locale.js';
import { docx, field, mergeField, p, renderDocx } from '../helpers/build.js';

/** The reference: dp[i][j] = text[0, i) matches pattern[0, j), over code points. */
function reference(text: string, pattern: string): boolean {
  const t = Array.from(text);
  const q = Array.from(pattern);
  let prev: boolean[] = new Array<boolean>(q.length + 1).fill(false);
  prev[0] = true;
  for (let j = 1; j <= q.length; j++) prev[j] = prev[j - 1]! && q[j - 1] === '*';
  for (let i = 1; i <= t.length; i++) {
    const cur: boolean[] = new Array<boolean>(q.length + 1).fill(false);
    for (let j = 1; j <= q.length; j++) {
      const c = q[j - 1]!;
      cur[j] = c === '*' ? cur[j - 1]! || prev[j]! : prev[j - 1]! && (c === '?' || c === t[i - 1]);
    }
    prev = cur;
  }
  return prev[q.length]!;
}

const letters = fc.constantFrom('a', 'b', '😀');
const text = fc.array(letters, { maxLength: 12 }).map((a) => a.join(''));
const pattern = fc.array(fc.constantFrom('a', 'b', '😀', '*', '?'), { maxLength: 10 }).map((a) => a.join(''));

/** A pattern made from a text (so that it often matches): some characters become `?`, some
 * runs become `*`. Long ones have pieces with `?` over several 32-bit words. */
const derived = fc
  .tuple(fc.array(fc.constantFrom('a', 'b'), { minLength: 60, maxLength: 200, size: 'max' }), fc.array(fc.nat(39), { minLength: 200, maxLength: 200 }))
  .map(([chars, dice]) => {
    let pat = '';
    for (let i = 0; i < chars.length; i++) {
      const d = dice[i]!;
      if (d === 0) pat += '?';
      else if (d === 1) {
        pat += '*';
        i += dice[(i + 1) % dice.length]! % 4;
      } else if (d === 2 && i % 8 === 0) pat += chars[i] === 'a' ? 'b' : 'a';
      else pat += chars[i];
    }
    return { text: chars.join(''), pat };
  });

describe('wildcard matching', () => {
  it('agrees with a dynamic-programming matcher on short strings', () => {
    fc.assert(
      fc.property(text, pattern, (t, q) => {
        expect(matchWildcard(t, q)).toBe(reference(t, q));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with it on long patterns derived from the text (pieces wider than 32 characters)', () => {
    fc.assert(
      fc.property(derived, ({ text: t, pat }) => {
        expect(matchWildcard(t, pat)).toBe(reference(t, pat));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the cases Word users write', () => {
    expect(matchWildcard('BH-12', 'BH*')).toBe(true);
    expect(matchWildcard('BH-12', 'BH-??')).toBe(true);
    expect(matchWildcard('BH-1', 'BH-??')).toBe(false);
    expect(matchWildcard('TP-1X', '*X')).toBe(true);
    expect(matchWildcard('aba', 'ab*ba')).toBe(false);
    expect(matchWildcard('abba', 'ab*ba')).toBe(true);
    expect(matchWildcard('Åse 😀', '?se ?')).toBe(true);
    expect(matchWildcard('', '*')).toBe(true);
    expect(matchWildcard('', '')).toBe(true);
    expect(matchWildcard('x', '')).toBe(false);
  });
});

/** The IF comparison `=` (which matches wildcards in its right-hand side). */
const matches = (left: string, right: string): boolean => compare(left, '=', right, DANISH);

// Each of these took the RegExp matcher from 40 s to many minutes; now they take milliseconds
// (about a second on the loaded 2-core test machine). The test timeout is a guard against that
// blow-up coming back, not a speed limit: 30 s is far beyond any working matcher on a busy
// machine, and below the 40 s the quickest of them took the old one (vitest fails a test that
// returns after its timeout).
describe('crafted conditions', () => {
  it('"*a*a*a*a*b" against 250 characters', { timeout: 30_000 }, () => {
    expect(matches('a'.repeat(250), '*a*a*a*a*b')).toBe(false);
    expect(matches('a'.repeat(250) + 'b', '*a*a*a*a*b')).toBe(true);
  });

  it('an IF of about 80 characters in a template', { timeout: 30_000 }, () => {
    const condition = '*a'.repeat(10) + '*b';
    const t = docx([p(field(' IF ', mergeField('Kode'), ` = "${condition}" "ja" "nej" `))]);
    expect(renderDocx(t, { fields: { Kode: 'a'.repeat(40) } }).texts()).toEqual(['nej']);
    expect(renderDocx(t, { fields: { Kode: 'a'.repeat(40) + 'b' } }).texts()).toEqual(['ja']);
  });

  it('long pieces, with and without ?, against a long value', { timeout: 30_000 }, () => {
    const value = 'a'.repeat(200_000);
    expect(matches(value, '*' + 'a'.repeat(5_000) + 'b*')).toBe(false);
    expect(matches(value, '*' + 'a?'.repeat(2_500) + 'b*')).toBe(false);
    expect(matches(value + 'b', '*' + 'a?'.repeat(2_500) + 'b')).toBe(true);
    expect(matches(value, '*a'.repeat(1_000) + '*')).toBe(true);
  });
});
