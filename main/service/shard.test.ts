import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { searchRequest } from '../common/contract';
import type { CorpusFile } from '../corpus/corpusReader';
import { listCorpusFiles } from '../corpus/corpusReader';
import { cacheFilePath } from './cacheFile';
import { RACY_WINDOW_MS } from './fileStamp';
import { Shard } from './shard';
import { article, tempCorpus, type TempCorpus } from '../../test/support/testCorpus';

const corpora: TempCorpus[] = [];
after(() => Promise.all(corpora.map((corpus) => corpus.dispose())));

async function oneFileShard(word: string): Promise<{ corpus: TempCorpus; shard: Shard }> {
  const corpus = await tempCorpus({ 'a.txt': article(word) });
  corpora.push(corpus);
  const shard = new Shard({ corpusDir: corpus.dir, shardIndex: 0, shardCount: 1, cacheFile: null }, 'test');
  return { corpus, shard };
}

/** The listing entry of a.txt with a stamp of our choosing (what a listing would report). */
function listed(corpus: TempCorpus, stampedAt: number): CorpusFile {
  const size = Buffer.byteLength(article('zebracorn'));
  return {
    path: 'a.txt',
    absPath: join(corpus.dir, 'a.txt'),
    folder: corpus.dir,
    size,
    mtimeMs: stampedAt,
    ctimeMs: stampedAt,
    ino: 1,
  };
}

async function total(shard: Shard, q: string): Promise<number> {
  return (await shard.search(searchRequest({ q, limit: 0 }))).total;
}

describe('Shard: when a recorded stamp is trusted', () => {
  it('hashes a file whose stamp is too recent to prove it unchanged, and reads it if it changed', async () => {
    const { corpus, shard } = await oneFileShard('zebracorn');
    // A write in the same clock tick as the one before leaves every stamp as it was.
    const file = listed(corpus, Date.now());
    await shard.sync([file], false);
    await shard.sync([file], false);
    assert.equal(shard.stats.filesRead, 1);
    assert.equal(shard.stats.filesVerified, 1, 'unchanged: hashed, not read');

    await writeFile(join(corpus.dir, 'a.txt'), article('wolverine')); // same length
    const result = await shard.sync([file], false);
    assert.equal(result.changed, true);
    assert.equal(shard.stats.filesRead, 2);
    assert.equal((await total(shard, 'wolverine')) > 0, true);
    assert.equal(await total(shard, 'zebracorn'), 0);
  });

  it('trusts a stamp older than any timestamp granularity without reading or hashing', async () => {
    const { corpus, shard } = await oneFileShard('zebracorn');
    const file = listed(corpus, Date.now() - 10 * RACY_WINDOW_MS);
    await shard.sync([file], false);
    await shard.sync([file], false);
    assert.equal(shard.stats.filesRead, 1);
    assert.equal(shard.stats.filesVerified, 0);
    // Any change of the stamp is a change: size, mtime, ctime or inode.
    for (const changed of [{ ctimeMs: file.ctimeMs + 1 }, { ino: 2 }, { mtimeMs: file.mtimeMs - 1 }]) {
      await shard.sync([{ ...file, ...changed }], false);
    }
    assert.equal(shard.stats.filesRead, 4);
    // Same content keeps the documents, unless the mtime moved and dates them (no date in the text).
    assert.equal(shard.stats.filesUnchangedByHash, 2, 'same content: documents kept');
    assert.equal((await total(shard, 'zebracorn')) > 0, true);
  });

  it('re-dates documents dated by the file time when only the mtime moved', async () => {
    const { corpus, shard } = await oneFileShard('zebracorn');
    const day = 86_400_000;
    const file = listed(corpus, Date.now() - 400 * day);
    const dateOf = async (): Promise<string | null> =>
      (await shard.search(searchRequest({ q: 'zebracorn', limit: 1 }))).hits[0]?.date ?? null;
    await shard.sync([file], false);
    const before = await dateOf();
    await shard.sync([{ ...file, mtimeMs: file.mtimeMs + 300 * day }], false);
    assert.notEqual(await dateOf(), before);
    assert.equal(await dateOf(), new Date(file.mtimeMs + 300 * day).toISOString().slice(0, 10));
  });
});

describe('Shard: a search while the saved index loads', () => {
  it('waits for the whole shard instead of answering from the empty index it replaces', async () => {
    const corpus = await tempCorpus({
      'a.txt': article('zebracorn'),
      'b.txt': article('zebracorn', 'Grace Hopper'),
      'c.txt': article('wolverine'),
    });
    corpora.push(corpus);
    const config = {
      corpusDir: corpus.dir,
      shardIndex: 0,
      shardCount: 1,
      cacheFile: cacheFilePath(corpus.cacheDir, corpus.dir, 0, 1),
    };
    const request = searchRequest({ q: 'zebracorn' });
    const built = new Shard(config, 'test');
    await built.sync((await listCorpusFiles(corpus.dir)).files, false);
    assert.equal(await built.save(), true);
    const full = await built.search(request);
    assert.equal(full.total > 0, true);

    const restarted = new Shard(config, 'test');
    const loading = restarted.load();
    // Asked before the load has read a byte: the answer must still be the whole shard's.
    const [during, document] = await Promise.all([
      restarted.search(request),
      restarted.document(full.hits[0]!.docId),
    ]);
    assert.equal((await loading).loaded, true);
    assert.deepEqual(
      during.hits.map((hit) => hit.id),
      full.hits.map((hit) => hit.id),
    );
    assert.equal(during.total, full.total);
    assert.deepEqual(during.facets, full.facets);
    assert.equal(document?.document.id, full.hits[0]!.docId);
  });
});
