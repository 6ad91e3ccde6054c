/**
 * Issue 18: a document read only in part says so in the skipped list, live and after a
 * restart from the saved index, while what could be read stays searchable.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchRequest } from '../common/contract';
import { WorkerSearchService } from './searchService';
import { partlyRead } from './shard';
import { bundledWorkerEntry, tempCorpus, type TempCorpus } from '../../test/support/testCorpus';
import type { WorkerEntry } from './workerEntry';

const RECORDS = [
  JSON.stringify({
    id: 'r1',
    title: 'Harbour talks',
    text: 'The zebracorn harbour talks went well, the mayor said.',
  }),
  '{"id": "r2", "title": "Broken", "text": ',
  JSON.stringify({
    id: 'r3',
    title: 'Second talks',
    text: 'A second zebracorn meeting is planned for March.',
  }),
].join('\n');

let entry: WorkerEntry;
let corpus: TempCorpus;
const services: WorkerSearchService[] = [];
before(async () => {
  entry = (await bundledWorkerEntry()).entry;
  corpus = await tempCorpus({ 'records.jsonl': RECORDS });
});
after(async () => {
  await Promise.all(services.map((service) => service.close()));
  await corpus.dispose();
  await (await bundledWorkerEntry()).dispose();
});

async function ready(): Promise<WorkerSearchService> {
  const service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards: 1, watch: false },
    { saveDelayMs: 10, saveIdleMs: 10 },
    entry,
  );
  services.push(service);
  await service.ready();
  return service;
}

describe('SearchService: files read in part', () => {
  it('lists a file with a broken record as partly read, keeps its good records, and still does after a restart', async () => {
    const first = await ready();
    assert.equal((await first.search(searchRequest({ q: 'zebracorn', limit: 0 }))).total, 2);
    const listed = (await first.status()).skipped.find((s) => s.path === 'records.jsonl');
    assert.ok(listed, 'the partly read file is in the skipped list');
    assert.match(listed.reason, /^partly read: 1 invalid JSON line/);
    await first.close();

    const second = await ready();
    assert.equal((await second.search(searchRequest({ q: 'zebracorn', limit: 0 }))).total, 2);
    const again = (await second.status()).skipped.find((s) => s.path === 'records.jsonl');
    assert.equal(again?.reason, listed.reason);
  });

  it('names the first warnings and counts the rest', () => {
    assert.equal(partlyRead(undefined), null);
    assert.equal(partlyRead([]), null);
    assert.equal(
      partlyRead(['partly read: time budget used up', 'b', 'c', 'd', 'e']),
      'partly read: time budget used up; b; c; and 2 more',
    );
  });
});
