/**
 * The bridge over HTTP, for the UI served by `dictum serve`: the same object the Electron
 * preload exposes, built from the contract's routes. Every answer and event is checked against
 * the contract's schemas where it arrives: one that does not fit is a BridgeError that says
 * where, not a value that breaks the screen later.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DictumBridge } from '../main/common/bridge';
import { checked } from '../main/common/checked';
import {
  CONTRACT,
  type SearchRequest,
  type SearchResponse,
  type StatusResponse,
} from '../main/common/contract';
import {
  ExtractedDocumentSchema,
  SearchResponseSchema,
  StatusResponseSchema,
  TimelineResponseSchema,
} from '../main/common/responseSchemas';
import { SAVED_CONTRACT, type SavedSearchApi } from '../main/common/savedSearches';
import { SavedSearchListSchema, SavedSearchSchema } from '../main/common/savedSchemas';
import { getJson } from './fetchJson';
import { searchParams, timelineParams } from './model/url';

export { BridgeError } from './fetchJson';

const CorpusSchema = Type.Object({ corpus: StatusResponseSchema.properties.corpus });
const FolderOpeningSchema = Type.Union([
  Type.Object({ available: Type.Literal(true), actionToken: Type.String() }),
  Type.Object({ available: Type.Literal(false), reason: Type.String() }),
]);

/** Whether this server may open another folder, and the token that proves the page asks. */
export type FolderOpening = Static<typeof FolderOpeningSchema>;

export interface HttpBridge extends DictumBridge {
  /** A search that a newer one can cancel. */
  searchAbortable(request: SearchRequest, signal: AbortSignal): Promise<SearchResponse>;
  /** Whether a local server lets the page open another folder (`GET /api/open-folder`). */
  folderOpening(): Promise<FolderOpening>;
  /** Opens the folder at this full path in the running server; status events follow. */
  openFolder(path: string, actionToken: string): Promise<StatusResponse['corpus']>;
}

const OPEN_FOLDER_PATH = '/api/open-folder';

/** The saved-search routes; a change sends JSON, which the server asks for. */
function savedOverHttp(base: string): SavedSearchApi {
  const path = (p: string, id?: string) =>
    `${base}${id === undefined ? p : p.replace(':id', encodeURIComponent(id))}`;
  const init = (method: string, body?: unknown): RequestInit => ({
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const one = (method: string, url: string, body?: unknown) =>
    getJson(SavedSearchSchema, 'a saved search', url, undefined, init(method, body));
  const list = (method: string, url: string) =>
    getJson(SavedSearchListSchema, 'the saved searches', url, undefined, init(method));
  return {
    listSaved: () => list('GET', path(SAVED_CONTRACT.listSaved.http.path)),
    createSaved: (input) => one('POST', path(SAVED_CONTRACT.createSaved.http.path), input),
    updateSaved: (id, patch) => one('PATCH', path(SAVED_CONTRACT.updateSaved.http.path, id), patch),
    deleteSaved: (id) => list('DELETE', path(SAVED_CONTRACT.deleteSaved.http.path, id)),
    openSaved: (id) => one('POST', path(SAVED_CONTRACT.openSaved.http.path, id)),
  };
}

export function createHttpBridge(base = ''): HttpBridge {
  const search = (request: SearchRequest, signal?: AbortSignal) =>
    getJson(
      SearchResponseSchema,
      'a search',
      `${base}${CONTRACT.search.http.path}?${searchParams(request).toString()}`,
      signal,
    );
  return {
    platform: 'web',
    desktop: null,
    saved: savedOverHttp(base),
    search: (request) => search(request),
    searchAbortable: (request, signal) => search(request, signal),
    document: (id) =>
      getJson(
        ExtractedDocumentSchema,
        'a document',
        `${base}${CONTRACT.document.http.path.replace(':id', encodeURIComponent(id))}`,
      ),
    status: () => getJson(StatusResponseSchema, 'status', `${base}${CONTRACT.status.http.path}`),
    timeline: (request) =>
      getJson(
        TimelineResponseSchema,
        'a timeline',
        `${base}${CONTRACT.timeline.http.path}?${timelineParams(request).toString()}`,
      ),
    folderOpening: () => getJson(FolderOpeningSchema, 'open folder', `${base}${OPEN_FOLDER_PATH}`),
    openFolder: async (path, actionToken) =>
      (
        await getJson(CorpusSchema, 'open folder', `${base}${OPEN_FOLDER_PATH}`, undefined, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-dictum-action': actionToken },
          body: JSON.stringify({ path }),
        })
      ).corpus,
    onStatus(listener) {
      // EventSource reconnects by itself when the server restarts.
      const source = new EventSource(`${base}/api/events`);
      source.onmessage = (event: MessageEvent<string>) => {
        let status: StatusResponse;
        try {
          status = checked(StatusResponseSchema, JSON.parse(event.data), 'a status event');
        } catch (error) {
          // A malformed event is dropped; the next one carries the whole status again.
          console.warn(`renderer: ${(error as Error).message}`);
          return;
        }
        listener(status);
      };
      return () => source.close();
    },
  };
}
