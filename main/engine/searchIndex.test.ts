import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { searchRequest, type SearchRequest, type SearchResponse } from '../common/contract';
import { makeDoc } from './fixtures';
import { numberVariants, SearchIndex } from './searchIndex';

function fixture(): SearchIndex {
  const index = new SearchIndex();
  index.addSource('kremlin.jsonl', [
    makeDoc(
      'k1',
      [
        {
          text: "We will respond to the sanctions of the United States. Putin's view is well-known.",
          speaker: 'Vladimir Putin',
          kind: 'turn',
        },
        {
          text: 'The sanctioned banks keep working, the president said.',
          speaker: 'Dmitry Peskov',
          kind: 'quote',
          topics: ['economy-business-finance'],
        },
        { text: 'Reporters gathered in Moscow in the cold.', kind: 'narrative' },
      ],
      { title: 'Talks in Moscow', date: '2021-12-15', topics: ['politics'] },
    ),
  ]);
  index.addSource('wh/2022-02-01.md', [
    makeDoc(
      'w1',
      [
        {
          text: 'Russia will pay a heavy price for an invasion of Ukraine.',
          speaker: 'Joe Biden',
          kind: 'turn',
        },
        {
          text: 'The president has been clear about sanctions on Russia.',
          speaker: 'Jen Psaki',
          kind: 'turn',
        },
        { text: 'Q What about the State of the Union?', speaker: 'Reporter', kind: 'turn' },
      ],
      { title: 'Press briefing', date: '2022-02-01', topics: ['politics'] },
    ),
  ]);
  return index;
}

const search = (index: SearchIndex, partial: Partial<SearchRequest>): SearchResponse =>
  index.search(searchRequest(partial));
const ids = (r: SearchResponse): string[] => r.hits.map((h) => h.id).sort();
const marked = (r: SearchResponse, id: string): string[] => {
  const h = r.hits.find((x) => x.id === id)!;
  return h.highlights.map(([s, e]) => h.text.slice(s, e));
};

test('all words are required; the last one also as a prefix', () => {
  const index = fixture();
  assert.deepEqual(ids(search(index, { q: 'sanctions russia ' })), ['w1#1']);
  assert.deepEqual(ids(search(index, { q: 'president sanc' })), ['k1#1', 'w1#1']);
  assert.deepEqual(ids(search(index, { q: 'president sanc ' })), []);
});

test('highlights mark prefix, fuzzy and phrase matches exactly', () => {
  const index = fixture();
  const prefix = search(index, { q: 'sanc' });
  assert.deepEqual(marked(prefix, 'k1#1'), ['sanctioned']);
  assert.deepEqual(marked(prefix, 'k1#0'), ['sanctions']);
  const fuzzy = search(index, { q: 'invasiom ' });
  assert.deepEqual(ids(fuzzy), ['w1#0']);
  assert.deepEqual(marked(fuzzy, 'w1#0'), ['invasion']);
  const phrase = search(index, { q: '"state of the union"' });
  assert.deepEqual(ids(phrase), ['w1#2']);
  assert.deepEqual(marked(phrase, 'w1#2'), ['State of the Union']);
  const possessive = search(index, { q: 'putin ' });
  assert.deepEqual(marked(possessive, 'k1#0'), ["Putin's"]);
});

test('exact matches rank above typo matches, and typos need long words', () => {
  const index = new SearchIndex();
  index.addSource('a', [
    makeDoc('a', ['the budget was passed', 'the budgets were passed', 'a bridge too far']),
  ]);
  const r = search(index, { q: 'budget ' });
  assert.equal(r.hits[0]!.id, 'a#0');
  assert.deepEqual(ids(search(index, { q: 'fat ' })), [], 'no typo tolerance for short words');
});

test('phrases are checked against the text, not just the words', () => {
  const index = fixture();
  assert.deepEqual(ids(search(index, { q: '"united states"' })), ['k1#0']);
  assert.deepEqual(ids(search(index, { q: '"states united"' })), []);
});

test('exclusions and OR', () => {
  const index = fixture();
  assert.deepEqual(ids(search(index, { q: 'sanctions -russia ' })), ['k1#0']);
  // Only passages that say either word: a title that names Moscow does not make them match.
  assert.deepEqual(ids(search(index, { q: 'ukraine OR moscow ' })), ['k1#2', 'w1#0']);
  assert.deepEqual(ids(search(index, { q: 'president -"heavy price" ' })), ['k1#1', 'w1#1']);
});

