/**
 * The index's terms. Term ids are dense and assigned in order of first appearance.
 *
 * Three look-up structures, each built only when first needed, so that a loaded index
 * answers its first search without building any of them:
 * - a sorted permutation of the terms (saved with the index) for exact and prefix look-ups
 *   by binary search;
 * - a `Map` for interning while documents are added;
 * - MiniSearch's radix tree (`SearchableMap`) for typo-tolerant (fuzzy) look-ups, where its
 *   bounded Levenshtein walk is what it is good at. `warmUp()` builds it ahead of time.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { fnv1a, FNV_OFFSET, FNV_PRIME } from '../common/hash';
import { partitionPoint } from '../common/sorted';
import { STOP_WORDS } from './analyzer';
import { Grow } from './columns';

/** Starts the pseudo-terms of two-letter prefixes; no analysed term contains it. */
export const PREFIX_MARK = '\u0000';

/**
 * An open-addressing hash table from term to id that can also look up a range of a text
 * (lower-casing ASCII on the fly), so indexing makes no string for a term it already knows.
 */
class TermTable {
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  readonly hashes = new Grow(Uint32Array, 4096);

  constructor(private readonly terms: string[]) {
    let cap = 1024;
    while (cap < terms.length * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let id = 0; id < terms.length; id++) this.insert(id, hashString(terms[id]!));
  }

  insert(id: number, h: number): void {
    while (this.hashes.length <= id) this.hashes.push(0);
    this.hashes.data[id] = h;
    if (++this.count * 2 > this.slots.length) this.grow();
    let i = h & this.mask;
    while (this.slots[i] !== -1) i = (i + 1) & this.mask;
    this.slots[i] = id;
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (const id of this.slots) {
      if (id < 0) continue;
      let i = this.hashes.data[id]! & mask;
      while (slots[i] !== -1) i = (i + 1) & mask;
      slots[i] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }

  get(term: string, h = hashString(term)): number {
    let i = h & this.mask;
    for (;;) {
      const id = this.slots[i]!;
      if (id < 0) return -1;
      if (this.hashes.data[id] === h && this.terms[id] === term) return id;
      i = (i + 1) & this.mask;
    }
  }

  /** The id of `text[start..end)` lower-cased (ASCII letters and digits only), or -1. */
  getRange(text: string, start: number, end: number, h: number): number {
    let i = h & this.mask;
    const len = end - start;
    for (;;) {
      const id = this.slots[i]!;
      if (id < 0) return -1;
      if (this.hashes.data[id] === h) {
        const t = this.terms[id]!;
        if (t.length === len) {
          let same = true;
          for (let k = 0; k < len; k++) {
            let c = text.charCodeAt(start + k);
            if (c >= 65 && c <= 90) c |= 32;
            if (t.charCodeAt(k) !== c) {
              same = false;
              break;
            }
          }
          if (same) return id;
        }
      }
      i = (i + 1) & this.mask;
    }
  }
}

const hashString = fnv1a;

/** FNV-1a of a range lower-cased (ASCII), equal to `hashString` of the lower-cased range. */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 0;
}

export class Vocabulary {
  terms: string[] = [];
  private map: TermTable | null = new TermTable(this.terms);
  /** Per term: 1 when it is a stop word (interned so that a range look-up can tell). */
  private stop = new Grow(Uint8Array, 4096);
  private radix: SearchableMap<number> | null = null;
  private sorted: Uint32Array | null = new Uint32Array(0);
  /** Per term: its two-letter prefix pseudo-term, or -1 (built with the map). */
  private prefixOf = new Grow(Int32Array, 4096);

  get size(): number {
    return this.terms.length;
  }

  /** Restores a saved vocabulary: terms and their sorted order (validated by the caller). */
  static restore(terms: string[], sorted: Uint32Array): Vocabulary {
    const v = new Vocabulary();
    v.terms = terms;
    v.sorted = sorted;
    v.map = null;
    return v;
  }

  private ensureMap(): TermTable {
    if (this.map === null) {
      const map = new TermTable(this.terms);
      this.map = map;
      this.prefixOf = new Grow(Int32Array, this.terms.length + 1024);
      this.stop = new Grow(Uint8Array, this.terms.length + 1024);
      for (const t of this.terms) {
        const pre = t.length > 2 && !t.startsWith(PREFIX_MARK) ? map.get(PREFIX_MARK + t.slice(0, 2)) : -1;
        this.prefixOf.push(pre);
        this.stop.push(STOP_WORDS.has(t) ? 1 : 0);
      }
    }
    return this.map;
  }

