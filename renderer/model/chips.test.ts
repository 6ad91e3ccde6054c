import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chipsOf, ignoredFilters } from './chips';
import { initialState, toggleExcludedValue } from './state';

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

test('an excluded value is a "Not" chip, and a typed -speaker: says "not"; removing either brings it back', () => {
  const state = {
    ...toggleExcludedValue({ ...initialState, speaker: ['Reporter'] }, 'speaker', 'Reporter'),
    q: 'border -speaker:reporter',
  };
  assert.deepEqual(state.speaker, [], 'excluding a selected value unselects it');
  const chips = chipsOf(state);
  assert.deepEqual(
    chips.map((c) => c.label),
    ['Not speaker: Reporter', 'not speaker: reporter'],
  );
  assert.deepEqual(chips[0]?.remove(state).notSpeaker, []);
  assert.equal(chips[1]?.remove(state).q, 'border');
  assert.deepEqual(toggleExcludedValue(state, 'kind', 'poem'), state, 'an unknown kind is not excluded');
});
