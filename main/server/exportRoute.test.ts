import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { searchRequest } from '../common/contract';
import { exportPages } from '../common/exportPages';
import { EXPORT_COLUMNS } from '../common/exportRows';
import { createSearchService, type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import { briefing, newsArticle, send, tempDirs, type TempDirs } from '../../test/support/server';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

before(async () => {
  const files: Record<string, string> = { 'news/harbour.txt': newsArticle('harbour') };
  for (let m = 1; m <= 9; m++) {
    const date = `2022-0${m}-15`;
    files[`press-briefings/${date}.md`] = briefing({ date, word: `plan${m}` });
  }
  dirs = await tempDirs(files);
  service = createSearchService({ corpusDir: dirs.corpusDir, cacheDir: null, shards: 2 });
  assert.equal((await service.ready()).error, null);
  server = await startServer({
    service,
    host: '127.0.0.1',
    port: 0,
    staticDir: dirs.staticDir,
    logger: false,
  });
});

after(async () => {
  await server?.close();
  await service?.close();
  await dirs?.dispose();
});

async function expectedIds(q: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of exportPages(service, searchRequest({ q, sort: 'date-asc' })))
    ids.push(...page.hits.map((h) => h.id));
  return ids;
}

test('GET /api/export?format=csv streams every match as a CSV file with a header', async () => {
  const answer = await send(`${server.url}/api/export?format=csv&q=initiative&sort=date-asc`);
  assert.equal(answer.status, 200, answer.body);
  assert.match(String(answer.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(
    String(answer.headers['content-disposition']),
    /^attachment; filename="dictum-export-\d{4}-\d\d-\d\d\.csv"$/,
  );
  assert.ok(answer.body.startsWith('\uFEFFid,docId,speaker,'));
  const rows = parse(answer.body, { bom: true, columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(Object.keys(rows[0]!), [...EXPORT_COLUMNS]);
  const ids = await expectedIds('initiative');
  assert.ok(ids.length > 20, `matches: ${ids.length}`);
  assert.deepEqual(
    rows.map((r) => r.id),
    ids,
  );
  assert.ok(
    rows.every((r) => r.url!.startsWith('https://www.whitehouse.gov/') && r.dateSource === 'metadata'),
  );
});

test('GET /api/export?format=jsonl gives one JSON object a line, the same matches', async () => {
  const answer = await send(
    `${server.url}/api/export?format=jsonl&q=initiative&sort=date-asc&speaker=Jen%20Psaki`,
  );
  assert.equal(answer.status, 200, answer.body);
  assert.match(String(answer.headers['content-type']), /^application\/jsonl/);
  const records = answer.body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { speaker: string; text: string });
  assert.ok(records.length > 0);
  assert.ok(records.every((r) => r.speaker === 'Jen Psaki' && /initiative/i.test(r.text)));
});

test('a bad export request is a 400 that says what was wrong', async () => {
  for (const [query, message] of [
    ['q=x', /format/],
    ['format=xml&q=x', /format/],
    ['format=csv&limit=5', /additional|limit/],
    ['format=csv&from=2022-13', /from/],
  ] as const) {
    const answer = await send(`${server.url}/api/export?${query}`);
    assert.equal(answer.status, 400, query);
    assert.match(answer.json<{ error: string }>().error, message);
  }
});

test('the OpenAPI description lists the export with its format parameter', async () => {
  const doc = (await send(`${server.url}/api/openapi.json`)).json<{
    paths: Record<string, { get: { parameters: Array<{ name: string; required: boolean }> } }>;
  }>();
  const params = doc.paths['/api/export']!.get.parameters;
  assert.ok(params.some((p) => p.name === 'format' && p.required));
  assert.ok(params.some((p) => p.name === 'speaker'));
  assert.ok(!params.some((p) => p.name === 'limit'));
});
