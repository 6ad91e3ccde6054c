/**
 * Saved searches: a search (query, filters, exclusions and sort) kept under a name with the
 * corpus, and how many of its matches are new since it was last opened. This is the part of
 * the contract shared by HTTP, IPC, the CLI and the renderer (types, routes, channels);
 * validation is in savedValidate.ts and the service keeps them in savedSearchStore.ts.
 */
import type { Static } from '@sinclair/typebox';
import { LIMITS, searchRequest, type SearchRequest } from './contract';
// Types only: the schemas live in ./savedSchemas.
import type { SavedQuerySchema, SavedSearchListSchema, SavedSearchSchema } from './savedSchemas';

/** What a saved search remembers of a search request: everything but paging. */
export type SavedQuery = Static<typeof SavedQuerySchema>;

/**
 * A saved search and its counts. `newCount`: matches now that were not among its matches when
 * it was last opened (or saved, or its query changed): statements of added files, and new
 * statements of edited ones; null until the service has counted since it started.
 */
export type SavedSearch = Static<typeof SavedSearchSchema>;

/** Every saved search, and `problem` when the saved-searches file could not be read (or part of it). */
export type SavedSearchList = Static<typeof SavedSearchListSchema>;

export interface SavedSearchInput {
  name: string;
  query: SavedQuery;
}

export interface SavedSearchPatch {
  name?: string;
  query?: SavedQuery;
}

/** Raised (desktop notification, notice line) when a saved search's new count grows. */
export interface SavedSearchAlert {
  id: string;
  name: string;
  /** New matches since it was last opened. */
  newCount: number;
  /** How many of them arrived with this change of the folder. */
  added: number;
}

export interface SavedSearchApi {
  listSaved(): Promise<SavedSearchList>;
  createSaved(input: SavedSearchInput): Promise<SavedSearch>;
  updateSaved(id: string, patch: SavedSearchPatch): Promise<SavedSearch>;
  deleteSaved(id: string): Promise<SavedSearchList>;
  /** Marks it opened now: its current matches become seen and its new count 0. */
  openSaved(id: string): Promise<SavedSearch>;
}

export type SavedMethod = keyof SavedSearchApi;

/** Each method's IPC channel and HTTP route; the server, preload and bridge iterate this table. */
export const SAVED_CONTRACT = {
  listSaved: { channel: 'dictum:saved-list', http: { method: 'GET', path: '/api/saved' } },
  createSaved: { channel: 'dictum:saved-create', http: { method: 'POST', path: '/api/saved' } },
  updateSaved: { channel: 'dictum:saved-update', http: { method: 'PATCH', path: '/api/saved/:id' } },
  deleteSaved: { channel: 'dictum:saved-delete', http: { method: 'DELETE', path: '/api/saved/:id' } },
  openSaved: { channel: 'dictum:saved-open', http: { method: 'POST', path: '/api/saved/:id/open' } },
} as const satisfies Record<
  SavedMethod,
  { channel: string; http: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string } }
>;

/** The file at the corpus root that holds them (beside dictum-aliases.yaml and dictum-topics.yaml). */
export const SAVED_FILE = 'dictum-saved.json';

export const SAVED_LIMITS = {
  nameLength: 100,
  searches: 200,
} as const;

/** The saved query of a request: paging, cursor and facet size dropped, empty lists left out. */
export function savedQueryOf(request: Partial<SearchRequest>): SavedQuery {
  const full = searchRequest(request);
  const query: SavedQuery = {
    q: full.q,
    speaker: full.speaker,
    topic: full.topic,
    kind: full.kind,
    sort: full.sort,
  };
  if (full.notSpeaker?.length) query.notSpeaker = full.notSpeaker;
  if (full.notTopic?.length) query.notTopic = full.notTopic;
  if (full.notKind?.length) query.notKind = full.notKind;
  if (full.from !== undefined) query.from = full.from;
  if (full.to !== undefined) query.to = full.to;
  return query;
}

/** The search request that runs a saved query. */
export function savedSearchRequest(query: SavedQuery, limit: number = LIMITS.defaultPageSize): SearchRequest {
  return searchRequest({ ...savedQueryOf(query), limit });
}

const SORT_NAMES: Record<SavedQuery['sort'], string> = {
  relevance: 'by relevance',
  'date-desc': 'newest first',
  'date-asc': 'oldest first',
};

/** One line that says what a saved query searches: `nato · speaker Vladimir Putin · not kind narrative · newest first`. */
export function describeSavedQuery(query: SavedQuery): string {
  const parts: string[] = [query.q.trim() === '' ? 'every statement' : query.q.trim()];
  const values = (label: string, list: readonly string[] | undefined) => {
    if (list && list.length > 0) parts.push(`${label} ${list.join(' or ')}`);
  };
  values('speaker', query.speaker);
  values('topic', query.topic);
  values('kind', query.kind);
  values('not speaker', query.notSpeaker);
  values('not topic', query.notTopic);
  values('not kind', query.notKind);
  if (query.from !== undefined && query.to !== undefined) parts.push(`${query.from} to ${query.to}`);
  else if (query.from !== undefined) parts.push(`from ${query.from}`);
  else if (query.to !== undefined) parts.push(`until ${query.to}`);
  parts.push(SORT_NAMES[query.sort]);
  return parts.join(' · ');
}
