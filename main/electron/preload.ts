/**
 * The preload: the only code that can reach the main process from the window. It runs
 * sandboxed in an isolated world and exposes exactly one object, `window.dictum`, whose
 * methods each invoke one known channel with the arguments the contract names. The page
 * never touches `ipcRenderer`, never picks a channel, and never sees an IPC event object.
 *
 * Folders dropped on the window are handled here too: a sandboxed page cannot learn a
 * file's path, but the preload can (`webUtils.getPathForFile`), so it sends the path of a
 * dropped item to the main process, which opens it only if it is a folder. This adds no
 * method to `window.dictum`, and a page can only name a file the user really dropped.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  DESKTOP_CHANNELS,
  EXPORT_PROGRESS_CHANNEL,
  STATUS_EVENT_CHANNEL,
  type ExportProgress,
  type DictumBridge,
  type HostPlatform,
} from '../common/bridge';
import { CONTRACT, type StatusResponse } from '../common/contract';
import { SAVED_CONTRACT } from '../common/savedSearches';
import { DROPPED_FOLDER_CHANNEL, MENU_COMMAND_CHANNEL, PAGE_COMMANDS, type IpcResult } from './channels';

/** Every channel this preload may invoke; anything else is a bug caught before it is sent. */
const INVOKE_CHANNELS: ReadonlySet<string> = new Set([
  ...Object.values(CONTRACT).map((entry) => entry.channel),
  ...Object.values(DESKTOP_CHANNELS),
  ...Object.values(SAVED_CONTRACT).map((entry) => entry.channel),
]);

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  if (!INVOKE_CHANNELS.has(channel)) throw new Error(`preload: unknown channel ${channel}`);
  const result = (await ipcRenderer.invoke(channel, ...args)) as IpcResult<T>;
  if (result.ok) return result.value;
  throw new Error(result.error);
}

function hostPlatform(platform: string): HostPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

const bridge: DictumBridge = {
  platform: hostPlatform(process.platform),
  search: (request) => invoke(CONTRACT.search.channel, request),
  document: (id) => invoke(CONTRACT.document.channel, id),
  status: () => invoke(CONTRACT.status.channel),
  timeline: (request) => invoke(CONTRACT.timeline.channel, request),
  onStatus(listener) {
    if (typeof listener !== 'function') throw new TypeError('preload: onStatus needs a function');
    // The event is dropped on purpose: it would hand the page a way back to ipcRenderer.
    const relay = (_event: unknown, status: StatusResponse) => listener(status);
    ipcRenderer.on(STATUS_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(STATUS_EVENT_CHANNEL, relay);
    };
  },
  saved: {
    listSaved: () => invoke(SAVED_CONTRACT.listSaved.channel),
    createSaved: (input) => invoke(SAVED_CONTRACT.createSaved.channel, input),
    updateSaved: (id, patch) => invoke(SAVED_CONTRACT.updateSaved.channel, id, patch),
    deleteSaved: (id) => invoke(SAVED_CONTRACT.deleteSaved.channel, id),
    openSaved: (id) => invoke(SAVED_CONTRACT.openSaved.channel, id),
  },
  desktop: {
    openCorpusDialog: () => invoke(DESKTOP_CHANNELS.openCorpusDialog),
    openOriginal: (docId) => invoke(DESKTOP_CHANNELS.openOriginal, docId),
    revealOriginal: (docId) => invoke(DESKTOP_CHANNELS.revealOriginal, docId),
    exportResults: (request, format) => invoke(DESKTOP_CHANNELS.exportResults, request, format),
  },
  onExportProgress(listener) {
    if (typeof listener !== 'function') throw new TypeError('preload: onExportProgress needs a function');
    const relay = (_event: unknown, progress: ExportProgress) => listener(progress);
    ipcRenderer.on(EXPORT_PROGRESS_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EXPORT_PROGRESS_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('dictum', bridge);

// ---------------------------------------------------------------------------
// The page's DOM, reached from the isolated world. The node project has no DOM typings (they
// stay out of Node code on purpose), so the few members used are described here.

interface DroppedItems {
  files: ArrayLike<File>;
  types: readonly string[];
  dropEffect: string;
}
interface DragEventLike {
  dataTransfer: DroppedItems | null;
  preventDefault(): void;
}
interface PageWindow {
  addEventListener(
    type: 'dragover' | 'drop',
    listener: (event: DragEventLike) => void,
    capture: boolean,
  ): void;
  dispatchEvent(event: Event): boolean;
  document: { querySelector(selector: string): { focus(): void } | null };
}

const page = globalThis as unknown as PageWindow;

function carriesFiles(event: DragEventLike): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

// Without these, Chromium would try to navigate to a dropped file (main refuses that too).
// Capture phase, so a page that stops a drop's propagation cannot swallow it.
page.addEventListener(
  'dragover',
  (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  },
  true,
);
page.addEventListener(
  'drop',
  (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const first = event.dataTransfer?.files[0];
    if (!first) return;
    const path = webUtils.getPathForFile(first);
    // An empty path means a file the page built itself, not one from disk: nothing to open.
    if (path) ipcRenderer.send(DROPPED_FOLDER_CHANNEL, path);
  },
  true,
);

ipcRenderer.on(MENU_COMMAND_CHANNEL, (_event: unknown, command: unknown) => {
  if (typeof command !== 'string' || !(PAGE_COMMANDS as readonly string[]).includes(command)) return;
  // Cancelable so the page can say it handled the command; Find has a fallback if it did not.
  const unhandled = page.dispatchEvent(new Event(`dictum:${command}`, { cancelable: true }));
  if (unhandled && command === 'focus-search') {
    page.document.querySelector('input[type="search"], [role="searchbox"], input')?.focus();
  }
});
