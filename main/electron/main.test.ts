/**
 * Runs the BUILT Electron main process (dist/electron/main.js) in plain Node against a
 * recording stand-in for `electron`, with the real SearchService indexing a small corpus.
 * What it proves: the window's security options, the app protocol, the IPC handlers and
 * their sender and argument checks, navigation and permission denial, the menu, corpus
 * switching, the single-instance lock and a clean quit. What it cannot prove (a real
 * Chromium window) is e2e/electron.spec.ts's job where a binary exists.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  DESKTOP_CHANNELS,
  EXPORT_PROGRESS_CHANNEL,
  STATUS_EVENT_CHANNEL,
  type ExportOutcome,
} from '../common/bridge';
import { CONTRACT, CONTRACT_METHODS, type SearchResponse, type StatusResponse } from '../common/contract';
import type { TimelineResponse } from '../common/timeline';
import { SAVED_CONTRACT, SAVED_FILE, type SavedSearch, type SavedSearchList } from '../common/savedSearches';
import { buildForTest, type TestDist } from './buildForTest';
import { DROPPED_FOLDER_CHANNEL, MENU_COMMAND_CHANNEL, type IpcResult } from './channels';
import {
  createMainStandIn,
  fakeEvent,
  installElectron,
  type FakeFrame,
  type FakeWebContents,
  type MainStandIn,
  type MenuTemplate,
} from '../../test/electronStandIn';
import { CONTENT_SECURITY_POLICY } from './protocol';

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function findItem(template: MenuTemplate, label: string): MenuTemplate[number] | undefined {
  for (const item of template) {
    if (item.label === label) return item;
    const inner = item.submenu ? findItem(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

const work = mkdtempSync(join(tmpdir(), 'dictum-electron-'));
const corpusA = join(work, 'briefings');
const corpusB = join(work, 'speeches');
const userData = join(work, 'user-data');

function writeCorpora(): void {
  mkdirSync(corpusA, { recursive: true });
  mkdirSync(corpusB, { recursive: true });
  writeFileSync(
    join(corpusA, 'briefing.txt'),
    [
      'Press Briefing by Press Secretary Jen Psaki, March 3, 2021',
      '',
      'MS. PSAKI: Good afternoon. The President will travel to Ohio on Tuesday to talk about infrastructure and jobs.',
      '',
      'Q: Will he meet the governor while he is there?',
      '',
      'MS. PSAKI: He will meet the governor and local leaders to discuss the bridge repairs.',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(corpusB, 'speech.txt'),
    [
      'Remarks on the harvest, October 2, 2019',
      '',
      '"The harvest this year was the best in a decade," said Minister Anna Berg at the fair in Uppsala.',
      '',
    ].join('\n'),
  );
  // A saved window far off every screen: the app must bring it back.
  mkdirSync(userData, { recursive: true });
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({
      window: { x: 9000, y: 9000, width: 1000, height: 700, maximized: false },
      theme: 'system',
    }),
  );
}

let built: TestDist;
let stand: MainStandIn;
const savedArgv = process.argv;
/** Loads a built CommonJS bundle the way Electron loads main.js. */
const load = createRequire(__filename);

function mainWindow() {
  const window = stand.windows[0];
  assert.ok(window, 'a window was created');
  return window;
}

function trustedEvent(contents: FakeWebContents = mainWindow().webContents, frame?: FakeFrame) {
  return { sender: contents, senderFrame: frame ?? contents.mainFrame };
}

async function invoke<T>(
  channel: string,
  args: unknown[],
  event: unknown = trustedEvent(),
): Promise<IpcResult<T>> {
  const handler = stand.invokeHandlers.get(channel);
  assert.ok(handler, `a handler for ${channel}`);
  return (await handler(event, ...args)) as IpcResult<T>;
}

async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = await invoke<T>(channel, args);
  if (!result.ok) assert.fail(`${channel} failed: ${result.error}`);
  return result.value;
}

