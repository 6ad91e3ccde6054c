/**
 * The BUILT Electron main process (dist/electron/main.js) in plain Node against a recording
 * stand-in for `electron`: its start and its guards — the window's security options, the app
 * protocol, the IPC handlers and their sender and argument checks, navigation and permission
 * denial. The menu, corpus switching, export, the single-instance lock and a clean quit are in
 * main.lifecycle.test.ts. What neither can prove (a real Chromium window) is
 * e2e/electron.spec.ts's job where a binary exists.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP_CHANNELS, STATUS_EVENT_CHANNEL } from '../common/bridge';
import { CONTRACT, CONTRACT_METHODS, type SearchResponse, type StatusResponse } from '../common/contract';
import type { TimelineResponse } from '../common/timeline';
import { SAVED_CONTRACT } from '../common/savedSearches';
import { DROPPED_FOLDER_CHANNEL } from './channels';
import { fakeEvent, type FakeFrame } from '../../test/electronStandIn';
import { CONTENT_SECURITY_POLICY } from './protocol';
import {
  bootMain,
  built,
  cleanupMain,
  corpusA,
  invoke,
  mainWindow,
  quitMain,
  readyStatus,
  stand,
  trustedEvent,
  value,
  waitFor,
  work,
} from '../../test/support/electronMain';

before(bootMain);

after(async () => {
  await quitMain();
  cleanupMain();
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
});
