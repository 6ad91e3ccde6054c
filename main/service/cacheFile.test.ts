import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CACHE_FORMAT,
  cacheFilePath,
  decodeCache,
  defaultCacheDir,
  encodeCache,
  readCacheFile,
  writeFileAtomic,
  type CacheIdentity,
} from './cacheFile';

const identity: CacheIdentity = { corpusDir: '/data/news', shardIndex: 0, shardCount: 2, buildId: 'b1' };
const index = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

function encoded(overrides: Partial<CacheIdentity & { format: number }> = {}): Buffer {
  return encodeCache(
    {
      format: CACHE_FORMAT,
      ...identity,
      optionsKey: 'o1',
      savedAt: '2026-01-01T00:00:00Z',
      manifest: [['a.txt', { size: 3, mtimeMs: 5, ctimeMs: 6, ino: 7, checkedAt: 8, hash: 'h' }]],
      ...overrides,
    },
    index,
  );
}

function reason(bytes: Uint8Array, expected: CacheIdentity = identity): string {
  const result = decodeCache(bytes, expected);
  return result.ok ? 'ok' : result.reason;
}

describe('cacheFile', () => {
  it('reads back what it wrote', () => {
    const result = decodeCache(encoded(), identity);
    assert.ok(result.ok);
    assert.deepEqual([...result.index], [...index]);
    assert.deepEqual(result.header.manifest, [
      ['a.txt', { size: 3, mtimeMs: 5, ctimeMs: 6, ino: 7, checkedAt: 8, hash: 'h' }],
    ]);
    assert.equal(result.header.optionsKey, 'o1');
  });

  it('refuses damaged, foreign and outdated files with a reason', () => {
    const bytes = encoded();
    assert.equal(reason(Buffer.from('hello')), 'not a Dictum index file');
    assert.equal(reason(bytes.subarray(0, 14)), 'truncated header');
    assert.equal(reason(bytes.subarray(0, bytes.length - 1)), 'truncated index');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 1;
    assert.equal(reason(flipped), 'checksum mismatch');
    const brokenHeader = Buffer.from(bytes);
    brokenHeader[14] = 0x7b; // '{' inside the JSON
    assert.match(reason(brokenHeader), /unreadable header|incomplete header|format/);
    assert.equal(reason(bytes, { ...identity, corpusDir: '/data/other' }), 'saved for another folder');
    assert.equal(reason(bytes, { ...identity, shardCount: 1 }), 'saved for another shard layout');
    assert.equal(reason(bytes, { ...identity, buildId: 'b2' }), 'saved by another version of Dictum');
    assert.match(reason(encoded({ format: CACHE_FORMAT + 1 })), /^format/);
  });

  it('reads only the head of the index up front, the documents on demand, and checks both', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dictum-cachefile-'));
    try {
      const file = join(dir, 'index.bin');
      // The first four bytes are the head; the six after them stand for the documents.
      const bytes = encodeCache(
        {
          format: CACHE_FORMAT,
          ...identity,
          optionsKey: 'o1',
          savedAt: '2026-01-01T00:00:00Z',
          manifest: [],
        },
        index,
        4,
      );
      await writeFile(file, bytes);
      const read = await readCacheFile(file, identity, true);
      assert.ok(read.ok && read.documents);
      assert.deepEqual([...read.index], [1, 2, 3, 4]);
      assert.deepEqual([...read.documents.read(6, 3)], [7, 8, 9]);
      assert.equal(await read.documents.verify(), true);
      assert.throws(() => read.documents!.read(8, 5), /read past the saved index/);
      read.documents.close();

      const damagedDocuments = Buffer.from(bytes);
      damagedDocuments[damagedDocuments.length - 2]! ^= 1;
      await writeFile(file, damagedDocuments);
      const lazy = await readCacheFile(file, identity, true);
      assert.ok(lazy.ok && lazy.documents, 'the head is sound, so the index loads');
      assert.equal(await lazy.documents.verify(), false);
      lazy.documents.close();
      assert.equal(reason(damagedDocuments), 'checksum mismatch', 'read whole, it is refused at once');

      const damagedHead = Buffer.from(bytes);
      damagedHead[damagedHead.length - 8]! ^= 1;
      await writeFile(file, damagedHead);
      const refused = await readCacheFile(file, identity, true);
      assert.equal(refused.ok ? 'ok' : refused.reason, 'checksum mismatch');
      await writeFile(file, bytes.subarray(0, bytes.length - 1));
      const truncated = await readCacheFile(file, identity, true);
      assert.equal(truncated.ok ? 'ok' : truncated.reason, 'truncated index');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names files by folder and shard layout', () => {
    const a = cacheFilePath('/cache', '/data/news', 0, 2);
    assert.notEqual(a, cacheFilePath('/cache', '/data/news2', 0, 2));
    assert.notEqual(a, cacheFilePath('/cache', '/data/news', 1, 2));
    assert.notEqual(a, cacheFilePath('/cache', '/data/news', 0, 1));
    assert.match(a, new RegExp(`^/cache/index-v${CACHE_FORMAT}-[0-9a-f]{20}-1of2\\.bin$`));
  });

  it('writes atomically, leaving no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dictum-cachefile-'));
    try {
      const file = join(dir, 'nested', 'index.bin');
      await writeFileAtomic(file, new Uint8Array([1, 2]));
      await writeFileAtomic(file, new Uint8Array([3, 4, 5]));
      assert.deepEqual([...(await readFile(file))], [3, 4, 5]);
      assert.deepEqual(await readdir(join(dir, 'nested')), ['index.bin']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds the platform cache folder, unless DICTUM_CACHE_DIR says otherwise', () => {
    assert.equal(defaultCacheDir({ DICTUM_CACHE_DIR: '/x/y' }, 'linux'), '/x/y');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'dictum'));
    assert.match(defaultCacheDir({}, 'linux'), /\.cache[/\\]dictum$/);
    assert.match(defaultCacheDir({}, 'darwin'), /Library[/\\]Caches[/\\]Dictum$/);
    assert.equal(
      defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32').endsWith(
        join('Dictum', 'Cache'),
      ),
      true,
    );
  });
});
