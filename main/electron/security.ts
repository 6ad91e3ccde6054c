/**
 * The checks every boundary of the desktop shell applies: who may call IPC, which URLs may
 * leave the app, which files the OS may open. Pure functions over plain data, so the rules
 * are tested without Electron; main.ts feeds them Electron's objects.
 */
import { extname } from 'node:path';
import { APP_HOST, APP_SCHEME } from './protocol';

/** True for URLs of the app's own origin (`dictum://app/...`). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** What main.ts knows of an IPC message's sender. */
export interface SenderInfo {
  /** The id of the WebContents that sent it. */
  webContentsId: number;
  /** The frame that sent it; null when it has navigated away or been destroyed. */
  frame: { url: string; isMainFrame: boolean; processId: number; routingId: number } | null;
}

/** What main.ts knows of the app's window. */
export interface TrustedWindow {
  webContentsId: number;
  mainFrame: { processId: number; routingId: number };
}

/**
 * Why a message must be refused, or null when it comes from the main frame of our window
 * showing our own origin. An iframe, a navigated-away frame, another window or a page of
 * another origin is never trusted, whatever it sends.
 */
export function senderProblem(sender: SenderInfo, window: TrustedWindow | null): string | null {
  if (!window) return 'ipc: there is no app window';
  if (sender.webContentsId !== window.webContentsId) return 'ipc: message from another window refused';
  const frame = sender.frame;
  if (!frame) return 'ipc: message from a destroyed frame refused';
  if (!frame.isMainFrame) return 'ipc: message from a subframe refused';
  if (frame.processId !== window.mainFrame.processId || frame.routingId !== window.mainFrame.routingId) {
    return 'ipc: message from a frame that is not the main frame refused';
  }
  if (!isAppUrl(frame.url)) return `ipc: message from ${originOf(frame.url)} refused`;
  return null;
}

function originOf(raw: string): string {
  try {
    const url = new URL(raw);
    return url.origin === 'null' ? `${url.protocol}//` : url.origin;
  } catch {
    return 'an unknown origin';
  }
}

const MAX_EXTERNAL_URL = 2048;

/**
 * The URL to hand to `shell.openExternal`, or null: only plain http(s) links, without
 * credentials, of a sane length. Everything else (file:, javascript:, custom schemes that
 * could launch other apps) stays closed.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

/**
 * Document formats Dictum reads, which are safe to hand to the system's default application.
 * Anything else (an `.exe`, `.desktop`, `.command` or `.lnk` dropped into a corpus) is only
 * ever shown in its folder, never opened.
 */
const OPENABLE_EXTENSIONS = new Set([
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.json',
  '.jsonl',
  '.ndjson',
  '.sgm',
  '.sgml',
  '.xml',
  '.csv',
  '.tsv',
]);

export function isOpenableDocument(file: string): boolean {
  return OPENABLE_EXTENSIONS.has(extname(file).toLowerCase());
}
