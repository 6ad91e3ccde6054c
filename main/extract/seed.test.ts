// The acceptance test: the seed article, read as plain text with no sidecar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';

const SEED = join(__dirname, '..', '..', '..', 'shared', 'seed', '000_d4e7172493b35b14.txt');
const FALLBACK = join(__dirname, 'fixtures', 'seed.txt');

function seedText(): string {
  try {
    return readFileSync(SEED, 'utf8');
  } catch {
    return readFileSync(FALLBACK, 'utf8');
  }
}

test('seed: statements, speakers, author, date, captions and topics', () => {
  const r = extractDocuments(
    { path: '000_d4e7172493b35b14.txt', text: seedText(), mtimeMs: 0 },
    defaultExtractOptions(),
  );
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.documents.length, 1);
  const doc = r.documents[0]!;
  const quotes = doc.passages.filter((p) => p.kind === 'quote');
  const by = (speaker: string) => quotes.filter((q) => q.speaker === speaker).map((q) => q.text);

  const xi = by('Xi Jinping');
  assert.equal(xi.length, 3, `Xi quotes: ${JSON.stringify(xi)}`);
  assert.ok(xi[0]!.startsWith('We firmly support each other'));
  assert.ok(xi[1]!.startsWith('Certain international forces ...'));
  assert.ok(xi[2]!.startsWith('Whether a country is democratic'));

  const putin = by('Vladimir Putin');
  assert.equal(putin.length, 2, `Putin quotes: ${JSON.stringify(putin)}`);
  assert.ok(putin.some((t) => t.startsWith('A new model of cooperation')));
  assert.ok(putin.some((t) => t.startsWith('on issues of international sports cooperation')));

  assert.equal(quotes.length, 5, `all quotes: ${JSON.stringify(quotes.map((q) => q.text))}`);
  // scare quotes and Russia's words are not statements
  assert.ok(!quotes.some((q) => q.text.includes('wedge')));
  assert.ok(!quotes.some((q) => q.text.includes('very counterproductive')));

  assert.equal(doc.document.author, 'Hannan Hussain');
  assert.equal(doc.document.date, '2021-12-15');
  assert.equal(doc.document.dateSource, 'text');
  assert.ok(doc.document.title.length > 0);

  // the duplicated caption is kept once, and is not anyone's statement
  const caption = 'The national flags of China and Russia on Red Square, Moscow. /Xinhua';
  assert.equal(doc.text.split(caption).length - 1, 1);
  const captionPassage = doc.passages.find((p) => p.text === caption);
  assert.ok(captionPassage);
  assert.equal(captionPassage.kind, 'narrative');
  assert.equal(captionPassage.speaker, null);

  // footer dropped
  assert.ok(!doc.text.includes('If you want to contribute'));

  // the Olympics passages are tagged sport
  const olympics = doc.passages.filter((p) => /Olympic/.test(p.text));
  assert.ok(olympics.length >= 2);
  for (const p of olympics)
    assert.ok(p.topics.includes('sport'), `${p.text.slice(0, 60)}: ${p.topics.join(',')}`);
  assert.ok(
    by('Vladimir Putin').length > 0 &&
      quotes.find((q) => q.text.startsWith('on issues'))!.topics.includes('sport'),
  );

  // passages point into the clean text
  for (const p of doc.passages) assert.equal(doc.text.slice(p.start, p.end), p.text);
  assert.equal(new Set(doc.passages.map((p) => p.id)).size, doc.passages.length);
  for (const p of doc.passages) assert.equal(p.date, '2021-12-15');
});
