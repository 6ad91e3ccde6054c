import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TimelineResponse } from '../common/timeline';
import { packageRoot } from '../service/packagePaths';
import { briefing, tempDirs, type TempDirs } from '../../test/support/server';

let dirs: TempDirs;

before(async () => {
  dirs = await tempDirs({
    'a.md': briefing({ date: '2021-12-08', word: 'infrastructure' }),
    'b.md': briefing({ date: '2022-03-01', word: 'vaccination', speaker: 'MS. JEAN-PIERRE' }),
  });
});

after(async () => {
  await dirs?.dispose();
});

function dictum(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(packageRoot(), 'main/cli/main.ts'), ...args],
    { cwd: packageRoot(), encoding: 'utf8', timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('timeline --format csv: a period column and one column per speaker, every period listed', () => {
  const { code, stdout, stderr } = dictum(
    'timeline',
    'initiative',
    '--speaker',
    'Jen Psaki',
    '--speaker',
    'Karine Jean-Pierre',
    '--format',
    'csv',
    '--corpus',
    dirs.corpusDir,
    '--no-cache',
  );
  assert.equal(code, 0, stderr);
  const rows = stdout.trimEnd().split('\r\n');
  assert.equal(rows[0], 'period,Jen Psaki,Karine Jean-Pierre');
  assert.deepEqual(
    rows.slice(1).map((r) => r.split(',')[0]),
    ['2021-12', '2022-01', '2022-02', '2022-03'],
  );
  assert.match(rows[1]!, /^2021-12,[1-9]\d*,0$/);
  assert.match(rows[4]!, /^2022-03,0,[1-9]\d*$/);
});

test('timeline --json answers the contract; paging flags are usage errors', () => {
  const json = dictum('timeline', 'initiative, cost', '--json', '--corpus', dirs.corpusDir, '--no-cache');
  assert.equal(json.code, 0, json.stderr);
  const response = JSON.parse(json.stdout) as TimelineResponse;
  assert.equal(response.by, 'term');
  assert.deepEqual(
    response.series.map((s) => s.label),
    ['initiative', 'cost'],
  );
  const bad = dictum('timeline', 'x', '--limit', '3', '--corpus', dirs.corpusDir, '--no-cache');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--limit does not apply/);
});
