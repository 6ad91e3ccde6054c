/**
 * Hardening shared by every web contents and the session: permissions only for the app's own
 * page, no downloads, no navigation away, no new windows; http(s) links open in the browser.
 */
import { session, shell, type WebContents } from 'electron';
import { isAppUrl, safeExternalUrl } from './security';

/** Permissions the app's own page may use: copying a citation writes to the clipboard. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function hardenSession(): void {
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
export function hardenWebContents(contents: WebContents): void {
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
