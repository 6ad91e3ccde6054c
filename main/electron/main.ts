/**
 * The Electron main process, the composition root: what Electron needs before `ready`, then
 * one shared context on which each part installs its actions (IPC, the corpus session, the
 * window, status push, the menu, hardening, the lifecycle). Everything that is not Electron's
 * business (searching, reading the corpus, the checks themselves) lives elsewhere and is tested
 * in plain Node. See SECURITY.md beside it for the checklist this follows.
 */
import { app, dialog, nativeTheme, protocol } from 'electron';
import { isAbsolute, join } from 'node:path';
import { appMenu } from './appMenu';
import { appWindow } from './appWindow';
import { corpusFromArgv } from './args';
import { corpusSession } from './corpusSession';
import { hardenSession } from './hardening';
import { installIpc } from './ipc';
import { installLifecycle } from './lifecycle';
import { APP_SCHEME, createAppProtocolHandler } from './protocol';
import { savedAlerts } from './savedAlerts';
import { loadSettings } from './settings';
import {
  createShellContext,
  messageOf,
  persistSettings,
  PRODUCT_NAME,
  type ShellContext,
} from './shellContext';
import { statusPush } from './statusPush';

const APP_ID = 'org.dictum.app';

// ---------------------------------------------------------------------------
// Before `ready`: what Electron only accepts this early.

// Tests and Playwright runs point the app at a throwaway profile.
if (process.env.DICTUM_USER_DATA && isAbsolute(process.env.DICTUM_USER_DATA)) {
  app.setPath('userData', process.env.DICTUM_USER_DATA);
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();

const startupCorpus = corpusFromArgv(process.argv.slice(1), process.cwd());

if (!app.requestSingleInstanceLock({ corpus: startupCorpus })) {
  // The first instance got our --corpus through the lock's data and will open it.
  app.quit();
} else {
  start(createShellContext(startupCorpus));
}

// ---------------------------------------------------------------------------

function start(ctx: ShellContext): void {
  const rendererRoot = join(__dirname, '..', 'renderer');
  const preloadPath = join(__dirname, 'preload.js');

  Object.assign(
    ctx.actions,
    { persist: () => persistSettings(ctx) },
    appMenu(ctx),
    statusPush(ctx),
    corpusSession(ctx),
    appWindow(ctx, preloadPath),
    savedAlerts(ctx),
  );
  installIpc(ctx);
  installLifecycle(ctx);

  void app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
      ctx.settingsFile = join(app.getPath('userData'), 'settings.json');
      ctx.settings = await loadSettings(ctx.settingsFile);
      nativeTheme.themeSource = ctx.settings.theme;
      hardenSession();
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
      ctx.actions.refreshMenu();
      // The service first (it returns at once and indexes in the background), so the page's
      // first request always finds a corpus open.
      await ctx.actions.openCorpus(await ctx.actions.initialCorpus());
      ctx.window = ctx.actions.createWindow();
    })
    .catch((error: unknown) => {
      console.error(`electron: could not start: ${messageOf(error)}`);
      dialog.showErrorBox(PRODUCT_NAME, `Dictum could not start: ${messageOf(error)}`);
      app.exit(1);
    });
}
