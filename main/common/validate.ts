/**
 * Checks data that crosses a process boundary (IPC arguments, CLI flags) against the
 * contract's schemas. HTTP uses the same schemas through Fastify.
 */
import { Value } from '@sinclair/typebox/value';
import { ContractError, LIMITS, searchRequest, type SearchRequest } from './contract';
import { firstError } from './checked';
import { decodeCursor } from './order';
import { DocumentIdSchema, SearchRequestSchema, TimelineRequestSchema } from './schemas';
import type { TimelineRequest } from './timeline';

/** A search request from anywhere, with defaults filled in; throws ContractError when it breaks the contract. */
export function validateSearchRequest(raw: unknown, pageLimit: number = LIMITS.pageSize): SearchRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ContractError('search: the request must be an object');
  }
  const candidate = searchRequest(raw as Partial<SearchRequest>);
  const optional = new Set(['from', 'to', 'after', 'notSpeaker', 'notTopic', 'notKind', 'facetLimit']);
  const unknownKeys = Object.keys(raw).filter((k) => !(k in candidate) && !optional.has(k));
  if (unknownKeys.length > 0) throw new ContractError(`search: unknown field ${unknownKeys.join(', ')}`);
  // An export pages with larger pages than any client may ask for (LIMITS.exportPageSize).
  if (
    !Value.Check(SearchRequestSchema, { ...candidate, limit: Math.min(candidate.limit, LIMITS.pageSize) })
  ) {
    throw new ContractError(`search: ${firstError(SearchRequestSchema, candidate, 'request')}`);
  }
  if (candidate.limit > pageLimit) throw new ContractError(`search: limit: must be <= ${pageLimit}`);
  if (candidate.from && candidate.to && dateStart(candidate.from) > dateEnd(candidate.to)) {
    throw new ContractError('search: from must not be after to');
  }
  // Throws a ContractError for a cursor that is not one of ours or belongs to another sort.
  if (candidate.after !== undefined) decodeCursor(candidate.after, candidate.sort);
  return candidate;
}

/** A timeline request from anywhere, with defaults filled in; throws ContractError when it breaks the contract. */
export function validateTimelineRequest(raw: unknown): TimelineRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ContractError('timeline: the request must be an object');
  }
  const known = new Set(Object.keys(TimelineRequestSchema.properties));
  const unknownKeys = Object.keys(raw).filter((k) => !known.has(k));
  if (unknownKeys.length > 0) throw new ContractError(`timeline: unknown field ${unknownKeys.join(', ')}`);
  const given = raw as Partial<TimelineRequest>;
  const candidate: TimelineRequest = {
    ...given,
    q: given.q ?? '',
    speaker: given.speaker ?? [],
    topic: given.topic ?? [],
    kind: given.kind ?? [],
  };
  if (!Value.Check(TimelineRequestSchema, candidate)) {
    throw new ContractError(`timeline: ${firstError(TimelineRequestSchema, candidate)}`);
  }
  if (candidate.from && candidate.to && dateStart(candidate.from) > dateEnd(candidate.to)) {
    throw new ContractError('timeline: from must not be after to');
  }
  return candidate;
}

export function validateDocumentId(raw: unknown): string {
  if (!Value.Check(DocumentIdSchema, raw)) {
    throw new ContractError(`document: id ${firstError(DocumentIdSchema, raw, 'request')}`);
  }
  return raw as string;
}

/** The first day a partial ISO date covers, as `YYYY-MM-DD` (comparable as a string). */
export function dateStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** An upper bound of the days a partial ISO date covers, comparable as a string. */
export function dateEnd(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}
