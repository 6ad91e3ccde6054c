import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandRegistry } from './commands';

test('a registered command runs with the context and says whether it applied', () => {
  const registry = new CommandRegistry<{ reading: boolean }>();
  const seen: boolean[] = [];
  registry.register('nextHit', (c) => {
    seen.push(c.reading);
    return c.reading;
  });
  assert.equal(registry.run('nextHit', { reading: true }), true);
  assert.equal(registry.run('nextHit', { reading: false }), false);
  assert.deepEqual(seen, [true, false]);
});

test('an action without a handler does not apply', () => {
  const registry = new CommandRegistry<null>();
  assert.equal(registry.has('help'), false);
  assert.equal(registry.run('help', null), false);
});

test('an action takes one handler only', () => {
  const registry = new CommandRegistry<null>();
  registry.register('help', () => true);
  assert.throws(() => registry.register('help', () => true), /^Error: renderer: the command "help"/);
});
