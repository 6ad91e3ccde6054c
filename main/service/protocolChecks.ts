/**
 * The messages that cross the worker boundary, checked where they enter instead of cast: a
 * worker checks each request and its configuration, the caller checks each message and each
 * reply's result against the request it answers. A message that does not check out is a bug
 * or a broken worker, never data to trust; the error names the message and what was wrong.
 *
 * Search responses and documents are checked for the fields the service itself relies on
 * (merging, lookups); their full shape is the engine's contract, which may grow fields.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { LIMITS } from '../common/contract';
import { SearchRequestSchema } from '../common/schemas';
import { MERGE_DEPTH } from '../engine/merge';
import type {
  LoadResult,
  ShardConfig,
  ShardCounts,
  ShardStatistics,
  SyncResult,
  WorkerMessage,
  WorkerRequest,
  WorkerRequestType,
  WorkerResults,
} from './protocol';

const Count = Type.Integer({ minimum: 0 });
const Counts = Type.Object({ documents: Count, passages: Count });
const Skipped = Type.Array(Type.Object({ path: Type.String(), reason: Type.String() }));
const Id = Type.Integer({ minimum: 1 });

const CorpusFileSchema = Type.Object({
  path: Type.String({ minLength: 1 }),
  absPath: Type.String({ minLength: 1 }),
  folder: Type.String({ minLength: 1 }),
  size: Type.Number({ minimum: 0 }),
  mtimeMs: Type.Number(),
  ctimeMs: Type.Number(),
  ino: Type.Number(),
});

const ShardConfigSchema = Type.Object({
  corpusDir: Type.String({ minLength: 1 }),
  shardIndex: Type.Integer({ minimum: 0 }),
  shardCount: Type.Integer({ minimum: 1 }),
  cacheFile: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
});

/**
 * A search as a shard receives it: the contract's request, except that a shard is asked for
 * every hit up to the end of the page being merged (`offset + limit`, at most MERGE_DEPTH).
 */
const ShardSearchRequestSchema = Type.Object(
  {
    ...SearchRequestSchema.properties,
    limit: Type.Integer({ minimum: 0, maximum: Math.max(MERGE_DEPTH, LIMITS.pageSize) }),
  },
  { additionalProperties: false },
);

const GroupMinimaSchema = Type.Record(Type.String(), Count);
const GroupMarkSchema = Type.Object({
  group: Type.String(),
  sources: Count,
  ordinal: Count,
  firstDate: Type.Union([Type.String(), Type.Null()]),
  firstBy: Type.String(),
});
const QuoteStatementSchema = Type.Object({
  passageId: Type.String(),
  docId: Type.String(),
  kind: Type.String(),
  speaker: Type.Union([Type.String(), Type.Null()]),
  date: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  source: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
  owner: Count,
});
const QuoteDeltaSchema = Type.Object({
  reset: Type.Boolean(),
  removedDocs: Type.Array(Type.String()),
  // Shingles cross the thread boundary as a Uint32Array (structured clone keeps it one).
  added: Type.Array(
    Type.Object({ statement: QuoteStatementSchema, shingles: Type.Unsafe<Uint32Array>(Type.Unknown()) }),
  ),
});

/** Requests by type, and messages by kind, so that an error names the field, not "the union". */
const REQUEST_SCHEMAS = {
  load: Type.Object({ id: Id, type: Type.Literal('load') }),
  sync: Type.Object({
    id: Id,
    type: Type.Literal('sync'),
    files: Type.Array(CorpusFileSchema),
    reportOptions: Type.Boolean(),
    nameMerges: Type.Union([Type.Array(Type.Tuple([Type.String(), Type.String()])), Type.Null()]),
  }),
  search: Type.Object({
    id: Id,
    type: Type.Literal('search'),
    request: ShardSearchRequestSchema,
    minima: Type.Optional(GroupMinimaSchema),
  }),
  groupMinima: Type.Object({ id: Id, type: Type.Literal('groupMinima'), request: ShardSearchRequestSchema }),
  quoteDelta: Type.Object({ id: Id, type: Type.Literal('quoteDelta') }),
  groupMarks: Type.Object({
    id: Id,
    type: Type.Literal('groupMarks'),
    changes: Type.Array(Type.Tuple([Type.String(), Type.Union([GroupMarkSchema, Type.Null()])])),
  }),
  document: Type.Object({ id: Id, type: Type.Literal('document'), docId: Type.String({ minLength: 1 }) }),
  save: Type.Object({ id: Id, type: Type.Literal('save') }),
  stop: Type.Object({ id: Id, type: Type.Literal('stop') }),
  stats: Type.Object({ id: Id, type: Type.Literal('stats') }),
};
const WorkerRequestSchema = Type.Union(Object.values(REQUEST_SCHEMAS));

