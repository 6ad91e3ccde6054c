import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearchService, type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import { NAME_MERGES_PATH } from './speakerRoutes';
import { send, tempDirs, type TempDirs } from '../../test/support/server';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

// a briefing that never gives Quorval's first name, and one that does (invented names)
before(async () => {
  dirs = await tempDirs({
    'a.md':
      '# Briefing\n\nMR. QUORVAL: The harbour opens on Monday.\n\nQ: Who pays?\n\nMR. QUORVAL: The port.\n',
    'b.md':
      '# Remarks\n\nPort director Amos Quorval spoke.\n\nMR. QUORVAL: Thank you.\n\nQ: When?\n\nMR. QUORVAL: Next week.\n',
  });
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

test('GET /api/speakers/merges lists the names the corpus names pass merged, and is documented', async () => {
  const answer = await send(`${server.url}${NAME_MERGES_PATH}`);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json(), {
    merges: [{ from: 'Quorval', to: 'Amos Quorval', reason: 'surname', statements: 2 }],
  });
  assert.equal((await send(`${server.url}${NAME_MERGES_PATH}?x=1`)).status, 400);
  const doc = (await send(`${server.url}/api/openapi.json`)).json<{ paths: Record<string, unknown> }>();
  assert.ok(doc.paths[NAME_MERGES_PATH], 'the route is in the OpenAPI document');
});
