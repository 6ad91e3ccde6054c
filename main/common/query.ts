/**
 * Dictum's query language, shared by the engine (to search) and the renderer (to show
 * filter chips). Pure: no Node, DOM or Electron.
 *
 * Syntax (see DESIGN.md): words (all required; the last one also as a prefix while
 * typing), `"exact phrase"`, `-word` / `-"phrase"` to exclude, `OR` between two terms,
 * and field filters `speaker:`, `topic:`, `kind:`, `date:`, `after:`, `before:` whose value
 * may be quoted. `parseQuery` never throws: whatever it cannot understand is searched as
 * text (or dropped when it cannot be searched) and explained in `notes`.
 */
import { PASSAGE_KINDS, type PassageKind } from './contract';

export type FilterField = 'speaker' | 'topic' | 'kind' | 'date' | 'after' | 'before';
export const FILTER_FIELDS: readonly FilterField[] = ['speaker', 'topic', 'kind', 'date', 'after', 'before'];

export interface QueryWord {
  type: 'word';
  text: string;
  /** True for the last word when the input does not end in a space: the user may still be typing it. */
  prefix: boolean;
}

export interface QueryPhrase {
  type: 'phrase';
  text: string;
}

export type QueryTerm = QueryWord | QueryPhrase;

export interface QueryFilter {
  field: FilterField;
  /** The value as typed, unquoted. For `kind` the full kind name. */
  value: string;
  /** `-speaker:`, `-topic:`, `-kind:`: passages with this value are left out. */
  negated?: boolean;
  /** For date fields: the inclusive range of dates it allows, as `YYYYMMDD` numbers. */
  range?: DateRange;
  /** Where the filter sits in the input, so a UI can show it as a chip and remove it. */
  start: number;
  end: number;
}

/** Inclusive bounds as `YYYYMMDD` numbers (month/day may run past the calendar: only order matters). */
export interface DateRange {
  min: number;
  max: number;
}

export interface ParsedQuery {
  /** All groups must match; a group matches when any of its terms does (terms joined by OR). */
  groups: QueryTerm[][];
  /** Passages matching any of these are left out. */
  exclude: QueryTerm[];
  filters: QueryFilter[];
  /** What was not understood, and what was done with it instead. */
  notes: string[];
}

const ISO_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** The inclusive `YYYYMMDD` range an ISO date of any precision covers, or null if it is not one. */
export function isoDateRange(iso: string): DateRange | null {
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] === undefined) return { min: y * 10000 + 101, max: y * 10000 + 1231 };
  const mo = Number(m[2]);
  if (m[3] === undefined)
    return { min: y * 10000 + mo * 100 + 1, max: y * 10000 + mo * 100 + daysInMonth(y, mo) };
  const d = Number(m[3]);
  if (d > daysInMonth(y, mo)) return null;
  const v = y * 10000 + mo * 100 + d;
  return { min: v, max: v };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The range a date filter allows; `after:`/`before:` exclude the date they name. */
function filterDateRange(field: 'date' | 'after' | 'before', value: string): DateRange | string {
  if (field === 'date') {
    const parts = value.split('..');
    if (parts.length === 2) {
      const [a = '', b = ''] = parts;
      const lo = a === '' ? { min: 0, max: 0 } : isoDateRange(a);
      const hi = b === '' ? { min: 99999999, max: 99999999 } : isoDateRange(b);
      if (!lo || !hi) return `date:${value} is not a date range like 2021-12..2022-02; ignored`;
      if (lo.min > hi.max) return `date:${value} ends before it starts; ignored`;
      return { min: lo.min, max: hi.max };
    }
    const r = isoDateRange(value);
    return r ?? `date:${value} is not a date like 2021, 2021-12 or 2021-12-15; ignored`;
  }
  const r = isoDateRange(value);
  if (!r) return `${field}:${value} is not a date like 2021, 2021-12 or 2021-12-15; ignored`;
  // One past the end / one before the start: YYYYMMDD order is all that matters.
  return field === 'after' ? { min: r.max + 1, max: 99999999 } : { min: 0, max: r.min - 1 };
}

interface RawToken {
  kind: 'word' | 'phrase' | 'or';
  text: string;
  negated: boolean;
  field: string | null;
  start: number;
  end: number;
}

const SPACE = /\s/;

