/**
 * The search state in a URL fragment (`#q=olympics&speaker=Vladimir+Putin`), so a search can
 * be bookmarked, reloaded and shared. Only what differs from the initial state is written;
 * values that make no sense are dropped when read, never thrown.
 */
import { LIMITS, type SearchRequest, type SortOrder } from '../../main/common/contract';
import type { TimelineRequest } from '../../main/common/timeline';
import { initialState, isIsoDate, isPassageKind, isSortOrder, type UiState } from './state';

/** The search fields that the URL fragment and the HTTP request both carry. */
type SearchFields = Pick<
  SearchRequest,
  'q' | 'speaker' | 'topic' | 'kind' | 'notSpeaker' | 'notTopic' | 'notKind' | 'sort'
> & {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

/**
 * Writes the search fields as query parameters, the one way both the URL and the request
 * do it: array fields become repeated parameters, empty ones are left out, and the sort is
 * left out when it is `omitSort`.
 */
function appendSearchFields(p: URLSearchParams, fields: SearchFields, omitSort?: SortOrder): void {
  if (fields.q !== '') p.set('q', fields.q);
  for (const v of fields.speaker) p.append('speaker', v);
  for (const v of fields.topic) p.append('topic', v);
  for (const v of fields.kind) p.append('kind', v);
  for (const v of fields.notSpeaker ?? []) p.append('notSpeaker', v);
  for (const v of fields.notTopic ?? []) p.append('notTopic', v);
  for (const v of fields.notKind ?? []) p.append('notKind', v);
  if (fields.from !== undefined && fields.from !== null) p.set('from', fields.from);
  if (fields.to !== undefined && fields.to !== null) p.set('to', fields.to);
  if (fields.sort !== omitSort) p.set('sort', fields.sort);
}

/** The query string of a search request for the HTTP API. */
export function searchParams(request: SearchRequest): URLSearchParams {
  const p = new URLSearchParams();
  appendSearchFields(p, request);
  p.set('limit', String(request.limit));
  p.set('offset', String(request.offset));
  if (request.after !== undefined) p.set('after', request.after);
  if (request.facetLimit !== undefined) p.set('facetLimit', String(request.facetLimit));
  if (request.collapse !== undefined) p.set('collapse', request.collapse);
  if (request.minSources !== undefined) p.set('minSources', String(request.minSources));
  if (request.group !== undefined) p.set('group', request.group);
  return p;
}

/** The query string of a timeline request for the HTTP API (it has no sort). */
export function timelineParams(request: TimelineRequest): URLSearchParams {
  const p = new URLSearchParams();
  appendSearchFields(p, { ...request, sort: 'relevance' }, 'relevance');
  if (request.series !== undefined) p.set('series', request.series);
  return p;
}

export function urlFromState(state: UiState): string {
  const p = new URLSearchParams();
  appendSearchFields(p, state, initialState.sort);
  if (state.group) p.set('group', '1');
  if (state.collapse) p.set('collapse', '1');
  if (state.doc !== null) p.set('doc', state.doc);
  if (state.passage !== null) p.set('passage', state.passage);
  const s = p.toString();
  return s === '' ? '' : `#${s}`;
}

/** Reads a fragment (with or without its `#`) back into a state. */
export function stateFromUrl(fragment: string): UiState {
  const p = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : fragment);
  const values = (name: string) => {
    const seen = new Set<string>();
    for (const v of p.getAll(name)) {
      if (v.length > 0 && v.length <= LIMITS.filterValueLength && seen.size < LIMITS.filterValues)
        seen.add(v);
    }
    return [...seen];
  };
  const date = (name: string) => {
    const v = p.get(name);
    return v !== null && isIsoDate(v) ? v : null;
  };
  const id = (name: string) => {
    const v = p.get(name);
    return v !== null && v.length > 0 && v.length <= LIMITS.idLength ? v : null;
  };
  const sort = p.get('sort');
  const doc = id('doc');
  return {
    q: (p.get('q') ?? '').slice(0, LIMITS.queryLength),
    speaker: values('speaker'),
    topic: values('topic'),
    kind: values('kind').filter(isPassageKind),
    notSpeaker: values('notSpeaker'),
    notTopic: values('notTopic'),
    notKind: values('notKind').filter(isPassageKind),
    from: date('from'),
    to: date('to'),
    sort: sort !== null && isSortOrder(sort) ? sort : initialState.sort,
    group: p.get('group') === '1',
    collapse: p.get('collapse') === '1',
    doc,
    passage: doc === null ? null : id('passage'),
  };
}
