/**
 * Dictum's search engine: a passage index with BM25 ranking, Dictum's query language and
 * disjunctive facets, fast enough for search-as-you-type over a million passages.
 *
 * Design (see bench/search/RESULTS.md for the figures):
 * - MiniSearch's radix tree (`minisearch/SearchableMap`) holds the vocabulary and expands
 *   prefixes and typos into term ids; the analyzer does MiniSearch's job of tokenizing and
 *   term processing, identically at index and query time.
 * - Postings are typed arrays (`postings.ts`): per term, sorted passage ids with a one-byte
 *   BM25 impact (term frequency and length normalisation baked in; idf applied at query time).
 *   Title and speaker words are folded into the passage's postings with field boosts.
 * - Per-passage facet columns are dictionary-encoded typed arrays (speaker, date, kind,
 *   topics), so filters and facet counts are table look-ups over matching passages.
 * - AND starts from the rarest word and probes the others with galloping search when that
 *   is cheaper than scanning their lists (early termination for `enjoin them in`).
 * - Phrases are verified against the passage text (the index keeps no positions).
 * - Texts are held once: live documents are the objects given to `addSource`; a loaded index
 *   keeps them as UTF-8 bytes and decodes only what a search or `getDocument` needs.
 */
import {
  FACET_NAMES,
  PASSAGE_KINDS,
  type ExtractedDocument,
  type FacetName,
  type FacetValue,
  type Hit,
  type PassageKind,
  type SearchRequest,
  type SearchResponse,
  type SortOrder,
} from '../common/contract';
import { dateKey, decodeCursor, encodeCursor, positionOf } from '../common/order';
import { placeAt } from '../common/pages';
import { isoDateRange, parseQuery, type QueryFilter, type QueryTerm } from '../common/query';
import { fold, forEachToken, STOP_WORDS, tokenize } from './analyzer';
import { gallop, Grow } from './columns';
import { Postings, type Run } from './postings';
import { DocStore } from './docStore';
import { PREFIX_MARK, Vocabulary } from './vocabulary';
import { bucketDates, dateKeyRange } from './dateFacet';
import { bytesNeeded, readIndex, writeIndex } from './serialize';
import { roundScore, selectPage, type EngineCursor, type MatchKeys, type RelevanceKeys } from './pageOrder';

export { mergeResponses } from './merge';

export interface SearchIndexOptions {
  /** Most values listed per facet (speaker, topic); selected values are always listed. Default 50. */
  facetLimit?: number;
  /** Characters of context in a snippet. Default 240. */
  snippetLength?: number;
}

export interface DeserializeOptions extends SearchIndexOptions {
  /** Reads `length` bytes of the saved index at `offset`, when `bytes` holds only its start. */
  readDocuments?: (offset: number, length: number) => Uint8Array;
}

/** Field boosts folded into a passage's term frequencies. */
const SPEAKER_WEIGHT = 2;
/** Quotes and turns are what users look for; narrative ranks a little lower. */
/** Weight of a singular or plural form of a word typed (the form typed weighs 1). */
const VARIANT_WEIGHT = 0.9;

/** Score factor of a statement whose document's title names a word searched for. */
const TITLE_BOOST = 1.2;

