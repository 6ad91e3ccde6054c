import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuoteGroups, groupingShingles, type QuoteStatement } from './quoteGroups';
import { quoteWords, wordDiff } from './quoteWords';

function statement(
  docId: string,
  n: number,
  date: string | null,
  speaker = 'Vladimir Putin',
): QuoteStatement {
  return {
    passageId: `${docId}#${n}`,
    docId,
    kind: 'quote',
    speaker,
    date,
    title: docId,
    source: null,
    path: `${docId}.txt`,
    owner: 0,
  };
}

function add(docId: string, texts: string[], date: string | null = '2021-12-15') {
  return texts.flatMap((text, n) => {
    const shingles = groupingShingles(text);
    return shingles ? [{ statement: statement(docId, n, date), shingles }] : [];
  });
}

const LONG =
  'Russia and China are firmly committed to the principles of mutual respect and non-interference in internal affairs';

describe('quote words', () => {
  it('ignore case, punctuation, curly quotes, ellipses and accents', () => {
    assert.deepEqual(quoteWords('“We don’t…  RE-start,” Macron — said'), [
      'we',
      "don't",
      're',
      'start',
      'macron',
      'said',
    ]);
  });

  it('diff a variant word by word, and a fragment without the words it leaves out', () => {
    const changed = wordDiff(
      'we will defend our vital interests firmly',
      'We will defend our interests very firmly',
    );
    assert.deepEqual(changed.parts, [
      { op: 'same', words: 'We will defend our' },
      { op: 'removed', words: 'vital' },
      { op: 'same', words: 'interests' },
      { op: 'added', words: 'very' },
      { op: 'same', words: 'firmly' },
    ]);
    assert.equal(changed.fragment, false);
    const fragment = wordDiff(LONG, 'firmly committed to the principles of mutual respect');
    assert.equal(fragment.fragment, true);
    assert.deepEqual(fragment.parts, [
      { op: 'same', words: 'firmly committed to the principles of mutual respect' },
    ]);
  });
});

describe('QuoteGroups', () => {
  it('groups the same words across documents, a fragment with its quote, not within one document only', () => {
    const groups = new QuoteGroups();
    groups.update(
      [],
      [
        ...add('a', [`“${LONG.toUpperCase()}.”`], '2021-12-16'),
        ...add('b', [`${LONG}…`], '2021-12-15'),
        ...add('c', ['firmly committed to the principles of mutual respect and non-interference']),
        ...add('d', ['We are committed to the principles of the United Nations Charter, he said firmly']),
      ],
    );
    assert.equal(groups.groupCount, 1);
    const [group] = [...groups.allGroups()];
    assert.deepEqual(
      group!.members.map((m) => m.docId),
      ['b', 'c', 'a'],
    );
    assert.equal(group!.sources, 3);
    assert.deepEqual(group!.speakers, ['Vladimir Putin']);
  });

  it('never links statements shorter than the minimum', () => {
    const groups = new QuoteGroups();
    groups.update([], [...add('a', ['Thank you very much.']), ...add('b', ['Thank you very much.'])]);
    assert.equal(groups.groupCount, 0);
  });

  it('after any sequence of updates, equals a fresh build', () => {
    let seed = 7;
    // mulberry32: a small seeded generator, so a failure replays
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n) | 0;
    };
    const vocabulary = 'we will not allow anyone to harm our people and sovereignty ever again today'.split(
      ' ',
    );
    const sentence = (): string => {
      const start = random(4);
      const base = vocabulary.slice(start, start + 8 + random(6));
      if (random(3) === 0) base[random(base.length)] = vocabulary[random(vocabulary.length)]!;
      return base.join(' ');
    };
    const live = new QuoteGroups();
    const docs = new Map<string, { texts: string[]; date: string }>();
    for (let step = 0; step < 300; step++) {
      const docId = `d${random(25)}`;
      const texts = random(4) === 0 ? [] : Array.from({ length: 1 + random(3) }, sentence);
      const date = `2021-12-${10 + random(9)}`;
      if (texts.length === 0) docs.delete(docId);
      else docs.set(docId, { texts, date });
      live.update([docId], add(docId, texts, date));
      if (step % 30 !== 29) continue;
      const fresh = new QuoteGroups();
      fresh.update(
        [],
        [...docs].flatMap(([id, doc]) => add(id, doc.texts, doc.date)),
      );
      const marks = (g: QuoteGroups): string[] =>
        g
          .marks()
          .map(({ statement: s, mark }) => JSON.stringify([s.passageId, mark]))
          .sort();
      assert.ok(live.groupCount > 0, 'the random statements form groups');
      assert.deepEqual(marks(live), marks(fresh), `step ${step}`);
    }
  });
});
