/**
 * The contract's responses as TypeBox schemas, beside the request schemas (./schemas): the one
 * definition of their shapes. The contract's types are derived from them (`Static<>` in
 * ./contract), the OpenAPI description is generated from them, and whatever receives a response
 * from another process checks it with them (./checked).
 */
import { Type, type Static } from '@sinclair/typebox';
import { PASSAGE_KINDS } from './contractConstants';
import type { TimelineResponse } from './timeline';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Kind = Type.Union(PASSAGE_KINDS.map((k) => Type.Literal(k)));

const DateSourceSchema = Type.Union([
  Type.Literal('metadata'),
  Type.Literal('text'),
  Type.Literal('file'),
  Type.Null(),
]);

export const FacetValueSchema = Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 0 }) });

/** Page and OCR fields of a passage or hit from a paged document (optional). */
export const PlaceFields = {
  page: Type.Optional(Type.Integer({ minimum: 1, description: '1-based page the passage starts on.' })),
  ocr: Type.Optional(Type.Boolean({ description: 'The words come from OCR of a scanned page.' })),
  ocrConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
};

/** Where a passage sits in a paged document: its page, and whether OCR read it. */
export const PassagePlaceSchema = Type.Object(PlaceFields);

/** The quote group of a statement that other documents report too. */
export const QuoteGroupMarkSchema = Type.Object(
  {
    id: Type.String({ description: 'The group: pass as `group` to list every report of it.' }),
    sources: Type.Integer({ minimum: 2, description: 'Documents that report these words.' }),
    ordinal: Type.Integer({ minimum: 0, description: 'This report’s place: 0 is the first report.' }),
    firstDate: NullableString,
    firstBy: Type.String({ description: 'The first report’s source (else its title).' }),
    reference: Type.Optional(
      Type.Boolean({ description: 'Set in a group’s listing: this report is the earliest full version.' }),
    ),
    fragment: Type.Optional(Type.Boolean({ description: 'Quotes only part of the full version.' })),
    diff: Type.Optional(
      Type.Array(
        Type.Object({
          op: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]),
          words: Type.String(),
        }),
        { description: 'In a group’s listing: this report’s words against the full version.' },
      ),
    ),
  },
  { description: 'Set when other documents report the same words.' },
);

export const HitSchema = Type.Object({
  id: Type.String(),
  docId: Type.String(),
  kind: Kind,
  speaker: NullableString,
  text: Type.String(),
  snippet: Type.String(),
  highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description: 'Offsets into `text` of the matched words; at most LIMITS.hitHighlights of them.',
  }),
  /*
   * Set only when the passage is longer than LIMITS.hitTextLength: `text` is then a window of
   * it, starting at character `textStart` of the passage, which is `passageLength` long. The
   * full passage is in the document (`document(docId)`), at `start`..`end` of its text.
   */
  textStart: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Set when `text` is a window of a longer passage.' }),
  ),
  passageLength: Type.Optional(Type.Integer({ minimum: 0 })),
  highlightsCut: Type.Optional(
    Type.Literal(true, { description: 'The passage has matched words beyond those in `highlights`.' }),
  ),
  date: NullableString,
  topics: Type.Array(Type.String()),
  title: Type.String(),
  path: Type.String(),
  /** The document's publisher or source, and its address, for citing the statement. */
  source: NullableString,
  url: NullableString,
  dateSource: DateSourceSchema,
  start: Type.Integer({ minimum: 0, description: 'Offset of the passage in its document’s text.' }),
  end: Type.Integer({ minimum: 0 }),
  score: Type.Number(),
  ...PlaceFields,
  group: Type.Optional(QuoteGroupMarkSchema),
});

/** A filter value that names nothing, and the nearest values the corpus has. */
export const FilterSuggestionSchema = Type.Object({
  field: Type.Union([Type.Literal('speaker'), Type.Literal('topic')]),
  value: Type.String({ description: 'The value as typed or sent.' }),
  nearest: Type.Array(Type.String(), {
    description: 'Nearest existing values, best first (at most 3); empty when none is near.',
  }),
});

export const SearchSuggestionsSchema = Type.Object({
  filters: Type.Array(FilterSuggestionSchema, {
    description: 'Filter values (typed `speaker:`/`topic:` or request selections) that matched nothing.',
  }),
  query: Type.Optional(
    Type.String({
      description: 'Only when nothing was found: the query with unknown words and values replaced.',
    }),
  ),
});

