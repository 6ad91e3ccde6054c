/**
 * The date facet as a histogram: the service counts matches per date value (of whatever
 * precision the documents have); this puts them in year, month or day buckets, with empty
 * buckets filled in so the bars keep time's proportions.
 */
import type { FacetValue } from '../../main/common/contract';
import { isIsoDate, rangeEnd, rangeStart } from './state';

export type Granularity = 'year' | 'month' | 'day';

export interface Bucket {
  /** An ISO date of the bucket's precision: usable as `from` and `to` as it is. */
  key: string;
  count: number;
}

export interface Histogram {
  granularity: Granularity;
  buckets: Bucket[];
  max: number;
  /** Matches whose date is less precise than the buckets (a year among months), not drawn. */
  unplaced: number;
}

const MAX_MONTHS = 60;
const MAX_DAYS = 62;

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthKey(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function dayNumber(date: string): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
  );
}

function dayKey(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** The histogram of date facet values; values that are not ISO dates are left out. */
export function dateHistogram(values: readonly FacetValue[]): Histogram {
  const all = values.filter((v) => isIsoDate(v.value) && v.count > 0);
  if (all.length === 0) return { granularity: 'year', buckets: [], max: 0, unplaced: 0 };
  const total = all.reduce((n, d) => n + d.count, 0);
  // The finest precision that nearly all matches have; the few less precise are counted apart.
  const share = (length: number) =>
    all.filter((d) => d.value.length >= length).reduce((n, d) => n + d.count, 0) / total;
  const span = (length: number) => {
    const sorted = all
      .filter((d) => d.value.length >= length)
      .map((d) => d.value)
      .sort();
    return [sorted[0] ?? '', sorted[sorted.length - 1] ?? ''] as const;
  };
  let granularity: Granularity = 'year';
  const [dLo, dHi] = span(10);
  const [mLo, mHi] = span(7);
  if (share(10) >= 0.9 && dayNumber(dHi) - dayNumber(dLo) < MAX_DAYS) granularity = 'day';
  else if (share(7) >= 0.9 && monthIndex(mHi) - monthIndex(mLo) < MAX_MONTHS) granularity = 'month';
  const minLength = granularity === 'year' ? 4 : granularity === 'month' ? 7 : 10;
  const dates = all.filter((d) => d.value.length >= minLength);
  const unplaced = total - dates.reduce((n, d) => n + d.count, 0);
  const [lo, hi] = span(minLength);

  const counts = new Map<string, number>();
  const keyOf = (d: string) =>
    granularity === 'year' ? d.slice(0, 4) : granularity === 'month' ? d.slice(0, 7) : d;
  for (const d of dates) counts.set(keyOf(d.value), (counts.get(keyOf(d.value)) ?? 0) + d.count);

  const keys: string[] = [];
  if (granularity === 'year') {
    for (let y = Number(lo.slice(0, 4)); y <= Number(hi.slice(0, 4)); y++)
      keys.push(String(y).padStart(4, '0'));
  } else if (granularity === 'month') {
    for (let m = monthIndex(lo); m <= monthIndex(hi); m++) keys.push(monthKey(m));
  } else {
    for (let n = dayNumber(lo); n <= dayNumber(hi); n++) keys.push(dayKey(n));
  }
  const buckets = keys.map((key) => ({ key, count: counts.get(key) ?? 0 }));
  return { granularity, buckets, max: Math.max(...buckets.map((b) => b.count)), unplaced };
}

/** Whether a bucket lies within the selected range (open ends included). */
export function bucketInRange(key: string, from: string | null, to: string | null): boolean {
  if (from === null && to === null) return false;
  return (
    (from === null || rangeEnd(key) >= rangeStart(from)) && (to === null || rangeStart(key) <= rangeEnd(to))
  );
}

/** Years and months that have matches, newest first, for the quick-choice lists. */
export function datePresets(values: readonly FacetValue[]): { years: Bucket[]; months: Bucket[] } {
  const years = new Map<string, number>();
  const months = new Map<string, number>();
  for (const v of values) {
    if (!isIsoDate(v.value) || v.count <= 0) continue;
    years.set(v.value.slice(0, 4), (years.get(v.value.slice(0, 4)) ?? 0) + v.count);
    if (v.value.length >= 7)
      months.set(v.value.slice(0, 7), (months.get(v.value.slice(0, 7)) ?? 0) + v.count);
  }
  const list = (m: Map<string, number>) =>
    [...m].map(([key, count]) => ({ key, count })).sort((a, b) => (a.key < b.key ? 1 : -1));
  return { years: list(years), months: list(months) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A short human label of an ISO date of any precision: `2021`, `Dec 2021`, `15 Dec 2021`. */
export function dateLabel(date: string): string {
  if (!isIsoDate(date)) return date;
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  if (date.length === 4 || !month) return date.slice(0, 4);
  if (date.length === 7) return `${month} ${date.slice(0, 4)}`;
  return `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}
