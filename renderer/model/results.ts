/**
 * Fetches results for the current search state: keystrokes are coalesced, one search is in
 * flight at a time, answers for a state that is no longer current are dropped, and the long
 * tail of results is fetched page by page as the list scrolls. A page past the furthest
 * offset the contract allows is reached from the cursor (`next`) of an earlier page, so every
 * result can be listed; each window is asked for once per search, and one that fails is
 * reported, never asked for again in a loop. No DOM: timers and AbortController only, so it
 * is tested in Node.
 */
import {
  LIMITS,
  type FacetName,
  type FacetValue,
  type Hit,
  type SearchRequest,
  type SearchResponse,
} from '../../main/common/contract';
import { resultsKey, toRequest, type UiState } from './state';

export type SearchFn = (request: SearchRequest, signal: AbortSignal) => Promise<SearchResponse>;

export interface Results {
  /** Equal to `resultsKey(state)` of the state these results answer. */
  key: string;
  /** Counts every answer delivered, so a refreshed answer to the same state is told apart. */
  generation: number;
  state: UiState;
  total: number;
  facets: Record<FacetName, FacetValue[]>;
  /** Per facet cut short by the service: how many more values it has. */
  facetMore: Partial<Record<FacetName, number>>;
  notes: string[];
  tookMs: number;
  /** Hits by their index in the whole result list; missing where not fetched yet. */
  hits: Map<number, Hit>;
  /** Windows of the list that could not be fetched, and why. */
  unavailable: Unavailable[];
}

export interface Unavailable {
  start: number;
  end: number;
  message: string;
}

export type ResultsEvent =
  | { type: 'results'; results: Results }
  | { type: 'page'; results: Results }
  | { type: 'stalled' }
  | { type: 'error'; message: string; state: UiState };

export interface ResultsOptions {
  /**
   * How long typing must pause before a search is sent (ms). Default 0: the first keystroke
   * is searched at once, and keystrokes that come while a search is on its way are coalesced
   * into the one search sent when it returns.
   */
  coalesceMs?: number;
  /**
   * How many hits the first request of a search asks for: a number, or a function asked at
   * each search (the rows the list shows). Fewer hits answer sooner: the service builds a
   * snippet for each, and the browser parses each.
   */
  firstPage?: number | (() => number);
  /**
   * After how long without a new search the hits past the first page, up to `prefetchTo`, are
   * fetched (ms), so scrolling finds them there; while typing, no one would see them.
   */
  prefetchMs?: number;
  prefetchTo?: number;
  /** How many hits each later page asks for (at most the contract's page size). */
  pageSize?: number;
  /** After how long without an answer the search is reported as stalled (ms). */
  stallMs?: number;
  /** The furthest `offset` a request may carry (the contract's limit; smaller in tests). */
  maxOffset?: number;
}

const EMPTY_FACETS: Record<FacetName, FacetValue[]> = { speaker: [], topic: [], date: [], kind: [] };

export class ResultsSource {
  private current: UiState | null = null;
  private currentKey = '';
  private results: Results | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: { key: string; controller: AbortController } | null = null;
  private pending = false;
  /** Windows asked for in this search (start index → in flight, done or failed). */
  private windows = new Map<number, 'loading' | 'done' | 'failed'>();
  /** Cursors of this search: the index the page after a cursor starts at → the cursor. */
  private cursors = new Map<number, string>();
  private generation = 0;
  private readonly maxOffset: number;
  private readonly coalesceMs: number;
  private readonly firstPage: () => number;
  private readonly prefetchMs: number;
  private readonly prefetchTo: number;
  private prefetchTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pageSize: number;
  private readonly stallMs: number;

  constructor(
    private readonly search: SearchFn,
    private readonly listener: (event: ResultsEvent) => void,
    options: ResultsOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 0;
    const firstPage = options.firstPage ?? 60;
    this.firstPage = () =>
      Math.max(1, Math.min(LIMITS.pageSize, typeof firstPage === 'number' ? firstPage : firstPage()));
    this.prefetchMs = options.prefetchMs ?? 300;
    this.prefetchTo = options.prefetchTo ?? 60;
    this.pageSize = Math.min(LIMITS.pageSize, options.pageSize ?? LIMITS.pageSize);
    this.stallMs = options.stallMs ?? 300;
    this.maxOffset = Math.min(LIMITS.maxOffset, options.maxOffset ?? LIMITS.maxOffset);
  }

  /** The results last delivered (possibly for an earlier state while a search is on its way). */
  get latest(): Results | null {
    return this.results;
  }

  /** Asks for the results of this state; nothing is sent when the results would be the same. */
  update(state: UiState, immediately = false, force = false): void {
    const key = resultsKey(state);
    this.current = state;
    if (
      !force &&
      key === this.currentKey &&
      (this.results?.key === key || this.inFlight?.key === key || this.pending)
    ) {
      if (this.results?.key === key) this.results = { ...this.results, state };
      return;
    }
    this.currentKey = key;
    if (!force && this.results?.key === key) {
      // Back to what is on screen (a word typed and deleted): nothing to fetch.
      this.pending = false;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.clearStall();
      this.results = { ...this.results, state };
      this.listener({ type: 'results', results: this.results });
      return;
    }
    this.pending = true;
    this.cancelPrefetch();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    // Without a pause to wait for, the search goes out in this task, not a timer's later one.
    if (immediately || this.coalesceMs === 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.coalesceMs);
    if (this.stallTimer === null) {
      this.stallTimer = setTimeout(() => {
        this.stallTimer = null;
        if (this.results?.key !== this.currentKey) this.listener({ type: 'stalled' });
      }, this.stallMs);
    }
  }

