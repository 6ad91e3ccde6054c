/**
 * The one contract of Dictum's search API.
 *
 * The IPC bridge, the HTTP routes, the CLI and the renderer are all driven from the
 * types and schemas in this file, so they cannot drift apart. This folder (`main/common`)
 * imports nothing from Node, Electron or the DOM: the renderer bundles it too.
 */
import type { Static } from '@sinclair/typebox';
// Types only: the schemas themselves live in ./schemas and ./responseSchemas, so the preload,
// which imports this file, does not bundle the schema library.
import type {
  DocumentMetaSchema,
  ExtractedDocumentSchema,
  FacetValueSchema,
  FilterSuggestionSchema,
  HitSchema,
  IndexProgressSchema,
  PageRunSchema,
  PassagePlaceSchema,
  PassageSchema,
  QuoteGroupMarkSchema,
  SearchResponseSchema,
  SearchSuggestionsSchema,
  SkippedFileSchema,
  StatusResponseSchema,
} from './responseSchemas';
import type { SearchRequestSchema } from './schemas';
import { LIMITS } from './contractConstants';
import type { TimelineRequest, TimelineResponse } from './timeline';

export * from './contractConstants';

// ---------------------------------------------------------------------------
// Documents and passages (the output of `dictum extract`), search and status. Each shape is
// defined once, as a schema in ./responseSchemas (its field notes are there); these are the
// types derived from them.

export type DocumentMeta = Static<typeof DocumentMetaSchema>;
/** From `start` in the clean text on, the text is on `page` (1-based) until the next run. */
export type PageRun = Static<typeof PageRunSchema>;
/** Where a passage sits in a paged document: its page, and whether OCR read it. */
export type PassagePlace = Static<typeof PassagePlaceSchema>;
export type Passage = Static<typeof PassageSchema>;
export type ExtractedDocument = Static<typeof ExtractedDocumentSchema>;

export type SearchRequest = Static<typeof SearchRequestSchema>;
export type FacetValue = Static<typeof FacetValueSchema>;
export type Hit = Static<typeof HitSchema>;
/** A statement's quote group: the same words reported by `sources` documents. */
export type QuoteGroupMark = Static<typeof QuoteGroupMarkSchema>;
/** A run of a report's words against the group's full version: shared, only here, or left out here. */
export type QuoteDiffPart = NonNullable<QuoteGroupMark['diff']>[number];
/** A filter value that names nothing, and the nearest values the corpus has. */
export type FilterSuggestion = Static<typeof FilterSuggestionSchema>;
export type SearchSuggestions = Static<typeof SearchSuggestionsSchema>;
export type SearchResponse = Static<typeof SearchResponseSchema>;

export type SkippedFile = Static<typeof SkippedFileSchema>;
export type IndexProgress = Static<typeof IndexProgressSchema>;
export type StatusResponse = Static<typeof StatusResponseSchema>;

// ---------------------------------------------------------------------------
// The service every entry point exposes.

export interface SearchApi {
  search(request: SearchRequest): Promise<SearchResponse>;
  document(id: string): Promise<ExtractedDocument>;
  status(): Promise<StatusResponse>;
  /** Matches per period of a search, one series per speaker or compared term (see timeline.ts). */
  timeline(request: TimelineRequest): Promise<TimelineResponse>;
}

export type ContractMethod = keyof SearchApi;

/**
 * Every method of the contract, with the HTTP route that serves it and the IPC channel
 * that carries it. Servers, bridges and tests iterate this table instead of naming
 * methods by hand.
 */
export const CONTRACT = {
  search: { channel: 'dictum:search', http: { method: 'GET', path: '/api/search' } },
  document: { channel: 'dictum:document', http: { method: 'GET', path: '/api/documents/:id' } },
  status: { channel: 'dictum:status', http: { method: 'GET', path: '/api/status' } },
  timeline: { channel: 'dictum:timeline', http: { method: 'GET', path: '/api/timeline' } },
} as const satisfies Record<ContractMethod, { channel: string; http: { method: 'GET'; path: string } }>;

export const CONTRACT_METHODS = Object.keys(CONTRACT) as ContractMethod[];

/**
 * Exports every match of a search as a file (CSV or JSON Lines, see exportRows.ts): streamed
 * over HTTP with the search's parameters plus `format`. In the desktop app the main process
 * writes it to the file the user picks (DESKTOP_CHANNELS.exportResults in bridge.ts).
 */
export const EXPORT_ROUTE = { http: { method: 'GET', path: '/api/export' } } as const;

/** A request with every omitted field set to its default. */
export function searchRequest(partial: Partial<SearchRequest> = {}): SearchRequest {
  return {
    q: partial.q ?? '',
    speaker: partial.speaker ?? [],
    topic: partial.topic ?? [],
    kind: partial.kind ?? [],
    ...(partial.from !== undefined ? { from: partial.from } : {}),
    ...(partial.to !== undefined ? { to: partial.to } : {}),
    ...(partial.after !== undefined ? { after: partial.after } : {}),
    ...(partial.notSpeaker !== undefined ? { notSpeaker: partial.notSpeaker } : {}),
    ...(partial.notTopic !== undefined ? { notTopic: partial.notTopic } : {}),
    ...(partial.notKind !== undefined ? { notKind: partial.notKind } : {}),
    ...(partial.facetLimit !== undefined ? { facetLimit: partial.facetLimit } : {}),
    ...(partial.group !== undefined ? { group: partial.group } : {}),
    ...(partial.minSources !== undefined ? { minSources: partial.minSources } : {}),
    ...(partial.collapse !== undefined ? { collapse: partial.collapse } : {}),
    sort: partial.sort ?? 'relevance',
    limit: partial.limit ?? LIMITS.defaultPageSize,
    offset: partial.offset ?? 0,
  };
}

/** The error every entry point reports for a request that breaks the contract. */
export class ContractError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** The 17 top-level IPTC Media Topics, Dictum's default taxonomy. */
export const IPTC_TOPICS = [
  'arts-culture-entertainment-media',
  'conflict-war-peace',
  'crime-law-justice',
  'disaster-accident-emergency',
  'economy-business-finance',
  'education',
  'environment',
  'health',
  'human-interest',
  'labour',
  'lifestyle-leisure',
  'politics',
  'religion',
  'science-technology',
  'society',
  'sport',
  'weather',
] as const;
