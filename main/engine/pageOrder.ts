/**
 * Puts the matches of a search in the total order of `main/common/order.ts` and picks one
 * page of it, after a cursor if one was given, without sorting every match.
 *
 * Relevance scores carry a title boost that only the best candidates are checked for (it
 * costs a look at the document's title). A match outside the candidates has a raw score no
 * higher than the lowest candidate's, so its final score is at most that times the boost:
 * when that bound is below the last wanted score the page is exact, otherwise the candidate
 * set grows until it is.
 */
import type { OrderPosition } from '../common/order';

export interface MatchKeys {
  /** Passage numbers of the matches, ascending (a document's passages are consecutive). */
  matches: Uint32Array;
  /** Per match: the date key, larger first. */
  date: Float64Array;
  /** The document id of a passage, the order's tie-break. */
  docIdOf(p: number): string;
  /** A passage's place in its document. */
  withinOf(p: number): number;
  /** Relevance only. */
  relevance: RelevanceKeys | null;
}

export interface RelevanceKeys {
  /** Per match: the score before the title boost. */
  raw: Float32Array;
  /** Largest factor `final` may apply to a raw score. */
  maxBoost: number;
  /** The final, rounded score of match `i` (may look at its document's title). */
  final(i: number): number;
}

/** A cursor as the engine resolves it: its keys, and its passage's place in its document. */
export interface EngineCursor {
  at: OrderPosition;
  /** -1 when the cursor's passage is not here (every passage of its document then follows). */
  within: number;
}

export function roundScore(s: number): number {
  return Math.round(s * 1e4) / 1e4;
}

/**
 * The first `want` matches after `cursor` in order, as indices into `keys.matches`, and how
 * many matches follow the cursor in all.
 */
export function selectPage(
  keys: MatchKeys,
  cursor: EngineCursor | null,
  want: number,
): { order: Uint32Array; following: number } {
  const eligible = cursor === null ? allIndices(keys.matches.length) : followers(keys, cursor);
  const n = eligible.length;
  want = Math.min(want, n);
  const compare = comparator(keys);
  const rel = keys.relevance;
  if (want <= 0) return { order: new Uint32Array(0), following: n };
  if (rel === null) return { order: topBy(eligible, compare, want), following: n };
  const raw = rel.raw;
  const rawFirst = (a: number, b: number): number => raw[b]! - raw[a]! || a - b;
  let k = Math.min(n, want + 100);
  for (;;) {
    const cand = topBy(eligible, rawFirst, k);
    for (const i of cand) rel.final(i);
    const sorted = Array.from(cand).sort(compare);
    if (k >= n) return { order: Uint32Array.from(sorted.slice(0, want)), following: n };
    const lastWanted = rel.final(sorted[want - 1]!);
    const bound = roundScore(raw[cand[cand.length - 1]!]! * rel.maxBoost);
    if (bound < lastWanted) return { order: Uint32Array.from(sorted.slice(0, want)), following: n };
    k = Math.min(n, k * 4);
  }
}

function allIndices(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Compares two matches (indices) in the total order: negative when `a` comes first. */
function comparator(keys: MatchKeys): (a: number, b: number) => number {
  const { matches, date, relevance } = keys;
  return (a, b) => {
    if (relevance !== null) {
      const sa = relevance.final(a);
      const sb = relevance.final(b);
      if (sa !== sb) return sa > sb ? -1 : 1;
    }
    if (date[a] !== date[b]) return date[a]! > date[b]! ? -1 : 1;
    const pa = matches[a]!;
    const pb = matches[b]!;
    const da = keys.docIdOf(pa);
    const db = keys.docIdOf(pb);
    if (da !== db) return da < db ? -1 : 1;
    return pa - pb;
  };
}

/** Indices of the matches that come after the cursor in order. */
function followers(keys: MatchKeys, cursor: EngineCursor): Uint32Array {
  const { matches, date, relevance } = keys;
  const at = cursor.at;
  const out = new Uint32Array(matches.length);
  let k = 0;
  for (let i = 0; i < matches.length; i++) {
    if (relevance !== null) {
      const raw = relevance.raw[i]!;
      // Bounds first: most matches are decided without looking at a title.
      if (roundScore(raw * relevance.maxBoost) < at.score) {
        out[k++] = i;
        continue;
      }
      if (roundScore(raw) > at.score) continue;
      const s = relevance.final(i);
      if (s !== at.score) {
        if (s < at.score) out[k++] = i;
        continue;
      }
    }
    if (date[i] !== at.date) {
      if (date[i]! < at.date) out[k++] = i;
      continue;
    }
    const p = matches[i]!;
    const doc = keys.docIdOf(p);
    if (doc !== at.docId) {
      if (doc > at.docId) out[k++] = i;
      continue;
    }
    if (keys.withinOf(p) > cursor.within) out[k++] = i;
  }
  return out.subarray(0, k);
}

/** The first `want` of `items` by `compare`, in order: a partial sort with a binary heap. */
export function topBy(
  items: Uint32Array,
  compare: (a: number, b: number) => number,
  want: number,
): Uint32Array {
  if (want <= 0) return new Uint32Array(0);
  if (want >= items.length) return Uint32Array.from(Array.from(items).sort(compare));
  // A max-heap on the order: the root is the worst kept item.
  const heap = new Uint32Array(want);
  let size = 0;
  const worse = (a: number, b: number): boolean => compare(a, b) > 0;
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(heap[l]!, heap[m]!)) m = l;
      if (r < size && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (const item of items) {
    if (size < want) {
      heap[size] = item;
      let c = size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[parent]!)) break;
        const t = heap[c]!;
        heap[c] = heap[parent]!;
        heap[parent] = t;
        c = parent;
      }
    } else if (worse(heap[0]!, item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return Uint32Array.from(Array.from(heap.subarray(0, size)).sort(compare));
}
