/**
 * `dictum serve`: the search contract over HTTP, the renderer UI beside it, and indexing
 * progress as Server-Sent Events. Safe by default: loopback only unless an access token is
 * set, the Host header checked, strict security headers. See README.md in this folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyStatic from '@fastify/static';
import { packageRoot } from '../service/packagePaths';
import { CONTRACT, ContractError, type SearchApi, type StatusResponse } from '../common/contract';
import { validateDocumentId, validateSearchRequest, validateTimelineRequest } from '../common/validate';
import { handleClientError } from './clientError';
import { EventStreams } from './events';
import { OPEN_FOLDER_ROUTE, ORIGINAL_ROUTE, registerCorpusRoutes } from './corpusRoutes';
import { registerExportRoute } from './exportRoute';
import { registerSavedRoutes } from './savedRoutes';
import { registerSpeakerRoutes } from './speakerRoutes';
import type { NameMerge } from '../extract/corpusNames';
import type { SavedSearchService } from '../service/savedSearchStore';
import { openApiDocument } from './openapi';
import { contractRoutes, type JsonSchema } from './schemas';
import {
  SECURITY_HEADERS,
  allowedHosts,
  bearerToken,
  cookieValue,
  isLoopbackHost,
  tokenCookie,
  tokenMatches,
  tokenProblem,
  TOKEN_COOKIE,
} from './security';

/** What the server needs of the SearchService (main/service), which satisfies it. */
export interface ServedService extends SearchApi {
  onProgress(listener: (status: StatusResponse) => void): () => void;
  /** The corpus's saved searches; without them, /api/saved answers that there are none to keep. */
  readonly saved?: SavedSearchService;
  /** Speaker names merged across the corpus (/api/speakers/merges); none without it. */
  nameMerges?(): Promise<NameMerge[]>;
}

export interface ServerOptions {
  service: ServedService;
  /** Address to listen on; the caller's default is 127.0.0.1. Anything but loopback needs `token`. */
  host: string;
  /** 0 picks any free port. */
  port: number;
  /** Access token; when set, every request must present it (Bearer header or the UI's cookie). */
  token?: string | undefined;
  /** The built renderer (dist/renderer): index.html, app.js, app.css. */
  staticDir: string;
  /** Origins allowed to call the API from a browser (CORS). None by default. */
  cors?: string[];
  /** true or undefined: info-level JSON logs to stderr; false: silent; an object: pino options. */
  logger?: boolean | object;
  /** Most Server-Sent Event streams open at once (default 64). */
  maxEventStreams?: number;
  /**
   * Opens another corpus folder in the running server (POST /api/open-folder). Offered only
   * on a local server: loopback, no access token, no CORS.
   */
  openCorpus?: (dir: string) => Promise<StatusResponse['corpus']>;
}

