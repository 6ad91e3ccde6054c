/**
 * The server's defences: who may bind where, the access token (header or cookie), the
 * Host check against DNS rebinding, CORS on request, and the security headers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'dictum_token';

/** The Content-Security-Policy of everything served: the UI loads only its own files. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent with every response, API and UI alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Why a token cannot be used, or null when it can. */
export function tokenProblem(token: string): string | null {
  if (token.length > 512) return 'the access token is longer than 512 characters';
  // Tokens travel in an Authorization header and a cookie: visible ASCII keeps both intact.
  if (!/^[\x21-\x7e]+$/.test(token))
    return 'the access token may contain only visible ASCII characters, no spaces';
  return null;
}

/** Compares a presented token with the expected one in time independent of where they differ. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  // Hashing first gives equal lengths, so the length of the secret does not leak either.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The Set-Cookie header that lets the browser UI present the token on later requests. */
export function tokenCookie(token: string): string {
  // HttpOnly: scripts never see it; SameSite=Strict: other sites cannot make the browser send it.
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

/**
 * The Host header values a loopback server answers to. Anything else is a page on another
 * name whose DNS was pointed at 127.0.0.1 (DNS rebinding), and is refused.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  const bound = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  if (!names.includes(bound.toLowerCase())) names.push(bound.toLowerCase());
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    // Clients leave out the default port.
    if (port === 80) hosts.add(name);
  }
  return hosts;
}
