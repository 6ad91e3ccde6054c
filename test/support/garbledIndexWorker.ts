/**
 * An index worker that answers every search with something that is not a search response,
 * as a broken or mismatched worker might: the caller must refuse it, not pass it on.
 */
import type { SearchRequest, SearchResponse } from '../../main/common/contract';
import { Shard } from '../../main/service/shard';
import { runIndexWorker } from '../../main/service/workerMain';

class GarbledShard extends Shard {
  override async search(request: SearchRequest): Promise<SearchResponse> {
    return { ...(await super.search(request)), total: 'many' } as unknown as SearchResponse;
  }
}

runIndexWorker((...args) => new GarbledShard(...args));
