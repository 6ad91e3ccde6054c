/**
 * Does a second index worker pay? Builds the real corpora (bench/search) to N passages, then
 * answers the benchmark queries from one worker, and from two workers that each own half of
 * the sources (by the service's hash), searched in parallel and merged, as the service does.
 * Latencies are end to end: message, search, structured clone and merge.
 *
 *   node --import tsx bench/service/shardBench.ts [passages ...]   (default 90000 500000)
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readAll, sized } from '../search/corpora';
import { makeQueries } from '../search/queries';
import { searchRequest, type SearchRequest, type SearchResponse } from '../../main/common/contract';
import { mergeResponses, SearchIndex } from '../../main/engine/searchIndex';
import { shardOf } from '../../main/service/shardRouting';

interface BenchWorkerData {
  passages: number;
  shardIndex: number;
  shardCount: number;
}

type Request = { id: number; request: SearchRequest };
type Reply = { id: number; response: SearchResponse } | { built: true; buildMs: number; passages: number };

function workerMain(): void {
  const { passages, shardIndex, shardCount } = workerData as BenchWorkerData;
  const sources = sized(readAll(), passages).filter((s) => shardOf(s.key, shardCount) === shardIndex);
  const started = performance.now();
  const index = new SearchIndex();
  for (const source of sources) index.addSource(source.key, source.docs);
  index.search(searchRequest({ q: 'warm' }));
  const reply: Reply = { built: true, buildMs: performance.now() - started, passages: index.passageCount };
  parentPort!.postMessage(reply);
  parentPort!.on('message', ({ id, request }: Request) => {
    parentPort!.postMessage({ id, response: index.search(request) } satisfies Reply);
  });
}

class BenchShard {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, (response: SearchResponse) => void>();
  readonly built: Promise<{ buildMs: number; passages: number }>;

  constructor(data: BenchWorkerData) {
    this.worker = new Worker(__filename, {
      workerData: data,
      execArgv: ['--require', require.resolve('tsx/cjs')],
      resourceLimits: { maxOldGenerationSizeMb: 8000 },
    });
    this.built = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (reply: Reply) => {
        if ('built' in reply) resolve(reply);
        else this.waiting.get(reply.id)?.(reply.response);
      });
    });
  }

  search(request: SearchRequest): Promise<SearchResponse> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ id, request } satisfies Request);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(passages: number, shardCount: number, requests: SearchRequest[]): Promise<string> {
  const shards = Array.from(
    { length: shardCount },
    (_, shardIndex) => new BenchShard({ passages, shardIndex, shardCount }),
  );
  const builds = await Promise.all(shards.map((shard) => shard.built));
  const search = async (request: SearchRequest): Promise<SearchResponse> => {
    if (shards.length === 1) return shards[0]!.search(request);
    const part = { ...request, offset: 0, limit: request.offset + request.limit };
    return mergeResponses(request, await Promise.all(shards.map((shard) => shard.search(part))));
  };
  for (const request of requests.slice(0, 30)) await search(request);
  const times: number[] = [];
  let hits = 0;
  for (const request of requests) {
    const started = performance.now();
    hits += (await search(request)).total;
    times.push(performance.now() - started);
  }
  await Promise.all(shards.map((shard) => shard.stop()));
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const indexed = builds.reduce((s, b) => s + b.passages, 0);
  const buildMs = Math.max(...builds.map((b) => b.buildMs));
  return (
    `${String(indexed).padStart(7)} passages, ${shardCount} shard(s): build ${(buildMs / 1000).toFixed(1)} s, ` +
    `search mean ${mean.toFixed(1)} ms, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms ` +
    `(${requests.length} requests, ${hits} matches)`
  );
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const real = readAll();
  for (const passages of sizes.length > 0 ? sizes : [90_000, 500_000]) {
    const queries = makeQueries(sized(real, passages), 200);
    // As typed (relevance, first page), browsing by date with facets, and filtered by speaker.
    const requests: SearchRequest[] = [
      ...queries.map((q) => searchRequest({ q: q.q })),
      ...queries
        .slice(0, 50)
        .map((q) => searchRequest({ q: q.q.split(' ')[0]!, sort: 'date-desc', offset: 20 })),
      searchRequest({ q: '' }),
      ...queries.slice(0, 50).map((q) => searchRequest({ q: q.q, speaker: q.speakers.slice(0, 3) })),
    ];
    for (const shardCount of [1, 2]) console.log(await measure(passages, shardCount, requests));
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  workerMain();
}
