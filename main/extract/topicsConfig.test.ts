import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { IPTC_TOPICS } from '../common/contract';
import defaultTopics from './defaultTopics.json';
import { DEFAULT_TAXONOMY } from './topics';
import { readTopicsConfig } from './topicsConfig';

test('the default taxonomy is a topics file like a user’s, with every IPTC top-level topic', () => {
  const config = readTopicsConfig(defaultTopics);
  assert.equal(config.replace, true);
  assert.deepEqual(config.taxonomy, DEFAULT_TAXONOMY);
  for (const slug of IPTC_TOPICS) assert.ok((DEFAULT_TAXONOMY[slug] ?? []).length >= 5, slug);
});

test('a user’s topics file is read the same way, in either of its shapes', () => {
  const nested = readTopicsConfig(parseYaml('replace: false\ntopics:\n  energy: [oil, " gas ", 3]\n'));
  assert.deepEqual(nested, { replace: false, taxonomy: { energy: ['oil', 'gas'] } });
  const plain = readTopicsConfig(parseYaml('housing: [rent, mortgage]\n'));
  assert.deepEqual(plain, { replace: false, taxonomy: { housing: ['rent', 'mortgage'] } });
  assert.throws(() => readTopicsConfig({ energy: 'oil' }), /topic "energy" must have a list of keywords/);
});
