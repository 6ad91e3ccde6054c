/**
 * The saved searches' answers as TypeBox schemas: the browser checks what the server sends
 * against them (renderer/fetchJson.ts) and the OpenAPI description is generated from them, so
 * the types in savedSearches.ts, these schemas and the routes cannot drift apart.
 */
import { Type } from '@sinclair/typebox';
import { SearchRequestSchema } from './schemas';

const NullableCount = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

/** A search request without its paging: what a saved search keeps. */
export const SavedQuerySchema = Type.Composite([
  Type.Pick(SearchRequestSchema, ['q', 'speaker', 'topic', 'kind', 'sort']),
  Type.Partial(Type.Pick(SearchRequestSchema, ['notSpeaker', 'notTopic', 'notKind', 'from', 'to'])),
]);

export const SavedSearchSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  query: SavedQuerySchema,
  created: Type.String({ description: 'ISO time it was saved.' }),
  lastOpened: Type.String({ description: 'ISO time it was last opened (or its query changed).' }),
  newCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'Matches now that were not among its matches when it was last opened; null until counted.',
  }),
  total: NullableCount,
});

export const SavedSearchListSchema = Type.Object({
  searches: Type.Array(SavedSearchSchema),
  problem: Type.Union([Type.String(), Type.Null()], {
    description: 'What is wrong with dictum-saved.json, if anything.',
  }),
});
