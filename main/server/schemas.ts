/**
 * The JSON Schemas of the HTTP routes, built from the contract's TypeBox schemas so that
 * HTTP, IPC and the CLI accept exactly the same requests. Fastify validates with them and
 * the OpenAPI document is generated from them.
 */
import type { TSchema } from '@sinclair/typebox';
import { CONTRACT, type ContractMethod } from '../common/contract';
import {
  ExtractedDocumentSchema,
  SearchResponseSchema,
  StatusResponseSchema,
  TimelineResponseSchema,
} from '../common/responseSchemas';
import { DocumentIdSchema, SearchRequestSchema, TimelineRequestSchema } from '../common/schemas';

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
    {
      method: 'timeline',
      path: CONTRACT.timeline.http.path,
      summary:
        'Matches per period (year, month or day, by the range) of a search: one series per `speaker` given, or per comma-separated part of `q` (`climate, inflation`); the same JSON as `dictum timeline --json`.',
      querystring: { ...plainSchema(TimelineRequestSchema), required: [] },
      response: plainSchema(TimelineResponseSchema),
      errors: [400],
    },
  ];
}