const MESSAGE_SCHEMAS = {
  done: Type.Object({ kind: Type.Literal('reply'), id: Id, ok: Type.Literal(true), result: Type.Unknown() }),
  failed: Type.Object({
    kind: Type.Literal('reply'),
    id: Id,
    ok: Type.Literal(false),
    error: Type.String(),
    status: Type.Optional(Type.Integer()),
  }),
  progress: Type.Object({
    kind: Type.Literal('progress'),
    filesDone: Count,
    filesTotal: Count,
    counts: Counts,
  }),
  reading: Type.Object({
    kind: Type.Literal('reading'),
    path: Type.Union([Type.String(), Type.Null()]),
    ocr: Type.Optional(Type.Object({ page: Count, pages: Count })),
  }),
};
const WorkerMessageSchema = Type.Union(Object.values(MESSAGE_SCHEMAS));

const LoadResultSchema = Type.Object({
  loaded: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  files: Count,
  counts: Counts,
});

const SyncResultSchema = Type.Object({
  changed: Type.Boolean(),
  complete: Type.Boolean(),
  filesTotal: Count,
  counts: Counts,
  skipped: Skipped,
  optionsSkipped: Skipped,
  speakers: Type.Array(Type.Tuple([Type.String(), Count])),
  people: Type.Array(Type.Tuple([Type.String(), Count])),
  nameMerges: Type.Array(Type.Tuple([Type.String(), Type.String()])),
});

const StatsSchema = Type.Object({
  filesRead: Count,
  filesUnchangedByHash: Count,
  filesVerified: Count,
  filesRemoved: Count,
  cache: Type.String(),
  saves: Count,
  documents: Count,
  passages: Count,
});

const FacetValues = Type.Array(Type.Object({ value: Type.String(), count: Count }));
const SearchResponseShape = Type.Object({
  query: Type.String(),
  total: Count,
  tookMs: Type.Number(),
  hits: Type.Array(Type.Object({ id: Type.String(), docId: Type.String(), path: Type.String() })),
  facets: Type.Object({ speaker: FacetValues, topic: FacetValues, date: FacetValues, kind: FacetValues }),
  notes: Type.Array(Type.String()),
  next: Type.Optional(Type.String()),
});

const DocumentShape = Type.Union([
  Type.Null(),
  Type.Object({
    document: Type.Object({ id: Type.String(), path: Type.String(), title: Type.String() }),
    text: Type.String(),
    passages: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
  }),
]);

// The schemas must describe the protocol's types: these fail to compile when they drift apart.
type Describes<S extends TSchema, T> = Static<S> extends T ? true : never;
const describes: [
  Describes<typeof ShardConfigSchema, ShardConfig>,
  Describes<typeof WorkerRequestSchema, WorkerRequest>,
  Describes<typeof WorkerMessageSchema, WorkerMessage>,
  Describes<typeof LoadResultSchema, LoadResult>,
  Describes<typeof SyncResultSchema, SyncResult>,
  Describes<typeof StatsSchema, ShardStatistics & ShardCounts>,
] = [true, true, true, true, true, true];
void describes;

const compiled = new Map<TSchema, TypeCheck<TSchema>>();
function check<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    compiled.set(schema, checker);
  }
  if (checker.Check(value)) return value as Static<S>;
  const error = checker.Errors(value).First();
  const where = error ? `${error.path || '/'}: ${error.message}` : 'invalid value';
  throw new Error(`service: malformed ${what} (${where})`);
}

const RESULT_SCHEMAS: Record<WorkerRequestType, TSchema> = {
  load: LoadResultSchema,
  sync: SyncResultSchema,
  search: SearchResponseShape,
  groupMinima: GroupMinimaSchema,
  quoteDelta: QuoteDeltaSchema,
  groupMarks: Type.Null(),
  document: DocumentShape,
  save: Type.Boolean(),
  stop: Type.Null(),
  stats: StatsSchema,
};

export function parseShardConfig(raw: unknown): ShardConfig {
  return check(ShardConfigSchema, raw, 'index worker configuration');
}

export function parseWorkerRequest(raw: unknown): WorkerRequest {
  const type = field(raw, 'type');
  const schema = Object.hasOwn(REQUEST_SCHEMAS, type) ? REQUEST_SCHEMAS[type as WorkerRequestType] : null;
  return check(schema ?? WorkerRequestSchema, raw, 'request to the index worker') as WorkerRequest;
}

export function parseWorkerMessage(raw: unknown): WorkerMessage {
  const kind = field(raw, 'kind');
  const schema =
    kind === 'reply'
      ? MESSAGE_SCHEMAS[field(raw, 'ok') === 'true' ? 'done' : 'failed']
      : kind === 'progress' || kind === 'reading'
        ? MESSAGE_SCHEMAS[kind]
        : WorkerMessageSchema;
  return check(schema, raw, 'message from the index worker') as WorkerMessage;
}

/** A field of what may be an object, as a string, to pick the schema that applies. */
function field(raw: unknown, name: string): string {
  return raw !== null && typeof raw === 'object' ? String((raw as Record<string, unknown>)[name]) : '';
}

/** The result of a reply, checked against what the request it answers must return. */
export function parseWorkerResult<K extends WorkerRequestType>(type: K, raw: unknown): WorkerResults[K] {
  return check(RESULT_SCHEMAS[type], raw, `${type} result from the index worker`) as WorkerResults[K];
}
