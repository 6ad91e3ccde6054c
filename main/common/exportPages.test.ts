import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { LIMITS, searchRequest, type ExtractedDocument, type SearchRequest } from './contract';
import { exportChunks, exportPages } from './exportPages';
import { makeDoc } from '../engine/fixtures';
import { SearchIndex } from '../engine/searchIndex';
import { mergeResponses } from '../engine/merge';

const SPEAKERS = ['Jen Psaki', 'Vladimir Putin', 'Xi Jinping', null];

/** `n` statements in documents of ten, every one mentioning "border", some with awkward text. */
function corpus(n: number, from = 0): ExtractedDocument[] {
  const docs: ExtractedDocument[] = [];
  for (let d = from; d < from + n / 10; d++) {
    const passages = Array.from({ length: 10 }, (_, i) => ({
      text:
        i % 3 === 0
          ? `"On the border," she said, "we hold; a comma, a quote."\nA second line ${d}-${i}.`
          : `-The border ${d}-${i} =SUM(A1) is long; see @ops, and 😀.`,
      speaker: SPEAKERS[(d + i) % SPEAKERS.length]!,
      kind: (['quote', 'turn', 'narrative'] as const)[i % 3],
      topics: i % 2 ? ['politics'] : [],
    }));
    const day = String((d % 28) + 1).padStart(2, '0');
    docs.push(
      makeDoc(`d${String(d).padStart(6, '0')}`, passages, { title: `Doc, ${d}`, date: `2021-12-${day}` }),
    );
  }
  return docs;
}

/** Two shards merged as the service merges them, so the cursor crosses shard boundaries. */
function shardedSearch(docs: ExtractedDocument[]) {
  const shards = [new SearchIndex(), new SearchIndex()];
  docs.forEach((doc, i) => shards[i % 2]!.addSource(doc.document.path, [doc]));
  return {
    search: async (request: SearchRequest) =>
      mergeResponses(
        request,
        shards.map((s) => s.search(request)),
      ),
    document: async (id: string) => {
      const doc = shards.map((s) => s.getDocument(id)).find((d) => d !== undefined);
      if (!doc) throw new Error(`no document ${id}`);
      return doc;
    },
  };
}

test('every match is exported once, in each sort order, across shards', async () => {
  const search = shardedSearch(corpus(2_000));
  for (const sort of ['relevance', 'date-desc', 'date-asc'] as const) {
    const seen = new Set<string>();
    let total = 0;
    for await (const page of exportPages(search, searchRequest({ q: 'border', sort }), 97)) {
      for (const h of page.hits) seen.add(h.id);
      total = page.total;
      assert.equal(page.done, seen.size);
    }
    assert.equal(total, 2_000);
    assert.equal(seen.size, 2_000, sort);
  }
});

test('an export that cannot reach every match says so instead of stopping short', async () => {
  const index = new SearchIndex();
  index.addSource('a', corpus(50));
  // a search that drops its cursor after the first page, as an engine without one would
  const search = {
    search: async (r: SearchRequest) => ({ ...index.search(r), next: undefined }),
    document: async () => {
      throw new Error('not needed');
    },
  };
  await assert.rejects(async () => {
    for await (const _ of exportPages(search, searchRequest({ q: 'border' }), 20)) {
      // drain
    }
  }, /export: stopped after 20 of 50 matches/);
});

test('a 100k-match export reopens cleanly as CSV (csv-parse) and as JSON Lines (JSON.parse)', async () => {
  const docs = corpus(100_000);
  const search = shardedSearch(docs);
  const request = searchRequest({ q: 'border', sort: 'date-asc' });
  let csv = '';
  for await (const chunk of exportChunks(search, request, 'csv')) csv += chunk;
  const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 100_000);
  assert.equal(new Set(rows.map((r) => r.id)).size, 100_000);
  const byId = new Map(docs.flatMap((d) => d.passages.map((p) => [p.id, p] as const)));
  for (const row of rows) {
    const p = byId.get(row.id!)!;
    // texts a spreadsheet would run as a formula carry a leading apostrophe
    assert.equal(row.text, /^[=+\-@]/.test(p.text) ? `'${p.text}` : p.text);
    assert.equal(row.speaker, p.speaker ?? '');
    assert.equal(Number(row.start), p.start);
  }
  csv = '';

  let jsonl = '';
  for await (const chunk of exportChunks(search, request, 'jsonl')) jsonl += chunk;
  const lines = jsonl.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 100_000);
  let previous = '';
  for (const line of lines) {
    const record = JSON.parse(line) as { id: string; text: string; date: string; kind: string };
    assert.equal(record.text, byId.get(record.id)!.text);
    assert.ok(record.date >= previous, 'oldest first');
    previous = record.date;
  }
});

test('a long statement is exported whole, its highlights moved to the whole text', async () => {
  const long = `${'Opening words of a long speech. '.repeat(200)}Here NATO is named. ${'More words follow. '.repeat(200)}`;
  const index = new SearchIndex();
  index.addSource('un', [makeDoc('un1', [long])]);
  const source = {
    search: async (r: SearchRequest) => index.search(r),
    document: async (id: string) => index.getDocument(id)!,
  };
  const first = (await index.search(searchRequest({ q: 'nato' }))).hits[0]!;
  assert.ok(first.textStart !== undefined && first.text.length < long.length, 'the hit is a window');
  const pages = [];
  for await (const page of exportPages(source, searchRequest({ q: 'nato' }))) pages.push(page);
  const hit = pages[0]!.hits[0]!;
  assert.ok(hit.text === long, 'the whole statement');
  assert.deepEqual(
    hit.highlights.map(([s, e]) => hit.text.slice(s, e)),
    ['NATO'],
  );
});

test('a source with exportSearch is paged by the export page size, any other by the contract’s', async () => {
  const index = new SearchIndex();
  index.addSource('a', corpus(50));
  const limits: Array<[string, number]> = [];
  const plain = {
    search: async (r: SearchRequest) => (limits.push(['search', r.limit]), index.search(r)),
    document: async (id: string) => index.getDocument(id)!,
  };
  const request = searchRequest({ q: 'border' });
  for await (const _ of exportPages(plain, request)) {
    // drain
  }
  const service = {
    ...plain,
    exportSearch: async (r: SearchRequest) => (limits.push(['export', r.limit]), index.search(r)),
  };
  for await (const _ of exportPages(service, request)) {
    // drain
  }
  assert.deepEqual(limits, [
    ['search', LIMITS.pageSize],
    ['export', LIMITS.exportPageSize],
  ]);
});
