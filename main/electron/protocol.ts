/**
 * The `dictum://app/` protocol the window loads the renderer from. Serving the UI from a
 * privileged custom scheme instead of `file://` gives it a real origin (so CSP `'self'`
 * means only our files), keeps `file://` privileges out of the renderer, and lets every
 * response carry the security headers below. Nothing here imports Electron: the handler
 * takes and returns standard `Request`/`Response` objects, so it is tested in plain Node.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileInsideFolder } from '../corpus/folderBoundary';

export const APP_SCHEME = 'dictum';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Only our own scripts, styles, images and fonts; no inline script, no eval, no plugins, no
 * framing, no form posts, no `<base>` tricks. `data:` images are allowed because icons may
 * be inlined by the stylesheet.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Headers every response of the protocol carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export type AssetLookup = { file: string; type: string } | { status: 400 | 403 | 404; reason: string };

/**
 * Maps a `dictum://app/...` URL to a file inside `root`, or says why it will not be served.
 * The URL parser already folds plain `..` segments, so the checks that matter are on the
 * decoded path: encoded dots and slashes, backslashes, NUL, and the final containment test.
 */
export function resolveAsset(root: string, rawUrl: string): AssetLookup {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400, reason: 'electron: not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { status: 403, reason: `electron: ${url.protocol}//${url.host} is not the app's origin` };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'electron: malformed escape in path' };
  }
  if (path.endsWith('/')) path += 'index.html';
  if (/[\\\0]/.test(path)) return { status: 400, reason: 'electron: forbidden character in path' };
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || s === '')) {
    return { status: 403, reason: 'electron: path traversal refused' };
  }
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!file.startsWith(base + sep)) return { status: 403, reason: 'electron: path outside the app refused' };
  const type = MIME_TYPES[extname(file).toLowerCase()];
  if (!type) return { status: 404, reason: 'electron: unknown file type' };
  return { file, type };
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The handler `protocol.handle(APP_SCHEME, ...)` installs: serves files of `root` (the built
 * renderer, `dist/renderer`) read-only, with the security headers; anything else is refused.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, 'electron: only GET is served');
    }
    const found = resolveAsset(root, request.url);
    if ('status' in found) return refusal(found.status, found.reason);
    // The names are checked above; a link among the built files must not lead out of them.
    const inside = await fileInsideFolder(root, found.file);
    if (!inside.ok)
      return refusal(
        inside.missing ? 404 : 403,
        inside.missing ? 'electron: not found' : `electron: ${inside.reason}`,
      );
    let body: Buffer;
    try {
      body = await readFile(inside.realPath);
    } catch {
      return refusal(404, 'electron: not found');
    }
    const headers = {
      ...securityHeaders(),
      'Content-Type': found.type,
      'Content-Length': String(body.length),
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
