import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchRequest, type SearchRequest, type SearchResponse } from '../common/contract';
import { makeDoc } from './fixtures';
import { searchAcross } from './merge';
import { SearchIndex } from './searchIndex';

function shards(): SearchIndex[] {
  const out = [new SearchIndex(), new SearchIndex()];
  out[0]!.addSource('a', [
    makeDoc('a', [
      { text: 'The sanctions will not work.', speaker: 'Vladimir Putin', topics: ['politics'] },
      { text: 'The match was a fine game of football.', speaker: 'Vladimir Putin', topics: ['sport'] },
    ]),
  ]);
  out[1]!.addSource('b', [
    makeDoc('b', [
      { text: 'We talked about sanctions and the pipeline.', speaker: 'Jen Psaki', topics: ['politics'] },
      { text: 'A golf green opened.', speaker: 'Golf Coach', topics: ['sport'] },
    ]),
  ]);
  return out;
}

const across = (s: SearchIndex[], partial: Partial<SearchRequest>): Promise<SearchResponse> =>
  searchAcross(
    searchRequest(partial),
    s.map((x) => (part) => x.search(part)),
  );

test('speaker:puttin suggests Vladimir Putin, and a query that finds him', async () => {
  const r = await across(shards(), { q: 'speaker:puttin sanctions' });
  assert.equal(r.total, 0);
  const s = r.suggestions!;
  assert.equal(s.filters[0]!.field, 'speaker');
  assert.equal(s.filters[0]!.value, 'puttin');
  assert.equal(s.filters[0]!.nearest[0], 'Vladimir Putin');
  assert.equal(s.query, 'speaker:"Vladimir Putin" sanctions');
  assert.equal((await across(shards(), { q: s.query! })).total, 1);
});

test('topic:sports suggests sport', async () => {
  const r = await across(shards(), { q: 'topic:sports' });
  assert.equal(r.total, 0);
  assert.deepEqual(r.suggestions?.filters, [{ field: 'topic', value: 'sports', nearest: ['sport'] }]);
  assert.equal(r.suggestions?.query, 'topic:sport');
});

test('a zero-result query with a misspelt word gets a "did you mean" built from the vocabulary', async () => {
  const one = new SearchIndex();
  one.addSource('a', [makeDoc('a', ['The pipeline was built.', 'Sanctions on the pipeline.'])]);
  const r = one.search(searchRequest({ q: 'pipelnie sanctoins ' }));
  assert.equal(r.total, 0);
  assert.equal(r.suggestions?.query, 'pipeline sanctions ');
  assert.deepEqual(r.suggestions?.filters, []);
});

test('no suggestions when the search finds something and every value names something', async () => {
  const r = await across(shards(), { q: 'speaker:putin sanctions', topic: ['politics'] });
  assert.equal(r.total, 1);
  assert.equal(r.suggestions, undefined);
});

test('a request selection that names no value gets the nearest values', async () => {
  const r = await across(shards(), { q: '', speaker: ['Vladimir Puttin'] });
  assert.equal(r.suggestions?.filters[0]?.nearest[0], 'Vladimir Putin');
});

test('a value nothing is near is reported with no nearest values, and no query is made up', () => {
  const one = new SearchIndex();
  one.addSource('a', [makeDoc('a', [{ text: 'Talks.', speaker: 'Jen Psaki' }])]);
  const r = one.search(searchRequest({ q: 'speaker:zzzzzzzz talks' }));
  assert.deepEqual(r.suggestions, { filters: [{ field: 'speaker', value: 'zzzzzzzz', nearest: [] }] });
});
