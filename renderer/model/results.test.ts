import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hit, SearchRequest, SearchResponse } from '../../main/common/contract';
import { ResultsSource, type ResultsEvent } from './results';
import { initialState, setQuery } from './state';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the condition holds (a loaded machine can be slow), failing after a while. */
async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('results test: the condition never came true');
    await wait(5);
  }
}

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

/**
 * A fake service: answers after `delay` ms with `total` results, and records every request.
 * Like the real one, it gives a cursor (`next`) when more hits follow a page, and a request
 * `after` a cursor starts right after it; `fail` makes a request fail.
 */
function fakeService(
  total: number,
  delay: (r: SearchRequest) => number = () => 5,
  fail: (r: SearchRequest) => boolean = () => false,
) {
  const requests: SearchRequest[] = [];
  const search = async (r: SearchRequest): Promise<SearchResponse> => {
    requests.push(r);
    await wait(delay(r));
    if (fail(r)) throw new Error('service: this page failed');
    const first = (r.after !== undefined ? Number(r.after.slice(1)) : 0) + r.offset;
    const hits = [];
    for (let i = first; i < Math.min(total, first + r.limit); i++) hits.push(hit(i));
    const end = first + hits.length;
    return {
      query: r.q,
      total,
      tookMs: 1,
      hits,
      facets: { speaker: [], topic: [], date: [], kind: [] },
      notes: [],
      ...(end < total ? { next: `c${end}` } : {}),
    };
  };
  return { requests, search };
}

test('keystrokes in quick succession are coalesced into one search', async () => {
  const service = fakeService(10);
  const events: ResultsEvent[] = [];
  // Keystrokes well inside the pause (all in one tick), so a loaded machine cannot split them.
  const source = new ResultsSource(service.search, (e) => events.push(e), { coalesceMs: 50 });
  let s = initialState;
  for (const q of ['o', 'ol', 'oly', 'olym']) {
    s = setQuery(s, q);
    source.update(s);
  }
  await until(() => events.some((e) => e.type === 'results'));
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
  const service = fakeService(5, (r) => (r.q === 'slow' ? 400 : 5));
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
  await until(() => delivered.length > 0);
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
  await until(() => source.latest !== null);
  assert.equal(source.latest?.hits.size, 50);
  source.ensureRange(40, 120);
  source.ensureRange(60, 130);
  await until(() => source.latest?.hits.size === 250);
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
  await until(() => source.latest?.hits.has(999) === true);
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
  await until(() => events.includes('results'));
  assert.deepEqual(events, ['stalled', 'results']);
  const failing = new ResultsSource(
    async () => {
      throw new Error('search: q is too long');
    },
    (e) => events.push(e.type === 'error' ? `error:${e.message}` : e.type),
    { coalesceMs: 0 },
  );
  failing.update(setQuery(initialState, 'b'));
  await until(() => events.some((e) => e.startsWith('error:')));
  assert.equal(events[events.length - 1], 'error:search: q is too long');
  slow.dispose();
  failing.dispose();
});

test('returning to the state on screen needs no new search', async () => {
  const service = fakeService(3);
  const source = new ResultsSource(service.search, () => {}, { coalesceMs: 0 });
  source.update(setQuery(initialState, 'a'));
  await until(() => source.latest !== null);
  source.update(setQuery(initialState, 'ab'));
  source.update(setQuery(initialState, 'a'));
  await wait(20);
  // 'ab' went out as it was typed; going back to 'a' asks for nothing, and the late answer
  // for 'ab' does not replace what is on screen.
  assert.deepEqual(
    service.requests.map((r) => r.q),
    ['a', 'ab'],
  );
  assert.equal(source.latest?.state.q, 'a');
  source.update(setQuery(initialState, 'a'), true, true);
  await until(() => service.requests.length >= 3);
  await wait(10);
  assert.equal(service.requests.length, 3, 'a forced refresh searches again');
  source.dispose();
});

