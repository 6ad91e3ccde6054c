import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAttributionTag } from './document';
import { extractDocuments } from './extractDocuments';
import { defaultExtractOptions } from './options';

test('attribution remnants are recognised, real sentences are not', () => {
  for (const tag of [
    'he added.',
    'Xi remarked at the meeting.',
    'said Putin at the meeting.',
    'according to officials.',
    ', said Jane Doe, the director of the port.',
    'said Jane Doe, the director of the port of Odessa, at a news conference.',
  ]) {
    assert.equal(isAttributionTag(tag), true, tag);
  }
  for (const prose of [
    'Potent reminders against foreign interference could not have arrived at a better time.',
    "stressed Xi. Russia's nod to similar assumptions was clear.",
    'The talks went on.',
    'he added',
    'said Jane Doe, adding that the port would reopen.',
    'said Jane Doe, the director of the port, who has run it since 2019.',
  ]) {
    assert.equal(isAttributionTag(prose), false, prose);
  }
});

test('a month in the metadata is made precise by a dateline inside it, never overruled', () => {
  const text = 'In a video call on December 15, the two leaders spoke.\n\n"We agree," said Putin.';
  const read = (date: string) =>
    extractDocuments(
      { path: 'a.txt', text, mtimeMs: Date.UTC(2026, 0, 1), sidecar: { date } },
      defaultExtractOptions(),
    );
  const refined = read('2021-12');
  assert.ok(refined.ok);
  assert.equal(refined.documents[0]?.document.date, '2021-12-15');
  assert.equal(refined.documents[0]?.document.dateSource, 'text');
  const other = read('2022-03');
  assert.ok(other.ok);
  assert.equal(other.documents[0]?.document.date, '2022-03');
  assert.equal(other.documents[0]?.document.dateSource, 'metadata');
});

/** A scraped article as a user's folder holds them: title line, dateline, prose and quotes. */
const ARTICLE = [
  'Talks in Geneva end with a cautious note',
  'GENEVA, March 3 - Delegations from both countries met for a second day on Tuesday to discuss grain exports through the Black Sea.',
  'Putin noted that the talks went well yesterday.',
  'Probe speaker said "glimmerwort stays here".',
  'Secret notes that must never be indexed.',
  '"We will meet again soon, and we hope to agree on the rest of the terms," said Jane Doe, the director of the port.',
  '"Ships are waiting in the harbour for weeks," said Jane Doe, the director of the port of Odessa, at a news conference.',
  'The next round of talks is planned for April in Istanbul.',
].join('\n\n');

function readArticle() {
  const r = extractDocuments({ path: 'geneva.txt', text: ARTICLE, mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(r.ok);
  return r.documents[0]!;
}

test('short paragraphs that mention speech are kept as prose, never dropped', () => {
  const narrative = readArticle()
    .passages.filter((p) => p.kind === 'narrative')
    .map((p) => p.text);
  for (const paragraph of [
    'Putin noted that the talks went well yesterday.',
    'Probe speaker said "glimmerwort stays here".',
    'Secret notes that must never be indexed.',
  ]) {
    assert.ok(narrative.includes(paragraph), paragraph);
  }
});

test('the attribution after a quote is no statement of the author, appositive and all', () => {
  const doc = readArticle();
  const quotes = doc.passages.filter((p) => p.kind === 'quote');
  assert.deepEqual(
    quotes.map((p) => p.speaker),
    ['Jane Doe', 'Jane Doe'],
  );
  const said = doc.passages.filter((p) => p.kind === 'narrative' && /said Jane Doe/.test(p.text));
  assert.deepEqual(said, []);
});
