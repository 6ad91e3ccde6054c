/**
 * The search side of the screen: it asks for the results of each new state (through
 * `ResultsSource`, which coalesces and drops stale answers) and draws them in the list, the
 * facets, the count and the notes; the speaker facet's finder asks for matching names.
 */
import type { DictumBridge, HostPlatform } from '../main/common/bridge';
import { LIMITS, NO_SPEAKER, type FacetValue, type StatusResponse } from '../main/common/contract';
import { formatCount, h, plural, setAttr, setText } from './dom';
import { EmptyState } from './emptyState';
import { DateFacetView } from './dateFacetView';
import { ListFacetView } from './facetsView';
import type { LiveRegion } from './liveRegion';
import { chipsOf, ignoredFilters } from './model/chips';
import { isIptcTopic, speakerLabel, TAGS_TITLE } from './model/labels';
import { typedDateRange, typedFiltersFor, typedSelection, withoutFilters } from './model/typedSelection';
import { keysLabel, type Action } from './model/keys';
import { ResultsSource, type Results, type ResultsEvent } from './model/results';
import {
  clearFacet,
  EXCLUDED_FIELD,
  resultsKey,
  setDateRange,
  setQuery,
  statesEqual,
  toggleFacetValue,
  toRequest,
  toggleExcludedValue,
  type ListFacet,
  type UiState,
} from './model/state';
import type { QueryBar } from './queryBar';
import type { HttpBridge } from './httpBridge';
import { GROUP_LIMIT, ResultsList } from './resultsList';
import type { Store } from './store';

/** Ticks or unticks a value; unticking one that a typed filter selects removes that filter. */
function toggleValue(state: UiState, facet: ListFacet, value: string): UiState {
  const typed = (state[facet] as string[]).includes(value) ? [] : typedFiltersFor(state.q, facet, value);
  return typed.length > 0
    ? setQuery(state, withoutFilters(state.q, typed))
    : toggleFacetValue(state, facet, value);
}

/** The count, and plainly whether the typed filters narrowed it. */
function totalLabel(results: Results): string {
  const count = results.total === 1 ? '1 statement' : `${formatCount(results.total)} statements`;
  const ignored = ignoredFilters(results.state.q).map((f) => f.text);
  if (ignored.length === 0) return count;
  const names = ignored.join(', ');
  const narrowed = chipsOf(results.state).some((c) => c.error === undefined);
  return narrowed ? `${count} (${names} ignored)` : `${count}, not filtered: ${names} ignored`;
}

export interface SearchControllerOptions {
  store: Store;
  bridge: DictumBridge;
  platform: HostPlatform;
  live: LiveRegion;
  queryBar: QueryBar;
  /** Opens the hit at this index of the results in the reader. */
  onOpen(index: number): void;
}

export class SearchController {
  readonly list: ResultsList;
  readonly facets: Record<ListFacet, ListFacetView>;
  /** The topic facet's values outside the IPTC taxonomy: the sources' own tags and the user's topics. */
  readonly tags: ListFacetView;
  readonly dateFacet: DateFacetView;
  readonly empty: EmptyState;
  readonly total: HTMLSpanElement;
  readonly took: HTMLSpanElement;
  readonly notes: HTMLParagraphElement;
  readonly busy: HTMLDivElement;
  private readonly source: ResultsSource;
  private readonly store: Store;
  private status: StatusResponse | null = null;
  private error: string | null = null;
  private speakerFilter = '';
  /** The finder's text as typed, which its matches are reported for. */
  private finderText = '';
  private speakerFilterSeq = 0;
  private lastPassages = -1;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Results waiting for the next frame to be drawn, and that frame's request. */
  private queued: Extract<ResultsEvent, { results: Results }> | null = null;
  private queuedFrame = 0;
  private openedMarked = false;
  /**
   * Facets whose "more" went past the service's cut: every value of the facet, fetched for the
   * results with this key (values null while on its way).
   */
  private readonly everyValue = new Map<
    ListFacet,
    { key: string; values: FacetValue[] | null; more: number }
  >();

