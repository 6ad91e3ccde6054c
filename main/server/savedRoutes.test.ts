import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SAVED_CONTRACT, SAVED_FILE, type SavedSearch, type SavedSearchList } from '../common/savedSearches';
import { createSearchService, type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import { newsArticle, send, tempDirs, type TempDirs } from '../../test/support/server';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

before(async () => {
  dirs = await tempDirs({ 'news/harbour.txt': newsArticle('harbour') });
  service = createSearchService({ corpusDir: dirs.corpusDir, cacheDir: null, shards: 1 });
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

const json = { 'content-type': 'application/json' };

test('saved searches over HTTP: create, list with new counts, open, rename, delete', async () => {
  const created = await send(`${server.url}/api/saved`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      name: 'Quokka',
      query: { q: 'quokka', notKind: ['narrative'], sort: 'date-asc' },
    }),
  });
  assert.equal(created.status, 200, created.body);
  const saved = created.json<SavedSearch>();
  assert.deepEqual(saved.query, {
    q: 'quokka',
    speaker: [],
    topic: [],
    kind: [],
    sort: 'date-asc',
    notKind: ['narrative'],
  });
  assert.equal(saved.total, 0);

  await dirs.write('news/quokka.txt', newsArticle('quokka'));
  await service.reindex();
  const listed = (await send(`${server.url}/api/saved`)).json<SavedSearchList>();
  assert.deepEqual(
    listed.searches.map((s) => [s.name, s.newCount, s.total]),
    [['Quokka', 1, 1]],
  );

  const opened = await send(`${server.url}/api/saved/${saved.id}/open`, { method: 'POST' });
  assert.equal(opened.status, 200, opened.body);
  assert.equal(opened.json<SavedSearch>().newCount, 0);

  const renamed = await send(`${server.url}/api/saved/${saved.id}`, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ name: 'Quokka quotes' }),
  });
  assert.equal(renamed.json<SavedSearch>().name, 'Quokka quotes');

  const deleted = await send(`${server.url}/api/saved/${saved.id}`, { method: 'DELETE' });
  assert.deepEqual(deleted.json<SavedSearchList>().searches, []);
  const gone = await send(`${server.url}/api/saved/${saved.id}/open`, { method: 'POST' });
  assert.equal(gone.status, 404);
  assert.match(gone.json<{ error: string }>().error, /^saved: no saved search with the id/);
});

test('saved-search changes refuse bad input, other sites and form posts with clear messages', async () => {
  const post = (body: string, headers: Record<string, string> = json) =>
    send(`${server.url}/api/saved`, { method: 'POST', headers, body });
  const empty = await post(JSON.stringify({ name: '  ', query: {} }));
  assert.equal(empty.status, 400);
  assert.equal(empty.json<{ error: string }>().error, 'saved: name must not be empty');
  const badSort = await post(JSON.stringify({ name: 'x', query: { sort: 'sideways' } }));
  assert.equal(badSort.status, 400);
  assert.match(badSort.json<{ error: string }>().error, /^saved: query: search: sort/);
  const form = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(form.status, 415);
  const text = await post('{"name":"x"}', { 'content-type': 'text/plain' });
  assert.equal(text.status, 415);
  const crossSite = await post(JSON.stringify({ name: 'x' }), { ...json, 'sec-fetch-site': 'cross-site' });
  assert.equal(crossSite.status, 403);
  const otherOrigin = await post(JSON.stringify({ name: 'x' }), { ...json, origin: 'http://evil.example' });
  assert.equal(otherOrigin.status, 403);
  assert.deepEqual((await send(`${server.url}/api/saved`)).json<SavedSearchList>().searches, []);
});

test('a corrupt saved-searches file: the list says so, a save is refused with 409, the file is kept', async () => {
  await writeFile(join(dirs.corpusDir, SAVED_FILE), '[oops');
  const listed = (await send(`${server.url}/api/saved`)).json<SavedSearchList>();
  assert.match(listed.problem ?? '', /dictum-saved\.json is not valid JSON/);
  const refused = await send(`${server.url}/api/saved`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ name: 'x', query: {} }),
  });
  assert.equal(refused.status, 409);
  assert.match(refused.json<{ error: string }>().error, /Dictum will not overwrite it/);
  await writeFile(join(dirs.corpusDir, SAVED_FILE), '{"searches":[]}');
});

test('the OpenAPI description lists every saved-search route', async () => {
  const doc = (await send(`${server.url}/api/openapi.json`)).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  for (const entry of Object.values(SAVED_CONTRACT)) {
    const path = entry.http.path.replace(/:([A-Za-z]+)/g, '{$1}');
    assert.ok(doc.paths[path]?.[entry.http.method.toLowerCase()], `${entry.http.method} ${path}`);
  }
});
