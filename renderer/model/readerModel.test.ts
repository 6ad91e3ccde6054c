import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Passage } from '../../main/common/contract';
import {
  documentHits,
  findTermRanges,
  hitRangesInDocument,
  passageAt,
  queryTerms,
  segments,
  speakerLegend,
  turnLabels,
} from './readerModel';

function passage(
  id: string,
  kind: Passage['kind'],
  speaker: string | null,
  start: number,
  end: number,
): Passage {
  return { id, kind, speaker, text: '', start, end, topics: [], date: null };
}

const text = 'Putin said: "Sport unites." Xi replied: "Sports must not be politicised." The end.';
const passages = [
  passage('n1', 'narrative', null, 0, text.length),
  passage('q1', 'quote', 'Vladimir Putin', 13, 26),
  passage('q2', 'quote', 'Xi Jinping', 41, 72),
];

test('query terms are the words and phrases, not filters or exclusions', () => {
  assert.deepEqual(queryTerms('sport speaker:putin -doping "winter games" kind:quote'), [
    'sport',
    'winter games',
  ]);
  assert.deepEqual(queryTerms(''), []);
});

test('a word matches at word starts and runs to the word end; case is ignored', () => {
  const ranges = findTermRanges(text, ['sport']);
  assert.deepEqual(
    ranges.map(([s, e]) => text.slice(s, e)),
    ['Sport', 'Sports'],
  );
  assert.deepEqual(findTermRanges('transport sport', ['sport']).length, 1);
  assert.deepEqual(findTermRanges('the winter\n games', ['winter games']), [[4, 17]]);
});

test('with a speaker filter, only hits inside that speaker’s statements count', () => {
  const hits = documentHits(text, passages, ['sport'], { speakers: ['Putin'], kinds: [] });
  assert.deepEqual(
    hits.map(([s, e]) => text.slice(s, e)),
    ['Sport'],
  );
  assert.equal(documentHits(text, passages, ['sport'], { speakers: [], kinds: [] }).length, 2);
});

test('the legend lists speakers in order of appearance with a colour each', () => {
  assert.deepEqual(speakerLegend(passages), [
    { speaker: 'Vladimir Putin', colour: 0, statements: 1 },
    { speaker: 'Xi Jinping', colour: 1, statements: 1 },
  ]);
});

test('segments cover the text in order and carry the innermost statement and the hit', () => {
  const hits = findTermRanges(text, ['sport']);
  const segs = segments(text.length, passages, hits);
  assert.equal(segs[0]?.start, 0);
  assert.equal(segs[segs.length - 1]?.end, text.length);
  for (let i = 1; i < segs.length; i++) assert.equal(segs[i]?.start, segs[i - 1]?.end);
  const sport = segs.find((s) => text.slice(s.start, s.end) === 'Sport');
  assert.equal(sport?.passage, 1, 'the quote, not the narrative around it');
  assert.equal(sport?.hit, 0);
  const outside = segs.find((s) => s.start === 0);
  assert.equal(outside?.passage, -1, 'narrative prose is not marked');
});

test('the passage at an offset prefers a marked statement', () => {
  assert.equal(passageAt(passages, 15), 1);
  assert.equal(passageAt(passages, 2), 0);
  assert.equal(passageAt(passages, 500), -1);
});

test('a turn label in front of its turn is found, so the reader shows the badge instead of both', () => {
  const doc = 'Briefing\n\nMS. PSAKI: Hi, everyone.\n\nQ Happy Friday.\n\nShe said: "no".';
  const at = (s: string) => doc.indexOf(s);
  const turns = [
    passage('t1', 'turn', 'Jen Psaki', at('Hi,'), at('Hi,') + 13),
    passage('t2', 'turn', 'Reporter', at('Happy'), at('Happy') + 14),
    passage('q1', 'quote', 'Jen Psaki', at('"no"'), at('"no"') + 4),
    passage('t3', 'turn', null, at('Briefing'), 8),
  ];
  const labels = turnLabels(doc, turns);
  assert.deepEqual(labels.get(0), { start: at('MS.'), end: at('Hi,'), text: 'MS. PSAKI' });
  assert.deepEqual(labels.get(1), { start: at('Q '), end: at('Happy'), text: 'Q' });
  assert.equal(labels.has(2), false, 'a quote keeps the words before it');
  assert.equal(labels.has(3), false, 'an unattributed turn has no badge to replace its label');
});

test('prose in front of a turn on the same line is not a label', () => {
  const line = 'He went on to say that the talks were long: they were.';
  const start = line.indexOf('they');
  const labels = turnLabels(line, [passage('t1', 'turn', 'X', start, line.length)]);
  assert.equal(labels.size, 0);
});

test("a long passage's hit window puts its highlights on the hit's words in the document", () => {
  const intro = 'The speech follows. ';
  const speech = `${'We value peace. '.repeat(200)}NATO expanded eastwards. ${'Thank you. '.repeat(20)}`;
  const doc = intro + speech;
  const opened = passage('s1', 'turn', 'Vladimir Putin', intro.length, doc.length);
  const textStart = speech.indexOf('NATO') - 100;
  const windowText = speech.slice(textStart, textStart + 300);
  const hit = { id: 's1', text: windowText, textStart, highlights: [[100, 104]] as Array<[number, number]> };
  const ranges = hitRangesInDocument(doc, opened, hit);
  assert.deepEqual(ranges, [[doc.indexOf('NATO'), doc.indexOf('NATO') + 4]]);
  assert.equal(doc.slice(ranges[0]![0], ranges[0]![1]), 'NATO');
});

test("a whole passage's hit keeps its highlights; a stale or other passage's hit adds none", () => {
  const opened = passages[2]!;
  const whole = text.slice(opened.start, opened.end);
  const hit = { id: 'q2', text: whole, highlights: [[0, 6]] as Array<[number, number]> };
  assert.deepEqual(hitRangesInDocument(text, opened, hit), [[41, 47]]);
  assert.deepEqual(hitRangesInDocument(text, opened, { ...hit, text: 'Changed since.' }), []);
  assert.deepEqual(hitRangesInDocument(text, opened, { ...hit, id: 'q1' }), []);
  assert.deepEqual(hitRangesInDocument(text, opened, { ...hit, textStart: 5 }), []);
});
