import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestWord, editDistance, highlightedWords, lastWord, replaceLastWord } from './suggest';

test('edit distance', () => {
  assert.equal(editDistance('olympics', 'olympics'), 0);
  assert.equal(editDistance('olimpics', 'olympics'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('a', 'abcdef', 2), 3, 'stops early past the limit');
});

test('the closest word within reach is suggested, never the word itself', () => {
  assert.equal(closestWord('olimpycs', ['olympic', 'olympics', 'oligarch']), 'olympics');
  assert.equal(closestWord('sport', ['sport']), null);
  assert.equal(closestWord('xyz', ['olympics']), null);
});

test('highlighted words come from the hits, most frequent first', () => {
  const hits = [
    {
      text: 'Olympic games and Olympics',
      highlights: [
        [0, 7],
        [18, 26],
      ] as Array<[number, number]>,
    },
    { text: 'the Olympics', highlights: [[4, 12]] as Array<[number, number]> },
  ];
  assert.deepEqual(highlightedWords(hits), ['olympics', 'olympic']);
});

test('the last word of a query can be replaced, filters left alone', () => {
  assert.equal(lastWord('speaker:putin olimpics'), 'olimpics');
  assert.equal(replaceLastWord('speaker:putin olimpics', 'olympics'), 'speaker:putin olympics');
  assert.equal(lastWord('sport speaker:putin'), null);
  assert.equal(replaceLastWord('"winter games"', 'x'), null);
});