  /** Makes sure the hits with indices in [start, end) are fetched, on their way, or reported unavailable. */
  ensureRange(start: number, end: number): void {
    const results = this.results;
    if (!results || results.key !== this.currentKey || this.current === null) return;
    const last = Math.min(end, results.total);
    for (let i = Math.max(0, start); i < last; i++) {
      if (results.hits.has(i) || this.covered(i)) continue;
      // A window that cannot be reached yet waits for the cursor of one on the way to it.
      if (!this.fetchPage(results, i)) return;
      i += this.pageSize - 1;
    }
  }

  dispose(): void {
    this.cancelPrefetch();
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    this.inFlight?.controller.abort();
  }

  private covered(index: number): boolean {
    for (const [offset, status] of this.windows)
      if (status !== 'done' && index >= offset && index < offset + this.pageSize) return true;
    return false;
  }

  private flush(): void {
    this.timer = null;
    // One search at a time: the newest state is sent when the one on its way comes back.
    if (this.inFlight !== null || !this.pending || this.current === null) return;
    this.pending = false;
    const state = this.current;
    const key = this.currentKey;
    const controller = new AbortController();
    this.inFlight = { key, controller };
    const started = Date.now();
    this.search(toRequest(state, 0, this.firstPage()), controller.signal).then(
      (response) => {
        this.inFlight = null;
        if (key === this.currentKey) {
          const hits = new Map<number, Hit>();
          response.hits.forEach((h, i) => hits.set(i, h));
          this.results = {
            key,
            generation: ++this.generation,
            state: this.current ?? state,
            total: response.total,
            facets: { ...EMPTY_FACETS, ...response.facets },
            facetMore: response.facetMore ?? {},
            notes: response.notes ?? [],
            tookMs: response.tookMs ?? Date.now() - started,
            hits,
            unavailable: [],
          };
          this.windows = new Map();
          this.cursors = new Map();
          if (response.next !== undefined) this.cursors.set(response.hits.length, response.next);
          this.clearStall();
          this.listener({ type: 'results', results: this.results });
          this.schedulePrefetch(this.results);
        }
        this.next();
      },
      (error: unknown) => {
        this.inFlight = null;
        if (key === this.currentKey && (error as Error).name !== 'AbortError') {
          this.clearStall();
          this.listener({ type: 'error', message: (error as Error).message, state });
        }
        this.next();
      },
    );
  }

  private next(): void {
    if (this.pending && this.timer === null) this.flush();
  }

  private schedulePrefetch(results: Results): void {
    this.cancelPrefetch();
    const from = results.hits.size;
    if (from >= Math.min(results.total, this.prefetchTo)) return;
    this.prefetchTimer = setTimeout(() => {
      this.prefetchTimer = null;
      if (this.results?.generation === results.generation && !this.pending)
        this.ensureRange(from, this.prefetchTo);
    }, this.prefetchMs);
  }

  private cancelPrefetch(): void {
    if (this.prefetchTimer !== null) clearTimeout(this.prefetchTimer);
    this.prefetchTimer = null;
  }

  private clearStall(): void {
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  /**
   * Asks for the window of hits starting at `index`: by offset when the contract allows it,
   * else after the nearest cursor that reaches it. When none does yet, asks for the furthest
   * window on the way (whose cursor brings it in reach) and returns false.
   */
  private fetchPage(results: Results, index: number): boolean {
    if (index <= this.maxOffset) {
      this.request(results, index, undefined, index);
      return true;
    }
    let from = -1;
    for (const at of this.cursors.keys()) if (at <= index && at > from) from = at;
    if (from >= 0 && index - from <= this.maxOffset) {
      this.request(results, index, this.cursors.get(from), index - from);
      return true;
    }
    // A step towards it: the furthest window reachable from the last cursor (or the start).
    const base = Math.max(0, from);
    const step = base + this.maxOffset;
    if (this.windows.get(step) === 'failed') {
      // The way there is broken: say so for this window too, instead of loading forever.
      this.windows.set(index, 'failed');
      const end = Math.min(results.total, index + this.pageSize);
      results.unavailable.push({
        start: index,
        end,
        message: 'an earlier page on the way could not be fetched',
      });
      this.listener({ type: 'page', results });
      return false;
    }
    if (!this.windows.has(step)) {
      this.request(results, step, from >= 0 ? this.cursors.get(from) : undefined, this.maxOffset);
    }
    return false;
  }

  private request(results: Results, index: number, after: string | undefined, offset: number): void {
    this.windows.set(index, 'loading');
    const windows = this.windows;
    const controller = new AbortController();
    const request = { ...toRequest(results.state, 0, this.pageSize), offset };
    if (after !== undefined) request.after = after;
    this.search(request, controller.signal).then(
      (response) => {
        // A page of an earlier search is no use to the list on screen now.
        if (this.results?.generation !== results.generation || windows !== this.windows) return;
        windows.set(index, 'done');
        const target = this.results ?? results;
        response.hits.forEach((h, i) => target.hits.set(index + i, h));
        if (response.next !== undefined) this.cursors.set(index + response.hits.length, response.next);
        this.listener({ type: 'page', results: target });
      },
      (error: unknown) => {
        if (this.results?.generation !== results.generation || windows !== this.windows) return;
        windows.set(index, 'failed');
        const target = this.results ?? results;
        const end = Math.min(target.total, index + this.pageSize);
        target.unavailable.push({ start: index, end, message: (error as Error).message });
        this.listener({ type: 'page', results: target });
      },
    );
  }
}
