import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fnv1a } from './hash';
import { mergeRanges } from './ranges';
import { partitionPoint } from './sorted';

test('partitionPoint finds the first element not below a value', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -1, max: 51 }), (raw, x) => {
      const a = [...raw].sort((p, q) => p - q);
      const expected = a.findIndex((v) => v >= x);
      assert.equal(
        partitionPoint(0, a.length, (i) => a[i]! < x),
        expected < 0 ? a.length : expected,
      );
    }),
  );
});

test('mergeRanges sorts and joins overlapping and touching ranges', () => {
  assert.deepEqual(
    mergeRanges([
      [8, 9],
      [0, 2],
      [2, 4],
      [3, 5],
    ]),
    [
      [0, 5],
      [8, 9],
    ],
  );
});

test('fnv1a is the standard 32-bit FNV-1a', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
});
