import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContractError, searchRequest, type SearchRequest, type SearchResponse } from '../common/contract';
import type { TimelineRequest } from '../common/timeline';
import { makeDoc } from './fixtures';
import { searchAcross } from './merge';
import { SearchIndex } from './searchIndex';
import { buildTimeline, periodsBetween } from './timeline';

type Search = (request: SearchRequest) => Promise<SearchResponse>;

const timelineRequest = (partial: Partial<TimelineRequest>): TimelineRequest => ({
  q: '',
  speaker: [],
  topic: [],
  kind: [],
  ...partial,
});

function corpus(): SearchIndex {
  const index = new SearchIndex();
  index.addSource('a', [
    makeDoc('a', [
      { text: 'climate talks begin', speaker: 'Joe Biden', date: '2021-03-02' },
      { text: 'climate money', speaker: 'Joe Biden', date: '2021-03-20' },
      { text: 'climate and inflation', speaker: 'Xi Jinping', date: '2021-05-01' },
      { text: 'inflation is high', speaker: 'Joe Biden', date: '2021-06-11' },
      { text: 'climate again', speaker: 'Xi Jinping', date: '2021' },
      { text: 'climate without a date', speaker: 'Joe Biden', date: null },
    ]),
  ]);
  return index;
}

const over =
  (index: SearchIndex): Search =>
  async (request) =>
    index.search(request);

test('one series per speaker: months with every month between, zeros included', async () => {
  const t = await buildTimeline(
    timelineRequest({ q: 'climate', speaker: ['Joe Biden', 'Xi Jinping'] }),
    over(corpus()),
  );
  assert.equal(t.by, 'speaker');
  assert.equal(t.granularity, 'month');
  assert.deepEqual(t.buckets, ['2021-03', '2021-04', '2021-05']);
  assert.deepEqual(
    t.series.map((s) => [s.label, s.speaker, s.counts, s.total, s.undated]),
    [
      ['Joe Biden', 'Joe Biden', [2, 0, 0], 3, 1],
      // "2021" is known only to the year: counted, not placed on a monthly chart.
      ['Xi Jinping', 'Xi Jinping', [0, 0, 1], 2, 1],
    ],
  );
});

test('a comma-separated query compares its terms, each searched on its own', async () => {
  const t = await buildTimeline(timelineRequest({ q: 'climate, inflation' }), over(corpus()));
  assert.equal(t.by, 'term');
  assert.deepEqual(
    t.series.map((s) => [s.label, s.q, s.total]),
    [
      ['climate', 'climate', 5],
      ['inflation', 'inflation', 2],
    ],
  );
  assert.deepEqual(t.buckets, ['2021-03', '2021-04', '2021-05', '2021-06']);
  assert.deepEqual(t.series[1]!.counts, [0, 0, 1, 1]);
});

test('from and to narrow the matches and the granularity follows the range', async () => {
  const t = await buildTimeline(
    timelineRequest({ q: 'climate', from: '2021-03', to: '2021-04' }),
    over(corpus()),
  );
  assert.equal(t.by, 'total');
  // The date facet's rule: a date known only to the year (2021) overlaps the range and
  // spans its year, so months are shown; it is counted but not placed.
  assert.equal(t.granularity, 'month');
  assert.deepEqual(t.buckets, ['2021-03']);
  assert.deepEqual(t.series[0]!.counts, [2]);
  assert.equal(t.series[0]!.total, 3);
  assert.equal(t.series[0]!.undated, 1);
  const days = await buildTimeline(
    timelineRequest({ q: 'climate', speaker: ['Joe Biden'], from: '2021-03', to: '2021-03' }),
    over(corpus()),
  );
  assert.equal(days.granularity, 'day');
  assert.equal(days.buckets.length, 19);
  assert.equal(days.buckets[0], '2021-03-02');
  assert.equal(days.series[0]!.counts[18], 1);
});

