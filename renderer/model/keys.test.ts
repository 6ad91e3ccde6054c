import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BINDINGS, actionFor, chordLabel, keysLabel, type KeyLike } from './keys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: mods.code ?? '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

test('Mod is Ctrl elsewhere and Cmd on macOS', () => {
  assert.equal(actionFor(key('k', { ctrlKey: true }), 'linux', true), 'focusSearch');
  assert.equal(actionFor(key('k', { ctrlKey: true }), 'darwin', true), null);
  assert.equal(actionFor(key('k', { metaKey: true }), 'darwin', true), 'focusSearch');
  assert.equal(chordLabel('Mod+K', 'darwin'), '⌘K');
  assert.equal(chordLabel('Mod+K', 'win32'), 'Ctrl+K');
});

test('letters act only when focus is not in a text field', () => {
  assert.equal(actionFor(key('j'), 'web', false), 'nextResult');
  assert.equal(actionFor(key('j'), 'web', true), null);
  assert.equal(actionFor(key('ArrowDown'), 'web', true), 'nextResult');
  assert.equal(actionFor(key('/'), 'web', true), null, '/ types a slash in the search box');
  assert.equal(actionFor(key('/'), 'web', false), 'focusSearch');
});

test('Shift matters for letters and named keys, not for punctuation', () => {
  assert.equal(actionFor(key('n'), 'web', false), 'nextHit');
  assert.equal(actionFor(key('N', { shiftKey: true }), 'web', false), 'prevHit');
  assert.equal(actionFor(key('?', { shiftKey: true }), 'web', false), 'help');
  assert.equal(actionFor(key('C', { shiftKey: true, ctrlKey: true }), 'linux', true), 'copyCitation');
  assert.equal(actionFor(key('Enter', { shiftKey: true }), 'web', false), null);
});

test('Alt with a digit or letter goes by the physical key (macOS changes the character)', () => {
  assert.equal(actionFor(key('¡', { altKey: true, code: 'Digit1' }), 'darwin', true), 'facetSpeaker');
  assert.equal(actionFor(key('ß', { altKey: true, code: 'KeyS' }), 'darwin', true), 'cycleSort');
  assert.equal(actionFor(key('4', { altKey: true, code: 'Digit4' }), 'linux', true), 'facetKind');
});

test('every action has a label and its keys can be written down', () => {
  for (const b of BINDINGS) {
    assert.ok(b.label.length > 0);
    assert.ok(keysLabel(b.action, 'linux').length > 0);
  }
  assert.equal(keysLabel('nextResult', 'linux'), '↓ or j');
});

test('no two bindings claim the same key in the same context', () => {
  const seen = new Map<string, string>();
  for (const b of BINDINGS) {
    for (const c of b.chords) {
      const k = `${b.when}:${c}`;
      assert.ok(!seen.has(k) || seen.get(k) === b.action, `${c} is bound twice`);
      seen.set(k, b.action);
    }
  }
});
