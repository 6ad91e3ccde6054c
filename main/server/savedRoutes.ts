/**
 * The saved-search routes (SAVED_CONTRACT in main/common/savedSearches.ts):
 *
 * - `GET /api/saved`: every saved search with its count of new matches (`newCount`) and a
 *   `problem` when the file could not be read;
 * - `POST /api/saved` `{ name, query }`: saves a search (query: the search's parameters, as
 *   JSON: `{ "q": "nato", "speaker": ["Vladimir Putin"], "sort": "date-desc" }`);
 * - `PATCH /api/saved/:id` `{ name?, query? }`: renames it or changes its query;
 * - `DELETE /api/saved/:id`;
 * - `POST /api/saved/:id/open`: marks it opened (its new count becomes 0) and returns it.
 *
 * The bodies are checked by the same functions as IPC's (savedValidate.ts). A route that
 * changes something takes JSON only and refuses another site's page (Origin and
 * Sec-Fetch-Site), so a page elsewhere cannot post a form to a local server.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SAVED_CONTRACT, type SavedMethod } from '../common/savedSearches';
import { validateSavedId, validateSavedInput, validateSavedPatch } from '../common/savedValidate';
import type { SavedSearchService } from '../service/savedSearchStore';
import { SavedQuerySchema, SavedSearchListSchema, SavedSearchSchema } from '../common/savedSchemas';
import { plainSchema, type JsonSchema } from './schemas';

const ID_PARAMS: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 40 } },
  required: ['id'],
  additionalProperties: false,
};
const NO_PARAMETERS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

/** Why a request that changes saved searches is refused, or null. */
function changeProblem(request: FastifyRequest, hasBody: boolean): { status: number; error: string } | null {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const foreignOrigin =
    origin !== undefined &&
    origin !== `http://${request.headers.host ?? ''}` &&
    origin !== `https://${request.headers.host ?? ''}`;
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || foreignOrigin) {
    return {
      status: 403,
      error: 'saved: only the Dictum page itself or a program may change saved searches',
    };
  }
  const type = request.headers['content-type'] ?? '';
  if (hasBody && !/^application\/json\b/i.test(type)) {
    return { status: 415, error: 'saved: send the body as application/json' };
  }
  return null;
}

export function registerSavedRoutes(app: FastifyInstance, saved: () => SavedSearchService | undefined): void {
  const service = (): SavedSearchService => {
    const found = saved();
    if (!found) throw new Error('saved: this server keeps no saved searches');
    return found;
  };
  const guard =
    (hasBody: boolean) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      const problem = changeProblem(request, hasBody);
      return problem ? refuse(reply, problem.status, problem.error) : undefined;
    };
  const id = (request: FastifyRequest) => validateSavedId((request.params as { id: unknown }).id);
  const noCache = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(
    SAVED_CONTRACT.listSaved.http.path,
    { schema: { querystring: NO_PARAMETERS } },
    (_request, reply) => {
      noCache(reply);
      return service().listSaved();
    },
  );
  app.post(
    SAVED_CONTRACT.createSaved.http.path,
    { schema: { querystring: NO_PARAMETERS }, preHandler: guard(true) },
    (request) => service().createSaved(validateSavedInput(request.body)),
  );
  app.patch(
    SAVED_CONTRACT.updateSaved.http.path,
    { schema: { querystring: NO_PARAMETERS, params: ID_PARAMS }, preHandler: guard(true) },
    (request) => service().updateSaved(id(request), validateSavedPatch(request.body)),
  );
  app.delete(
    SAVED_CONTRACT.deleteSaved.http.path,
    { schema: { querystring: NO_PARAMETERS, params: ID_PARAMS }, preHandler: guard(false) },
    (request) => service().deleteSaved(id(request)),
  );
  app.post(
    SAVED_CONTRACT.openSaved.http.path,
    { schema: { querystring: NO_PARAMETERS, params: ID_PARAMS }, preHandler: guard(false) },
    (request) => service().openSaved(id(request)),
  );
}

// ---------------------------------------------------------------------------
// OpenAPI

const SAVED_QUERY: JsonSchema = {
  ...plainSchema(SavedQuerySchema),
  description:
    'The search: the parameters of /api/search as JSON (paging, cursor and facetLimit are not kept).',
};
const SAVED_SEARCH = plainSchema(SavedSearchSchema);
const SAVED_LIST = plainSchema(SavedSearchListSchema);

export function savedRoutesOpenApi(
  errorResponse: (status: number) => JsonSchema,
  common: number[],
): Record<string, JsonSchema> {
  const errors = (statuses: number[]) =>
    Object.fromEntries(
      [...new Set([...statuses, ...common])].sort((a, b) => a - b).map((s) => [String(s), errorResponse(s)]),
    );
  const ok = (description: string, schema: JsonSchema) => ({
    200: { description, content: { 'application/json': { schema } } },
  });
  const body = (properties: JsonSchema, required: string[]) => ({
    required: true,
    content: { 'application/json': { schema: { type: 'object', properties, required } } },
  });
  const idParameter = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  const operation = (method: SavedMethod, summary: string, rest: JsonSchema) => ({
    operationId: method,
    summary,
    ...rest,
  });
  const path = (method: SavedMethod) => SAVED_CONTRACT[method].http.path.replace(/:([A-Za-z]+)/g, '{$1}');
  return {
    [path('listSaved')]: {
      get: operation('listSaved', 'The saved searches of the corpus, each with its count of new matches.', {
        responses: { ...ok('The list.', SAVED_LIST), ...errors([]) },
      }),
      post: operation('createSaved', 'Saves a search under a name; its matches now count as seen.', {
        requestBody: body({ name: { type: 'string' }, query: SAVED_QUERY }, ['name']),
        responses: { ...ok('The saved search.', SAVED_SEARCH), ...errors([400, 409, 415]) },
      }),
    },
    [path('updateSaved')]: {
      patch: operation(
        'updateSaved',
        'Renames a saved search or changes its query (what is new starts again).',
        {
          parameters: idParameter,
          requestBody: body({ name: { type: 'string' }, query: SAVED_QUERY }, []),
          responses: { ...ok('The saved search.', SAVED_SEARCH), ...errors([400, 404, 409, 415]) },
        },
      ),
      delete: operation('deleteSaved', 'Deletes a saved search.', {
        parameters: idParameter,
        responses: { ...ok('The saved searches left.', SAVED_LIST), ...errors([400, 404, 409]) },
      }),
    },
    [path('openSaved')]: {
      post: operation(
        'openSaved',
        'Marks a saved search opened: its matches now count as seen, its new count is 0.',
        {
          parameters: idParameter,
          responses: { ...ok('The saved search.', SAVED_SEARCH), ...errors([400, 404]) },
        },
      ),
    },
  };
}
