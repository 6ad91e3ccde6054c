import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PASSAGE_KINDS, SORT_ORDERS } from '../../main/common/contract';
import { initialState, toRequest, type UiState } from './state';
import { searchParams, stateFromUrl, urlFromState } from './url';

const value = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const isoDate = fc.oneof(
  fc.integer({ min: 1900, max: 2099 }).map(String),
  fc
    .tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(
      fc.integer({ min: 1900, max: 2099 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

const stateArb: fc.Arbitrary<UiState> = fc
  .record({
    q: fc.string({ maxLength: 80, unit: 'grapheme' }),
    speaker: fc.uniqueArray(value, { maxLength: 5 }),
    topic: fc.uniqueArray(value, { maxLength: 5 }),
    kind: fc.subarray([...PASSAGE_KINDS]),
    notSpeaker: fc.uniqueArray(value, { maxLength: 5 }),
    notTopic: fc.uniqueArray(value, { maxLength: 5 }),
    notKind: fc.subarray([...PASSAGE_KINDS]),
    from: fc.option(isoDate, { nil: null }),
    to: fc.option(isoDate, { nil: null }),
    sort: fc.constantFrom(...SORT_ORDERS),
    group: fc.boolean(),
    collapse: fc.boolean(),
    doc: fc.option(value, { nil: null }),
    passage: fc.option(value, { nil: null }),
  })
  .map((s) => ({ ...s, passage: s.doc === null ? null : s.passage }));

test('stateFromUrl(urlFromState(s)) equals s for every state', () => {
  fc.assert(
    fc.property(stateArb, (s) => {
      assert.deepEqual(stateFromUrl(urlFromState(s)), s);
    }),
    { numRuns: 500 },
  );
});

test('the HTTP request carries the same search as the URL, plus its window of results', () => {
  fc.assert(
    fc.property(stateArb, (s) => {
      const state = { ...s, q: s.q.trim() };
      const request = searchParams(toRequest(state, 20, 40));
      const url = new URLSearchParams(urlFromState(state).slice(1));
      for (const name of ['q', 'speaker', 'topic', 'kind', 'notSpeaker', 'notTopic', 'notKind', 'from', 'to'])
        assert.deepEqual(request.getAll(name), url.getAll(name), name);
      assert.equal(request.get('sort'), state.sort);
      assert.equal(request.get('offset'), '20');
      assert.equal(request.get('limit'), '40');
    }),
    { numRuns: 300 },
  );
});

test('the HTTP request carries the cursor and how many facet values to list, when asked', () => {
  const plain = searchParams(toRequest(initialState));
  assert.equal(plain.has('after'), false);
  assert.equal(plain.has('facetLimit'), false);
  const asked = searchParams({ ...toRequest(initialState), after: 'cursor-1', facetLimit: 1000 });
  assert.equal(asked.get('after'), 'cursor-1');
  assert.equal(asked.get('facetLimit'), '1000');
});

test('the initial state has an empty URL', () => {
  assert.equal(urlFromState(initialState), '');
  assert.deepEqual(stateFromUrl(''), initialState);
});

test('a URL with nonsense gives a sensible state, never an error', () => {
  const s = stateFromUrl(
    '#kind=poem&kind=quote&from=yesterday&to=2021-13&sort=sideways&group=yes&passage=p1&%E0%A4%A=1',
  );
  assert.deepEqual(s.kind, ['quote']);
  assert.equal(s.from, null);
  assert.equal(s.to, null);
  assert.equal(s.sort, 'relevance');
  assert.equal(s.group, false);
  assert.equal(s.passage, null, 'a passage without its document is dropped');
});

test('any fragment at all is read without throwing', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (raw) => {
      stateFromUrl(raw);
    }),
  );
});

test('an excluded speaker round-trips through the URL and reaches the request', () => {
  const state: UiState = { ...initialState, q: 'border', notSpeaker: ['Reporter', '(no speaker)'] };
  const url = urlFromState(state);
  assert.equal(url, '#q=border&notSpeaker=Reporter&notSpeaker=%28no+speaker%29');
  assert.deepEqual(stateFromUrl(url), state);
  assert.deepEqual(toRequest(state).notSpeaker, ['Reporter', '(no speaker)']);
  assert.equal(toRequest(initialState).notSpeaker, undefined, 'no exclusion, no field');
});
