/**
 * What the renderer sees of its host. In Electron the preload exposes one object of this
 * type as `window.dictum`; in a browser the renderer builds the same object over HTTP.
 */
import type { SearchApi, SearchRequest, StatusResponse } from './contract';
import type { ExportFormat } from './exportRows';
import type { SavedSearchApi } from './savedSearches';

export type HostPlatform = 'darwin' | 'win32' | 'linux' | 'web';

/** Desktop-only actions; absent in a browser, where the UI hides what needs them. */
export interface DesktopActions {
  /** Shows the open-folder dialog and switches to the chosen corpus. */
  openCorpusDialog(): Promise<void>;
  /** Opens a document's original file with the system's default application. */
  openOriginal(docId: string): Promise<void>;
  /** Shows a document's file in the system file manager. */
  revealOriginal(docId: string): Promise<void>;
  /**
   * Asks where to save, then writes every match of the search there (CSV or JSON Lines);
   * resolves when the file is complete, or with null when the user cancels.
   */
  exportResults(request: SearchRequest, format: ExportFormat): Promise<ExportOutcome | null>;
}

/** A finished export: where it went and how many matches it holds. */
export interface ExportOutcome {
  path: string;
  rows: number;
}

/** Sent while an export is written: matches done and the search's total. */
export interface ExportProgress {
  done: number;
  total: number;
}

export interface DictumBridge extends SearchApi {
  readonly platform: HostPlatform;
  /** Status events while indexing and whenever the corpus changes. Returns an unsubscribe. */
  onStatus(listener: (status: StatusResponse) => void): () => void;
  /** Progress of a desktop export (never called in a browser). Returns an unsubscribe. */
  onExportProgress?(listener: (progress: ExportProgress) => void): () => void;
  readonly desktop: DesktopActions | null;
  /** The corpus's saved searches (absent where the host keeps none). */
  readonly saved?: SavedSearchApi;
}

/** IPC channels of the desktop actions and of status events (the contract's own are in CONTRACT). */
export const DESKTOP_CHANNELS = {
  openCorpusDialog: 'dictum:open-corpus-dialog',
  openOriginal: 'dictum:open-original',
  revealOriginal: 'dictum:reveal-original',
  exportResults: 'dictum:export',
} as const satisfies Record<keyof DesktopActions, string>;

export const STATUS_EVENT_CHANNEL = 'dictum:status-event';

/** Main → page: ExportProgress of the export under way. */
export const EXPORT_PROGRESS_CHANNEL = 'dictum:export-progress';
