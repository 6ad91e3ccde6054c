import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { searchRequest } from '../common/contract';
import { bundledWorkerEntry, tempCorpus, article } from '../../test/support/testCorpus';
import {
  parseShardConfig,
  parseWorkerMessage,
  parseWorkerRequest,
  parseWorkerResult,
} from './protocolChecks';
import { WorkerSearchService } from './searchService';

const GARBLED = join(__dirname, '..', '..', 'test', 'support', 'garbledIndexWorker.ts');
after(async () => {
  await (await bundledWorkerEntry(GARBLED)).dispose();
});

describe('worker messages are checked where they enter', () => {
  it('passes well-formed messages through unchanged', () => {
    const config = { corpusDir: '/c', shardIndex: 0, shardCount: 2, cacheFile: null };
    assert.deepEqual(parseShardConfig(config), config);
    const request = { id: 3, type: 'search', request: searchRequest({ q: 'putin' }) };
    assert.deepEqual(parseWorkerRequest(request), request);
    const progress = { kind: 'progress', filesDone: 1, filesTotal: 2, counts: { documents: 1, passages: 4 } };
    assert.deepEqual(parseWorkerMessage(progress), progress);
    assert.equal(parseWorkerResult('save', true), true);
    assert.equal(parseWorkerResult('document', null), null);
  });

  it('names the message and the field that is wrong', () => {
    assert.throws(
      () => parseWorkerRequest({ id: 1, type: 'search', request: { ...searchRequest(), limit: -1 } }),
      /^Error: service: malformed request to the index worker \(\/request\/limit: /,
    );
    assert.throws(() => parseWorkerRequest({ id: 1, type: 'format-disk' }), /malformed request/);
    // A shard is asked for every hit up to the end of the merged page, beyond one page's size.
    const deep = { id: 2, type: 'search', request: { ...searchRequest(), offset: 0, limit: 9_000 } };
    assert.deepEqual(parseWorkerRequest(deep), deep);
    assert.throws(
      () => parseWorkerRequest({ ...deep, request: { ...deep.request, limit: 20_000 } }),
      /\/request\/limit: /,
    );
    assert.throws(() => parseWorkerMessage({ kind: 'reply', id: 'one', ok: true }), /malformed message/);
    assert.throws(
      () => parseWorkerMessage({ kind: 'progress', filesDone: -1, filesTotal: 2, counts: {} }),
      /malformed message from the index worker/,
    );
    assert.throws(
      () =>
        parseWorkerResult('sync', {
          changed: 'yes',
          complete: true,
          filesTotal: 1,
          counts: { documents: 1, passages: 1 },
          skipped: [],
          optionsSkipped: [],
          speakers: [],
          people: [],
          nameMerges: [],
        }),
      /^Error: service: malformed sync result from the index worker \(\/changed: /,
    );
    assert.throws(
      () => parseShardConfig({ corpusDir: '', shardIndex: 0 }),
      /malformed index worker configuration/,
    );
  });

  it('fails a request whose reply is malformed, with the reason, and keeps the service usable', async () => {
    const corpus = await tempCorpus({ 'a.txt': article('zebracorn') });
    const service = new WorkerSearchService(
      { corpusDir: corpus.dir, cacheDir: null, shards: 1 },
      {},
      (await bundledWorkerEntry(GARBLED)).entry,
    );
    try {
      const status = await service.ready();
      assert.equal(status.documents, 1, 'the sync reply checked out');
      await assert.rejects(
        service.search(searchRequest({ q: 'zebracorn' })),
        /service: malformed search result from the index worker \(\/total: /,
      );
      await assert.rejects(service.document('no-such-document'), /document not found/);
    } finally {
      await service.close();
      await corpus.dispose();
    }
  });
});
