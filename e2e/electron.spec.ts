/**
 * The desktop journey in a real Electron window: the built main process
 * (dist/electron/main.js) on the bundled corpus, driven through Playwright's `_electron`.
 *
 * It needs Electron's binary, which `npm install` downloads where it can (or set
 * DICTUM_ELECTRON to an Electron executable). Where there is none, the journey is skipped
 * and says why: the same main process is then only exercised by main/electron/main.test.ts
 * against a recording stand-in, which proves the wiring but not a real window.
 *
 * A packaged app cannot be driven this way (its fuses turn off --inspect and loading code
 * from outside app.asar); this drives the unpackaged binary with the built main.js.
 */
import { _electron as electron, chromium, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DictumBridge } from '../main/common/bridge';
import type { StatusResponse } from '../main/common/contract';
import { installedElectronBinary } from '../main/cli/electronBinary';
import { createMainStandIn, installElectron } from '../test/electronStandIn';
import { DictumPage } from './pages/dictumPage';

const ROOT = join(__dirname, '..');

const binary = installedElectronBinary(ROOT);
const skipReason =
  'reason' in binary
    ? `Electron binary not installed: ${binary.reason} (set DICTUM_ELECTRON to run this journey)`
    : '';
if (skipReason) console.log(`electron.spec: skipped: ${skipReason}`);

/** The page's globals as the journey reads them (the Node project has no DOM typings). */
type PageGlobals = typeof globalThis & { dictum: DictumBridge; location: { href: string } };

test.describe('desktop app', () => {
  test.skip(Boolean(skipReason), skipReason);

  let app: ElectronApplication;
  let userData: string;

  test.beforeAll(async () => {
    if (!('path' in binary)) return;
    userData = mkdtempSync(join(tmpdir(), 'dictum-e2e-electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: [join(ROOT, 'dist/electron/main.js'), '--corpus', join(ROOT, 'corpus')],
      cwd: ROOT,
      env: { ...process.env, DICTUM_USER_DATA: userData },
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('journey: the window opens on the app protocol, the user types, results appear', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toMatch(/^dictum:\/\/app\/index\.html/);

    // The page is sandboxed and isolated: no Node, one bridge with exactly the contract's members.
    const surface = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as PageGlobals).dictum).sort(),
    }));
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['desktop', 'document', 'onStatus', 'platform', 'search', 'status'],
    });
    const csp = await page.evaluate(async () =>
      (await fetch((globalThis as PageGlobals).location.href)).headers.get('content-security-policy'),
    );
    expect(csp).toContain("default-src 'none'");

    await expect
      .poll(
        async () =>
          ((await page.evaluate(() => (globalThis as PageGlobals).dictum.status())) as StatusResponse)
            .progress.phase,
        {
          timeout: 45_000,
        },
      )
      .toBe('ready');

    const ui = new DictumPage(page);
    await expect(ui.search).toBeVisible();
    await ui.search.click();
    await ui.type('olympics');
    expect(await ui.totalCount()).toBeGreaterThan(0);
    await expect(ui.options.first()).toContainText(/olympic/i);

    // Navigation away from the app is refused (a file: URL, so no browser is opened either).
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as PageGlobals).location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });
});

// ---------------------------------------------------------------------------
// Where no Electron binary exists, the closest real run: the built renderer in Chromium with
// the built preload's bridge, talking to the built main process's IPC handlers and protocol
// handler (main.js loaded in this worker against the recording stand-in for `electron`, with
// the real SearchService). It is not Electron: no context isolation or sandbox, and the page
// comes from an https origin (secure, like the app scheme) routed to the app protocol's
// handler. It proves that the real renderer works through the real preload and handlers,
// under the CSP header the shell sends.

const chromiumPath = process.env.DICTUM_CHROMIUM ?? '/usr/bin/chromium';
const STAND_IN_ORIGIN = 'https://dictum-app.test';

