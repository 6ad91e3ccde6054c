/**
 * Incremental equals fresh, always: random sequences of the changes a user makes to a corpus
 * folder (test/support/corpusModel.ts), some made while the service is indexing, and after
 * each step the live service, and its saved index reopened as a restart reopens it, must show
 * exactly what a fresh reading of the folder shows. Every few dozen steps the service itself
 * restarts from its saved index.
 *
 * DICTUM_MODEL_SEED replays one run (its seed is in the failure report); DICTUM_MODEL_STEPS
 * sets the steps of each run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { ContractError, PASSAGE_KINDS, searchRequest, type SearchRequest } from '../common/contract';
import type { CorpusListing } from '../corpus/corpusReader';
import { CorpusModel, Random, SPEAKERS, WORDS } from '../../test/support/corpusModel';
import {
  differences,
  freshReading,
  type FreshReading,
  type IndexView,
} from '../../test/support/freshReading';
import { computeBuildId } from './buildId';
import { cacheFilePath } from './cacheFile';
import { WorkerSearchService } from './searchService';
import { QuoteGroupSync } from './quoteGroupSync';
import { Shard } from './shard';
import { findDocument, searchShards, shardOf, type ShardEndpoint } from './shardRouting';
import { bundledWorkerEntry, tempCorpus, type TempCorpus } from '../../test/support/testCorpus';
import type { WorkerEntry } from './workerEntry';

const RUNS = [
  { seed: 1801, shards: 2, steps: 700 },
  { seed: 1802, shards: 1, steps: 650 },
  { seed: 1803, shards: 2, steps: 650 },
];
const stepsOverride = Number(process.env.DICTUM_MODEL_STEPS) || null;
const seedOverride = Number(process.env.DICTUM_MODEL_SEED) || null;
/** About one step in this many restarts the service from its saved index. */
const RESTART_EVERY = 40;

let entry: WorkerEntry;
let buildId: string;
const corpora: TempCorpus[] = [];
before(async () => {
  entry = (await bundledWorkerEntry()).entry;
  buildId = computeBuildId(entry.file);
});
after(async () => {
  await Promise.all(corpora.map((corpus) => corpus.dispose()));
  await (await bundledWorkerEntry()).dispose();
});

function startService(corpus: TempCorpus, shards: number): WorkerSearchService {
  return new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards, watch: true },
    // Saves follow changes within 200 ms, so the saved index is as busy as the live one.
    { saveDelayMs: 0, saveIdleMs: 0, saveMaxDeferMs: 200, watchDebounceMs: 20 },
    entry,
  );
}

function liveView(service: WorkerSearchService): IndexView {
  return {
    search: (request) => service.search(request),
    document: (id) =>
      service.document(id).catch((error: unknown) => {
        if (error instanceof ContractError && error.status === 404) return null;
        throw error;
      }),
  };
}

/** The saved index, reopened in-process as a restart reopens it: loaded, then synced with the folder. */
async function reopenedView(
  corpus: TempCorpus,
  shardCount: number,
  listing: CorpusListing,
): Promise<IndexView> {
  const endpoints: ShardEndpoint[] = [];
  const shards: Shard[] = [];
  for (let shardIndex = 0; shardIndex < shardCount; shardIndex++) {
    const cacheFile = cacheFilePath(corpus.cacheDir, corpus.dir, shardIndex, shardCount);
    const shard = new Shard({ corpusDir: corpus.dir, shardIndex, shardCount, cacheFile }, buildId);
    await shard.load();
    await shard.sync(
      listing.files.filter((file) => shardOf(file.path, shardCount) === shardIndex),
      false,
    );
    shards.push(shard);
    endpoints.push({
      search: (request, minima) => shard.search(request, minima ?? null),
      document: (id) => shard.document(id),
      groupMinima: (request) => shard.groupMinima(request),
    });
  }
  // Quote groups span the shards, formed as the service forms them.
  await new QuoteGroupSync(
    shards.map((shard) => ({
      quoteDelta: () => shard.quoteDelta(),
      setGroupMarks: async (changes) => shard.setGroupMarks(changes),
    })),
  ).refresh(shards.map((_, shard) => shard));
  return {
    search: (request) => searchShards(request, endpoints),
    document: (id) => findDocument(id, endpoints),
  };
}

