/**
 * Merging the responses of shards to one request into the response one index would give.
 *
 * - `total` and facet counts add up (each shard counted disjoint passages). Speaker and topic
 *   lists are cut to `facetLimit` after adding; for exact counts of every value, build the
 *   shards with `facetLimit: Infinity` (a value outside a shard's top list would otherwise be
 *   missing from that shard's part).
 * - Date buckets are summed and bucketed again by the granularity rule of dateFacet.ts.
 * - Hits are merged by the request's order and then `offset`/`limit` are applied: ask each
 *   shard for `offset + limit` hits with offset 0.
 * - Scores: BM25 with idf from each shard's own statistics. With sources spread over shards
 *   at random (by hash) the statistics agree closely, so scores are comparable in practice;
 *   they are not bit-identical to a single index's.
 */
import type { FacetValue, Hit, SearchRequest, SearchResponse } from '../common/contract';
import { bucketDates } from './dateFacet';

export function mergeResponses(
  request: SearchRequest,
  parts: SearchResponse[],
  options: { facetLimit?: number } = {},
): SearchResponse {
  const limitFacets = options.facetLimit ?? 50;
  const query = parts[0]?.query ?? (typeof request.q === 'string' ? request.q : '');
  const notes = [...new Set(parts.flatMap((p) => p.notes))];
  const total = parts.reduce((s, p) => s + p.total, 0);
  const tookMs = parts.reduce((m, p) => Math.max(m, p.tookMs), 0);

  const sum = (lists: FacetValue[][], cut: boolean, selected: string[]): FacetValue[] => {
    const m = new Map<string, number>();
    for (const l of lists) for (const v of l) m.set(v.value, (m.get(v.value) ?? 0) + v.count);
    const out = [...m.entries()].map(([value, count]) => ({ value, count }));
    out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    if (!cut || out.length <= limitFacets) return out;
    const kept = out.slice(0, limitFacets);
    for (const v of out.slice(limitFacets)) if (selected.includes(v.value)) kept.push(v);
    return kept;
  };

  // Dates: a shard's range lies within the merged range, so its buckets are never coarser
  // than the merged granularity; re-bucketing the summed keys gives the single-index answer.
  const dated = new Map<string, number>();
  for (const p of parts)
    for (const v of p.facets.date) dated.set(v.value, (dated.get(v.value) ?? 0) + v.count);
  const date = bucketDates([...dated.entries()].map(([d, count]) => ({ date: d, count })));

  const hits = mergeHits(
    request,
    parts.map((p) => p.hits),
  );
  const offset = Math.max(0, Math.floor(request.offset ?? 0));
  const limit = Math.max(0, Math.floor(request.limit ?? 20));
  return {
    query,
    total,
    tookMs,
    hits: hits.slice(offset, offset + limit),
    facets: {
      speaker: sum(
        parts.map((p) => p.facets.speaker),
        true,
        request.speaker ?? [],
      ),
      topic: sum(
        parts.map((p) => p.facets.topic),
        true,
        request.topic ?? [],
      ),
      kind: sum(
        parts.map((p) => p.facets.kind),
        false,
        [],
      ),
      date,
    },
    notes,
  };
}

function mergeHits(request: SearchRequest, lists: Hit[][]): Hit[] {
  const all = lists.flat();
  const hasQuery = typeof request.q === 'string' && request.q.trim() !== '';
  const sort = request.sort === 'relevance' && !hasQuery ? 'date-desc' : request.sort;
  const dateKey = (h: Hit): string => h.date ?? '';
  all.sort((a, b) => {
    if (sort === 'relevance') {
      if (b.score !== a.score) return b.score - a.score;
    } else {
      const da = dateKey(a);
      const db = dateKey(b);
      if (da !== db) {
        // Undated hits last in both orders.
        if (da === '') return 1;
        if (db === '') return -1;
        return sort === 'date-asc' ? (da < db ? -1 : 1) : da < db ? 1 : -1;
      }
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return all;
}
