/**
 * A recording stand-in for the `electron` module, for tests that run the BUILT main process
 * and preload in plain Node (Electron's binary cannot be downloaded everywhere the tests
 * run). It implements just what Dictum's shell calls, records every call, and lets a test
 * play the parts Electron would: resolve `whenReady`, send IPC from a chosen frame, fire a
 * navigation, click a menu item, answer a dialog.
 *
 * It fakes Electron, not Dictum: the search service, the protocol handler, the settings file
 * and the checks behind every handler are the real ones, running as built.
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

export interface Call {
  api: string;
  args: unknown[];
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

/** An Electron-style event whose `preventDefault` is observable. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  url?: string;
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame: FakeFrame;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  constructor(private readonly record: (api: string, ...args: unknown[]) => void) {
    super();
    this.mainFrame = { url: '', parent: null, processId: 7, routingId: this.id * 10 };
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    this.record('webContents.send', channel, ...args);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
    this.record('webContents.setWindowOpenHandler');
  }
  isDestroyed(): boolean {
    return false;
  }
}

interface WindowHooks {
  record: (api: string, ...args: unknown[]) => void;
  created: (window: FakeBrowserWindow) => void;
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  readonly options: Record<string, unknown>;
  title = '';
  loadedUrl = '';
  private readonly record: (api: string, ...args: unknown[]) => void;
  constructor(windowOptions: Record<string, unknown>, hooks: WindowHooks) {
    super();
    this.record = hooks.record;
    this.options = windowOptions;
    this.webContents = new FakeWebContents(hooks.record);
    hooks.record('new BrowserWindow', windowOptions);
    hooks.created(this);
  }
  loadURL(url: string): Promise<void> {
    this.record('BrowserWindow.loadURL', url);
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getNormalBounds() {
    const x = typeof this.options.x === 'number' ? this.options.x : 100;
    const y = typeof this.options.y === 'number' ? this.options.y : 80;
    return { x, y, width: this.options.width as number, height: this.options.height as number };
  }
  isMaximized = () => false;
  isMinimized = () => false;
  isDestroyed = () => false;
  maximize = () => this.record('BrowserWindow.maximize');
  restore = () => this.record('BrowserWindow.restore');
  reload = () => this.record('BrowserWindow.reload');
  show = () => this.record('BrowserWindow.show');
  focus = () => this.record('BrowserWindow.focus');
}

export interface MainStandInOptions {
  userData: string;
  /** What `requestSingleInstanceLock` answers (default true: this is the first instance). */
  singleInstance?: boolean;
  isPackaged?: boolean;
  workAreas?: Array<{ x: number; y: number; width: number; height: number }>;
}

/** A desktop notification the main process made; `emit('click')` plays the user clicking it. */
export interface FakeNotification extends EventEmitter {
  options: Record<string, unknown>;
  show(): void;
}

export type MenuTemplate = Array<{
  label?: string;
  role?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuTemplate;
}>;

