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
