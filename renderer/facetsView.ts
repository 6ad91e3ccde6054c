/**
 * The list facets: speaker, topic and kind as lists of checkboxes with counts (a roving
 * focus inside each list: arrows move, Space toggles, x excludes); the speaker list has a finder.
 */
import type { FacetValue } from '../main/common/contract';
import { formatCount, h, setAttr, setText } from './dom';
import { facetClearButton, facetHead } from './facetHead';
import { FACET_TITLES, kindDescription, kindLabel, speakerLabel, topicLabel } from './model/labels';
import type { ListFacet } from './model/state';

export interface ListFacetOptions {
  facet: ListFacet;
  /** A second list of the same facet's values (the topic facet's tags): its own name and title. */
  name?: string;
  title?: string;
  /** The keys that reach it, shown beside its title ('' when none). */
  keys: string;
  /** How many values show before "more". */
  initial: number;
  filterable: boolean;
  onToggle(value: string): void;
  onClear(): void;
  /** Leaves the value out of the results, or brings it back. */
  onExclude(value: string): void;
  /** Called with the filter box's text (speaker facet): the owner fetches matching values. */
  onFilter?(text: string): void;
  /** The service cut the list short and "more" was asked for: the owner fetches every value. */
  onMore?(): void;
}

/** How many more values each press of "more" shows. */
const MORE_STEP = 40;

interface Item {
  li: HTMLLIElement;
  box: HTMLInputElement;
  count: HTMLSpanElement;
  /** "not", shown while the value is left out of the results. */
  not: HTMLSpanElement;
}

let uid = 0;

export class ListFacetView {
  readonly el: HTMLElement;
  readonly filterInput: HTMLInputElement | null = null;
  private readonly list: HTMLUListElement;
  private readonly more: HTMLButtonElement;
  private readonly clear: HTMLButtonElement;
  private readonly empty: HTMLParagraphElement;
  private readonly items = new Map<string, Item>();
  private shown: number;
  private values: FacetValue[] = [];
  /** How many values the service left out of `values`. */
  private serverMore = 0;
  /** The place of the first value "more" revealed, to focus once it is drawn (keyboard). */
  private focusAfterMore: number | null = null;
  private filtered: FacetValue[] | null = null;
  /** The finder text that `filtered` answers. */
  private filteredFor = '';
  /** Finder text whose first match Enter asked for before the matches arrived. */
  private pickWhenFound: string | null = null;
  private selected: string[] = [];
  /** Values left out of the results (`x`): struck through, with a "not" badge. */
  private excluded: string[] = [];
  private focusValue: string | null = null;

