/** The one window: created with the hardened options, its place remembered, brought back on demand. */
import { app, BrowserWindow, nativeTheme, screen } from 'electron';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageRoot } from '../service/packagePaths';
import { APP_ENTRY_URL } from './protocol';
import { fitWindowToDisplays } from './settings';
import { liveWindow, PRODUCT_NAME, type ShellActions, type ShellContext } from './shellContext';

function devIcon(): string | undefined {
  if (app.isPackaged || process.platform === 'darwin') return undefined;
  const icon = join(packageRoot(), 'build', 'icons', '512x512.png');
  return existsSync(icon) ? icon : undefined;
}

export function appWindow(
  ctx: ShellContext,
  preloadPath: string,
): Pick<ShellActions, 'createWindow' | 'focusWindow' | 'rememberWindow'> {
  const { actions } = ctx;

  function rememberWindow(): void {
    const window = liveWindow(ctx);
    if (!window) return;
    const bounds = window.getNormalBounds();
    ctx.settings = {
      ...ctx.settings,
      window: { ...bounds, maximized: window.isMaximized() },
    };
    actions.persist();
  }

  function createWindow(): BrowserWindow {
    const state = fitWindowToDisplays(
      ctx.settings.window,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const icon = devIcon();
    const created = new BrowserWindow({
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
      width: state.width,
      height: state.height,
      minWidth: 640,
      minHeight: 480,
      show: false,
      title: PRODUCT_NAME,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#16171b' : '#ffffff',
      // Packaged, the icon comes from the executable or the .desktop file; from a checkout, from build/.
      ...(icon ? { icon } : {}),
      webPreferences: {
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        // A middle click would otherwise ask for a new window (refused anyway, see hardening.ts).
        disableBlinkFeatures: 'Auxclick',
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        devTools: !app.isPackaged,
      },
    });
    if (state.maximized) created.maximize();
    created.once('ready-to-show', () => created.show());
    created.on('close', rememberWindow);
    created.on('closed', () => {
      if (ctx.window === created) ctx.window = null;
    });
    created.webContents.on('did-finish-load', () => actions.pushStatus());
    // A crashed page is reloaded, a few times at most, rather than left blank.
    let crashes = 0;
    created.webContents.on('render-process-gone', (_event, details) => {
      console.error(`electron: the page's process ended (${details.reason})`);
      if (details.reason !== 'clean-exit' && crashes++ < 3 && !created.isDestroyed()) created.reload();
    });
    const current = ctx.current;
    if (current) created.setTitle(`${basename(current.dir) || current.dir} — ${PRODUCT_NAME}`);
    void created.loadURL(APP_ENTRY_URL);
    return created;
  }

  function focusWindow(): void {
    const window = liveWindow(ctx);
    if (!window) {
      ctx.window = createWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  return { createWindow, focusWindow, rememberWindow };
}
