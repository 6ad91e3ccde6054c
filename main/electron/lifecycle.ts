/**
 * The app's lifecycle: a second launch, a folder dropped on the Dock icon, windows closing,
 * and a quit that waits (a bounded time) for the index and the settings to be written.
 */
import { app } from 'electron';
import { corpusFromArgv, corpusFromInstanceData } from './args';
import { hardenWebContents } from './hardening';
import { messageOf, type ShellContext } from './shellContext';

/** Longest a quit waits for the index to be saved before giving up on it. */
const CLOSE_TIMEOUT_MS = 20_000;

/** Saves the window and the settings and lets the service finish writing its index. */
async function shutdown(ctx: ShellContext): Promise<void> {
  ctx.actions.rememberWindow();
  ctx.actions.stopStatusPush();
  await ctx.switching;
  const open = ctx.current;
  ctx.current = null;
  if (open) {
    open.unsubscribe();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error('electron: the index was not saved in time; quitting anyway');
        resolve();
      }, CLOSE_TIMEOUT_MS);
    });
    await Promise.race([
      open.service
        .close()
        .catch((error: unknown) => console.error(`electron: close failed: ${messageOf(error)}`)),
      timeout,
    ]);
    clearTimeout(timer);
  }
  await ctx.pendingSave;
}

export function installLifecycle(ctx: ShellContext): void {
  const { actions } = ctx;

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    actions.focusWindow();
    const dir = corpusFromInstanceData(additionalData) ?? corpusFromArgv(argv.slice(1), workingDirectory);
    if (dir) void actions.openFolderIfPossible(dir);
  });

  // macOS: a folder dropped on the Dock icon, or opened from Open Recent in the Dock menu.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void actions.openDroppedPath(path);
    else ctx.openedBeforeReady = path;
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && (!ctx.window || ctx.window.isDestroyed())) ctx.window = actions.createWindow();
  });

  app.on('before-quit', (event) => {
    if (ctx.quitState === 'closed') return;
    event.preventDefault();
    if (ctx.quitState === 'closing') return;
    ctx.quitState = 'closing';
    void shutdown(ctx).finally(() => {
      ctx.quitState = 'closed';
      app.quit();
    });
  });
}
