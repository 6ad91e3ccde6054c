/**
 * The search state of the UI: a plain, serialisable object and pure functions that return a
 * new state for each change. The URL, the request sent to the service and the chips are all
 * derived from it; nothing here touches the DOM.
 */
import {
  LIMITS,
  PASSAGE_KINDS,
  SORT_ORDERS,
  searchRequest,
  type PassageKind,
  type SearchRequest,
  type SortOrder,
} from '../../main/common/contract';

/** The facets whose values are chosen from a list (the date is a range). */
export const LIST_FACETS = ['speaker', 'topic', 'kind'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

export interface UiState {
  /** What is in the search box, with any field filters the user typed. */
  q: string;
  speaker: string[];
  topic: string[];
  kind: PassageKind[];
  /** Facet values left out of the results (the facet's `x` key, or a typed `-speaker:`). */
  notSpeaker: string[];
  notTopic: string[];
  notKind: PassageKind[];
  /** ISO dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), inclusive; null when open. */
  from: string | null;
  to: string | null;
  sort: SortOrder;
  /** Results shown grouped under their document. */
  group: boolean;
  /** One row per quote group: the same words reported by several documents show once. */
  collapse: boolean;
  /** The document open in the reader, and the passage it was opened at. */
  doc: string | null;
  passage: string | null;
}

/** The fields of the state that filter the results. */
type Filters = Pick<
  UiState,
  'speaker' | 'topic' | 'kind' | 'notSpeaker' | 'notTopic' | 'notKind' | 'from' | 'to'
>;

/** No filter at all (new lists each time: a state's lists are never shared). */
function noFilters(): Filters {
  return {
    speaker: [],
    topic: [],
    kind: [],
    notSpeaker: [],
    notTopic: [],
    notKind: [],
    from: null,
    to: null,
  };
}

export const initialState: UiState = {
  q: '',
  ...noFilters(),
  sort: 'relevance',
  group: false,
  collapse: false,
  doc: null,
  passage: null,
};

const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

export function isPassageKind(value: string): value is PassageKind {
  return (PASSAGE_KINDS as readonly string[]).includes(value);
}

export function isSortOrder(value: string): value is SortOrder {
  return (SORT_ORDERS as readonly string[]).includes(value);
}

export function setQuery(state: UiState, q: string): UiState {
  const clipped = q.slice(0, LIMITS.queryLength);
  return clipped === state.q ? state : { ...state, q: clipped };
}

/** Adds the value to the facet's selection, or removes it when it is there (values of one facet are OR-ed). */
export function toggleFacetValue(state: UiState, facet: ListFacet, value: string): UiState {
  if (facet === 'kind') {
    if (!isPassageKind(value)) return state;
    const kind = state.kind.includes(value) ? state.kind.filter((k) => k !== value) : [...state.kind, value];
    // Keep the contract's order so the same selection always gives the same URL.
    return { ...state, kind: PASSAGE_KINDS.filter((k) => kind.includes(k)) };
  }
  const current = state[facet];
  if (current.includes(value)) return { ...state, [facet]: current.filter((v) => v !== value) };
  if (
    current.length >= LIMITS.filterValues ||
    value.length === 0 ||
    value.length > LIMITS.filterValueLength
  ) {
    return state;
  }
  return { ...state, [facet]: [...current, value] };
}

/** The state field that holds a facet's excluded values. */
export const EXCLUDED_FIELD = { speaker: 'notSpeaker', topic: 'notTopic', kind: 'notKind' } as const;

/**
 * Leaves the value out of the results, or brings it back when it is already left out; a value
 * cannot be both selected and excluded, so excluding it unselects it.
 */
export function toggleExcludedValue(state: UiState, facet: ListFacet, value: string): UiState {
  const field = EXCLUDED_FIELD[facet];
  const current: string[] = state[field];
  if (current.includes(value)) return { ...state, [field]: current.filter((v) => v !== value) };
  if (facet === 'kind' && !isPassageKind(value)) return state;
  if (current.length >= LIMITS.filterValues || value.length === 0 || value.length > LIMITS.filterValueLength)
    return state;
  const selected: string[] = state[facet];
  return {
    ...state,
    [facet]: selected.filter((v) => v !== value),
    [field]: [...current, value],
  };
}

export function clearFacet(state: UiState, facet: ListFacet | 'date'): UiState {
  if (facet === 'date')
    return state.from === null && state.to === null ? state : { ...state, from: null, to: null };
  const field = EXCLUDED_FIELD[facet];
  return state[facet].length === 0 && state[field].length === 0
    ? state
    : { ...state, [facet]: [], [field]: [] };
}

/** Sets the date range; ends that are not ISO dates are left open, and a reversed range is put right. */
export function setDateRange(state: UiState, from: string | null, to: string | null): UiState {
  let f = from !== null && isIsoDate(from) ? from : null;
  let t = to !== null && isIsoDate(to) ? to : null;
  if (f !== null && t !== null && rangeStart(f) > rangeEnd(t)) [f, t] = [t, f];
  if (f === state.from && t === state.to) return state;
  return { ...state, from: f, to: t };
}

export function setSort(state: UiState, sort: SortOrder): UiState {
  return sort === state.sort ? state : { ...state, sort };
}

/** Relevance → newest first → oldest first → relevance. */
export function cycleSort(state: UiState): UiState {
  const i = SORT_ORDERS.indexOf(state.sort);
  return setSort(state, SORT_ORDERS[(i + 1) % SORT_ORDERS.length] ?? 'relevance');
}

export function toggleGroup(state: UiState): UiState {
  return { ...state, group: !state.group };
}

export function toggleCollapse(state: UiState): UiState {
  return { ...state, collapse: !state.collapse };
}

export function openDocument(state: UiState, doc: string, passage: string | null): UiState {
  return { ...state, doc, passage };
}

export function closeDocument(state: UiState): UiState {
  return state.doc === null && state.passage === null ? state : { ...state, doc: null, passage: null };
}

export function hasFilters(state: UiState): boolean {
  return (
    state.speaker.length > 0 ||
    state.topic.length > 0 ||
    state.kind.length > 0 ||
    state.notSpeaker.length > 0 ||
    state.notTopic.length > 0 ||
    state.notKind.length > 0 ||
    state.from !== null ||
    state.to !== null
  );
}

/** Removes every facet selection, keeping the query text. */
export function clearFilters(state: UiState): UiState {
  return hasFilters(state) ? { ...state, ...noFilters() } : state;
}

/** The request for one slice of the results of this state. */
export function toRequest(state: UiState, offset = 0, limit: number = LIMITS.defaultPageSize): SearchRequest {
  return searchRequest({
    q: state.q.trim(),
    speaker: state.speaker,
    topic: state.topic,
    kind: state.kind,
    ...(state.notSpeaker.length > 0 ? { notSpeaker: state.notSpeaker } : {}),
    ...(state.notTopic.length > 0 ? { notTopic: state.notTopic } : {}),
    ...(state.notKind.length > 0 ? { notKind: state.notKind } : {}),
    ...(state.from !== null ? { from: state.from } : {}),
    ...(state.to !== null ? { to: state.to } : {}),
    sort: state.sort,
    ...(state.collapse ? { collapse: 'group' as const } : {}),
    offset: Math.max(0, Math.min(LIMITS.maxOffset, Math.floor(offset))),
    limit: Math.max(0, Math.min(LIMITS.pageSize, Math.floor(limit))),
  });
}

/**
 * A key that is equal for two states exactly when they ask for the same results, so a page
 * fetched for one can be reused for the other (the reader and grouping do not change results).
 */
export function resultsKey(state: UiState): string {
  return JSON.stringify([
    state.q.trim(),
    state.speaker,
    state.topic,
    state.kind,
    state.notSpeaker,
    state.notTopic,
    state.notKind,
    state.from,
    state.to,
    state.sort,
    state.collapse,
  ]);
}

/** The first day a partial ISO date covers, comparable as a string. */
export function rangeStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** An upper bound of the days a partial ISO date covers, comparable as a string. */
export function rangeEnd(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

export function statesEqual(a: UiState, b: UiState): boolean {
  return (
    a.q === b.q &&
    sameList(a.speaker, b.speaker) &&
    sameList(a.topic, b.topic) &&
    sameList(a.kind, b.kind) &&
    sameList(a.notSpeaker, b.notSpeaker) &&
    sameList(a.notTopic, b.notTopic) &&
    sameList(a.notKind, b.notKind) &&
    a.from === b.from &&
    a.to === b.to &&
    a.sort === b.sort &&
    a.group === b.group &&
    a.collapse === b.collapse &&
    a.doc === b.doc &&
    a.passage === b.passage
  );
}
