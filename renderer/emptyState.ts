/**
 * What the results pane shows when there is nothing to list: an error with a retry, an empty
 * corpus, indexing under way, or no match with honest suggestions (each one a search that
 * was run and found something).
 */
import type { DictumBridge } from '../main/common/bridge';
import type { SearchResponse, StatusResponse } from '../main/common/contract';
import { h, plural } from './dom';
import { chipsOf } from './model/chips';
import { tooltip } from './model/keys';
import type { Results } from './model/results';
import { hasFilters, setQuery, toRequest, type UiState } from './model/state';
import { closestWord, highlightedWords, lastWord, replaceLastWord } from './model/suggest';

export interface EmptyStateOptions {
  bridge: DictumBridge;
  /** Runs a suggested search. */
  onPick(state: UiState): void;
  /** Searches the current state again. */
  onRetry(): void;
  /** ↑ on the first suggestion: back to the search box. */
  onLeaveUp(): void;
}

export class EmptyState {
  readonly el: HTMLDivElement;
  private suggestSeq = 0;

  constructor(private readonly options: EmptyStateOptions) {
    this.el = h('div', { class: 'results-empty', hidden: true });
    // ↑ ↓ move between the suggestions, as in the list they stand in for.
    this.el.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const buttons = [...this.el.querySelectorAll<HTMLButtonElement>('button')];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (i < 0) return;
      e.preventDefault();
      const next = buttons[i + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) next.focus();
      else if (e.key === 'ArrowUp') this.options.onLeaveUp();
    });
  }

  /** Focuses the first suggestion (or retry button), when there is one; says whether it did. */
  focusFirst(): boolean {
    if (this.el.hidden) return false;
    const first = this.el.querySelector<HTMLButtonElement>('button');
    first?.focus();
    return first !== null;
  }

  showError(message: string): void {
    this.el.hidden = false;
    const retry = h('button', { type: 'button', class: 'tool-button' }, 'Try again');
    retry.addEventListener('click', () => this.options.onRetry());
    this.el.replaceChildren(h('h2', {}, 'Dictum could not search'), h('p', {}, message), retry);
  }

  render(results: Results, status: StatusResponse | null): void {
    if (results.total > 0) {
      this.el.hidden = true;
      this.el.replaceChildren();
      return;
    }
    this.el.hidden = false;
    const indexing =
      status !== null && status.progress.phase !== 'ready' && status.progress.phase !== 'failed';
    if (status && status.documents === 0 && !indexing) {
      this.renderNoDocuments(status);
      return;
    }
    if (indexing && results.state.q === '' && !hasFilters(results.state)) {
      this.el.replaceChildren(
        h('h2', {}, 'Indexing…'),
        h('p', {}, 'Results appear here as the files are read.'),
      );
      return;
    }
    const q = results.state.q.trim();
    const suggestions = h('ul', { class: 'suggestions' });
    this.el.replaceChildren(
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

  private renderNoDocuments(status: StatusResponse): void {
    const desktop = this.options.bridge.desktop;
    const open = desktop
      ? h(
          'button',
          {
            type: 'button',
            class: 'tool-button',
            title: tooltip('openCorpus', this.options.bridge.platform),
          },
          'Open a folder…',
        )
      : null;
    open?.addEventListener('click', () => void desktop?.openCorpusDialog());
    this.el.replaceChildren(
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
  }

  private async suggest(state: UiState, list: HTMLUListElement): Promise<void> {
    const seq = ++this.suggestSeq;
    const bridge = this.options.bridge;
    const count = async (s: UiState) => (await bridge.search(toRequest(s, 0, 0))).total;
    const offered = new Set<string>();
    const add = (label: string, next: UiState, n: number) => {
      if (seq !== this.suggestSeq || n === 0 || offered.has(label)) return;
      offered.add(label);
      const b = h('button', { type: 'button', class: 'link-button' }, label);
      b.addEventListener('click', () => this.options.onPick(next));
      list.append(
        h('li', {}, b, h('span', { class: 'suggestion-count' }, ` ${plural(n, 'result', 'results')}`)),
      );
    };
    try {
      // The service's own suggestion comes first: it mends filter values (`speaker:puttin` →
      // "Vladimir Putin", `topic:sports` → sport) as well as words, and was checked to match.
      const suggested = (await bridge.search(toRequest(state, 0, 0))).suggestions?.query;
      if (suggested && suggested !== state.q.trim()) {
        const next = setQuery(state, suggested);
        add(`Did you mean “${suggested}”?`, next, await count(next));
      }
      for (const chip of chipsOf(state).slice(0, 6)) {
        const next = chip.remove(state);
        add(`Remove ${chip.label}`, next, await count(next));
      }
      const word = lastWord(state.q);
      if (word && word.length >= 3) {
        const probe = replaceLastWord(state.q, word.slice(0, 3));
        if (probe !== null) {
          const found: SearchResponse = await bridge.search(toRequest({ ...state, q: probe }, 0, 200));
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
}
