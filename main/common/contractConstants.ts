/**
 * The contract's names and limits, in a module of their own so that the schemas can use them
 * without importing the contract, which takes its request type from the schemas.
 */
/** What a passage is: a quote in a news text, a transcript turn, or other prose. */
export const PASSAGE_KINDS = ['quote', 'turn', 'narrative'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

export const SORT_ORDERS = ['relevance', 'date-desc', 'date-asc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Where a document's date came from; `file` means the file's modification time. */
export type DateSource = 'metadata' | 'text' | 'file';

export const FACET_NAMES = ['speaker', 'topic', 'date', 'kind'] as const;

/**
 * The speaker facet's value for statements without a speaker: listed in `facets.speaker`,
 * and accepted in `speaker`/`notSpeaker` and as `speaker:"(no speaker)"` in a query.
 */
export const NO_SPEAKER = '(no speaker)';
export type FacetName = (typeof FACET_NAMES)[number];

/** Limits every entry point enforces identically. */
export const LIMITS = {
  queryLength: 1000,
  pageSize: 200,
  /** Hits per page when the service pages through a search for an export (never over IPC or HTTP). */
  exportPageSize: 2000,
  defaultPageSize: 20,
  maxOffset: 1_000_000,
  filterValues: 50,
  filterValueLength: 200,
  idLength: 512,
  /** Longest `after` cursor accepted (a cursor holds a document and a passage id). */
  cursorLength: 2200,
  /** Most values a facet list may be asked for (`facetLimit`). */
  facetLimit: 1000,
  /** Most characters of passage text a hit carries (a window of a longer passage). */
  hitTextLength: 2000,
  /** Most highlights a hit carries. */
  hitHighlights: 64,
} as const;

/** How a timeline splits its matches into series (see timeline.ts). */
export const TIMELINE_SERIES_MODES = ['auto', 'total', 'speaker', 'term'] as const;
export type TimelineSeriesMode = (typeof TIMELINE_SERIES_MODES)[number];

/** Most series one timeline draws (more lines could not be told apart). */
export const TIMELINE_MAX_SERIES = 8;
