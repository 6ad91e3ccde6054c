import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readText } from './formats';
import { defaultExtractOptions, prepare } from './options';
import { buildDocument, readThrough, STAGE_NAMES } from './pipeline';

const TEXT = [
  'Talks in Geneva',
  'MS. PSAKI: Good afternoon, everyone.',
  'Q Will the talks go on?',
  'MS. PSAKI: "We hope so," she said. They will.',
].join('\n\n');

test('the stages run in the listed order and each one can be looked at alone', () => {
  assert.deepEqual(STAGE_NAMES, [
    'paragraphs',
    'dates',
    'names',
    'turns',
    'quotes',
    'attribution',
    'passages',
  ]);
  const prepared = prepare(defaultExtractOptions());
  const raw = readText('briefing.txt', TEXT, 0)[0]!;
  const trace = readThrough(raw, prepared);
  assert.deepEqual(Object.keys(trace), [...STAGE_NAMES]);
  assert.equal(trace.paragraphs.paras.length, 4);
  assert.equal(trace.paragraphs.title, 'Talks in Geneva');
  // the turns stage alone: who holds each paragraph, and which are left to the quote stages
  assert.deepEqual(trace.turns.turnSpeakers, [null, 'Jen Psaki', 'Reporter', 'Jen Psaki']);
  assert.deepEqual(trace.turns.newsIdx, [0]);
  // a quote inside a turn is the turn's: the quote stage sees only the title paragraph
  assert.deepEqual(trace.quotes.spans, []);
  assert.deepEqual(buildDocument(raw, prepared), trace.passages);
});
