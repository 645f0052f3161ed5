/**
 * Lookups in ascending arrays of numbers (offsets and token indexes that a module collected in
 * order): a binary search instead of a Map built per owner.
 */

/** The index of `value` in `sorted` (ascending, each value once), or -1. */
export function indexInSorted(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
