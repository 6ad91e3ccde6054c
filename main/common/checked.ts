/**
 * Checks data that comes from another process against the contract's schemas, so that what is
 * typed is what was received: a value that breaks its schema is an error that says where,
 * never a cast that fails later, somewhere else.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** Where a value first breaks the schema, and how (`hits.0.score: Expected number`). */
export function firstError(schema: TSchema, value: unknown, whole = 'value'): string {
  const error = Value.Errors(schema, value).First();
  if (!error) return 'invalid value';
  const where = error.path === '' ? whole : error.path.replace(/^\//, '').replace(/\//g, '.');
  return `${where}: ${error.message}`;
}

/** A value that breaks its schema: `what` names it for people ("the server's answer to search"). */
export class ShapeError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`${what} is not what Dictum expects (${detail})`);
    this.name = 'ShapeError';
  }
}

/** The value, typed by its schema; throws ShapeError when it does not fit. */
export function checked<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (Value.Check(schema, value)) return value;
  throw new ShapeError(what, firstError(schema, value));
}