  /** The sorted permutation of term ids, rebuilt after terms were added. */
  sortedIds(): Uint32Array {
    if (this.sorted === null || this.sorted.length !== this.terms.length) {
      const ids = Array.from({ length: this.terms.length }, (_, i) => i);
      const terms = this.terms;
      ids.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
      this.sorted = Uint32Array.from(ids);
    }
    return this.sorted;
  }

  /** Interns a term (and its two-letter prefix pseudo-term); returns its id. */
  intern(term: string): number {
    const map = this.ensureMap();
    const h = hashString(term);
    const id = map.get(term, h);
    return id >= 0 ? id : this.addWithPrefix(term, h, map);
  }

  /** Interns `text[start..end)` lower-cased (ASCII letters and digits only); -1 for a stop word. */
  internRange(text: string, start: number, end: number): number {
    const map = this.ensureMap();
    const h = hashRange(text, start, end);
    let id = map.getRange(text, start, end, h);
    if (id < 0) id = this.addWithPrefix(text.slice(start, end).toLowerCase(), h, map);
    return this.stop.data[id] === 1 ? -1 : id;
  }

  private addWithPrefix(term: string, h: number, map: TermTable): number {
    const id = this.add(term, h, map);
    if (term.length > 2) {
      const key = PREFIX_MARK + term.slice(0, 2);
      const kh = hashString(key);
      let pre = map.get(key, kh);
      if (pre < 0) pre = this.add(key, kh, map);
      this.prefixOf.data[id] = pre;
    }
    return id;
  }

  private add(term: string, h: number, map: TermTable): number {
    const id = this.terms.length;
    this.terms.push(term);
    map.insert(id, h);
    this.prefixOf.push(-1);
    this.stop.push(STOP_WORDS.has(term) ? 1 : 0);
    if (this.radix !== null && !term.startsWith(PREFIX_MARK)) this.radix.set(term, id);
    return id;
  }

  /** The two-letter prefix pseudo-term of an interned term, or -1. */
  prefixTermOf(id: number): number {
    return this.prefixOf.data[id]!;
  }

  /** The id of a term, or undefined. */
  get(term: string): number | undefined {
    if (this.map !== null) {
      const id = this.map.get(term);
      return id < 0 ? undefined : id;
    }
    const sorted = this.sortedIds();
    const i = this.lowerBound(sorted, term);
    return i < sorted.length && this.terms[sorted[i]!] === term ? sorted[i] : undefined;
  }

  private lowerBound(sorted: Uint32Array, term: string): number {
    return partitionPoint(0, sorted.length, (i) => this.terms[sorted[i]!]! < term);
  }

  /** Calls `fn` for every term that starts with `prefix` (the prefix itself included). */
  forEachWithPrefix(prefix: string, fn: (term: string, id: number) => void): void {
    const sorted = this.sortedIds();
    for (let i = this.lowerBound(sorted, prefix); i < sorted.length; i++) {
      const id = sorted[i]!;
      const t = this.terms[id]!;
      if (!t.startsWith(prefix)) break;
      fn(t, id);
    }
  }

  /** Terms within `maxDistance` edits of `term`, with their distance (MiniSearch's radix tree). */
  fuzzy(term: string, maxDistance: number): Array<[string, number, number]> {
    const out: Array<[string, number, number]> = [];
    for (const [t, [id, distance]] of this.fuzzyMap().fuzzyGet(term, maxDistance))
      out.push([t, id, distance]);
    return out;
  }

  private fuzzyMap(): SearchableMap<number> {
    if (this.radix === null) {
      const radix = new SearchableMap<number>();
      for (let i = 0; i < this.terms.length; i++) {
        const t = this.terms[i]!;
        if (!t.startsWith(PREFIX_MARK)) radix.set(t, i);
      }
      this.radix = radix;
    }
    return this.radix;
  }

  /** Builds the look-up structures now rather than on first use. */
  warmUp(): void {
    this.sortedIds();
    this.fuzzyMap();
  }
}
