import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typedDateRange, typedFiltersFor, typedSelection, withoutFilters } from './typedSelection';

test('typed filters tick the facet values they select, as the engine matches them', () => {
  const speakers = ['Jen Psaki', 'Vladimir Putin', 'Reporter', 'Psakiewicz'];
  assert.deepEqual(typedSelection('inflation speaker:psaki', 'speaker', speakers), [
    'Jen Psaki',
    'Psakiewicz',
  ]);
  assert.deepEqual(typedSelection('speaker:"vladimir putin"', 'speaker', speakers), ['Vladimir Putin']);
  assert.deepEqual(typedSelection('speaker:aki', 'speaker', speakers), [], 'a word must start with it');
  assert.deepEqual(typedSelection('topic:sport', 'topic', ['sport', 'politics']), ['sport']);
  assert.deepEqual(typedSelection('topic:"foreign policy"', 'topic', ['foreign-policy', 'politics']), [
    'foreign-policy',
  ]);
  assert.deepEqual(typedSelection('kind:q', 'kind', ['quote', 'turn']), ['quote']);
  assert.deepEqual(typedSelection('psaki', 'speaker', speakers), []);
});

test('"(no speaker)" is ticked only when named in full, as the engine reads it', () => {
  const speakers = ['(no speaker)', 'Nora Novak'];
  assert.deepEqual(typedSelection('speaker:"(No Speaker)"', 'speaker', speakers), ['(no speaker)']);
  assert.deepEqual(typedSelection('speaker:no', 'speaker', speakers), ['Nora Novak']);
  assert.deepEqual(typedSelection('speaker:speaker', 'speaker', speakers), []);
});

test('typed dates give the range the histogram shows', () => {
  assert.deepEqual(typedDateRange('date:2021'), { from: '2021-01-01', to: '2021-12-31' });
  assert.deepEqual(typedDateRange('x date:2021-11..2021-12'), { from: '2021-11-01', to: '2021-12-31' });
  assert.deepEqual(typedDateRange('before:2022'), { from: null, to: '2021-12-31' });
  assert.deepEqual(typedDateRange('nato'), { from: null, to: null });
});

test('unticking a value typed as a filter removes that filter from the query', () => {
  const q = 'border speaker:psaki kind:quote speaker:jen';
  const filters = typedFiltersFor(q, 'speaker', 'Jen Psaki');
  assert.equal(filters.length, 2);
  assert.equal(withoutFilters(q, filters), 'border kind:quote');
});
