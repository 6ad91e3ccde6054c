/**
 * Faults the service must survive, brought about from outside its production code: a worker
 * killed as a crash would kill it, and a worker whose reading of one file never ends.
 */
import { join } from 'node:path';
import { WorkerSearchService } from '../../main/service/searchService';
import type { WorkerEntry } from '../../main/service/workerEntry';
import { bundledWorkerEntry } from './testCorpus';

/** The service, with a way to kill one of its workers as a crash would. */
export class CrashableSearchService extends WorkerSearchService {
  crashWorker(shard = 0): Promise<void> {
    return this.handles[shard]?.kill() ?? Promise.resolve();
  }
}

/** The environment variable that names the file the hanging worker never finishes reading. */
export const HANG_ON_ENV = 'DICTUM_TEST_HANG_ON';

/** A bundled index worker whose reading of the file named by HANG_ON_ENV never ends. */
export async function hangingWorkerEntry(): Promise<WorkerEntry> {
  return (await bundledWorkerEntry(join(__dirname, 'hangingIndexWorker.ts'))).entry;
}

export async function disposeHangingWorker(): Promise<void> {
  await (await bundledWorkerEntry(join(__dirname, 'hangingIndexWorker.ts'))).dispose();
}
