/**
 * The Electron main process: one window, its menu and dialogs, the security boundary, and
 * IPC to the SearchService. Everything that is not Electron's business (searching, reading
 * the corpus, the checks themselves) lives elsewhere and is tested in plain Node; this file
 * wires it together. See SECURITY.md beside it for the checklist this follows.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { DESKTOP_CHANNELS, EXPORT_PROGRESS_CHANNEL, STATUS_EVENT_CHANNEL } from '../common/bridge';
import { saveExport } from './exportSave';
import {
  CONTRACT,
  CONTRACT_METHODS,
  ContractError,
  type ContractMethod,
  type StatusResponse,
} from '../common/contract';
import { validateDocumentId, validateSearchRequest } from '../common/validate';
import { bundledCorpusDir, packageRoot } from '../service/packagePaths';
import { corpusFileOf } from '../corpus/folderBoundary';
import { createSearchService, type SearchService } from '../service/index';
import { corpusFromArgv, corpusFromInstanceData } from './args';
import { DROPPED_FOLDER_CHANNEL, MENU_COMMAND_CHANNEL, type IpcResult, type PageCommand } from './channels';
import { buildMenuTemplate } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './protocol';
import { isAppUrl, isOpenableDocument, safeExternalUrl, senderProblem } from './security';
import {
  defaultSettings,
  fitWindowToDisplays,
  loadSettings,
  saveSettings,
  withRecent,
  type Settings,
  type ThemeSource,
} from './settings';

const APP_ID = 'org.dictum.app';
const PRODUCT_NAME = 'Dictum';
/** Longest a quit waits for the index to be saved before giving up on it. */
const CLOSE_TIMEOUT_MS = 20_000;
/** Status events are coalesced to at most one per this many ms. */
const STATUS_PUSH_MS = 100;

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
  start();
}

// ---------------------------------------------------------------------------

interface OpenCorpus {
  dir: string;
  service: SearchService;
  unsubscribe: () => void;
}

