import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SearchResponse, StatusResponse } from '../common/contract';
import { createSearchService } from '../service/index';
import { newsArticle, queryString, send, tempDirs, type TempDirs } from '../../test/support/server';
import { ACTION_HEADER, OPEN_FOLDER_ROUTE } from './corpusRoutes';
import { startServer, type RunningServer } from './index';
import { SwitchableService } from './switchableService';

let dirs: TempDirs;
let otherCorpus: string;
let service: SwitchableService;
let server: RunningServer;

async function search(q: string): Promise<SearchResponse> {
  return (await send(`${server.url}/api/search${queryString({ q })}`)).json<SearchResponse>();
}

async function actionToken(url = server.url): Promise<string> {
  const answer = (await send(`${url}${OPEN_FOLDER_ROUTE}`)).json<{
    available: boolean;
    actionToken?: string;
  }>();
  assert.equal(answer.available, true);
  return answer.actionToken!;
}

function openFolder(path: string, headers: Record<string, string>, url = server.url) {
  return send(`${url}${OPEN_FOLDER_ROUTE}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ path }),
  });
}

before(async () => {
  dirs = await tempDirs({ 'news/quayside.txt': newsArticle('quayside') });
  otherCorpus = join(dirname(dirs.corpusDir), 'other');
  await mkdir(otherCorpus);
  await writeFile(join(otherCorpus, 'lighthouse.txt'), newsArticle('lighthouse'));
  service = new SwitchableService(
    (corpusDir) => createSearchService({ corpusDir, cacheDir: null }),
    dirs.corpusDir,
  );
  server = await startServer({
    service,
    host: '127.0.0.1',
    port: 0,
    staticDir: dirs.staticDir,
    logger: false,
    openCorpus: (dir) => service.open(dir),
  });
  while ((await service.status()).progress.phase !== 'ready') await new Promise((r) => setTimeout(r, 20));
});

after(async () => {
  await server?.close();
  await service?.close();
  await dirs?.dispose();
});

describe('the original file', () => {
  test('is served as it is on disk, shown inline for a text format', async () => {
    const hit = (await search('quayside')).hits[0]!;
    const answer = await send(`${server.url}/api/documents/${hit.docId}/original`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body, await readFile(join(dirs.corpusDir, 'news', 'quayside.txt'), 'utf8'));
    assert.equal(answer.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(String(answer.headers['content-disposition']), /^inline; filename="quayside\.txt"/);
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
  });

  test('is refused once the file has become a link out of the folder', async () => {
    const hit = (await search('quayside')).hits[0]!;
    const file = join(dirs.corpusDir, 'news', 'quayside.txt');
    const text = await readFile(file);
    const outside = join(dirname(dirs.corpusDir), 'outside-secret.txt');
    await writeFile(outside, 'glimmerwort secret\n');
    await rm(file);
    await symlink(outside, file);
    try {
      const answer = await send(`${server.url}/api/documents/${hit.docId}/original`);
      assert.ok(answer.status === 404, `status ${answer.status}`);
      assert.doesNotMatch(answer.body, /glimmerwort/);
    } finally {
      await rm(file);
      await writeFile(file, text);
    }
  });

  test('of an unknown document is a 404, and an id is never a path', async () => {
    assert.equal((await send(`${server.url}/api/documents/nope/original`)).status, 404);
    const traversal = await send(`${server.url}/api/documents/..%2F..%2Fetc%2Fpasswd/original`);
    assert.ok(traversal.status === 400 || traversal.status === 404, `status ${traversal.status}`);
    assert.doesNotMatch(traversal.body, /root:/);
  });
});

describe('opening another folder', () => {
  test('is refused without the action token, from another origin, or for a path that is not a folder', async () => {
    const token = await actionToken();
    assert.equal((await openFolder(otherCorpus, {})).status, 403);
    assert.equal((await openFolder(otherCorpus, { [ACTION_HEADER]: 'wrong' })).status, 403);
    const foreign = await openFolder(otherCorpus, { [ACTION_HEADER]: token, origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    const crossSite = await openFolder(otherCorpus, {
      [ACTION_HEADER]: token,
      'sec-fetch-site': 'cross-site',
    });
    assert.equal(crossSite.status, 403);
    const relative = await openFolder('other', { [ACTION_HEADER]: token });
    assert.equal(relative.status, 400);
    assert.match(relative.json<{ error: string }>().error, /^open-folder: give the folder as a full path/);
    const file = await openFolder(join(otherCorpus, 'lighthouse.txt'), { [ACTION_HEADER]: token });
    assert.equal(file.status, 400);
    assert.match(file.json<{ error: string }>().error, /is not a folder/);
    assert.equal((await service.status()).corpus.path, dirs.corpusDir);
  });

  test('from the UI: the running server searches the new folder', async () => {
    const token = await actionToken();
    const origin = new URL(server.url).origin;
    const answer = await openFolder(otherCorpus, {
      [ACTION_HEADER]: token,
      origin,
      'sec-fetch-site': 'same-origin',
    });
    assert.equal(answer.status, 200, answer.body);
    assert.equal(answer.json<{ corpus: StatusResponse['corpus'] }>().corpus.path, otherCorpus);
    while ((await service.status()).progress.phase !== 'ready') await new Promise((r) => setTimeout(r, 20));
    assert.ok((await search('lighthouse')).total > 0);
    assert.equal((await search('quayside')).total, 0);
  });

  test('is not offered by a shared server (one with an access token)', async () => {
    const token = 'shared-token-0123456789abcdef';
    const shared = await startServer({
      service,
      host: '127.0.0.1',
      port: 0,
      token,
      staticDir: dirs.staticDir,
      logger: false,
      openCorpus: (dir) => service.open(dir),
    });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const offer = (await send(`${shared.url}${OPEN_FOLDER_ROUTE}`, { headers: auth })).json<{
        available: boolean;
        reason: string;
      }>();
      assert.equal(offer.available, false);
      assert.match(offer.reason, /keeps its folder/);
      const refused = await openFolder(dirs.corpusDir, { ...auth, [ACTION_HEADER]: 'anything' }, shared.url);
      assert.equal(refused.status, 403);
    } finally {
      await shared.close();
    }
  });
});

test('the OpenAPI description lists the original and the open-folder routes', async () => {
  const doc = (await send(`${server.url}/api/openapi.json`)).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  assert.ok(doc.paths['/api/documents/{id}/original']?.get);
  assert.ok(doc.paths[OPEN_FOLDER_ROUTE]?.get);
  assert.ok(doc.paths[OPEN_FOLDER_ROUTE]?.post);
});
