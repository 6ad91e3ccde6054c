import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chipsOf } from './chips';
import { formatCitation } from './citation';
import { initialState, setDateRange, setQuery, toggleFacetValue } from './state';

test('a citation reads "quote" — Speaker, Source, “Title”, Date', () => {
  assert.equal(
    formatCitation({
      quote: ' on issues of\n international sports cooperation ',
      speaker: 'Vladimir Putin',
      source: 'CGTN',
      title: 'Xi-Putin video call',
      date: '2021-12',
    }),
    '"on issues of international sports cooperation" — Vladimir Putin, CGTN, “Xi-Putin video call”, Dec 2021',
  );
});

test('unknown parts are left out and the quote’s own quotation marks are not doubled', () => {
  assert.equal(
    formatCitation({ quote: '"Thank you."', speaker: null, source: null, title: null, date: null }),
    '"Thank you."',
  );
  assert.equal(
    formatCitation({
      quote: 'Hi',
      speaker: 'Jen Psaki',
      source: null,
      title: 'Briefing',
      date: '2021-12-06',
    }),
    '"Hi" — Jen Psaki, “Briefing”, 6 Dec 2021',
  );
});

test('chips show facet selections and typed filters, and each removes only itself', () => {
  let s = toggleFacetValue(setQuery(initialState, 'sport speaker:putin kind:quote'), 'topic', 'sport');
  s = setDateRange(s, '2021-12', '2022-02');
  const chips = chipsOf(s);
  assert.deepEqual(
    chips.map((c) => c.label),
    ['Topic: Sport', 'Date: Dec 2021 – Feb 2022', 'speaker: putin', 'kind: quote'],
  );
  assert.equal(chips[2]?.remove(s).q, 'sport kind:quote');
  assert.deepEqual(chips[0]?.remove(s).topic, []);
  assert.equal(chips[1]?.remove(s).from, null);
});
