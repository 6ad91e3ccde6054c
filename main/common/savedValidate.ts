/**
 * Checks saved-search arguments that cross a process boundary (IPC, HTTP bodies, CLI), with
 * the contract's own search validation for the query. Errors are ContractErrors (400).
 */
import { ContractError } from './contract';
import {
  SAVED_LIMITS,
  savedQueryOf,
  type SavedQuery,
  type SavedSearchInput,
  type SavedSearchPatch,
} from './savedSearches';
import { validateSearchRequest } from './validate';

const ID_PATTERN = /^[a-z0-9-]{1,40}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateSavedName(raw: unknown): string {
  if (typeof raw !== 'string') throw new ContractError('saved: name must be a string');
  // One line: a name is shown in lists, menus and notifications.
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name.length === 0) throw new ContractError('saved: name must not be empty');
  if (name.length > SAVED_LIMITS.nameLength) {
    throw new ContractError(`saved: name must be at most ${SAVED_LIMITS.nameLength} characters`);
  }
  return name;
}

export function validateSavedId(raw: unknown): string {
  if (typeof raw !== 'string' || !ID_PATTERN.test(raw))
    throw new ContractError('saved: not a saved-search id');
  return raw;
}

/** A query: any valid search request; its paging, cursor and facet size are dropped. */
export function validateSavedQuery(raw: unknown): SavedQuery {
  if (!isRecord(raw)) throw new ContractError('saved: query must be an object');
  try {
    return savedQueryOf(validateSearchRequest(raw));
  } catch (error) {
    if (error instanceof ContractError) throw new ContractError(`saved: query: ${error.message}`);
    throw error;
  }
}

function unknownFields(raw: Record<string, unknown>, known: string[]): void {
  const extra = Object.keys(raw).filter((key) => !known.includes(key));
  if (extra.length > 0) throw new ContractError(`saved: unknown field ${extra.join(', ')}`);
}

export function validateSavedInput(raw: unknown): SavedSearchInput {
  if (!isRecord(raw)) throw new ContractError('saved: the request must be an object { name, query }');
  unknownFields(raw, ['name', 'query']);
  return { name: validateSavedName(raw.name), query: validateSavedQuery(raw.query ?? {}) };
}

export function validateSavedPatch(raw: unknown): SavedSearchPatch {
  if (!isRecord(raw)) throw new ContractError('saved: the change must be an object { name?, query? }');
  unknownFields(raw, ['name', 'query']);
  const patch: SavedSearchPatch = {};
  if (raw.name !== undefined) patch.name = validateSavedName(raw.name);
  if (raw.query !== undefined) patch.query = validateSavedQuery(raw.query);
  if (patch.name === undefined && patch.query === undefined) {
    throw new ContractError('saved: give a new name or query');
  }
  return patch;
}
