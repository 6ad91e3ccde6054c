import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, searchRequest } from '../common/contract';
import { SAVED_FILE, savedQueryOf, type SavedSearchAlert } from '../common/savedSearches';
import { WorkerSearchService } from './searchService';
import { countUnseen } from './savedSearchStore';
import { decodeSeen, encodeSeen, formatSavedFile, parseSavedFile } from './savedSearchFile';
import { article, bundledWorkerEntry, tempCorpus, type TempCorpus } from '../../test/support/testCorpus';
import type { WorkerEntry } from './workerEntry';

const corpora: TempCorpus[] = [];
let services: WorkerSearchService[] = [];
let entry: WorkerEntry;
before(async () => {
  entry = (await bundledWorkerEntry()).entry;
});
afterEach(async () => {
  await Promise.all(services.map((service) => service.close().catch(() => undefined)));
  services = [];
});
after(async () => {
  await Promise.all(corpora.map((corpus) => corpus.dispose()));
  await (await bundledWorkerEntry()).dispose();
});

async function corpusOf(files: Record<string, string>): Promise<TempCorpus> {
  const corpus = await tempCorpus(files);
  corpora.push(corpus);
  return corpus;
}

/** Not watching: each change is taken in by reindex(), so the test says when. */
async function start(corpus: TempCorpus, shards = 2): Promise<WorkerSearchService> {
  const service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards },
    { saveDelayMs: 50, saveIdleMs: 50 },
    entry,
  );
  services.push(service);
  await service.ready();
  return service;
}

const plans = savedQueryOf(
  searchRequest({ q: 'plan', kind: ['quote'], sort: 'date-desc', notSpeaker: ['Grace Hopper'] }),
);

