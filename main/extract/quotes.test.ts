import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';
import { findQuotes } from './quotes';

function quotes(text: string): Array<[string | null, string]> {
  const r = extractDocuments({ path: 'a.txt', text, mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(r.ok);
  return r.documents[0]!.passages.filter((p) => p.kind === 'quote').map((p) => [p.speaker, p.text]);
}

test('speech verb after the quote, with appositives, adverbs and roles after the verb', () => {
  assert.deepEqual(quotes('"We will win," Trump also told reporters.'), [['Donald Trump', 'We will win']]);
  assert.deepEqual(quotes('"It is over," said Republican pollster Daron Shaw on Monday.'), [
    ['Daron Shaw', 'It is over'],
  ]);
  assert.deepEqual(quotes('"Not now," Jane Roe, a longtime party activist, said.'), [
    ['Jane Roe', 'Not now'],
  ]);
  assert.deepEqual(quotes('"It is a disaster," -Michelle Marks, Philadelphia.'), [
    ['Michelle Marks', 'It is a disaster'],
  ]);
});

test('speech verb before the quote, in the same sentence', () => {
  assert.deepEqual(quotes('Sen. Ted Cruz said: "I am ready."'), [['Ted Cruz', 'I am ready.']]);
  assert.deepEqual(quotes('Rubio said the plan was "a total disaster" for the party.'), [
    ['Marco Rubio', 'a total disaster'],
  ]);
  assert.deepEqual(quotes('De Blasio, speaking on the radio, called Trump a "blowhard."'), [
    ['De Blasio', 'blowhard.'],
  ]);
});

test("a sentence-final quote does not take the next sentence's speaker; the sentence before may give it", () => {
  assert.deepEqual(quotes('Smith spoke first. "We are done here." Jones replied: "No, we are not."'), [
    ['Smith', 'We are done here.'],
    ['Jones', 'No, we are not.'],
  ]);
});

test('a quote right after an attributed one continues its speaker', () => {
  assert.deepEqual(
    quotes('"You said it," Hewitt said. "You meant that he created the vacuum." Then he left.'),
    [
      ['Hewitt', 'You said it'],
      ['Hewitt', 'You meant that he created the vacuum.'],
    ],
  );
});

test('pronouns go to the last person named; scare quotes are not statements', () => {
  assert.deepEqual(
    quotes(
      'Governor Ann Smith met voters. She was blunt. "Taxes will not rise," she said. Critics call it a "gimmick".',
    ),
    [['Ann Smith', 'Taxes will not rise']],
  );
});

test('findQuotes: straight and curly marks, nesting of single quotes, unclosed quotes', () => {
  const spans = findQuotes([
    'He said “it’s fine” and "done".',
    '"Open quote without end',
    '"and its end," he said.',
  ]);
  assert.deepEqual(
    spans.map((s) => [s.para, s.start, s.end]),
    [
      [0, 9, 18],
      [0, 25, 29],
      [1, 1, 23],
      [2, 1, 13],
    ],
  );
  assert.equal(spans[2]!.group, spans[3]!.group);
});

test('property: quote spans lie inside their paragraph and do not overlap', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '"', '“', '”', ',', '.', 'X'), maxLength: 60 }), {
        maxLength: 6,
      }),
      (paras) => {
        const spans = findQuotes(paras);
        let last: { para: number; end: number } | null = null;
        for (const s of spans) {
          const text = paras[s.para]!;
          assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end);
          if (last && last.para === s.para) assert.ok(s.start > last.end);
          last = s;
        }
      },
    ),
  );
});
