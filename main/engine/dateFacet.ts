/**
 * The date facet: counts per date bucket, with a granularity that adapts to the range of
 * the matches: years when they span three calendar years or more, else months when they
 * span three months or more, else days. The rule reads only years and months, so shards'
 * buckets can be coarsened and merged to exactly what one index would answer.
 * A date known only to the year (`2021`) stays in bucket `2021` at any granularity; one
 * known to the month stays in its month when days are shown.
 */
import type { FacetValue } from '../common/contract';

export type Granularity = 'year' | 'month' | 'day';

/** First and last month (year * 12 + month - 1) a date string or bucket key covers. */
export function dateKeyRange(key: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] === undefined) return [y * 12, y * 12 + 11];
  const mo = y * 12 + Number(m[2]) - 1;
  return [mo, mo];
}

export function granularityFor(keys: Iterable<string>): Granularity {
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of keys) {
    const r = dateKeyRange(k);
    if (!r) continue;
    if (r[0] < lo) lo = r[0];
    if (r[1] > hi) hi = r[1];
  }
  if (lo === Infinity) return 'day';
  if (Math.floor(hi / 12) - Math.floor(lo / 12) >= 3) return 'year';
  if (hi - lo >= 3) return 'month';
  return 'day';
}

export function bucketKey(date: string, g: Granularity): string {
  const len = g === 'year' ? 4 : g === 'month' ? 7 : 10;
  return date.slice(0, Math.min(len, date.length));
}

/** Buckets dated counts; the result is in chronological order. */
export function bucketDates(counts: Array<{ date: string; count: number }>): FacetValue[] {
  const g = granularityFor(counts.map((c) => c.date));
  const m = new Map<string, number>();
  for (const c of counts) {
    const k = bucketKey(c.date, g);
    m.set(k, (m.get(k) ?? 0) + c.count);
  }
  return [...m.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