async function readyStatus(corpus: string): Promise<StatusResponse> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await value<StatusResponse>(CONTRACT.status.channel);
    if (
      status.corpus.path === corpus &&
      (status.progress.phase === 'ready' || status.progress.phase === 'failed')
    ) {
      return status;
    }
    if (Date.now() > deadline) assert.fail(`corpus ${corpus} never became ready: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  writeCorpora();
  built = await buildForTest();
  stand = createMainStandIn({ userData });
  installElectron(stand.electron);
  process.argv = [process.execPath, built.mainJs, '--corpus', corpusA, '--remote-debugging-port=0'];
  load(built.mainJs);
  process.argv = savedArgv;
});

after(() => {
  process.argv = savedArgv;
  built.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('electron main process (built, against a recording stand-in)', () => {
  it('sets up what must come before ready: the privileged scheme, the sandbox, the single-instance lock', () => {
    const [schemes] = stand.callsTo('protocol.registerSchemesAsPrivileged');
    assert.deepEqual(schemes?.args[0], [
      { scheme: 'dictum', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    assert.equal(stand.callsTo('app.enableSandbox').length, 1);
    const [lock] = stand.callsTo('app.requestSingleInstanceLock');
    assert.deepEqual(lock?.args[0], { corpus: corpusA });
    assert.equal(stand.windows.length, 0, 'no window before ready');
  });

  it('opens one hardened window on the app protocol once ready', async () => {
    stand.ready();
    const window = await waitFor('the window to load', () =>
      stand.windows[0]?.loadedUrl ? stand.windows[0] : undefined,
    );
    assert.equal(window.loadedUrl, 'dictum://app/index.html');
    const prefs = window.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.notEqual(prefs.webviewTag, true);
    assert.equal(prefs.enableBlinkFeatures, undefined);
    assert.equal(prefs.disableBlinkFeatures, 'Auxclick');
    assert.equal(prefs.preload, built.preloadJs);
    assert.ok(existsSync(prefs.preload as string), 'the preload exists beside main.js');
    assert.equal(window.options.show, false, 'shown only when ready, without a white flash');
    if (process.platform !== 'darwin')
      assert.match(String(window.options.icon), /build[\\/]icons[\\/]512x512\.png$/);
  });

  it('moves a window saved off every screen back onto one', () => {
    const options = mainWindow().options;
    assert.equal(options.x, undefined);
    assert.equal(options.y, undefined);
    assert.equal(options.width, 1000);
    assert.equal(options.height, 700);
  });

  it('serves the renderer from dist/renderer with the CSP header, and nothing outside it', async () => {
    const handler = stand.protocolHandlers.get('dictum');
    assert.ok(handler, 'protocol.handle("dictum", ...) was called');
    const ok = await handler(new Request('dictum://app/index.html'));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await ok.text(), readFileSync(join(built.dist, 'renderer', 'index.html'), 'utf8'));
    // main.js sits one folder above the renderer's files: the traversal target.
    const mainSource = readFileSync(built.mainJs, 'utf8');
    for (const url of [
      'dictum://app/../electron/main.js',
      'dictum://app/%2e%2e/electron/main.js',
      'dictum://app/%2E%2E%2Felectron%2Fmain.js',
      'dictum://app/..%5Celectron%5Cmain.js',
      'dictum://app/x/..%2F..%2Felectron/main.js',
      'dictum://other/index.html',
      'dictum://app/electron/main.js',
    ]) {
      const refused = await handler(new Request(url));
      assert.ok(refused.status >= 400, `${url} refused (got ${refused.status})`);
      assert.notEqual(await refused.text(), mainSource);
      assert.equal(refused.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    }
  });

  it('has a handler for every contract method and desktop action, and nothing else', () => {
    const expected = [
      ...CONTRACT_METHODS.map((m) => CONTRACT[m].channel),
      ...Object.values(DESKTOP_CHANNELS),
      ...Object.values(SAVED_CONTRACT).map((entry) => entry.channel),
    ];
    assert.deepEqual([...stand.invokeHandlers.keys()].sort(), expected.sort());
    assert.deepEqual([...stand.messageHandlers.keys()], [DROPPED_FOLDER_CHANNEL]);
  });

  it('answers search and status for the corpus given with --corpus', async () => {
    const status = await readyStatus(corpusA);
    assert.equal(status.error, null);
    assert.ok(status.passages > 0, `passages indexed: ${status.passages}`);
    await waitFor("the service's progress to reach the page as a ready status event", () =>
      mainWindow().webContents.sent.some((m) => {
        const event = m.args[0] as StatusResponse;
        return (
          m.channel === STATUS_EVENT_CHANNEL &&
          event.corpus.path === corpusA &&
          event.progress.phase === 'ready'
        );
      }),
    );
    const response = await value<SearchResponse>(CONTRACT.search.channel, { q: 'infrastructure' });
    assert.ok(response.total >= 1, 'the briefing is found');
    assert.match(response.hits[0]?.text ?? '', /infrastructure/);
    const timeline = await value<TimelineResponse>(CONTRACT.timeline.channel, { q: 'infrastructure' });
    assert.equal(timeline.series[0]?.total, response.total, 'the timeline counts the same matches');
  });

  it('refuses IPC from a foreign origin, a subframe, another window or a dead frame', async () => {
    const window = mainWindow();
    const contents = window.webContents;
    const foreignOrigin: FakeFrame = { ...contents.mainFrame, url: 'https://evil.example/' };
    const subframe: FakeFrame = {
      url: 'dictum://app/index.html',
      parent: contents.mainFrame,
      processId: 7,
      routingId: 999,
    };
    const otherWindow = new stand.electron.BrowserWindow({});
    void otherWindow.loadURL('dictum://app/index.html');
    const cases: Array<[string, unknown]> = [
      ['foreign origin', trustedEvent(contents, foreignOrigin)],
      ['file origin', trustedEvent(contents, { ...contents.mainFrame, url: 'file:///tmp/x.html' })],
      ['subframe', trustedEvent(contents, subframe)],
      ['another window', trustedEvent(otherWindow.webContents)],
      ['destroyed frame', { sender: contents, senderFrame: null }],
    ];
    for (const [name, event] of cases) {
      for (const channel of [
        CONTRACT.search.channel,
        CONTRACT.status.channel,
        DESKTOP_CHANNELS.openOriginal,
      ]) {
        const result = await invoke(channel, channel === CONTRACT.search.channel ? [{ q: 'x' }] : [], event);
        assert.equal(result.ok, false, `${name} on ${channel} refused`);
        assert.ok(
          !result.ok && result.status === 403 && /^ipc: /.test(result.error),
          `${name}: ${JSON.stringify(result)}`,
        );
      }
    }
    stand.windows.pop();
  });

  it('validates arguments against the contract', async () => {
    const bad: Array<[string, unknown[], RegExp]> = [
      [CONTRACT.search.channel, [{ q: 'x', limit: -1 }], /^search: limit/],
      [CONTRACT.search.channel, [{ q: 'x', evil: true }], /^search: unknown field evil/],
      [CONTRACT.search.channel, ['q=x'], /^search: the request must be an object/],
      [CONTRACT.search.channel, [{ q: 'x' }, 'extra'], /takes 1 argument/],
      [CONTRACT.document.channel, [42], /^document: id/],
      [CONTRACT.document.channel, [''], /^document: id/],
      [CONTRACT.status.channel, ['x'], /takes 0 argument/],
      [CONTRACT.timeline.channel, [{ q: 'x', series: 'weekly' }], /^timeline: series/],
      [CONTRACT.timeline.channel, [{ q: 'x', limit: 5 }], /^timeline: unknown field limit/],
      [DESKTOP_CHANNELS.openOriginal, [{ path: '/etc/passwd' }], /^document: id/],
      [DESKTOP_CHANNELS.revealOriginal, ['x'.repeat(600)], /^document: id/],
    ];
    for (const [channel, args, message] of bad) {
      const result = await invoke(channel, args);
      assert.ok(!result.ok, `${channel} ${JSON.stringify(args)} refused`);
      assert.match(result.error, message);
      assert.equal(result.status, 400);
    }
    const missing = await invoke(CONTRACT.document.channel, ['no-such-document']);
    assert.ok(!missing.ok);
    assert.equal(stand.callsTo('shell.openPath').length, 0);
  });

  it('opens and reveals originals only through a document id the service knows', async () => {
    const response = await value<SearchResponse>(CONTRACT.search.channel, { q: 'governor' });
    const hit = response.hits[0];
    assert.ok(hit, 'a hit to open');
    await value(CONTRACT.document.channel, hit.docId);
    await value(DESKTOP_CHANNELS.openOriginal, hit.docId);
    await value(DESKTOP_CHANNELS.revealOriginal, hit.docId);
    assert.deepEqual(
      stand.callsTo('shell.openPath').map((c) => c.args[0]),
      [join(corpusA, 'briefing.txt')],
    );
    assert.deepEqual(
      stand.callsTo('shell.showItemInFolder').map((c) => c.args[0]),
      [join(corpusA, 'briefing.txt')],
    );
    const unknown = await invoke(DESKTOP_CHANNELS.openOriginal, ['../../etc/passwd']);
    assert.ok(!unknown.ok);
    assert.equal(stand.callsTo('shell.openPath').length, 1);

    // The file swapped for a link out of the corpus folder since it was indexed: refused.
    const file = join(corpusA, 'briefing.txt');
    const text = readFileSync(file);
    writeFileSync(join(work, 'outside.txt'), 'not in the corpus\n');
    rmSync(file);
    symlinkSync(join(work, 'outside.txt'), file);
    try {
      const linked = await invoke(DESKTOP_CHANNELS.openOriginal, [hit.docId]);
      assert.ok(!linked.ok);
      const revealed = await invoke(DESKTOP_CHANNELS.revealOriginal, [hit.docId]);
      assert.ok(!revealed.ok);
    } finally {
      rmSync(file);
      writeFileSync(file, text);
    }
    assert.equal(stand.callsTo('shell.openPath').length, 1);
    assert.equal(stand.callsTo('shell.showItemInFolder').length, 1);
  });

  it('denies navigation, new windows and webviews; opens only http(s) links outside', () => {
    const contents = mainWindow().webContents;
    const navigate = (url: string) => {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event, url);
      return event.defaultPrevented;
    };
    assert.equal(navigate('https://example.org/page'), true);
    assert.equal(navigate('file:///etc/passwd'), true);
    assert.equal(navigate('javascript:alert(1)'), true);
    assert.equal(navigate('dictum://app/index.html#doc'), false);
    const frameNav = fakeEvent({ url: 'https://example.org/' });
    contents.emit('will-frame-navigate', frameNav);
    assert.equal(frameNav.defaultPrevented, true);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    assert.equal(webview.defaultPrevented, true);
    assert.ok(contents.windowOpenHandler);
    for (const url of [
      'https://example.org/a',
      'file:///etc/passwd',
      'smb://host/share',
      'https://user:pw@example.org/',
    ]) {
      assert.deepEqual(contents.windowOpenHandler({ url }), { action: 'deny' });
    }
    // One tab for the burst: the http(s) link navigated to first; the rest came within a second.
    assert.deepEqual(
      stand.callsTo('shell.openExternal').map((c) => c.args[0]),
      ['https://example.org/page'],
    );
  });

  it('denies permissions by default; only the app page may write to the clipboard', () => {
    const { request, check } = stand.permission;
    assert.ok(request && check);
    const ask = (permission: string, url: string, isMainFrame = true) => {
      let granted: boolean | undefined;
      request(null, permission, (g) => (granted = g), { isMainFrame, requestingUrl: url });
      return granted;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid']) {
      assert.equal(ask(permission, 'dictum://app/index.html'), false, permission);
      assert.equal(check(null, permission, 'dictum://app', { isMainFrame: true }), false, permission);
    }
    assert.equal(ask('clipboard-sanitized-write', 'dictum://app/index.html'), true);
    assert.equal(ask('clipboard-sanitized-write', 'https://evil.example/'), false);
    assert.equal(ask('clipboard-sanitized-write', 'dictum://app/index.html', false), false);
  });

  it('keeps saved searches over IPC and notifies the desktop of a new match when the folder changes', async () => {
    await readyStatus(corpusA);
    const saved = await value<SavedSearch>(SAVED_CONTRACT.createSaved.channel, {
      name: 'Governor',
      query: {
        q: 'governor',
        speaker: [],
        topic: [],
        kind: ['turn'],
        sort: 'date-desc',
        limit: 20,
        offset: 0,
      },
    });
    assert.equal(saved.newCount, 0);
    assert.equal(saved.total, 2);
    const refused = await invoke(SAVED_CONTRACT.createSaved.channel, [{ name: '', query: {} }]);
    assert.deepEqual(refused, { ok: false, error: 'saved: name must not be empty', status: 400 });
    assert.ok(existsSync(join(corpusA, SAVED_FILE)), 'kept in the corpus folder');

    // The watcher sees the new file; the count goes up and the system shows a notification.
    writeFileSync(
      join(corpusA, 'briefing-2.txt'),
      [
        'Press Briefing, March 4, 2021',
        '',
        'MS. PSAKI: Good morning. The President is back from Ohio.',
        '',
        'Q: How did the meeting go?',
        '',
        'MS. PSAKI: The governor thanked the President for the visit.',
        '',
      ].join('\n'),
    );
    const notification = await waitFor('a desktop notification', () => stand.notifications[0], 30_000);
    assert.deepEqual(notification.options, {
      title: '1 new match for “Governor”',
      body: 'New in the folder since you last opened this saved search.',
    });
    assert.equal(stand.callsTo('Notification.show').length, 1);
    const listed = await value<SavedSearchList>(SAVED_CONTRACT.listSaved.channel);
    assert.deepEqual(
      listed.searches.map((s) => [s.name, s.newCount, s.total]),
      [['Governor', 1, 3]],
    );
    // Clicking it brings the window forward with the saved searches open.
    notification.emit('click');
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['saved-searches'],
    });
    const opened = await value<SavedSearch>(SAVED_CONTRACT.openSaved.channel, saved.id);
    assert.equal(opened.newCount, 0);
    const left = await value<SavedSearchList>(SAVED_CONTRACT.deleteSaved.channel, saved.id);
    assert.deepEqual(left.searches, []);
  });

  it('builds a menu with the expected accelerators that drives the app', () => {
    const template = stand.menuTemplate;
    assert.ok(template, 'an application menu is set');
    assert.equal(findItem(template, 'Open Folder…')?.accelerator, 'CmdOrCtrl+O');
    assert.ok(findItem(template, 'Open Recent')?.submenu);
    assert.equal(findItem(template, 'Open Original')?.accelerator, 'CmdOrCtrl+Shift+O');
    assert.equal(findItem(template, 'Open Original')?.enabled, true, 'enabled once a document was opened');
    const shortcuts = findItem(template, 'Keyboard Shortcuts');
    assert.equal(shortcuts?.accelerator, 'CmdOrCtrl+/');
    shortcuts?.click?.();
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['show-shortcuts'],
    });
    assert.equal(findItem(template, 'Save Search…')?.accelerator, 'CmdOrCtrl+S');
    findItem(template, 'Save Search…')?.click?.();
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['save-search'],
    });
    findItem(template, 'Saved Searches…')?.click?.();
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['saved-searches'],
    });
    findItem(template, 'Dark')?.click?.();
    assert.equal(stand.electron.nativeTheme.themeSource, 'dark');
    findItem(stand.menuTemplate ?? [], 'Follow System')?.click?.();
    assert.equal(stand.electron.nativeTheme.themeSource, 'system');
  });

  it('switches corpus from the open-folder dialog and tells the renderer', async () => {
    stand.dialogAnswers.push({ canceled: false, filePaths: [corpusB] });
    await value(DESKTOP_CHANNELS.openCorpusDialog);
    const status = await readyStatus(corpusB);
    assert.ok(status.passages > 0);
    const response = await value<SearchResponse>(CONTRACT.search.channel, { q: 'harvest' });
    assert.ok(response.total >= 1);
    const events = await waitFor('a status event for the new corpus', () => {
      const found = mainWindow().webContents.sent.filter(
        (m) => m.channel === STATUS_EVENT_CHANNEL && (m.args[0] as StatusResponse).corpus.path === corpusB,
      );
      return found.length > 0 && found;
    });
    assert.ok(events.length >= 1);
    assert.match(mainWindow().title, /^speeches — Dictum$/);
    const recent =
      findItem(stand.menuTemplate ?? [], 'Open Recent')?.submenu?.map((item) => item.label) ?? [];
    assert.ok(recent[0]?.includes(corpusB) && recent[1]?.includes(corpusA), `recent: ${recent.join(' | ')}`);
  });

  it('exports every match to the file chosen in the save dialog, with progress', async () => {
    const file = join(work, 'export.csv');
    stand.saveAnswers.push({ canceled: false, filePath: file });
    const outcome = await value<ExportOutcome>(DESKTOP_CHANNELS.exportResults, { q: '' }, 'csv');
    const total = (await value<SearchResponse>(CONTRACT.search.channel, { q: '', limit: 0 })).total;
    assert.deepEqual(outcome, { path: file, rows: total });
    const rows = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as unknown[];
    assert.equal(rows.length, total);
    const progress = mainWindow().webContents.sent.filter((m) => m.channel === EXPORT_PROGRESS_CHANNEL);
    assert.deepEqual(progress.at(-1)?.args[0], { done: total, total });
    // Cancelling the dialog writes nothing; a bad format is refused before any dialog.
    assert.equal(await value(DESKTOP_CHANNELS.exportResults, { q: '' }, 'jsonl'), null);
    const bad = await invoke(DESKTOP_CHANNELS.exportResults, [{ q: '' }, 'xml']);
    assert.ok(!bad.ok && /format/.test(bad.error));
  });

  it('opens a dropped folder, and only from the app window', async () => {
    const drop = stand.messageHandlers.get(DROPPED_FOLDER_CHANNEL);
    assert.ok(drop);
    const contents = mainWindow().webContents;
    drop(trustedEvent(contents, { ...contents.mainFrame, url: 'https://evil.example/' }), corpusA);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(
      (await value<StatusResponse>(CONTRACT.status.channel)).corpus.path,
      corpusB,
      'foreign drop ignored',
    );
    drop(trustedEvent(), join(corpusA, 'briefing.txt'));
    await waitFor(
      'a message that files are not folders',
      () => stand.callsTo('dialog.showMessageBox').length > 0,
    );
    drop(trustedEvent(), corpusA);
    await readyStatus(corpusA);
  });

  it('a second launch focuses the window and opens its --corpus', async () => {
    stand.electron.app.emit('second-instance', fakeEvent(), ['dictum', '--corpus', 'speeches'], work, {
      corpus: corpusB,
    });
    assert.ok(stand.callsTo('BrowserWindow.focus').length >= 1);
    await readyStatus(corpusB);
  });

  it('reloads a crashed page, a few times at most', () => {
    const contents = mainWindow().webContents;
    for (let i = 0; i < 5; i++)
      contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    contents.emit('render-process-gone', fakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    assert.equal(stand.callsTo('BrowserWindow.reload').length, 3);
  });

  it('quits cleanly when the last window closes: waits for the index to be saved, writes the settings', async () => {
    assert.equal(
      process.platform === 'darwin',
      false,
      'this test plays Windows/Linux, where closing the window quits',
    );
    stand.electron.app.emit('window-all-closed');
    assert.equal(stand.quitCompleted, false, 'the first quit is held back while the index is saved');
    await waitFor('the quit to complete', () => stand.quitCompleted, 30_000);
    const settings = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as {
      window: { width: number };
      recentCorpora: string[];
    };
    assert.equal(settings.window.width, 1000);
    assert.deepEqual(settings.recentCorpora.slice(0, 2), [corpusB, corpusA]);
    assert.ok(readdirSync(join(userData, 'index')).length > 0, 'the index was saved in userData/index');
  });

  it('a second instance that does not get the lock quits without a window', () => {
    const second = createMainStandIn({ userData: join(work, 'second'), singleInstance: false });
    installElectron(second.electron);
    delete load.cache[built.mainJs];
    process.argv = [process.execPath, built.mainJs, '--corpus', corpusA];
    load(built.mainJs);
    process.argv = savedArgv;
    second.ready();
    assert.equal(second.callsTo('app.quit').length, 1);
    assert.equal(second.callsTo('new BrowserWindow').length, 0);
    assert.equal(second.invokeHandlers.size, 0);
  });
});
