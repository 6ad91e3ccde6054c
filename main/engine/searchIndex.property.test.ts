/**
 * Properties of the index against a brute-force reference over random corpora and requests:
 * facet counts, totals, and sharded answers merged to the unsharded ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NO_SPEAKER, searchRequest, type ExtractedDocument } from '../common/contract';
import { makeDoc } from './fixtures';
import { mergeResponses, SearchIndex } from './searchIndex';

const VOCAB = ['alpha', 'bravo', 'charlie', 'delta', 'kilo', 'oscar'];
const SPEAKERS = ['Ann Lee', 'Bob Ray', 'Cy Dee', null];
const TOPICS = ['politics', 'sport', 'health'];
const DATES = ['2019-05-02', '2021-12-15', '2021-12-20', '2022-01-03', '2022-03', '2020', null];
const KINDS = ['quote', 'turn', 'narrative'] as const;

const passageArb = fc.record({
  words: fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 5 }),
  speaker: fc.constantFrom(...SPEAKERS),
  kind: fc.constantFrom(...KINDS),
  topics: fc.subarray(TOPICS),
  date: fc.constantFrom(...DATES),
});
const corpusArb = fc.array(fc.array(passageArb, { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 12,
});
const requestArb = fc.record({
  words: fc.subarray(VOCAB, { maxLength: 2 }),
  speaker: fc.subarray(['Ann Lee', 'Bob Ray', 'Cy Dee', NO_SPEAKER]),
  topic: fc.subarray(TOPICS),
  kind: fc.subarray([...KINDS]),
  notSpeaker: fc.subarray(['Ann Lee', 'Bob Ray', NO_SPEAKER], { maxLength: 2 }),
  notTopic: fc.subarray(TOPICS, { maxLength: 2 }),
  notKind: fc.subarray([...KINDS], { maxLength: 1 }),
  from: fc.option(fc.constantFrom('2020', '2021-12', '2021-12-16'), { nil: undefined }),
  to: fc.option(fc.constantFrom('2021', '2021-12', '2022-02'), { nil: undefined }),
});

type Gen = {
  words: string[];
  speaker: string | null;
  kind: (typeof KINDS)[number];
  topics: string[];
  date: string | null;
};

function buildDocs(corpus: Gen[][]): ExtractedDocument[] {
  return corpus.map((passages, d) =>
    makeDoc(
      `d${d}`,
      passages.map((p) => ({
        text: p.words.join(' '),
        speaker: p.speaker,
        kind: p.kind,
        topics: p.topics,
        date: p.date,
      })),
      { title: `Doc ${d}` },
    ),
  );
}

function range(iso: string): [number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return [y * 10000 + 101, y * 10000 + 1231];
  if (d === undefined) return [y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31];
  return [y * 10000 + m * 100 + d, y * 10000 + m * 100 + d];
}

/** Facet counts computed the slow obvious way. */
function reference(
  corpus: Gen[][],
  req: {
    words: string[];
    speaker: string[];
    topic: string[];
    kind: string[];
    notSpeaker?: string[];
    notTopic?: string[];
    notKind?: string[];
    from?: string;
    to?: string;
  },
) {
  const who = (p: Gen): string => p.speaker ?? NO_SPEAKER;
  const all = corpus.flat();
  const textOk = (p: Gen): boolean => req.words.every((w) => p.words.includes(w));
  const sel = {
    speaker: (p: Gen) =>
      (req.speaker.length === 0 || req.speaker.includes(who(p))) && !(req.notSpeaker ?? []).includes(who(p)),
    topic: (p: Gen) =>
      (req.topic.length === 0 || p.topics.some((t) => req.topic.includes(t))) &&
      !p.topics.some((t) => (req.notTopic ?? []).includes(t)),
    kind: (p: Gen) =>
      (req.kind.length === 0 || req.kind.includes(p.kind)) && !(req.notKind ?? []).includes(p.kind),
    date: (p: Gen) => {
      if (!req.from && !req.to) return true;
      if (p.date === null) return false;
      const [lo, hi] = range(p.date);
      if (req.from && hi < range(req.from)[0]) return false;
      if (req.to && lo > range(req.to)[1]) return false;
      return true;
    },
  };
  const passing = (except: keyof typeof sel | null) =>
    all.filter(
      (p) =>
        textOk(p) && (Object.keys(sel) as Array<keyof typeof sel>).every((f) => f === except || sel[f](p)),
    );
  const count = (list: Gen[], values: (p: Gen) => string[]) => {
    const m = new Map<string, number>();
    for (const p of list) for (const v of values(p)) m.set(v, (m.get(v) ?? 0) + 1);
    return m;
  };
  const dates = count(passing('date'), (p) => (p.date ? [p.date] : []));
  // Granularity: years over 3+ calendar years, months over 3+ months, else days.
  const months = [...dates.keys()].flatMap((d) => {
    const [y, m] = d.split('-').map(Number) as [number, number | undefined];
    return m === undefined ? [y * 12, y * 12 + 11] : [y * 12 + m - 1];
  });
  const lo = Math.min(...months);
  const hi = Math.max(...months);
  const len = Math.floor(hi / 12) - Math.floor(lo / 12) >= 3 ? 4 : hi - lo >= 3 ? 7 : 10;
  const buckets = new Map<string, number>();
  for (const [d, c] of dates) buckets.set(d.slice(0, len), (buckets.get(d.slice(0, len)) ?? 0) + c);
  return {
    total: passing(null).length,
    speaker: count(passing('speaker'), (p) => [who(p)]),
    topic: count(passing('topic'), (p) => p.topics),
    kind: count(passing('kind'), (p) => [p.kind]),
    date: buckets,
  };
}

