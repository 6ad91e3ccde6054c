import { after, afterEach, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, searchRequest, type StatusResponse } from '../common/contract';
import {
  createSearchService,
  WorkerSearchService,
  type SearchServiceOptions,
  type ServiceTuning,
} from './index';
import {
  article,
  bundledWorkerEntry,
  eventually,
  tempCorpus,
  waitForStatus,
  type TempCorpus,
} from '../../test/support/testCorpus';
import {
  CrashableSearchService,
  disposeHangingWorker,
  HANG_ON_ENV,
  hangingWorkerEntry,
} from '../../test/support/faultyWorkers';
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
  await disposeHangingWorker();
});

async function corpusOf(files: Record<string, string>): Promise<TempCorpus> {
  const corpus = await tempCorpus(files);
  corpora.push(corpus);
  return corpus;
}

function start(
  corpus: TempCorpus,
  options: Partial<SearchServiceOptions> = {},
  tuning: Partial<ServiceTuning> = {},
): WorkerSearchService {
  const service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards: 1, ...options },
    { saveDelayMs: 50, saveIdleMs: 50, watchDebounceMs: 50, ...tuning },
    entry,
  );
  services.push(service);
  return service;
}

async function paths(service: WorkerSearchService, q: string): Promise<string[]> {
  const response = await service.search(searchRequest({ q, limit: 50 }));
  return [...new Set(response.hits.map((hit) => hit.path))].sort();
}

/** A word of its own for each number: any two differ in three letters, so no typo or prefix links them. */
function tag(i: number): string {
  const code = String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
  return code.repeat(3);
}

const FILES = {
  'a.txt': article('zebracorn'),
  // Dated, so that touching it changes nothing (a document dated by its file's time would).
  'b.md': `---\ntitle: Harbour notes\ndate: 2021-05-04\n---\n\n${article('quokka', 'Grace Hopper')}`,
  'sub/c.txt': article('narwhal', 'Alan Turing'),
};

