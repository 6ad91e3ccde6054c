/**
 * The timeline of a search, built from the search itself: each series is one search (the
 * request's filters plus the series' speaker or term) whose date facet counts every match,
 * so the answer covers all matches, and a sharded service (whose searches are merged) gives
 * what one index would. The series share one granularity, the date facet's rule applied to
 * all of them together, and the periods between the first and the last match are all listed
 * (a month without matches is a 0, not a gap).
 */
import { NO_SPEAKER, searchRequest, type SearchRequest, type SearchResponse } from '../common/contract';
import {
  ALL_MATCHES_LABEL,
  TIMELINE_MAX_SERIES,
  comparisonTerms,
  resolveSeriesMode,
  type TimelineRequest,
  type TimelineResponse,
  type TimelineSeries,
  type TimelineSeriesBy,
} from '../common/timeline';
import { ContractError } from '../common/contract';
import { bucketKey, granularityFor, type Granularity } from './dateFacet';

/** What a series is made of: its label and the search that counts it. */
export interface SeriesPlan {
  label: string;
  speaker?: string;
  q?: string;
  request: SearchRequest;
}

/**
 * The request's date range as a query filter. The date facet ignores the request's own
 * `from`/`to` (facets are disjunctive), while a query filter narrows it; `date:A..B` keeps
 * every date from A's first day to B's last, as `from`/`to` do.
 */
function dateRangeFilter(from: string | undefined, to: string | undefined): string {
  if (from === undefined && to === undefined) return '';
  return `date:${from ?? '0000'}..${to ?? '9999'}`;
}

/** The series a request draws, each with its search; throws ContractError for a mode that has nothing to draw. */
export function planSeries(request: TimelineRequest): {
  by: TimelineSeriesBy;
  plans: SeriesPlan[];
  notes: string[];
} {
  const by = resolveSeriesMode(request.series ?? 'auto', request.q, request.speaker);
  const { series: _mode, from, to, ...filters } = request;
  const range = dateRangeFilter(from, to);
  // Leading, so that a quote the user left open cannot swallow it.
  const withRange = (q: string): string => (range === '' ? q : `${range} ${q}`);
  const search = (q: string, speaker: string[]): SearchRequest =>
    searchRequest({
      ...filters,
      q: withRange(q),
      speaker,
      limit: 0,
      offset: 0,
      sort: 'date-desc',
      facetLimit: 1,
    });
  let plans: SeriesPlan[];
  if (by === 'term') {
    const terms = comparisonTerms(request.q);
    if (terms.length === 0)
      throw new ContractError('timeline: series=term needs a query, such as "climate, inflation"');
    plans = terms.map((q) => ({ label: q, q, request: search(q, request.speaker) }));
  } else if (by === 'speaker') {
    if (request.speaker.length === 0)
      throw new ContractError('timeline: series=speaker needs at least one speaker');
    plans = request.speaker.map((speaker) => ({
      label: speaker === NO_SPEAKER ? NO_SPEAKER : speaker,
      speaker,
      request: search(request.q, [speaker]),
    }));
  } else {
    plans = [{ label: ALL_MATCHES_LABEL, request: search(request.q, request.speaker) }];
  }
  const notes: string[] = [];
  if (plans.length > TIMELINE_MAX_SERIES) {
    notes.push(`timeline: ${plans.length} series asked for; the first ${TIMELINE_MAX_SERIES} are drawn`);
    plans = plans.slice(0, TIMELINE_MAX_SERIES);
  }
  return { by, plans, notes };
}

const KEY_LENGTH: Record<Granularity, number> = { year: 4, month: 7, day: 10 };

/** Every period key from `first` to `last` (both of granularity `g`), in order. */
export function periodsBetween(first: string, last: string, g: Granularity): string[] {
  const out: string[] = [];
  if (g === 'year') {
    for (let y = Number(first); y <= Number(last); y++) out.push(String(y).padStart(4, '0'));
  } else if (g === 'month') {
    const month = (k: string) => Number(k.slice(0, 4)) * 12 + Number(k.slice(5, 7)) - 1;
    for (let m = month(first); m <= month(last); m++)
      out.push(`${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`);
  } else {
    const end = Date.parse(`${last}T00:00:00Z`);
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 86_400_000)
      out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Puts the series' date facets on one time axis: one granularity, every period between the ends. */
export function alignSeries(
  plans: SeriesPlan[],
  responses: SearchResponse[],
): { granularity: Granularity; buckets: string[]; series: TimelineSeries[] } {
  const granularity = granularityFor(responses.flatMap((r) => r.facets.date.map((v) => v.value)));
  const length = KEY_LENGTH[granularity];
  const perSeries = responses.map((r) => {
    const counts = new Map<string, number>();
    for (const v of r.facets.date) {
      // A date known less precisely than the buckets (2021 on a monthly chart) has no place on it.
      if (v.value.length < length) continue;
      const key = bucketKey(v.value, granularity);
      counts.set(key, (counts.get(key) ?? 0) + v.count);
    }
    return counts;
  });
  const keys = perSeries.flatMap((m) => [...m.keys()]).sort();
  const buckets = keys.length === 0 ? [] : periodsBetween(keys[0]!, keys[keys.length - 1]!, granularity);
  const series = plans.map((plan, i): TimelineSeries => {
    const counts = buckets.map((b) => perSeries[i]!.get(b) ?? 0);
    const total = responses[i]!.total;
    const placed = counts.reduce((s, c) => s + c, 0);
    return {
      label: plan.label,
      ...(plan.speaker !== undefined ? { speaker: plan.speaker } : {}),
      ...(plan.q !== undefined ? { q: plan.q } : {}),
      total,
      counts,
      undated: Math.max(0, total - placed),
    };
  });
  return { granularity, buckets, series };
}

/** The timeline of a request, from a search function (the service's, so shards are merged). */
export async function buildTimeline(
  request: TimelineRequest,
  search: (request: SearchRequest) => Promise<SearchResponse>,
): Promise<TimelineResponse> {
  const started = performance.now();
  const { by, plans, notes } = planSeries(request);
  const responses = await Promise.all(plans.map((plan) => search(plan.request)));
  const aligned = alignSeries(plans, responses);
  // The range filter is ours; the notes of the user's own query are worth passing on.
  const searchNotes = responses.flatMap((r) => r.notes);
  return {
    query: request.q,
    by,
    ...aligned,
    notes: [...new Set([...notes, ...searchNotes])],
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
