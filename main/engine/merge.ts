/**
 * Merging the responses of shards to one request into the response one index would give.
 *
 * - `total` and facet counts add up (each shard counted disjoint passages). Speaker and topic
 *   lists are cut to `facetLimit` after adding; for exact counts of every value, build the
 *   shards with `facetLimit: Infinity` (a value outside a shard's top list would otherwise be
 *   missing from that shard's part).
 * - Date buckets are summed and bucketed again by the granularity rule of dateFacet.ts.
 * - Hits are merged in the total order of common/order.ts (the one each shard uses) and then
 *   `offset`/`limit` are applied: ask each shard for `offset + limit` hits with offset 0 and
 *   the same `after` (`shardRequest`). A document's passages are all in one shard, so hits
 *   that tie up to the document keep their shard's order (the sort is stable).
 * - `next` is the cursor of the page's last hit when any shard has more hits after it.
 * - Scores: BM25 with idf from each shard's own statistics. With sources spread over shards
 *   at random (by hash) the statistics agree closely, so scores are comparable in practice;
 *   they are not bit-identical to a single index's.
 */
import type {
  FacetName,
  FacetValue,
  FilterSuggestion,
  Hit,
  SearchRequest,
  SearchResponse,
  SearchSuggestions,
  SortOrder,
} from '../common/contract';
import { compareKeys, encodeCursor, positionOf } from '../common/order';
import { bucketDates } from './dateFacet';

/** Deepest page (`offset + limit`) merged from shards; deeper pages are reached with `after`. */
export const MERGE_DEPTH = 10_000;

/** What each shard is asked for so that the merge can cut the requested page exactly. */
export function shardRequest(request: SearchRequest): SearchRequest {
  const deep = request.offset + request.limit > MERGE_DEPTH;
  // Shards list facets to their own (larger) limit, so the merge can cut to the request's.
  const { facetLimit: _cut, ...rest } = request;
  return { ...rest, offset: 0, limit: deep ? 0 : request.offset + request.limit };
}

/**
 * One request answered by several shards, merged: the path the service takes, so tests and
 * benchmarks can run it in process. A page deeper than MERGE_DEPTH lists no hits and says
 * how to reach it.
 */
export async function searchAcross(
  request: SearchRequest,
  shards: Array<(part: SearchRequest) => Promise<SearchResponse> | SearchResponse>,
): Promise<SearchResponse> {
  const part = shardRequest(request);
  const parts = await Promise.all(shards.map((search) => search(part)));
  const response = mergeResponses(request, parts);
  if (part.limit > 0 || request.limit === 0) return response;
  const { next: _next, ...rest } = response;
  return {
    ...rest,
    hits: [],
    notes: [
      ...response.notes,
      `service: results beyond the first ${MERGE_DEPTH} are listed page by page with the \`after\` cursor, not by offset`,
    ],
  };
}

export function mergeResponses(
  request: SearchRequest,
  parts: SearchResponse[],
  options: { facetLimit?: number } = {},
): SearchResponse {
  const limitFacets = request.facetLimit ?? options.facetLimit ?? 50;
  const facetMore: Partial<Record<FacetName, number>> = {};
  const query = parts[0]?.query ?? (typeof request.q === 'string' ? request.q : '');
  const notes = [...new Set(parts.flatMap((p) => p.notes))];
  const total = parts.reduce((s, p) => s + p.total, 0);
  const tookMs = parts.reduce((m, p) => Math.max(m, p.tookMs), 0);

  const sum = (facet: FacetName, cut: boolean, selected: string[]): FacetValue[] => {
    const lists = parts.map((p) => p.facets[facet]);
    // A shard that cut its own list hides values: at least that many more exist.
    const hidden = parts.reduce((m, p) => Math.max(m, p.facetMore?.[facet] ?? 0), 0);
    const m = new Map<string, number>();
    for (const l of lists) for (const v of l) m.set(v.value, (m.get(v.value) ?? 0) + v.count);
    const out = [...m.entries()].map(([value, count]) => ({ value, count }));
    out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    if (!cut || out.length <= limitFacets) {
      if (hidden > 0) facetMore[facet] = hidden;
      return out;
    }
    const kept = out.slice(0, limitFacets);
    for (const v of out.slice(limitFacets)) if (selected.includes(v.value)) kept.push(v);
    facetMore[facet] = out.length - kept.length + hidden;
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
  const page = hits.slice(offset, offset + limit);
  const last = page[page.length - 1];
  const more = hits.length > offset + page.length || parts.some((p) => p.next !== undefined);
  return {
    query,
    total,
    tookMs,
    hits: page,
    facets: {
      speaker: sum('speaker', true, [...request.speaker, ...(request.notSpeaker ?? [])]),
      topic: sum('topic', true, [...request.topic, ...(request.notTopic ?? [])]),
      kind: sum('kind', false, []),
      date,
    },
    notes,
    ...(Object.keys(facetMore).length > 0 ? { facetMore } : {}),
    ...mergeSuggestions(parts, total),
    ...(last !== undefined && more ? { next: encodeCursor(positionOf(last, sortOf(request))) } : {}),
  };
}

/**
 * A filter value is suggested for only when no shard matched it (each shard that has none
 * suggests for it); nearest values are pooled. A query is suggested only when nothing matched.
 */
function mergeSuggestions(parts: SearchResponse[], total: number): { suggestions?: SearchSuggestions } {
  const filters: FilterSuggestion[] = [];
  const first = parts[0]?.suggestions?.filters ?? [];
  for (const s of first) {
    const all = parts.map((p) =>
      p.suggestions?.filters.find((x) => x.field === s.field && x.value === s.value),
    );
    if (all.some((x) => x === undefined)) continue;
    const nearest = [...new Set(all.flatMap((x) => x!.nearest))].slice(0, 3);
    filters.push({ field: s.field, value: s.value, nearest });
  }
  const query =
    total === 0 ? parts.find((p) => p.suggestions?.query !== undefined)?.suggestions?.query : undefined;
  if (filters.length === 0 && query === undefined) return {};
  return { suggestions: { filters, ...(query !== undefined ? { query } : {}) } };
}

function sortOf(request: SearchRequest): SortOrder {
  return request.sort === 'date-asc' || request.sort === 'date-desc' ? request.sort : 'relevance';
}

function mergeHits(request: SearchRequest, lists: Hit[][]): Hit[] {
  const sort = sortOf(request);
  const keyed = lists.flat().map((hit) => ({ hit, at: positionOf(hit, sort) }));
  // Stable: hits of one document come from one shard, already in their order.
  keyed.sort((a, b) => compareKeys(a.at, b.at));
  return keyed.map((k) => k.hit);
}
