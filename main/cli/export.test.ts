import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { searchRequest, type SearchRequest, type SearchResponse } from '../common/contract';
import { makeDoc } from '../engine/fixtures';
import { SearchIndex } from '../engine/searchIndex';
import { writeExport } from '../service/exportWriter';
import { packageRoot } from '../service/packagePaths';

const root = packageRoot();

function dictum(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'main/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('search --format jsonl and csv stream every match of the bundled corpus, not one page', () => {
  const jsonl = dictum('search', '', '--format', 'jsonl', '--no-cache');
  assert.equal(jsonl.code, 0, jsonl.stderr);
  const records = jsonl.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; speaker: string | null; kind: string });
  const total = (
    JSON.parse(dictum('search', '', '--json', '--limit', '0', '--no-cache').stdout) as SearchResponse
  ).total;
  assert.ok(total > 1000, `the bundled corpus has thousands of statements: ${total}`);
  assert.equal(records.length, total);
  assert.equal(new Set(records.map((r) => r.id)).size, total);

  const csv = dictum('search', 'nato', '--kind', 'turn', '--format', 'csv', '--no-cache');
  assert.equal(csv.code, 0, csv.stderr);
  const rows = parse(csv.stdout, { bom: true, columns: true }) as Array<Record<string, string>>;
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.kind === 'turn' && /nato/i.test(r.text!)));
});

test('--format is a usage error with --json, --limit or an unknown format', () => {
  for (const args of [
    ['--format', 'xml'],
    ['--format', 'csv', '--json'],
    ['--format', 'csv', '--limit', '5'],
  ]) {
    const r = dictum('search', 'x', ...args, '--no-cache');
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /--format/);
  }
});

test('writing to a slow stream waits for it to drain and leaves no listener behind', async () => {
  const index = new SearchIndex();
  index.addSource(
    'a',
    Array.from({ length: 60 }, (_, i) => makeDoc(`d${i}`, [`Border statement number ${i}.`])),
  );
  const source = {
    // pages of five, so the export writes many chunks
    search: async (r: SearchRequest) => index.search({ ...r, limit: 5 }),
    document: async (id: string) => index.getDocument(id)!,
  };
  const chunks: string[] = [];
  const out = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      setImmediate(callback);
    },
  });
  const rows = await writeExport(source, searchRequest({ q: 'border' }), 'jsonl', out);
  assert.equal(rows, 60);
  assert.equal(chunks.join('').trimEnd().split('\n').length, 60);
  for (const event of ['drain', 'close', 'error']) assert.equal(out.listenerCount(event), 0, event);
});
