/**
 * Quote groups through the service: the seed article (the bundled CGTN piece) beside other
 * reports of the same words, across two shards, a collapsed search, the minimum of sources,
 * a group's listing with each report's words against the full version, and an update.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { searchRequest } from '../common/contract';
import { WorkerSearchService } from './searchService';
import { bundledWorkerEntry, tempCorpus, type TempCorpus } from '../../test/support/testCorpus';
import type { WorkerEntry } from './workerEntry';

const SEED = join(__dirname, '..', '..', 'corpus', 'news', 'cgtn-2021-12-xi-putin-video-call.txt');

/** Another outlet's report, a day later, quoting two of the seed's statements its own way. */
const LATER_REPORT = `Xi and Putin pledge mutual support

December 16, 2021

Chinese President Xi Jinping said on Wednesday: “We firmly support each other on issues concerning each other’s core interests, and safeguarding the dignity of each country.”

Russian President Vladimir Putin said: "A new model of cooperation has been formed between our countries … such as non-interference in internal affairs."

The two leaders spoke by video link for more than an hour.
`;

/** A third report of one statement only: a fragment of it. */
const FRAGMENT_REPORT = `Beijing and Moscow draw closer

December 17, 2021

Xi told Putin that the two countries "firmly support each other on issues concerning each other's core interests," state media reported.
`;

let entry: WorkerEntry;
let corpus: TempCorpus;
let service: WorkerSearchService;
before(async () => {
  entry = (await bundledWorkerEntry()).entry;
  corpus = await tempCorpus({
    'news/cgtn.txt': await readFile(SEED, 'utf8'),
    'news/other-outlet.txt': LATER_REPORT,
    'wire/fragment.txt': FRAGMENT_REPORT,
  });
  service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards: 2 },
    {},
    entry,
  );
  await service.ready();
});
after(async () => {
  await service.close();
  await corpus.dispose();
  await (await bundledWorkerEntry()).dispose();
});

describe('quote groups in the service', () => {
  it('every statement of the seed by Xi or Putin that another report repeats links to it', async () => {
    const seed = await service.search(searchRequest({ q: '', limit: 200, kind: ['quote'] }));
    const seedStatements = seed.hits.filter(
      (hit) =>
        hit.path === 'news/cgtn.txt' && (hit.speaker === 'Xi Jinping' || hit.speaker === 'Vladimir Putin'),
    );
    assert.equal(seedStatements.length, 5);
    let linked = 0;
    for (const statement of seedStatements) {
      // Other reports holding a run of its words (as a reader would check by phrase search).
      const words = statement.text
        .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
        .split(/\s+/)
        .filter(Boolean);
      const phrase = words.slice(0, 6).join(' ');
      const elsewhere = await service.search(searchRequest({ q: `"${phrase}"`, limit: 50 }));
      const others = elsewhere.hits.filter((hit) => hit.docId !== statement.docId);
      if (others.length === 0) {
        assert.equal(statement.group, undefined, `${statement.text}: no other report, no group`);
        continue;
      }
      linked++;
      assert.ok(statement.group, `${statement.text}: reported elsewhere, so in a group`);
      for (const other of others) assert.equal(other.group?.id, statement.group.id, other.text);
    }
    assert.equal(linked, 2);
  });

  it('collapses a search to one row per group, and keeps quotes reported by N sources', async () => {
    const all = await service.search(searchRequest({ q: 'core interests', limit: 50 }));
    const grouped = all.hits.filter((hit) => hit.group);
    assert.equal(grouped.length, 3);
    assert.ok(grouped.every((hit) => hit.group!.sources === 3));
    assert.ok(grouped.every((hit) => hit.group!.firstDate === '2021-12-15'));
    const collapsed = await service.search(
      searchRequest({ q: 'core interests', limit: 50, collapse: 'group' }),
    );
    const rows = collapsed.hits.filter((hit) => hit.group);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.group!.ordinal, 0);
    assert.equal(rows[0]!.path, 'news/cgtn.txt');
    assert.equal(collapsed.total, all.total - 2);
    const three = await service.search(searchRequest({ q: '', limit: 50, minSources: 3 }));
    assert.equal(three.total, 3);
    const two = await service.search(searchRequest({ q: '', limit: 50, minSources: 2 }));
    assert.equal(two.total, 5);
  });

  it("lists a group's reports, each against the earliest full version", async () => {
    const [first] = (await service.search(searchRequest({ q: 'core interests', minSources: 3, limit: 1 })))
      .hits;
    const listing = await service.search(
      searchRequest({ group: first!.group!.id, sort: 'date-asc', limit: 50 }),
    );
    assert.deepEqual(
      listing.hits.map((hit) => hit.path),
      ['news/cgtn.txt', 'news/other-outlet.txt', 'wire/fragment.txt'],
    );
    assert.equal(listing.hits[0]!.group!.reference, true);
    assert.deepEqual(listing.hits[1]!.group!.diff, [
      {
        op: 'same',
        words:
          'We firmly support each other on issues concerning each other’s core interests and safeguarding the dignity of each country',
      },
    ]);
    assert.equal(listing.hits[2]!.group!.fragment, true);
  });

  it('follows a change: a report removed leaves its group', async () => {
    await corpus.remove('wire/fragment.txt');
    await service.reindex();
    const three = await service.search(searchRequest({ q: '', limit: 50, minSources: 3 }));
    assert.equal(three.total, 0);
    const two = await service.search(searchRequest({ q: '', limit: 50, minSources: 2 }));
    assert.equal(two.total, 4);
  });
});
