import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SearchResponse, StatusResponse } from '../common/contract';
import { documentId } from '../extract/hash';
import { createSearchService, type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import { newsArticle, queryString, send, tempDirs, type TempDirs } from '../../test/support/server';

// The folder is the boundary: a link in the corpus to a file outside it is neither indexed,
// nor found, nor served, also to a user who holds the access token.
const TOKEN = 'boundary-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

before(async () => {
  dirs = await tempDirs({ 'news/harbour.txt': newsArticle('harbour') });
  const outside = join(dirname(dirs.corpusDir), 'outside.txt');
  await writeFile(outside, 'root:x:0:0:glimmerwort outsider secret\n');
  await symlink(outside, join(dirs.corpusDir, 'passwd.txt'));
  // The real thing where there is one: the system's password file.
  if (existsSync('/etc/passwd')) await symlink('/etc/passwd', join(dirs.corpusDir, 'etc-passwd.txt'));
  await symlink(join(dirs.corpusDir, 'news', 'harbour.txt'), join(dirs.corpusDir, 'harbour-link.txt'));
  service = createSearchService({ corpusDir: dirs.corpusDir, cacheDir: null });
  await service.ready();
  server = await startServer({
    service,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: dirs.staticDir,
    logger: false,
  });
});

after(async () => {
  await server?.close();
  await service?.close();
  await dirs?.dispose();
});

test('a link out of the corpus folder is listed as skipped with its reason', async () => {
  const status = (await send(`${server.url}/api/status`, { headers: auth })).json<StatusResponse>();
  const reasons = new Map(status.skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons.get('passwd.txt') ?? '', /outside the corpus folder/);
  if (existsSync('/etc/passwd'))
    assert.match(reasons.get('etc-passwd.txt') ?? '', /outside the corpus folder/);
});

test('its words are not searchable and its document is not served', async () => {
  for (const q of ['glimmerwort', 'root']) {
    const found = await send(`${server.url}/api/search${queryString({ q })}`, { headers: auth });
    assert.equal(found.status, 200);
    assert.equal(found.json<SearchResponse>().total, 0, q);
  }
  for (const path of ['passwd.txt', 'etc-passwd.txt']) {
    const answer = await send(`${server.url}/api/documents/${documentId(path)}`, { headers: auth });
    assert.equal(answer.status, 404, path);
    assert.doesNotMatch(answer.body, /glimmerwort|root:x/);
  }
});

test('a link to a file inside the folder is read and served', async () => {
  const found = await send(`${server.url}/api/search${queryString({ q: 'harbour' })}`, { headers: auth });
  const paths = new Set(found.json<SearchResponse>().hits.map((hit) => hit.path));
  assert.ok(paths.has('harbour-link.txt'), [...paths].join(', '));
  const answer = await send(`${server.url}/api/documents/${documentId('harbour-link.txt')}`, {
    headers: auth,
  });
  assert.equal(answer.status, 200);
});
