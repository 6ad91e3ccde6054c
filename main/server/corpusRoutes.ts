/**
 * Routes that touch the corpus folder itself, not the index:
 *
 * - `GET /api/documents/:id/original`: the document's original file (a PDF opens in the
 *   browser, at `#page=N`), served only when its real path lies inside the corpus folder.
 * - `GET /api/open-folder`: whether this server may open another folder, and the action token
 *   the UI must send to do it. Only same-origin pages can read it (no CORS).
 * - `POST /api/open-folder` `{ "path": "/abs/folder" }` with `x-dictum-action: TOKEN`: opens
 *   that folder in the running server. Refused unless the server is local (loopback, no access
 *   token, no CORS) and the request comes from this machine and from the UI's own origin.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SearchApi, StatusResponse } from '../common/contract';
import { validateDocumentId } from '../common/validate';
import { corpusFileOf } from '../corpus/folderBoundary';
import { isLoopbackHost, tokenMatches } from './security';

export const ORIGINAL_ROUTE = '/api/documents/:id/original';
export const OPEN_FOLDER_ROUTE = '/api/open-folder';
export const ACTION_HEADER = 'x-dictum-action';

export interface CorpusRouteOptions {
  service: SearchApi;
  /** Opens another folder in the running server; absent where the folder is fixed. */
  openCorpus?: ((dir: string) => Promise<StatusResponse['corpus']>) | undefined;
  /** Why opening a folder is refused here (a shared or remote setup), or null when it may. */
  openRefusal: string | null;
}

/** Shown in the browser (inline) only for formats a browser shows safely; others download. */
const INLINE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.markdown': 'text/plain; charset=utf-8',
  '.json': 'text/plain; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8',
  // HTML is shown as its source: a saved page must not run in the UI's origin.
  '.html': 'text/plain; charset=utf-8',
  '.htm': 'text/plain; charset=utf-8',
};

function contentDisposition(kind: 'inline' | 'attachment', file: string): string {
  const name = basename(file);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

/** The same-origin and same-machine checks for a request that changes what the server serves. */
function actionProblem(request: FastifyRequest, actionToken: string): string | null {
  if (!isLoopbackHost(request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
    return 'open-folder: only a browser on this machine may open a folder';
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) {
    return 'open-folder: only the Dictum page itself may open a folder';
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return 'open-folder: only the Dictum page itself may open a folder';
  }
  const presented = request.headers[ACTION_HEADER];
  if (!tokenMatches(actionToken, typeof presented === 'string' ? presented : undefined)) {
    return `open-folder: the ${ACTION_HEADER} header is missing or wrong (GET ${OPEN_FOLDER_ROUTE} gives it)`;
  }
  return null;
}

export function registerCorpusRoutes(app: FastifyInstance, options: CorpusRouteOptions): void {
  const { service } = options;
  const noParameters = { type: 'object', properties: {}, additionalProperties: false };

  app.get(
    ORIGINAL_ROUTE,
    {
      schema: {
        querystring: noParameters,
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      },
    },
    async (request, reply) => {
      const id = validateDocumentId((request.params as { id: unknown }).id);
      const { document } = await service.document(id);
      const { corpus } = await service.status();
      const found = await corpusFileOf(corpus.path, document.path);
      if (!found.ok) return refuse(reply, 404, `original: ${found.reason}`);
      const type = INLINE_TYPES[extname(found.realPath).toLowerCase()];
      return reply
        .header('content-type', type ?? 'application/octet-stream')
        .header('content-disposition', contentDisposition(type ? 'inline' : 'attachment', document.path))
        .header('cache-control', 'no-store')
        .send(createReadStream(found.realPath));
    },
  );

  const actionToken = randomBytes(24).toString('base64url');
  const available = options.openCorpus !== undefined && options.openRefusal === null;

  app.get(OPEN_FOLDER_ROUTE, { schema: { querystring: noParameters } }, async () =>
    available
      ? { available: true, actionToken }
      : {
          available: false,
          reason:
            options.openRefusal ??
            'this server serves one folder; start another with dictum serve --corpus DIR',
        },
  );

  app.post(
    OPEN_FOLDER_ROUTE,
    {
      schema: {
        querystring: noParameters,
        body: {
          type: 'object',
          properties: { path: { type: 'string', minLength: 1, maxLength: 4096 } },
          required: ['path'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      if (!available || !options.openCorpus) {
        return refuse(reply, 403, `open-folder: ${options.openRefusal ?? 'this server serves one folder'}`);
      }
      const problem = actionProblem(request, actionToken);
      if (problem) return refuse(reply, 403, problem);
      const { path } = request.body as { path: string };
      if (!isAbsolute(path) || path.includes('\0')) {
        return refuse(reply, 400, 'open-folder: give the folder as a full path, such as /home/me/articles');
      }
      const info = await stat(path).catch(() => null);
      if (!info?.isDirectory())
        return refuse(reply, 400, `open-folder: ${path} is not a folder, or cannot be read`);
      return { corpus: await options.openCorpus(path) };
    },
  );
}

/** These routes as OpenAPI paths, beside the contract's. */
export function corpusRoutesOpenApi(
  errorResponse: (status: number) => Record<string, unknown>,
  common: number[],
): Record<string, Record<string, unknown>> {
  const errors = (statuses: number[]) =>
    Object.fromEntries(
      [...new Set([...statuses, ...common])].sort((a, b) => a - b).map((s) => [String(s), errorResponse(s)]),
    );
  const corpus = {
    type: 'object',
    properties: { path: { type: 'string' }, name: { type: 'string' } },
    required: ['path', 'name'],
  };
  return {
    '/api/documents/{id}/original': {
      get: {
        operationId: 'original',
        summary:
          'The original file of a document, only when its real path lies inside the corpus folder. PDFs and text show inline (add #page=N for a PDF page); other formats download.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The file as it is on disk.' }, ...errors([400, 404]) },
      },
    },
    [OPEN_FOLDER_ROUTE]: {
      get: {
        operationId: 'openFolderOffer',
        summary: 'Whether this server may open another folder, and the action token that POST needs.',
        responses: {
          200: {
            description: 'The offer.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    available: { type: 'boolean' },
                    actionToken: { type: 'string' },
                    reason: { type: 'string' },
                  },
                  required: ['available'],
                },
              },
            },
          },
          ...errors([]),
        },
      },
      post: {
        operationId: 'openFolder',
        summary: `Opens another folder in the running local server. Needs the ${ACTION_HEADER} header from GET; refused on a shared server, from another machine or another origin.`,
        parameters: [{ name: ACTION_HEADER, in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { path: { type: 'string', description: 'The folder, as a full path.' } },
                required: ['path'],
              },
            },
          },
        },
        responses: {
          200: {
            description: 'The folder now open; status events follow its indexing.',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { corpus }, required: ['corpus'] },
              },
            },
          },
          ...errors([400]),
        },
      },
    },
  };
}
