import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hit, SearchRequest, SearchResponse } from '../../main/common/contract';
import { ResultsSource, type ResultsEvent } from './results';
import { initialState, setQuery } from './state';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hit(i: number): Hit {
  return {
    id: `p${i}`,
    docId: 'd',
    kind: 'quote',
    speaker: null,
    text: `t${i}`,
    snippet: '',
    highlights: [],
    date: null,
    topics: [],
    title: '',
    path: '',
    source: null,
    url: null,
    dateSource: null,
    start: 0,
    end: 2,
    score: 1,
  };
}

/** A fake service: answers after `delay` ms with `total` results, and records every request. */
function fakeService(total: number, delay: (r: SearchRequest) => number = () => 5) {
  const requests: SearchRequest[] = [];
  const search = async (r: SearchRequest): Promise<SearchResponse> => {
    requests.push(r);
    await wait(delay(r));
    const hits = [];
    for (let i = r.offset; i < Math.min(total, r.offset + r.limit); i++) hits.push(hit(i));
    return {
      query: r.q,
      total,
      tookMs: 1,
      hits,
      facets: { speaker: [], topic: [], date: [], kind: [] },
      notes: [],
    };
  };
  return { requests, search };
}

test('keystrokes in quick succession are coalesced into one search', async () => {
  const service = fakeService(10);
  const events: ResultsEvent[] = [];
  const source = new ResultsSource(service.search, (e) => events.push(e), { coalesceMs: 20 });
  let s = initialState;
  for (const q of ['o', 'ol', 'oly', 'olym']) {
    s = setQuery(s, q);
    source.update(s);
    await wait(2);
  }
  await wait(60);
  assert.deepEqual(
    service.requests.map((r) => r.q),
    ['olym'],
  );
  assert.equal(events.filter((e) => e.type === 'results').length, 1);
  source.dispose();
});

test('an answer that arrives after the state moved on is dropped, and the newest state is searched', async () => {
  // The first search is slow; the second state comes while it is on its way.
  const service = fakeService(5, (r) => (r.q === 'slow' ? 40 : 5));
  const delivered: string[] = [];
  const source = new ResultsSource(
    service.search,
    (e) => {
      if (e.type === 'results') delivered.push(e.results.state.q);
    },
    { coalesceMs: 0 },
  );
  source.update(setQuery(initialState, 'slow'));
  await wait(10);
  source.update(setQuery(initialState, 'fast'));
  await wait(80);
  assert.deepEqual(
    service.requests.map((r) => r.q),
    ['slow', 'fast'],
  );
  assert.deepEqual(delivered, ['fast']);
  source.dispose();
});

test('pages are fetched once each as the list asks for them', async () => {
  const service = fakeService(1000);
  let latest: ResultsEvent | null = null;
  const source = new ResultsSource(service.search, (e) => (latest = e), {
    coalesceMs: 0,
    firstPage: 50,
    pageSize: 200,
  });
  source.update(setQuery(initialState, 'x'));
  await wait(20);
  assert.equal(source.latest?.hits.size, 50);
  source.ensureRange(40, 120);
  source.ensureRange(60, 130);
  await wait(20);
  assert.deepEqual(
    service.requests.map((r) => [r.offset, r.limit]),
    [
      [0, 50],
      [50, 200],
    ],
  );
  assert.equal(source.latest?.hits.size, 250);
  assert.equal((latest as ResultsEvent | null)?.type, 'page');
  source.ensureRange(990, 1200);
  await wait(20);
  assert.equal(source.latest?.hits.has(999), true);
  assert.equal(source.latest?.hits.has(1000), false);
  source.dispose();
});

test('a slow answer is reported as stalled, and errors are reported with the state', async () => {
  const events: string[] = [];
  const slow = new ResultsSource(fakeService(1, () => 60).search, (e) => events.push(e.type), {
    coalesceMs: 0,
    stallMs: 20,
  });
  slow.update(setQuery(initialState, 'a'));
  await wait(100);
  assert.deepEqual(events, ['stalled', 'results']);
  const failing = new ResultsSource(
    async () => {
      throw new Error('search: q is too long');
    },
    (e) => events.push(e.type === 'error' ? `error:${e.message}` : e.type),
    { coalesceMs: 0 },
  );
  failing.update(setQuery(initialState, 'b'));
  await wait(20);
  assert.equal(events[events.length - 1], 'error:search: q is too long');
  slow.dispose();
  failing.dispose();
});

test('returning to the state on screen needs no new search', async () => {
  const service = fakeService(3);
  const source = new ResultsSource(service.search, () => {}, { coalesceMs: 0 });
  source.update(setQuery(initialState, 'a'));
  await wait(20);
  source.update(setQuery(initialState, 'ab'));
  source.update(setQuery(initialState, 'a'));
  await wait(20);
  assert.deepEqual(
    service.requests.map((r) => r.q),
    ['a'],
  );
  source.update(setQuery(initialState, 'a'), true, true);
  await wait(20);
  assert.equal(service.requests.length, 2, 'a forced refresh searches again');
  source.dispose();
});
