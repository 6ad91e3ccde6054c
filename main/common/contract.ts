/**
 * The one contract of Dictum's search API.
 *
 * The IPC bridge, the HTTP routes, the CLI and the renderer are all driven from the
 * types and schemas in this file, so they cannot drift apart. This folder (`main/common`)
 * imports nothing from Node, Electron or the DOM: the renderer bundles it too.
 */
import type { Static } from '@sinclair/typebox';
// Types only: the schemas themselves live in ./schemas, so the renderer and the preload,
// which import this file, do not bundle the schema library.
import type { SearchRequestSchema } from './schemas';
import { LIMITS, type DateSource, type FacetName, type PassageKind } from './contractConstants';
import type { TimelineRequest, TimelineResponse } from './timeline';

export * from './contractConstants';

// ---------------------------------------------------------------------------
// Documents and passages (the output of `dictum extract`)

export interface DocumentMeta {
  /** Stable id: derived from the path relative to the corpus (and record number). */
  id: string;
  /** Path relative to the corpus folder, with forward slashes. */
  path: string;
  title: string;
  author: string | null;
  source: string | null;
  url: string | null;
  /** ISO date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY` depending on what is known. */
  date: string | null;
  dateSource: DateSource | null;
  topics: string[];
  /**
   * Where the document has pages (PDF): the page each stretch of the clean text starts on,
   * by character offset, in order. A stretch read by OCR carries its confidence (0–1).
   */
  pages?: PageRun[];
  /** The id of the e-mail message this document was attached to. */
  attachedTo?: string;
}

/** From `start` in the clean text on, the text is on `page` (1-based) until the next run. */
export interface PageRun {
  start: number;
  page: number;
  ocrConfidence?: number;
}

/** Where a passage sits in a paged document: its page, and whether OCR read it. */
export interface PassagePlace {
  /** 1-based page the passage starts on. */
  page?: number;
  /** Set when the passage's words come from OCR of a scanned page. */
  ocr?: boolean;
  /** OCR's mean confidence for the passage's page or paragraph, 0–1. */
  ocrConfidence?: number;
}

export interface Passage extends PassagePlace {
  id: string;
  kind: PassageKind;
  speaker: string | null;
  text: string;
  /** Character offsets of the passage in the document's clean text. */
  start: number;
  end: number;
  topics: string[];
  date: string | null;
}

export interface ExtractedDocument {
  document: DocumentMeta;
  /** The document's clean text; passages point into it. */
  text: string;
  passages: Passage[];
}

// ---------------------------------------------------------------------------
// Search

export type SearchRequest = Static<typeof SearchRequestSchema>;

export interface FacetValue {
  value: string;
  count: number;
}

export interface Hit extends PassagePlace {
  id: string;
  docId: string;
  kind: PassageKind;
  speaker: string | null;
  text: string;
  snippet: string;
  /** Offsets into `text` of the matched words; at most LIMITS.hitHighlights of them. */
  highlights: Array<[number, number]>;
  /**
   * Set only when the passage is longer than LIMITS.hitTextLength: `text` is then a window of
   * it, starting at character `textStart` of the passage, which is `passageLength` long. The
   * full passage is in the document (`document(docId)`), at `start`..`end` of its text.
   */
  textStart?: number;
  passageLength?: number;
  /** Set only when the passage has matched words beyond those in `highlights`. */
  highlightsCut?: true;
  date: string | null;
  topics: string[];
  title: string;
  path: string;
  /** The document's publisher or source, and its address, for citing the statement. */
  source: string | null;
  url: string | null;
  /** Where `date` came from (metadata, the text, or the file's time). */
  dateSource: DateSource | null;
  /** Character offsets of the passage in its document's clean text. */
  start: number;
  end: number;
  score: number;
}

/** A filter value that names nothing, and the nearest values the corpus has. */
export interface FilterSuggestion {
  field: 'speaker' | 'topic';
  /** The value as typed or sent. */
  value: string;
  /** Nearest existing values, best first (at most 3); empty when none is near. */
  nearest: string[];
}

export interface SearchSuggestions {
  /** Filter values (typed `speaker:`/`topic:` or request selections) that matched nothing. */
  filters: FilterSuggestion[];
  /** Only when nothing was found: the query with unknown words and values replaced, which finds something. */
  query?: string;
}

export interface SearchResponse {
  query: string;
  total: number;
  tookMs: number;
  hits: Hit[];
  facets: Record<FacetName, FacetValue[]>;
  /** Said when part of the query could not be understood and was searched as text. */
  notes: string[];
  /** Per facet cut to `facetLimit` values: how many more values it has (absent when none). */
  facetMore?: Partial<Record<FacetName, number>>;
  /** "Did you mean": present only when there is something to suggest. */
  suggestions?: SearchSuggestions;
  /**
   * Present when more hits follow this page: pass it as the request's `after` (with the same
   * query, filters and sort) for the next page. Opaque; see common/order.ts.
   */
  next?: string;
}

// ---------------------------------------------------------------------------
// Status

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface IndexProgress {
  phase: 'starting' | 'reading' | 'loading-cache' | 'ready' | 'failed';
  filesDone: number;
  filesTotal: number;
  passages: number;
  elapsedMs: number;
}

export interface StatusResponse {
  corpus: { path: string; name: string };
  documents: number;
  passages: number;
  progress: IndexProgress;
  skipped: SkippedFile[];
  /** Set when the index could not be built at all. */
  error: string | null;
}

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
