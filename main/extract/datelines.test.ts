import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isPlaceLine, isTimeLine } from './datelines';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';

test('time lines: clock times with a zone, and the END line', () => {
  for (const t of ['12:42 P.M. PST', '9:14 A.M. EDT', 'END 1:05 P.M. EST', 'END', '11:02 a.m. local time'])
    assert.ok(isTimeLine(t), t);
  for (const t of ['We start at 12:42 P.M. today.', 'Ending the war', '2021'])
    assert.equal(isTimeLine(t), false, t);
});

test('place lines: short capitalised lines, not sentences or headlines with verbs', () => {
  for (const t of [
    'NATO Headquarters Brussels, Belgium',
    'James S. Brady Press Briefing Room',
    'Aboard Air Force One En Route Columbus, Ohio',
    'The White House, Washington, D.C.',
    'Via Teleconference',
  ])
    assert.ok(isPlaceLine(t), t);
  for (const t of [
    'Good morning, everybody.',
    'Press Briefing by Press Secretary Jen Psaki',
    'The President met the Chancellor in Berlin on Monday and spoke about trade with her.',
    '“Thank you.”',
  ])
    assert.equal(isPlaceLine(t), false, t);
});

test('a transcript keeps its dateline and times out of the statements, and END out of the last turn', () => {
  const text = [
    '# Remarks by the President at a Press Conference',
    'NATO Headquarters Brussels, Belgium',
    '12:42 P.M. PST',
    'THE PRESIDENT: Good afternoon. The alliance is strong.',
    'Q: Mr. President, what about Ukraine?',
    'THE PRESIDENT: We stand with Ukraine.',
    'END 1:05 P.M. PST',
  ].join('\n\n');
  const read = extractDocuments({ path: 'remarks.md', text, mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(read.ok);
  const passages = read.documents[0]!.passages;
  const texts = passages.map((p) => p.text);
  for (const line of ['NATO Headquarters Brussels, Belgium', '12:42 P.M. PST', 'END 1:05 P.M. PST'])
    assert.ok(!texts.some((t) => t.includes(line)), `${line} is no statement`);
  assert.deepEqual(
    passages.filter((p) => p.kind === 'turn').map((p) => p.text),
    [
      'Good afternoon. The alliance is strong.',
      'Mr. President, what about Ukraine?',
      'We stand with Ukraine.',
    ],
  );
  assert.ok(read.dropped.some((doc) => doc.dropped.some((d) => d.reason === 'dateline')));
});
