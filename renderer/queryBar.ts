/**
 * The search box and the chips of the filters in force beside it. The box is the results'
 * combobox; a chip's button removes its filter, and Backspace in an empty box removes the
 * last one.
 */
import type { HostPlatform } from '../main/common/bridge';
import { h, setAttr } from './dom';
import { chipsOf } from './model/chips';
import { tooltip } from './model/keys';
import { setQuery, type UiState } from './model/state';
import type { Store } from './store';

export class QueryBar {
  readonly input: HTMLInputElement;
  readonly chips: HTMLDivElement;
  /** When the key of the last edit in the search box went down, for the latency mark. */
  typedAt = 0;
  private keyDownAt = 0;
  private chipsSignature = '';

  constructor(
    private readonly store: Store,
    platform: HostPlatform,
  ) {
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
    this.input.value = store.state.q;
    this.input.addEventListener('input', () => {
      // From the keydown (its timestamp is on performance.now()'s clock), not the later input.
      this.typedAt = this.keyDownAt > 0 ? this.keyDownAt : performance.now();
      this.keyDownAt = 0;
      store.dispatch(setQuery(store.state, this.input.value));
    });
    this.input.addEventListener('keydown', (e) => {
      this.keyDownAt = e.timeStamp;
      if (e.key === 'Backspace' && this.input.value === '' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        const last = chipsOf(store.state).at(-1);
        if (last) {
          e.preventDefault();
          store.dispatch(last.remove(store.state));
        }
      }
    });
    this.chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Active filters' });
    this.chips.addEventListener('click', (e) => {
      const chip = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-chip]');
      if (chip) this.removeChip(Number(chip.dataset.chip));
    });
  }

  render(state: UiState): void {
    if (this.input.value !== state.q) this.input.value = state.q;
    this.renderChips(state);
  }

  focus(select = false): void {
    this.input.focus();
    if (select) this.input.select();
  }

  /** Points the combobox at the highlighted result (or at none). */
  setActiveDescendant(id: string | null): void {
    setAttr(this.input, 'aria-activedescendant', id !== null && document.getElementById(id) ? id : null);
  }

  private renderChips(state: UiState): void {
    const chips = chipsOf(state);
    // Most keystrokes change no filter: the chips then stay as they are, untouched.
    const signature = JSON.stringify(chips.map((c) => [c.label, c.error ?? null]));
    if (signature === this.chipsSignature) return;
    this.chipsSignature = signature;
    const focused = this.chips.contains(document.activeElement)
      ? Number((document.activeElement as HTMLElement).dataset.chip)
      : -1;
    this.chips.replaceChildren(
      ...chips.map((c, i) => {
        const b =
          c.error === undefined
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'chip',
                  'aria-label': `Remove filter ${c.label}`,
                  title: 'Remove this filter (Backspace in an empty search box removes the last)',
                },
                c.label,
                h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'chip is-error',
                  'aria-label': `Ignored filter ${c.label}: ${c.error} Remove it`,
                  title: `${c.error} Remove it from the query.`,
                },
                h('span', { class: 'chip-mark', 'aria-hidden': 'true' }, '!'),
                `${c.label} ignored`,
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
    const chip = chipsOf(this.store.state)[index];
    if (chip) this.store.dispatch(chip.remove(this.store.state));
  }
}