function lex(input: string, notes: string[]): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && SPACE.test(input[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !SPACE.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: string | null = null;
    const fm = /^([A-Za-z]+):/.exec(input.slice(i, i + 20));
    if (fm && i + fm[0].length <= n) {
      field = fm[1]!.toLowerCase();
      i += fm[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      const text = input.slice(i + 1, end);
      if (close < 0) notes.push('A quote was not closed: the rest of the query was searched as a phrase.');
      i = close < 0 ? n : close + 1;
      tokens.push({ kind: 'phrase', text, negated, field, start, end: i });
      continue;
    }
    while (i < n && !SPACE.test(input[i]!) && input[i] !== '"') i++;
    const text = input.slice(
      field !== null ? start + (negated ? 1 : 0) + field.length + 1 : negated ? start + 1 : start,
      i,
    );
    if (text === 'OR' && !negated && field === null)
      tokens.push({ kind: 'or', text, negated, field, start, end: i });
    else tokens.push({ kind: 'word', text, negated, field, start, end: i });
  }
  return tokens;
}

/** Parses a query string; never throws. */
export function parseQuery(input: string): ParsedQuery {
  const notes: string[] = [];
  const result: ParsedQuery = { groups: [], exclude: [], filters: [], notes };
  if (typeof input !== 'string') {
    notes.push('The query was not text; it was ignored.');
    return result;
  }
  const tokens = lex(input, notes);
  const endsInSpace = input.length === 0 || SPACE.test(input[input.length - 1]!);
  let lastWordIndex = -1;
  tokens.forEach((t, idx) => {
    if (
      t.kind === 'word' &&
      !t.negated &&
      (t.field === null || !(FILTER_FIELDS as readonly string[]).includes(t.field))
    ) {
      lastWordIndex = idx;
    }
  });
  let pendingOr = false;
  for (let idx = 0; idx < tokens.length; idx++) {
    const t = tokens[idx]!;
    if (t.kind === 'or') {
      if (result.groups.length === 0 || pendingOr || idx === tokens.length - 1) {
        notes.push('OR needs a term on each side; it was ignored.');
        continue;
      }
      pendingOr = true;
      continue;
    }
    let field = t.field;
    let text = t.text;
    if (field !== null && !(FILTER_FIELDS as readonly string[]).includes(field)) {
      notes.push(`Unknown filter "${field}:"; it was searched as text.`);
      text = t.kind === 'phrase' ? `${field} ${text}` : `${field}:${text}`;
      field = null;
    }
    if (field !== null) {
      pendingOr = false;
      const value = text.trim();
      if (value === '') {
        notes.push(`${field}: needs a value; it was ignored.`);
        continue;
      }
      const negatable = field === 'speaker' || field === 'topic' || field === 'kind';
      if (t.negated && !negatable) {
        notes.push(`Excluding with -${field}: is not supported; the filter was applied as is.`);
      }
      const filter = makeFilter(field as FilterField, value, t.start, t.end, notes);
      if (filter) result.filters.push(t.negated && negatable ? { ...filter, negated: true } : filter);
      continue;
    }
    if (text.trim() === '') {
      if (t.kind === 'phrase') notes.push('An empty phrase was ignored.');
      pendingOr = false;
      continue;
    }
    const term: QueryTerm =
      t.kind === 'phrase'
        ? { type: 'phrase', text }
        : { type: 'word', text, prefix: idx === lastWordIndex && !endsInSpace };
    if (t.negated) {
      if (pendingOr) notes.push('OR before an exclusion was ignored.');
      pendingOr = false;
      result.exclude.push(term);
      continue;
    }
    if (pendingOr) {
      result.groups[result.groups.length - 1]!.push(term);
      pendingOr = false;
    } else {
      result.groups.push([term]);
    }
  }
  return result;
}

function makeFilter(
  field: FilterField,
  value: string,
  start: number,
  end: number,
  notes: string[],
): QueryFilter | null {
  if (field === 'kind') {
    const v = value.toLowerCase();
    const matches = PASSAGE_KINDS.filter((k) => k.startsWith(v));
    if (matches.length !== 1) {
      notes.push(`kind:${value} is not one of ${PASSAGE_KINDS.join(', ')}; ignored.`);
      return null;
    }
    return { field, value: matches[0] as PassageKind, start, end };
  }
  if (field === 'date' || field === 'after' || field === 'before') {
    const range = filterDateRange(field, value);
    if (typeof range === 'string') {
      notes.push(range.endsWith('ignored') ? `${range}.` : range);
      return null;
    }
    return { field, value, range, start, end };
  }
  return { field, value, start, end };
}

/** The query without one of its filters (for a UI chip's remove button). */
export function removeFilter(input: string, filter: Pick<QueryFilter, 'start' | 'end'>): string {
  const before = input.slice(0, filter.start).replace(/\s+$/, '');
  const after = input.slice(filter.end).replace(/^\s+/, '');
  return before && after ? `${before} ${after}` : before + after;
}
