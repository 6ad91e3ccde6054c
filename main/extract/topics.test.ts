import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMarkdown } from './formats';
import { tagTopics } from './topics';

test('a tag keeps its own name beside the IPTC topic it falls under, never replaced by it', () => {
  assert.deepEqual(tagTopics('energy'), ['energy', 'economy-business-finance']);
  assert.deepEqual(tagTopics('Housing'), ['housing', 'society']);
  assert.deepEqual(tagTopics('Foreign policy'), ['foreign-policy', 'politics']);
  assert.deepEqual(tagTopics('State decorations'), ['state-decorations']);
  assert.deepEqual(tagTopics('Sports'), ['sport'], 'a spelling of an IPTC topic is that topic');
  assert.deepEqual(tagTopics('  '), []);
});

test("a user's topics in front matter are the document's topics, as written", () => {
  const [doc] = readMarkdown('a.md', '---\ntitle: A\ntopics: [energy, housing]\n---\nText.\n', 0);
  assert.ok(doc);
  for (const own of ['energy', 'housing'])
    assert.ok(doc.topics.includes(own), `${own} in ${doc.topics.join()}`);
});

test('a Kremlin topic tag is findable by its own name', () => {
  const text =
    '---\ntitle: K\ntags:\n  Topics: [Foreign policy, State decorations]\n  Persons: [Lavrov Sergei]\n---\nText.\n';
  const [doc] = readMarkdown('k.md', text, 0);
  assert.ok(doc);
  assert.deepEqual(
    [...doc.topics].sort(),
    ['foreign-policy', 'politics', 'state-decorations'],
    'the persons are not topics',
  );
});
