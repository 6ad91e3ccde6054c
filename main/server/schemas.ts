/**
 * The JSON Schemas of the HTTP routes, built from the contract's TypeBox schemas so that
 * HTTP, IPC and the CLI accept exactly the same requests. Fastify validates with them and
 * the OpenAPI document is generated from them.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  CONTRACT,
  PASSAGE_KINDS,
  type ContractMethod,
  type ExtractedDocument,
  type SearchResponse,
  type StatusResponse,
} from '../common/contract';
import { DocumentIdSchema, SearchRequestSchema } from '../common/schemas';

/** A JSON Schema as plain data: no TypeBox symbols, unions of constants turned into enums. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Copies a TypeBox schema into plain JSON Schema. A union of string literals becomes an
 * `enum`, which ajv reports with its allowed values and OpenAPI readers render as a choice.
 */
export function plainSchema(schema: TSchema | JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const source = node as Record<string, unknown>;
    const anyOf = source.anyOf;
    if (
      Array.isArray(anyOf) &&
      anyOf.length > 0 &&
      anyOf.every(
        (s: unknown) => typeof s === 'object' && s !== null && typeof (s as JsonSchema).const === 'string',
      )
    ) {
      const { anyOf: _dropped, ...rest } = source;
      return {
        ...(walk(rest) as JsonSchema),
        type: 'string',
        enum: anyOf.map((s) => (s as JsonSchema).const),
      };
    }
    const out: JsonSchema = {};
    // Object.keys skips TypeBox's symbol-keyed metadata.
    for (const key of Object.keys(source)) out[key] = walk(source[key]);
    return out;
  };
  return walk(schema) as JsonSchema;
}

/**
 * The querystring of `GET /api/search`: the contract's request with every field optional
 * (the defaults of `searchRequest()` fill the gaps). Repeated parameters arrive as arrays,
 * and a single value of an array field is coerced to a one-element array by ajv.
 */
export function searchQuerystringSchema(): JsonSchema {
  const request = plainSchema(SearchRequestSchema);
  return { ...request, required: [] };
}

export const documentParamsSchema: JsonSchema = {
  type: 'object',
  properties: { id: plainSchema(DocumentIdSchema) },
  required: ['id'],
  additionalProperties: false,
};

// ---------------------------------------------------------------------------
// Response schemas: documentation only (the replies are serialized as the service returns
// them, so nothing is dropped). The type checks at the bottom keep them equal to the contract.

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

export const ErrorSchema = Type.Object(
  { error: Type.String() },
  { description: 'What was wrong with the request.' },
);

/** Each contract method's HTTP route: its path and the schemas of what goes in and out. */
export interface ContractRoute {
  method: ContractMethod;
  path: string;
  summary: string;
  querystring?: JsonSchema;
  params?: JsonSchema;
  response: JsonSchema;
  /** The 4xx statuses this route answers besides the common 401/403/404. */
  errors: number[];
}

export function contractRoutes(): ContractRoute[] {
  return [
    {
      method: 'search',
      path: CONTRACT.search.http.path,
      summary:
        'Search passages; the same JSON as `dictum search --json`. Repeat a parameter for several values.',
      querystring: searchQuerystringSchema(),
      response: plainSchema(SearchResponseSchema),
      errors: [400],
    },
    {
      method: 'document',
      path: CONTRACT.document.http.path,
      summary: 'One document with its passages; the same JSON as `dictum extract --json`.',
      params: documentParamsSchema,
      response: plainSchema(ExtractedDocumentSchema),
      errors: [400, 404],
    },
    {
      method: 'status',
      path: CONTRACT.status.http.path,
      summary: 'The corpus, indexing progress, and the files that were skipped with the reason.',
      response: plainSchema(StatusResponseSchema),
      errors: [],
    },
  ];
}

// Compile-time proof that the documented responses are the contract's types, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ResponseSchemasMatchContract = [
  Assert<Same<Static<typeof SearchResponseSchema>, SearchResponse>>,
  Assert<Same<Static<typeof ExtractedDocumentSchema>, ExtractedDocument>>,
  Assert<Same<Static<typeof StatusResponseSchema>, StatusResponse>>,
];