  constructor(private readonly options: SearchControllerOptions) {
    const { store, bridge, platform } = options;
    this.store = store;
    this.list = new ResultsList({
      onRange: (start, end) => this.source.ensureRange(start, end),
      onOpen: (index) => options.onOpen(index),
      onActive: () => this.syncActive(),
    });
    this.list.el.setAttribute(
      'title',
      `Results: ${keysLabel('nextResult', platform)} to move, Enter to open`,
    );
    this.list.el.addEventListener('focus', () => {
      if (this.list.active < 0) this.list.move(1);
      this.syncActive();
    });

    const facet = (
      f: ListFacet,
      keys: Action | null,
      initial: number,
      filterable: boolean,
      second: { name: string; title: string } | null = null,
    ) =>
      new ListFacetView({
        facet: f,
        ...second,
        keys: keys === null ? '' : keysLabel(keys, platform),
        initial,
        filterable,
        onToggle: (value) => store.dispatch(toggleValue(store.state, f, value)),
        onClear: () => store.dispatch(clearFacet(store.state, f)),
        onExclude: (value) => store.dispatch(toggleExcludedValue(store.state, f, value)),
        onFilter: (text) => this.filterSpeakers(text),
        onMore: () => {
          this.everyValue.set(f, { key: '', values: null, more: 0 });
          const latest = this.source.latest;
          if (latest) this.renderFacets(latest);
        },
      });
    this.facets = {
      speaker: facet('speaker', 'facetSpeaker', 10, true),
      topic: facet('topic', 'facetTopic', 17, false),
      kind: facet('kind', 'facetKind', 3, false),
    };
    this.tags = facet('topic', null, 10, false, { name: 'tags', title: TAGS_TITLE });
    this.dateFacet = new DateFacetView({
      keys: keysLabel('facetDate', platform),
      onRange: (from, to) => store.dispatch(setDateRange(store.state, from, to)),
    });
    this.empty = new EmptyState({
      bridge,
      onPick: (next) => store.dispatch(next),
      onRetry: () => this.source.update(store.state, true, true),
      onLeaveUp: () => options.queryBar.focus(),
    });
    this.total = h('span', { class: 'results-total' });
    this.took = h('span', { class: 'results-took' });
    this.notes = h('p', { class: 'results-notes', hidden: true });
    this.busy = h('div', { class: 'busy', 'aria-hidden': 'true' });

    const http = 'searchAbortable' in bridge ? (bridge as HttpBridge) : null;
    this.source = new ResultsSource(
      (request, signal) => (http ? http.searchAbortable(request, signal) : bridge.search(request)),
      (event) => this.onResults(event),
      { firstPage: () => this.list.rowsWanted() },
    );
  }

  /** The results last delivered, possibly for an earlier state while a search is on its way. */
  get latest(): Results | null {
    return this.source.latest;
  }

  /** Sends the first search (at once, not coalesced). */
  start(): void {
    this.render(this.store.state, null);
    this.source.update(this.store.state, true);
    this.markPending();
  }

  /** Draws a new state and asks for its results. */
  update(state: UiState, previous: UiState): void {
    this.render(state, previous);
    this.source.update(state);
    this.markPending();
  }

  onStatus(status: StatusResponse): void {
    const first = this.status === null;
    this.status = status;
    if (first) this.lastPassages = status.passages;
    if (status.passages !== this.lastPassages) {
      this.lastPassages = status.passages;
      // New passages indexed: search again, at most once a second while indexing runs.
      if (this.refreshTimer === null) {
        this.refreshTimer = setTimeout(() => {
          this.refreshTimer = null;
          this.source.update(this.store.state, true, true);
        }, 1000);
      }
    }
    const latest = this.source.latest;
    if (latest && latest.total === 0 && !this.error) this.empty.render(latest, status);
  }

  /** Searches the current state again (the corpus changed under it). */
  refresh(): void {
    this.source.update(this.store.state, true, true);
    this.markPending();
  }

  /** Points the search box at the highlighted result. */
  syncActive(): void {
    this.options.queryBar.setActiveDescendant(this.list.activeId);
  }

  /** Tells assistive technology (and tests) that the list is about to change. */
  private markPending(): void {
    const pending = this.source.latest?.key !== resultsKey(this.store.state);
    setAttr(this.list.el, 'aria-busy', pending ? 'true' : 'false');
  }

  private render(state: UiState, previous: UiState | null): void {
    // While typing, the facets and the list wait for the new results instead of redrawing the old.
    const typing =
      previous !== null && previous.q !== state.q && statesEqual({ ...previous, q: state.q }, state);
    const latest = this.source.latest;
    if (latest && !typing) {
      this.renderFacets(latest);
      this.list.setResults(latest, state.group);
      this.renderNotes(latest);
    }
    if (this.speakerFilter !== '' && (previous === null || resultsKey(previous) !== resultsKey(state))) {
      this.filterSpeakers(this.finderText);
    }
  }

