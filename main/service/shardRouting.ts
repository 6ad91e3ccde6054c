/**
 * Which shard owns a file, and how one answer is made from every shard's: a search goes to
 * every shard and is merged by the engine (`searchAcross`); a document lookup asks each shard
 * and takes the one that has it.
 */
import type { ExtractedDocument, SearchRequest, SearchResponse } from '../common/contract';
import { fnv1a } from '../common/hash';
import type { GroupMinima } from '../engine/groupColumn';
import { searchAcross, shardRequest } from '../engine/merge';

/** One shard's side of a search or a document lookup (a worker, or an index in-process). */
export interface ShardEndpoint {
  search(request: SearchRequest, minima?: GroupMinima): Promise<SearchResponse>;
  document(id: string): Promise<ExtractedDocument | null>;
  /** Per quote group, the smallest place among this shard's matches (for collapsed searches). */
  groupMinima?(request: SearchRequest): Promise<GroupMinima>;
}

/** The shard that owns a file: a stable hash of its relative path. */
export function shardOf(path: string, shardCount: number): number {
  return fnv1a(path) % shardCount;
}

/** Searches every shard and merges their answers into the one a single index would give. */
export async function searchShards(
  request: SearchRequest,
  shards: readonly ShardEndpoint[],
): Promise<SearchResponse> {
  if (shards.length === 1) return shards[0]!.search(request);
  // Collapsed: a group's row is its first matching report in any shard, so every shard
  // first says which places match, and then keeps a group's row only where the first is.
  const minima =
    request.collapse === 'group' && shards.every((shard) => shard.groupMinima)
      ? await globalMinima(shardRequest(request), shards)
      : undefined;
  return searchAcross(
    request,
    shards.map((shard) => (part: SearchRequest) => shard.search(part, minima)),
  );
}

async function globalMinima(request: SearchRequest, shards: readonly ShardEndpoint[]): Promise<GroupMinima> {
  const parts: GroupMinima[] = await Promise.all(
    shards.map((shard) => shard.groupMinima?.(request) ?? Promise.resolve({})),
  );
  const out: GroupMinima = {};
  for (const part of parts) {
    for (const [group, ordinal] of Object.entries(part)) {
      const known = out[group];
      if (known === undefined || ordinal < known) out[group] = ordinal;
    }
  }
  return out;
}

/** The document with this id from whichever shard holds it; null when none does. */
export async function findDocument(
  id: string,
  shards: readonly ShardEndpoint[],
): Promise<ExtractedDocument | null> {
  const found = await Promise.all(shards.map((shard) => shard.document(id)));
  return found.find((document) => document !== null) ?? null;
}
