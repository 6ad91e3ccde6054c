import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { searchRequest, type ExtractedDocument } from '../../main/common/contract';
import { extractSingleFile } from '../../main/corpus/corpusReader';
import { SearchIndex } from '../../main/engine/searchIndex';
import { chipsOf } from './chips';
import { buildCitation, citeHit, citePassage, formatCitation, MAX_QUOTE, quoteAround } from './citation';
import { sentenceSpans } from './sentences';
import { initialState, setDateRange, setQuery, toggleFacetValue } from './state';

const accessed = new Date(2026, 11, 3, 12);

const base = {
  highlights: [] as Array<[number, number]>,
  speaker: 'Vladimir Putin',
  title: 'Xi-Putin video call',
  source: 'CGTN',
  url: null,
  date: '2021-12',
  dateSource: 'metadata' as const,
};

test('a citation reads "quote" — Speaker, Source, “Title”, Date, URL (accessed D)', () => {
  assert.equal(
    formatCitation(
      buildCitation(
        {
          ...base,
          text: ' on issues of\n international sports cooperation ',
          url: 'https://example.org/call',
        },
        accessed,
      ),
    ),
    '"on issues of international sports cooperation" — Vladimir Putin, CGTN, “Xi-Putin video call”, Dec 2021, https://example.org/call (accessed 3 Dec 2026)',
  );
});

test('a statement without a speaker says so; a date read from the text or the file is marked', () => {
  const text = formatCitation(
    buildCitation(
      {
        ...base,
        text: '"Thank you."',
        speaker: null,
        source: null,
        title: null,
        date: '2021-12-06',
        dateSource: 'text',
      },
      accessed,
    ),
  );
  assert.equal(
    text,
    '"Thank you." — Unattributed, 6 Dec 2021 [date inferred from the text] (accessed 3 Dec 2026)',
  );
  const file = buildCitation({ ...base, text: 'Hi.', dateSource: 'file' }, accessed);
  assert.equal(file.date, 'Dec 2021 [date of the file]');
});

test('a page is cited when the statement has one', () => {
  const c = buildCitation({ ...base, text: 'Hi.', page: 4 }, accessed);
  assert.match(formatCitation(c), /Dec 2021, p\. 4 \(accessed/);
});

test('sentences: abbreviations and a lower-case continuation do not end a sentence', () => {
  const text = 'Mr. Putin met Dr. Smith in Washington on Monday. "Is it so?" he asked. NATO grew.';
  assert.deepEqual(
    sentenceSpans(text).map(([s, e]) => text.slice(s, e)),
    ['Mr. Putin met Dr. Smith in Washington on Monday.', '"Is it so?" he asked.', 'NATO grew.'],
  );
});

test('the quote is the sentence that holds the hit, with an ellipsis on each cut side', () => {
  const text = 'We talked about trade. Then sanctions came up at length. We parted as friends.';
  const at = text.indexOf('sanctions');
  assert.equal(quoteAround(text, [[at, at + 9]], null), '… Then sanctions came up at length. …');
  // the first sentence: no leading ellipsis
  assert.equal(quoteAround(text, [[3, 9]], null), 'We talked about trade. …');
});

test('the quote takes the sentence holding most matched words, and the reader’s current hit wins', () => {
  const text = 'Olympic games are fun. The Olympic boycott was announced. A boycott of goods followed.';
  const ranges = ['Olympic', 'Olympic boycott', 'boycott of'].map((w) => {
    const s = text.indexOf(w);
    return [s, s + w.split(' ')[0]!.length] as [number, number];
  });
  const hl: Array<[number, number]> = [
    ranges[0]!,
    ranges[1]!,
    [text.indexOf('boycott was'), text.indexOf('boycott was') + 7],
    ranges[2]!,
  ];
  assert.equal(
    quoteAround(text, hl, null),
    '… The Olympic boycott was announced. A boycott of goods followed.',
  );
  assert.equal(
    quoteAround(text, hl, hl[0]!),
    'Olympic games are fun. The Olympic boycott was announced. A boycott of goods followed.',
  );
});

test('a hit that is a window of a long statement marks the cuts beyond the window', () => {
  const text = 'The whole of this window is one sentence.';
  const hit = { text, highlights: [[4, 9]] as Array<[number, number]> };
  assert.equal(quoteAround(hit.text, hit.highlights, null), 'The whole of this window is one sentence.');
  assert.equal(
    quoteAround(hit.text, hit.highlights, null, { before: true, after: true }),
    '… The whole of this window is one sentence. …',
  );
});

test('one sentence longer than the limit is cut around the hit at word boundaries', () => {
  const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
  words[200] = 'NATO';
  const text = `${words.join(' ')}.`;
  const at = text.indexOf('NATO');
  const quote = quoteAround(text, [[at, at + 4]], null);
  assert.ok(quote.includes('NATO'));
  assert.ok(quote.startsWith('… w') && quote.endsWith(' …'), quote);
  assert.ok(quote.length <= MAX_QUOTE + 4);
  // every word quoted is a whole word of the statement
  for (const w of quote.slice(2, -2).split(' ')) assert.ok(words.includes(w), w);
});

test('“putin … nato” in the bundled UN speech: the citation from the list and the reader holds the NATO sentence', async () => {
  const read = await extractSingleFile(join(import.meta.dirname, '../../corpus/un/RUS_70_2015.txt'));
  assert.ok(read.ok, read.ok ? '' : read.reason);
  const docs: ExtractedDocument[] = read.documents.map((d) => ({
    ...d,
    document: { ...d.document, url: 'https://example.org/un' },
  }));
  const index = new SearchIndex();
  index.addSource('un/RUS_70_2015.txt', docs);
  const response = index.search(searchRequest({ q: 'nato', speaker: ['Vladimir Putin'] }));
  const hit = response.hits.find((h) => h.text.includes('expand NATO'));
  assert.ok(hit, 'the statement on NATO matches');
  const fromList = citeHit(hit, accessed);
  assert.match(fromList, /They began by continuing to expand NATO/);
  assert.match(
    fromList,
    /— Vladimir Putin, UN General Debate, “Statement by Vladimir Putin.*”, 2015, https:\/\/example\.org\/un \(accessed 3 Dec 2026\)$/,
  );
  assert.ok(fromList.length < MAX_QUOTE + 300);
  const doc = docs[0]!;
  const passage = doc.passages.find((p) => p.id === hit.id)!;
  const shift = passage.start + (hit.textStart ?? 0);
  const inDoc = hit.highlights.map(([s, e]) => [s + shift, e + shift] as [number, number]);
  assert.equal(citePassage(doc, passage, inDoc, null, accessed), fromList);
  // stepping to the second NATO hit in the reader quotes that one's sentence
  const second = citePassage(doc, passage, inDoc, inDoc[1]!, accessed);
  assert.match(second, /NATO is not only still there/);
});

test('chips show facet selections and typed filters, and each removes only itself', () => {
  let s = toggleFacetValue(setQuery(initialState, 'sport speaker:putin kind:quote'), 'topic', 'sport');
  s = setDateRange(s, '2021-12', '2022-02');
  const chips = chipsOf(s);
  assert.deepEqual(
    chips.map((c) => c.label),
    ['Topic: Sport', 'Date: Dec 2021 – Feb 2022', 'speaker: putin', 'kind: quote'],
  );
  assert.equal(chips[2]?.remove(s).q, 'sport kind:quote');
  assert.deepEqual(chips[0]?.remove(s).topic, []);
  assert.equal(chips[1]?.remove(s).from, null);
});
