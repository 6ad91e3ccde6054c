/**
 * Dictum's search engine, the one class callers use: a passage index with BM25 ranking, Dictum's query language and
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
 *
 * The work is done by one module per job: the passage table (passageTable.ts), query
 * planning (queryPlan.ts), matching (matching.ts), facets (facets.ts), ranking (ranking.ts),
 * the page order (pageOrder.ts) and highlighting (highlight.ts); this class wires them up.
 */
import type {
  ExtractedDocument,
  FacetName,
  FacetValue,
  Hit,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../common/contract';
import { LIMITS, PASSAGE_KINDS } from '../common/contract';
import { decodeCursor, encodeCursor, positionOf } from '../common/order';
import { placeAt } from '../common/pages';
import { parseQuery } from '../common/query';
import { fold } from './analyzer';
import { escapeRegExp, Facets } from './facets';
import { GroupColumn, type GroupMinima } from './groupColumn';
import { emptyHighlighter, type Highlighter } from './highlight';
import { hitText } from './hitText';
import { Matcher, Scratch } from './matching';
import { selectPage, type EngineCursor, type MatchKeys } from './pageOrder';
import { PassageTable } from './passageTable';
import { QueryPlanner } from './queryPlan';
import type { GroupMark } from './quoteGroups';
import { Ranker } from './ranking';
import { Suggester } from './suggest';
import { bytesNeeded, readIndex, writeIndex } from './serialize';

export { mergeResponses } from './merge';
export { numberVariants } from './queryPlan';
export { findPhrase, highlight, snippet } from './highlight';

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

export class SearchIndex {
  private readonly snippetLength: number;
  private readonly facetLimit: number;
  private readonly t = new PassageTable();
  private readonly scratch = new Scratch();
  private readonly planner = new QueryPlanner(this.t);
  private readonly matcher = new Matcher(this.t, this.scratch);
  private readonly ranker = new Ranker(this.t, this.scratch);
  private readonly facets: Facets;
  private readonly suggester: Suggester;
  private readonly groups = new GroupColumn();

  constructor(options: SearchIndexOptions = {}) {
    this.snippetLength = options.snippetLength ?? 240;
    this.facetLimit = options.facetLimit ?? 50;
    this.facets = new Facets(this.t, this.facetLimit);
    this.suggester = new Suggester(this.t, this.facets);
  }

  get documentCount(): number {
    return this.t.liveDocs;
  }

  get passageCount(): number {
    return this.t.livePassages;
  }

  /** Adds all documents read from one source file; replaces what that source had before. */
  addSource(sourceKey: string, docs: ExtractedDocument[]): void {
    this.t.addSource(sourceKey, docs);
    this.groups.invalidate();
  }

  /** Removes every document of a source; false when the index has none from it. */
  removeSource(sourceKey: string): boolean {
    this.groups.invalidate();
    return this.t.removeSource(sourceKey);
  }

  /** The ids of the documents read from one source file. */
  sourceDocumentIds(sourceKey: string): string[] {
    return (this.t.sources.get(sourceKey) ?? [])
      .map((d) => this.t.docs.id(d, this.t))
      .filter((id): id is string => id !== undefined);
  }

  /** Sets (or, with null, clears) the quote group marks of these passages; groups span shards. */
  setGroupMarks(changes: ReadonlyArray<readonly [string, GroupMark | null]>): void {
    this.groups.apply(changes);
  }

  /**
   * For a collapsed search across shards: per quote group, the smallest place among this
   * index's matches. The caller takes the smallest of every shard's and passes them to `search`.
   */
  groupMinima(request: SearchRequest): GroupMinima {
    try {
      return this.groups.minima(this.t, this.filteredMatches(request, []).matches);
    } catch {
      return {};
    }
  }

  getDocument(docId: string): ExtractedDocument | undefined {
    return this.t.getDocument(docId);
  }

  /** The sources in the index, for the service to diff against the disk. */
  sourceKeys(): string[] {
    return this.t.sourceKeys();
  }

  /** Searches; never throws: problems become `notes`. */
  search(request: SearchRequest, minima: GroupMinima | null = null): SearchResponse {
    const t0 = performance.now();
    const q = typeof request?.q === 'string' ? request.q : '';
    try {
      const r = this.run(request, q, true, minima);
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

  /** The passages matching a request, its query's plan and highlighter, and the facet counts. */
  private filteredMatches(request: SearchRequest, notes: string[]) {
    const t = this.t;
    if (t.postings.pending > 0) t.seal();
    this.scratch.ensure(t.pDoc.length);
    const parsed = parseQuery(typeof request?.q === 'string' ? request.q : '');
    notes.push(...parsed.notes);
    const hl = emptyHighlighter();
    const plan = this.planner.plan(parsed, hl, notes);
    const base = this.groups.narrow(t, this.matcher.match(plan), request);

    // Filters: the query's own (always applied), then the request's facet selections.
    const qf = this.facets.queryFilterTables(parsed.filters);
    const sel = this.facets.selectionTables(request, notes);
    const facetCounts = this.facets.countAndFilter(base, qf, sel);
    return { parsed, plan, hl, facetCounts, matches: facetCounts.matches };
  }

  private run(
    request: SearchRequest,
    q: string,
    suggest = true,
    minima: GroupMinima | null = null,
  ): SearchResponse {
    const t = this.t;
    const notes: string[] = [];
    const { parsed, plan, hl, facetCounts, matches: all } = this.filteredMatches(request, notes);
    // Collapsed: one row per quote group; the facets still count statements.
    const matches = request.collapse === 'group' ? this.groups.collapse(t, all, minima) : all;
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
      date: this.ranker.dateKeys(matches, sort),
      docIdOf: (p) => t.docs.id(t.pDoc.data[p]!, t) ?? '',
      withinOf: (p) => p - t.docFirst.data[t.pDoc.data[p]!]!,
      relevance:
        sort === 'relevance' && plan.groups.length > 0
          ? this.ranker.relevanceKeys(matches, plan.groups, hl)
          : null,
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
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const pinned = {
      speaker: new Set([...list(request.speaker), ...list(request.notSpeaker)]),
      topic: new Set([...list(request.topic), ...list(request.notTopic)]),
      kind: new Set([...list(request.kind), ...list(request.notKind)]),
    };
    const facetLimit = clampInt(request.facetLimit, 1, LIMITS.facetLimit, this.facetLimit);
    const { facets, more } = this.facets.facetLists(facetCounts, pinned, facetLimit);
    const suggestions = suggest
      ? this.suggester.suggest(
          q,
          parsed,
          request,
          total,
          (alternative) =>
            this.run({ ...request, q: alternative, limit: 0, offset: 0 }, alternative, false).total,
        )
      : undefined;
    return {
      query: q,
      total,
      tookMs: 0,
      hits,
      facets,
      notes,
      ...(suggestions !== undefined ? { suggestions } : {}),
      ...(Object.keys(more).length > 0 ? { facetMore: more } : {}),
      ...(next !== undefined ? { next } : {}),
    };
  }

  /** A cursor's keys, and where its passage sits in its document if that document is here. */
  private resolveCursor(after: string, sort: SortOrder): EngineCursor {
    const at = decodeCursor(after, sort);
    const d = this.t.docIndex.get(at.docId);
    let within = -1;
    if (d !== undefined) {
      const n = this.t.docPassages.data[d]!;
      for (let w = 0; w < n && within < 0; w++) if (this.t.docs.passageId(d, w, this.t) === at.id) within = w;
    }
    return { at, within };
  }

  private hit(p: number, score: number, hl: Highlighter): Hit {
    const d = this.t.pDoc.data[p]!;
    const within = p - this.t.docFirst.data[d]!;
    const meta = this.t.docs.meta(d, this.t);
    const shown = hitText(this.t.passageText(p), hl, this.snippetLength);
    const topics: string[] = [];
    for (let j = this.t.pTopicStart.data[p]!; j < this.t.pTopicStart.data[p + 1]!; j++)
      topics.push(this.t.topics[this.t.pTopics.data[j]!]!);
    const dateId = this.t.pDate.data[p]!;
    const id = this.t.docs.passageId(d, within, this.t);
    return {
      id,
      docId: meta.id,
      kind: PASSAGE_KINDS[this.t.pKind.data[p]!] ?? 'narrative',
      speaker: this.t.pSpeaker.data[p] === 0 ? null : this.t.speakers[this.t.pSpeaker.data[p]!]!,
      ...shown,
      date: dateId === 0 ? null : this.t.dates[dateId]!,
      topics,
      title: meta.title,
      path: meta.path,
      source: meta.source,
      url: meta.url,
      dateSource: meta.dateSource,
      start: this.t.docs.passageStart(d, within, this.t),
      end: this.t.docs.passageEnd(d, within, this.t),
      score: Math.round(score * 1e4) / 1e4,
      ...(meta.pages ? placeAt(meta.pages, this.t.docs.passageStart(d, within, this.t)) : {}),
      ...this.groupOf(id),
    };
  }

  private groupOf(passageId: string): Pick<Hit, 'group'> {
    const mark = this.groups.markOf(passageId);
    if (!mark) return {};
    const { group, ...rest } = mark;
    return { group: { id: group, ...rest } };
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
      for (let i = 1; i < this.t.speakers.length; i++) {
        const c = this.t.speakerCount.data[i]!;
        if (c > 0 && (re === null || re.test(this.t.speakerFolded[i]!)))
          out.push({ value: this.t.speakers[i]!, count: c });
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
    if (this.t.postings.pending > 0) this.t.seal();
    this.t.postings.compact(this.t.vocab.size, this.t.pAlive.data, this.t.livePassages < this.t.pDoc.length);
    return writeIndex(this.t);
  }

  /**
   * Loads a saved index; throws a clear `engine:` error when the bytes are corrupt or outdated.
   * The index keeps views on `bytes` (no copy) and may write to them: do not reuse them.
   */
  static deserialize(bytes: Uint8Array, options: DeserializeOptions = {}): SearchIndex {
    const index = new SearchIndex(options);
    readIndex(index.t, bytes, options.readDocuments);
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
    this.t.vocab.warmUp();
  }
}

function clampInt(v: unknown, min: number, max: number, dflt: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.max(min, Math.min(max, Math.floor(v)));
}