test.describe('desktop shell in Chromium, Electron played by a stand-in', () => {
  test.skip(!existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (set DICTUM_CHROMIUM)`);
  test.skip(
    !existsSync(join(ROOT, 'dist/electron/main.js')) || !existsSync(join(ROOT, 'dist/renderer/index.html')),
    'dist/ is not built (npm run build)',
  );

  test('journey: renderer + preload + main handlers + service; search as you type, no CSP violation', async () => {
    test.setTimeout(120_000);
    const userData = mkdtempSync(join(tmpdir(), 'dictum-e2e-standin-'));
    const stand = createMainStandIn({ userData });
    installElectron(stand.electron);
    const mainJs = join(ROOT, 'dist/electron/main.js');
    const savedArgv = process.argv;
    process.argv = [process.execPath, mainJs, '--corpus', join(ROOT, 'corpus')];
    try {
      createRequire(__filename)(mainJs);
    } finally {
      process.argv = savedArgv;
    }
    stand.ready();
    await expect.poll(() => stand.windows[0]?.loadedUrl ?? '').toBe('dictum://app/index.html');
    const window = stand.windows[0]!;
    const protocolHandler = stand.protocolHandlers.get('dictum')!;

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));

      // The app protocol, reached through an https origin: every request goes to main's handler.
      await page.route(`${STAND_IN_ORIGIN}/**`, async (route) => {
        const url = route.request().url().replace(STAND_IN_ORIGIN, 'dictum://app');
        const response = await protocolHandler(new Request(url));
        await route.fulfill({
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: Buffer.from(await response.arrayBuffer()),
        });
      });

      // IPC: the page's invokes go to main's handlers as if from the window's main frame.
      const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      await page.exposeFunction('__dictumInvoke', async (channel: string, args: unknown[]) => {
        const handler = stand.invokeHandlers.get(channel);
        if (!handler) throw new Error(`no handler for ${channel}`);
        return handler(trusted, ...args);
      });
      // Main → page: status events and menu commands.
      window.webContents.send = (channel: string, ...args: unknown[]) => {
        window.webContents.sent.push({ channel, args });
        void page
          .evaluate(
            ([c, a]) =>
              (globalThis as unknown as { __dictumEmit(c: string, a: unknown[]): void }).__dictumEmit(c, a),
            [channel, args] as const,
          )
          .catch(() => undefined);
      };

      // The built preload, with an `electron` that forwards to the functions above.
      const preload = readFileSync(join(ROOT, 'dist/electron/preload.js'), 'utf8');
      await page.addInitScript({
        content: `(() => {
  const listeners = new Map();
  globalThis.__dictumEmit = (channel, args) => { for (const l of listeners.get(channel) ?? []) l({}, ...args); };
  const electron = {
    contextBridge: { exposeInMainWorld: (key, api) => { globalThis[key] = api; } },
    ipcRenderer: {
      invoke: (channel, ...args) => globalThis.__dictumInvoke(channel, args),
      send: () => undefined,
      on: (channel, l) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(l); },
      removeListener: (channel, l) => listeners.get(channel)?.delete(l),
    },
    webUtils: { getPathForFile: () => '' },
  };
  const module = { exports: {} };
  const require = (name) => { if (name === 'electron') return electron; throw new Error('preload may not require ' + name); };
  const process = { platform: 'linux' };
  addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
  (function (module, exports, require, process) {\n${preload}\n})(module, module.exports, require, process);
})();`,
      });

      await page.goto(`${STAND_IN_ORIGIN}/index.html`);
      const ui = new DictumPage(page);
      await expect(ui.search).toBeVisible();
      await expect
        .poll(
          async () =>
            ((await page.evaluate(() => (globalThis as PageGlobals).dictum.status())) as StatusResponse)
              .progress.phase,
          { timeout: 60_000 },
        )
        .toBe('ready');
      await ui.search.click();
      await ui.type('olympics');
      expect(await ui.totalCount()).toBeGreaterThan(0);
      await expect(ui.options.first()).toContainText(/olympic/i);
      expect(
        window.webContents.sent.some((m) => m.channel === 'dictum:status-event'),
        'status events reached the page',
      ).toBe(true);
      expect(problems, 'console errors, page errors and CSP violations').toEqual([]);
    } finally {
      await browser.close();
      stand.electron.app.quit();
      await expect.poll(() => stand.quitCompleted, { timeout: 30_000 }).toBe(true);
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
