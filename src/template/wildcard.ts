/**
 * Word's wildcards in an IF comparison (`=` / `<>` with `?` or `*` in the right-hand side):
 * `?` stands for one character (a code point), `*` for any run of characters, everything else
 * for itself, case-sensitively; the whole text must match.
 *
 * Matched without backtracking, so that a crafted condition cannot take minutes (a RegExp took
 * 90 s for `"*a*a*a*a*b"` against 250 characters). The pattern is cut at its stars into pieces:
 * the first must match at the start, the last at the end, and each piece between takes its
 * leftmost place after the previous one (taking it later never helps). A piece without `?` is
 * found with Knuth-Morris-Pratt, in time linear in the text and the piece. A piece with `?` is
 * found with the bit-parallel Shift-And algorithm: linear in the text times the piece's length
 * over 32, in memory linear in the piece.
 */

/** `?` in a piece: matches any code point. */
const ANY = -1;

/** Does `text` match `pattern`? */
export function matchWildcard(text: string, pattern: string): boolean {
  const t = codePoints(text);
  const pieces: Int32Array[] = [];
  let piece: number[] = [];
  for (const ch of pattern) {
    if (ch === '*') {
      pieces.push(Int32Array.from(piece));
      piece = [];
    } else piece.push(ch === '?' ? ANY : ch.codePointAt(0)!);
  }
  pieces.push(Int32Array.from(piece));
  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === t.length && matchesAt(t, 0, first);
  const last = pieces[pieces.length - 1]!;
  const end = t.length - last.length;
  if (end < first.length || !matchesAt(t, 0, first) || !matchesAt(t, end, last)) return false;
  let from = first.length;
  for (let k = 1; k < pieces.length - 1; k++) {
    const p = pieces[k]!;
    if (!p.length) continue;
    const at = p.includes(ANY) ? shiftAnd(t, from, end, p) : kmp(t, from, end, p);
    if (at < 0) return false;
    from = at + p.length;
  }
  return true;
}

function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    out[n++] = c;
    if (c > 0xffff) i++;
  }
  return out.subarray(0, n);
}

function matchesAt(t: Int32Array, at: number, p: Int32Array): boolean {
  for (let j = 0; j < p.length; j++) if (p[j] !== ANY && p[j] !== t[at + j]) return false;
  return true;
}

/** Leftmost start of `p` (no `?`) inside t[from, end), or -1. */
function kmp(t: Int32Array, from: number, end: number, p: Int32Array): number {
  const m = p.length;
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && p[i] !== p[k]) k = fail[k - 1]!;
    if (p[i] === p[k]) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && t[i] !== p[k]) k = fail[k - 1]!;
    if (t[i] === p[k]) k++;
    if (k === m) return i - m + 1;
  }
  return -1;
}

/**
 * Leftmost start of `p` (with `?`) inside t[from, end), or -1. Bit j of the state is set when
 * p[0..j] matches the text ending at the current character. A character that occurs often in
 * the piece gets its own mask; the others (at most the piece's length in all) are set bit by
 * bit, so memory stays linear in the piece.
 */
function shiftAnd(t: Int32Array, from: number, end: number, p: Int32Array): number {
  const m = p.length;
  const words = (m + 31) >>> 5;
  const any = new Int32Array(words);
  const positions = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    const c = p[j]!;
    if (c === ANY) any[j >>> 5]! |= 1 << (j & 31);
    else {
      const list = positions.get(c);
      if (list) list.push(j);
      else positions.set(c, [j]);
    }
  }
  const dense = new Map<number, Int32Array>();
  for (const [c, list] of positions) {
    if (list.length <= words) continue;
    const mask = Int32Array.from(any);
    for (const j of list) mask[j >>> 5]! |= 1 << (j & 31);
    dense.set(c, mask);
  }
  const state = new Int32Array(words);
  const kept = new Int32Array(words);
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  for (let i = from; i < end; i++) {
    // Shift left by one (a match may start here), then keep the bits the character allows.
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const v = state[w]!;
      state[w] = (v << 1) | carry;
      carry = v >>> 31;
    }
    const c = t[i]!;
    const mask = dense.get(c);
    if (mask) {
      for (let w = 0; w < words; w++) state[w]! &= mask[w]!;
    } else {
      const list = positions.get(c);
      if (list) {
        // Keep the `?` bits and, bit by bit, the places of this character.
        let n = 0;
        for (const j of list) if (state[j >>> 5]! & (1 << (j & 31))) kept[n++] = j;
        for (let w = 0; w < words; w++) state[w]! &= any[w]!;
        for (let k = 0; k < n; k++) state[kept[k]! >>> 5]! |= 1 << (kept[k]! & 31);
      } else {
        for (let w = 0; w < words; w++) state[w]! &= any[w]!;
      }
    }
    if (state[lastWord]! & lastBit) return i - m + 1;
  }
  return -1;
}
