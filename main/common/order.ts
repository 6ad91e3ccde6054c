/**
 * The one total order of search results, and the cursor (`after`) that marks a place in it.
 *
 * Every sort order ends in the same tie-break, so a shard's order and the merge of shards
 * agree hit for hit and a page can start right after any hit:
 * - `relevance`: score (as reported, rounded), higher first; then the date key; then …
 * - `date-desc`: the first day a passage's date covers, newest first, undated last;
 * - `date-asc`: the same, oldest first, undated last;
 * - then the document id (code-unit order), then the passage's place in its document.
 *
 * A document's passages all live in one shard, so the merge never needs the place in the
 * document: it keeps each shard's order among hits of the same document.
 * Pure: the renderer, the service and the engine may import it.
 */
import { ContractError, type Hit, type SortOrder } from './contract';
import { isoDateRange } from './query';

/** Where a hit stands in an order: the keys the order compares, then the hit's ids. */
export interface OrderPosition {
  sort: SortOrder;
  /** Rounded score; 0 for the date orders. */
  score: number;
  /** The date key, larger first (see `dateKey`). */
  date: number;
  docId: string;
  /** The passage id, to find the passage's place in its document. */
  id: string;
}

/** Cursor strings are bounded by the contract's `after` length. */
const CURSOR_VERSION = 1;

/**
 * The date key of a passage, larger first in the order: the first day its date covers
 * (YYYYMMDD) for newest first, negated for oldest first; undated passages last either way.
 */
export function dateKey(firstDay: number | null, sort: SortOrder): number {
  if (firstDay === null) return -Infinity;
  return sort === 'date-asc' ? -firstDay : firstDay;
}

/** The first day a hit's date covers, as YYYYMMDD, or null when it has none. */
export function firstDayOf(date: string | null): number | null {
  if (date === null || date === '') return null;
  return isoDateRange(date.slice(0, 10))?.min ?? null;
}

export function positionOf(hit: Hit, sort: SortOrder): OrderPosition {
  return {
    sort,
    score: sort === 'relevance' ? hit.score : 0,
    date: dateKey(firstDayOf(hit.date), sort),
    docId: hit.docId,
    id: hit.id,
  };
}

/** Compares the keys of two positions in document order; 0 when they share a document. */
export function compareKeys(a: OrderPosition, b: OrderPosition): number {
  if (a.score !== b.score) return a.score > b.score ? -1 : 1;
  if (a.date !== b.date) return a.date > b.date ? -1 : 1;
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
}

/** A cursor: opaque to callers, URL-safe (base64url of a small JSON array). */
export function encodeCursor(p: OrderPosition): string {
  const json = JSON.stringify([
    CURSOR_VERSION,
    p.sort,
    p.score,
    p.date === -Infinity ? null : p.date,
    p.docId,
    p.id,
  ]);
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads a cursor; throws a ContractError naming the problem when it is not one of ours. */
export function decodeCursor(cursor: string, sort: SortOrder): OrderPosition {
  let parsed: unknown;
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    throw new ContractError('search: after is not a cursor from a previous response');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 6 ||
    parsed[0] !== CURSOR_VERSION ||
    typeof parsed[2] !== 'number' ||
    (parsed[3] !== null && typeof parsed[3] !== 'number') ||
    typeof parsed[4] !== 'string' ||
    typeof parsed[5] !== 'string'
  ) {
    throw new ContractError('search: after is not a cursor from a previous response');
  }
  if (parsed[1] !== sort) {
    throw new ContractError(`search: after is a cursor for sort ${String(parsed[1])}, not ${sort}`);
  }
  return {
    sort,
    score: parsed[2] as number,
    date: parsed[3] === null ? -Infinity : (parsed[3] as number),
    docId: parsed[4] as string,
    id: parsed[5] as string,
  };
}