/** The parts of `electron` the main process uses, each recording what it was asked. */
export function createMainStandIn(options: MainStandInOptions) {
  const calls: Call[] = [];
  const record = (api: string, ...args: unknown[]) => {
    calls.push({ api, args });
  };
  let markReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let ready = false;
  let quitCompleted = false;
  const windows: FakeBrowserWindow[] = [];
  const invokeHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const messageHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const dialogAnswers: Array<{ canceled: boolean; filePaths: string[] }> = [];
  const saveAnswers: Array<{ canceled: boolean; filePath?: string }> = [];
  const permission: {
    request?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown,
    ) => void;
    check?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
  } = {};
  const state = { menuTemplate: null as MenuTemplate | null };
  const notifications: FakeNotification[] = [];
  // Like Electron's: built with its options, shown with show(), clicked through its 'click' listeners.
  const Notification = Object.assign(
    function (notificationOptions: Record<string, unknown>) {
      record('Notification.new', notificationOptions);
      const notification = Object.assign(new EventEmitter(), {
        options: notificationOptions,
        show: () => record('Notification.show', notificationOptions),
      });
      notifications.push(notification);
      return notification;
    } as unknown as new (options: Record<string, unknown>) => FakeNotification,
    { isSupported: () => true },
  );

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    setPath: (name: string, value: string) => record('app.setPath', name, value),
    getPath: (name: string) => {
      record('app.getPath', name);
      return options.userData;
    },
    enableSandbox: () => record('app.enableSandbox'),
    requestSingleInstanceLock: (data?: unknown) => {
      record('app.requestSingleInstanceLock', data);
      return options.singleInstance ?? true;
    },
    whenReady: () => whenReady,
    isReady: () => ready,
    setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
    addRecentDocument: (path: string) => record('app.addRecentDocument', path),
    clearRecentDocuments: () => record('app.clearRecentDocuments'),
    exit: (code: number) => record('app.exit', code),
    /** Like Electron: emits `before-quit`; unless a listener prevents it, the app is done. */
    quit: () => {
      record('app.quit');
      const event = fakeEvent();
      app.emit('before-quit', event);
      if (!event.defaultPrevented) quitCompleted = true;
    },
  });

  const hooks: WindowHooks = {
    record,
    created: (window) => {
      windows.push(window);
      app.emit('web-contents-created', fakeEvent(), window.webContents);
    },
  };
  // A plain constructor function that returns the window, so the stand-in's type names no
  // class statics (EventEmitter's) that declaration emit could not name.
  const BrowserWindow = function (options: Record<string, unknown>) {
    return new FakeBrowserWindow(options, hooks);
  } as unknown as new (options: Record<string, unknown>) => FakeBrowserWindow;

  const defaultSession = Object.assign(new EventEmitter(), {
    setPermissionRequestHandler: (handler: typeof permission.request) => {
      record('session.setPermissionRequestHandler');
      permission.request = handler;
    },
    setPermissionCheckHandler: (handler: typeof permission.check) => {
      record('session.setPermissionCheckHandler');
      permission.check = handler;
    },
  });

  const electron = {
    app,
    BrowserWindow,
    Notification,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        record('ipcMain.handle', channel);
        invokeHandlers.set(channel, handler);
      },
      on: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        record('ipcMain.on', channel);
        messageHandlers.set(channel, handler);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        record('protocol.registerSchemesAsPrivileged', schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        record('protocol.handle', scheme);
        protocolHandlers.set(scheme, handler);
      },
    },
    session: { defaultSession },
    Menu: {
      buildFromTemplate: (template: MenuTemplate) => ({ template }),
      setApplicationMenu: (menu: { template: MenuTemplate }) => {
        record('Menu.setApplicationMenu');
        state.menuTemplate = menu.template;
      },
    },
    dialog: {
      showOpenDialog: (...args: unknown[]) => {
        record('dialog.showOpenDialog', ...args);
        return Promise.resolve(dialogAnswers.shift() ?? { canceled: true, filePaths: [] });
      },
      showSaveDialog: (...args: unknown[]) => {
        record('dialog.showSaveDialog', ...args);
        return Promise.resolve(saveAnswers.shift() ?? { canceled: true });
      },
      showMessageBox: (...args: unknown[]) => {
        record('dialog.showMessageBox', ...args);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      },
      showErrorBox: (...args: unknown[]) => record('dialog.showErrorBox', ...args),
    },
    shell: {
      openExternal: (url: string) => {
        record('shell.openExternal', url);
        return Promise.resolve();
      },
      openPath: (path: string) => {
        record('shell.openPath', path);
        return Promise.resolve('');
      },
      showItemInFolder: (path: string) => record('shell.showItemInFolder', path),
    },
    nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
    screen: {
      getAllDisplays: () =>
        (options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]).map((workArea) => ({ workArea })),
    },
  };

  return {
    electron,
    calls,
    windows,
    invokeHandlers,
    messageHandlers,
    protocolHandlers,
    dialogAnswers,
    saveAnswers,
    permission,
    notifications,
    get menuTemplate() {
      return state.menuTemplate;
    },
    get quitCompleted() {
      return quitCompleted;
    },
    /** Plays Electron's `ready`. */
    ready() {
      ready = true;
      markReady();
    },
    callsTo(api: string): Call[] {
      return calls.filter((call) => call.api === api);
    },
  };
}

