import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchResponse } from '../common/contract';
import { SAVED_FILE, type SavedSearchList } from '../common/savedSearches';
import { packageRoot } from '../service/packagePaths';
import { article } from '../../test/support/testCorpus';

const root = packageRoot();

function dictum(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'main/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('dictum saved lists new matches since the last run, and dictum saved NAME runs it and resets the count', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'dictum-cli-saved-'));
  try {
    const corpus = join(scratch, 'corpus');
    const cache = join(scratch, 'cache');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'a.txt'), article('zebracorn'));
    // Saved by hand, as a person may: no record of seen matches yet, so the first count takes them as seen.
    writeFileSync(
      join(corpus, SAVED_FILE),
      JSON.stringify({
        searches: [{ id: 'szebra', name: 'Zebracorn quotes', query: { q: 'zebracorn', kind: ['quote'] } }],
      }),
    );
    const env = ['--corpus', corpus];
    process.env.DICTUM_CACHE_DIR = cache;
    const first = dictum('saved', ...env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'Zebracorn quotes  0 new of 1  (zebracorn · kind quote · by relevance)\n');

    writeFileSync(join(corpus, 'b.txt'), article('zebracorn', 'Grace Hopper'));
    const listed = dictum('saved', ...env, '--json');
    assert.equal(listed.code, 0, listed.stderr);
    const list = JSON.parse(listed.stdout) as SavedSearchList;
    assert.deepEqual(
      list.searches.map((s) => [s.name, s.newCount, s.total]),
      [['Zebracorn quotes', 1, 2]],
    );

    const run = dictum('saved', 'zebracorn QUOTES', ...env, '--json');
    assert.equal(run.code, 0, run.stderr);
    const response = JSON.parse(run.stdout) as SearchResponse;
    assert.deepEqual(response.hits.map((h) => h.speaker).sort(), ['Ada Lovelace', 'Grace Hopper']);
    const after = JSON.parse(readFileSync(join(corpus, SAVED_FILE), 'utf8')) as {
      searches: Array<{ newMatches: number }>;
    };
    assert.equal(after.searches[0]!.newMatches, 0);

    const unknown = dictum('saved', 'nothing like it', ...env);
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.stderr,
      'dictum: saved: no saved search named "nothing like it" (there are "Zebracorn quotes")\n',
    );
    const misuse = dictum('saved', ...env, '--format', 'csv');
    assert.equal(misuse.code, 2);
  } finally {
    delete process.env.DICTUM_CACHE_DIR;
    rmSync(scratch, { recursive: true, force: true });
  }
});
