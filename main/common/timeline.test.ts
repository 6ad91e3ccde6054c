import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonTerms, resolveSeriesMode } from './timeline';

test('a query splits at commas outside quotes into trimmed, non-empty terms', () => {
  assert.deepEqual(comparisonTerms('climate, inflation'), ['climate', 'inflation']);
  assert.deepEqual(comparisonTerms(' climate ,, "war, peace" speaker:biden ,'), [
    'climate',
    '"war, peace" speaker:biden',
  ]);
  assert.deepEqual(comparisonTerms('climate'), ['climate']);
  assert.deepEqual(comparisonTerms('  '), []);
});

test('auto draws terms for a comparison, else speakers when selected, else the total', () => {
  assert.equal(resolveSeriesMode('auto', 'climate, inflation', ['Joe Biden']), 'term');
  assert.equal(resolveSeriesMode('auto', 'climate', ['Joe Biden']), 'speaker');
  assert.equal(resolveSeriesMode('auto', 'climate', []), 'total');
  assert.equal(resolveSeriesMode('total', 'climate, inflation', ['Joe Biden']), 'total');
});