/** The other grammatical number of an English word: cat/cats, box/boxes, policy/policies. */
export function numberVariants(term: string): string[] {
  const out: string[] = [];
  if (term.endsWith('ies') && term.length > 4) out.push(`${term.slice(0, -3)}y`);
  else if (term.endsWith('es') && /(?:s|x|z|ch|sh)es$/.test(term)) out.push(term.slice(0, -2));
  else if (term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us') && !term.endsWith('is'))
    out.push(term.slice(0, -1));
  if (!term.endsWith('s')) {
    if (/[^aeiou]y$/.test(term)) out.push(`${term.slice(0, -1)}ies`);
    else if (/(?:s|x|z|ch|sh)$/.test(term)) out.push(`${term}es`);
    else out.push(`${term}s`);
  }
  return out;
}

const KIND_BOOST: Record<PassageKind, number> = { quote: 1.25, turn: 1.1, narrative: 1 };
/** Weights of expanded terms relative to the word as typed. */
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.45;
const PHRASE_BOOST = 1.5;
/** Seal pending passages once this many are waiting, even without a search. */
const SEAL_EVERY = 50_000;

const KIND_CODE: Record<PassageKind, number> = { quote: 0, turn: 1, narrative: 2 };

interface Expansion {
  terms: number[];
  weights: number[];
}

type Atom =
  | { kind: 'word'; exp: Expansion }
  | { kind: 'phrase'; words: string[]; required: Expansion[] }
  | { kind: 'none' };

interface Highlighter {
  exact: Set<string>;
  prefixes: string[];
  phrases: string[][];
}

/** Everything the engine needs to know about the dictionaries, shared with serialisation. */
export interface Dictionaries {
  terms: string[];
  speakers: string[];
  topics: string[];
  dates: string[];
}

export class SearchIndex {
  private readonly facetLimit: number;
  private readonly snippetLength: number;

  // Vocabulary
  /** @internal */ vocab = new Vocabulary();

  // Postings
  /** @internal */ postings = new Postings();

  // Per-passage columns (slot = passage number; removed passages stay as dead slots)
  /** @internal */ pDoc = new Grow(Uint32Array);
  /** @internal */ pKind = new Grow(Uint8Array);
  /** @internal */ pSpeaker = new Grow(Uint32Array);
  /** @internal */ pDate = new Grow(Uint32Array);
  /** @internal */ pTopicStart = Grow.from(Uint32Array, new Uint32Array(1));
  /** @internal */ pTopics = new Grow(Uint16Array);
  /** @internal */ pAlive = new Grow(Uint8Array);
  /** @internal */ pLength = new Grow(Uint32Array);

  // Dictionaries; id 0 of speakers and dates means "none"
  /** @internal */ speakers: string[] = [''];
  private speakerIds = new Map<string, number>();
  private speakerFolded: string[] = [''];
  /** @internal */ speakerCount = new Grow(Uint32Array);
  /** @internal */ topics: string[] = [];
  private topicIds = new Map<string, number>();
  /** @internal */ dates: string[] = [''];
  private dateIds = new Map<string, number>();
  /** @internal */ dateMin = Grow.from(Int32Array, new Int32Array(1));
  /** @internal */ dateMax = Grow.from(Int32Array, new Int32Array(1));

  // Documents
  /** @internal */ docs = new DocStore();
  /** @internal */ docFirst = new Grow(Uint32Array);
  /** @internal */ docPassages = new Grow(Uint32Array);
  private docIndex = new Map<string, number>();
  /** @internal */ docSource: Array<string | null> = [];
  private sources = new Map<string, number[]>();

  private liveDocs = 0;
  private livePassages = 0;

  // Scratch space reused by every search (sized to the passage count)
  private stamp = new Uint32Array(0);
  private epoch = 0;
  private best = new Float32Array(0);
  private scratchTf = new Uint32Array(1024);
  private readonly runBuf: Run[] = [];

  constructor(options: SearchIndexOptions = {}) {
    this.facetLimit = options.facetLimit ?? 50;
    this.snippetLength = options.snippetLength ?? 240;
    this.speakerCount.push(0);
  }

  get documentCount(): number {
    return this.liveDocs;
  }

  get passageCount(): number {
    return this.livePassages;
  }

  // -------------------------------------------------------------------------
  // Updates

  /** Adds all documents read from one source file; replaces what that source had before. */
  addSource(sourceKey: string, docs: ExtractedDocument[]): void {
    this.removeSource(sourceKey);
    const added: number[] = [];
    for (const doc of docs) {
      if (!doc || !doc.document || typeof doc.document.id !== 'string' || !Array.isArray(doc.passages))
        continue;
      const prior = this.docIndex.get(doc.document.id);
      if (prior !== undefined) this.removeDoc(prior);
      added.push(this.addDoc(sourceKey, doc));
    }
    this.sources.set(sourceKey, added);
    if (this.postings.pending >= SEAL_EVERY) this.seal();
  }

  removeSource(sourceKey: string): boolean {
    const list = this.sources.get(sourceKey);
    if (!list) return false;
    // Detach the list before removing its documents: `removeDoc` unlinks a document from its
    // source's list, which would otherwise shorten the list under this loop and skip every other.
    this.sources.delete(sourceKey);
    for (const d of list) this.removeDoc(d);
    return true;
  }

  getDocument(docId: string): ExtractedDocument | undefined {
    const d = this.docIndex.get(docId);
    return d === undefined ? undefined : this.docs.get(d, this);
  }

  /** The sources in the index, for the service to diff against the disk. */
  sourceKeys(): string[] {
    return [...this.sources.keys()];
  }

  private internTerm(term: string): number {
    return this.vocab.intern(term);
  }

  private internSpeaker(name: string | null): number {
    if (name === null || typeof name !== 'string' || name.trim() === '') return 0;
    let id = this.speakerIds.get(name);
    if (id === undefined) {
      id = this.speakers.length;
      this.speakers.push(name);
      this.speakerIds.set(name, id);
      this.speakerFolded.push(fold(name));
      this.speakerCount.push(0);
    }
    return id;
  }

  private internTopic(topic: string): number {
    let id = this.topicIds.get(topic);
    if (id === undefined) {
      id = this.topics.length;
      this.topics.push(topic);
      this.topicIds.set(topic, id);
    }
    return id;
  }

  private internDate(date: string | null): number {
    if (date === null || typeof date !== 'string') return 0;
    let id = this.dateIds.get(date);
    if (id === undefined) {
      const r = isoDateRange(date.slice(0, 10));
      if (!r) return 0;
      id = this.dates.length;
      this.dates.push(date);
      this.dateIds.set(date, id);
      this.dateMin.push(r.min);
      this.dateMax.push(r.max);
    }
    return id;
  }

  // Per-passage term counting, reused across passages (no allocation per passage).
  private touched: number[] = [];
  private curLength = 0;
  private curTfs = new Uint32Array(256);
  private speakerTerms: number[][] = [[]];

  private countTerm(id: number, w: number): void {
    if (this.vocab.size >= this.scratchTf.length) {
      const next = new Uint32Array(this.vocab.size * 2);
      next.set(this.scratchTf);
      this.scratchTf = next;
    }
    if (this.scratchTf[id] === 0) this.touched.push(id);
    this.scratchTf[id]! += w;
    // Two-letter prefixes are the costliest words to search as typed (`re` expands to
    // thousands of terms and half the corpus), so every longer term also counts towards a
    // pseudo-term for its first two letters, whose postings answer such a prefix directly.
    const pre = this.vocab.prefixTermOf(id);
    if (pre >= 0) {
      if (this.scratchTf[pre] === 0) this.touched.push(pre);
      this.scratchTf[pre]! += w;
    }
  }

  private readonly onTextTerm = (term: string): void => {
    if (STOP_WORDS.has(term)) return;
    this.curLength++;
    this.countTerm(this.internTerm(term), 1);
  };

  private readonly onPlainTerm = (text: string, start: number, end: number): void => {
    const id = this.vocab.internRange(text, start, end);
    if (id < 0) return;
    this.curLength++;
    this.countTerm(id, 1);
  };

  private termsOf(text: string): number[] {
    const out: number[] = [];
    forEachToken(text, (term) => {
      if (!STOP_WORDS.has(term)) out.push(this.internTerm(term));
    });
    return out;
  }

  private addDoc(sourceKey: string, doc: ExtractedDocument): number {
    const d = this.docFirst.length;
    const first = this.pDoc.length;
    this.docFirst.push(first);
    this.docPassages.push(doc.passages.length);
    this.docs.setLive(d, doc);
    this.docSource.push(sourceKey);
    this.docIndex.set(doc.document.id, d);
    this.liveDocs++;
    const touched = this.touched;
    for (const passage of doc.passages) {
      const p = this.pDoc.length;
      this.pDoc.push(d);
      this.pKind.push(KIND_CODE[passage.kind] ?? 2);
      const spk = this.internSpeaker(passage.speaker);
      this.pSpeaker.push(spk);
      this.speakerCount.data[spk]!++;
      this.pDate.push(this.internDate(passage.date ?? doc.document.date));
      const topics =
        Array.isArray(passage.topics) && passage.topics.length > 0 ? passage.topics : doc.document.topics;
      const topicFrom = this.pTopics.length;
      for (const t of topics ?? []) {
        if (typeof t !== 'string' || t === '') continue;
        const id = this.internTopic(t);
        let dup = false;
        for (let j = topicFrom; j < this.pTopics.length; j++) if (this.pTopics.data[j] === id) dup = true;
        if (!dup) this.pTopics.push(id);
      }
      this.pTopicStart.push(this.pTopics.length);
      this.pAlive.push(1);
      this.livePassages++;

      // Term frequencies: the passage's own words, then its speaker's name with a field boost.
      // The document's title is not counted: a statement matches by what was said and who
      // said it, so "olympics" never returns "he added." from an article titled "…Olympics".
      touched.length = 0;
      this.curLength = 0;
      forEachToken(String(passage.text ?? ''), this.onTextTerm, this.onPlainTerm);
      if (spk !== 0) {
        let st = this.speakerTerms[spk];
        if (st === undefined) {
          st = this.termsOf(this.speakers[spk]!);
          this.speakerTerms[spk] = st;
        }
        for (const id of st) this.countTerm(id, SPEAKER_WEIGHT);
      }
      if (this.curTfs.length < touched.length) this.curTfs = new Uint32Array(touched.length * 2);
      const tfs = this.curTfs;
      for (let i = 0; i < touched.length; i++) {
        tfs[i] = this.scratchTf[touched[i]!]!;
        this.scratchTf[touched[i]!] = 0;
      }
      this.pLength.push(this.curLength);
      this.postings.add(p, touched, tfs, touched.length, this.curLength);
    }
    return d;
  }

  private removeDoc(d: number): void {
    if (!this.docs.has(d)) return;
    const first = this.docFirst.get(d);
    const n = this.docPassages.get(d);
    for (let p = first; p < first + n; p++) {
      if (this.pAlive.data[p] !== 1) continue;
      this.pAlive.data[p] = 0;
      this.speakerCount.data[this.pSpeaker.data[p]!]!--;
      this.postings.forgetLength(this.pLength.data[p]!);
      this.livePassages--;
    }
    const id = this.docs.id(d, this);
    if (id !== undefined && this.docIndex.get(id) === d) this.docIndex.delete(id);
    const src = this.docSource[d];
    if (src !== null && src !== undefined) {
      const list = this.sources.get(src);
      if (list) {
        const i = list.indexOf(d);
        if (i >= 0) list.splice(i, 1);
      }
    }
    this.docSource[d] = null;
    this.docs.remove(d);
    this.liveDocs--;
  }

  private seal(): void {
    this.postings.seal(this.vocab.size, this.pAlive.data);
  }

  // -------------------------------------------------------------------------
  // Search

  /** Searches; never throws: problems become `notes`. */
  search(request: SearchRequest): SearchResponse {
    const t0 = performance.now();
    const q = typeof request?.q === 'string' ? request.q : '';
    try {
      const r = this.run(request, q);
      r.tookMs = Math.round((performance.now() - t0) * 100) / 100;
      return r;
    } catch (err) {
      return {
        query: q,
        total: 0,
        tookMs: Math.round((performance.now() - t0) * 100) / 100,
        hits: [],
        facets: { speaker: [], topic: [], date: [], kind: [] },
        notes: [`engine: the search failed (${err instanceof Error ? err.message : String(err)})`],
      };
    }
  }

  private ensureScratch(): void {
    const n = this.pDoc.length;
    if (this.stamp.length < n) {
      const cap = Math.max(1024, Math.ceil(n * 1.25));
      this.stamp = new Uint32Array(cap);
      this.epoch = 0;
      this.best = new Float32Array(cap);
    }
  }

  private nextEpoch(): number {
    if (this.epoch >= 0xfffffff0) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  private idf(term: number): number {
    const df = this.postings.df.data[term] ?? 0;
    const n = Math.max(1, this.livePassages);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private df(term: number): number {
    return this.postings.df.data[term] ?? 0;
  }

  /** Expands one query word into term ids: exact, as a prefix while typing, and with typos. */
  private expandWord(term: string, prefix: boolean, hl: Highlighter): Expansion {
    const exp: Expansion = { terms: [], weights: [] };
    const exact = this.vocab.get(term);
    const stop = STOP_WORDS.has(term);
    if (exact !== undefined && !stop) {
      exp.terms.push(exact);
      exp.weights.push(1);
      hl.exact.add(term);
    }
    // Singular and plural find each other ("olympic boycott" finds "Olympics boycott"):
    // the light, predictable half of stemming, without its surprises.
    if (!stop && term.length >= 3) {
      for (const variant of numberVariants(term)) {
        const id = this.vocab.get(variant);
        if (id === undefined || id === exact || exp.terms.includes(id)) continue;
        exp.terms.push(id);
        exp.weights.push(VARIANT_WEIGHT);
        hl.exact.add(variant);
      }
    }
    if (prefix && term.length === 2) {
      const pre = this.vocab.get(PREFIX_MARK + term);
      if (pre !== undefined) {
        exp.terms.push(pre);
        exp.weights.push(PREFIX_WEIGHT * 0.8);
      }
      if (pre !== undefined || exact !== undefined) hl.prefixes.push(term);
    } else if (prefix) {
      this.vocab.forEachWithPrefix(term, (t, id) => {
        if (id === exact) return;
        exp.terms.push(id);
        // Shorter completions are likelier what the user is typing.
        exp.weights.push(PREFIX_WEIGHT * Math.min(1, (term.length + 2) / t.length));
      });
      if (exp.terms.length > 0 || exact !== undefined) hl.prefixes.push(term);
    }
    // Typos: only for words long enough that one edit is unlikely to be another word, and
    // only when the word as typed is rare, so common words stay exact (and fast).
    const len = term.length;
    if (!stop && len >= 5 && this.df(exact ?? -1) < Math.max(5, this.livePassages / 2000)) {
      const maxDistance = len >= 12 ? 2 : 1;
      const seen = new Set(exp.terms);
      for (const [t, id, distance] of this.vocab.fuzzy(term, maxDistance)) {
        if (seen.has(id)) continue;
        exp.terms.push(id);
        exp.weights.push(FUZZY_WEIGHT / distance);
        hl.exact.add(t);
      }
    }
    return exp;
  }

  private atomFor(term: QueryTerm, hl: Highlighter, notes: string[]): Atom {
    const tokens = tokenize(term.text).filter((t) => !t.extra);
    if (tokens.length === 0) {
      notes.push(`"${term.text}" has no searchable words; it was ignored.`);
      return { kind: 'none' };
    }
    if (term.type === 'word' && tokens.length === 1) {
      const tok = tokens[0]!;
      if (tok.stop && !term.prefix) return { kind: 'none' };
      if (term.prefix && tok.term.length === 1) {
        // Every other word starts with some letter: wait for the next keystroke.
        notes.push(`"${term.text}" is matched once it has two letters.`);
        return { kind: 'none' };
      }
      const exp = this.expandWord(tok.term, term.prefix, hl);
      // A stop word being typed ("the") that completes to nothing must not empty the results.
      if (tok.stop && exp.terms.length === 0) return { kind: 'none' };
      return { kind: 'word', exp };
    }
    // A phrase, or a word the analyzer splits (`well-known`, `U.S.-China`): words in order.
    const words = tokens.map((t) => t.term);
    const required: Expansion[] = [];
    for (const t of tokens) {
      if (t.stop) continue;
      const id = this.vocab.get(t.term);
      required.push(id === undefined ? { terms: [], weights: [] } : { terms: [id], weights: [PHRASE_BOOST] });
    }
    hl.phrases.push(words);
    return { kind: 'phrase', words, required };
  }

  private cost(atom: Atom): number {
    if (atom.kind === 'none') return Infinity;
    if (atom.kind === 'word') return atom.exp.terms.reduce((s, t) => s + this.df(t), 0);
    if (atom.required.length === 0) return this.livePassages * 4;
    return Math.min(...atom.required.map((e) => e.terms.reduce((s, t) => s + this.df(t), 0)));
  }

  /** All live passages, as a sorted list. */
  private allAlive(): Uint32Array {
    const out = new Uint32Array(this.livePassages);
    const alive = this.pAlive.data;
    let k = 0;
    for (let p = 0; p < this.pDoc.length; p++) if (alive[p] === 1) out[k++] = p;
    return k === out.length ? out : out.subarray(0, k);
  }

  /** Passages matching an expansion, restricted to `cand` when given (both sorted). */
  private matchExpansion(exp: Expansion, cand: Uint32Array | null): Uint32Array {
    const runs: Run[] = [];
    let total = 0;
    for (const t of exp.terms) {
      for (const r of this.postings.runs(t, this.runBuf)) {
        runs.push(r);
        total += r.to - r.from;
      }
    }
    if (runs.length === 0) return new Uint32Array(0);
    const alive = this.pAlive.data;
    if (cand !== null) {
      // Probe the candidates in each run when that is cheaper than scanning the runs.
      const probeCost = cand.length * runs.length * 4;
      if (probeCost < total) {
        const out = new Uint32Array(cand.length);
        let k = 0;
        const cursors = runs.map((r) => r.from);
        for (const c of cand) {
          for (let i = 0; i < runs.length; i++) {
            const r = runs[i]!;
            const pos = gallop(r.ids, cursors[i]!, r.to, c);
            cursors[i] = pos;
            if (pos < r.to && r.ids[pos] === c) {
              out[k++] = c;
              break;
            }
          }
        }
        return out.subarray(0, k);
      }
      const ep = this.nextEpoch();
      const stamp = this.stamp;
      for (const r of runs) for (let i = r.from; i < r.to; i++) stamp[r.ids[i]!] = ep;
      const out = new Uint32Array(cand.length);
      let k = 0;
      for (const c of cand) if (stamp[c] === ep) out[k++] = c;
      return out.subarray(0, k);
    }
    if (runs.length === 1) {
      const r = runs[0]!;
      const out = new Uint32Array(r.to - r.from);
      let k = 0;
      for (let i = r.from; i < r.to; i++) {
        const p = r.ids[i]!;
        if (alive[p] === 1) out[k++] = p;
      }
      return out.subarray(0, k);
    }
    // Union: mark, then collect in order over the marked range.
    const ep = this.nextEpoch();
    const stamp = this.stamp;
    let lo = Infinity;
    let hi = -1;
    for (const r of runs) {
      const ids = r.ids;
      for (let i = r.from; i < r.to; i++) stamp[ids[i]!] = ep;
      if (ids[r.from]! < lo) lo = ids[r.from]!;
      if (ids[r.to - 1]! > hi) hi = ids[r.to - 1]!;
    }
    let count = 0;
    for (let p = lo; p <= hi; p++) if (stamp[p] === ep && alive[p] === 1) count++;
    const out = new Uint32Array(count);
    let k = 0;
    for (let p = lo; p <= hi; p++) if (stamp[p] === ep && alive[p] === 1) out[k++] = p;
    return out;
  }

  private matchAtom(atom: Atom, cand: Uint32Array | null): Uint32Array {
    if (atom.kind === 'none') return new Uint32Array(0);
    if (atom.kind === 'word') return this.matchExpansion(atom.exp, cand);
    let c = cand;
    const order = [...atom.required].sort(
      (a, b) => a.terms.reduce((s, t) => s + this.df(t), 0) - b.terms.reduce((s, t) => s + this.df(t), 0),
    );
    for (const e of order) {
      c = this.matchExpansion(e, c);
      if (c.length === 0) return c;
    }
    if (c === null) c = this.allAlive();
    const out = new Uint32Array(c.length);
    let k = 0;
    for (const p of c) if (findPhrase(this.passageText(p), atom.words).length > 0) out[k++] = p;
    return out.subarray(0, k);
  }

  private matchGroup(group: Atom[], cand: Uint32Array | null): Uint32Array {
    if (group.length === 1) return this.matchAtom(group[0]!, cand);
    const lists = group.map((a) => this.matchAtom(a, cand));
    return unionSorted(lists);
  }

  /** @internal */
  passageText(p: number): string {
    return this.docs.passageText(this.pDoc.data[p]!, p - this.docFirst.data[this.pDoc.data[p]!]!, this);
  }

  private run(request: SearchRequest, q: string): SearchResponse {
    if (this.postings.pending > 0) this.seal();
    this.ensureScratch();
    const parsed = parseQuery(q);
    const notes = [...parsed.notes];
    const hl: Highlighter = { exact: new Set(), prefixes: [], phrases: [] };

    // Plan: atoms per group, cheapest group first.
    const groups: Atom[][] = [];
    for (const g of parsed.groups) {
      const atoms = g.map((t) => this.atomFor(t, hl, notes)).filter((a) => a.kind !== 'none');
      if (atoms.length > 0) groups.push(atoms);
      else if (g.every((t) => t.type === 'word' && tokenize(t.text).every((x) => x.stop))) {
        notes.push(`"${g.map((t) => t.text).join(' OR ')}" is too common to search for; it was ignored.`);
      }
    }
    const excludes = parsed.exclude
      .map((t) =>
        this.atomFor(
          t.type === 'word' ? { ...t, prefix: false } : t,
          { exact: new Set(), prefixes: [], phrases: [] },
          notes,
        ),
      )
      .filter((a) => a.kind !== 'none');
    // A phrase of common words only ("to be or not to be") has no postings to start from:
    // checking it against every passage of a large corpus is too slow for typing, so it
    // needs another word beside it.
    const unbounded = (a: Atom): boolean => a.kind === 'phrase' && a.required.length === 0;
    if (this.livePassages > 100_000 && !groups.some((g) => !g.some(unbounded))) {
      for (let i = groups.length - 1; i >= 0; i--) {
        if (groups[i]!.some(unbounded)) {
          groups.splice(i, 1);
          notes.push('A phrase of only common words needs another word beside it; it was ignored.');
        }
      }
    }
    const groupCost = (g: Atom[]): number => g.reduce((s, a) => s + this.cost(a), 0);
    groups.sort((a, b) => groupCost(a) - groupCost(b));

    let base: Uint32Array | null = null;
    for (const g of groups) {
      base = this.matchGroup(g, base);
      if (base.length === 0) break;
    }
    if (base === null) base = this.allAlive();
    for (const ex of excludes) {
      if (base.length === 0) break;
      const drop = this.matchAtom(ex, base);
      if (drop.length > 0) base = differenceSorted(base, drop);
    }

    // Filters: the query's own (always applied), then the request's facet selections.
    const qf = this.queryFilterTables(parsed.filters);
    const sel = this.selectionTables(request, notes);
    const facetCounts = this.countAndFilter(base, qf, sel);
    const matches = facetCounts.matches;
    const total = matches.length;

    // Order and page: the total order of common/order.ts, after the cursor if one was given.
    const sort = request.sort === 'date-asc' || request.sort === 'date-desc' ? request.sort : 'relevance';
    const limit = clampInt(request.limit, 0, 10_000, 20);
    const offset = clampInt(request.offset, 0, 1_000_000, 0);
    const cursor =
      typeof request.after === 'string' && request.after !== ''
        ? this.resolveCursor(request.after, sort)
        : null;
    const keys: MatchKeys = {
      matches,
      date: this.dateKeys(matches, sort),
      docIdOf: (p) => this.docs.id(this.pDoc.data[p]!, this) ?? '',
      withinOf: (p) => p - this.docFirst.data[this.pDoc.data[p]!]!,
      relevance: sort === 'relevance' && groups.length > 0 ? this.relevanceKeys(matches, groups, hl) : null,
    };
    const { order, following } = selectPage(keys, cursor, offset + limit);
    const hits: Hit[] = [];
    for (let i = offset; i < order.length; i++) {
      const at = order[i]!;
      hits.push(this.hit(matches[at]!, keys.relevance ? keys.relevance.final(at) : 0, hl));
    }
    const last = hits[hits.length - 1];
    const next =
      last !== undefined && following > offset + hits.length
        ? encodeCursor(positionOf(last, sort))
        : undefined;
    return {
      query: q,
      total,
      tookMs: 0,
      hits,
      facets: this.facetLists(facetCounts, sel),
      notes,
      ...(next !== undefined ? { next } : {}),
    };
  }

  /** Per match, the date key of the sort order (larger first). */
  private dateKeys(matches: Uint32Array, sort: SortOrder): Float64Array {
    const dates = this.pDate.data;
    const min = this.dateMin.data;
    const key = new Float64Array(matches.length);
    for (let i = 0; i < matches.length; i++) {
      const dId = dates[matches[i]!]!;
      key[i] = dateKey(dId === 0 ? null : min[dId]!, sort);
    }
    return key;
  }

  /**
   * BM25 scores, and the final score of a match: a statement whose document's title names a
   * word searched for ranks a little higher. Titles are not in the postings (a passage
   * matches by its own words), so the boost only reorders, and a title is looked at only
   * when the page's order depends on it.
   */
  private relevanceKeys(matches: Uint32Array, groups: Atom[][], hl: Highlighter): RelevanceKeys {
    const raw = this.scoreMatches(matches, groups);
    const finals = new Float64Array(matches.length).fill(NaN);
    const titleHit = new Map<number, boolean>();
    return {
      raw,
      maxBoost: TITLE_BOOST,
      final: (i) => {
        let s = finals[i]!;
        if (!Number.isNaN(s)) return s;
        const d = this.pDoc.data[matches[i]!]!;
        let hit = titleHit.get(d);
        if (hit === undefined) {
          hit = highlight(String(this.docs.meta(d, this).title ?? ''), hl).length > 0;
          titleHit.set(d, hit);
        }
        s = roundScore(hit ? raw[i]! * TITLE_BOOST : raw[i]!);
        finals[i] = s;
        return s;
      },
    };
  }

  /** A cursor's keys, and where its passage sits in its document if that document is here. */
  private resolveCursor(after: string, sort: SortOrder): EngineCursor {
    const at = decodeCursor(after, sort);
    const d = this.docIndex.get(at.docId);
    let within = -1;
    if (d !== undefined) {
      const n = this.docPassages.data[d]!;
      for (let w = 0; w < n && within < 0; w++) if (this.docs.passageId(d, w, this) === at.id) within = w;
    }
    return { at, within };
  }

  private queryFilterTables(filters: QueryFilter[]): FilterTables {
    const t: FilterTables = { speaker: null, topic: null, kind: null, dateMin: -Infinity, dateMax: Infinity };
    const speakers = filters.filter((f) => f.field === 'speaker').map((f) => fold(f.value.trim()));
    if (speakers.length > 0) {
      t.speaker = new Uint8Array(this.speakers.length);
      const patterns = speakers.map((s) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(s)}`, 'u'));
      for (let i = 1; i < this.speakers.length; i++) {
        const name = this.speakerFolded[i]!;
        if (patterns.some((re) => re.test(name))) t.speaker[i] = 1;
      }
    }
    const topics = filters.filter((f) => f.field === 'topic').map((f) => fold(f.value.trim()));
    if (topics.length > 0) {
      t.topic = new Uint8Array(this.topics.length);
      for (let i = 0; i < this.topics.length; i++) {
        const slug = fold(this.topics[i]!);
        if (topics.some((v) => slug === v || slug.startsWith(v))) t.topic[i] = 1;
      }
    }
    const kinds = filters.filter((f) => f.field === 'kind').map((f) => f.value);
    if (kinds.length > 0) {
      t.kind = new Uint8Array(3);
      for (const k of kinds) if (k in KIND_CODE) t.kind[KIND_CODE[k as PassageKind]] = 1;
    }
    for (const f of filters) {
      if (f.range) {
        t.dateMin = Math.max(t.dateMin, f.range.min);
        t.dateMax = Math.min(t.dateMax, f.range.max);
      }
    }
    return t;
  }

  private selectionTables(request: SearchRequest, notes: string[]): FilterTables {
    const t: FilterTables = { speaker: null, topic: null, kind: null, dateMin: -Infinity, dateMax: Infinity };
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const speakers = list(request.speaker);
    if (speakers.length > 0) {
      t.speaker = new Uint8Array(this.speakers.length);
      for (const s of speakers) {
        const id = this.speakerIds.get(s);
        if (id !== undefined) t.speaker[id] = 1;
      }
    }
    const topics = list(request.topic);
    if (topics.length > 0) {
      t.topic = new Uint8Array(this.topics.length);
      for (const s of topics) {
        const id = this.topicIds.get(s);
        if (id !== undefined) t.topic[id] = 1;
      }
    }
    const kinds = list(request.kind);
    if (kinds.length > 0) {
      t.kind = new Uint8Array(3);
      for (const k of kinds) if (k in KIND_CODE) t.kind[KIND_CODE[k as PassageKind]] = 1;
    }
    if (typeof request.from === 'string' && request.from !== '') {
      const r = isoDateRange(request.from);
      if (r) t.dateMin = r.min;
      else notes.push(`from=${request.from} is not a date; ignored.`);
    }
    if (typeof request.to === 'string' && request.to !== '') {
      const r = isoDateRange(request.to);
      if (r) t.dateMax = r.max;
      else notes.push(`to=${request.to} is not a date; ignored.`);
    }
    return t;
  }

  /**
   * One pass over the matching passages: applies the query's filters, then counts each
   * facet over the passages that pass every selection except that facet's own.
   */
  private countAndFilter(base: Uint32Array, qf: FilterTables, sel: FilterTables): FacetCounts {
    const speaker = new Uint32Array(this.speakers.length);
    const topic = new Uint32Array(this.topics.length);
    const kind = new Uint32Array(3);
    const date = new Uint32Array(this.dates.length);
    // Matches are compacted in place: every list reaching here is a fresh copy.
    const out = base;
    let k = 0;
    const pSpeaker = this.pSpeaker.data;
    const pKind = this.pKind.data;
    const pDate = this.pDate.data;
    const tStart = this.pTopicStart.data;
    const tIds = this.pTopics.data;
    const dMin = this.dateMin.data;
    const dMax = this.dateMax.data;
    const qDate = qf.dateMin !== -Infinity || qf.dateMax !== Infinity;
    const sDate = sel.dateMin !== -Infinity || sel.dateMax !== Infinity;
    const { speaker: qS, topic: qT, kind: qK } = qf;
    const { speaker: sS, topic: sT, kind: sK } = sel;
    for (let i = 0; i < base.length; i++) {
      const p = base[i]!;
      const spk = pSpeaker[p]!;
      const kd = pKind[p]!;
      const dt = pDate[p]!;
      if (qS !== null && qS[spk] !== 1) continue;
      if (qK !== null && qK[kd] !== 1) continue;
      if (qDate && (dt === 0 || dMax[dt]! < qf.dateMin || dMin[dt]! > qf.dateMax)) continue;
      const ts = tStart[p]!;
      const te = tStart[p + 1]!;
      if (qT !== null) {
        let ok = false;
        for (let j = ts; j < te; j++) if (qT[tIds[j]!] === 1) ok = true;
        if (!ok) continue;
      }
      let fail = 0;
      if (sS !== null && sS[spk] !== 1) fail |= 1;
      if (sK !== null && sK[kd] !== 1) fail |= 4;
      if (sDate && (dt === 0 || dMax[dt]! < sel.dateMin || dMin[dt]! > sel.dateMax)) fail |= 8;
      if (sT !== null) {
        let ok = false;
        for (let j = ts; j < te; j++) if (sT[tIds[j]!] === 1) ok = true;
        if (!ok) fail |= 2;
      }
      if (fail === 0) {
        out[k++] = p;
        speaker[spk]!++;
        kind[kd]!++;
        date[dt]!++;
        for (let j = ts; j < te; j++) topic[tIds[j]!]!++;
      } else if ((fail & (fail - 1)) === 0) {
        // Fails exactly one facet's selection: counts for that facet only.
        if (fail === 1) speaker[spk]!++;
        else if (fail === 4) kind[kd]!++;
        else if (fail === 8) date[dt]!++;
        else for (let j = ts; j < te; j++) topic[tIds[j]!]!++;
      }
    }
    return { matches: out.subarray(0, k), speaker, topic, kind, date };
  }

  private facetLists(c: FacetCounts, _sel: FilterTables): Record<FacetName, FacetValue[]> {
    const top = (
      counts: Uint32Array,
      names: string[],
      skipZeroId: boolean,
      selected: Uint8Array | null,
    ): FacetValue[] => {
      const list: FacetValue[] = [];
      for (let i = skipZeroId ? 1 : 0; i < counts.length; i++) {
        if (counts[i]! > 0 || (selected !== null && selected[i] === 1))
          list.push({ value: names[i]!, count: counts[i]! });
      }
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      if (list.length <= this.facetLimit) return list;
      const kept = list.slice(0, this.facetLimit);
      if (selected !== null) {
        for (const v of list.slice(this.facetLimit)) if (selected[names.indexOf(v.value)] === 1) kept.push(v);
      }
      return kept;
    };
    const facets: Record<FacetName, FacetValue[]> = {
      speaker: top(c.speaker, this.speakers, true, _sel.speaker),
      topic: top(c.topic, this.topics, false, _sel.topic),
      kind: top(c.kind, PASSAGE_KINDS as unknown as string[], false, _sel.kind),
      date: bucketDates(
        this.dates.map((d, i) => ({ date: d, count: c.date[i]! })).filter((x, i) => i > 0 && x.count > 0),
      ),
    };
    for (const f of FACET_NAMES) facets[f] = facets[f] ?? [];
    return facets;
  }

  /** BM25 with the impacts of every expanded term, best expansion per group, summed. */
  private scoreMatches(matches: Uint32Array, groups: Atom[][]): Float32Array {
    const out = new Float32Array(matches.length);
    if (matches.length === 0) return out;
    const ep = this.nextEpoch();
    const stamp = this.stamp;
    for (const p of matches) stamp[p] = ep;
    const best = this.best;
    const runs: Run[] = [];
    for (const group of groups) {
      for (const atom of group) {
        const exps = atom.kind === 'word' ? [atom.exp] : atom.kind === 'phrase' ? atom.required : [];
        for (const exp of exps) {
          for (let ti = 0; ti < exp.terms.length; ti++) {
            const term = exp.terms[ti]!;
            const w = exp.weights[ti]! * this.idf(term);
            this.postings.runs(term, this.runBuf);
            runs.length = 0;
            runs.push(...this.runBuf);
            for (const r of runs) {
              const len = r.to - r.from;
              const ids = r.ids;
              const imp = r.impacts;
              if (groups.length === 1 && group.length === 1 && exps.length === 1 && exp.terms.length === 1) {
                // One term: the matches are a subset of its run, walk both in step.
                let j = 0;
                for (let i = r.from; i < r.to && j < matches.length; i++) {
                  const p = ids[i]!;
                  while (j < matches.length && matches[j]! < p) j++;
                  if (matches[j] === p) best[p] = w * imp[i]!;
                }
              } else if (matches.length * 6 < len) {
                let cur = r.from;
                for (const p of matches) {
                  cur = gallop(ids, cur, r.to, p);
                  if (cur >= r.to) break;
                  if (ids[cur] === p) {
                    const s = w * imp[cur]!;
                    if (s > best[p]!) best[p] = s;
                  }
                }
              } else {
                for (let i = r.from; i < r.to; i++) {
                  const p = ids[i]!;
                  if (stamp[p] !== ep) continue;
                  const s = w * imp[i]!;
                  if (s > best[p]!) best[p] = s;
                }
              }
            }
          }
        }
      }
      for (let i = 0; i < matches.length; i++) {
        const p = matches[i]!;
        out[i]! += best[p]!;
        best[p] = 0;
      }
    }
    const kinds = this.pKind.data;
    const boost = [KIND_BOOST.quote, KIND_BOOST.turn, KIND_BOOST.narrative];
    for (let i = 0; i < matches.length; i++) out[i] = (out[i]! / 255) * boost[kinds[matches[i]!]!]!;
    return out;
  }

  private hit(p: number, score: number, hl: Highlighter): Hit {
    const d = this.pDoc.data[p]!;
    const within = p - this.docFirst.data[d]!;
    const meta = this.docs.meta(d, this);
    const text = this.passageText(p);
    const highlights = highlight(text, hl);
    const topics: string[] = [];
    for (let j = this.pTopicStart.data[p]!; j < this.pTopicStart.data[p + 1]!; j++)
      topics.push(this.topics[this.pTopics.data[j]!]!);
    const dateId = this.pDate.data[p]!;
    return {
      id: this.docs.passageId(d, within, this),
      docId: meta.id,
      kind: PASSAGE_KINDS[this.pKind.data[p]!] ?? 'narrative',
      speaker: this.pSpeaker.data[p] === 0 ? null : this.speakers[this.pSpeaker.data[p]!]!,
      text,
      snippet: snippet(text, highlights, this.snippetLength),
      highlights,
      date: dateId === 0 ? null : this.dates[dateId]!,
      topics,
      title: meta.title,
      path: meta.path,
      source: meta.source,
      url: meta.url,
      dateSource: meta.dateSource,
      start: this.docs.passageStart(d, within, this),
      end: this.docs.passageEnd(d, within, this),
      score: Math.round(score * 1e4) / 1e4,
      ...(meta.pages ? placeAt(meta.pages, this.docs.passageStart(d, within, this)) : {}),
    };
  }

  // -------------------------------------------------------------------------
  // Facet value search

  /**
   * Values of a facet whose words start with `prefix` (case and accents ignored), with the
   * number of live passages carrying each, most frequent first. For a speaker picker.
   */
  facetValues(facet: FacetName, prefix: string, limit = 20): FacetValue[] {
    const p = fold(String(prefix ?? '').trim());
    const re = p === '' ? null : new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(p)}`, 'u');
    const out: FacetValue[] = [];
    if (facet === 'speaker') {
      for (let i = 1; i < this.speakers.length; i++) {
        const c = this.speakerCount.data[i]!;
        if (c > 0 && (re === null || re.test(this.speakerFolded[i]!)))
          out.push({ value: this.speakers[i]!, count: c });
      }
    } else {
      const r = this.search({
        q: '',
        speaker: [],
        topic: [],
        kind: [],
        sort: 'relevance',
        limit: 0,
        offset: 0,
      });
      for (const v of r.facets[facet]) if (re === null || re.test(fold(v.value))) out.push(v);
    }
    out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    return out.slice(0, Math.max(0, limit));
  }

  // -------------------------------------------------------------------------
  // Saving and loading

  /** The saved index: a versioned binary format (see serialize.ts). */
  serialize(): Uint8Array {
    if (this.postings.pending > 0) this.seal();
    this.postings.compact(this.vocab.size, this.pAlive.data, this.livePassages < this.pDoc.length);
    return writeIndex(this);
  }

  /**
   * Loads a saved index; throws a clear `engine:` error when the bytes are corrupt or outdated.
   * The index keeps views on `bytes` (no copy) and may write to them: do not reuse them.
   */
  static deserialize(bytes: Uint8Array, options: DeserializeOptions = {}): SearchIndex {
    const index = new SearchIndex(options);
    readIndex(index, bytes, options.readDocuments);
    return index;
  }

  /**
   * For a fast cold start, a caller may read only the start of a saved index and let the
   * documents (the larger part) be read on demand: `bytesNeeded(head)` says how many bytes
   * from the start `deserialize` needs (call with the first 16 bytes, then with as many as it
   * says, until it returns no more than it was given), and `readDocuments(offset, length)`
   * then returns bytes of the file at that offset.
   */
  static bytesNeeded(head: Uint8Array): number {
    return bytesNeeded(head);
  }

  /**
   * Builds the look-up structures a loaded index otherwise builds on first need (the typo
   * tree, the interning map). Call when idle after loading; searches work without it.
   */
  warmUp(): void {
    this.vocab.warmUp();
  }

  /** @internal Rebuilds the look-up maps after `readIndex` filled the arrays. */
  restoreMaps(): void {
    this.speakerIds = new Map();
    this.speakerTerms = [[]];
    this.speakerFolded = [''];
    for (let i = 1; i < this.speakers.length; i++) {
      this.speakerIds.set(this.speakers[i]!, i);
      this.speakerFolded.push(fold(this.speakers[i]!));
    }
    this.topicIds = new Map(this.topics.map((t, i) => [t, i]));
    this.dateIds = new Map();
    this.dateMin = Grow.from(Int32Array, new Int32Array(1));
    this.dateMax = Grow.from(Int32Array, new Int32Array(1));
    for (let i = 1; i < this.dates.length; i++) {
      const r = isoDateRange(this.dates[i]!.slice(0, 10)) ?? { min: 0, max: 0 };
      this.dateIds.set(this.dates[i]!, i);
      this.dateMin.push(r.min);
      this.dateMax.push(r.max);
    }
    this.speakerCount = new Grow(Uint32Array, this.speakers.length + 16);
    for (let i = 0; i < this.speakers.length; i++) this.speakerCount.push(0);
    this.livePassages = 0;
    for (let p = 0; p < this.pDoc.length; p++) {
      if (this.pAlive.data[p] !== 1) continue;
      this.livePassages++;
      this.speakerCount.data[this.pSpeaker.data[p]!]!++;
    }
    this.docIndex = new Map();
    this.sources = new Map();
    this.liveDocs = 0;
    for (let d = 0; d < this.docFirst.length; d++) {
      const src = this.docSource[d];
      if (src === null || src === undefined || !this.docs.has(d)) continue;
      this.liveDocs++;
      const id = this.docs.id(d, this);
      if (id !== undefined) this.docIndex.set(id, d);
      let list = this.sources.get(src);
      if (!list) this.sources.set(src, (list = []));
      list.push(d);
    }
  }
}

interface FilterTables {
  speaker: Uint8Array | null;
  topic: Uint8Array | null;
  kind: Uint8Array | null;
  dateMin: number;
  dateMax: number;
}

interface FacetCounts {
  matches: Uint32Array;
  speaker: Uint32Array;
  topic: Uint32Array;
  kind: Uint32Array;
  date: Uint32Array;
}

function clampInt(v: unknown, min: number, max: number, dflt: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.max(min, Math.min(max, Math.floor(v)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function unionSorted(lists: Uint32Array[]): Uint32Array {
  const all = new Uint32Array(lists.reduce((s, l) => s + l.length, 0));
  let k = 0;
  for (const l of lists) {
    all.set(l, k);
    k += l.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i]!;
  return all.subarray(0, w);
}

function differenceSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) {
      i++;
      continue;
    }
    out[k++] = x;
    i++;
  }
  return out.subarray(0, k);
}

/** Start/end offsets of each occurrence of `words` (folded, stop words included) in `text`. */
export function findPhrase(text: string, words: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (words.length === 0) return out;
  const toks = tokenize(text).filter((t) => !t.extra);
  for (let i = 0; i + words.length <= toks.length; i++) {
    let ok = true;
    for (let j = 0; j < words.length; j++) {
      if (toks[i + j]!.term !== words[j]) {
        ok = false;
        break;
      }
    }
    if (ok) out.push([toks[i]!.start, toks[i + words.length - 1]!.end]);
  }
  return out;
}

/** Offsets of the matched words in `text`: exact and fuzzy terms, prefixes and phrases. */
export function highlight(text: string, hl: Highlighter): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (hl.exact.size > 0 || hl.prefixes.length > 0) {
    forEachToken(text, (term, start, end) => {
      if (STOP_WORDS.has(term) && !hl.prefixes.some((p) => term.startsWith(p))) return;
      if (hl.exact.has(term) || hl.prefixes.some((p) => term.startsWith(p))) spans.push([start, end]);
    });
  }
  for (const words of hl.phrases) spans.push(...findPhrase(text, words));
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** A plain-text excerpt of at most about `max` characters around the densest highlights. */
export function snippet(text: string, highlights: Array<[number, number]>, max: number): string {
  const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return clean(text);
  let bestStart = 0;
  let bestCount = -1;
  for (let i = 0; i < highlights.length; i++) {
    const s = highlights[i]![0];
    let c = 0;
    for (let j = i; j < highlights.length && highlights[j]![1] <= s + max - 40; j++) c++;
    if (c > bestCount) {
      bestCount = c;
      bestStart = s;
    }
  }
  let start = Math.max(0, bestStart - 40);
  if (start > 0) {
    const sp = text.lastIndexOf(' ', start);
    start = sp >= 0 && bestStart - sp < 80 ? sp + 1 : start;
  }
  let end = Math.min(text.length, start + max - 2);
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > start + max / 2) end = sp;
  }
  return `${start > 0 ? '…' : ''}${clean(text.slice(start, end))}${end < text.length ? '…' : ''}`;
}

/** Which date-bucket key a date string falls in at a granularity (exported for merge). */
export { dateKeyRange };
