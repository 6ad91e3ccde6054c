/**
 * Inverted lists in typed arrays, log-structured like Lucene segments: passages are first
 * appended to a log (term ids and frequencies per passage), the log is sealed into an
 * immutable segment (compressed-sparse-row: per term a run of passage ids with a one-byte
 * BM25 impact each), and segments of similar size are merged, so adding is cheap, a search
 * touches O(log n) runs per term, and a passage's postings are written O(log n) times.
 */
import { Grow } from './columns';

/** BM25 parameters. */
const K1 = 1.2;
const B = 0.75;
/** Impacts are quantised to one byte: 255 is a term-frequency factor of K1 + 1. */
export const IMPACT_SCALE = 255 / (K1 + 1);

export interface Segment {
  /** Terms `0..terms-1` have a run here; later terms have none. */
  terms: number;
  offsets: Uint32Array;
  ids: Uint32Array;
  impacts: Uint8Array;
  /**
   * A loaded segment keeps its ids varint-encoded and decodes a term's run the first time a
   * search needs it, so loading does not decode tens of millions of ids up front.
   */
  lazy?: { bytes: Uint8Array; byteOffsets: Uint32Array; decoded: Uint8Array };
}

/** Decodes one term's run of a lazily loaded segment; a corrupt run becomes empty. */
function decodeTerm(s: Segment, t: number): void {
  const lazy = s.lazy!;
  lazy.decoded[t] = 1;
  const bytes = lazy.bytes;
  let n = lazy.byteOffsets[t]!;
  const end = lazy.byteOffsets[t + 1]!;
  let prev = 0;
  const to = s.offsets[t + 1]!;
  for (let i = s.offsets[t]!; i < to; i++) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      if (n >= end || shift > 28) {
        // Corrupt bytes: drop the run rather than answer with wrong passages.
        s.ids.fill(0xffffffff, s.offsets[t]!, to);
        return;
      }
      b = bytes[n++]!;
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    prev += v >>> 0;
    s.ids[i] = prev;
  }
}

/** Decodes every run a lazily loaded segment has not decoded yet. */
export function materialize(s: Segment): void {
  if (!s.lazy) return;
  for (let t = 0; t < s.terms; t++) if (s.lazy.decoded[t] === 0) decodeTerm(s, t);
  delete s.lazy;
}

export function emptySegment(): Segment {
  return { terms: 0, offsets: new Uint32Array(1), ids: new Uint32Array(0), impacts: new Uint8Array(0) };
}

/** One run of postings of one term in one segment. */
export interface Run {
  ids: Uint32Array;
  impacts: Uint8Array;
  from: number;
  to: number;
}

export class Postings {
  segments: Segment[] = [];
  /** Postings per term over all segments (dead passages included until a merge drops them). */
  readonly df = new Grow(Uint32Array, 4096);
  private readonly logTerms = new Grow(Uint32Array, 1 << 16);
  private readonly logTf = new Grow(Uint16Array, 1 << 16);
  private readonly logPassages = new Grow(Uint32Array, 1024);
  private readonly logStarts = new Grow(Uint32Array, 1024);
  private readonly logLengths = new Grow(Uint32Array, 1024);
  /** Running totals for the average passage length of BM25. */
  private lengthSum = 0;
  private lengthCount = 0;

  get pending(): number {
    return this.logPassages.length;
  }

  /** Records one passage: its distinct term ids, their (field-weighted) frequencies and its length. */
  add(passage: number, termIds: ArrayLike<number>, tfs: ArrayLike<number>, n: number, length: number): void {
    this.logPassages.push(passage);
    this.logStarts.push(this.logTerms.length);
    this.logLengths.push(length);
    this.logTerms.reserve(n);
    this.logTf.reserve(n);
    const dfData = this.df;
    for (let i = 0; i < n; i++) {
      const t = termIds[i]!;
      this.logTerms.data[this.logTerms.length++] = t;
      this.logTf.data[this.logTf.length++] = Math.min(65535, tfs[i]!);
      while (dfData.length <= t) dfData.push(0);
      dfData.data[t]!++;
    }
    this.lengthSum += length;
    this.lengthCount++;
  }

