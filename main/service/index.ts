/**
 * The SearchService: Dictum's search API (search, document, status) over one corpus folder,
 * kept off the caller's thread in index workers, saved to a cache and kept up to date.
 * The CLI, the HTTP server and the Electron main process all use it through this module.
 */
import { WorkerSearchService } from './searchService';
import type { SearchService, SearchServiceOptions } from './serviceApi';

export type { SearchService, SearchServiceOptions } from './serviceApi';

/** Starts a service for `options.corpusDir`; it returns at once and indexes in the background. */
export function createSearchService(options: SearchServiceOptions): SearchService {
  return new WorkerSearchService(options);
}

export { defaultCacheDir } from './cacheFile';
export { WorkerSearchService, type ServiceStatistics, type ServiceTuning } from './searchService';
