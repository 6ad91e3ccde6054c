/**
 * What the preload and the main process say to each other beyond the contract's channels
 * (CONTRACT, DESKTOP_CHANNELS and STATUS_EVENT_CHANNEL in main/common). These channels are
 * private to the shell: the renderer never sees them, only the preload does.
 */

/** Preload → main: the absolute path of a folder the user dropped on the window. */
export const DROPPED_FOLDER_CHANNEL = 'dictum:dropped-folder';

/** Main → preload: a menu command the page should act on. */
export const MENU_COMMAND_CHANNEL = 'dictum:menu-command';

/**
 * Menu commands the page acts on, each re-dispatched by the preload as a DOM event named
 * `dictum:<command>` on `window` (a plain `Event`, no payload, so nothing crosses worlds).
 */
export const PAGE_COMMANDS = [
  'show-shortcuts',
  'focus-search',
  'export-results',
  'save-search',
  'saved-searches',
  'toggle-timeline',
] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

/**
 * Every invoke answers with this envelope instead of throwing: Electron would prefix a
 * thrown error with "Error invoking remote method ...", and the renderer should see the
 * contract's own message ("search: limit: ...").
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string; status: number };
