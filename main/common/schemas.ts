/**
 * The contract's JSON Schemas (TypeBox): HTTP validates with them through Fastify, IPC and
 * the CLI through ./validate, and the OpenAPI description is generated from them.
 */
import { Type } from '@sinclair/typebox';
import { LIMITS, PASSAGE_KINDS, SORT_ORDERS, TIMELINE_SERIES_MODES } from './contractConstants';

const FilterValues = Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.filterValueLength }), {
  maxItems: LIMITS.filterValues,
});

/** ISO date with the precision the user typed: `2021`, `2021-12`, `2021-12-15`. */
export const ISO_DATE_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$';

export const SearchRequestSchema = Type.Object(
  {
    q: Type.String({ maxLength: LIMITS.queryLength, default: '' }),
    speaker: FilterValues,
    topic: FilterValues,
    kind: Type.Array(Type.Union(PASSAGE_KINDS.map((k) => Type.Literal(k))), { maxItems: 3 }),
    /** Facet values to leave out (speaker may be NO_SPEAKER); a facet's counts ignore them. */
    notSpeaker: Type.Optional(FilterValues),
    notTopic: Type.Optional(FilterValues),
    notKind: Type.Optional(
      Type.Array(Type.Union(PASSAGE_KINDS.map((k) => Type.Literal(k))), { maxItems: 3 }),
    ),
    /** Most values listed per facet (default 50); `facetMore` says how many were left out. */
    facetLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.facetLimit })),
    from: Type.Optional(Type.String({ pattern: ISO_DATE_PATTERN })),
    to: Type.Optional(Type.String({ pattern: ISO_DATE_PATTERN })),
    sort: Type.Union(SORT_ORDERS.map((s) => Type.Literal(s))),
    limit: Type.Integer({ minimum: 0, maximum: LIMITS.pageSize }),
    offset: Type.Integer({ minimum: 0, maximum: LIMITS.maxOffset }),
    /** A response's `next`: the page starts right after that hit (`offset` then counts from there). */
    after: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.cursorLength })),
    /** Only the statements of this quote group (a hit's `group.id`): every report of the same words. */
    group: Type.Optional(Type.String({ pattern: '^g[0-9a-f]{16}$' })),
    /** Only statements whose words at least this many documents report (1: all). */
    minSources: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /** `group`: one row per quote group (its first report that matches), `total` counts rows. */
    collapse: Type.Optional(Type.Literal('group')),
  },
  { additionalProperties: false },
);

/** A timeline: the search's query and filters (no paging or sort), and how to split it into series. */
export const TimelineRequestSchema = Type.Composite(
  [
    Type.Omit(SearchRequestSchema, ['sort', 'limit', 'offset', 'after', 'facetLimit']),
    Type.Object({
      /** term: one series per comma-separated part of q; speaker: one per selected speaker; auto picks. */
      series: Type.Optional(Type.Union(TIMELINE_SERIES_MODES.map((s) => Type.Literal(s)))),
    }),
  ],
  { additionalProperties: false },
);

export const DocumentIdSchema = Type.String({ minLength: 1, maxLength: LIMITS.idLength });
