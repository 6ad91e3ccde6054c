import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS, searchRequest } from '../common/contract';
import { makeDoc } from './fixtures';
import { SearchIndex } from './searchIndex';

const filler = (chars: number, word: string): string => {
  const unit = `${word} said that the ministers met again today. `;
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
};

test('a hit on a 5 MB passage is a response under 1 MB with bounded highlights', () => {
  const index = new SearchIndex();
  const text = filler(5_000_000, 'glimmerwort');
  index.addSource('big.txt', [makeDoc('big', [{ text, speaker: 'Reporter' }])]);
  const response = index.search(searchRequest({ q: 'glimmerwort', limit: 200 }));
  assert.equal(response.total, 1);
  assert.ok(JSON.stringify(response).length < 1_000_000, `${JSON.stringify(response).length} bytes`);
  const hit = response.hits[0]!;
  assert.ok(hit.highlights.length > 0 && hit.highlights.length <= LIMITS.hitHighlights);
  assert.equal(hit.highlightsCut, true);
  assert.equal(hit.passageLength, text.length);
  assert.ok(hit.text.length <= LIMITS.hitTextLength);
  assert.equal(text.slice(hit.textStart!, hit.textStart! + hit.text.length), hit.text);
  for (const [s, e] of hit.highlights) assert.equal(hit.text.slice(s, e), 'glimmerwort');
});

test('a hit on a 2 MB passage shows the window around its one match, offsets intact', () => {
  const index = new SearchIndex();
  const before = filler(1_200_000, 'minister');
  const text = `${before} Then the pangolin treaty was signed. ${filler(800_000, 'minister')}`;
  index.addSource('big.txt', [makeDoc('big', [text])]);
  const response = index.search(searchRequest({ q: 'pangolin' }));
  assert.ok(JSON.stringify(response).length < 1_000_000);
  const hit = response.hits[0]!;
  assert.equal(hit.highlights.length, 1);
  assert.equal(hit.highlightsCut, undefined);
  const [s, e] = hit.highlights[0]!;
  assert.equal(hit.text.slice(s, e), 'pangolin');
  assert.equal(hit.textStart! + s, text.indexOf('pangolin'));
  assert.match(hit.snippet, /pangolin treaty/);
});

test('a short passage is carried whole, without window fields', () => {
  const index = new SearchIndex();
  index.addSource('a.txt', [makeDoc('a', ['The pangolin treaty was signed.'])]);
  const hit = index.search(searchRequest({ q: 'pangolin' })).hits[0]!;
  assert.equal(hit.text, 'The pangolin treaty was signed.');
  assert.deepEqual(hit.highlights, [[4, 12]]);
  assert.equal('textStart' in hit, false);
  assert.equal('highlightsCut' in hit, false);
});
