/**
 * The body of an index worker thread: one shard of the index, driven by messages from the
 * SearchService. `indexWorker.ts` runs it with the real shard.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { currentBuildId } from './buildId';
import type { ProgressEvent, ReadingEvent, ShardConfig, WorkerMessage, WorkerRequest } from './protocol';
import { parseShardConfig, parseWorkerRequest } from './protocolChecks';
import { Shard } from './shard';

export type MakeShard = (
  config: ShardConfig,
  buildId: string,
  onProgress: (event: ProgressEvent | ReadingEvent) => void,
) => Shard;

export function runIndexWorker(makeShard: MakeShard = (...args) => new Shard(...args)): void {
  const port = parentPort;
  if (!port) throw new Error('service: the index worker must run in a worker thread');
  const post = (message: WorkerMessage): void => port.postMessage(message);
  const shard = makeShard(parseShardConfig(workerData), currentBuildId(), post);

  const handle = async (request: WorkerRequest): Promise<unknown> => {
    switch (request.type) {
      case 'load':
        return shard.load();
      case 'sync':
        return shard.sync(request.files, request.reportOptions, request.nameMerges);
      case 'search':
        return shard.search(request.request, request.minima ?? null);
      case 'groupMinima':
        return shard.groupMinima(request.request);
      case 'quoteDelta':
        return shard.quoteDelta();
      case 'groupMarks':
        shard.setGroupMarks(request.changes);
        return null;
      case 'document':
        return shard.document(request.docId);
      case 'save':
        return shard.save();
      case 'stop':
        shard.stop();
        return null;
      case 'stats':
        return { ...shard.stats, ...shard.counts() };
    }
  };

  port.on('message', (raw: unknown) => {
    let request: WorkerRequest;
    try {
      request = parseWorkerRequest(raw);
    } catch (error) {
      // Answered when it can be (it has an id), so the caller's request fails at once.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number')
        post({ kind: 'reply', id, ok: false, error: String((error as Error).message) });
      return;
    }
    handle(request).then(
      (result) => post({ kind: 'reply', id: request.id, ok: true, result }),
      (error: unknown) => {
        const status = (error as { status?: unknown }).status;
        post({
          kind: 'reply',
          id: request.id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
          ...(typeof status === 'number' ? { status } : {}),
        });
      },
    );
  });
}
