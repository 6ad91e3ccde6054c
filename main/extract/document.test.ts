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
  ]) {
    assert.equal(isAttributionTag(tag), true, tag);
  }
  for (const prose of [
    'Potent reminders against foreign interference could not have arrived at a better time.',
    "stressed Xi. Russia's nod to similar assumptions was clear.",
    'The talks went on.',
    'he added',
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