const asMap = (list: Array<{ value: string; count: number }>) =>
  new Map(list.filter((v) => v.count > 0).map((v) => [v.value, v.count]));

test('property: disjunctive facet counts equal a brute-force reference', () => {
  fc.assert(
    fc.property(corpusArb, requestArb, (corpus, req) => {
      const index = new SearchIndex();
      index.addSource('src', buildDocs(corpus));
      const r = index.search(
        searchRequest({
          q: req.words.length ? `${req.words.join(' ')} ` : '',
          speaker: req.speaker,
          topic: req.topic,
          kind: req.kind,
          notSpeaker: req.notSpeaker,
          notTopic: req.notTopic,
          notKind: req.notKind,
          from: req.from,
          to: req.to,
          limit: 200,
        }),
      );
      const ref = reference(corpus, req);
      assert.equal(r.total, ref.total);
      assert.equal(r.hits.length, ref.total);
      assert.deepEqual(asMap(r.facets.speaker), ref.speaker);
      assert.deepEqual(asMap(r.facets.topic), ref.topic);
      assert.deepEqual(asMap(r.facets.kind), ref.kind);
      assert.deepEqual(asMap(r.facets.date), ref.date);
    }),
    { numRuns: 300 },
  );
});

test('property: sharded answers merge to the unsharded facet counts and totals', () => {
  fc.assert(
    fc.property(corpusArb, requestArb, fc.integer({ min: 2, max: 4 }), (corpus, req, shards) => {
      const docs = buildDocs(corpus);
      const whole = new SearchIndex({ facetLimit: Infinity });
      whole.addSource('all', docs);
      const parts = Array.from({ length: shards }, () => new SearchIndex({ facetLimit: Infinity }));
      docs.forEach((d, i) => parts[i % shards]!.addSource(`s${i}`, [d]));
      const request = searchRequest({
        q: req.words.length ? `${req.words.join(' ')} ` : '',
        speaker: req.speaker,
        topic: req.topic,
        kind: req.kind,
        from: req.from,
        to: req.to,
        limit: 5,
        offset: 1,
        sort: 'date-desc',
      });
      const single = whole.search(request);
      const merged = mergeResponses(
        request,
        parts.map((p) => p.search({ ...request, offset: 0, limit: request.offset + request.limit })),
      );
      assert.equal(merged.total, single.total);
      for (const f of ['speaker', 'topic', 'kind', 'date'] as const)
        assert.deepEqual(asMap(merged.facets[f]), asMap(single.facets[f]), f);
      assert.equal(merged.hits.length, single.hits.length);
      assert.deepEqual(
        merged.hits.map((h) => h.date),
        single.hits.map((h) => h.date),
      );
    }),
    { numRuns: 200 },
  );
});
