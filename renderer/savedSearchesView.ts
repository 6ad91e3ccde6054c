/**
 * Saved searches in the window: the "Save this search" dialog (Mod+S), the list of saved
 * searches (Alt+L) with each one's count of new matches, and a notice in the status bar when
 * the folder changes and a saved search has new matches.
 *
 * The list is keyboard-first: ↑ ↓ Home End move between saved searches, Enter opens one
 * (its new count goes back to 0), F2 renames it in place (Enter keeps, Esc cancels), Delete
 * asks once and Delete again deletes. In a browser the notice may also be a system
 * notification, but only where the user has already allowed them for this page (Dictum never
 * asks); the desktop app's notifications come from its main process.
 */
import type { HostPlatform } from '../main/common/bridge';
import type { StatusResponse } from '../main/common/contract';
import { describeSavedQuery, type SavedSearch, type SavedSearchApi } from '../main/common/savedSearches';
import { formatCount, h, setText } from './dom';
import type { LiveRegion } from './liveRegion';
import { tooltip } from './model/keys';
import {
  newCountLabel,
  newMatchNotice,
  savedQueryFromState,
  stateFromSavedQuery,
  suggestedName,
  totalNew,
} from './model/savedSearches';
import type { UiState } from './model/state';
import { Dialog } from './panels';
import type { Store } from './store';

export interface SavedSearchesParts {
  api: SavedSearchApi | undefined;
  store: Store;
  live: LiveRegion;
  platform: HostPlatform;
  /** Shows the results of a saved search that was just opened. */
  open(state: UiState): void;
}

/** Status events come in bursts while files are read; the list is fetched once they settle. */
const REFRESH_DELAY_MS = 400;

export class SavedSearchesView {
  readonly saveDialog = new Dialog('save-search', 'Save this search');
  readonly listDialog = new Dialog('saved-searches', 'Saved searches');
  /** For the status bar: opens the list, and says how many new matches wait. */
  readonly statusButton: HTMLButtonElement;
  /** For the status bar: the latest notice of new matches. */
  readonly notice = h('span', { class: 'saved-notice', role: 'status' });