test('an open quote in the query cannot swallow the date range', async () => {
  const index = corpus();
  const t = await buildTimeline(timelineRequest({ q: '"climate', from: '2021-05' }), over(index));
  const search = index.search(searchRequest({ q: '"climate', from: '2021-05', limit: 0 }));
  assert.equal(search.total, 2);
  assert.equal(t.series[0]!.total, 2);
});

test('a mode with nothing to draw is refused with a message', async () => {
  await assert.rejects(
    buildTimeline(timelineRequest({ q: 'climate', series: 'speaker' }), over(corpus())),
    (e: unknown) => e instanceof ContractError && /needs at least one speaker/.test(e.message),
  );
  await assert.rejects(
    buildTimeline(timelineRequest({ series: 'term' }), over(corpus())),
    (e: unknown) => e instanceof ContractError && /needs a query/.test(e.message),
  );
});

test('periods between two keys, at each granularity, across year ends and leap days', () => {
  assert.deepEqual(periodsBetween('2019', '2021', 'year'), ['2019', '2020', '2021']);
  assert.deepEqual(periodsBetween('2021-11', '2022-02', 'month'), [
    '2021-11',
    '2021-12',
    '2022-01',
    '2022-02',
  ]);
  assert.deepEqual(periodsBetween('2024-02-28', '2024-03-01', 'day'), [
    '2024-02-28',
    '2024-02-29',
    '2024-03-01',
  ]);
});

const WORDS = ['border', 'climate', 'trade', 'peace'];
const SPEAKERS = ['Ann', 'Bo', null];
const DATES = [null, '2019', '2021', '2021-03', '2021-03-01', '2021-03-09', '2021-04-30', '2022-01-15'];

test('the timeline counts every match, and shards give what one index gives', async () => {
  const passage = fc.record({
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    speaker: fc.constantFrom(...SPEAKERS),
    date: fc.constantFrom(...DATES),
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(passage, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 20 }),
      fc.constantFrom('', 'climate', 'climate, trade', 'border, peace, climate'),
      fc.constantFrom<string[]>([], ['Ann'], ['Ann', 'Bo']),
      fc.constantFrom({}, { from: '2021-03' }, { from: '2021', to: '2021-04' }),
      async (docs, q, speaker, range) => {
        const single = new SearchIndex();
        const shards = [new SearchIndex(), new SearchIndex()];
        docs.forEach((passages, i) => {
          const doc = makeDoc(
            `d${i}`,
            passages.map((p) => ({ text: p.words.join(' '), speaker: p.speaker, date: p.date })),
          );
          single.addSource(`s${i}`, [doc]);
          shards[i % 2]!.addSource(`s${i}`, [doc]);
        });
        const request = timelineRequest({ q, speaker, ...range });
        const alone = await buildTimeline(request, over(single));
        const sharded = await buildTimeline(request, (r) =>
          searchAcross(
            r,
            shards.map((s) => (part) => s.search(part)),
          ),
        );
        const { tookMs: _a, ...a } = alone;
        const { tookMs: _b, ...b } = sharded;
        assert.deepEqual(b, a);
        // Against the hits themselves: every match of each series, bucketed by hand.
        const length = { year: 4, month: 7, day: 10 }[alone.granularity];
        for (const s of alone.series) {
          const hits = single.search(
            searchRequest({
              q: s.q ?? q,
              speaker: s.speaker !== undefined ? [s.speaker] : speaker,
              ...range,
              limit: 200,
            }),
          ).hits;
          assert.equal(s.total, hits.length);
          const expected = alone.buckets.map(
            (bucket) =>
              hits.filter((h) => h.date !== null && h.date.length >= length && h.date.startsWith(bucket))
                .length,
          );
          assert.deepEqual(s.counts, expected, `${s.label} ${JSON.stringify(range)}`);
          assert.equal(s.undated, s.total - expected.reduce((x, y) => x + y, 0));
        }
      },
    ),
    { numRuns: 80 },
  );
});
