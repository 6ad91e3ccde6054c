/**
 * The SearchService on a real folder: initial indexing with one and two workers, a start
 * from the saved index, search latency through the service, and how long the caller's event
 * loop was delayed or busy meanwhile (it should not be busy: the work is in the workers).
 *
 *   node --import tsx bench/service/serviceBench.ts DIR [shards ...]   (default 1 2)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { searchRequest } from '../../main/common/contract';
import { WorkerSearchService } from '../../main/service/searchService';
import { bundledWorkerEntry } from '../../test/support/testCorpus';
import type { WorkerEntry } from '../../main/service/workerEntry';

const QUERIES = [
  'president',
  'economy growth',
  'secur',
  'nuclear weapons',
  'climate change',
  'the',
  'russia ukraine',
  'tarif',
];

async function once(
  corpusDir: string,
  cacheDir: string,
  shards: number,
  label: string,
  entry: WorkerEntry,
): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const utilization = performance.eventLoopUtilization();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const service = new WorkerSearchService({ corpusDir, cacheDir, shards }, {}, entry);
  const status = await service.ready();
  const readyMs = performance.now() - started;
  // Busy share of the caller's event loop: low means the work really is elsewhere, and a
  // long delay above is the machine's load, not blocking.
  const busy = performance.eventLoopUtilization(utilization).utilization;
  const used = process.cpuUsage(cpu);
  // CPU time of the whole process (all threads): the work, whatever the machine's load.
  const cpuSeconds = (used.user + used.system) / 1e6;
  loop.disable();
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await service.search(searchRequest({ q }));
      times.push(performance.now() - t);
    }
  }
  const stats = await service.statistics();
  await service.close();
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${label}, ${shards} worker(s): ready in ${(readyMs / 1000).toFixed(2)} s, ${cpuSeconds.toFixed(1)} s CPU (${status.progress.filesTotal} files, ` +
      `${status.passages} passages, ${status.skipped.length} skipped; ${stats.filesRead} read, cache ${stats.cache}); search median ${median.toFixed(1)} ms, ` +
      `max ${times.at(-1)!.toFixed(1)} ms; caller's event loop delayed at most ${(loop.max / 1e6).toFixed(0)} ms, busy ${(busy * 100).toFixed(1)}% of the time`,
  );
}

async function main(): Promise<void> {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: serviceBench.ts DIR [shards ...]');
  const shardCounts = rest.length > 0 ? rest.map(Number) : [1, 2];
  // Bundled, as in the app (and the saved index stays valid while sources are being edited).
  const bundle = await bundledWorkerEntry();
  for (const shards of shardCounts) {
    const cacheDir = await mkdtemp(join(tmpdir(), 'dictum-bench-cache-'));
    try {
      await once(dir, cacheDir, shards, 'build', bundle.entry);
      await once(dir, cacheDir, shards, 'from saved index', bundle.entry);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  }
  await bundle.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
