import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageLabel, placeAt } from './pages';

test('a passage takes the page of the run it starts in, with OCR confidence when OCR read it', () => {
  const runs = [
    { start: 0, page: 1 },
    { start: 120, page: 2 },
    { start: 300, page: 3, ocrConfidence: 0.87 },
  ];
  assert.deepEqual(placeAt(runs, 0), { page: 1 });
  assert.deepEqual(placeAt(runs, 119), { page: 1 });
  assert.deepEqual(placeAt(runs, 120), { page: 2 });
  assert.deepEqual(placeAt(runs, 5000), { page: 3, ocr: true, ocrConfidence: 0.87 });
  assert.deepEqual(placeAt(undefined, 10), {});
  assert.equal(pageLabel(placeAt(runs, 130)), 'p. 2');
  assert.equal(pageLabel({}), '');
});
