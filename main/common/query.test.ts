import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoDateRange, parseQuery, removeFilter } from './query';

test('words are all required and only the last one is a prefix while typing', () => {
  const q = parseQuery('putin sanc');
  assert.deepEqual(q.groups, [
    [{ type: 'word', text: 'putin', prefix: false }],
    [{ type: 'word', text: 'sanc', prefix: true }],
  ]);
  assert.deepEqual(parseQuery('putin sanctions ').groups[1], [
    { type: 'word', text: 'sanctions', prefix: false },
  ]);
  assert.deepEqual(q.notes, []);
});

test('phrases, exclusions and OR', () => {
  const q = parseQuery('"united states" -china russia OR ukraine');
  assert.deepEqual(q.groups, [
    [{ type: 'phrase', text: 'united states' }],
    [
      { type: 'word', text: 'russia', prefix: false },
      { type: 'word', text: 'ukraine', prefix: true },
    ],
  ]);
  assert.deepEqual(q.exclude, [{ type: 'word', text: 'china', prefix: false }]);
  assert.deepEqual(parseQuery('-"cold war" peace').exclude, [{ type: 'phrase', text: 'cold war' }]);
});

test('field filters with quoted values, kinds and dates', () => {
  const q = parseQuery(
    'speaker:"Xi Jinping" topic:sport kind:quo date:2021-12 after:2021-12-01 before:2022 taiwan',
  );
  assert.deepEqual(
    q.filters.map((f) => [f.field, f.value, f.range]),
    [
      ['speaker', 'Xi Jinping', undefined],
      ['topic', 'sport', undefined],
      ['kind', 'quote', undefined],
      ['date', '2021-12', { min: 20211201, max: 20211231 }],
      ['after', '2021-12-01', { min: 20211202, max: 99999999 }],
      ['before', '2022', { min: 0, max: 20220100 }],
    ],
  );
  assert.deepEqual(q.groups, [[{ type: 'word', text: 'taiwan', prefix: true }]]);
  assert.deepEqual(parseQuery('date:2021-12..2022-02').filters[0]!.range, { min: 20211201, max: 20220228 });
});

test('what cannot be understood becomes a note, never an error', () => {
  assert.match(parseQuery('"unclosed phrase').notes[0]!, /not closed/);
  assert.equal(parseQuery('"unclosed phrase').groups[0]![0]!.text, 'unclosed phrase');
  const unknown = parseQuery('foo:bar');
  assert.match(unknown.notes[0]!, /Unknown filter/);
  assert.deepEqual(unknown.groups, [[{ type: 'word', text: 'foo:bar', prefix: true }]]);
  assert.match(parseQuery('date:2021-13').notes[0]!, /not a date/);
  assert.match(parseQuery('kind:speech').notes[0]!, /not one of/);
  assert.match(parseQuery('OR putin').notes[0]!, /OR needs/);
  assert.match(parseQuery('putin OR').notes[0]!, /OR needs/);
  assert.match(parseQuery('speaker:').notes[0]!, /needs a value/);
  assert.match(parseQuery('date:2022..2021').notes[0]!, /ends before/);
});

test('isoDateRange knows month lengths and leap years', () => {
  assert.deepEqual(isoDateRange('2020-02'), { min: 20200201, max: 20200229 });
  assert.deepEqual(isoDateRange('2021-02'), { min: 20210201, max: 20210228 });
  assert.equal(isoDateRange('2021-02-30'), null);
  assert.equal(isoDateRange('21-02'), null);
});

test('removeFilter drops one chip and keeps the rest of the query', () => {
  const input = 'sanctions speaker:putin date:2021';
  const q = parseQuery(input);
  assert.equal(removeFilter(input, q.filters[0]!), 'sanctions date:2021');
  assert.equal(removeFilter(input, q.filters[1]!), 'sanctions speaker:putin');
});

test('property: parseQuery never throws and describes its input consistently', () => {
  const alphabet = fc.constantFrom(
    ...'ab "-:OR speaker:topic:date:2021-12 kind:quote after: before:..\u00e9\u2019\t'.split(''),
  );
  const pieces = fc.constantFrom(
    'putin',
    '"',
    '-',
    'OR',
    ' ',
    'speaker:',
    'date:',
    '2021',
    '-12',
    '..',
    'kind:',
    'x',
    ':',
    '\u00e9',
    'after:',
    'topic:',
  );
  const input = fc.oneof(
    fc.string(),
    fc.string({ unit: alphabet }),
    fc.array(pieces).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(input, (s) => {
      const q = parseQuery(s);
      for (const f of q.filters) {
        assert.ok(f.start >= 0 && f.end <= s.length && f.start < f.end, 'filter span inside the input');
        assert.ok(s.slice(f.start, f.end).toLowerCase().includes(`${f.field}:`), 'span names the field');
        if (f.range) assert.ok(f.range.min <= f.range.max + 1);
      }
      const words = q.groups.flat().concat(q.exclude);
      for (const t of words) {
        assert.ok(t.text.length > 0);
        if (t.type === 'word') assert.ok(!/\s/.test(t.text), 'a word has no spaces');
      }
      // Only the very last word can be a prefix, and only when the input does not end in a space.
      const prefixes = q.groups.flat().filter((t) => t.type === 'word' && t.prefix);
      assert.ok(prefixes.length <= 1);
      if (prefixes.length === 1) assert.ok(!/\s$/.test(s));
      for (const g of q.groups) assert.ok(g.length >= 1);
    }),
    { numRuns: 2000 },
  );
});

test('property: removing every filter leaves a query without filters and the same words', () => {
  const word = fc.constantFrom('putin', 'sanctions', 'russia', 'talks');
  const filter = fc.constantFrom(
    'speaker:putin',
    'speaker:"Xi Jinping"',
    'topic:sport',
    'date:2021-12',
    'kind:quote',
    'before:2022',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(word, filter), { minLength: 1, maxLength: 8 }), (parts) => {
      let s = parts.join(' ');
      const words = parseQuery(`${s} `)
        .groups.flat()
        .map((t) => t.text);
      for (;;) {
        const q = parseQuery(s);
        const f = q.filters[0];
        if (!f) break;
        s = removeFilter(s, f);
      }
      assert.deepEqual(parseQuery(s).filters, []);
      assert.deepEqual(
        parseQuery(`${s} `)
          .groups.flat()
          .map((t) => t.text),
        words,
      );
    }),
  );
});
