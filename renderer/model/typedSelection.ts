/**
 * The facet values that filters typed in the query select (`speaker:psaki` ticks "Jen
 * Psaki"), matched the way the engine matches them: a speaker whose name has a word starting
 * with the value, a topic that is or starts with it, a kind by name; and the date range that
 * typed date filters allow, for the histogram.
 */
import { NO_SPEAKER } from '../../main/common/contract';
import { parseQuery, type QueryFilter } from '../../main/common/query';
import type { ListFacet } from './state';

function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a typed filter of this facet selects the value. */
export function filterSelects(filter: QueryFilter, facet: ListFacet, value: string): boolean {
  if (filter.field !== facet) return false;
  const v = fold(filter.value.trim());
  if (v === '') return false;
  // As in the engine, "(no speaker)" is named in full, never by a word of it.
  if (facet === 'speaker' && value === NO_SPEAKER) return v === NO_SPEAKER;
  if (facet === 'speaker') return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(v)}`, 'u').test(fold(value));
  if (facet === 'topic') return fold(value).startsWith(v.replace(/[\s_]+/g, '-'));
  return value === filter.value;
}

/** The typed filters of the query that select this facet value. */
export function typedFiltersFor(q: string, facet: ListFacet, value: string): QueryFilter[] {
  return parseQuery(q).filters.filter((f) => filterSelects(f, facet, value));
}

/** Of these values, the ones the query's typed filters select. */
export function typedSelection(q: string, facet: ListFacet, values: readonly string[]): string[] {
  const filters = parseQuery(q).filters.filter((f) => f.field === facet);
  if (filters.length === 0) return [];
  return values.filter((v) => filters.some((f) => filterSelects(f, facet, v)));
}

function isoOf(n: number): string {
  let y = Math.floor(n / 10000);
  let m = Math.floor(n / 100) % 100;
  let d = n % 100;
  // "The day before the 1st" (from before:) reads better as the last of the month before.
  if (d === 0) {
    d = 31;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The range typed date filters allow, as ISO-like bounds that compare in date order (an
 * `after:` bound may name a day past the month's end), or nulls where open.
 */
export function typedDateRange(q: string): { from: string | null; to: string | null } {
  let min = -Infinity;
  let max = Infinity;
  for (const f of parseQuery(q).filters) {
    if (!f.range) continue;
    min = Math.max(min, f.range.min);
    max = Math.min(max, f.range.max);
  }
  return {
    from: min > 0 && Number.isFinite(min) ? isoOf(min) : null,
    to: max < 99999999 && Number.isFinite(max) ? isoOf(max) : null,
  };
}

/** The query without these filters (removed from the end, so the earlier positions hold). */
export function withoutFilters(q: string, filters: readonly QueryFilter[]): string {
  let out = q;
  for (const f of [...filters].sort((a, b) => b.start - a.start)) {
    const before = out.slice(0, f.start).replace(/\s+$/, '');
    const after = out.slice(f.end).replace(/^\s+/, '');
    out = before && after ? `${before} ${after}` : before + after;
  }
  return out;
}
