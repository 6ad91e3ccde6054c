import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineResponse } from '../common/timeline';
import { createSearchService, type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import { briefing, queryString, send, tempDirs, type TempDirs } from '../../test/support/server';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

before(async () => {
  dirs = await tempDirs({
    'a.md': briefing({ date: '2021-12-08', word: 'infrastructure' }),
    'b.md': briefing({ date: '2022-03-01', word: 'vaccination', speaker: 'MS. JEAN-PIERRE' }),
    'c.md': briefing({ date: '2022-02-15', word: 'infrastructure' }),
  });
  service = createSearchService({ corpusDir: dirs.corpusDir, cacheDir: null });
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

function withoutTiming(t: TimelineResponse): Omit<TimelineResponse, 'tookMs'> {
  const { tookMs: _tookMs, ...rest } = t;
  return rest;
}

test('GET /api/timeline answers what the service answers, one series per speaker', async () => {
  const params = { q: 'initiative', speaker: ['Jen Psaki', 'Karine Jean-Pierre'] };
  const answer = await send(`${server.url}/api/timeline${queryString(params)}`);
  assert.equal(answer.status, 200, answer.body);
  const body = answer.json<TimelineResponse>();
  assert.deepEqual(
    withoutTiming(body),
    withoutTiming(await service.timeline({ ...params, topic: [], kind: [] })),
  );
  assert.equal(body.by, 'speaker');
  assert.equal(body.granularity, 'month');
  assert.deepEqual(body.buckets, ['2021-12', '2022-01', '2022-02', '2022-03']);
  const psaki = body.series.find((s) => s.label === 'Jen Psaki')!;
  const kjp = body.series.find((s) => s.label === 'Karine Jean-Pierre')!;
  assert.deepEqual(kjp.counts, [0, 0, 0, kjp.total]);
  assert.equal(psaki.counts[1], 0);
  assert.equal(
    psaki.counts.reduce((a, b) => a + b, 0),
    psaki.total,
  );
  // Every match, not a page: the same count as a search.
  const search = await service.search({
    q: 'initiative',
    speaker: ['Jen Psaki'],
    topic: [],
    kind: [],
    sort: 'relevance',
    limit: 0,
    offset: 0,
  });
  assert.equal(psaki.total, search.total);
});

test('GET /api/timeline compares comma-separated terms, and refuses a bad series with the route name', async () => {
  const terms = await send(`${server.url}/api/timeline${queryString({ q: 'infrastructure, vaccination' })}`);
  assert.equal(terms.status, 200, terms.body);
  assert.deepEqual(
    terms.json<TimelineResponse>().series.map((s) => s.label),
    ['infrastructure', 'vaccination'],
  );
  const bad = await send(`${server.url}/api/timeline${queryString({ q: 'x', series: 'weekly' })}`);
  assert.equal(bad.status, 400);
  assert.match(
    bad.json<{ error: string }>().error,
    /^timeline: series must be one of auto, total, speaker, term/,
  );
  const empty = await send(`${server.url}/api/timeline${queryString({ q: 'x', series: 'speaker' })}`);
  assert.equal(empty.status, 400);
  assert.match(empty.json<{ error: string }>().error, /needs at least one speaker/);
  const paging = await send(`${server.url}/api/timeline${queryString({ q: 'x', limit: 5 })}`);
  assert.equal(paging.status, 400);
  assert.match(paging.json<{ error: string }>().error, /^timeline: unknown parameter "limit"/);
});
