import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READING_MEMORY_FACTOR } from '../extract/passageBound';
import { defaultExtractOptions } from '../extract/extractDocuments';
import { listCorpusFiles, readCorpusFile } from './corpusReader';
import { memoryAvailable, memoryShortfall } from './memoryBudget';

test('a file fits the memory budget up to the stated factor times its size', () => {
  const size = 10 * 1048576;
  assert.equal(memoryShortfall(size, READING_MEMORY_FACTOR * size), null);
  const reason = memoryShortfall(size, READING_MEMORY_FACTOR * size - 1) ?? '';
  assert.match(reason, /^not enough memory to read it: about 80 MB needed \(8 × its size\), 80 MB available$/);
  assert.ok(memoryAvailable() > 0);
});

test('a file that needs more memory than is left is skipped with the reason, before it is read', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dictum-memory-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const text = 'Officials met on Monday to talk about the harbour. '.repeat(4000);
  await writeFile(join(dir, 'long.txt'), text);
  const [file] = (await listCorpusFiles(dir)).files;
  assert.ok(file);
  const size = Buffer.byteLength(text);

  const tight = await readCorpusFile(file, defaultExtractOptions(), READING_MEMORY_FACTOR * size - 1);
  assert.deepEqual(tight.ok ? 'read' : tight.reason.replace(/\d+ MB/g, 'N MB'), 'not enough memory to read it: about N MB needed (8 × its size), N MB available');

  const enough = await readCorpusFile(file, defaultExtractOptions(), READING_MEMORY_FACTOR * size);
  assert.ok(enough.ok && enough.documents[0]?.text.startsWith('Officials met on Monday'));
});
