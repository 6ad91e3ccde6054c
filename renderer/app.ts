/**
 * The renderer's entry: builds the page, keeps the search state, and wires the views, the
 * keyboard and the bridge (window.dictum in Electron, HTTP in a browser) together.
 */
import type { DictumBridge } from '../main/common/bridge';
import type { ExtractedDocument, Hit, SearchResponse, StatusResponse } from '../main/common/contract';
import { parseQuery } from '../main/common/query';
import { chipsOf } from './model/chips';
import { formatCitation } from './model/citation';
import { byId, formatCount, h, isTyping, plural, setAttr, setText } from './dom';
import { DateFacetView, ListFacetView } from './facetsView';
import { createHttpBridge, type HttpBridge } from './httpBridge';
import { actionFor, keysLabel, tooltip, type Action } from './model/keys';
import { Dialog, StatusBar, renderKeyList, renderSkipped } from './panels';
import { queryTerms } from './model/readerModel';
import { ReaderView } from './readerView';
import { ResultsSource, type Results, type ResultsEvent } from './model/results';
import { GROUP_LIMIT, ResultsList } from './resultsList';
import {
  clearFacet,
  clearFilters,
  closeDocument,
  cycleSort,
  hasFilters,
  openDocument,
  resultsKey,
  setDateRange,
  setQuery,
  statesEqual,
  toRequest,
  toggleFacetValue,
  toggleGroup,
  type ListFacet,
  type UiState,
} from './model/state';
import { closestWord, highlightedWords, lastWord, replaceLastWord } from './model/suggest';
import { stateFromUrl, urlFromState } from './model/url';