describe('saved searches in the service', () => {
  it('counts the matches of an added file as new, raises an alert, and opening resets the count', async () => {
    const corpus = await corpusOf({ 'a.txt': article('zebracorn') });
    const service = await start(corpus);
    const alerts: SavedSearchAlert[] = [];
    service.saved.onAlert((alert) => alerts.push(alert));
    const saved = await service.saved.createSaved({ name: 'Plans', query: plans });
    assert.equal(saved.newCount, 0);
    assert.equal(saved.total, 1);
    assert.deepEqual(saved.query.notSpeaker, ['Grace Hopper']);

    await corpus.write('b.txt', article('quokka'));
    await corpus.write('c.txt', article('narwhal', 'Grace Hopper'));
    await service.reindex();
    const listed = await service.saved.listSaved();
    assert.equal(listed.problem, null);
    // b.txt has one matching quote; c.txt's is Grace Hopper's, left out by the saved search.
    assert.equal(listed.searches[0]!.newCount, 1);
    assert.equal(listed.searches[0]!.total, 2);
    assert.deepEqual(alerts, [{ id: saved.id, name: 'Plans', newCount: 1, added: 1 }]);

    const opened = await service.saved.openSaved(saved.id);
    assert.equal(opened.newCount, 0);
    assert.ok(opened.lastOpened >= saved.lastOpened);
    assert.equal((await service.saved.listSaved()).searches[0]!.newCount, 0);
  });

  it('counts only the new statement of an edited file, not the ones it already had', async () => {
    const corpus = await corpusOf({ 'a.txt': article('zebracorn') });
    const service = await start(corpus);
    const saved = await service.saved.createSaved({ name: 'Harbour', query: savedQueryOf({ q: 'harbour' }) });
    assert.equal(saved.total, 1);
    // A paragraph inserted at the top shifts every statement's position (and id) in the file.
    const text = await readFile(join(corpus.dir, 'a.txt'), 'utf8');
    const [title, ...rest] = text.split('\n');
    await corpus.write(
      'a.txt',
      [title, '', 'The harbour master asked for patience while the quay is rebuilt.', ...rest].join('\n'),
    );
    await service.reindex();
    const counted = (await service.saved.listSaved()).searches[0]!;
    assert.equal(counted.total, 2);
    assert.equal(counted.newCount, 1);
  });

  it('keeps saved searches, their seen matches and counts in the corpus folder across restarts', async () => {
    const corpus = await corpusOf({ 'a.txt': article('zebracorn') });
    let service = await start(corpus);
    const saved = await service.saved.createSaved({
      name: 'Zebracorn plan',
      query: savedQueryOf({ q: 'zebracorn' }),
    });
    await service.saved.createSaved({ name: 'Everything', query: savedQueryOf({}) });
    await service.close();
    // Added while Dictum was closed: counted when it starts again.
    await corpus.write('b.txt', article('zebracorn', 'Grace Hopper'));
    service = await start(corpus);
    const listed = await service.saved.listSaved();
    assert.deepEqual(
      listed.searches.map((s) => [s.name, s.newCount]),
      [
        ['Zebracorn plan', 3],
        ['Everything', 3],
      ],
    );
    const file = JSON.parse(await readFile(join(corpus.dir, SAVED_FILE), 'utf8')) as {
      searches: Array<{ id: string; name: string; query: { q: string }; newMatches: number }>;
    };
    assert.equal(file.searches[0]!.id, saved.id);
    assert.equal(file.searches[0]!.query.q, 'zebracorn');
    assert.equal(file.searches[0]!.newMatches, 3);
    // The file is Dictum's, not a document of the corpus.
    const status = await service.status();
    assert.equal(status.documents, 2);
    assert.equal(status.skipped.length, 0);
  });

  it('renames, changes the query (a new baseline), deletes, and refuses a duplicate name', async () => {
    const corpus = await corpusOf({ 'a.txt': article('zebracorn'), 'b.txt': article('quokka') });
    const service = await start(corpus, 1);
    const one = await service.saved.createSaved({ name: 'One', query: savedQueryOf({ q: 'zebracorn' }) });
    const two = await service.saved.createSaved({ name: 'Two', query: savedQueryOf({ q: 'quokka' }) });
    await assert.rejects(
      service.saved.createSaved({ name: ' one ', query: savedQueryOf({}) }),
      (error: unknown) => error instanceof ContractError && /already named "One"/.test(error.message),
    );
    await assert.rejects(service.saved.updateSaved(two.id, { name: 'ONE' }), /already named/);
    const renamed = await service.saved.updateSaved(one.id, { name: 'Zebracorn' });
    assert.equal(renamed.name, 'Zebracorn');
    const widened = await service.saved.updateSaved(one.id, { query: savedQueryOf({ q: 'harbour' }) });
    assert.equal(widened.total, 2);
    assert.equal(widened.newCount, 0);
    const left = await service.saved.deleteSaved(two.id);
    assert.deepEqual(
      left.searches.map((s) => s.name),
      ['Zebracorn'],
    );
    await assert.rejects(
      service.saved.openSaved(two.id),
      (error: unknown) => (error as ContractError).status === 404,
    );
  });

  it('reports a corrupt file clearly, never overwrites it, and still searches', async () => {
    const broken = '{ "searches": [ { "name": "half written';
    const corpus = await corpusOf({ 'a.txt': article('zebracorn'), [SAVED_FILE]: broken });
    const service = await start(corpus, 1);
    const listed = await service.saved.listSaved();
    assert.deepEqual(listed.searches, []);
    assert.match(
      listed.problem ?? '',
      /^saved: dictum-saved\.json is not valid JSON .*Dictum will not overwrite it$/,
    );
    await assert.rejects(service.saved.createSaved({ name: 'x', query: savedQueryOf({}) }), /not valid JSON/);
    assert.equal(await readFile(join(corpus.dir, SAVED_FILE), 'utf8'), broken);
    assert.equal((await service.search(searchRequest({ q: 'zebracorn' }))).total, 3);
    // Fixed by hand while running: read again.
    await writeFile(join(corpus.dir, SAVED_FILE), '{ "searches": [] }');
    assert.equal((await service.saved.listSaved()).problem, null);
  });

  it('keeps an entry it cannot use in the file as written, says why, and uses the rest', async () => {
    const bad = { id: 'sbad', name: 'Bad sort', query: { q: 'x', sort: 'sideways' } };
    const good = { id: 'sgood', name: 'Good', query: { q: 'zebracorn' } };
    const corpus = await corpusOf({
      'a.txt': article('zebracorn'),
      [SAVED_FILE]: JSON.stringify({ searches: [bad, good] }),
    });
    const service = await start(corpus, 1);
    const listed = await service.saved.listSaved();
    assert.deepEqual(
      listed.searches.map((s) => [s.name, s.newCount, s.total]),
      [['Good', 0, 3]],
    );
    assert.match(listed.problem ?? '', /entry 1: query: search: sort/);
    await service.saved.createSaved({ name: 'New', query: savedQueryOf({ q: 'plan' }) });
    const file = JSON.parse(await readFile(join(corpus.dir, SAVED_FILE), 'utf8')) as { searches: unknown[] };
    assert.deepEqual(file.searches.at(-1), bad);
    assert.equal(file.searches.length, 3);
  });
});

describe('the saved-searches file', () => {
  it('round-trips seen fingerprints and refuses ones that are not sorted', () => {
    const seen = Uint32Array.from([3, 70_000, 4_000_000_000]);
    assert.deepEqual(decodeSeen(encodeSeen(seen)), seen);
    assert.equal(decodeSeen(encodeSeen(Uint32Array.from([5, 4]))), null);
    assert.equal(decodeSeen('not base64!'), null);
    const text = formatSavedFile(
      [
        {
          id: 'sa',
          name: 'A',
          query: savedQueryOf({ q: 'nato' }),
          created: '2026-12-01T00:00:00.000Z',
          lastOpened: '2026-12-02T00:00:00.000Z',
          seen,
          newCount: 4,
          total: 9,
        },
      ],
      [],
    );
    const parsed = parseSavedFile(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.searches[0]!.seen, seen);
    assert.equal(parsed.searches[0]!.newCount, 4);
  });

  it('counts the values not seen', () => {
    assert.equal(countUnseen(Uint32Array.from([1, 2, 5, 9]), Uint32Array.from([2, 3, 9])), 2);
    assert.equal(countUnseen(Uint32Array.from([]), Uint32Array.from([2])), 0);
    assert.equal(countUnseen(Uint32Array.from([7]), Uint32Array.from([])), 1);
  });
});