function start(): void {
  let settings: Settings = defaultSettings();
  let settingsFile = '';
  let window: BrowserWindow | null = null;
  let current: OpenCorpus | null = null;
  /** Corpus switches run one after another; requests wait for the one in progress. */
  let switching: Promise<void> = Promise.resolve();
  /** The document the window last opened: what File → Open Original acts on. */
  let lastDocumentId: string | null = null;
  let quitState: 'running' | 'closing' | 'closed' = 'running';
  /** A folder macOS asked us to open before the app was ready (dropped on the Dock icon). */
  let openedBeforeReady: string | null = null;
  let statusTimer: NodeJS.Timeout | null = null;
  let pendingSave: Promise<void> = Promise.resolve();

  const rendererRoot = join(__dirname, '..', 'renderer');
  const preloadPath = join(__dirname, 'preload.js');

  function devIcon(): string | undefined {
    if (app.isPackaged || process.platform === 'darwin') return undefined;
    const icon = join(packageRoot(), 'build', 'icons', '512x512.png');
    return existsSync(icon) ? icon : undefined;
  }

  function bundledCorpus(): string {
    return app.isPackaged ? join(process.resourcesPath, 'corpus') : bundledCorpusDir();
  }

  function persist(): void {
    const snapshot = settings;
    pendingSave = pendingSave
      .then(() => saveSettings(settingsFile, snapshot))
      .catch((error: unknown) => console.error(`electron: could not save settings: ${messageOf(error)}`));
  }

  // -------------------------------------------------------------------------
  // IPC: every handler checks its sender, then its arguments, then answers an envelope.

  function checkSender(event: IpcMainInvokeEvent | IpcMainEvent): string | null {
    const frame = event.senderFrame;
    const target = window && !window.isDestroyed() ? window.webContents : null;
    return senderProblem(
      {
        webContentsId: event.sender.id,
        frame: frame
          ? {
              url: frame.url,
              isMainFrame: frame.parent === null,
              processId: frame.processId,
              routingId: frame.routingId,
            }
          : null,
      },
      target
        ? {
            webContentsId: target.id,
            mainFrame: { processId: target.mainFrame.processId, routingId: target.mainFrame.routingId },
          }
        : null,
    );
  }

  function handle(channel: string, arity: number, run: (...args: unknown[]) => Promise<unknown>): void {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      const problem = checkSender(event);
      if (problem) {
        console.warn(`electron: ${channel}: ${problem}`);
        return { ok: false, error: problem, status: 403 };
      }
      if (args.length > arity) {
        return {
          ok: false,
          error: `ipc: ${channel} takes ${arity} argument(s), got ${args.length}`,
          status: 400,
        };
      }
      try {
        return { ok: true, value: await run(...args) };
      } catch (error) {
        return {
          ok: false,
          error: messageOf(error),
          status: error instanceof ContractError ? error.status : 500,
        };
      }
    });
  }

  async function service(): Promise<OpenCorpus> {
    await switching;
    if (!current) throw new Error('electron: no corpus is open');
    return current;
  }

  const contractHandlers: Record<ContractMethod, { arity: number; run: (arg: unknown) => Promise<unknown> }> =
    {
      search: { arity: 1, run: async (raw) => (await service()).service.search(validateSearchRequest(raw)) },
      document: {
        arity: 1,
        run: async (raw) => {
          const id = validateDocumentId(raw);
          const document = await (await service()).service.document(id);
          const first = lastDocumentId === null;
          lastDocumentId = id;
          if (first) refreshMenu();
          return document;
        },
      },
      status: { arity: 0, run: async () => (await service()).service.status() },
    };
  for (const method of CONTRACT_METHODS) {
    const { arity, run } = contractHandlers[method];
    handle(CONTRACT[method].channel, arity, run);
  }
  handle(DESKTOP_CHANNELS.openCorpusDialog, 0, () => chooseCorpus());
  handle(DESKTOP_CHANNELS.openOriginal, 1, async (raw) => openOriginal(validateDocumentId(raw)));
  handle(DESKTOP_CHANNELS.revealOriginal, 1, async (raw) => revealOriginal(validateDocumentId(raw)));
  handle(DESKTOP_CHANNELS.exportResults, 2, (request, format) =>
    saveExport(
      {
        showSaveDialog: (options) =>
          window && !window.isDestroyed()
            ? dialog.showSaveDialog(window, options)
            : dialog.showSaveDialog(options),
        source: async () => (await service()).service,
        progress: (p) => {
          if (window && !window.isDestroyed()) window.webContents.send(EXPORT_PROGRESS_CHANNEL, p);
        },
      },
      request,
      format,
    ),
  );

  ipcMain.on(DROPPED_FOLDER_CHANNEL, (event, raw: unknown) => {
    const problem = checkSender(event);
    if (problem) {
      console.warn(`electron: ${DROPPED_FOLDER_CHANNEL}: ${problem}`);
      return;
    }
    if (typeof raw !== 'string' || raw.length > 4096 || !isAbsolute(raw)) return;
    void openDroppedPath(raw);
  });

  // -------------------------------------------------------------------------
  // Documents' original files: found from an id through the service, never from a path the
  // renderer gives.

  async function fileOf(docId: string): Promise<string> {
    const open = await service();
    const { document } = await open.service.document(docId);
    const found = await corpusFileOf(open.dir, document.path);
    if (!found.ok) throw new Error(`electron: ${found.reason}`);
    return found.realPath;
  }

  async function openOriginal(docId: string): Promise<void> {
    const file = await fileOf(docId);
    if (!isOpenableDocument(file)) {
      // Not a document format Dictum reads: show it rather than run it.
      shell.showItemInFolder(file);
      return;
    }
    const failure = await shell.openPath(file);
    if (failure) throw new Error(`electron: could not open ${basename(file)}: ${failure}`);
  }

  async function revealOriginal(docId: string): Promise<void> {
    shell.showItemInFolder(await fileOf(docId));
  }

  function menuAction(action: (docId: string) => Promise<void>): void {
    if (lastDocumentId === null) return;
    action(lastDocumentId).catch((error: unknown) => showError('Dictum could not open the file', error));
  }

  // -------------------------------------------------------------------------
  // Corpora

  async function isDirectory(dir: string): Promise<boolean> {
    return (await stat(dir).catch(() => null))?.isDirectory() ?? false;
  }

  /** Closes the open corpus and opens `dir`; the renderer hears of it through status events. */
  function openCorpus(dir: string): Promise<void> {
    const next = switching.then(async () => {
      if (quitState !== 'running') return;
      if (current?.dir === dir) {
        pushStatus();
        return;
      }
      const previous = current;
      current = null;
      lastDocumentId = null;
      if (previous) {
        previous.unsubscribe();
        await previous.service.close().catch((error: unknown) => {
          console.error(`electron: closing ${previous.dir} failed: ${messageOf(error)}`);
        });
      }
      const created = createSearchService({
        corpusDir: dir,
        cacheDir: join(app.getPath('userData'), 'index'),
        watch: true,
      });
      const opened: OpenCorpus = { dir, service: created, unsubscribe: () => undefined };
      opened.unsubscribe = created.onProgress((status) => scheduleStatusPush(opened, status));
      current = opened;
      settings = { ...settings, recentCorpora: withRecent(settings.recentCorpora, dir) };
      // The OS's own recent list (Dock and jump list); Linux has none.
      if (process.platform !== 'linux') app.addRecentDocument(dir);
      persist();
      refreshMenu();
      if (window && !window.isDestroyed()) window.setTitle(`${basename(dir) || dir} — ${PRODUCT_NAME}`);
      pushStatus();
    });
    switching = next.catch((error: unknown) => {
      console.error(`electron: opening ${dir} failed: ${messageOf(error)}`);
      showError('Dictum could not open this folder', error);
    });
    return switching;
  }

  async function openFolderIfPossible(dir: string): Promise<void> {
    if (!(await isDirectory(dir))) {
      showError('Dictum cannot open this folder', new Error(`${dir} is not a folder, or cannot be read.`));
      return;
    }
    await openCorpus(dir);
  }

  async function openDroppedPath(path: string): Promise<void> {
    if (await isDirectory(path)) {
      await openCorpus(path);
      return;
    }
    showError(
      'Drop a folder to search it',
      new Error(`${basename(path)} is a file; Dictum opens whole folders.`),
    );
  }

  async function chooseCorpus(): Promise<void> {
    const options = { title: 'Open a folder of documents', properties: ['openDirectory' as const] };
    const result =
      window && !window.isDestroyed()
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
    const dir = result.canceled ? undefined : result.filePaths[0];
    if (dir) await openFolderIfPossible(dir);
  }

  async function initialCorpus(): Promise<string> {
    if (openedBeforeReady && (await isDirectory(openedBeforeReady))) return openedBeforeReady;
    if (startupCorpus) {
      if (await isDirectory(startupCorpus)) return startupCorpus;
      showError('Dictum cannot open this folder', new Error(`${startupCorpus} is not a folder.`));
    }
    for (const dir of settings.recentCorpora) if (await isDirectory(dir)) return dir;
    return bundledCorpus();
  }

  // -------------------------------------------------------------------------
  // Status events: from the service's progress to the window, coalesced.

  /** The newest status not yet sent; only the last of a burst is sent. */
  let pendingStatus: { from: OpenCorpus; status: StatusResponse } | null = null;

  function scheduleStatusPush(from: OpenCorpus, status: StatusResponse): void {
    pendingStatus = { from, status };
    if (statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      const pending = pendingStatus;
      pendingStatus = null;
      if (pending) sendStatus(pending.from, pending.status);
    }, STATUS_PUSH_MS);
  }

  function sendStatus(from: OpenCorpus, status: StatusResponse): void {
    // A status of a corpus that has since been closed would mislead the page.
    if (current === from && window && !window.isDestroyed())
      window.webContents.send(STATUS_EVENT_CHANNEL, status);
  }

  function pushStatus(): void {
    const open = current;
    if (!open) return;
    open.service
      .status()
      .then((status) => sendStatus(open, status))
      .catch((error: unknown) => console.error(`electron: status failed: ${messageOf(error)}`));
  }

  // -------------------------------------------------------------------------
  // Menu, dialogs, theme

  function sendPageCommand(command: PageCommand): void {
    if (window && !window.isDestroyed()) window.webContents.send(MENU_COMMAND_CHANNEL, command);
  }

  function setTheme(theme: ThemeSource): void {
    nativeTheme.themeSource = theme;
    settings = { ...settings, theme };
    persist();
    refreshMenu();
  }

  function refreshMenu(): void {
    const template = buildMenuTemplate(
      {
        platform: process.platform,
        appName: PRODUCT_NAME,
        isDev: !app.isPackaged,
        recentCorpora: settings.recentCorpora,
        theme: settings.theme,
        hasDocument: lastDocumentId !== null,
      },
      {
        openFolder: () =>
          void chooseCorpus().catch((error: unknown) => showError('Dictum could not open', error)),
        openRecent: (dir) => void openFolderIfPossible(dir),
        clearRecent: () => {
          settings = { ...settings, recentCorpora: [] };
          if (process.platform !== 'linux') app.clearRecentDocuments();
          persist();
          refreshMenu();
        },
        openOriginal: () => menuAction(openOriginal),
        revealOriginal: () => menuAction(revealOriginal),
        focusSearch: () => sendPageCommand('focus-search'),
        showShortcuts: () => sendPageCommand('show-shortcuts'),
        setTheme,
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  function showError(title: string, error: unknown): void {
    const options = {
      type: 'warning' as const,
      title: PRODUCT_NAME,
      message: title,
      detail: messageOf(error),
    };
    if (window && !window.isDestroyed()) void dialog.showMessageBox(window, options);
    else void dialog.showMessageBox(options);
  }

  // -------------------------------------------------------------------------
  // The window

  function rememberWindow(): void {
    if (!window || window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    settings = {
      ...settings,
      window: { ...bounds, maximized: window.isMaximized() },
    };
    persist();
  }

  function createWindow(): BrowserWindow {
    const state = fitWindowToDisplays(
      settings.window,
      screen.getAllDisplays().map((display) => display.workArea),
    );
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
      ...(devIcon() ? { icon: devIcon() } : {}),
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
        // A middle click would otherwise ask for a new window (refused anyway, see hardenWebContents).
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
      if (window === created) window = null;
    });
    created.webContents.on('did-finish-load', () => pushStatus());
    // A crashed page is reloaded, a few times at most, rather than left blank.
    let crashes = 0;
    created.webContents.on('render-process-gone', (_event, details) => {
      console.error(`electron: the page's process ended (${details.reason})`);
      if (details.reason !== 'clean-exit' && crashes++ < 3 && !created.isDestroyed()) created.reload();
    });
    if (current) created.setTitle(`${basename(current.dir) || current.dir} — ${PRODUCT_NAME}`);
    void created.loadURL(APP_ENTRY_URL);
    return created;
  }

  function focusWindow(): void {
    if (!window || window.isDestroyed()) {
      window = createWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  // -------------------------------------------------------------------------
  // Lifecycle

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    focusWindow();
    const dir = corpusFromInstanceData(additionalData) ?? corpusFromArgv(argv.slice(1), workingDirectory);
    if (dir) void openFolderIfPossible(dir);
  });

  // macOS: a folder dropped on the Dock icon, or opened from Open Recent in the Dock menu.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void openDroppedPath(path);
    else openedBeforeReady = path;
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && (!window || window.isDestroyed())) window = createWindow();
  });

  app.on('before-quit', (event) => {
    if (quitState === 'closed') return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    void shutdown().finally(() => {
      quitState = 'closed';
      app.quit();
    });
  });

  /** Saves the window and the settings and lets the service finish writing its index. */
  async function shutdown(): Promise<void> {
    rememberWindow();
    if (statusTimer) clearTimeout(statusTimer);
    await switching;
    const open = current;
    current = null;
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
    await pendingSave;
  }

  void app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
      settingsFile = join(app.getPath('userData'), 'settings.json');
      settings = await loadSettings(settingsFile);
      nativeTheme.themeSource = settings.theme;
      hardenSession();
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
      refreshMenu();
      // The service first (it returns at once and indexes in the background), so the page's
      // first request always finds a corpus open.
      await openCorpus(await initialCorpus());
      window = createWindow();
    })
    .catch((error: unknown) => {
      console.error(`electron: could not start: ${messageOf(error)}`);
      dialog.showErrorBox(PRODUCT_NAME, `Dictum could not start: ${messageOf(error)}`);
      app.exit(1);
    });
}

// ---------------------------------------------------------------------------
// Hardening shared by every web contents and the session

/** Permissions the app's own page may use: copying a citation writes to the clipboard. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function hardenSession(): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(details.requestingUrl));
  });
  appSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return ALLOWED_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(requestingOrigin);
  });
  // Nothing in Dictum downloads; a page that tries is refused.
  appSession.on('will-download', (event) => event.preventDefault());
}

/** A page that fires navigations in a loop must not flood the desktop with browser tabs. */
const EXTERNAL_OPEN_INTERVAL_MS = 1_000;
let lastExternalOpen = -Infinity;

function openExternally(url: string): void {
  const safe = safeExternalUrl(url);
  if (!safe) return;
  const now = Date.now();
  if (now - lastExternalOpen < EXTERNAL_OPEN_INTERVAL_MS) return;
  lastExternalOpen = now;
  void shell.openExternal(safe);
}

/** Navigation away from the app and new windows are refused; http(s) links open in the browser. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