  constructor(private readonly options: ListFacetOptions) {
    this.shown = options.initial;
    const id = `facet-${options.name ?? options.facet}`;
    const title = options.title ?? FACET_TITLES[options.facet];
    this.clear = facetClearButton(title, () => options.onClear());
    this.list = h('ul', { class: 'facet-values', 'aria-labelledby': `${id}-title` });
    this.more = h('button', { type: 'button', class: 'link-button facet-more', hidden: true });
    this.more.addEventListener('click', () => this.showMore());
    this.empty = h('p', { class: 'facet-empty', hidden: true }, 'None');
    if (options.filterable) {
      const input = h('input', {
        type: 'search',
        class: 'facet-filter',
        placeholder: `Find a ${title.toLowerCase()}…`,
        'aria-label': `Find a ${title.toLowerCase()}`,
        autocomplete: 'off',
        spellcheck: 'false',
      });
      input.addEventListener('input', () => {
        this.pickWhenFound = null;
        options.onFilter?.(input.value.trim());
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowDown' && !e.altKey) {
          e.preventDefault();
          this.focusIndex(0);
        } else if (e.key === 'Enter') {
          // Enter picks the first value found, the quickest way from a name to a filter; when
          // the matches of what was just typed have not arrived yet, it picks once they do.
          e.preventDefault();
          const text = input.value.trim();
          if (text === '' || (this.filtered !== null && this.filteredFor === text)) this.pickFirst();
          else this.pickWhenFound = text;
        } else if (e.key === 'Escape' && input.value !== '') {
          e.preventDefault();
          input.value = '';
          this.pickWhenFound = null;
          options.onFilter?.('');
        }
      });
      this.filterInput = input;
    }
    this.list.addEventListener('keydown', (e) => this.onListKey(e));
    this.list.addEventListener('change', (e) => {
      const box = e.target as HTMLInputElement;
      const value = box.dataset.value;
      if (value !== undefined) {
        this.focusValue = value;
        options.onToggle(value);
      }
    });
    this.list.addEventListener('focusin', (e) => {
      const value = (e.target as HTMLElement).dataset.value;
      if (value !== undefined) this.setRoving(value);
    });
    this.el = h(
      'section',
      { class: 'facet', id, 'aria-labelledby': `${id}-title` },
      facetHead(id, title, options.keys, this.clear),
      this.filterInput,
      this.list,
      this.empty,
      this.more,
    );
  }

  /** New counts (and the values matching the filter box, when it has text). */
  update(
    values: FacetValue[],
    selected: string[],
    serverMore = 0,
    filtered: FacetValue[] | null = this.filtered,
    excluded: string[] = this.excluded,
  ): void {
    this.values = values;
    this.selected = selected;
    this.excluded = excluded;
    this.serverMore = serverMore;
    this.filtered = filtered;
    this.render();
  }

  /** The next values: those already here, else every value, asked of the owner. */
  private showMore(): void {
    if (document.activeElement === this.more) this.focusAfterMore = this.visibleValues().length;
    const hadHidden = this.values.length > this.shown;
    this.shown += MORE_STEP;
    if (!hadHidden && this.serverMore > 0) this.options.onMore?.();
    this.render();
  }

  /** The values matching the finder's text `forText` (null: no text, the plain list). */
  setFiltered(filtered: FacetValue[] | null, forText = ''): void {
    this.filtered = filtered;
    this.filteredFor = forText;
    this.render();
    if (this.pickWhenFound !== null && this.pickWhenFound === forText) {
      this.pickWhenFound = null;
      if (this.filterInput?.value.trim() === forText) this.pickFirst();
    }
  }

  /** Whether the finder has text or more values are shown than at first. */
  get changed(): boolean {
    return (
      (this.filterInput !== null && this.filterInput.value !== '') || this.shown !== this.options.initial
    );
  }

  /** Back to how the facet first looked: no finder text, the first values only. */
  reset(): void {
    if (this.filterInput) this.filterInput.value = '';
    this.pickWhenFound = null;
    this.shown = this.options.initial;
    this.focusAfterMore = null;
    this.focusValue = null;
    this.filtered = null;
    this.filteredFor = '';
    this.render();
  }

  /** Excludes the value whose checkbox is `active`; false when focus is not on one of this facet's values. */
  excludeFocused(active: Element | null): boolean {
    const value =
      active instanceof HTMLInputElement && this.list.contains(active) ? active.dataset.value : undefined;
    if (value === undefined) return false;
    this.options.onExclude(value);
    return true;
  }

  private pickFirst(): void {
    const first = this.visibleValues()[0];
    if (first) {
      this.options.onToggle(first.value);
      this.focusValue = first.value;
    }
  }

  /** Focus goes to the filter box, or to the list (its last focused value). */
  focus(): void {
    if (this.filterInput) {
      this.filterInput.focus();
      this.filterInput.select();
      return;
    }
    const item = (this.focusValue !== null ? this.items.get(this.focusValue) : undefined) ?? this.firstItem();
    item?.box.focus();
  }

  contains(el: Element | null): boolean {
    return el !== null && this.el.contains(el);
  }

  private firstItem(): Item | undefined {
    const first = this.list.querySelector<HTMLInputElement>('input[type=checkbox]');
    return first?.dataset.value !== undefined ? this.items.get(first.dataset.value) : undefined;
  }

  private visibleValues(): FacetValue[] {
    const source = this.filtered ?? this.values;
    const limit = this.filtered ? 100 : this.shown;
    const list = source.slice(0, limit);
    // Selected and left-out values stay in view (with their count, or 0) so they can always be undone.
    for (const s of [...this.selected, ...this.excluded]) {
      if (list.some((v) => v.value === s)) continue;
      const known = this.values.find((v) => v.value === s);
      if (this.filtered === null || this.filtered.some((v) => v.value === s))
        list.push(known ?? { value: s, count: 0 });
    }
    return list;
  }

  private label(value: string): string {
    return this.options.facet === 'topic'
      ? topicLabel(value)
      : this.options.facet === 'kind'
        ? kindLabel(value)
        : speakerLabel(value);
  }

  private render(): void {
    const active = document.activeElement;
    const hadFocus = this.list.contains(active);
    const focusedValue = hadFocus ? ((active as HTMLElement).dataset.value ?? null) : null;
    const visible = this.visibleValues();
    const keep = new Set(visible.map((v) => v.value));
    for (const [value, item] of this.items) {
      if (!keep.has(value) && value !== focusedValue) {
        item.li.remove();
        this.items.delete(value);
      }
    }
    let previous: Element | null = null;
    for (const v of visible) {
      const item = this.items.get(v.value) ?? this.createItem(v.value);
      setText(item.count, formatCount(v.count));
      const checked = this.selected.includes(v.value);
      if (item.box.checked !== checked) item.box.checked = checked;
      item.li.classList.toggle('is-zero', v.count === 0);
      const excluded = this.excluded.includes(v.value);
      item.li.classList.toggle('is-excluded', excluded);
      item.not.hidden = !excluded;
      // Described as left out ("12, left out of the results"), since the box alone says only "not checked".
      setAttr(
        item.box,
        'aria-describedby',
        excluded ? `${item.box.id}-n ${item.box.id}-x` : `${item.box.id}-n`,
      );
      // Moving a node that holds focus would blur it; nodes already in place are left alone.
      const expected: Element | null = previous ? previous.nextElementSibling : this.list.firstElementChild;
      if (expected !== item.li) {
        if (previous) previous.after(item.li);
        else this.list.prepend(item.li);
      }
      previous = item.li;
    }
    // A focused value that has dropped out stays until focus leaves it, at the end.
    if (focusedValue !== null && !keep.has(focusedValue)) {
      const item = this.items.get(focusedValue);
      if (item && item.li.previousElementSibling !== previous) this.list.append(item.li);
    }
    const hidden = this.filtered ? 0 : Math.max(0, this.values.length - this.shown) + this.serverMore;
    this.more.hidden = hidden === 0;
    setText(
      this.more,
      hidden > MORE_STEP
        ? `Show ${MORE_STEP} more (of ${formatCount(hidden)})`
        : hidden > 0
          ? `Show ${formatCount(hidden)} more`
          : '',
    );
    this.empty.hidden = visible.length > 0;
    setText(this.empty, this.filtered ? 'No match' : 'None');
    this.clear.hidden = this.selected.length === 0;
    this.setRoving(
      this.focusValue !== null && this.items.has(this.focusValue)
        ? this.focusValue
        : (visible[0]?.value ?? null),
    );
    const revealed = this.focusAfterMore !== null ? this.boxes()[this.focusAfterMore] : undefined;
    if (revealed) {
      this.focusAfterMore = null;
      revealed.focus();
    } else if (hadFocus && !this.list.contains(document.activeElement)) this.focus();
    else if (focusedValue !== null && document.activeElement === document.body)
      this.items.get(focusedValue)?.box.focus();
  }

  private createItem(value: string): Item {
    const id = `fv-${++uid}`;
    const box = h('input', {
      type: 'checkbox',
      id,
      class: 'facet-box',
      tabindex: -1,
      'aria-describedby': `${id}-n`,
    });
    box.dataset.value = value;
    const label = h('label', { for: id, class: 'facet-label' }, this.label(value));
    if (this.options.facet === 'kind') label.title = kindDescription(value);
    else if (this.options.facet === 'topic') label.title = value;
    const count = h('span', { class: 'facet-count', id: `${id}-n` });
    const not = h(
      'span',
      { class: 'facet-not', id: `${id}-x`, hidden: true },
      h('span', { 'aria-hidden': 'true' }, 'not'),
      h('span', { class: 'visually-hidden' }, ', left out of the results'),
    );
    const li = h('li', { class: 'facet-value' }, box, label, not, count);
    const item = { li, box, count, not };
    this.items.set(value, item);
    return item;
  }

  private setRoving(value: string | null): void {
    this.focusValue = value;
    for (const [v, item] of this.items) setAttr(item.box, 'tabindex', v === value ? '0' : '-1');
  }

  private boxes(): HTMLInputElement[] {
    return [...this.list.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  }

  private focusIndex(index: number): void {
    const boxes = this.boxes();
    if (boxes.length === 0) return;
    const box = boxes[Math.max(0, Math.min(boxes.length - 1, index))];
    box?.focus();
  }

  private onListKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const boxes = this.boxes();
    const i = boxes.indexOf(e.target as HTMLInputElement);
    if (i < 0) return;
    const move = (to: number) => {
      e.preventDefault();
      this.focusIndex(to);
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') {
      if (i === 0 && this.filterInput) {
        e.preventDefault();
        this.filterInput.focus();
      } else move(i - 1);
    } else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(boxes.length - 1);
    else if (e.key === 'Enter') {
      // Enter toggles too, rather than opening a result from inside the facet.
      e.preventDefault();
      boxes[i]?.click();
    }
  }
}