  /** Seals the log into a segment and merges segments so that sizes stay geometric. */
  seal(termCount: number, alive: Uint8Array): void {
    if (this.logPassages.length === 0) return;
    const avg = this.lengthCount > 0 ? this.lengthSum / this.lengthCount : 1;
    const offsets = new Uint32Array(termCount + 1);
    const nLog = this.logTerms.length;
    const terms = this.logTerms.data;
    for (let i = 0; i < nLog; i++) offsets[terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, termCount);
    const ids = new Uint32Array(nLog);
    const impacts = new Uint8Array(nLog);
    const tf = this.logTf.data;
    const nP = this.logPassages.length;
    for (let j = 0; j < nP; j++) {
      const p = this.logPassages.data[j]!;
      const s = this.logStarts.data[j]!;
      const e = j + 1 < nP ? this.logStarts.data[j + 1]! : nLog;
      const norm = K1 * (1 - B + (B * this.logLengths.data[j]!) / avg);
      for (let i = s; i < e; i++) {
        const f = tf[i]!;
        const pos = fill[terms[i]!]!++;
        ids[pos] = p;
        impacts[pos] = Math.max(1, Math.min(255, Math.round(((f * (K1 + 1)) / (f + norm)) * IMPACT_SCALE)));
      }
    }
    this.logTerms.clear();
    this.logTf.clear();
    this.logPassages.clear();
    this.logStarts.clear();
    this.logLengths.clear();
    this.segments.push({ terms: termCount, offsets, ids, impacts });
    while (this.segments.length >= 2) {
      const a = this.segments[this.segments.length - 2]!;
      const b = this.segments[this.segments.length - 1]!;
      if (b.ids.length * 2 < a.ids.length && this.segments.length < 12) break;
      this.segments.splice(this.segments.length - 2, 2, mergeSegments(a, b, termCount, alive));
    }
  }

  /** Merges every segment into one, dropping dead passages (used before saving). */
  compact(termCount: number, alive: Uint8Array, anyDead: boolean): void {
    if (this.segments.length === 1 && !anyDead && this.segments[0]!.terms === termCount) return;
    let merged = emptySegment();
    for (const s of this.segments) merged = mergeSegments(merged, s, termCount, alive);
    this.segments = [merged];
    this.df.clear();
    for (let t = 0; t < termCount; t++)
      this.df.push(t < merged.terms ? merged.offsets[t + 1]! - merged.offsets[t]! : 0);
  }

  /** The runs of a term, in passage order. */
  runs(term: number, out: Run[]): Run[] {
    out.length = 0;
    for (const s of this.segments) {
      if (term >= s.terms) continue;
      if (s.lazy && s.lazy.decoded[term] === 0) decodeTerm(s, term);
      const from = s.offsets[term]!;
      const to = s.offsets[term + 1]!;
      if (to > from) out.push({ ids: s.ids, impacts: s.impacts, from, to });
    }
    return out;
  }

  /** Restores state saved by `serialize`. */
  static restore(segment: Segment, lengthSum: number, lengthCount: number): Postings {
    const p = new Postings();
    p.segments = segment.ids.length > 0 || segment.terms > 0 ? [segment] : [];
    p.lengthSum = lengthSum;
    p.lengthCount = lengthCount;
    for (let t = 0; t < segment.terms; t++) p.df.push(segment.offsets[t + 1]! - segment.offsets[t]!);
    return p;
  }

  get stats(): { lengthSum: number; lengthCount: number } {
    return { lengthSum: this.lengthSum, lengthCount: this.lengthCount };
  }

  /** Forgets a removed passage's length so the BM25 average stays right. */
  forgetLength(length: number): void {
    this.lengthSum -= length;
    this.lengthCount--;
  }
}

/** Concatenates two segments term by term (a's passages all precede b's), dropping dead ones. */
function mergeSegments(a: Segment, b: Segment, termCount: number, alive: Uint8Array): Segment {
  materialize(a);
  materialize(b);
  const offsets = new Uint32Array(termCount + 1);
  // Find out once whether any passage of either segment is dead: if none, runs copy in bulk.
  let anyDead = false;
  for (const s of [a, b]) {
    for (let i = 0; i < s.ids.length && !anyDead; i++) if (alive[s.ids[i]!] !== 1) anyDead = true;
  }
  const ids = new Uint32Array(a.ids.length + b.ids.length);
  const impacts = new Uint8Array(ids.length);
  let n = 0;
  const copy = (s: Segment, t: number): void => {
    if (t >= s.terms) return;
    const from = s.offsets[t]!;
    const to = s.offsets[t + 1]!;
    if (to === from) return;
    if (!anyDead) {
      ids.set(s.ids.subarray(from, to), n);
      impacts.set(s.impacts.subarray(from, to), n);
      n += to - from;
      return;
    }
    for (let i = from; i < to; i++) {
      const p = s.ids[i]!;
      if (alive[p] !== 1) continue;
      ids[n] = p;
      impacts[n] = s.impacts[i]!;
      n++;
    }
  };
  for (let t = 0; t < termCount; t++) {
    offsets[t] = n;
    copy(a, t);
    copy(b, t);
  }
  offsets[termCount] = n;
  return {
    terms: termCount,
    offsets,
    ids: n === ids.length ? ids : ids.slice(0, n),
    impacts: n === impacts.length ? impacts : impacts.slice(0, n),
  };
}
