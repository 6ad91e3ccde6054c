/**
 * Issue 18's reproduction: records cut from a JSON Lines file, or the whole file deleted,
 * while the service runs must vanish from hits and document lookups at once, and a restart
 * from the saved index must agree with a fresh reading.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, searchRequest } from '../common/contract';
import { freshReading } from '../../test/support/freshReading';
import { WorkerSearchService } from './searchService';
import {
  article,
  bundledWorkerEntry,
  eventually,
  tempCorpus,
  type TempCorpus,
} from '../../test/support/testCorpus';
import type { WorkerEntry } from './workerEntry';

const KREMLIN = join(__dirname, '..', '..', 'corpus', 'kremlin', 'kremlin-selection.jsonl');

let entry: WorkerEntry;
let corpus: TempCorpus;
const services: WorkerSearchService[] = [];
before(async () => {
  entry = (await bundledWorkerEntry()).entry;
  corpus = await tempCorpus({
    'kremlin.jsonl': await readFile(KREMLIN, 'utf8'),
    'notes.txt': article('Putin'),
  });
});
after(async () => {
  await Promise.all(services.map((service) => service.close()));
  await corpus.dispose();
  await (await bundledWorkerEntry()).dispose();
});

function start(): WorkerSearchService {
  const service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards: 2, watch: true },
    { saveDelayMs: 50, saveIdleMs: 50, watchDebounceMs: 50 },
    entry,
  );
  services.push(service);
  return service;
}

async function total(service: WorkerSearchService, q: string): Promise<number> {
  return (await service.search(searchRequest({ q, limit: 0 }))).total;
}

/** The service agrees with a fresh reading: totals, and every removed document is gone. */
async function assertAgrees(service: WorkerSearchService, removed: string[]): Promise<void> {
  const fresh = await freshReading(corpus.dir);
  const expected = (await fresh.search(searchRequest({ q: 'putin', limit: 0 }))).total;
  assert.equal(await total(service, 'putin'), expected);
  assert.equal((await service.status()).documents, fresh.documents);
  const hitDocs = new Set<string>();
  for (let offset = 0; offset < expected; offset += 200) {
    const page = await service.search(searchRequest({ q: 'putin', limit: 200, offset }));
    for (const hit of page.hits) hitDocs.add(hit.docId);
  }
  for (const id of removed) {
    assert.ok(!hitDocs.has(id), `hits still come from removed document ${id}`);
    await assert.rejects(service.document(id), (error: unknown) => {
      assert.ok(error instanceof ContractError && error.status === 404, `document ${id} still answers`);
      return true;
    });
  }
}

async function documentIds(): Promise<string[]> {
  return (await freshReading(corpus.dir)).documentIds;
}

describe('SearchService: records removed while it runs', () => {
  it('cutting a JSON Lines file to half its records, then deleting it, removes them everywhere', async () => {
    let service = start();
    await service.ready();
    const before = await documentIds();
    const full = await total(service, 'putin');
    assert.ok(full > 0);

    const lines = (await readFile(join(corpus.dir, 'kremlin.jsonl'), 'utf8')).split('\n').filter(Boolean);
    await writeFile(join(corpus.dir, 'kremlin.jsonl'), lines.slice(0, lines.length / 2).join('\n') + '\n');
    let now = await documentIds();
    let removed = before.filter((id) => !now.includes(id));
    assert.equal(removed.length, lines.length / 2);
    await eventually(async () => (await total(service, 'putin')) < full, 30_000, 'the cut');
    await assertAgrees(service, removed);

    await service.close();
    service = start();
    await service.ready();
    assert.deepEqual((await service.statistics()).caches, ['loaded', 'loaded']);
    await assertAgrees(service, removed);

    await rm(join(corpus.dir, 'kremlin.jsonl'));
    now = await documentIds();
    removed = before.filter((id) => !now.includes(id));
    assert.deepEqual(now.length, 1, 'only notes.txt is left');
    await eventually(async () => (await service.status()).documents === 1, 30_000, 'the deletion');
    await assertAgrees(service, removed);

    await service.close();
    service = start();
    await service.ready();
    await assertAgrees(service, removed);
  });
});