export interface RunningServer {
  url: string;
  /** Stops accepting connections, ends event streams, and resolves once in-flight requests are answered. */
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
const NO_PARAMETERS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

/** Errors of startServer: plain Errors, prefixed with the component like every Dictum error. */
function serverError(message: string): Error {
  return new Error(`server: ${message}`);
}

function reject(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

/** The path of a request URL, without its query. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function isContractError(error: unknown): error is ContractError {
  if (error instanceof ContractError) return true;
  // Errors that crossed a worker boundary keep their name and status but not their class.
  const e = error as { name?: unknown; status?: unknown; message?: unknown } | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    e.name === 'ContractError' &&
    (e.status === 400 || e.status === 404) &&
    typeof e.message === 'string'
  );
}

/** A readable message for a failed schema check: `search: limit must be <= 200`. */
function validationMessage(error: FastifyError, where: string): string {
  const first = error.validation?.[0];
  if (!first) return `${where}: invalid request`;
  const params = first.params as Record<string, unknown>;
  const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request';
  switch (first.keyword) {
    case 'additionalProperties':
      return `${where}: unknown parameter "${String(params.additionalProperty).slice(0, 100)}"`;
    case 'enum':
      return `${where}: ${field} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      if (field === 'from' || field === 'to') {
        return `${where}: ${field} must be a date like 2021, 2021-12 or 2021-12-15`;
      }
      return `${where}: ${field} ${first.message ?? 'is invalid'}`;
    default:
      return `${where}: ${field} ${first.message ?? 'is invalid'}`;
  }
}

function loggerOption(logger: ServerOptions['logger']): object | false {
  if (logger === false) return false;
  // Tokens travel in these headers; they must never reach a log line.
  const base = {
    level: 'info',
    stream: process.stderr,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  return logger === undefined || logger === true ? base : { ...base, ...logger };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Builds the Fastify app without listening. `boundPort` is read on each request, so the
 * Host check follows the port actually bound (port 0 picks one at listen time).
 */
export async function buildServer(
  options: ServerOptions,
  boundPort: () => number,
): Promise<{ app: FastifyInstance; streams: EventStreams }> {
  const { service } = options;
  const token = options.token || undefined;
  const loopback = isLoopbackHost(options.host);
  const corsOrigins = new Set(options.cors ?? []);
  const streams = new EventStreams(options.maxEventStreams ?? 64);
  const routes = contractRoutes();
  /** Each route's name for its error messages: `status: unknown parameter "x"`. */
  const routeNames = new Map<string, string>([
    ...routes.map((route): [string, string] => [route.path, route.method]),
    ['/api/events', 'events'],
    ['/api/openapi.json', 'openapi'],
    [ORIGINAL_ROUTE, 'original'],
    [OPEN_FOLDER_ROUTE, 'open-folder'],
  ]);

  const app = Fastify({
    logger: loggerOption(options.logger),
    // Fastify's own request lines log the URL, which can carry the token; ours (onResponse) log the route.
    logController: new LogController({ disableRequestLogging: true }),
    // Ids are at most LIMITS.idLength characters, but longer ones should reach the schema and
    // get a 400 that says so; Node's header size limit bounds the URL anyway.
    routerOptions: { maxParamLength: 16_384 },
    // A URL that is not valid percent-encoding, and the like: same error shape as ours.
    frameworkErrors: (error, _request, reply) => {
      // These answers skip the hooks, so the headers are set here.
      reply.headers(SECURITY_HEADERS);
      reject(reply, 400, `server: ${error.message}`);
    },
    ajv: {
      customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: false },
    },
    return503OnClosing: true,
    // Requests Node's parser refuses (e.g. headers over its limit) get the same headers as the rest.
    clientErrorHandler: handleClientError,
    // A client that trickles its request in (slowloris) is cut off; answers, streams included, are not limited.
    requestTimeout: 30_000,
  });

  /** Set once close() starts. */
  let closing = false;
  let allowed: Set<string> | null = null;
  let allowedFor = -1;
  const hostAllowed = (host: string | undefined): boolean => {
    if (!loopback) return true;
    const port = boundPort();
    if (allowedFor !== port) {
      allowed = allowedHosts(options.host, port);
      allowedFor = port;
    }
    return host !== undefined && (allowed as Set<string>).has(host.toLowerCase());
  };

  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin !== undefined && corsOrigins.has(origin)
      ? { 'access-control-allow-origin': origin, vary: 'Origin' }
      : corsOrigins.size > 0
        ? { vary: 'Origin' }
        : {};

  app.addHook('onRequest', async (request, reply) => {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example.
    if (!hostAllowed(request.headers.host)) {
      return reject(
        reply,
        403,
        `server: host "${String(request.headers.host ?? '').slice(0, 100)}" is not this server`,
      );
    }
    // Browsers send CORS preflights without credentials; they carry no data either way.
    if (request.method === 'OPTIONS' && corsOrigins.size > 0) return undefined;
    if (!token) return undefined;

    const path = pathOf(request.url);
    const query = new URLSearchParams(request.url.slice(path.length + 1));
    if (!path.startsWith(API_PREFIX) && query.has('token')) {
      // The browser UI's first load: swap the token in the URL for a cookie, then drop it
      // from the address bar (and from history and Referer headers).
      if (!tokenMatches(token, query.get('token') ?? undefined)) {
        return reject(reply, 401, 'server: the access token is wrong');
      }
      query.delete('token');
      const rest = query.toString();
      return reply
        .code(303)
        .header('set-cookie', tokenCookie(token))
        .header('cache-control', 'no-store')
        .header('location', rest ? `/?${rest}` : '/')
        .send();
    }
    const presented =
      bearerToken(request.headers.authorization) ?? cookieValue(request.headers.cookie, TOKEN_COOKIE);
    if (!tokenMatches(token, presented)) {
      reply.header('www-authenticate', 'Bearer realm="dictum"');
      return reject(
        reply,
        401,
        presented === undefined
          ? 'server: an access token is required (Authorization: Bearer TOKEN, or open the UI with ?token=TOKEN)'
          : 'server: the access token is wrong',
      );
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    reply.headers(corsHeaders(request.headers.origin));
    // Shutting down: a kept-alive connection would hold close() until its idle timeout.
    if (closing) reply.header('connection', 'close');
    if (pathOf(request.url).startsWith(API_PREFIX) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the URL: a URL can carry the token or a private query.
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  app.addHook('preClose', async () => {
    closing = true;
    streams.closeAll();
  });

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation) {
      return reject(
        reply,
        400,
        validationMessage(error, routeNames.get(request.routeOptions.url ?? '') ?? 'server'),
      );
    }
    if (isContractError(error)) return reject(reply, error.status, error.message);
    const status = error.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own client errors (bad URL encoding, oversize, ...) carry safe messages.
      return reject(reply, status, `server: ${error.message}`);
    }
    request.log.error({ err: error, route: request.routeOptions.url ?? null }, 'internal error');
    return reject(reply, 500, 'internal error');
  });

  app.setNotFoundHandler((request, reply) =>
    reject(reply, 404, `not found: ${request.method} ${pathOf(request.url).slice(0, 200)}`),
  );

  // --- The contract's routes -------------------------------------------------------------
  for (const route of routes) {
    const schema = {
      querystring: route.querystring ?? NO_PARAMETERS,
      ...(route.params ? { params: route.params } : {}),
    };
    switch (route.method) {
      case 'search':
        app.get(route.path, { schema }, (request) => service.search(validateSearchRequest(request.query)));
        break;
      case 'document':
        app.get(route.path, { schema }, (request) =>
          service.document(validateDocumentId((request.params as { id: unknown }).id)),
        );
        break;
      case 'status':
        app.get(route.path, { schema }, () => service.status());
        break;
      case 'timeline':
        app.get(route.path, { schema }, (request) =>
          service.timeline(validateTimelineRequest(request.query)),
        );
        break;
      default: {
        // A method added to the contract must get a route here, or this does not compile.
        const unrouted: never = route.method;
        throw serverError(`no HTTP route for ${String(unrouted)}`);
      }
    }
  }

  app.get(
    '/api/events',
    { schema: { querystring: NO_PARAMETERS }, exposeHeadRoute: false },
    (request, reply) => {
      if (streams.size >= streams.maxStreams) {
        return reject(reply, 503, 'server: too many open event streams; try again later');
      }
      request.log.info({ method: request.method, route: '/api/events', status: 200 }, 'event stream opened');
      reply.hijack();
      reply.raw.writeHead(200, {
        ...SECURITY_HEADERS,
        ...corsHeaders(request.headers.origin),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // Proxies such as nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      streams.stream(reply.raw, service, (error) =>
        request.log.error({ err: error, route: '/api/events' }, 'event stream failed'),
      );
      return reply;
    },
  );

  registerExportRoute(app, service);
  registerSavedRoutes(app, () => service.saved);
  registerSpeakerRoutes(app, service);
  registerCorpusRoutes(app, {
    service,
    openCorpus: options.openCorpus,
    openRefusal: token
      ? 'a shared server (one with an access token) keeps its folder'
      : corsOrigins.size > 0
        ? 'a server other sites may call (CORS) keeps its folder'
        : null,
  });

  const openapi = openApiDocument(routes, { version: packageVersion(), tokenRequired: token !== undefined });
  app.get('/api/openapi.json', { schema: { querystring: NO_PARAMETERS } }, async () => openapi);

  if (corsOrigins.size > 0) {
    app.options('*', (request, reply) => {
      const origin = request.headers.origin;
      if (origin === undefined || !corsOrigins.has(origin)) return reply.code(204).send();
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET, HEAD')
        .header('access-control-allow-headers', 'Authorization')
        .header('access-control-max-age', '600')
        .send();
    });
  }

  // --- The renderer ----------------------------------------------------------------------
  if (existsSync(join(options.staticDir, 'index.html')) && statSync(options.staticDir).isDirectory()) {
    await app.register(fastifyStatic, {
      root: options.staticDir,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      dotfiles: 'ignore',
      list: false,
    });
  } else {
    app.log.warn({ staticDir: options.staticDir }, 'server: the UI is not built; serving the API only');
    app.get('/', (_request, reply) =>
      reject(
        reply,
        503,
        `server: the UI is not built (no index.html in ${options.staticDir}); run npm run build`,
      ),
    );
  }

  // Every contract method must have a route; a method added to CONTRACT without one fails here.
  for (const method of Object.keys(CONTRACT) as Array<keyof typeof CONTRACT>) {
    if (!routes.some((r) => r.method === method)) throw serverError(`no HTTP route for ${method}`);
  }
  return { app, streams };
}

/** The reason a listen failed, keeping the system's `code` (EADDRINUSE, ...) for callers that act on it. */
function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as { code?: unknown }).code;
  return Object.assign(listenProblem(error, code, host, port), { code });
}

function listenProblem(error: unknown, code: unknown, host: string, port: number): Error {
  const where = `${hostForUrl(host)}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return serverError(`cannot listen on ${where}: the port is in use (choose another with --port)`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return serverError(`cannot listen on ${where}: no such address on this machine`);
    case 'EACCES':
      return serverError(`cannot listen on ${where}: permission denied (ports below 1024 need privileges)`);
    default:
      return serverError(`cannot listen on ${where}: ${(error as Error).message}`);
  }
}

/** Starts serving; rejects with a `server: ...` Error when it cannot or must not. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { host, port } = options;
  if (typeof host !== 'string' || host.trim() === '')
    throw serverError('the host must be an address such as 127.0.0.1');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw serverError(`the port must be a whole number from 0 to 65535, not ${String(port)}`);
  }
  const token = options.token || undefined;
  if (token !== undefined) {
    const problem = tokenProblem(token);
    if (problem) throw serverError(problem);
  }
  if (!isLoopbackHost(host) && token === undefined) {
    throw serverError(
      `refusing to listen on ${host} without an access token: anyone who can reach it could read the corpus; pass --token TOKEN or set DICTUM_TOKEN`,
    );
  }

  let boundPort = port;
  const { app } = await buildServer(options, () => boundPort);
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw listenError(error, host, port);
  }
  const address = app.server.address();
  if (address !== null && typeof address === 'object') boundPort = address.port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl(host)}:${boundPort}`,
    close: () => (closing ??= app.close()),
  };
}
