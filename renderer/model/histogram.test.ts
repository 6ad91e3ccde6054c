import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketInRange, dateHistogram, dateLabel, datePresets } from './histogram';

test('months are filled in between the first and the last', () => {
  const h = dateHistogram([
    { value: '2021-11', count: 3 },
    { value: '2022-02', count: 5 },
  ]);
  assert.equal(h.granularity, 'month');
  assert.deepEqual(
    h.buckets.map((b) => b.key),
    ['2021-11', '2021-12', '2022-01', '2022-02'],
  );
  assert.deepEqual(
    h.buckets.map((b) => b.count),
    [3, 0, 0, 5],
  );
  assert.equal(h.max, 5);
});

test('years are used when the values are years, and a few less precise dates are counted apart', () => {
  assert.equal(
    dateHistogram([
      { value: '2015', count: 2 },
      { value: '2018', count: 1 },
    ]).granularity,
    'year',
  );
  const h = dateHistogram([
    { value: '2021-11', count: 50 },
    { value: '2021-12', count: 50 },
    { value: '2021', count: 2 },
  ]);
  assert.equal(h.granularity, 'month');
  assert.equal(h.unplaced, 2);
});

test('days when every date is a day and they span under two months', () => {
  const h = dateHistogram([
    { value: '2021-12-30', count: 1 },
    { value: '2022-01-02', count: 2 },
  ]);
  assert.equal(h.granularity, 'day');
  assert.deepEqual(
    h.buckets.map((b) => b.key),
    ['2021-12-30', '2021-12-31', '2022-01-01', '2022-01-02'],
  );
});

test('values that are not dates are left out; nothing gives an empty histogram', () => {
  assert.deepEqual(dateHistogram([{ value: 'soon', count: 4 }]).buckets, []);
});

test('a bucket is in a range when they overlap', () => {
  assert.equal(bucketInRange('2021-12', '2021', '2021'), true);
  assert.equal(bucketInRange('2022-01', '2021-12', '2021-12'), false);
  assert.equal(bucketInRange('2022-01', '2021-12', null), true);
  assert.equal(bucketInRange('2015', null, null), false);
});

test('presets list years and months, newest first, and labels read well', () => {
  const p = datePresets([
    { value: '2021-12', count: 2 },
    { value: '2022-01', count: 1 },
    { value: '2015', count: 4 },
  ]);
  assert.deepEqual(p.years, [
    { key: '2022', count: 1 },
    { key: '2021', count: 2 },
    { key: '2015', count: 4 },
  ]);
  assert.deepEqual(
    p.months.map((m) => m.key),
    ['2022-01', '2021-12'],
  );
  assert.equal(dateLabel('2021-12-15'), '15 Dec 2021');
  assert.equal(dateLabel('2021-12'), 'Dec 2021');
  assert.equal(dateLabel('2021'), '2021');
});
