/**
 * The facet panel: speaker, topic and kind as lists of checkboxes with counts (a roving
 * focus inside each list: arrows move, Space toggles), and the date as a histogram with a
 * selectable range, year and month presets, and from/to fields.
 */
import type { FacetValue } from '../main/common/contract';
import { formatCount, h, plural, setAttr, setText } from './dom';
import { bucketInRange, dateHistogram, dateLabel, datePresets, type Histogram } from './model/histogram';
import { FACET_TITLES, kindDescription, kindLabel, topicLabel } from './model/labels';
import { isIsoDate, type ListFacet } from './model/state';

export interface ListFacetOptions {
  facet: ListFacet;
  keys: string;
  /** How many values show before "more". */
  initial: number;
  filterable: boolean;
  onToggle(value: string): void;
  onClear(): void;
  /** Called with the filter box's text (speaker facet): the owner fetches matching values. */
  onFilter?(text: string): void;
}

interface Item {
  li: HTMLLIElement;
  box: HTMLInputElement;
  count: HTMLSpanElement;
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
  private filtered: FacetValue[] | null = null;
  private selected: string[] = [];
  private focusValue: string | null = null;

  constructor(private readonly options: ListFacetOptions) {
    this.shown = options.initial;
    const id = `facet-${options.facet}`;
    const title = FACET_TITLES[options.facet];
    this.clear = h('button', { type: 'button', class: 'link-button facet-clear', hidden: true }, 'Clear');
    this.clear.setAttribute('aria-label', `Clear ${title.toLowerCase()} filter`);
    this.clear.addEventListener('click', () => options.onClear());
    this.list = h('ul', { class: 'facet-values', 'aria-labelledby': `${id}-title` });
    this.more = h('button', { type: 'button', class: 'link-button facet-more', hidden: true });
    this.more.addEventListener('click', () => {
      this.shown += 40;
      this.render();
    });
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
      input.addEventListener('input', () => options.onFilter?.(input.value.trim()));
      input.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowDown' && !e.altKey) {
          e.preventDefault();
          this.focusIndex(0);
        } else if (e.key === 'Enter') {
          // Enter picks the first value found, the quickest way from a name to a filter.
          e.preventDefault();
          const first = this.visibleValues()[0];
          if (first) {
            options.onToggle(first.value);
            this.focusValue = first.value;
          }
        } else if (e.key === 'Escape' && input.value !== '') {
          e.preventDefault();
          input.value = '';
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
      h(
        'div',
        { class: 'facet-head' },
        h(
          'h2',
          { id: `${id}-title`, class: 'facet-title', title: `${title} (${options.keys})` },
          title,
          h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, options.keys),
        ),
        this.clear,
      ),
      this.filterInput,
      this.list,
      this.empty,
      this.more,
    );
  }

  /** New counts (and the values matching the filter box, when it has text). */
  update(values: FacetValue[], selected: string[], filtered: FacetValue[] | null = this.filtered): void {
    this.values = values;
    this.selected = selected;
    this.filtered = filtered;
    this.render();
  }

  setFiltered(filtered: FacetValue[] | null): void {
    this.filtered = filtered;
    this.render();
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
    // Selected values stay in view (with their count, or 0) so they can always be unticked.
    for (const s of this.selected) {
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
        : value;
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
    const source = this.filtered ?? this.values;
    const hidden = this.filtered ? 0 : Math.max(0, source.length - this.shown);
    this.more.hidden = hidden === 0;
    setText(
      this.more,
      hidden > 40 ? `Show 40 more (of ${formatCount(hidden)})` : hidden > 0 ? `Show ${hidden} more` : '',
    );
    this.empty.hidden = visible.length > 0;
    setText(this.empty, this.filtered ? 'No match' : 'None');
    this.clear.hidden = this.selected.length === 0;
    this.setRoving(
      this.focusValue !== null && this.items.has(this.focusValue)
        ? this.focusValue
        : (visible[0]?.value ?? null),
    );
    if (hadFocus && !this.list.contains(document.activeElement)) this.focus();
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
    const li = h('li', { class: 'facet-value' }, box, label, count);
    const item = { li, box, count };
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

export interface DateFacetOptions {
  keys: string;
  onRange(from: string | null, to: string | null): void;
}

/** The date facet: a histogram of matches over time, presets and a typed range. */
export class DateFacetView {
  readonly el: HTMLElement;
  private readonly bars: HTMLDivElement;
  private readonly caption: HTMLParagraphElement;
  private readonly yearSelect: HTMLSelectElement;
  private readonly monthSelect: HTMLSelectElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly clear: HTMLButtonElement;
  private histogram: Histogram = { granularity: 'year', buckets: [], max: 0, unplaced: 0 };
  private from: string | null = null;
  private to: string | null = null;
  private anchor: string | null = null;
  private focusKey: string | null = null;

  constructor(private readonly options: DateFacetOptions) {
    const id = 'facet-date';
    this.clear = h(
      'button',
      { type: 'button', class: 'link-button facet-clear', hidden: true, 'aria-label': 'Clear date filter' },
      'Clear',
    );
    this.clear.addEventListener('click', () => options.onRange(null, null));
    this.bars = h('div', {
      class: 'histogram',
      role: 'group',
      'aria-label': 'Matches over time. Enter selects a bar, Shift+Enter extends the range to it.',
    });
    this.bars.addEventListener('keydown', (e) => this.onBarsKey(e));
    this.bars.addEventListener('click', (e) => {
      const bar = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-key]');
      if (bar?.dataset.key) this.pick(bar.dataset.key, e.shiftKey);
    });
    this.caption = h('p', { class: 'histogram-caption' });
    this.yearSelect = h('select', { class: 'date-preset', 'aria-label': 'Year' });
    this.monthSelect = h('select', { class: 'date-preset', 'aria-label': 'Month' });
    for (const select of [this.yearSelect, this.monthSelect]) {
      select.addEventListener('change', () => {
        const v = select.value;
        options.onRange(v === '' ? null : v, v === '' ? null : v);
      });
    }
    const field = (label: string, name: string) => {
      const input = h('input', {
        type: 'text',
        class: 'date-input',
        name,
        inputmode: 'numeric',
        placeholder: 'YYYY-MM-DD',
        'aria-label': label,
        autocomplete: 'off',
        spellcheck: 'false',
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          this.applyInputs();
        }
      });
      input.addEventListener('change', () => this.applyInputs());
      return input;
    };
    this.fromInput = field('From date', 'from');
    this.toInput = field('To date', 'to');
    this.el = h(
      'section',
      { class: 'facet', id, 'aria-labelledby': `${id}-title` },
      h(
        'div',
        { class: 'facet-head' },
        h(
          'h2',
          { id: `${id}-title`, class: 'facet-title', title: `Date (${options.keys})` },
          'Date',
          h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, options.keys),
        ),
        this.clear,
      ),
      this.bars,
      this.caption,
      h('div', { class: 'date-presets' }, this.yearSelect, this.monthSelect),
      h(
        'div',
        { class: 'date-range' },
        this.fromInput,
        h('span', { 'aria-hidden': 'true' }, '–'),
        this.toInput,
      ),
    );
  }

  update(values: FacetValue[], from: string | null, to: string | null): void {
    this.from = from;
    this.to = to;
    this.histogram = dateHistogram(values);
    this.renderBars();
    this.renderPresets(values);
    if (document.activeElement !== this.fromInput) this.fromInput.value = from ?? '';
    if (document.activeElement !== this.toInput) this.toInput.value = to ?? '';
    this.fromInput.classList.remove('is-invalid');
    this.toInput.classList.remove('is-invalid');
    this.clear.hidden = from === null && to === null;
  }

  focus(): void {
    const bars = this.barButtons();
    const target =
      bars.find((b) => b.dataset.key === this.focusKey) ??
      bars.find((b) => b.getAttribute('aria-pressed') === 'true') ??
      bars[bars.length - 1];
    if (target) target.focus();
    else this.fromInput.focus();
  }

  contains(el: Element | null): boolean {
    return el !== null && this.el.contains(el);
  }

  private barButtons(): HTMLButtonElement[] {
    return [...this.bars.querySelectorAll<HTMLButtonElement>('button[data-key]')];
  }

  private renderBars(): void {
    const { buckets, max, granularity, unplaced } = this.histogram;
    const focused = this.bars.contains(document.activeElement)
      ? ((document.activeElement as HTMLElement).dataset.key ?? null)
      : null;
    const existing = new Map(this.barButtons().map((b) => [b.dataset.key ?? '', b]));
    const wanted = buckets.map((b) => b.key);
    const same = wanted.length === existing.size && wanted.every((k) => existing.has(k));
    if (!same) {
      this.bars.replaceChildren(
        ...buckets.map((b) => {
          const bar = h(
            'button',
            { type: 'button', class: 'bar', tabindex: -1 },
            h('span', { class: 'bar-fill' }),
          );
          bar.dataset.key = b.key;
          return bar;
        }),
      );
    }
    if (this.focusKey === null || !wanted.includes(this.focusKey)) {
      this.focusKey =
        buckets.find((b) => bucketInRange(b.key, this.from, this.to))?.key ??
        buckets[buckets.length - 1]?.key ??
        null;
    }
    for (const bar of this.barButtons()) {
      const key = bar.dataset.key ?? '';
      const count = buckets.find((b) => b.key === key)?.count ?? 0;
      const fill = bar.firstElementChild as HTMLElement;
      // CSSOM, not a style attribute: the CSP allows the one and not the other.
      fill.style.setProperty(
        '--h',
        max > 0 ? `${Math.max(count > 0 ? 4 : 0, Math.round((count / max) * 100))}%` : '0%',
      );
      const label = `${dateLabel(key)}: ${plural(count, 'match', 'matches')}`;
      setAttr(bar, 'aria-label', label);
      setAttr(bar, 'title', label);
      setAttr(bar, 'aria-pressed', bucketInRange(key, this.from, this.to) ? 'true' : 'false');
      setAttr(bar, 'tabindex', key === this.focusKey ? '0' : '-1');
    }
    if (focused !== null && document.activeElement === document.body) this.focus();
    const first = buckets[0]?.key;
    const last = buckets[buckets.length - 1]?.key;
    const span =
      first && last ? `${dateLabel(first)} – ${dateLabel(last)}, by ${granularity}` : 'No dated matches';
    setText(
      this.caption,
      unplaced > 0 ? `${span}; ${plural(unplaced, 'match', 'matches')} dated less precisely` : span,
    );
  }

  private renderPresets(values: FacetValue[]): void {
    const { years, months } = datePresets(values);
    const fill = (
      select: HTMLSelectElement,
      anyLabel: string,
      list: Array<{ key: string; count: number }>,
    ) => {
      const current = this.from !== null && this.from === this.to ? this.from : '';
      const options = [
        h('option', { value: '' }, anyLabel),
        ...list.map((b) => h('option', { value: b.key }, `${dateLabel(b.key)} (${formatCount(b.count)})`)),
      ];
      if (
        current !== '' &&
        !list.some((b) => b.key === current) &&
        current.length === (select === this.yearSelect ? 4 : 7)
      ) {
        options.push(h('option', { value: current }, `${dateLabel(current)} (0)`));
      }
      if (document.activeElement !== select) select.replaceChildren(...options);
      select.value = options.some((o) => o.value === current) ? current : '';
    };
    fill(this.yearSelect, 'Any year', years);
    fill(this.monthSelect, 'Any month', months);
  }

  private applyInputs(): void {
    const from = this.fromInput.value.trim();
    const to = this.toInput.value.trim();
    const fromOk = from === '' || isIsoDate(from);
    const toOk = to === '' || isIsoDate(to);
    this.fromInput.classList.toggle('is-invalid', !fromOk);
    this.toInput.classList.toggle('is-invalid', !toOk);
    setAttr(this.fromInput, 'aria-invalid', fromOk ? null : 'true');
    setAttr(this.toInput, 'aria-invalid', toOk ? null : 'true');
    if (!fromOk || !toOk) return;
    if ((from || null) === this.from && (to || null) === this.to) return;
    this.options.onRange(from || null, to || null);
  }

  /** Selects a bar, or (extend) the range from the last picked bar to this one. */
  private pick(key: string, extend: boolean): void {
    this.focusKey = key;
    if (extend && this.anchor !== null) {
      const [a, b] = this.anchor < key ? [this.anchor, key] : [key, this.anchor];
      this.options.onRange(a, b);
    } else {
      this.anchor = key;
      this.options.onRange(key, key);
    }
  }

  private onBarsKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const bars = this.barButtons();
    const i = bars.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    const go = (to: number) => {
      e.preventDefault();
      const bar = bars[Math.max(0, Math.min(bars.length - 1, to))];
      if (!bar) return;
      this.focusKey = bar.dataset.key ?? null;
      for (const b of bars) b.tabIndex = b === bar ? 0 : -1;
      bar.focus();
    };
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(bars.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const key = bars[i]?.dataset.key;
      if (key) this.pick(key, e.shiftKey);
    }
  }
}
