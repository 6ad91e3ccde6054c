/**
 * The date facet: a histogram of matches over time (a roving focus over its bars: arrows
 * move, Enter selects, Shift+Enter extends), year and month presets, and a typed range.
 */
import type { FacetValue } from '../main/common/contract';
import { formatCount, h, plural, setAttr, setText } from './dom';
import { facetClearButton, facetHead } from './facetHead';
import { bucketInRange, dateHistogram, dateLabel, datePresets, type Histogram } from './model/histogram';
import { isIsoDate } from './model/state';

export interface DateFacetOptions {
  keys: string;
  onRange(from: string | null, to: string | null): void;
}

export class DateFacetView {
  readonly el: HTMLElement;
  private readonly bars: HTMLDivElement;
  private readonly caption: HTMLParagraphElement;
  private readonly yTitle: HTMLSpanElement;
  private readonly yMax: HTMLSpanElement;
  private readonly xFirst: HTMLSpanElement;
  private readonly xLast: HTMLSpanElement;
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
    this.clear = facetClearButton('Date', () => options.onRange(null, null));
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
    // Axes for the eye; the bars' own names and the caption say the same to a screen reader.
    this.yTitle = h('span', { class: 'axis-title' });
    this.yMax = h('span', { class: 'axis-max' });
    this.xFirst = h('span', { class: 'axis-first' });
    this.xLast = h('span', { class: 'axis-last' });
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
      facetHead(id, 'Date', options.keys, this.clear),
      h(
        'div',
        { class: 'histogram-plot' },
        h('div', { class: 'axis-head', 'aria-hidden': 'true' }, this.yTitle),
        h(
          'div',
          { class: 'axis-y', 'aria-hidden': 'true' },
          this.yMax,
          h('span', { class: 'axis-zero' }, '0'),
        ),
        this.bars,
        h('div', { class: 'axis-x', 'aria-hidden': 'true' }, this.xFirst, this.xLast),
      ),
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

  /** New counts and the range in force; `typed` when the range comes from the query's text. */
  update(values: FacetValue[], from: string | null, to: string | null, typed = false): void {
    this.from = from;
    this.to = to;
    this.histogram = dateHistogram(values);
    this.renderBars();
    this.renderPresets(values);
    if (document.activeElement !== this.fromInput) this.fromInput.value = typed ? '' : (from ?? '');
    if (document.activeElement !== this.toInput) this.toInput.value = typed ? '' : (to ?? '');
    this.fromInput.classList.remove('is-invalid');
    this.toInput.classList.remove('is-invalid');
    this.clear.hidden = typed || (from === null && to === null);
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
    const counts = new Map(buckets.map((b) => [b.key, b.count]));
    for (const bar of this.barButtons()) {
      const key = bar.dataset.key ?? '';
      const count = counts.get(key) ?? 0;
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
    setText(this.yTitle, buckets.length > 0 ? `Matches per ${granularity}` : '');
    setText(this.yMax, buckets.length > 0 ? formatCount(max) : '');
    setText(this.xFirst, first ? dateLabel(first) : '');
    setText(this.xLast, last && last !== first ? dateLabel(last) : '');
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
      // Rebuilt only when what it lists changed: most keystrokes change no year or month.
      const signature = `${current}|${list.map((b) => `${b.key}:${b.count}`).join(',')}`;
      if (select.dataset.signature === signature) return;
      if (document.activeElement !== select) select.dataset.signature = signature;
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