test('field filters in the query combine with the request selections', () => {
  const index = fixture();
  assert.deepEqual(ids(search(index, { q: 'speaker:putin' })), ['k1#0']);
  assert.deepEqual(ids(search(index, { q: 'speaker:"jen psaki"' })), ['w1#1']);
  assert.deepEqual(ids(search(index, { q: 'kind:quote' })), ['k1#1']);
  assert.deepEqual(ids(search(index, { q: 'topic:economy' })), ['k1#1']);
  assert.deepEqual(ids(search(index, { q: 'date:2022' })).length, 3);
  assert.deepEqual(ids(search(index, { q: 'before:2022-02-01' })).length, 3);
  assert.deepEqual(ids(search(index, { q: 'after:2021-12-15' })).length, 3);
  assert.deepEqual(ids(search(index, { q: 'speaker:putin', speaker: ['Joe Biden'] })), []);
  assert.deepEqual(ids(search(index, { q: 'russia ', to: '2021-12' })), []);
  assert.deepEqual(ids(search(index, { q: '', from: '2022-02', to: '2022-02' })).length, 3);
});

test('an empty query browses everything, newest first', () => {
  const index = fixture();
  const r = search(index, { q: '', limit: 10 });
  assert.equal(r.total, 6);
  assert.ok(r.hits[0]!.id.startsWith('w1'));
  assert.deepEqual(
    r.facets.kind.map((v) => [v.value, v.count]),
    [
      ['turn', 4],
      ['narrative', 1],
      ['quote', 1],
    ],
  );
});

test('hits carry document fields and a plain snippet', () => {
  const index = new SearchIndex({ snippetLength: 60 });
  const long = `${'Lorem ipsum dolor sit amet. '.repeat(10)}The key word sanctions appears here. ${'More filler text. '.repeat(10)}`;
  index.addSource('s', [makeDoc('d', [long], { title: 'T', date: '2020-01-02', path: 'x/d.md' })]);
  const h = search(index, { q: 'sanctions ' }).hits[0]!;
  assert.equal(h.title, 'T');
  assert.equal(h.path, 'x/d.md');
  assert.equal(h.date, '2020-01-02');
  assert.equal(h.docId, 'd');
  assert.ok(h.snippet.length <= 62, h.snippet);
  assert.ok(h.snippet.includes('sanctions'));
  assert.equal(h.text, long);
});

test('never throws, whatever the query or request', () => {
  const index = fixture();
  fc.assert(
    fc.property(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('relevance', 'date-asc', 'date-desc'),
      (q, sort) => {
        const r = index.search(searchRequest({ q, sort: sort as SearchRequest['sort'] }));
        assert.ok(Array.isArray(r.hits) && Array.isArray(r.notes));
        assert.ok(r.total >= r.hits.length);
      },
    ),
    { numRuns: 500 },
  );
  const bad = index.search({ q: 42, speaker: 'x', limit: -5 } as unknown as SearchRequest);
  assert.ok(Array.isArray(bad.hits));
});

test('addSource replaces a source and removeSource removes it', () => {
  const index = fixture();
  assert.equal(index.documentCount, 2);
  assert.equal(index.passageCount, 6);
  index.addSource('kremlin.jsonl', [
    makeDoc('k2', [{ text: 'New text about pipelines.', speaker: 'Vladimir Putin' }]),
  ]);
  assert.equal(index.documentCount, 2);
  assert.equal(index.passageCount, 4);
  assert.deepEqual(ids(search(index, { q: 'sanctions ' })), ['w1#1']);
  assert.deepEqual(ids(search(index, { q: 'pipelines ' })), ['k2#0']);
  assert.equal(index.getDocument('k1'), undefined);
  assert.equal(index.getDocument('k2')!.passages[0]!.text, 'New text about pipelines.');
  assert.equal(index.removeSource('kremlin.jsonl'), true);
  assert.equal(index.removeSource('kremlin.jsonl'), false);
  assert.equal(index.passageCount, 3);
  assert.deepEqual(ids(search(index, { q: 'pipelines ' })), []);
  assert.deepEqual(
    search(index, { q: '' }).facets.speaker.map((v) => v.value),
    ['Jen Psaki', 'Joe Biden', 'Reporter'],
  );
});

