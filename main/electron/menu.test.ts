import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import { corpusFromArgv, corpusFromInstanceData } from './args';
import { ACCELERATORS, buildMenuTemplate, type MenuActions, type MenuState } from './menu';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    openFolder: () => calls.push('openFolder'),
    openRecent: (dir) => calls.push(`openRecent ${dir}`),
    clearRecent: () => calls.push('clearRecent'),
    openOriginal: () => calls.push('openOriginal'),
    revealOriginal: () => calls.push('revealOriginal'),
    focusSearch: () => calls.push('focusSearch'),
    showShortcuts: () => calls.push('showShortcuts'),
    exportResults: () => calls.push('exportResults'),
    saveSearch: () => calls.push('saveSearch'),
    showSavedSearches: () => calls.push('showSavedSearches'),
    toggleTimeline: () => calls.push('toggleTimeline'),
    setTheme: (theme) => calls.push(`setTheme ${theme}`),
  };
  return { calls, actions };
}

const base: MenuState = {
  platform: 'linux',
  appName: 'Dictum',
  isDev: false,
  recentCorpora: ['/home/me/news', '/home/me/un'],
  theme: 'system',
  hasDocument: false,
};

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byLabel(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.label === label);
  assert.ok(found, `menu item ${label}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  it('Windows and Linux: File, Edit, View, Help; Quit under File; About under Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildMenuTemplate({ ...base, platform }, recorder().actions);
      assert.deepEqual(
        template.map((item) => item.label ?? item.role),
        ['File', 'Edit', 'View', 'help'],
      );
      const roles = flatten(template).map((item) => item.role);
      assert.ok(roles.includes('quit') && roles.includes('about'));
      assert.ok(!roles.includes('services') && !roles.includes('hide'));
    }
  });

  it('macOS: the app menu first, a Window menu, Close under File', () => {
    const template = buildMenuTemplate({ ...base, platform: 'darwin' }, recorder().actions);
    assert.deepEqual(
      template.map((item) => item.label ?? item.role),
      ['Dictum', 'File', 'Edit', 'View', 'windowMenu', 'help'],
    );
    const appMenu = (template[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role);
    assert.ok(
      ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'].every((role) =>
        appMenu.includes(role as never),
      ),
    );
    assert.ok(flatten(template.slice(1, 2)).some((item) => item.role === 'close'));
    assert.equal(byLabel(template, 'Reveal in Finder').accelerator, ACCELERATORS.revealOriginal);
  });

  it('wires accelerators to actions', () => {
    const { calls, actions } = recorder();
    const template = buildMenuTemplate({ ...base, hasDocument: true }, actions);
    assert.equal(byLabel(template, 'Open Folder…').accelerator, 'CmdOrCtrl+O');
    assert.equal(byLabel(template, 'Keyboard Shortcuts').accelerator, 'CmdOrCtrl+/');
    assert.equal(byLabel(template, 'Export Results…').accelerator, 'CmdOrCtrl+Shift+E');
    assert.equal(byLabel(template, 'Find').accelerator, 'CmdOrCtrl+F');
    assert.equal(byLabel(template, 'Save Search…').accelerator, 'CmdOrCtrl+S');
    assert.equal(byLabel(template, 'Saved Searches…').accelerator, 'Alt+L');
    assert.equal(byLabel(template, 'Chart Over Time').accelerator, 'Alt+T');
    click(byLabel(template, 'Chart Over Time'));
    assert.deepEqual(calls.splice(0), ['toggleTimeline']);
    for (const label of [
      'Open Folder…',
      'Save Search…',
      'Saved Searches…',
      'Open Original',
      'Show in Folder',
      'Find',
      'Keyboard Shortcuts',
      'Dark',
    ]) {
      click(byLabel(template, label));
    }
    click(byLabel(template, 'news — /home/me/news'));
    click(byLabel(template, 'Clear Recent'));
    assert.deepEqual(calls, [
      'openFolder',
      'saveSearch',
      'showSavedSearches',
      'openOriginal',
      'revealOriginal',
      'focusSearch',
      'showShortcuts',
      'setTheme dark',
      'openRecent /home/me/news',
      'clearRecent',
    ]);
  });

  it('disables what has nothing to act on', () => {
    const template = buildMenuTemplate({ ...base, recentCorpora: [] }, recorder().actions);
    assert.equal(byLabel(template, 'Open Original').enabled, false);
    assert.equal(byLabel(template, 'Show in Folder').enabled, false);
    assert.equal(byLabel(template, 'No Recent Folders').enabled, false);
    assert.equal(byLabel(template, 'Clear Recent').enabled, false);
  });

  it('offers reload and developer tools only when unpackaged', () => {
    const roles = (isDev: boolean) =>
      flatten(buildMenuTemplate({ ...base, isDev }, recorder().actions)).map((item) => item.role);
    assert.ok(roles(true).includes('reload') && roles(true).includes('toggleDevTools'));
    assert.ok(!roles(false).includes('reload') && !roles(false).includes('toggleDevTools'));
    assert.ok(roles(false).includes('zoomIn') && roles(false).includes('togglefullscreen'));
  });

  it('checks the current theme', () => {
    const template = buildMenuTemplate({ ...base, theme: 'light' }, recorder().actions);
    assert.equal(byLabel(template, 'Light').checked, true);
    assert.equal(byLabel(template, 'Follow System').checked, false);
  });
});

describe('corpusFromArgv', () => {
  it('finds --corpus among Electron and Chromium arguments', () => {
    assert.equal(corpusFromArgv(['dist/electron/main.js', '--corpus', 'news'], '/home/me'), '/home/me/news');
    assert.equal(
      corpusFromArgv(['--inspect=0', '--corpus=/data/un', '--remote-debugging-port=0'], '/x'),
      '/data/un',
    );
    assert.equal(corpusFromArgv(['dist/electron/main.js'], '/x'), null);
    assert.equal(corpusFromArgv(['--corpus'], '/x'), null);
    assert.equal(corpusFromArgv(['--corpus', '--other'], '/x'), null);
    assert.equal(corpusFromArgv(['--', '--corpus', 'x'], '/x'), null);
  });

  it('reads the corpus a second instance passed through the lock', () => {
    assert.equal(corpusFromInstanceData({ corpus: '/data/un' }), '/data/un');
    for (const bad of [null, 'x', { corpus: 3 }, { corpus: '' }, {}])
      assert.equal(corpusFromInstanceData(bad), null);
  });
});
