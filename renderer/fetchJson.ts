/**
 * One request to the Dictum server and its JSON answer, checked against the contract's schema
 * where it arrives. Only fetch: no DOM, so it is tested in Node against a real server.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { checked, type ShapeError } from '../main/common/checked';

/** An error the service reported, with its HTTP status. */
export class BridgeError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** The answer to `url`, of the schema's type; a BridgeError for an error, no answer or a malformed one. */
export async function getJson<T extends TSchema>(
  schema: T,
  what: string,
  url: string,
  signal?: AbortSignal,
  init: RequestInit = {},
): Promise<Static<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
      signal: signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new BridgeError('renderer: the Dictum server cannot be reached', 0);
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message =
      body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `HTTP ${response.status}`;
    throw new BridgeError(message, response.status);
  }
  try {
    return checked(schema, body, `the server's answer to ${what}`);
  } catch (error) {
    throw new BridgeError(`renderer: ${(error as ShapeError).message}`, response.status);
  }
}
