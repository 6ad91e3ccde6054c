/**
 * The entry of an index worker thread: one shard of the index, driven by messages from the
 * SearchService. Bundled to `dist/indexWorker.js`; run from sources under tsx in tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { currentBuildId } from './buildId';
import type { ShardConfig, WorkerMessage, WorkerRequest } from './protocol';
import { Shard } from './shard';

const port = parentPort;
if (!port) throw new Error('service: indexWorker must run in a worker thread');

const shard = new Shard(workerData as ShardConfig, currentBuildId(), (event) => post(event));

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return shard.load();
    case 'sync':
      return shard.sync(request.files, request.reportOptions);
    case 'search':
      return shard.search(request.request);
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
}

port.on('message', (request: WorkerRequest) => {
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
