/**
 * Binary search over anything indexable: the first index in `[lo, hi)` for which `before`
 * is false, given that `before` is true for a prefix of the range and false after it.
 */
export function partitionPoint(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