const SORT_LABELS = {
  relevance: 'Relevance',
  'date-desc': 'Newest first',
  'date-asc': 'Oldest first',
} as const;
const SYNTAX_HINT =
  'All words match · "exact phrase" · -exclude · a OR b · speaker:putin · topic:sport · kind:quote · date:2021-12 · after:2021-12-01 · before:2022';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission (or focus), the old way still works in most hosts.
    const area = h('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

class App {
  private state: UiState;
  private renderedState: UiState | null = null;
  private status: StatusResponse | null = null;
  private readonly bridge: DictumBridge;
  private readonly http: HttpBridge | null;
  private readonly source: ResultsSource;
  private readonly input: HTMLInputElement;
  private readonly chips: HTMLDivElement;
  private readonly list: ResultsList;
  private readonly facets: { speaker: ListFacetView; topic: ListFacetView; kind: ListFacetView };
  private readonly dateFacet: DateFacetView;
  private readonly reader: ReaderView;
  private readonly statusBar: StatusBar;
  private readonly help: Dialog;
  private readonly skipped: Dialog;
  private readonly total: HTMLSpanElement;
  private readonly took: HTMLSpanElement;
  private readonly sortButton: HTMLButtonElement;
  private readonly groupButton: HTMLButtonElement;
  private readonly notes: HTMLParagraphElement;
  private readonly empty: HTMLDivElement;
  private readonly busy: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private readonly workspace: HTMLDivElement;
  private announceTimer: ReturnType<typeof setTimeout> | null = null;
  private speakerFilter = '';
  private speakerFilterSeq = 0;
  private suggestSeq = 0;
  private docSeq = 0;
  private openedHit: Hit | null = null;
  private lastPassages = -1;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private error: string | null = null;
  /** When the last keystroke in the search box happened, for the latency mark. */
  private typedAt = 0;

  constructor(root: HTMLElement, bridge: DictumBridge) {
    this.bridge = bridge;
    this.http = 'searchAbortable' in bridge ? (bridge as HttpBridge) : null;
    this.state = stateFromUrl(location.hash);
    const platform = bridge.platform;
    document.documentElement.dataset.platform = platform;

    this.input = h('input', {
      id: 'search',
      type: 'text',
      class: 'search-input',
      role: 'combobox',
      'aria-label': 'Search',
      'aria-controls': 'results',
      'aria-expanded': 'true',
      'aria-autocomplete': 'list',
      'aria-describedby': 'search-hint',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'Search statements…',
      title: tooltip('focusSearch', platform, 'Search'),
    });
    this.input.value = this.state.q;
    this.input.addEventListener('input', () => {
      this.typedAt = performance.now();
      this.dispatch(setQuery(this.state, this.input.value));
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Backspace' && this.input.value === '' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        const chips = chipsOf(this.state);
        const last = chips[chips.length - 1];
        if (last) {
          e.preventDefault();
          this.dispatch(last.remove(this.state));
        }
      }
    });
    this.chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Active filters' });
    this.chips.addEventListener('click', (e) => {
      const chip = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-chip]');
      if (chip) this.removeChip(Number(chip.dataset.chip));
    });

    this.list = new ResultsList({
      onRange: (start, end) => this.source.ensureRange(start, end),
      onOpen: (index) => this.openHit(index),
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

    const facet = (f: ListFacet, keys: Action, initial: number, filterable: boolean) =>
      new ListFacetView({
        facet: f,
        keys: keysLabel(keys, platform),
        initial,
        filterable,
        onToggle: (value) => this.dispatch(toggleFacetValue(this.state, f, value)),
        onClear: () => this.dispatch(clearFacet(this.state, f)),
        onFilter: (text) => this.filterSpeakers(text),
      });
    this.facets = {
      speaker: facet('speaker', 'facetSpeaker', 10, true),
      topic: facet('topic', 'facetTopic', 17, false),
      kind: facet('kind', 'facetKind', 3, false),
    };
    this.dateFacet = new DateFacetView({
      keys: keysLabel('facetDate', platform),
      onRange: (from, to) => this.dispatch(setDateRange(this.state, from, to)),
    });

    const desktop = bridge.desktop;
    this.reader = new ReaderView({
      onBack: () => this.closeReader(),
      onNext: () => this.stepHit(1),
      onPrev: () => this.stepHit(-1),
      onCopy: () => void this.copyCitation(),
      onOpenOriginal: desktop ? () => this.openOriginal() : null,
      tooltips: {
        back: tooltip('back', platform, 'Back to the results'),
        next: tooltip('nextHit', platform),
        prev: tooltip('prevHit', platform),
        copy: tooltip('copyCitation', platform),
        open: tooltip('openOriginal', platform),
      },
    });

    this.help = new Dialog('help', 'Keyboard');
    renderKeyList(this.help.body, platform, desktop !== null);
    this.skipped = new Dialog('skipped', 'Skipped files');
    this.statusBar = new StatusBar(
      platform,
      () => this.showSkipped(),
      () => this.help.show(),
      desktop ? () => void desktop.openCorpusDialog() : null,
    );

    this.total = h('span', { class: 'results-total' });
    this.took = h('span', { class: 'results-took' });
    this.sortButton = h('button', {
      type: 'button',
      class: 'tool-button',
      title: tooltip('cycleSort', platform),
    });
    this.sortButton.addEventListener('click', () => this.dispatch(cycleSort(this.state)));
    this.groupButton = h(
      'button',
      { type: 'button', class: 'tool-button', title: tooltip('toggleGroup', platform) },
      'Group by document',
    );
    this.groupButton.addEventListener('click', () => this.dispatch(toggleGroup(this.state)));
    this.notes = h('p', { class: 'results-notes', hidden: true });
    this.empty = h('div', { class: 'results-empty', hidden: true });
    this.busy = h('div', { class: 'busy', 'aria-hidden': 'true' });
    this.live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });

    this.workspace = h(
      'div',
      { class: 'workspace' },
      h(
        'aside',
        { class: 'facets', 'aria-label': 'Filters' },
        this.facets.speaker.el,
        this.facets.topic.el,
        this.dateFacet.el,
        this.facets.kind.el,
      ),
      h(
        'main',
        { class: 'main' },
        h(
          'section',
          { class: 'results-pane', 'aria-label': 'Results' },
          h(
            'div',
            { class: 'results-head' },
            this.total,
            this.took,
            h('span', { class: 'spacer' }),
            h('span', { class: 'tool-label', id: 'sort-label' }, 'Sort'),
            this.sortButton,
            this.groupButton,
          ),
          this.notes,
          h('div', { class: 'results-body' }, this.list.el, this.empty),
        ),
        this.reader.el,
      ),
    );
    this.sortButton.setAttribute('aria-describedby', 'sort-label');

    root.replaceChildren(
      h(
        'header',
        { class: 'topbar' },
        h('span', { class: 'brand', 'aria-hidden': 'true' }, 'Dictum'),
        h(
          'div',
          { class: 'searchbox' },
          this.input,
          h(
            'kbd',
            { class: 'key-hint search-key', 'aria-hidden': 'true' },
            keysLabel('focusSearch', platform),
          ),
        ),
        this.busy,
      ),
      h(
        'div',
        { class: 'querybar' },
        this.chips,
        h('p', { class: 'syntax-hint', id: 'search-hint' }, SYNTAX_HINT),
      ),
      this.workspace,
      this.statusBar.el,
      this.live,
      this.help.el,
      this.skipped.el,
    );

    this.source = new ResultsSource(
      (request, signal) =>
        this.http ? this.http.searchAbortable(request, signal) : this.bridge.search(request),
      (event) => this.onResults(event),
    );

    document.addEventListener('keydown', (e) => this.onKey(e));
    window.addEventListener('hashchange', () => this.adopt(stateFromUrl(location.hash)));
    this.renderState();
    this.source.update(this.state, true);
    this.markPending();
    void bridge.status().then(
      (s) => this.onStatus(s),
      (e: unknown) => this.showError((e as Error).message),
    );
    bridge.onStatus((s) => this.onStatus(s));
    this.input.focus();
  }

  // -------------------------------------------------------------------------
  // State

  private dispatch(next: UiState): void {
    if (statesEqual(next, this.state)) return;
    this.state = next;
    const url = urlFromState(next);
    const current = location.hash;
    if (url !== current && !(url === '' && current === '')) {
      history.replaceState(null, '', url === '' ? location.pathname + location.search : url);
    }
    this.renderState();
    this.source.update(next);
    this.markPending();
  }

  /** Tells assistive technology (and tests) that the list is about to change. */
  private markPending(): void {
    const pending = this.source.latest?.key !== resultsKey(this.state);
    setAttr(this.list.el, 'aria-busy', pending ? 'true' : 'false');
  }

  /** A state from outside (the URL changed by the user). */
  private adopt(next: UiState): void {
    if (statesEqual(next, this.state)) return;
    this.state = next;
    this.renderState();
    this.source.update(next);
    this.markPending();
  }

  private renderState(): void {
    const s = this.state;
    if (this.input.value !== s.q) this.input.value = s.q;
    this.renderChips();
    setText(this.sortButton, SORT_LABELS[s.sort]);
    setAttr(this.groupButton, 'aria-pressed', s.group ? 'true' : 'false');
    const previous = this.renderedState;
    this.renderedState = s;
    // While typing, the facets and the list wait for the new results instead of redrawing the old.
    const typing = previous !== null && previous.q !== s.q && statesEqual({ ...previous, q: s.q }, s);
    const latest = this.source?.latest;
    if (latest && !typing) {
      this.renderFacets(latest);
      this.list.setResults(latest, s.group);
      this.renderNotes(latest);
    }
    this.syncReader();
    if (this.speakerFilter !== '' && (previous === null || resultsKey(previous) !== resultsKey(s))) {
      this.filterSpeakers(this.speakerFilter);
    }
  }

  private renderChips(): void {
    const chips = chipsOf(this.state);
    const focused = this.chips.contains(document.activeElement)
      ? Number((document.activeElement as HTMLElement).dataset.chip)
      : -1;
    this.chips.replaceChildren(
      ...chips.map((c, i) => {
        const b = h(
          'button',
          {
            type: 'button',
            class: 'chip',
            'aria-label': `Remove filter ${c.label}`,
            title: 'Remove this filter (Backspace in an empty search box removes the last)',
          },
          c.label,
          h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'),
        );
        b.dataset.chip = String(i);
        return b;
      }),
    );
    this.chips.classList.toggle('is-empty', chips.length === 0);
    if (focused >= 0) {
      const next = this.chips.querySelector<HTMLButtonElement>(
        `button[data-chip="${Math.min(focused, chips.length - 1)}"]`,
      );
      (next ?? this.input).focus();
    }
  }

  private removeChip(index: number): void {
    const chip = chipsOf(this.state)[index];
    if (chip) this.dispatch(chip.remove(this.state));
  }

  // -------------------------------------------------------------------------
  // Results

  private onResults(event: ResultsEvent): void {
    if (event.type === 'stalled') {
      this.busy.classList.add('is-busy');
      return;
    }
    this.busy.classList.remove('is-busy');
    if (event.type === 'error') {
      setAttr(this.list.el, 'aria-busy', 'false');
      this.showError(event.message);
      return;
    }
    const results = event.results;
    this.error = null;
    this.markPending();
    this.list.setResults(results, this.state.group);
    if (event.type === 'page') return;
    this.renderFacets(results);
    setText(this.total, results.total === 1 ? '1 statement' : `${formatCount(results.total)} statements`);
    setText(this.took, `${Math.round(results.tookMs)} ms`);
    this.renderNotes(results);
    this.renderEmpty(results);
    this.announce(results);
    this.syncActive();
    if (this.typedAt > 0) {
      // Read by the UI benchmark (bench/ui): from the keystroke to the frame that shows its results.
      const typedAt = this.typedAt;
      requestAnimationFrame(() =>
        setTimeout(() => {
          const root = document.documentElement.dataset;
          root.renderedQuery = results.state.q;
          root.latencyMs = (performance.now() - typedAt).toFixed(1);
          root.renderSeq = String(Number(root.renderSeq ?? 0) + 1);
        }, 0),
      );
    }
  }

  private renderNotes(results: Results): void {
    const notes = [...results.notes];
    if (this.state.group && results.total > GROUP_LIMIT) {
      notes.push(
        `Grouped by document: the first ${formatCount(GROUP_LIMIT)} of ${formatCount(results.total)} results.`,
      );
    }
    this.notes.hidden = notes.length === 0;
    setText(this.notes, notes.join(' '));
  }

  private renderFacets(results: Results): void {
    const s = this.state;
    this.facets.speaker.update(results.facets.speaker, s.speaker);
    this.facets.topic.update(results.facets.topic, s.topic);
    this.facets.kind.update(results.facets.kind, s.kind);
    this.dateFacet.update(results.facets.date, s.from, s.to);
  }

  private announce(results: Results): void {
    if (this.announceTimer !== null) clearTimeout(this.announceTimer);
    // Said once typing settles, not on every keystroke.
    this.announceTimer = setTimeout(() => {
      setText(
        this.live,
        results.total === 0 ? 'No results' : `${plural(results.total, 'result', 'results')}`,
      );
    }, 700);
  }

  private showError(message: string): void {
    this.error = message;
    this.empty.hidden = false;
    const retry = h('button', { type: 'button', class: 'tool-button' }, 'Try again');
    retry.addEventListener('click', () => this.source.update(this.state, true, true));
    this.empty.replaceChildren(h('h2', {}, 'Dictum could not search'), h('p', {}, message), retry);
  }

  private renderEmpty(results: Results): void {
    if (results.total > 0) {
      this.empty.hidden = true;
      this.empty.replaceChildren();
      return;
    }
    this.empty.hidden = false;
    const status = this.status;
    const indexing =
      status !== null && status.progress.phase !== 'ready' && status.progress.phase !== 'failed';
    if (status && status.documents === 0 && !indexing) {
      const desktop = this.bridge.desktop;
      const open = desktop
        ? h(
            'button',
            { type: 'button', class: 'tool-button', title: tooltip('openCorpus', this.bridge.platform) },
            'Open a folder…',
          )
        : null;
      open?.addEventListener('click', () => void desktop?.openCorpusDialog());
      this.empty.replaceChildren(
        h('h2', {}, 'This corpus has no documents'),
        h(
          'p',
          {},
          status.skipped.length > 0
            ? `${plural(status.skipped.length, 'file was', 'files were')} skipped; see the status bar.`
            : `Nothing readable was found in ${status.corpus.path}.`,
        ),
        ...(open ? [open] : []),
      );
      return;
    }
    if (indexing && results.state.q === '' && !hasFilters(results.state)) {
      this.empty.replaceChildren(
        h('h2', {}, 'Indexing…'),
        h('p', {}, 'Results appear here as the files are read.'),
      );
      return;
    }
    const q = results.state.q.trim();
    const suggestions = h('ul', { class: 'suggestions' });
    this.empty.replaceChildren(
      h('h2', {}, q ? `No statements match “${q}”` : 'No statements match these filters'),
      h(
        'p',
        {},
        indexing
          ? 'Indexing is still going on; more may match soon.'
          : hasFilters(results.state) || chipsOf(results.state).length > 0
            ? 'Try removing a filter:'
            : 'Check the spelling, or try fewer words.',
      ),
      suggestions,
    );
    void this.suggest(results.state, suggestions);
  }

  /** Honest suggestions: each is a search that was run and found something. */
  private async suggest(state: UiState, list: HTMLUListElement): Promise<void> {
    const seq = ++this.suggestSeq;
    const count = async (s: UiState) => (await this.bridge.search(toRequest(s, 0, 0))).total;
    const add = (label: string, next: UiState, n: number) => {
      if (seq !== this.suggestSeq || n === 0) return;
      const b = h('button', { type: 'button', class: 'link-button' }, label);
      b.addEventListener('click', () => this.dispatch(next));
      list.append(
        h('li', {}, b, h('span', { class: 'suggestion-count' }, ` ${plural(n, 'result', 'results')}`)),
      );
    };
    try {
      for (const chip of chipsOf(state).slice(0, 6)) {
        const next = chip.remove(state);
        add(`Remove ${chip.label}`, next, await count(next));
      }
      const word = lastWord(state.q);
      if (word && word.length >= 3) {
        const probe = replaceLastWord(state.q, word.slice(0, 3));
        if (probe !== null) {
          const found: SearchResponse = await this.bridge.search(toRequest({ ...state, q: probe }, 0, 200));
          const better = closestWord(word, highlightedWords(found.hits));
          const q = better ? replaceLastWord(state.q, better) : null;
          if (better && q !== null)
            add(`Did you mean “${better}”?`, setQuery(state, q), await count(setQuery(state, q)));
        }
      }
    } catch {
      // Suggestions are a courtesy: a failure leaves the list as it is.
    }
    if (seq === this.suggestSeq && list.childElementCount === 0 && list.isConnected) {
      list.append(
        h('li', { class: 'suggestion-none' }, 'No nearby spelling or lighter filter finds anything either.'),
      );
    }
  }

  private filterSpeakers(text: string): void {
    this.speakerFilter = text.replace(/"/g, '').trim();
    const seq = ++this.speakerFilterSeq;
    if (this.speakerFilter === '') {
      this.facets.speaker.setFiltered(null);
      return;
    }
    // The service lists speakers whose name has a word starting with the text, with counts
    // for the current search; a filter in the query does that without a new API.
    const q = `${this.state.q} speaker:"${this.speakerFilter}"`.trim();
    this.bridge.search(toRequest({ ...this.state, q, speaker: [] }, 0, 0)).then(
      (r) => {
        if (seq === this.speakerFilterSeq) this.facets.speaker.setFiltered(r.facets.speaker);
      },
      () => {
        if (seq === this.speakerFilterSeq) this.facets.speaker.setFiltered([]);
      },
    );
  }

  private syncActive(): void {
    const id = this.list.activeId;
    setAttr(this.input, 'aria-activedescendant', id !== null && document.getElementById(id) ? id : null);
  }

  // -------------------------------------------------------------------------
  // Reader

  private openHit(index: number): void {
    const hit = this.list.hit(index);
    if (!hit) return;
    this.openedHit = hit;
    this.dispatch(openDocument(this.state, hit.docId, hit.id));
  }

  private syncReader(): void {
    const { doc, passage } = this.state;
    if (doc === null) {
      if (this.reader.isOpen || this.workspace.classList.contains('is-reading')) {
        const hadFocus = this.reader.el.contains(document.activeElement);
        this.reader.close();
        this.workspace.classList.remove('is-reading');
        if (hadFocus || document.activeElement === document.body) this.list.el.focus();
      }
      return;
    }
    if (this.reader.docId === doc && this.reader.isOpen) return;
    const seq = ++this.docSeq;
    this.bridge.document(doc).then(
      (d: ExtractedDocument) => {
        if (seq !== this.docSeq || this.state.doc !== doc) return;
        const hit = this.openedHit?.id === passage ? this.openedHit : null;
        const filters = parseQuery(this.state.q).filters;
        this.reader.open({
          doc: d,
          terms: queryTerms(this.state.q),
          filter: {
            speakers: [
              ...this.state.speaker,
              ...filters.filter((f) => f.field === 'speaker').map((f) => f.value),
            ],
            kinds: this.state.kind,
          },
          passageId: passage,
          hit,
        });
        this.workspace.classList.add('is-reading');
        this.reader.text.focus();
        setText(
          this.live,
          `${d.document.title}. ${this.reader.hitCount > 0 ? plural(this.reader.hitCount, 'hit', 'hits') : 'No hits'}.`,
        );
      },
      (e: unknown) => {
        if (seq !== this.docSeq) return;
        setText(this.live, `The document could not be opened: ${(e as Error).message}`);
        this.dispatch(closeDocument(this.state));
      },
    );
  }

  private closeReader(): void {
    const passage = this.state.passage;
    this.dispatch(closeDocument(this.state));
    // Back to the statement the reader was opened from, when it is still in the list.
    const latest = this.source.latest;
    if (latest && passage !== null) {
      for (const [i, hit] of latest.hits) {
        if (hit.id === passage) {
          this.list.activateHit(i);
          break;
        }
      }
    }
    this.list.el.focus();
  }

  private stepHit(delta: 1 | -1): void {
    const n = this.reader.step(delta);
    if (n >= 0) setText(this.live, `Hit ${n + 1} of ${this.reader.hitCount}`);
  }

  private async copyCitation(): Promise<void> {
    let text: string | null = null;
    if (this.reader.isOpen) text = this.reader.citation();
    else {
      const hit = this.list.hit(this.list.active);
      if (hit)
        text = formatCitation({
          quote: hit.text,
          speaker: hit.speaker,
          source: null,
          title: hit.title,
          date: hit.date,
        });
    }
    if (text === null) {
      setText(this.live, 'No statement to cite: open a result first.');
      return;
    }
    const ok = await copyText(text);
    setText(this.live, ok ? 'Citation copied' : 'The citation could not be copied');
    this.toast(ok ? 'Citation copied' : 'Could not copy');
  }

  private toast(message: string): void {
    const t = h('div', { class: 'toast', 'aria-hidden': 'true' }, message);
    document.body.append(t);
    setTimeout(() => t.remove(), 1600);
  }

  private openOriginal(): void {
    const id = this.reader.docId;
    if (id && this.bridge.desktop) void this.bridge.desktop.openOriginal(id);
  }

  // -------------------------------------------------------------------------
  // Status

  private onStatus(status: StatusResponse): void {
    const first = this.status === null;
    this.status = status;
    this.statusBar.update(status);
    if (this.skipped.isOpen) renderSkipped(this.skipped.body, status);
    document.title = status.corpus.name ? `${status.corpus.name} — Dictum` : 'Dictum';
    if (first) this.lastPassages = status.passages;
    if (status.passages !== this.lastPassages) {
      this.lastPassages = status.passages;
      // New passages indexed: search again, at most once a second while indexing runs.
      if (this.refreshTimer === null) {
        this.refreshTimer = setTimeout(() => {
          this.refreshTimer = null;
          this.source.update(this.state, true, true);
        }, 1000);
      }
    }
    const latest = this.source.latest;
    if (latest && latest.total === 0 && !this.error) this.renderEmpty(latest);
  }

  private showSkipped(): void {
    renderSkipped(this.skipped.body, this.status);
    this.skipped.show();
  }

  // -------------------------------------------------------------------------
  // Keyboard

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.isComposing) return;
    if (this.help.isOpen || this.skipped.isOpen) return;
    const active = document.activeElement;
    const typing = isTyping(active);
    const action = actionFor(e, this.bridge.platform, typing);
    if (action === null) return;
    if (this.perform(action, active)) e.preventDefault();
  }

  /** Does what the key asks; returns false when the key should keep its usual meaning here. */
  private perform(action: Action, active: Element | null): boolean {
    const reading = this.reader.isOpen;
    const onList =
      active === this.input || active === this.list.el || active === document.body || active === null;
    switch (action) {
      case 'focusSearch':
        if (reading) this.dispatch(closeDocument(this.state));
        this.input.focus();
        this.input.select();
        return true;
      case 'nextResult':
      case 'prevResult':
      case 'pageDown':
      case 'pageUp': {
        if (reading || !onList) return false;
        const step = action === 'pageDown' || action === 'pageUp' ? this.list.pageRows() : 1;
        this.list.move(action === 'nextResult' || action === 'pageDown' ? step : -step);
        this.syncActive();
        return true;
      }
      case 'firstResult':
      case 'lastResult':
        if (reading || active !== this.list.el) return false;
        if (action === 'firstResult') this.list.first();
        else this.list.last();
        return true;
      case 'open': {
        if (reading || !onList) return false;
        let index = this.list.active;
        if (index < 0 && active === this.input && this.list.total > 0) index = 0;
        if (index < 0) return false;
        this.openHit(index);
        return true;
      }
      case 'back':
        return this.back(active);
      case 'focusResults':
        if (reading) this.closeReader();
        this.list.el.focus();
        return true;
      case 'facetSpeaker':
      case 'facetTopic':
      case 'facetDate':
      case 'facetKind': {
        if (reading) this.dispatch(closeDocument(this.state));
        if (action === 'facetDate') this.dateFacet.focus();
        else
          this.facets[
            action === 'facetSpeaker' ? 'speaker' : action === 'facetTopic' ? 'topic' : 'kind'
          ].focus();
        return true;
      }
      case 'cycleSort':
        this.dispatch(cycleSort(this.state));
        return true;
      case 'toggleGroup':
        this.dispatch(toggleGroup(this.state));
        return true;
      case 'nextHit':
      case 'prevHit':
        if (!reading) return false;
        this.stepHit(action === 'nextHit' ? 1 : -1);
        return true;
      case 'copyCitation':
        if (!reading && this.list.active < 0) return false;
        void this.copyCitation();
        return true;
      case 'openOriginal':
        if (!reading || !this.bridge.desktop) return false;
        this.openOriginal();
        return true;
      case 'openCorpus':
        if (!this.bridge.desktop) return false;
        void this.bridge.desktop.openCorpusDialog();
        return true;
      case 'skipped':
        this.showSkipped();
        return true;
      case 'help':
        this.help.show();
        return true;
    }
  }

  /** Esc: reader → results → search box → clear the query → clear the filters. */
  private back(active: Element | null): boolean {
    if (this.reader.isOpen || this.state.doc !== null) {
      this.closeReader();
      return true;
    }
    if (active !== this.input) {
      this.input.focus();
      return true;
    }
    if (this.state.q !== '') {
      this.dispatch(setQuery(this.state, ''));
      return true;
    }
    if (hasFilters(this.state)) {
      this.dispatch(clearFilters(this.state));
      return true;
    }
    if (this.list.active >= 0) {
      this.list.clearActive();
      this.syncActive();
      return true;
    }
    return false;
  }
}

function start(): void {
  const host = (window as unknown as { dictum?: DictumBridge }).dictum;
  const bridge = host ?? createHttpBridge();
  new App(byId('app'), bridge);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
