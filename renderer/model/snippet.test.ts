import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { markRuns, normaliseRanges, snippetRuns } from './snippet';

test('ranges are sorted, clipped and merged', () => {
  assert.deepEqual(
    normaliseRanges(
      [
        [8, 12],
        [0, 3],
        [2, 5],
        [10, 40],
        [-3, -1],
      ],
      20,
    ),
    [
      [0, 5],
      [8, 20],
    ],
  );
});

test('runs cover the text exactly, with the ranges marked', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 60 }),
      fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: -5, max: 70 })), {
        maxLength: 6,
      }),
      (text, ranges) => {
        const runs = markRuns(text, ranges);
        assert.equal(runs.map((r) => r.text).join(''), text);
        const marked = normaliseRanges(ranges, text.length).map(([s, e]) => text.slice(s, e));
        assert.deepEqual(
          runs.filter((r) => r.mark).map((r) => r.text),
          marked,
        );
      },
    ),
  );
});

test('a snippet starts a little before the first match, at a word, and says where it cut', () => {
  const text = `${'lorem ipsum dolor sit amet '.repeat(10)}the Olympics were not discussed ${'at all and more words '.repeat(20)}`;
  const at = text.indexOf('Olympics');
  const runs = snippetRuns(text, [[at, at + 8]]);
  assert.equal(runs[0]?.text, '…');
  assert.equal(runs[runs.length - 1]?.text, '…');
  const joined = runs.map((r) => r.text).join('');
  assert.ok(joined.length <= 245, `snippet is ${joined.length} long`);
  assert.ok(joined.indexOf('Olympics') < 60, 'the match is near the start');
  assert.match(joined, /^…(lorem|ipsum|dolor|sit|amet|the) /, 'it opens on a whole word');
  assert.deepEqual(
    runs.filter((r) => r.mark).map((r) => r.text),
    ['Olympics'],
  );
});

test('a short text is shown whole, whitespace collapsed', () => {
  const runs = snippetRuns('It was —\n the  Olympics —', [[15, 23]]);
  assert.deepEqual(runs.map((r) => r.text).join(''), 'It was — the Olympics —');
});