export type MainStandIn = ReturnType<typeof createMainStandIn>;

const STAND_IN_ID = '\0electron-stand-in';
let installed: { exports: unknown } | null = null;

/**
 * Makes `require('electron')` return `exports` from now on, in this process. Installing
 * again swaps the exports (the next fresh load of a bundle sees the new ones).
 */
export function installElectron(exports: unknown): void {
  if (!installed) {
    const moduleApi = Module as unknown as {
      _resolveFilename: (request: string, ...rest: unknown[]) => string;
    };
    const original = moduleApi._resolveFilename;
    moduleApi._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? STAND_IN_ID : original.call(this, request, ...rest);
    };
    const entry = new Module(STAND_IN_ID);
    entry.loaded = true;
    installed = entry as unknown as { exports: unknown };
    (Module as unknown as { _cache: Record<string, unknown> })._cache[STAND_IN_ID] = entry;
  }
  installed.exports = exports;
}

// ---------------------------------------------------------------------------
// The preload, run the way Electron runs a sandboxed preload: a bare context whose only
// `require` answers `electron`. A preload that reached for `fs` or `path` would fail here.

export interface PreloadStandIn {
  exposed: Array<{ key: string; api: unknown }>;
  invoked: Array<{ channel: string; args: unknown[] }>;
  sent: Array<{ channel: string; args: unknown[] }>;
  /** Listeners the preload put on ipcRenderer, by channel. */
  ipcListeners: Map<string, Set<(event: unknown, ...args: unknown[]) => void>>;
  /** Listeners the preload put on the page's window, by event type. */
  pageListeners: Map<string, Array<(event: unknown) => void>>;
  dispatched: Event[];
  /** Event types the preload listens to in the capture phase. */
  captured: Set<string>;
  focused: string[];
  /** What `ipcRenderer.invoke` answers next, per channel (default: ok with null). */
  answers: Map<string, unknown>;
  /** Sends a message from the main process to the preload. */
  emit(channel: string, ...args: unknown[]): void;
}

export function runPreload(bundleFile: string, platform = 'linux'): PreloadStandIn {
  const stand: PreloadStandIn = {
    exposed: [],
    invoked: [],
    sent: [],
    ipcListeners: new Map(),
    pageListeners: new Map(),
    dispatched: [],
    captured: new Set(),
    focused: [],
    answers: new Map(),
    emit(channel, ...args) {
      for (const listener of stand.ipcListeners.get(channel) ?? [])
        listener({ sender: 'ipc-event' }, ...args);
    },
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => stand.exposed.push({ key, api }),
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        stand.invoked.push({ channel, args });
        return Promise.resolve(
          stand.answers.has(channel) ? stand.answers.get(channel) : { ok: true, value: null },
        );
      },
      send: (channel: string, ...args: unknown[]) => stand.sent.push({ channel, args }),
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        const set = stand.ipcListeners.get(channel) ?? new Set();
        set.add(listener);
        stand.ipcListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        stand.ipcListeners.get(channel)?.delete(listener);
      },
    },
    webUtils: {
      getPathForFile: (file: { path?: string }) => file.path ?? '',
    },
  };
  const module = { exports: {} };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`stand-in: a sandboxed preload cannot require ${name}`);
    },
    process: { platform },
    console,
    Event,
    addEventListener: (type: string, listener: (event: unknown) => void, capture?: boolean) => {
      const list = stand.pageListeners.get(type) ?? [];
      list.push(listener);
      stand.pageListeners.set(type, list);
      if (capture === true) stand.captured.add(type);
    },
    dispatchEvent: (event: Event) => {
      stand.dispatched.push(event);
      return !event.defaultPrevented;
    },
    document: {
      querySelector: (selector: string) => ({ focus: () => stand.focused.push(selector) }),
    },
  });
  // The context's own globals play `window`, as in a page.
  vm.runInContext('globalThis.window = globalThis;', context);
  vm.runInContext(readFileSync(bundleFile, 'utf8'), context, { filename: bundleFile });
  return stand;
}