function requestsFor(r: Random, fresh: FreshReading): Promise<SearchRequest[]> {
  const all = { limit: 200 };
  return fresh.search(searchRequest({ ...all })).then((everything) => {
    const topics = everything.facets.topic.map((value) => value.value);
    return [
      searchRequest(all),
      searchRequest({ ...all, q: r.pick(WORDS) }),
      searchRequest({ ...all, q: r.pick(WORDS), speaker: [r.pick(SPEAKERS)] }),
      searchRequest({ ...all, kind: [r.pick(PASSAGE_KINDS)] }),
      searchRequest({ ...all, collapse: 'group' }),
      searchRequest({ ...all, minSources: 2 }),
      ...(topics.length > 0 ? [searchRequest({ ...all, topic: [r.pick(topics)] })] : []),
    ];
  });
}

function sample(r: Random, items: string[], count: number): string[] {
  return Array.from({ length: Math.min(count, items.length) }, () => r.pick(items));
}

async function run(seed: number, shards: number, steps: number): Promise<void> {
  const corpus = await tempCorpus({});
  corpora.push(corpus);
  const r = new Random(seed);
  const model = new CorpusModel(corpus.dir, r);
  let service = startService(corpus, shards);
  const log: string[] = [];
  let previousIds: string[] = [];
  let stepsWithGroups = 0;
  try {
    await service.ready();
    for (let step = 1; step <= steps; step++) {
      // Some changes land while the service is reading the ones before them.
      const whileIndexing = r.chance(0.3);
      const changes = r.chance(0.3) ? 2 + r.int(2) : 1;
      let indexing: Promise<unknown> | null = null;
      for (let i = 0; i < changes; i++) {
        log.push(`${step}: ${await model.step()}`);
        if (whileIndexing && i === 0) indexing = service.reindex();
        if (whileIndexing) await delay(r.int(4));
      }
      await indexing;
      if (r.chance(1 / RESTART_EVERY)) {
        await service.close();
        service = startService(corpus, shards);
        await service.ready();
        log.push(`${step}: restart`);
      } else {
        await service.reindex();
      }

      const fresh = await freshReading(corpus.dir);
      const status = await service.status();
      const found: string[] = [];
      const counts = (s: { documents: number; passages: number; skipped: unknown }): string =>
        JSON.stringify({ documents: s.documents, passages: s.passages, skipped: s.skipped });
      if (counts(status) !== counts(fresh)) {
        found.push(`status:\n  expected ${counts(fresh)}\n  actual   ${counts(status)}`);
      }
      if (status.progress.filesTotal !== fresh.files) {
        found.push(`files: expected ${fresh.files}, actual ${status.progress.filesTotal}`);
      }
      const requests = await requestsFor(r, fresh);
      const ids = {
        present: sample(r, fresh.documentIds, 4),
        absent: previousIds.filter((id) => !fresh.documentIds.includes(id)),
      };
      for (const difference of await differences(fresh, liveView(service), requests, ids)) {
        found.push(`live ${difference}`);
      }
      const reopened = await reopenedView(corpus, shards, fresh.listing);
      for (const difference of await differences(fresh, reopened, requests, ids)) {
        found.push(`saved ${difference}`);
      }
      if (found.length > 0) {
        assert.fail(
          `seed ${seed}, ${shards} shard(s), step ${step}: the index differs from a fresh reading\n` +
            `last changes:\n  ${log.slice(-12).join('\n  ')}\n${found
              .slice(0, 3)
              .map((text) => (text.length > 3000 ? `${text.slice(0, 3000)}…` : text))
              .join('\n')}`,
        );
      }
      previousIds = fresh.documentIds;
      const grouped = await fresh.search(searchRequest({ limit: 1, minSources: 2 }));
      if (grouped.total > 0) stepsWithGroups++;
    }
    // The comparison covers quote groups only if the random folders formed some.
    assert.ok(
      stepsWithGroups > steps / 4,
      `quote groups formed in only ${stepsWithGroups} of ${steps} steps`,
    );
  } finally {
    await service.close();
  }
}

describe('SearchService: incremental equals fresh', () => {
  const runs = seedOverride ? [{ seed: seedOverride, shards: 2, steps: 500 }] : RUNS;
  for (const { seed, shards, steps } of runs) {
    const count = stepsOverride ?? steps;
    it(`${count} random changes (seed ${seed}, ${shards} shard(s)): live and saved index match a fresh reading`, () =>
      run(seed, shards, count));
  }
});
