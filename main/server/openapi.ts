/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the same route schemas that
 * Fastify validates with (OpenAPI 3.1 uses JSON Schema as it is).
 */
import { EXPORT_ROUTE } from '../common/contract';
import { corpusRoutesOpenApi } from './corpusRoutes';
import { exportOpenApiPath } from './exportRoute';
import { savedRoutesOpenApi } from './savedRoutes';
import { speakerRoutesOpenApi } from './speakerRoutes';
import { ErrorSchema, StatusResponseSchema } from '../common/responseSchemas';
import { plainSchema, type ContractRoute, type JsonSchema } from './schemas';

const ERROR_TEXT: Record<number, string> = {
  400: 'The request breaks the contract (a parameter of the wrong type, too long, out of range, or unknown).',
  401: 'An access token is required and was missing or wrong.',
  403: 'The Host header is not this server (DNS-rebinding protection).',
  404: 'No such document, no such saved search, or no such route.',
  409: 'The saved-searches file (dictum-saved.json) cannot be read; fix it or move it away.',
  415: 'The body must be JSON (Content-Type: application/json).',
  500: 'The server failed; the details are in its log.',
};

/** `/api/documents/:id` as OpenAPI writes it: `/api/documents/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: ContractRoute): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (where: 'query' | 'path', schema: JsonSchema | undefined) => {
    if (!schema) return;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
        // Arrays are repeated parameters: ?speaker=a&speaker=b.
        ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
      });
    }
  };
  add('path', route.params);
  add('query', route.querystring);
  return out;
}

function errorResponse(status: number): JsonSchema {
  return {
    description: ERROR_TEXT[status] ?? 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

export interface OpenApiOptions {
  version: string;
  tokenRequired: boolean;
}

export function openApiDocument(routes: ContractRoute[], options: OpenApiOptions): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  const common = [...(options.tokenRequired ? [401] : []), 403, 500];
  for (const route of routes) {
    const responses: Record<string, JsonSchema> = {
      200: { description: 'OK', content: { 'application/json': { schema: route.response } } },
    };
    for (const status of [...new Set([...route.errors, ...common])].sort((a, b) => a - b))
      responses[String(status)] = errorResponse(status);
    paths[openApiPath(route.path)] = {
      get: { operationId: route.method, summary: route.summary, parameters: parameters(route), responses },
    };
  }
  paths['/api/events'] = {
    get: {
      operationId: 'events',
      summary:
        'Server-Sent Events: a message whose `data` is the StatusResponse as JSON on connect, then whenever indexing progresses or the corpus changes.',
      responses: {
        200: {
          description:
            'An event stream; each event is a default (`message`) event with `data: <StatusResponse JSON>`.',
          content: { 'text/event-stream': { schema: plainSchema(StatusResponseSchema) } },
        },
        ...Object.fromEntries(common.map((s) => [String(s), errorResponse(s)])),
      },
    },
  };
  paths[EXPORT_ROUTE.http.path] = exportOpenApiPath(errorResponse, common);
  Object.assign(paths, corpusRoutesOpenApi(errorResponse, common));
  Object.assign(paths, savedRoutesOpenApi(errorResponse, common));
  Object.assign(paths, speakerRoutesOpenApi(errorResponse, common));
  paths['/api/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      responses: { 200: { description: 'The OpenAPI description.', content: { 'application/json': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dictum',
      version: options.version,
      description:
        'Who said what, about what, and when: faceted full-text search over statements. Every error is `{ "error": "..." }`.',
    },
    paths,
    components: {
      schemas: { Error: plainSchema(ErrorSchema) },
      ...(options.tokenRequired
        ? {
            securitySchemes: {
              bearer: { type: 'http', scheme: 'bearer' },
              cookie: { type: 'apiKey', in: 'cookie', name: 'dictum_token' },
            },
          }
        : {}),
    },
    ...(options.tokenRequired ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
  };
}