test('facetValues finds speakers by the start of any of their words', () => {
  const index = fixture();
  assert.deepEqual(
    index.facetValues('speaker', 'p', 10).map((v) => v.value),
    ['Dmitry Peskov', 'Jen Psaki', 'Vladimir Putin'],
  );
  assert.deepEqual(index.facetValues('speaker', 'jo', 10), [{ value: 'Joe Biden', count: 1 }]);
  assert.deepEqual(
    index.facetValues('topic', 'eco', 10).map((v) => v.value),
    ['economy-business-finance'],
  );
});

test('serialize and deserialize give the same answers', () => {
  const index = fixture();
  const bytes = index.serialize();
  const loaded = SearchIndex.deserialize(bytes);
  assert.equal(loaded.documentCount, 2);
  assert.equal(loaded.passageCount, 6);
  for (const q of [
    'sanc',
    'putin ',
    '"united states"',
    'speaker:putin',
    '',
    'invasiom ',
    'russia OR moscow',
    're',
  ]) {
    const a = { ...search(index, { q, limit: 10 }), tookMs: 0 };
    const b = { ...search(loaded, { q, limit: 10 }), tookMs: 0 };
    assert.deepEqual(b, a, q);
  }
  assert.deepEqual(loaded.getDocument('k1'), index.getDocument('k1'));
  // A loaded index keeps taking updates, and saves again.
  loaded.addSource('new', [makeDoc('n1', ['sanctions again'])]);
  loaded.removeSource('wh/2022-02-01.md');
  const again = SearchIndex.deserialize(loaded.serialize());
  assert.deepEqual(ids(search(again, { q: 'sanctions ' })), ['k1#0', 'n1#0']);
  assert.equal(again.getDocument('w1'), undefined);
});

test('a loaded index can read its documents on demand from the rest of the file', () => {
  const index = fixture();
  const file = index.serialize();
  let need = SearchIndex.bytesNeeded(file.subarray(0, 16));
  while (need > 16 && SearchIndex.bytesNeeded(file.subarray(0, need)) > need)
    need = SearchIndex.bytesNeeded(file.subarray(0, need));
  need = SearchIndex.bytesNeeded(file.subarray(0, need));
  assert.ok(need < file.length, 'the documents are left out');
  const reads: number[] = [];
  const lazy = SearchIndex.deserialize(file.slice(0, need), {
    readDocuments: (offset, length) => {
      reads.push(length);
      return file.slice(offset, offset + length);
    },
  });
  assert.equal(reads.length, 0, 'loading reads no document');
  const a = { ...search(index, { q: 'sanc', limit: 10 }), tookMs: 0 };
  const b = { ...search(lazy, { q: 'sanc', limit: 10 }), tookMs: 0 };
  assert.deepEqual(b, a);
  assert.ok(reads.length > 0);
  assert.deepEqual(lazy.getDocument('w1'), index.getDocument('w1'));
  assert.deepEqual(ids(search(SearchIndex.deserialize(lazy.serialize()), { q: 'sanctions ' })), [
    'k1#0',
    'w1#1',
  ]);
  assert.throws(() => SearchIndex.deserialize(file.slice(0, need)), /truncated/);
});

test('deserialize rejects corrupt and outdated data with a clear error', () => {
  const bytes = fixture().serialize();
  assert.throws(() => SearchIndex.deserialize(new Uint8Array(10)), /engine: saved index/);
  const wrongMagic = bytes.slice();
  wrongMagic[0] = 0;
  assert.throws(() => SearchIndex.deserialize(wrongMagic), /engine: saved index is not a Dictum index/);
  const oldVersion = bytes.slice();
  new DataView(oldVersion.buffer).setUint32(8, 0, true);
  assert.throws(() => SearchIndex.deserialize(oldVersion), /format version 0/);
  assert.throws(() => SearchIndex.deserialize(bytes.slice(0, bytes.length - 50)), /engine: saved index/);
  const badHeader = bytes.slice();
  badHeader[20] = 0x7b;
  badHeader[21] = 0x7b;
  assert.throws(() => SearchIndex.deserialize(badHeader), /engine: saved index/);
});

// ---------------------------------------------------------------------------
// Facets against a brute-force reference over random corpora.

test('date buckets adapt to the range of the matches', () => {
  const index = new SearchIndex();
  index.addSource('a', [
    makeDoc('a', [
      { text: 'one', date: '2021-12-15' },
      { text: 'one', date: '2021-12-20' },
      { text: 'two', date: '2021-06-01' },
      { text: 'three', date: '2015-01-01' },
    ]),
  ]);
  assert.deepEqual(search(index, { q: 'one ' }).facets.date, [
    { value: '2021-12-15', count: 1 },
    { value: '2021-12-20', count: 1 },
  ]);
  assert.deepEqual(search(index, { q: 'one OR two ' }).facets.date, [
    { value: '2021-06', count: 1 },
    { value: '2021-12', count: 2 },
  ]);
  assert.deepEqual(
    search(index, { q: '' }).facets.date.map((v) => v.value),
    ['2015', '2021'],
  );
});

