/**
 * Where a shard's cold start goes, step by step, in this process: reading the saved file,
 * checking it, taking the index from it, and the first search.
 *
 *   npx tsx bench/startup/loadSteps.ts CACHE_FILE [query]
 */
import { readFile } from 'node:fs/promises';
import { searchRequest } from '../../main/common/contract';
import { SearchIndex } from '../../main/engine/searchIndex';
import { decodeCache } from '../../main/service/cacheFile';

async function main(): Promise<void> {
  const [file, q = 'russia'] = process.argv.slice(2);
  if (!file) throw new Error('bench: give a saved index file');
  const laps: Array<[string, number]> = [];
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    laps.push([name, now - t]);
    t = now;
  };
  const bytes = await readFile(file);
  lap('read file');
  const header = JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32LE(8)).toString('utf8')) as {
    corpusDir: string;
    shardIndex: number;
    shardCount: number;
    buildId: string;
  };
  lap('parse cache header');
  const decoded = decodeCache(bytes, header);
  if (!decoded.ok) throw new Error(decoded.reason);
  lap('check (checksum)');
  const index = SearchIndex.deserialize(decoded.index, { facetLimit: 1000 });
  lap('deserialize');
  const first = index.search(searchRequest({ q }));
  lap(`first search (${first.total} hits)`);
  index.search(searchRequest({ q }));
  lap('same search again');
  index.search(searchRequest({ q: 'president' }));
  lap('another word');
  for (const [name, ms] of laps) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}

void main();
