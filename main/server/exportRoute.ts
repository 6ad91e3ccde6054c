/**
 * `GET /api/export?format=csv|jsonl&<search parameters>`: every match of the search, streamed
 * page by page as it is read. The response is pulled by the socket (Readable.from over the
 * export's pages), so a slow client slows the search down and memory stays at about a page;
 * a client that goes away stops the export.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { EXPORT_ROUTE, type SearchApi } from '../common/contract';
import { exportChunks } from '../common/exportPages';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, type ExportFormat } from '../common/exportRows';
import { validateSearchRequest } from '../common/validate';
import { searchQuerystringSchema, type JsonSchema } from './schemas';

/** Paging belongs to the export, so the search's paging parameters are not accepted. */
const PAGING = new Set(['limit', 'offset', 'after']);

export function exportQuerystringSchema(): JsonSchema {
  const search = searchQuerystringSchema();
  const properties = Object.fromEntries(
    Object.entries(search.properties as Record<string, JsonSchema>).filter(([name]) => !PAGING.has(name)),
  );
  return {
    ...search,
    properties: {
      ...properties,
      format: {
        type: 'string',
        enum: [...EXPORT_FORMATS],
        description:
          'csv (RFC 4180, UTF-8 with a byte-order mark, a header row) or jsonl (one JSON object a line).',
      },
    },
    required: ['format'],
  };
}

/** The file name a browser saves the export under. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `dictum-export-${now.toISOString().slice(0, 10)}.${format}`;
}

export function registerExportRoute(app: FastifyInstance, service: SearchApi): void {
  app.get(
    EXPORT_ROUTE.http.path,
    { schema: { querystring: exportQuerystringSchema() }, exposeHeadRoute: false },
    (request, reply) => {
      const { format, ...search } = request.query as { format: ExportFormat } & Record<string, unknown>;
      const searchRequest = validateSearchRequest(search);
      const body = Readable.from(exportChunks(service, searchRequest, format), { objectMode: false });
      body.on('error', (error) =>
        request.log.error({ err: error, route: EXPORT_ROUTE.http.path }, 'export failed'),
      );
      return reply
        .header('content-type', EXPORT_MEDIA_TYPES[format])
        .header('content-disposition', `attachment; filename="${exportFileName(format)}"`)
        .send(body);
    },
  );
}

/** The route's entry in the OpenAPI description. */
export function exportOpenApiPath(
  errorResponse: (status: number) => JsonSchema,
  errors: number[],
): JsonSchema {
  const schema = exportQuerystringSchema();
  return {
    get: {
      operationId: 'export',
      summary:
        'Every match of the search (not one page), streamed as CSV or JSON Lines with speaker, kind, date and its source, topics, title, source, URL, page, text and offsets. Takes the parameters of /api/search except limit, offset and after.',
      parameters: Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, property]) => {
        const { description, ...rest } = property;
        return {
          name,
          in: 'query',
          required: name === 'format',
          ...(typeof description === 'string' ? { description } : {}),
          schema: rest,
          ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
        };
      }),
      responses: {
        200: {
          description:
            'The file, streamed; it ends early (the connection is cut) if the search fails midway.',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/jsonl': { schema: { type: 'string' } },
          },
        },
        ...Object.fromEntries([400, ...errors].map((s) => [String(s), errorResponse(s)])),
      },
    },
  };
}