  private readonly summary = h('p', { class: 'save-summary' });
  private readonly nameInput = h('input', {
    type: 'text',
    id: 'save-search-name',
    class: 'folder-input',
    maxlength: 100,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  private readonly saveProblem = h('p', { class: 'open-folder-problem', role: 'alert' });
  private readonly listBody = h('div', { class: 'saved-body' });
  private searches: SavedSearch[] | null = null;
  private problem: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private deleteArmed: string | null = null;
  private renaming: string | null = null;

  constructor(private readonly parts: SavedSearchesParts) {
    this.statusButton = h(
      'button',
      { type: 'button', class: 'link-button saved-status', title: tooltip('savedSearches', parts.platform) },
      'Saved searches',
    );
    this.statusButton.addEventListener('click', () => this.showList());
    const form = h(
      'form',
      { class: 'open-folder-form' },
      this.summary,
      h('label', { for: 'save-search-name' }, 'Name'),
      h(
        'div',
        { class: 'open-folder-row' },
        this.nameInput,
        h('button', { type: 'submit', class: 'tool-button' }, 'Save'),
      ),
      this.saveProblem,
      h(
        'p',
        { class: 'save-hint' },
        'Dictum counts the matches that arrive in the folder from now on; the list of saved searches shows them.',
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
    this.saveDialog.body.append(form);
    this.listDialog.body.append(this.listBody);
    this.listBody.addEventListener('keydown', (e) => this.onListKey(e));
    // Esc while renaming cancels the rename, not the dialog.
    this.listDialog.el.addEventListener('cancel', (e) => {
      if (this.renaming === null) return;
      e.preventDefault();
      this.renaming = null;
      this.render(this.focusedId());
    });
  }

  get anyOpen(): boolean {
    return this.saveDialog.isOpen || this.listDialog.isOpen;
  }

  /** Mod+S: name the current search and save it. */
  showSave(): void {
    if (!this.parts.api) {
      this.parts.live.say('Saved searches are not available here.');
      return;
    }
    const query = savedQueryFromState(this.parts.store.state);
    setText(this.summary, `Saves: ${describeSavedQuery(query)}.`);
    this.nameInput.value = suggestedName(
      query,
      (this.searches ?? []).map((s) => s.name),
    );
    setText(this.saveProblem, '');
    this.saveDialog.show();
    this.nameInput.focus();
    this.nameInput.select();
  }

  /** Alt+L: the saved searches, newest counts fetched. */
  showList(): void {
    this.render(null);
    this.listDialog.show();
    this.focusRow(0);
    void this.refresh().then(() => {
      if (this.listDialog.isOpen && this.renaming === null) this.render(this.focusedId());
    });
  }

  /** Called with every status: once the index settles after a change, counts are fetched again. */
  onStatus(status: StatusResponse): void {
    if (status.progress.phase !== 'ready') return;
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** Fetches the list; tells of counts that grew since the last fetch. */
  async refresh(): Promise<void> {
    const api = this.parts.api;
    if (!api) return;
    let list;
    try {
      list = await api.listSaved();
    } catch (error) {
      this.problem = (error as Error).message;
      return;
    }
    const notice = newMatchNotice(this.searches, list.searches);
    this.searches = list.searches;
    this.problem = list.problem;
    const fresh = totalNew(list.searches);
    setText(this.statusButton, fresh > 0 ? `Saved searches · ${formatCount(fresh)} new` : 'Saved searches');
    if (notice) this.announce(notice);
    if (this.listDialog.isOpen && this.renaming === null) this.render(this.focusedId());
  }

  private announce(notice: string): void {
    const text = `${notice} — Alt+L lists saved searches`;
    setText(this.notice, text);
    this.parts.live.say(notice);
    // The desktop app's main process notifies; a browser only where the user already allowed it.
    if (
      this.parts.platform === 'web' &&
      typeof Notification !== 'undefined' &&
      Notification.permission === 'granted'
    ) {
      new Notification('Dictum', { body: notice });
    }
  }

  private async save(): Promise<void> {
    const api = this.parts.api;
    if (!api) return;
    const query = savedQueryFromState(this.parts.store.state);
    try {
      const saved = await api.createSaved({ name: this.nameInput.value, query });
      this.saveDialog.close();
      this.parts.live.say(`Saved “${saved.name}”. Alt+L lists saved searches.`);
      await this.refresh();
    } catch (error) {
      setText(this.saveProblem, (error as Error).message);
      this.nameInput.focus();
    }
  }

  private async open(search: SavedSearch): Promise<void> {
    const api = this.parts.api;
    if (!api) return;
    try {
      const opened = await api.openSaved(search.id);
      this.listDialog.close();
      this.parts.open(stateFromSavedQuery(opened.query));
      this.parts.live.say(`Opened the saved search “${opened.name}”.`);
      if (this.notice.textContent?.includes(`“${opened.name}”`)) setText(this.notice, '');
      await this.refresh();
    } catch (error) {
      this.problem = (error as Error).message;
      this.render(search.id);
    }
  }

  private async rename(search: SavedSearch, name: string): Promise<void> {
    const api = this.parts.api;
    if (!api) return;
    try {
      await api.updateSaved(search.id, { name });
      this.renaming = null;
      this.problem = null;
      this.parts.live.say(`Renamed to “${name.trim()}”.`);
      await this.refresh();
      this.render(search.id);
    } catch (error) {
      this.problem = (error as Error).message;
      this.render(search.id);
    }
  }

  private async remove(search: SavedSearch): Promise<void> {
    const api = this.parts.api;
    if (!api) return;
    const index = (this.searches ?? []).findIndex((s) => s.id === search.id);
    try {
      const left = await api.deleteSaved(search.id);
      this.searches = left.searches;
      this.problem = left.problem;
      this.deleteArmed = null;
      this.parts.live.say(`Deleted “${search.name}”.`);
      this.render(null);
      this.focusRow(Math.min(index, left.searches.length - 1));
    } catch (error) {
      this.problem = (error as Error).message;
      this.render(search.id);
    }
  }

  // -------------------------------------------------------------------------
  // The list

  private render(focusId: string | null): void {
    const searches = this.searches;
    const children: Node[] = [];
    if (this.problem) children.push(h('p', { class: 'saved-problem', role: 'alert' }, this.problem));
    if (searches === null) children.push(h('p', {}, 'Loading…'));
    else if (searches.length === 0) {
      children.push(
        h(
          'p',
          {},
          `No saved searches yet. ${tooltip('saveSearch', this.parts.platform, 'Save the current search')}.`,
        ),
      );
    } else {
      children.push(
        h(
          'ul',
          { class: 'saved-list', 'aria-label': 'Saved searches' },
          ...searches.map((search) => this.row(search)),
        ),
      );
    }
    this.listBody.replaceChildren(...children);
    if (focusId !== null) {
      const index = (searches ?? []).findIndex((s) => s.id === focusId);
      if (index >= 0) this.focusRow(index);
    }
  }

  private row(search: SavedSearch): HTMLLIElement {
    const fresh = (search.newCount ?? 0) > 0;
    const total =
      search.total === null
        ? ''
        : ` · ${formatCount(search.total)} ${search.total === 1 ? 'match' : 'matches'}`;
    const armed = this.deleteArmed === search.id;
    const main =
      this.renaming === search.id
        ? this.renameField(search)
        : h(
            'button',
            { type: 'button', class: 'saved-open', 'data-id': search.id },
            h('span', { class: 'saved-name' }, search.name),
            h('span', { class: fresh ? 'saved-new has-new' : 'saved-new' }, newCountLabel(search)),
            h(
              'span',
              { class: 'saved-query' },
              armed ? 'Press Delete again to delete it' : `${describeSavedQuery(search.query)}${total}`,
            ),
          );
    if (main instanceof HTMLButtonElement) main.addEventListener('click', () => void this.open(search));
    const rename = h(
      'button',
      { type: 'button', class: 'tool-button', tabindex: -1, title: 'Rename (F2)' },
      'Rename',
    );
    rename.addEventListener('click', () => this.startRename(search.id));
    const remove = h(
      'button',
      { type: 'button', class: 'tool-button', tabindex: -1, title: 'Delete (Del)' },
      'Delete',
    );
    remove.addEventListener('click', () => void this.remove(search));
    return h('li', { class: armed ? 'saved-row armed' : 'saved-row' }, main, rename, remove);
  }

  private renameField(search: SavedSearch): HTMLElement {
    const input = h('input', {
      type: 'text',
      class: 'folder-input saved-rename',
      value: search.name,
      maxlength: 100,
      'aria-label': `New name for “${search.name}” (Enter keeps it, Esc cancels)`,
      'data-id': search.id,
    });
    input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      void this.rename(search, input.value);
    });
    return input;
  }

  private startRename(id: string): void {
    this.renaming = id;
    this.deleteArmed = null;
    this.render(null);
    const input = this.listBody.querySelector<HTMLInputElement>('.saved-rename');
    input?.focus();
    input?.select();
  }

  private rows(): HTMLElement[] {
    return [...this.listBody.querySelectorAll<HTMLElement>('.saved-open, .saved-rename')];
  }

  private focusRow(index: number): void {
    const rows = this.rows();
    if (rows.length === 0) return;
    rows[Math.max(0, Math.min(rows.length - 1, index))]?.focus();
  }

  private focusedId(): string | null {
    const active = document.activeElement;
    return active instanceof HTMLElement && this.listBody.contains(active)
      ? (active.dataset.id ?? null)
      : null;
  }

  private onListKey(e: KeyboardEvent): void {
    if (this.renaming !== null) return;
    const rows = this.rows();
    const at = rows.findIndex((row) => row === document.activeElement);
    const search = at >= 0 ? this.searches?.find((s) => s.id === rows[at]?.dataset.id) : undefined;
    const move = (index: number) => {
      e.preventDefault();
      this.disarm();
      this.focusRow(index);
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(Math.max(0, at - 1));
      case 'Home':
        return move(0);
      case 'End':
        return move(rows.length - 1);
      case 'F2':
        if (!search) return;
        e.preventDefault();
        return this.startRename(search.id);
      case 'Delete':
        if (!search) return;
        e.preventDefault();
        if (this.deleteArmed === search.id) {
          void this.remove(search);
        } else {
          this.deleteArmed = search.id;
          this.render(search.id);
          this.parts.live.say(`Press Delete again to delete “${search.name}”.`);
        }
        return;
      default:
        if (e.key !== 'Enter' && e.key !== ' ') this.disarm();
    }
  }

  private disarm(): void {
    if (this.deleteArmed === null) return;
    const id = this.focusedId();
    this.deleteArmed = null;
    this.render(id);
  }
}
