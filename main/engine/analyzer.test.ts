import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forEachToken, indexTerms, tokenize } from './analyzer';

const terms = (s: string): string[] => tokenize(s).map((t) => t.term);

test('possessives, apostrophes, acronyms, numbers and diacritics', () => {
  assert.deepEqual(terms("Putin's leaders' don't"), ['putin', 'leaders', 'dont']);
  assert.deepEqual(terms('PUTIN\u2019S U.S. e.g.'), ['putin', 'us', 'eg']);
  assert.deepEqual(terms('1,000 troops, 2.5 percent'), ['1000', 'troops', '2.5', 'percent']);
  assert.deepEqual(terms('Erdoğan Zelenskyy naïve café'), ['erdogan', 'zelenskyy', 'naive', 'cafe']);
  assert.deepEqual(terms('end.Next'), ['end', 'next']);
});

test('hyphenated words give their parts and, for short compounds, the joined form', () => {
  const toks = tokenize('a well-known e-mail');
  assert.deepEqual(
    toks.map((t) => [t.term, t.extra]),
    [
      ['a', false],
      ['well', false],
      ['known', false],
      ['wellknown', true],
      ['e', false],
      ['mail', false],
      ['email', true],
    ],
  );
});

test('stop words are marked and not indexed', () => {
  assert.deepEqual(indexTerms('The State of the Union'), ['state', 'union']);
  assert.equal(tokenize('the')[0]!.stop, true);
  // "us" is the United States in news, not a stop word.
  assert.deepEqual(indexTerms('the US and us'), ['us', 'us']);
});

test('property: offsets point at the token in the text and terms are normalised', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(..."aZé9 -'.,’ŁxQ\n".split('')) }), (s) => {
      let last = -1;
      forEachToken(s, (term, start, end, extra) => {
        assert.ok(start >= 0 && end <= s.length && start < end);
        if (!extra) {
          assert.ok(start >= last, 'tokens in order');
          last = start;
        }
        assert.ok(term.length > 0);
        assert.equal(term, term.toLowerCase());
        assert.ok(!/[\s]/.test(term));
      });
    }),
    { numRuns: 1000 },
  );
});

test('property: query-time analysis equals index-time analysis of the same word', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom(..."abcÉé’'-.1".split('')), minLength: 1, maxLength: 12 }),
      (w) => {
        // A word analysed alone gives the terms it gives inside a sentence.
        assert.deepEqual(terms(w), terms(`xx ${w} yy`).slice(1, -1));
      },
    ),
    { numRuns: 1000 },
  );
});
