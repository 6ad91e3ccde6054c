import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chipsOf, ignoredFilters } from './chips';
import { initialState } from './state';

test('a typed filter the parser could not apply becomes an error chip that says why', () => {
  const state = { ...initialState, q: 'border date:2021-13 speaker:psaki' };
  const chips = chipsOf(state);
  assert.deepEqual(
    chips.map((c) => [c.label, c.error !== undefined]),
    [
      ['speaker: psaki', false],
      ['date:2021-13', true],
    ],
  );
  assert.match(chips[1]?.error ?? '', /is not a date/);
  assert.equal(chips[1]?.remove(state).q, 'border speaker:psaki');
});

test('applied filters, quoted values and plain words are not reported as ignored', () => {
  assert.deepEqual(ignoredFilters('speaker:"Xi Jinping" kind:quote date:2021..2022 nato after:2020'), []);
  assert.deepEqual(ignoredFilters(''), []);
  assert.deepEqual(
    ignoredFilters('kind:poem x before:soon').map((f) => f.text),
    ['kind:poem', 'before:soon'],
  );
  assert.deepEqual(
    ignoredFilters('topic: x').map((f) => [f.text, f.why]),
    [['topic:', 'topic: needs a value; it was ignored.']],
  );
});