  /**
   * Answers are drawn in the next animation frame, all DOM writes together just before the
   * browser lays the page out; answers that arrive within one frame are drawn once.
   */
  private onResults(event: ResultsEvent): void {
    if (event.type === 'results' || event.type === 'page') {
      // A page adds hits to the results queued already: those are drawn with them.
      if (!(this.queued?.type === 'results' && event.type === 'page')) this.queued = event;
      if (this.queuedFrame === 0) this.queuedFrame = requestAnimationFrame(() => this.drawQueued(true));
      return;
    }
    this.drawQueued(false);
    if (event.type === 'stalled') {
      this.busy.classList.add('is-busy');
      return;
    }
    this.busy.classList.remove('is-busy');
    setAttr(this.list.el, 'aria-busy', 'false');
    this.error = event.message;
    this.empty.showError(event.message);
  }

  private drawQueued(inFrame: boolean): void {
    if (this.queuedFrame !== 0) cancelAnimationFrame(this.queuedFrame);
    this.queuedFrame = 0;
    const event = this.queued;
    this.queued = null;
    if (event) this.draw(event, inFrame);
  }

  private draw(event: Extract<ResultsEvent, { results: Results }>, inFrame: boolean): void {
    this.busy.classList.remove('is-busy');
    const results = event.results;
    this.error = null;
    this.markPending();
    this.list.setResults(results, this.store.state.group);
    if (event.type === 'page') {
      if (results.unavailable.length > 0) this.renderNotes(results);
      return;
    }
    this.renderFacets(results);
    setText(this.total, totalLabel(results));
    setText(this.took, `${Math.round(results.tookMs)} ms`);
    this.renderNotes(results);
    this.empty.render(results, this.status);
    this.options.live.sayLater(
      results.total === 0 ? 'No results' : plural(results.total, 'result', 'results'),
    );
    this.syncActive();
    this.markRendered(results, inFrame);
  }

  /**
   * Marks when the results are on screen: from the keystroke (read by the UI benchmark,
   * bench/ui) or, for the first results, from opening the app. The end is the first task
   * after the frame that shows them; drawn inside a frame, that frame is this one.
   */
  private markRendered(results: Results, inFrame: boolean): void {
    const typedAt = this.options.queryBar.typedAt;
    if (typedAt <= 0 && this.openedMarked) return;
    const afterFrame = (then: () => void) =>
      inFrame ? setTimeout(then, 0) : requestAnimationFrame(() => setTimeout(then, 0));
    afterFrame(() => {
      const root = document.documentElement.dataset;
      const now = performance.now();
      if (typedAt <= 0) {
        this.openedMarked = true;
        root.firstResultsMs = now.toFixed(1);
        performance.measure('dictum: open to first results', { start: 0, end: now });
        return;
      }
      root.renderedQuery = results.state.q;
      root.latencyMs = (now - typedAt).toFixed(1);
      // The same span as a User Timing measure, for the Performance panel.
      performance.measure('dictum: keystroke to rendered results', { start: typedAt, end: now });
      root.renderSeq = String(Number(root.renderSeq ?? 0) + 1);
    });
  }

  private renderNotes(results: Results): void {
    const notes = [...results.notes];
    for (const u of results.unavailable.slice(0, 3))
      notes.push(
        `Results ${formatCount(u.start + 1)}–${formatCount(u.end)} could not be loaded: ${u.message}.`,
      );
    if (this.store.state.group && results.total > GROUP_LIMIT) {
      notes.push(
        `Grouped by document: the first ${formatCount(GROUP_LIMIT)} of ${formatCount(results.total)} results.`,
      );
    }
    this.notes.hidden = notes.length === 0;
    setText(this.notes, notes.join(' '));
  }