test('singular and plural find each other, and are highlighted', () => {
  assert.deepEqual(numberVariants('olympic'), ['olympics']);
  assert.deepEqual(numberVariants('olympics'), ['olympic']);
  assert.deepEqual(numberVariants('policy'), ['policies']);
  assert.deepEqual(numberVariants('policies'), ['policy']);
  assert.deepEqual(numberVariants('box'), ['boxes']);
  assert.deepEqual(numberVariants('crisis'), []);
  const index = new SearchIndex();
  index.addSource('a', [
    makeDoc(
      'a',
      [{ text: 'They discussed the Olympics boycott at length.', speaker: 'Jen Psaki', kind: 'turn' }],
      {},
    ),
  ]);
  const r = index.search(searchRequest({ q: 'olympic boycott' }));
  assert.equal(r.total, 1);
  const hit = r.hits[0]!;
  assert.deepEqual(
    hit.highlights.map(([s, e]) => hit.text.slice(s, e)),
    ['Olympics', 'boycott'],
  );
});

test("a document's title lifts its statements in the ranking but never makes them match", () => {
  const index = new SearchIndex();
  index.addSource('a', [
    makeDoc('plain', ['The sanctions will hold, the minister said.'], { title: 'Budget talks' }),
  ]);
  index.addSource('b', [
    makeDoc('titled', ['The sanctions will hold, the minister said.', 'Nothing else was agreed.'], {
      title: 'Sanctions on oil',
    }),
  ]);
  const r = index.search(searchRequest({ q: 'sanctions' }));
  assert.deepEqual(
    r.hits.map((h) => h.id),
    ['titled#0', 'plain#0'],
  );
  assert.ok(r.hits[0]!.score > r.hits[1]!.score);
  assert.equal(index.search(searchRequest({ q: 'oil' })).total, 0, 'a title-only word matches nothing');
});

test('removeSource removes every document of a source with several, live and saved', () => {
  const index = fixture();
  const many = ['a', 'b', 'c', 'd', 'e'].map((id) =>
    makeDoc(`m-${id}`, [{ text: `Glimmerwort report ${id}.`, speaker: 'Vladimir Putin' }]),
  );
  index.addSource('many.jsonl', many);
  assert.equal(search(index, { q: 'glimmerwort ' }).total, 5);
  assert.equal(index.removeSource('many.jsonl'), true);
  const gone = (ix: SearchIndex): void => {
    assert.equal(search(ix, { q: 'glimmerwort ' }).total, 0);
    for (const id of ['a', 'b', 'c', 'd', 'e']) assert.equal(ix.getDocument(`m-${id}`), undefined, id);
    assert.equal(ix.documentCount, 2);
    assert.equal(ix.passageCount, 6);
    assert.deepEqual(ix.sourceKeys().sort(), ['kremlin.jsonl', 'wh/2022-02-01.md']);
  };
  gone(index);
  gone(SearchIndex.deserialize(index.serialize()));
});

test('a selected speaker or topic whose passages were all removed is not listed, as in a fresh index', () => {
  const index = fixture();
  index.addSource('gone.md', [
    makeDoc('g1', [{ text: 'Glimmerwort stays.', speaker: 'Ada Lovelace', topics: ['weather'] }]),
  ]);
  const request = { q: 'sanctions', speaker: ['Ada Lovelace'], topic: ['weather'] };
  const listed = (ix: SearchIndex): [string[], string[]] => {
    const facets = search(ix, request).facets;
    return [facets.speaker.map((v) => v.value), facets.topic.map((v) => v.value)];
  };
  // While they have passages, selected values are listed even where the query matches none.
  assert.ok(listed(index)[0].includes('Ada Lovelace'));
  assert.ok(listed(index)[1].includes('weather'));
  index.removeSource('gone.md');
  const fresh = fixture();
  for (const ix of [index, SearchIndex.deserialize(index.serialize())]) {
    assert.deepEqual(listed(ix), listed(fresh));
    assert.ok(!listed(ix)[0].includes('Ada Lovelace'));
    assert.ok(!listed(ix)[1].includes('weather'));
  }
});
