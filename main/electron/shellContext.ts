/**
 * The state the desktop shell's parts share, and the actions each part offers the others.
 * main.ts creates one context and lets each part (IPC, the corpus session, the window, status
 * push, the menu, the lifecycle) install its actions on it; a part calls another only through
 * the context, so the parts import none of each other.
 */
import type { BrowserWindow } from 'electron';
import type { StatusResponse } from '../common/contract';
import type { SavedSearchAlert } from '../common/savedSearches';
import type { SearchService } from '../service/index';
import { defaultSettings, saveSettings, type Settings } from './settings';

export const PRODUCT_NAME = 'Dictum';

export interface OpenCorpus {
  dir: string;
  service: SearchService;
  unsubscribe: () => void;
}

export interface ShellActions {
  /** Writes the settings (in order, after any write in flight). */
  persist(): void;
  showError(title: string, error: unknown): void;
  refreshMenu(): void;
  /** The open corpus, once any switch in progress is done. */
  openCorpusNow(): Promise<OpenCorpus>;
  openCorpus(dir: string): Promise<void>;
  openFolderIfPossible(dir: string): Promise<void>;
  openDroppedPath(path: string): Promise<void>;
  chooseCorpus(): Promise<void>;
  initialCorpus(): Promise<string>;
  openOriginal(docId: string): Promise<void>;
  revealOriginal(docId: string): Promise<void>;
  pushStatus(): void;
  scheduleStatusPush(from: OpenCorpus, status: StatusResponse): void;
  stopStatusPush(): void;
  createWindow(): BrowserWindow;
  focusWindow(): void;
  rememberWindow(): void;
  /** A desktop notification: a saved search of the open corpus has new matches. */
  notifySavedMatch(alert: SavedSearchAlert): void;
}

export interface ShellContext {
  settings: Settings;
  settingsFile: string;
  window: BrowserWindow | null;
  current: OpenCorpus | null;
  /** Corpus switches run one after another; requests wait for the one in progress. */
  switching: Promise<void>;
  /** The document the window last opened: what File → Open Original acts on. */
  lastDocumentId: string | null;
  quitState: 'running' | 'closing' | 'closed';
  /** A folder macOS asked us to open before the app was ready (dropped on the Dock icon). */
  openedBeforeReady: string | null;
  /** The folder given with --corpus at startup. */
  startupCorpus: string | null;
  pendingSave: Promise<void>;
  actions: ShellActions;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The window, when there is one that is not destroyed. */
export function liveWindow(ctx: ShellContext): BrowserWindow | null {
  return ctx.window && !ctx.window.isDestroyed() ? ctx.window : null;
}

export function createShellContext(startupCorpus: string | null): ShellContext {
  const ctx: ShellContext = {
    settings: defaultSettings(),
    settingsFile: '',
    window: null,
    current: null,
    switching: Promise.resolve(),
    lastDocumentId: null,
    quitState: 'running',
    openedBeforeReady: null,
    startupCorpus,
    pendingSave: Promise.resolve(),
    // Each part installs its own; calling one before it is installed is a wiring bug.
    actions: new Proxy({} as ShellActions, {
      get(target, name: string) {
        const action = (target as unknown as Record<string, unknown>)[name];
        if (action === undefined) throw new Error(`electron: the shell action ${name} is not installed`);
        return action;
      },
    }),
  };
  return ctx;
}

/** The one action every part needs from the start: persisting the settings. */
export function persistSettings(ctx: ShellContext): void {
  const snapshot = ctx.settings;
  ctx.pendingSave = ctx.pendingSave
    .then(() => saveSettings(ctx.settingsFile, snapshot))
    .catch((error: unknown) => console.error(`electron: could not save settings: ${messageOf(error)}`));
}