test('a page past the furthest offset is reached through cursors, each window asked for once', async () => {
  const service = fakeService(2000);
  let source: ResultsSource | null = null;
  // The list asks again for what it shows whenever a page arrives, as the real one does.
  const events: ResultsEvent[] = [];
  source = new ResultsSource(
    service.search,
    (e) => {
      events.push(e);
      if (e.type === 'page') source?.ensureRange(1900, 1950);
    },
    { coalesceMs: 0, firstPage: 50, pageSize: 100, maxOffset: 500 },
  );
  source.update(setQuery(initialState, 'x'));
  await until(() => source?.latest !== null);
  for (let i = 0; i < 5; i++) source.ensureRange(1900, 1950);
  await until(() => source?.latest?.hits.has(1949) === true);
  await wait(30);
  for (let i = 1900; i < 1950; i++) assert.equal(source.latest?.hits.get(i)?.id, `p${i}`, `hit ${i}`);
  const asked = service.requests.map((r) => `${r.after ?? ''}+${r.offset}`);
  assert.equal(new Set(asked).size, asked.length, `no window asked for twice: ${asked.join(' ')}`);
  assert.ok(service.requests.every((r) => r.offset <= 500));
  assert.ok(service.requests.length <= 6, `a few steps, not a walk page by page: ${asked.join(' ')}`);
  source.dispose();
});

test('a page that fails is reported as unavailable and not asked for again', async () => {
  const service = fakeService(
    1000,
    () => 2,
    (r) => r.offset === 200,
  );
  const source = new ResultsSource(service.search, () => undefined, {
    coalesceMs: 0,
    firstPage: 50,
    pageSize: 100,
  });
  source.update(setQuery(initialState, 'x'));
  await until(() => source.latest !== null);
  source.ensureRange(200, 250);
  await until(() => (source.latest?.unavailable.length ?? 0) > 0);
  for (let i = 0; i < 5; i++) {
    source.ensureRange(200, 250);
    await wait(10);
  }
  assert.equal(service.requests.filter((r) => r.offset === 200).length, 1);
  assert.deepEqual(source.latest?.unavailable, [
    { start: 200, end: 300, message: 'service: this page failed' },
  ]);
  source.dispose();
});

test('a keystroke with no search on its way is searched in its own task, not a timer later', () => {
  const service = fakeService(10);
  const source = new ResultsSource(service.search, () => undefined, { coalesceMs: 0 });
  source.update(setQuery(initialState, 'olympics'));
  assert.equal(service.requests.length, 1);
  assert.equal(service.requests[0]?.q, 'olympics');
  source.dispose();
});

test('the first request asks for the rows in view; the rest follows only once typing pauses', async () => {
  const service = fakeService(500);
  let rowsInView = 18;
  let source: ResultsSource | null = null;
  const delivered: string[] = [];
  source = new ResultsSource(
    service.search,
    (e) => {
      if (e.type !== 'results') return;
      delivered.push(e.results.state.q);
      // The next keystroke comes as soon as the first answer is drawn, inside the pause.
      if (e.results.state.q === 'ol') source?.update(setQuery(initialState, 'oly'));
    },
    { coalesceMs: 0, firstPage: () => rowsInView, prefetchMs: 20, prefetchTo: 60 },
  );
  source.update(setQuery(initialState, 'ol'));
  rowsInView = 25;
  await until(() => service.requests.some((r) => r.q === 'oly' && r.offset > 0));
  const first = service.requests.filter((r) => r.offset === 0);
  assert.deepEqual(
    first.map((r) => [r.q, r.limit]),
    [
      ['ol', 18],
      ['oly', 25],
    ],
  );
  // The search typing went past was never paged; the one it paused on was, from its first page on.
  assert.equal(service.requests.filter((r) => r.q === 'ol' && r.offset > 0).length, 0);
  assert.equal(service.requests.find((r) => r.q === 'oly' && r.offset > 0)?.offset, 25);
  assert.deepEqual(delivered, ['ol', 'oly']);
  source.dispose();
});
