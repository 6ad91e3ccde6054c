import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_RECENT,
  SettingsSchema,
  defaultSettings,
  fitWindowToDisplays,
  loadSettings,
  parseSettings,
  saveSettings,
  withRecent,
} from './settings';

const work = mkdtempSync(join(tmpdir(), 'dictum-settings-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('parseSettings', () => {
  it('keeps valid fields and drops bad ones', () => {
    const abs = join(work, 'corpus');
    assert.deepEqual(
      parseSettings({
        window: { x: 10, y: 20, width: 900, height: 600, maximized: true },
        recentCorpora: [abs, 'relative/path', 42, abs, join(work, 'other')],
        theme: 'dark',
      }),
      {
        window: { x: 10, y: 20, width: 900, height: 600, maximized: true },
        recentCorpora: [abs, join(work, 'other')],
        theme: 'dark',
      },
    );
    assert.deepEqual(parseSettings({ window: { width: 10, height: 600 }, theme: 'neon' }), defaultSettings());
    assert.deepEqual(parseSettings({ window: { x: 5, width: 800.5, height: 600 } }).window, null);
    assert.deepEqual(parseSettings({ window: { x: 5, width: 800, height: 600 } }).window, {
      width: 800,
      height: 600,
      maximized: false,
    });
  });

  it('never throws and always yields well-formed settings (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const settings = parseSettings(raw);
        return Value.Check(SettingsSchema, settings) && settings.recentCorpora.length <= MAX_RECENT;
      }),
    );
  });
});

describe('loadSettings and saveSettings', () => {
  it('round-trips, and falls back to defaults for a missing or damaged file', async () => {
    const file = join(work, 'nested', 'settings.json');
    assert.deepEqual(await loadSettings(file), defaultSettings());
    const settings = {
      window: { width: 1000, height: 700, maximized: false },
      recentCorpora: [work],
      theme: 'light' as const,
    };
    await saveSettings(file, settings);
    assert.deepEqual(await loadSettings(file), settings);
    assert.deepEqual(readdirSync(join(work, 'nested')), ['settings.json'], 'no temporary file left behind');
    writeFileSync(file, '{"window": {"width": 10');
    assert.deepEqual(await loadSettings(file), defaultSettings());
  });
});

describe('withRecent', () => {
  it('puts the folder first, once, and keeps at most MAX_RECENT', () => {
    assert.deepEqual(withRecent(['/b', '/a', '/c'], '/a'), ['/a', '/b', '/c']);
    const many = Array.from({ length: 15 }, (_, i) => `/d${i}`);
    const result = withRecent(many, '/new');
    assert.equal(result.length, MAX_RECENT);
    assert.equal(result[0], '/new');
  });
});

describe('fitWindowToDisplays', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 860 };
  const external = { x: 1440, y: 0, width: 2560, height: 1400 };

  it('keeps a place that is on a screen', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    assert.deepEqual(fitWindowToDisplays(saved, [laptop, external]), saved);
  });

  it('centres a window whose screen is gone, shrinking it to fit', () => {
    const saved = { x: 1600, y: 100, width: 2000, height: 1200, maximized: true };
    assert.deepEqual(fitWindowToDisplays(saved, [laptop]), { width: 1440, height: 860, maximized: true });
  });

  it('centres a window only a sliver of which is visible', () => {
    const saved = { x: 1400, y: 10, width: 800, height: 600, maximized: false };
    assert.deepEqual(fitWindowToDisplays(saved, [laptop]), { width: 800, height: 600, maximized: false });
  });

  it('pulls a title bar above the screen back down', () => {
    const saved = { x: 100, y: -300, width: 800, height: 600, maximized: false };
    assert.equal(fitWindowToDisplays(saved, [laptop]).y, 0);
  });

  it('uses the default size when nothing was saved', () => {
    assert.deepEqual(fitWindowToDisplays(null, [laptop]), { width: 1200, height: 820, maximized: false });
    assert.deepEqual(fitWindowToDisplays(null, []), { width: 1200, height: 820, maximized: false });
  });
});
