import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_SPEAKER, searchRequest, type SearchRequest, type SearchResponse } from '../common/contract';
import { parseQuery } from '../common/query';
import { makeDoc } from './fixtures';
import { searchAcross } from './merge';
import { SearchIndex } from './searchIndex';

function corpus(): SearchIndex[] {
  const shards = [new SearchIndex({ facetLimit: Infinity }), new SearchIndex({ facetLimit: Infinity })];
  const docs = [
    makeDoc('b1', [
      { text: 'The border stays open.', speaker: 'Jen Psaki', kind: 'turn', topics: ['politics'] },
      { text: 'Q What about the border wall?', speaker: 'Reporter', kind: 'turn', topics: ['politics'] },
      { text: 'Q And the border budget?', speaker: 'Reporter', kind: 'turn', topics: ['economy'] },
    ]),
    makeDoc('b2', [
      { text: 'Border talks resumed in the morning.', kind: 'narrative', topics: ['politics'] },
      { text: 'We secure the border, the president said.', speaker: 'Joe Biden', kind: 'quote' },
    ]),
    makeDoc('b3', [
      { text: 'Q Is the border closed?', speaker: 'Reporter', kind: 'turn', topics: ['sport'] },
    ]),
  ];
  docs.forEach((d, i) => shards[i % 2]!.addSource(`s${i}`, [d]));
  return shards;
}

const across = (shards: SearchIndex[], partial: Partial<SearchRequest>): Promise<SearchResponse> =>
  searchAcross(
    searchRequest(partial),
    shards.map((s) => (part) => s.search(part)),
  );
const count = (r: SearchResponse, facet: 'speaker' | 'topic' | 'kind', value: string): number =>
  r.facets[facet].find((v) => v.value === value)?.count ?? 0;

test('-speaker: in the query leaves that speaker out: the total less their count', async () => {
  const shards = corpus();
  const all = await across(shards, { q: 'border ' });
  const reporters = count(all, 'speaker', 'Reporter');
  assert.equal(reporters, 3);
  const without = await across(shards, { q: 'border -speaker:reporter' });
  assert.equal(without.total, all.total - reporters);
  assert.ok(without.hits.every((h) => h.speaker !== 'Reporter'));
  assert.deepEqual(without.notes, []);
});

test('-topic: and -kind: in the query leave those values out', async () => {
  const shards = corpus();
  const all = await across(shards, { q: 'border ' });
  const noPolitics = await across(shards, { q: 'border -topic:politics' });
  assert.equal(noPolitics.total, all.total - count(all, 'topic', 'politics'));
  const noTurns = await across(shards, { q: 'border -kind:turn' });
  assert.equal(noTurns.total, all.total - count(all, 'kind', 'turn'));
});

test('notSpeaker, notTopic and notKind exclude, and each facet still counts its own values', async () => {
  const shards = corpus();
  const all = await across(shards, { q: 'border ' });
  const r = await across(shards, { q: 'border ', notSpeaker: ['Reporter'] });
  assert.equal(r.total, all.total - count(all, 'speaker', 'Reporter'));
  // Disjunctive: the speaker facet ignores the speaker selection, so Reporter keeps its count.
  assert.equal(count(r, 'speaker', 'Reporter'), 3);
  // Other facets count only what passes the exclusion.
  assert.equal(count(r, 'kind', 'turn'), 1);
  const t = await across(shards, { q: 'border ', notTopic: ['politics'], notKind: ['quote'] });
  assert.equal(t.total, 2);
  assert.equal(count(t, 'topic', 'politics'), 3);
  // The excluded kind keeps its count too, so the UI can show what the exclusion removed.
  assert.equal(count(t, 'kind', 'quote'), 1);
});

test('statements without a speaker are a facet value to include or exclude', async () => {
  const shards = corpus();
  const all = await across(shards, { q: 'border ' });
  assert.equal(count(all, 'speaker', NO_SPEAKER), 1);
  const only = await across(shards, { q: 'border ', speaker: [NO_SPEAKER] });
  assert.deepEqual(
    only.hits.map((h) => h.speaker),
    [null],
  );
  const none = await across(shards, { q: 'border ', notSpeaker: [NO_SPEAKER] });
  assert.equal(none.total, all.total - 1);
  const typed = await across(shards, { q: `border -speaker:"${NO_SPEAKER}"` });
  assert.equal(typed.total, all.total - 1);
});

test('a facet cut to its limit says how many values it left out, sharded or not', async () => {
  const shards = corpus();
  const cut = await across(shards, { q: 'border ', facetLimit: 2 });
  assert.equal(cut.facets.speaker.length, 2);
  assert.deepEqual(cut.facetMore, { speaker: 2, topic: 1 });
  const single = new SearchIndex({ facetLimit: 2 });
  single.addSource('all', [
    makeDoc(
      'x',
      ['a', 'b', 'c'].map((s) => ({ text: 'border', speaker: s })),
    ),
  ]);
  assert.deepEqual(single.search(searchRequest({ q: 'border ' })).facetMore, { speaker: 1 });
  assert.equal(single.search(searchRequest({ q: 'border ', facetLimit: 5 })).facetMore, undefined);
  // A selected or excluded value stays listed past the limit.
  const pinned = await across(shards, { q: 'border ', facetLimit: 1, notSpeaker: ['Joe Biden'] });
  assert.ok(pinned.facets.speaker.some((v) => v.value === 'Joe Biden'));
});

test('the parser marks -speaker:, -topic: and -kind: as exclusions, not date fields', () => {
  const parsed = parseQuery('border -speaker:reporter -topic:sport -kind:turn -date:2021');
  assert.deepEqual(
    parsed.filters.map((f) => [f.field, f.value, f.negated === true]),
    [
      ['speaker', 'reporter', true],
      ['topic', 'sport', true],
      ['kind', 'turn', true],
      ['date', '2021', false],
    ],
  );
  assert.match(parsed.notes.join(' '), /-date: is not supported/);
});

test('a topic tag is found by its words as typed: topic:"foreign policy" names foreign-policy', async () => {
  const shards = [new SearchIndex({ facetLimit: Infinity })];
  shards[0]!.addSource('k', [
    makeDoc('k1', [
      {
        text: 'Talks with the minister.',
        speaker: 'Vladimir Putin',
        kind: 'turn',
        topics: ['foreign-policy'],
      },
      { text: 'Talks on the budget.', speaker: 'Vladimir Putin', kind: 'turn', topics: ['economy'] },
    ]),
  ]);
  for (const q of ['talks topic:"foreign policy"', 'talks topic:foreign-policy', 'talks topic:foreign']) {
    const r = await across(shards, { q });
    assert.equal(r.total, 1, q);
    assert.deepEqual(r.notes, [], q);
  }
});
