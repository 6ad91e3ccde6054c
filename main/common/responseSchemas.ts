/**
 * The contract's responses as TypeBox schemas, beside the request schemas (./schemas): the
 * OpenAPI description is generated from them and anything that receives a response can check
 * it with them. The type checks at the bottom keep them equal to the contract's types, both
 * ways, so a field added to one and not the other does not compile.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PASSAGE_KINDS, type ExtractedDocument, type SearchResponse, type StatusResponse } from './contract';
import type { TimelineResponse } from './timeline';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Kind = Type.Union(PASSAGE_KINDS.map((k) => Type.Literal(k)));

const DateSourceSchema = Type.Union([
  Type.Literal('metadata'),
  Type.Literal('text'),
  Type.Literal('file'),
  Type.Null(),
]);

const FacetValueSchema = Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 0 }) });

/** Page and OCR fields of a passage or hit from a paged document (optional). */
const PlaceFields = {
  page: Type.Optional(Type.Integer({ minimum: 1, description: '1-based page the passage starts on.' })),
  ocr: Type.Optional(Type.Boolean({ description: 'The words come from OCR of a scanned page.' })),
  ocrConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
};

export const HitSchema = Type.Object({
  id: Type.String(),
  docId: Type.String(),
  kind: Kind,
  speaker: NullableString,
  text: Type.String(),
  snippet: Type.String(),
  highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description: 'Offsets into `text` of the matched words.',
  }),
  textStart: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Set when `text` is a window of a longer passage.' }),
  ),
  passageLength: Type.Optional(Type.Integer({ minimum: 0 })),
  highlightsCut: Type.Optional(Type.Literal(true)),
  date: NullableString,
  topics: Type.Array(Type.String()),
  title: Type.String(),
  path: Type.String(),
  source: NullableString,
  url: NullableString,
  dateSource: DateSourceSchema,
  start: Type.Integer({ minimum: 0, description: 'Offset of the passage in its document’s text.' }),
  end: Type.Integer({ minimum: 0 }),
  score: Type.Number(),
  ...PlaceFields,
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
  notes: Type.Array(Type.String()),
  facetMore: Type.Optional(
    Type.Object({
      speaker: Type.Optional(Type.Integer({ minimum: 0 })),
      topic: Type.Optional(Type.Integer({ minimum: 0 })),
      date: Type.Optional(Type.Integer({ minimum: 0 })),
      kind: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
  ),
  suggestions: Type.Optional(
    Type.Object({
      filters: Type.Array(
        Type.Object({
          field: Type.Union([Type.Literal('speaker'), Type.Literal('topic')]),
          value: Type.String(),
          nearest: Type.Array(Type.String()),
        }),
      ),
      query: Type.Optional(Type.String()),
    }),
  ),
  next: Type.Optional(Type.String({ description: 'Cursor for the next page: pass as `after`.' })),
});

const DocumentMetaSchema = Type.Object({
  id: Type.String(),
  path: Type.String(),
  title: Type.String(),
  author: NullableString,
  source: NullableString,
  url: NullableString,
  date: NullableString,
  dateSource: DateSourceSchema,
  topics: Type.Array(Type.String()),
  pages: Type.Optional(
    Type.Array(
      Type.Object({
        start: Type.Integer({ minimum: 0 }),
        page: Type.Integer({ minimum: 1 }),
        ocrConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      }),
      { description: 'Where each stretch of the text starts, and on which page.' },
    ),
  ),
  attachedTo: Type.Optional(
    Type.String({ description: 'The e-mail message this document came attached to.' }),
  ),
});

const PassageSchema = Type.Object({
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
  text: Type.String(),
  passages: Type.Array(PassageSchema),
});

export const StatusResponseSchema = Type.Object({
  corpus: Type.Object({ path: Type.String(), name: Type.String() }),
  documents: Type.Integer({ minimum: 0 }),
  passages: Type.Integer({ minimum: 0 }),
  progress: Type.Object({
    phase: Type.Union(
      (['starting', 'reading', 'loading-cache', 'ready', 'failed'] as const).map((p) => Type.Literal(p)),
    ),
    filesDone: Type.Integer({ minimum: 0 }),
    filesTotal: Type.Integer({ minimum: 0 }),
    passages: Type.Integer({ minimum: 0 }),
    elapsedMs: Type.Number(),
  }),
  skipped: Type.Array(Type.Object({ path: Type.String(), reason: Type.String() })),
  error: NullableString,
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

// Compile-time proof that the documented responses are the contract's types, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ResponseSchemasMatchContract = [
  Assert<Same<Static<typeof SearchResponseSchema>, SearchResponse>>,
  Assert<Same<Static<typeof ExtractedDocumentSchema>, ExtractedDocument>>,
  Assert<Same<Static<typeof StatusResponseSchema>, StatusResponse>>,
  Assert<Same<Static<typeof TimelineResponseSchema>, TimelineResponse>>,
];