  private renderFacets(results: Results): void {
    const s = this.store.state;
    // Values a typed filter selects show ticked too, so the facet tells what the query does.
    const selected = (f: ListFacet) => {
      const chosen: string[] = s[f];
      const typed = typedSelection(
        s.q,
        f,
        results.facets[f].map((v) => v.value),
      ).filter((v) => !chosen.includes(v));
      return typed.length === 0 ? chosen : [...chosen, ...typed];
    };
    for (const f of ['speaker', 'kind'] as const) {
      const { values, more } = this.facetValues(f, results);
      this.facets[f].update(values, selected(f), more, undefined, s[EXCLUDED_FIELD[f]]);
    }
    // The IPTC topics in one list, the tags in another; the long tail the service cut is tags.
    const topics = this.facetValues('topic', results);
    const chosenTopics = selected('topic');
    const iptc = (v: string) => isIptcTopic(v);
    this.facets.topic.update(
      topics.values.filter((v) => iptc(v.value)),
      chosenTopics.filter(iptc),
    );
    this.tags.update(
      topics.values.filter((v) => !iptc(v.value)),
      chosenTopics.filter((v) => !iptc(v)),
      topics.more,
    );
    const typedDates = typedDateRange(s.q);
    const picked = s.from !== null || s.to !== null;
    this.dateFacet.update(
      results.facets.date,
      picked ? s.from : typedDates.from,
      picked ? s.to : typedDates.to,
      !picked && (typedDates.from !== null || typedDates.to !== null),
    );
  }

  /** A facet's values: the service's first ones, or every one once "more" went past them. */
  private facetValues(f: ListFacet, results: Results): { values: FacetValue[]; more: number } {
    const first = { values: results.facets[f], more: results.facetMore[f] ?? 0 };
    const every = this.everyValue.get(f);
    if (every === undefined || first.more === 0) return first;
    if (every.key === results.key) return every.values ? { values: every.values, more: every.more } : first;
    this.everyValue.set(f, { key: results.key, values: null, more: 0 });
    const request = { ...toRequest(results.state, 0, 0), facetLimit: LIMITS.facetLimit };
    this.options.bridge.search(request).then(
      (r) => {
        if (this.everyValue.get(f)?.key !== results.key) return;
        this.everyValue.set(f, { key: results.key, values: r.facets[f], more: r.facetMore?.[f] ?? 0 });
        if (this.source.latest?.key === results.key) this.renderFacets(this.source.latest);
      },
      () => {
        // The first values stay; "more" can be asked again.
        if (this.everyValue.get(f)?.key === results.key) this.everyValue.delete(f);
      },
    );
    return first;
  }

  /** Every list facet's view, the tags too. */
  get listViews(): ListFacetView[] {
    return [this.facets.speaker, this.facets.topic, this.tags, this.facets.kind];
  }

  /** Whether a view holds something the state does not: finder text, a highlighted result. */
  hasViewState(): boolean {
    return this.listViews.some((f) => f.changed) || this.list.active >= 0;
  }

  /** Clears what the views hold beyond the state, for a return to the first screen. */
  resetViews(): void {
    this.speakerFilter = '';
    this.finderText = '';
    ++this.speakerFilterSeq;
    this.everyValue.clear();
    for (const f of this.listViews) f.reset();
    this.list.clearActive();
    this.syncActive();
  }

  /** "No speaker" is found by its label too ("no", "no sp…"), as the list shows it. */
  private withNoSpeaker(found: FacetValue[], text: string): FacetValue[] {
    const none = this.source.latest?.facets.speaker.find((v) => v.value === NO_SPEAKER);
    const typed = text.trim().toLowerCase();
    if (!none || typed.length < 2 || !speakerLabel(NO_SPEAKER).toLowerCase().startsWith(typed)) return found;
    return [none, ...found.filter((v) => v.value !== NO_SPEAKER)];
  }

  private filterSpeakers(text: string): void {
    this.finderText = text;
    this.speakerFilter = text.replace(/"/g, '').trim();
    const seq = ++this.speakerFilterSeq;
    if (this.speakerFilter === '') {
      this.facets.speaker.setFiltered(null);
      return;
    }
    // The service lists speakers whose name has a word starting with the text, with counts
    // for the current search; a filter in the query does that without a new API.
    const state = this.store.state;
    const q = `${state.q} speaker:"${this.speakerFilter}"`.trim();
    this.options.bridge.search(toRequest({ ...state, q, speaker: [] }, 0, 0)).then(
      (r) => {
        if (seq === this.speakerFilterSeq)
          this.facets.speaker.setFiltered(this.withNoSpeaker(r.facets.speaker, text), text);
      },
      () => {
        if (seq === this.speakerFilterSeq) this.facets.speaker.setFiltered([], text);
      },
    );
  }
}
