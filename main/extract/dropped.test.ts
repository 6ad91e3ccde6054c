import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordsIn } from './dropped';
import { extractDocuments } from './extractDocuments';
import { defaultExtractOptions } from './options';

function read(path: string, text: string) {
  const r = extractDocuments({ path, text, mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(r.ok, r.ok ? '' : r.reason);
  const words = r.documents.flatMap((d) => d.passages).reduce((n, p) => n + wordsIn(p.text), 0);
  const reasons = Object.fromEntries(r.dropped.flatMap((d) => d.dropped).map((d) => [d.reason, d.words]));
  return { words, reasons };
}

test('every word of a scraped article is in a passage or left out under a named reason', () => {
  const paragraphs = [
    'Talks in Geneva end with a cautious note',
    'Talks in Geneva end with a cautious note',
    '"We will meet again soon, and we hope to agree on the rest," said Jane Doe, the director of the port.',
    'Putin noted that the talks went well yesterday.',
    'Follow us on Twitter for more news from Geneva.',
  ];
  const { words, reasons } = read('geneva.txt', paragraphs.join('\n\n'));
  assert.deepEqual(reasons, { 'repeated paragraph': 8, footer: 9, attribution: 8 });
  assert.equal(words + 8 + 9 + 8, wordsIn(paragraphs.join(' ')));
});

test('front matter, markup and speaker labels are counted under their reasons', () => {
  const text = [
    '---',
    'title: Press Briefing',
    'date: 2021-12-08',
    '---',
    'MS. PSAKI: Good afternoon. See [the fact sheet](https://example.org/facts).',
    '',
    'Q Will the talks go on?',
  ].join('\n');
  const { words, reasons } = read('briefing.md', text);
  assert.deepEqual(reasons, { 'front matter': 7, markup: 4, 'speaker label': 3 });
  assert.equal(words + 7 + 4 + 3, wordsIn(text));
});

test('a file of many repeated paragraphs is read, each repeat counted as left out', () => {
  // 200,000 echoes: more than a spread call can take as arguments
  const echoes = 200_000;
  const text = [
    'Opening line of the file.',
    ...Array.from({ length: echoes }, () => 'Again and again.'),
  ].join('\n\n');
  const { words, reasons } = read('echoes.txt', text);
  assert.deepEqual(reasons, { 'repeated paragraph': 3 * (echoes - 1) });
  assert.equal(words, 5 + 3);
});