export const SearchResponseSchema = Type.Object({
  query: Type.String(),
  total: Type.Integer({ minimum: 0 }),
  tookMs: Type.Number(),
  hits: Type.Array(HitSchema),
  // Spelled out so the type check below catches a facet added to the contract.
  facets: Type.Object({
    speaker: Type.Array(FacetValueSchema),
    topic: Type.Array(FacetValueSchema),
    date: Type.Array(FacetValueSchema),
    kind: Type.Array(FacetValueSchema),
  }),
  notes: Type.Array(Type.String(), {
    description: 'Said when part of the query could not be understood and was searched as text.',
  }),
  facetMore: Type.Optional(
    Type.Object({
      speaker: Type.Optional(Type.Integer({ minimum: 0 })),
      topic: Type.Optional(Type.Integer({ minimum: 0 })),
      date: Type.Optional(Type.Integer({ minimum: 0 })),
      kind: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
  ),
  suggestions: Type.Optional(SearchSuggestionsSchema),
  next: Type.Optional(Type.String({ description: 'Cursor for the next page: pass as `after`.' })),
});

/** From `start` in the clean text on, the text is on `page` (1-based) until the next run. */
export const PageRunSchema = Type.Object({
  start: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  ocrConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});

export const DocumentMetaSchema = Type.Object({
  id: Type.String({
    description: 'Stable id: derived from the path relative to the corpus (and record number).',
  }),
  path: Type.String({ description: 'Path relative to the corpus folder, with forward slashes.' }),
  title: Type.String(),
  author: NullableString,
  source: NullableString,
  url: NullableString,
  date: Type.Union([Type.String(), Type.Null()], {
    description: 'ISO date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY` depending on what is known.',
  }),
  dateSource: DateSourceSchema,
  topics: Type.Array(Type.String()),
  /*
   * Where the document has pages (PDF): the page each stretch of the clean text starts on, by
   * character offset, in order. A stretch read by OCR carries its confidence (0–1).
   */
  pages: Type.Optional(
    Type.Array(PageRunSchema, { description: 'Where each stretch of the text starts, and on which page.' }),
  ),
  attachedTo: Type.Optional(
    Type.String({ description: 'The e-mail message this document came attached to.' }),
  ),
  people: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'Full names of the persons the document names, most named first (at most 40): the corpus names pass takes full names for surnames from them.',
    }),
  ),
});

export const PassageSchema = Type.Object({
  id: Type.String(),
  kind: Kind,
  speaker: NullableString,
  text: Type.String(),
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
  topics: Type.Array(Type.String()),
  date: NullableString,
  ...PlaceFields,
});

export const ExtractedDocumentSchema = Type.Object({
  document: DocumentMetaSchema,
  text: Type.String({ description: "The document's clean text; passages point into it." }),
  passages: Type.Array(PassageSchema),
});

export const SkippedFileSchema = Type.Object({ path: Type.String(), reason: Type.String() });

export const IndexProgressSchema = Type.Object({
  phase: Type.Union(
    (['starting', 'reading', 'loading-cache', 'ready', 'failed'] as const).map((p) => Type.Literal(p)),
  ),
  filesDone: Type.Integer({ minimum: 0 }),
  filesTotal: Type.Integer({ minimum: 0 }),
  passages: Type.Integer({ minimum: 0 }),
  elapsedMs: Type.Number(),
  ocr: Type.Optional(
    Type.Object(
      { path: Type.String(), page: Type.Integer({ minimum: 0 }), pages: Type.Integer({ minimum: 0 }) },
      { description: 'While a scanned PDF is read by OCR: its path and the pages read of those to read.' },
    ),
  ),
});

export const StatusResponseSchema = Type.Object({
  corpus: Type.Object({ path: Type.String(), name: Type.String() }),
  documents: Type.Integer({ minimum: 0 }),
  passages: Type.Integer({ minimum: 0 }),
  progress: IndexProgressSchema,
  skipped: Type.Array(SkippedFileSchema),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Set when the index could not be built at all.',
  }),
});

export const TimelineResponseSchema = Type.Object({
  query: Type.String(),
  by: Type.Union([Type.Literal('total'), Type.Literal('speaker'), Type.Literal('term')], {
    description: 'What each series is: all matches, one speaker, or one comma-separated term.',
  }),
  granularity: Type.Union([Type.Literal('year'), Type.Literal('month'), Type.Literal('day')]),
  buckets: Type.Array(Type.String(), {
    description: 'Every period from the first match to the last: 2021, 2021-03 or 2021-03-15.',
  }),
  series: Type.Array(
    Type.Object({
      label: Type.String(),
      speaker: Type.Optional(Type.String()),
      q: Type.Optional(Type.String()),
      total: Type.Integer({ minimum: 0 }),
      counts: Type.Array(Type.Integer({ minimum: 0 }), { description: 'Matches per bucket.' }),
      undated: Type.Integer({
        minimum: 0,
        description: 'Matches without a date, or dated less precisely than the buckets.',
      }),
    }),
  ),
  notes: Type.Array(Type.String()),
  tookMs: Type.Number(),
});

export const ErrorSchema = Type.Object(
  { error: Type.String() },
  { description: 'What was wrong with the request.' },
);

// The timeline's type is written out in ./timeline: proof that it is the schema's, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type TimelineSchemaMatchesContract = Assert<
  Same<Static<typeof TimelineResponseSchema>, TimelineResponse>
>;