describe('SearchService', () => {
  it('indexes a folder and answers searches and document lookups (worker run from sources)', async () => {
    const corpus = await corpusOf(FILES);
    const service = createSearchService({ corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards: 1 });
    services.push(service as WorkerSearchService);
    const status = await service.ready();
    assert.equal(status.progress.phase, 'ready');
    assert.equal(status.error, null);
    assert.equal(status.progress.filesTotal, 3);
    assert.equal(status.progress.filesDone, 3);
    assert.ok(status.documents >= 3, `documents: ${status.documents}`);
    assert.ok(status.passages >= status.documents);
    assert.equal(status.corpus.path, corpus.dir);
    assert.equal(status.corpus.name, 'corpus');

    const response = await service.search(searchRequest({ q: 'narwhal' }));
    assert.ok(response.total > 0);
    assert.deepEqual([...new Set(response.hits.map((hit) => hit.path))], ['sub/c.txt']);
    const document = await service.document(response.hits[0]!.docId);
    assert.equal(document.document.path, 'sub/c.txt');
    assert.match(document.text, /narwhal/);

    await assert.rejects(service.document('no-such-document'), (error: unknown) => {
      assert.ok(error instanceof ContractError);
      assert.equal(error.status, 404);
      assert.match(error.message, /document not found: no-such-document/);
      return true;
    });
    await assert.rejects(service.search({ ...searchRequest(), limit: -1 }), ContractError);
  });

  it('gives the same results with one shard and with two', async () => {
    const files: Record<string, string> = {};
    const speakers = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov'];
    for (let i = 0; i < 12; i++) {
      files[`doc${i}.txt`] = article(i % 2 ? 'quokka' : 'zebracorn', speakers[i % speakers.length]);
    }
    const corpus = await corpusOf(files);
    const one = start(corpus, { shards: 1, cacheDir: null });
    const two = start(corpus, { shards: 2, cacheDir: null });
    await Promise.all([one.ready(), two.ready()]);
    for (const q of ['quokka', 'zebracorn', '']) {
      for (const page of [
        { offset: 0, limit: 5 },
        { offset: 5, limit: 5 },
      ]) {
        const a = await one.search(searchRequest({ q, ...page, sort: 'date-desc' }));
        const b = await two.search(searchRequest({ q, ...page, sort: 'date-desc' }));
        assert.equal(a.total, b.total, `total for "${q}"`);
        assert.equal(a.hits.length, b.hits.length);
        assert.deepEqual(b.facets.kind, a.facets.kind);
        assert.deepEqual(b.facets.speaker, a.facets.speaker);
        assert.deepEqual(b.facets.topic, a.facets.topic);
      }
    }
    const stats = await two.statistics();
    assert.equal(stats.shards, 2);
    // Pages deeper than the shards return cannot be merged exactly: said, not guessed.
    const deep = await two.search(searchRequest({ q: 'quokka', offset: 9_995, limit: 10 }));
    assert.equal(deep.total, (await one.search(searchRequest({ q: 'quokka' }))).total);
    assert.deepEqual(deep.hits, []);
    assert.match(deep.notes.join(' '), /beyond the first 10000/);
  });

  it('answers searches while indexing and reports throttled progress', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++)
      files[`batch/${String(i).padStart(4, '0')}.txt`] = article(`zebracorn ${tag(i)}`);
    const corpus = await corpusOf(files);
    const events: StatusResponse[] = [];
    const service = start(corpus, { cacheDir: null });
    service.onProgress((status) => events.push(status));
    const midway = await waitForStatus(
      service,
      (s) => s.progress.phase === 'reading' && s.progress.filesDone > 0 && s.progress.filesDone < 150,
    );
    const partial = await service.search(searchRequest({ q: 'zebracorn', limit: 0 }));
    const final = await service.ready();
    assert.equal(final.progress.filesDone, 150);
    const full = await service.search(searchRequest({ q: 'zebracorn', limit: 0 }));
    assert.ok(partial.total > 0, 'searches see what is indexed so far');
    assert.ok(partial.total < full.total, `partial ${partial.total} < full ${full.total}`);
    assert.ok(midway.passages > 0);

    assert.equal(events.at(-1)!.progress.phase, 'ready');
    assert.ok(events.some((e) => e.progress.phase === 'reading'));
    const done = events.map((e) => e.progress.filesDone);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
      'files done never goes back',
    );
    // At most one event per 100 ms, plus the phase changes that go out at once.
    const allowed = Math.ceil(final.progress.elapsedMs / 100) + 6;
    assert.ok(events.length <= allowed, `${events.length} events in ${final.progress.elapsedMs} ms`);
  });

  it('reuses the saved index, re-reading only added and changed files (all after new options)', async () => {
    const corpus = await corpusOf({ ...FILES, 'd.txt': article('platypus') });
    const first = start(corpus);
    const built = await first.ready();
    assert.equal((await first.statistics()).filesRead, 4);
    await first.close();

    const second = start(corpus);
    const reused = await second.ready();
    let stats = await second.statistics();
    assert.deepEqual(stats.caches, ['loaded']);
    assert.equal(stats.filesRead, 0);
    assert.equal(reused.progress.filesDone, 4);
    assert.equal(reused.documents, built.documents);
    assert.deepEqual(await paths(second, 'quokka'), ['b.md']);
    await second.close();

    const later = new Date(Date.now() + 60_000);
    await corpus.write('a.txt', article('axolotl'), later); // changed
    await corpus.write('b.md', await readFile(join(corpus.dir, 'b.md'), 'utf8'), later); // touched only
    await corpus.write('e.txt', article('pangolin')); // added
    await corpus.remove('d.txt'); // deleted

    const third = start(corpus);
    await third.ready();
    stats = await third.statistics();
    assert.deepEqual(stats.caches, ['loaded']);
    assert.equal(stats.filesRead, 3, 'changed, touched and added');
    assert.equal(stats.filesUnchangedByHash, 1, 'the touched file keeps its documents');
    assert.equal(stats.filesRemoved, 1);
    assert.deepEqual(await paths(third, 'axolotl'), ['a.txt']);
    assert.deepEqual(await paths(third, 'zebracorn'), []);
    assert.deepEqual(await paths(third, 'pangolin'), ['e.txt']);
    assert.deepEqual(await paths(third, 'platypus'), []);
    assert.deepEqual(await paths(third, 'quokka'), ['b.md']);
    await third.close();

    // New corpus options (aliases, taxonomy) change what is extracted from every file.
    await corpus.write('dictum-aliases.yaml', 'Ada Lovelace:\n  - Countess of Lovelace\n');
    const fourth = start(corpus);
    const status = await fourth.ready();
    assert.equal((await fourth.statistics()).filesRead, 4);
    assert.equal(status.progress.filesTotal, 4, 'the options file is not a document');
  });

  it('notices an edit that keeps the size and puts the mtime back, live and after a restart', async () => {
    const corpus = await corpusOf(FILES);
    // Whole seconds, so that putting the mtime back restores it exactly.
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await corpus.write('a.txt', article('zebracorn'), mtime);
    const first = start(corpus);
    await first.ready();
    assert.deepEqual(await paths(first, 'zebracorn'), ['a.txt']);

    // An editor that keeps the length and the time (or `touch -r`) changes nothing a size and
    // mtime check could see.
    await corpus.write('a.txt', article('wolverine'), mtime);
    await first.reindex();
    assert.deepEqual(await paths(first, 'wolverine'), ['a.txt']);
    assert.deepEqual(await paths(first, 'zebracorn'), []);
    await first.close();

    await corpus.write('a.txt', article('axolotls'.padEnd(9, 's')), mtime);
    const second = start(corpus);
    await second.ready();
    assert.deepEqual((await second.statistics()).caches, ['loaded']);
    assert.deepEqual(await paths(second, 'axolotlss'), ['a.txt']);
    assert.deepEqual(await paths(second, 'wolverine'), []);
  });

  it('stops reading on close, saves what it read, and reads the rest on the next start', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++)
      files[`batch/${String(i).padStart(4, '0')}.txt`] = article(`zebracorn ${tag(i)}`);
    const corpus = await corpusOf(files);
    const first = start(corpus);
    await waitForStatus(first, (s) => s.progress.filesDone > 0 && s.progress.filesDone < 100);
    await first.close();
    assert.equal((await readdir(corpus.cacheDir)).length, 1, 'the partial index was saved');

    const second = start(corpus);
    const status = await second.ready();
    const stats = await second.statistics();
    assert.deepEqual(stats.caches, ['loaded']);
    assert.ok(stats.filesRead > 0 && stats.filesRead < 150, `read ${stats.filesRead} of 150 again`);
    assert.equal(status.progress.filesDone, 150);
    assert.equal(status.documents, 150);
    for (const i of [0, 75, 149]) {
      assert.deepEqual(await paths(second, tag(i)), [`batch/${String(i).padStart(4, '0')}.txt`]);
    }
  });

  it('rebuilds from the files when the saved index is damaged', async () => {
    const corpus = await corpusOf(FILES);
    const first = start(corpus, { shards: 2 });
    await first.ready();
    await first.close();
    const cacheFiles = (await readdir(corpus.cacheDir)).filter((name) => name.endsWith('.bin'));
    assert.equal(cacheFiles.length, 2);
    // One file is garbage, the other has a flipped byte deep in the index.
    await writeFile(join(corpus.cacheDir, cacheFiles[0]!), 'not an index at all');
    const bytes = await readFile(join(corpus.cacheDir, cacheFiles[1]!));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    await writeFile(join(corpus.cacheDir, cacheFiles[1]!), bytes);

    const second = start(corpus, { shards: 2 });
    const status = await second.ready();
    assert.equal(status.error, null);
    const stats = await second.statistics();
    assert.equal(stats.filesRead, 3);
    assert.ok(
      stats.caches.every((reason) => reason !== 'loaded'),
      stats.caches.join('; '),
    );
    assert.deepEqual(await paths(second, 'narwhal'), ['sub/c.txt']);
  });

  it('rebuilds a saved index of an older format, says so once, and removes it', async () => {
    const corpus = await corpusOf(FILES);
    const first = start(corpus);
    await first.ready();
    await first.close();
    const [saved] = (await readdir(corpus.cacheDir)).filter((name) => name.endsWith('.bin'));
    // The same index under the name and format number of the format before this one.
    const older = saved!.replace(/^index-v(\d+)-/, (_m, v: string) => `index-v${Number(v) - 1}-`);
    await rename(join(corpus.cacheDir, saved!), join(corpus.cacheDir, older));

    const warn = mock.method(console, 'warn', () => undefined);
    try {
      const second = start(corpus);
      await second.ready();
      const notes = warn.mock.calls.map((call) => String(call.arguments[0]));
      assert.equal(
        notes.filter((note) => note.includes('older version of Dictum')).length,
        1,
        notes.join('\n'),
      );
      assert.equal((await second.statistics()).filesRead, 3);
      assert.deepEqual(await paths(second, 'narwhal'), ['sub/c.txt']);
      assert.equal((await readdir(corpus.cacheDir)).includes(older), false);
    } finally {
      warn.mock.restore();
    }
  });

  it('follows added and deleted files while watching', async () => {
    const corpus = await corpusOf(FILES);
    const service = start(corpus, { watch: true });
    await service.ready();
    await corpus.write('new/e.txt', article('pangolin'));
    await eventually(async () => (await paths(service, 'pangolin')).length === 1, 10_000, 'the new file');
    await corpus.remove('a.txt');
    await eventually(async () => (await paths(service, 'zebracorn')).length === 0, 10_000, 'the deletion');
    const status = await service.status();
    assert.equal(status.progress.filesTotal, 3);
    assert.notEqual((await service.statistics()).watcher, 'off');
  });

  it('saves on close what changed since the last save', async () => {
    const corpus = await corpusOf(FILES);
    const first = start(corpus, {}, { saveDelayMs: 60_000 });
    await first.ready();
    await eventually(
      async () => (await first.statistics()).saves === 1,
      10_000,
      'the save after the initial build',
    );
    await corpus.write('e.txt', article('pangolin'));
    const status = await first.reindex();
    assert.equal(status.progress.filesTotal, 4);
    assert.deepEqual(await paths(first, 'pangolin'), ['e.txt']);
    await first.close();
    await assert.rejects(first.search(searchRequest()), /closed/);

    const second = start(corpus);
    await second.ready();
    assert.equal((await second.statistics()).filesRead, 0);
    assert.deepEqual(await paths(second, 'pangolin'), ['e.txt']);
  });

  it('restarts a crashed worker and rebuilds its part of the index', async () => {
    const corpus = await corpusOf(FILES);
    const service = new CrashableSearchService(
      { corpusDir: corpus.dir, cacheDir: null, shards: 1 },
      { saveDelayMs: 50, saveIdleMs: 50, watchDebounceMs: 50 },
      entry,
    );
    services.push(service);
    const before = await service.ready();
    await service.crashWorker(0);
    await waitForStatus(service, (s) => s.error !== null && s.progress.phase === 'ready' && s.documents > 0);
    await eventually(async () => (await paths(service, 'narwhal')).length === 1, 10_000, 'recovery');
    const status = await service.status();
    assert.match(status.error ?? '', /index worker 1 stopped unexpectedly/);
    assert.equal(status.documents, before.documents);
    assert.equal((await service.statistics()).restarts, 1);
  });

  it('skips a file that hangs its worker, and restarts the worker', async () => {
    const corpus = await corpusOf(FILES);
    process.env[HANG_ON_ENV] = 'b.md';
    const service = new WorkerSearchService(
      { corpusDir: corpus.dir, cacheDir: null, shards: 1 },
      { fileTimeoutMs: 1_500 },
      await hangingWorkerEntry(),
    );
    delete process.env[HANG_ON_ENV]; // the worker took its copy of the environment
    services.push(service);
    const status = await service.ready();
    assert.deepEqual(
      status.skipped.filter((s) => s.path === 'b.md').map((s) => s.reason),
      ['service: reading took longer than 1.5 s; skipped until the file changes'],
    );
    assert.match(status.error ?? '', /reading b\.md took longer than 1\.5 s/);
    assert.equal(status.progress.phase, 'ready');
    assert.deepEqual(await paths(service, 'narwhal'), ['sub/c.txt']);
    assert.deepEqual(await paths(service, 'quokka'), []);
    assert.equal((await service.statistics()).restarts, 1);
  });

  it('gives up on a worker that cannot start, failing requests clearly', async () => {
    const corpus = await corpusOf(FILES);
    const service = new WorkerSearchService(
      { corpusDir: corpus.dir, cacheDir: null, shards: 1 },
      { maxRestarts: 2 },
      { file: join(corpus.dir, 'no-such-worker.js'), execArgv: [] },
    );
    services.push(service);
    const status = await service.ready();
    assert.equal(status.progress.phase, 'failed');
    assert.match(status.error ?? '', /index worker 1 keeps failing/);
    await assert.rejects(service.search(searchRequest({ q: 'narwhal' })), /index worker 1 keeps failing/);
  });

  it('reports a missing folder without throwing', async () => {
    const corpus = await corpusOf({});
    const service = start(corpus, { corpusDir: join(corpus.dir, 'missing'), cacheDir: null });
    const status = await service.ready();
    assert.equal(status.progress.phase, 'failed');
    assert.match(status.error ?? '', /^(corpus|service): cannot/);
    assert.equal((await service.search(searchRequest({ q: 'x' }))).total, 0);
  });
});
