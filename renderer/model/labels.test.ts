import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_SPEAKER } from '../../main/common/contract';
import { isIptcTopic, speakerLabel, topicLabel } from './labels';

test('a source tag reads as words, an IPTC topic by its label, and the two are told apart', () => {
  assert.equal(topicLabel('state-decorations'), 'State decorations');
  assert.equal(topicLabel('press-briefings'), 'Press briefings');
  assert.equal(topicLabel('economy-business-finance'), 'Economy, business and finance');
  assert.equal(isIptcTopic('sport'), true);
  assert.equal(isIptcTopic('foreign-policy'), false);
  assert.equal(topicLabel('---'), '---', 'a value with no words is shown as it is');
});

test('statements without a speaker are "No speaker"', () => {
  assert.equal(speakerLabel(NO_SPEAKER), 'No speaker');
  assert.equal(speakerLabel('Jen Psaki'), 'Jen Psaki');
});
