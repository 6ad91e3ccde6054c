import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { searchRequest, SORT_ORDERS, type SearchRequest, type SearchResponse } from '../common/contract';
import { makeDoc } from './fixtures';
import { searchAcross } from './merge';
import { SearchIndex } from './searchIndex';

const WORDS = ['border', 'wall', 'trade', 'tariff', 'peace', 'talks', 'nato', 'putin'];
const DATES = [null, '2021', '2021-03', '2021-03-01', '2021-03-02', '2022-01-15'];

const docArb = fc.record({
  passages: fc.array(
    fc.record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
      date: fc.constantFrom(...DATES),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  title: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }),
  date: fc.constantFrom(...DATES),
});

const queryArb = fc.oneof(
  fc.constant(''),
  fc.constantFrom(...WORDS).map((w) => `${w} `),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `${a} OR ${b} `),
  fc.constantFrom(...WORDS).map((w) => w.slice(0, 3)),
);

type Search = (request: SearchRequest) => Promise<SearchResponse>;

/** Every hit id by following `next` cursors from the first page. */
async function byCursor(search: Search, base: SearchRequest): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const r = await search({ ...base, ...(after !== undefined ? { after } : {}) });
    seen.push(...r.hits.map((h) => h.id));
    if (r.next === undefined) return seen;
    assert.ok(r.hits.length > 0, 'a page with a next cursor has hits');
    after = r.next;
  }
  throw new Error('paging did not end');
}

async function byOffset(search: Search, base: SearchRequest, total: number): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; offset < total; offset += base.limit) {
    seen.push(...(await search({ ...base, offset })).hits.map((h) => h.id));
  }
  return seen;
}

test('paging by cursor and by offset lists every match once, in every order, over shards', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(docArb, { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 2, max: 3 }),
      queryArb,
      fc.integer({ min: 1, max: 7 }),
      async (docs, shardCount, q, limit) => {
        const single = new SearchIndex();
        const shards = Array.from({ length: shardCount }, () => new SearchIndex());
        docs.forEach((d, i) => {
          const doc = makeDoc(
            `doc-${(i * 7919) % 101}-${i}`,
            d.passages.map((p) => ({ text: p.words.join(' '), date: p.date })),
            { title: d.title.join(' ') || 'untitled', date: d.date },
          );
          single.addSource(`s${i}`, [doc]);
          shards[i % shardCount]!.addSource(`s${i}`, [doc]);
        });
        const sharded: Search = (request) =>
          searchAcross(
            request,
            shards.map((s) => (part) => s.search(part)),
          );
        const alone: Search = async (request) => single.search(request);
        for (const sort of SORT_ORDERS) {
          const base = searchRequest({ q, sort, limit });
          const everything = single.search({ ...base, limit: 10_000 });
          const expected = everything.hits.map((h) => h.id).sort();
          assert.equal(expected.length, everything.total);
          for (const search of [sharded, alone]) {
            const cursorIds = await byCursor(search, base);
            assert.deepEqual([...cursorIds].sort(), expected, `cursor, ${sort}, "${q}"`);
            const offsetIds = await byOffset(search, base, everything.total);
            assert.deepEqual(offsetIds, cursorIds, `offset and cursor agree, ${sort}, "${q}"`);
          }
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('a cursor reaches results beyond the offset window of shards', async () => {
  const shards = [new SearchIndex(), new SearchIndex()];
  for (let i = 0; i < 10_100; i++) {
    shards[i % 2]!.addSource(`s${i}`, [makeDoc(`d${i}`, ['the border again'], { date: '2022-01-01' })]);
  }
  const search: Search = (request) =>
    searchAcross(
      request,
      shards.map((s) => (part) => s.search(part)),
    );
  const deep = await search(searchRequest({ q: 'border ', offset: 10_000, limit: 50 }));
  assert.deepEqual(deep.hits, []);
  assert.match(deep.notes.join(' '), /after/);
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const r = await search(
      searchRequest({ q: 'border ', sort: 'date-desc', limit: 200, ...(after ? { after } : {}) }),
    );
    for (const h of r.hits) seen.add(h.id);
    if (r.next === undefined) break;
    after = r.next;
  }
  assert.equal(seen.size, 10_100);
});

test('a cursor from another sort order or made up is refused with a message', () => {
  const index = new SearchIndex();
  index.addSource('a', [makeDoc('a', ['border one', 'border two'])]);
  const first = index.search(searchRequest({ q: 'border ', limit: 1 }));
  assert.ok(first.next);
  const wrong = index.search(searchRequest({ q: 'border ', limit: 1, sort: 'date-asc', after: first.next }));
  assert.match(wrong.notes.join(' '), /cursor for sort relevance/);
  const junk = index.search(searchRequest({ q: 'border ', after: 'not-a-cursor' }));
  assert.match(junk.notes.join(' '), /not a cursor/);
});
