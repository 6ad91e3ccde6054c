/**
 * `GET /api/speakers/merges`: the speaker names the corpus names pass merged
 * (main/extract/corpusNames.ts), largest first: `{ merges: [{ from, to, reason, statements }] }`.
 * A name written in the corpus's aliases file undoes its merge.
 */
import type { FastifyInstance } from 'fastify';
import type { NameMerge } from '../extract/corpusNames';
import type { JsonSchema } from './schemas';

const NO_PARAMETERS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

export const NAME_MERGES_PATH = '/api/speakers/merges';

export function registerSpeakerRoutes(
  app: FastifyInstance,
  service: { nameMerges?(): Promise<NameMerge[]> },
): void {
  app.get(NAME_MERGES_PATH, { schema: { querystring: NO_PARAMETERS } }, async () => ({
    merges: service.nameMerges ? await service.nameMerges() : [],
  }));
}

/** The route's entry in /api/openapi.json. */
export function speakerRoutesOpenApi(
  errorResponse: (status: number) => JsonSchema,
  common: number[],
): Record<string, JsonSchema> {
  const merge = {
    type: 'object',
    properties: {
      from: { type: 'string', description: 'The speaker name as reading gave it.' },
      to: { type: 'string', description: 'The name it was merged into.' },
      reason: { type: 'string', enum: ['transliteration', 'middle initial', 'surname'] },
      statements: { type: 'integer', minimum: 0, description: 'Statements read with the name `from`.' },
    },
    required: ['from', 'to', 'reason', 'statements'],
  };
  return {
    [NAME_MERGES_PATH]: {
      get: {
        operationId: 'nameMerges',
        summary:
          'Speaker names the corpus names pass merged, largest first; a name written in dictum-aliases.yaml is kept apart.',
        responses: {
          200: {
            description: 'The merges.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { merges: { type: 'array', items: merge } },
                  required: ['merges'],
                },
              },
            },
          },
          ...Object.fromEntries(common.map((s) => [String(s), errorResponse(s)])),
        },
      },
    },
  };
}
