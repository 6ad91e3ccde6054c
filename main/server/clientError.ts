/**
 * Answers to requests Node's HTTP parser rejects before Fastify sees them (headers too large,
 * a request that never finished, malformed HTTP). Fastify's default answer carries none of the
 * headers every other response has; this one carries them, in Dictum's error shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security';

function answerFor(code: string | undefined): { status: number; error: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: 'server: the request headers are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, error: 'server: the request took too long to arrive' };
    default:
      return { status: 400, error: 'server: the request is not valid HTTP' };
  }
}

/** The raw HTTP response for a client error: status line, security headers, JSON body. */
export function clientErrorResponse(code: string | undefined): string {
  const { status, error } = answerFor(code);
  const body = JSON.stringify({ error });
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head.join('\r\n')}\r\n\r\n${body}`;
}

/** Fastify's `clientErrorHandler`: answers once if the socket can still be written, then closes it. */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(clientErrorResponse(error.code));
  socket.destroy(error);
}
