/** What the CLI, the HTTP server and the Electron shell get from the search service. */
import type { NameMerge } from '../extract/corpusNames';
import type { SearchApi, SearchRequest, SearchResponse, StatusResponse } from '../common/contract';
import type { SavedSearchService } from './savedSearchStore';

export interface SearchServiceOptions {
  /** The corpus folder; relative paths are resolved against the working folder. */
  corpusDir: string;
  /** Where saved indexes live; default `defaultCacheDir()`; null = never load or save an index. */
  cacheDir?: string | null;
  /** Keep the index up to date with file changes while running (default false). */
  watch?: boolean;
  /** Index worker threads to use (default: min(2, cores)); 1 = a single worker. */
  shards?: number;
}

export interface SearchService extends SearchApi {
  /** The corpus folder, absolute. */
  readonly corpusDir: string;
  /** Status while indexing (at most every 100 ms), on every phase change and when ready; returns unsubscribe. */
  onProgress(listener: (status: StatusResponse) => void): () => void;
  /** A search whose pages may hold up to LIMITS.exportPageSize hits: for exports, never over IPC or HTTP. */
  exportSearch(request: SearchRequest): Promise<SearchResponse>;
  /** The corpus's saved searches (dictum-saved.json) and their counts of new matches. */
  readonly saved: SavedSearchService;
  /** Resolves when the initial index is complete, or failed (`status.error` set); never rejects. */
  ready(): Promise<StatusResponse>;
  /** Speaker names merged across the corpus by the names pass, largest first. */
  nameMerges(): Promise<NameMerge[]>;
  /** Re-checks every file now; only added, changed and deleted files are re-read. */
  reindex(): Promise<StatusResponse>;
  /** Finishes work in flight, saves the index, stops the watcher and the workers. Call it: workers keep a process alive. */
  close(): Promise<void>;
}
