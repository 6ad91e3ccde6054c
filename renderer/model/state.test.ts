import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../main/common/contract';
import {
  clearFilters,
  cycleSort,
  hasFilters,
  initialState,
  resultsKey,
  setDateRange,
  setQuery,
  toRequest,
  toggleFacetValue,
  openDocument,
  closeDocument,
} from './state';

test('toggling a facet value adds it, and toggling again removes it', () => {
  const a = toggleFacetValue(initialState, 'speaker', 'Vladimir Putin');
  assert.deepEqual(a.speaker, ['Vladimir Putin']);
  const b = toggleFacetValue(a, 'speaker', 'Xi Jinping');
  assert.deepEqual(b.speaker, ['Vladimir Putin', 'Xi Jinping']);
  assert.deepEqual(toggleFacetValue(b, 'speaker', 'Vladimir Putin').speaker, ['Xi Jinping']);
  assert.deepEqual(initialState.speaker, [], 'the old state is not changed');
});

test('kinds keep the contract order and unknown kinds are refused', () => {
  const s = toggleFacetValue(toggleFacetValue(initialState, 'kind', 'narrative'), 'kind', 'quote');
  assert.deepEqual(s.kind, ['quote', 'narrative']);
  assert.equal(toggleFacetValue(s, 'kind', 'poem'), s);
});

test('a facet takes no more values than the contract allows', () => {
  let s = initialState;
  for (let i = 0; i < LIMITS.filterValues + 5; i++) s = toggleFacetValue(s, 'topic', `t${i}`);
  assert.equal(s.topic.length, LIMITS.filterValues);
});

test('a date range drops ends that are not dates and puts a reversed range right', () => {
  assert.deepEqual(
    [
      setDateRange(initialState, '2022-02', '2021-12').from,
      setDateRange(initialState, '2022-02', '2021-12').to,
    ],
    ['2021-12', '2022-02'],
  );
  const s = setDateRange(initialState, 'last week', '2022');
  assert.equal(s.from, null);
  assert.equal(s.to, '2022');
  assert.equal(setDateRange(s, null, '2022'), s, 'no change gives the same object');
});

test('clearing filters keeps the query', () => {
  const s = setDateRange(toggleFacetValue(setQuery(initialState, 'sport'), 'speaker', 'Putin'), '2021', null);
  assert.equal(hasFilters(s), true);
  const c = clearFilters(s);
  assert.equal(c.q, 'sport');
  assert.equal(hasFilters(c), false);
});

test('the request carries the state, trimmed and within the limits', () => {
  const s = setDateRange(
    toggleFacetValue(setQuery(initialState, '  olympics '), 'speaker', 'Xi Jinping'),
    '2021-12',
    null,
  );
  const r = toRequest(s, 250, 500);
  assert.equal(r.q, 'olympics');
  assert.deepEqual(r.speaker, ['Xi Jinping']);
  assert.equal(r.from, '2021-12');
  assert.equal('to' in r, false);
  assert.equal(r.offset, 250);
  assert.equal(r.limit, LIMITS.pageSize);
});

test('the results key ignores the reader and grouping but not the sort', () => {
  const s = setQuery(initialState, 'olympics');
  assert.equal(resultsKey(s), resultsKey(openDocument(s, 'd1', 'p1')));
  assert.equal(resultsKey(s), resultsKey({ ...s, group: true }));
  assert.notEqual(resultsKey(s), resultsKey(cycleSort(s)));
  assert.equal(closeDocument(openDocument(s, 'd1', 'p1')).doc, null);
});

test('sort cycles through every order and back', () => {
  const orders = [initialState.sort];
  let s = initialState;
  for (let i = 0; i < 3; i++) {
    s = cycleSort(s);
    orders.push(s.sort);
  }
  assert.deepEqual(orders, ['relevance', 'date-desc', 'date-asc', 'relevance']);
});
