/**
 * The bridge over HTTP, for the UI served by `dictum serve`: the same object the Electron
 * preload exposes, built from the contract's routes.
 */
import type { DictumBridge } from '../main/common/bridge';
import {
  CONTRACT,
  type ExtractedDocument,
  type SearchRequest,
  type SearchResponse,
  type StatusResponse,
} from '../main/common/contract';
import type { TimelineResponse } from '../main/common/timeline';
import { searchParams, timelineParams } from './model/url';

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

async function getJson<T>(url: string, signal?: AbortSignal, init: RequestInit = {}): Promise<T> {
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
  return body as T;
}

/** Whether this server may open another folder, and the token that proves the page asks. */
export type FolderOpening = { available: true; actionToken: string } | { available: false; reason: string };

export interface HttpBridge extends DictumBridge {
  /** A search that a newer one can cancel. */
  searchAbortable(request: SearchRequest, signal: AbortSignal): Promise<SearchResponse>;
  /** Whether a local server lets the page open another folder (`GET /api/open-folder`). */
  folderOpening(): Promise<FolderOpening>;
  /** Opens the folder at this full path in the running server; status events follow. */
  openFolder(path: string, actionToken: string): Promise<StatusResponse['corpus']>;
}

const OPEN_FOLDER_PATH = '/api/open-folder';

export function createHttpBridge(base = ''): HttpBridge {
  const search = (request: SearchRequest, signal?: AbortSignal) =>
    getJson<SearchResponse>(
      `${base}${CONTRACT.search.http.path}?${searchParams(request).toString()}`,
      signal,
    );
  return {
    platform: 'web',
    desktop: null,
    search: (request) => search(request),
    searchAbortable: (request, signal) => search(request, signal),
    document: (id) =>
      getJson<ExtractedDocument>(
        `${base}${CONTRACT.document.http.path.replace(':id', encodeURIComponent(id))}`,
      ),
    status: () => getJson<StatusResponse>(`${base}${CONTRACT.status.http.path}`),
    timeline: (request) =>
      getJson<TimelineResponse>(
        `${base}${CONTRACT.timeline.http.path}?${timelineParams(request).toString()}`,
      ),
    folderOpening: () => getJson<FolderOpening>(`${base}${OPEN_FOLDER_PATH}`),
    openFolder: async (path, actionToken) =>
      (
        await getJson<{ corpus: StatusResponse['corpus'] }>(`${base}${OPEN_FOLDER_PATH}`, undefined, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-dictum-action': actionToken },
          body: JSON.stringify({ path }),
        })
      ).corpus,
    onStatus(listener) {
      // EventSource reconnects by itself when the server restarts.
      const source = new EventSource(`${base}/api/events`);
      source.onmessage = (event: MessageEvent<string>) => {
        try {
          listener(JSON.parse(event.data) as StatusResponse);
        } catch {
          // A malformed event is dropped; the next one carries the whole status again.
        }
      };
      return () => source.close();
    },
  };
}
