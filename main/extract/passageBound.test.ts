import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferTitle } from './cleanup';
import { extractDocuments } from './extractDocuments';
import { defaultExtractOptions } from './options';
import { boundedPieces, MAX_PARAGRAPH_CHARS } from './passageBound';

/** A long run-on text of varied sentences, some quoted, without a paragraph break. */
function runOn(chars: number): string {
  const words = ['grain', 'ministers', 'Geneva', 'exports', 'talks', 'harbour', 'terms', 'ships', 'agreed'];
  const sentences: string[] = [];
  let size = 0;
  for (let n = 0; size < chars; n++) {
    const length = 6 + ((n * 7) % 23);
    const body = Array.from({ length }, (_, k) => words[(n + k * 5) % words.length]).join(' ');
    let sentence = `The ${body} number ${n}${n % 4 === 0 ? '?' : '.'}`;
    const who = n % 18 === 0 ? 'Mr. Dawson' : 'Dawson';
    if (n % 9 === 0) sentence = `"The ${body}. We meet again in round ${n}," said ${who}.`;
    sentences.push(sentence);
    size += sentence.length + 1;
  }
  return sentences.join(' ');
}

const nonSpace = (s: string): string => s.replace(/\s+/g, '');

test('a long paragraph is cut into bounded pieces at sentence ends, outside quotes, losing nothing', () => {
  const text = runOn(200_000);
  const pieces = boundedPieces(text);
  assert.ok(pieces.length >= 100);
  for (const [start, end] of pieces) {
    assert.ok(end - start <= MAX_PARAGRAPH_CHARS, `piece of ${end - start} characters`);
    const piece = text.slice(start, end);
    assert.match(piece, /[.?!]"?$/, 'ends a sentence');
    assert.doesNotMatch(piece, /Mr\.$/, 'not after an abbreviation');
    assert.equal((piece.match(/"/g) ?? []).length % 2, 0, 'no quotation cut in two');
  }
  assert.equal(pieces.map(([s, e]) => nonSpace(text.slice(s, e))).join(''), nonSpace(text));
});

test('text without sentence ends or spaces is still cut within the bound', () => {
  const noStops = 'word '.repeat(2000);
  const unbroken = 'x'.repeat(5000) + '😀'.repeat(1000);
  for (const text of [noStops, unbroken]) {
    const pieces = boundedPieces(text);
    for (const [start, end] of pieces) assert.ok(end - start <= MAX_PARAGRAPH_CHARS);
    assert.equal(
      pieces
        .map(([s, e]) => text.slice(s, e))
        .join('')
        .replace(/ /g, ''),
      text.replace(/ /g, ''),
    );
    // never half an emoji
    for (const [start, end] of pieces)
      assert.doesNotMatch(text.slice(start, end), /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  }
});

test('a title is inferred from a 10 MB paragraph with no sentence end', () => {
  const title = inferTitle([{ text: 'word '.repeat(2_000_000).trim(), role: 'body', source: 0 }], 'big.txt');
  assert.ok(title.length <= 121, title);
  assert.match(title, /^word word/);
});

test('a file of one long paragraph is read whole, in passages of bounded length', () => {
  const text = runOn(300_000);
  const r = extractDocuments({ path: 'speech.txt', text, mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(r.ok);
  const doc = r.documents[0]!;
  for (const p of doc.passages) {
    assert.ok(p.text.length <= MAX_PARAGRAPH_CHARS, `passage of ${p.text.length} characters`);
    assert.equal(doc.text.slice(p.start, p.end), p.text);
  }
  // every word of the file is in the document's text, in order, and in some passage or
  // in an attribution ("said Dawson.") that the quote before it carries
  assert.equal(nonSpace(doc.text), nonSpace(text));
  const covered = new Uint8Array(doc.text.length);
  for (const p of doc.passages) covered.fill(1, p.start, p.end);
  const missing = [...doc.text.matchAll(/[\p{L}\p{N}]+/gu)]
    .filter((m) => covered[m.index] === 0)
    .map((m) => m[0]);
  assert.deepEqual([...new Set(missing)].sort(), ['Dawson', 'said']);
  assert.ok(doc.passages.filter((p) => p.kind === 'quote' && p.speaker).length > 100);
});
