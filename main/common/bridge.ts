/**
 * What the renderer sees of its host. In Electron the preload exposes one object of this
 * type as `window.dictum`; in a browser the renderer builds the same object over HTTP.
 */
import type { SearchApi, StatusResponse } from './contract';

export type HostPlatform = 'darwin' | 'win32' | 'linux' | 'web';

/** Desktop-only actions; absent in a browser, where the UI hides what needs them. */
export interface DesktopActions {
  /** Shows the open-folder dialog and switches to the chosen corpus. */
  openCorpusDialog(): Promise<void>;
  /** Opens a document's original file with the system's default application. */
  openOriginal(docId: string): Promise<void>;
  /** Shows a document's file in the system file manager. */
  revealOriginal(docId: string): Promise<void>;
}

export interface DictumBridge extends SearchApi {
  readonly platform: HostPlatform;
  /** Status events while indexing and whenever the corpus changes. Returns an unsubscribe. */
  onStatus(listener: (status: StatusResponse) => void): () => void;
  readonly desktop: DesktopActions | null;
}

/** IPC channels of the desktop actions and of status events (the contract's own are in CONTRACT). */
export const DESKTOP_CHANNELS = {
  openCorpusDialog: 'dictum:open-corpus-dialog',
  openOriginal: 'dictum:open-original',
  revealOriginal: 'dictum:reveal-original',
} as const satisfies Record<keyof DesktopActions, string>;

export const STATUS_EVENT_CHANNEL = 'dictum:status-event';
