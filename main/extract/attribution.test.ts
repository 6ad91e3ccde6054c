/** Quote attribution across sentences and paragraphs (cases from the PolNeAR development part). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';

const noNameList = { ...defaultExtractOptions(), builtInPeople: false };

function quotes(text: string): Array<[string | null, string]> {
  const r = extractDocuments({ path: 'a.txt', text, mtimeMs: 0 }, noNameList);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.documents[0]!.passages.filter((p) => p.kind === 'quote').map((p) => [p.speaker, p.text]);
}

test('a quote that opens the paragraph after "Cruz continued:" is what Cruz said', () => {
  const got = quotes(
    [
      'Ted Cruz spoke at the debate on Tuesday night in Boulder.',
      'Cruz continued:',
      '“You look at the questions: are you a comic book villain? Can you do math?”',
    ].join('\n\n'),
  );
  assert.deepEqual(got, [
    ['Ted Cruz', 'You look at the questions: are you a comic book villain? Can you do math?'],
  ]);
});

test('a paragraph ending in a colon without speech introduces no one ("Here they are:")', () => {
  const got = quotes(
    [
      'Morton Blackwell listed several questions for voters. Here they are:',
      '“Has the candidate ever continued to fight hard for conservative principles when it appeared to be a losing battle?”',
    ].join('\n\n'),
  );
  assert.ok(got.every(([speaker]) => speaker !== 'Morton Blackwell'));
});

test('a second speech verb with no subject of its own shares the first quote’s speaker', () => {
  const got = quotes(
    'Jeb Bush referred to Rubio as “a bright, charismatic leader” but described his leadership skills as a “work in progress.”',
  );
  assert.deepEqual(got, [
    ['Jeb Bush', 'a bright, charismatic leader'],
    ['Jeb Bush', 'work in progress.'],
  ]);
});

test('a second verb whose subject is another person does not inherit the first speaker', () => {
  const got = quotes(
    'Jeb Bush called Rubio “a bright, charismatic leader” while Chris Christie said he was “not ready for the job.”',
  );
  assert.deepEqual(got, [
    ['Jeb Bush', 'a bright, charismatic leader'],
    ['Chris Christie', 'not ready for the job.'],
  ]);
});

test('an appositive with a place inside it ("from Sumter, South Carolina,") still leads to the person', () => {
  const got = quotes(
    'Dean Johnson, a 55-year-old salesman from Sumter, South Carolina, says Cruz will “leave here with momentum.”',
  );
  assert.deepEqual(got, [['Dean Johnson', 'leave here with momentum.']]);
});

test('a possessive after the speaker’s verb is part of what was said, not its source', () => {
  const got = quotes(
    'Paul Ryan spoke in Janesville. Ryan said Obama’s words and actions “amount to a form of intimidation that undermines liberty.”',
  );
  assert.deepEqual(got, [['Paul Ryan', 'amount to a form of intimidation that undermines liberty.']]);
});

test('an abbreviated title inside a name run ("Former Arkansas Gov. Mike Huckabee") keeps the person', () => {
  const got = quotes(
    'Former Arkansas Gov. Mike Huckabee, for his part, is labeling Obama’s actions “a blatant, belligerent abuse of power.”',
  );
  assert.deepEqual(got, [['Mike Huckabee', 'a blatant, belligerent abuse of power.']]);
});

test('a name that only qualifies a role after the verb is not the speaker', () => {
  const got = quotes(
    [
      '“This has gone from being a matter of curiosity,” said Clinton’s top foreign policy aide Jake Sullivan.',
      '“Only in Washington is this a conflict,” said Huckabee campaign spokesman Hogan Gidley.',
    ].join('\n\n'),
  );
  assert.deepEqual(got, [
    ['Jake Sullivan', 'This has gone from being a matter of curiosity'],
    ['Hogan Gidley', 'Only in Washington is this a conflict'],
  ]);
});

test('"adding that Trump ..." goes on in the first speaker’s voice; the person after the verb is its object', () => {
  const got = quotes(
    'Ted Cruz spoke in Columbia. Cruz said that there is “only one strong conservative in a position to win this race,” adding that it’s why Donald Trump “relentlessly attacks us and ignores the other candidates.”',
  );
  assert.deepEqual(got, [
    ['Ted Cruz', 'only one strong conservative in a position to win this race'],
    ['Ted Cruz', 'relentlessly attacks us and ignores the other candidates.'],
  ]);
});

test('"is questioning whether" reports speech', () => {
  const got = quotes(
    'Republican front-runner Donald Trump is questioning whether President Barack Obama would have attended the funeral “if it were held in a mosque.”',
  );
  assert.deepEqual(got, [['Donald Trump', 'if it were held in a mosque.']]);
});

test('a weekday or a title acronym is never the speaker', () => {
  const got = quotes(
    [
      'Donald Trump spoke about the attack. At one point on Sunday, Trump, who has nearly 9 million followers, tweeted, “Reporting that the killer shouted as he slaughtered clubgoers.”',
      'Anthony Anton, president and CEO of Washington Restaurant Association stated, “It’s not a political problem; it is a math problem.”',
    ].join('\n\n'),
  );
  assert.ok(
    got.every(([speaker]) => speaker !== 'Sunday' && speaker !== 'Ceo' && speaker !== 'CEO'),
    JSON.stringify(got),
  );
});
