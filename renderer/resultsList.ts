/**
 * The results: a virtualised listbox. Only the rows in view (and a few around them) exist in
 * the DOM; rows are positioned absolutely over a spacer as tall as the whole list, so 10,000
 * results scroll as smoothly as 10. Hits are fetched page by page as rows come into view.
 * Grouped by document, the hits fetched so far are gathered under a header per document.
 */
import type { Hit } from '../main/common/contract';
import { pageLabel } from '../main/common/pages';
import { h, setAttr, setText } from './dom';
import { dateLabel } from './model/histogram';
import { kindLabel, reportedLabel } from './model/labels';
import type { Results } from './model/results';
import { snippetRuns } from './model/snippet';

/** How many hits are gathered when grouping by document (fetched in pages as needed). */
export const GROUP_LIMIT = 1000;
const OVERSCAN = 6;
const MAX_SPACER = 10_000_000;
const RANGE_DELAY_MS = 60;
/** Grouping gathers the hits of many rows at once, so its first request asks for more. */
const FIRST_PAGE_GROUPED = 60;

type Row = { type: 'hit'; index: number } | { type: 'doc'; docId: string; title: string; count: number };

export interface ResultsListOptions {
  /** Rows in [start, end) are in view: their hits should be fetched. */
  onRange(start: number, end: number): void;
  onOpen(index: number): void;
  onActive(index: number): void;
}

export class ResultsList {
  readonly el: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rendered = new Map<number, HTMLElement>();
  private results: Results | null = null;
  private grouped = false;
  private rows: Row[] | null = null;
  private offsets: number[] = [];
  private rowHeight = 0;
  private fullHeight = 0;
  private spacerHeight = 0;
  private headHeight = 0;
  /**
   * The list's scroll position and visible height, kept from scroll and resize events: reading
   * them from the element after a DOM write forces a layout, once per row as it was drawn.
   */
  private scrollPos = 0;
  private viewHeight = 0;
  private frame = 0;
  private rangeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The active row (an index into rows, which in the flat list is the hit's index), or -1. */
  private activeRow = -1;

  constructor(private readonly options: ResultsListOptions) {
    this.spacer = h('div', { class: 'results-spacer' });
    this.el = h(
      'div',
      { id: 'results', class: 'results-list', role: 'listbox', tabindex: 0, 'aria-label': 'Results' },
      this.spacer,
    );
    this.el.addEventListener(
      'scroll',
      () => {
        this.scrollPos = this.el.scrollTop;
        this.schedule();
      },
      { passive: true },
    );
    this.el.addEventListener('click', (e) => {
      const option = (e.target as HTMLElement).closest<HTMLElement>('[role=option][data-row]');
      const row = Number(option?.dataset.row ?? -1);
      const r = this.rowAt(row);
      if (r?.type === 'hit') {
        this.setActiveRow(row, false);
        this.options.onOpen(r.index);
      }
    });
    new ResizeObserver(() => {
      // Layout is clean when the observer runs, so these reads cost nothing.
      this.viewHeight = this.el.clientHeight;
      this.scrollPos = this.el.scrollTop;
      this.measure();
      this.schedule();
    }).observe(this.el);
  }

  /** New results (a new search) or more hits of the same search. */
  setResults(results: Results, grouped: boolean): void {
    const fresh = this.results?.key !== results.key || this.grouped !== grouped;
    this.results = results;
    this.grouped = grouped;
    if (fresh) {
      this.activeRow = -1;
      this.setScroll(0);
      // The rows stay: render() fills them with the new hits in place.
    }
    this.layout();
    this.render();
  }

  get total(): number {
    return this.results?.total ?? 0;
  }

  /** The hit index of the active row, or -1. */
  get active(): number {
    const r = this.rowAt(this.activeRow);
    return r?.type === 'hit' ? r.index : -1;
  }

  get activeId(): string | null {
    return this.activeRow >= 0 ? `result-${this.activeRow}` : null;
  }

  hit(index: number): Hit | undefined {
    return this.results?.hits.get(index);
  }

  /** Moves the active row by `delta` hits (skipping document headers); returns whether it moved. */
  move(delta: number): boolean {
    const count = this.rowCount();
    if (count === 0) return false;
    let row = this.activeRow < 0 ? (delta > 0 ? -1 : count) : this.activeRow;
    const step = Math.sign(delta);
    let left = Math.abs(delta);
    let target = this.activeRow;
    while (left > 0) {
      row += step;
      if (row < 0 || row >= count) break;
      if (this.rowAt(row)?.type === 'hit') {
        target = row;
        left--;
      }
    }
    if (target === this.activeRow || target < 0) return false;
    this.setActiveRow(target, true);
    return true;
  }

  first(): void {
    this.activeRow = -1;
    this.move(1);
  }

  last(): void {
    this.activeRow = this.rowCount();
    this.move(-1);
  }

  /** How many hits a new search should bring at first: the rows in view and those around them. */
  rowsWanted(): number {
    if (this.rowHeight === 0) this.measure();
    if (this.grouped || this.rowHeight === 0) return FIRST_PAGE_GROUPED;
    return Math.ceil(Math.max(this.viewHeight, this.rowHeight * 8) / this.rowHeight) + OVERSCAN;
  }

  /** Rows that fit in the visible part of the list, for PageUp/PageDown. */
  pageRows(): number {
    return Math.max(1, Math.floor(this.viewHeight / Math.max(1, this.rowHeight)) - 1);
  }

  /** Makes the hit active (e.g. the one the reader was opened at). */
  activateHit(index: number): void {
    const row = this.rows ? this.rows.findIndex((r) => r.type === 'hit' && r.index === index) : index;
    if (row >= 0 && row < this.rowCount()) this.setActiveRow(row, true);
  }

  clearActive(): void {
    if (this.activeRow < 0) return;
    this.activeRow = -1;
    this.render();
    this.options.onActive(-1);
  }

  private setActiveRow(row: number, scroll: boolean): void {
    this.activeRow = row;
    if (scroll) this.scrollToRow(row);
    this.render();
    const r = this.rowAt(row);
    this.options.onActive(r?.type === 'hit' ? r.index : -1);
  }

  private rowCount(): number {
    return this.rows ? this.rows.length : (this.results?.total ?? 0);
  }

  private rowAt(row: number): Row | undefined {
    if (row < 0) return undefined;
    if (this.rows) return this.rows[row];
    return row < this.rowCount() ? { type: 'hit', index: row } : undefined;
  }

  /** Where a row starts in the whole list, as if the list were drawn in full. */
  private top(row: number): number {
    return this.rows ? (this.offsets[row] ?? 0) : row * this.rowHeight;
  }

  /**
   * Browsers cap an element's height (about 33 million px in Chromium), so a list taller than
   * MAX_SPACER is drawn on a shorter spacer: the scroll position maps linearly to a position in
   * the full list, and the rows near it are placed around the scroll position at full size.
   */
  private ratio(): number {
    const view = this.viewHeight;
    const spacer = this.spacerHeight;
    return this.fullHeight > spacer && spacer > view ? (this.fullHeight - view) / (spacer - view) : 1;
  }

  private fullTop(): number {
    return this.scrollPos * this.ratio();
  }

  /** Where a row is drawn on the spacer. */
  private drawTop(row: number): number {
    const ratio = this.ratio();
    return ratio === 1 ? this.top(row) : this.scrollPos + (this.top(row) - this.fullTop());
  }

  private height(row: number): number {
    return this.rows ? (this.offsets[row + 1] ?? 0) - (this.offsets[row] ?? 0) : this.rowHeight;
  }

  private scrollToRow(row: number): void {
    if (this.rowHeight === 0) this.measure();
    const top = this.top(row);
    const bottom = top + this.height(row);
    const view = this.viewHeight;
    const ratio = this.ratio();
    const current = this.fullTop();
    if (top < current) this.setScroll(top / ratio);
    else if (bottom > current + view) this.setScroll((bottom - view) / ratio);
  }

  /** Scrolls the list, writing only when the position changes (the write forces a layout). */
  private setScroll(top: number): void {
    if (top === this.scrollPos) return;
    this.el.scrollTop = top;
    // The browser may clamp it; the scroll event that follows brings the true value.
    this.scrollPos = Math.max(0, Math.min(top, this.spacerHeight - this.viewHeight));
  }

  /** Reads the row heights the stylesheet gives (they follow the font size and zoom). */
  private measure(): void {
    if (this.viewHeight === 0) this.viewHeight = this.el.clientHeight;
    const probe = h(
      'div',
      { class: 'result', 'aria-hidden': 'true' },
      h('div', { class: 'result-meta' }, 'M'),
      h('div', { class: 'result-snippet' }, 'M'),
    );
    const head = h('div', { class: 'result-doc', 'aria-hidden': 'true' }, 'M');
    probe.classList.add('is-probe');
    head.classList.add('is-probe');
    this.el.append(probe, head);
    const rowHeight = probe.getBoundingClientRect().height || 64;
    const headHeight = head.getBoundingClientRect().height || 32;
    probe.remove();
    head.remove();
    if (rowHeight !== this.rowHeight || headHeight !== this.headHeight) {
      this.rowHeight = rowHeight;
      this.headHeight = headHeight;
      this.layout();
    }
  }

  private layout(): void {
    if (this.rowHeight === 0) this.measure();
    this.rows = this.grouped && this.results ? groupRows(this.results) : null;
    if (this.rows) {
      this.offsets = [0];
      let y = 0;
      for (const r of this.rows) {
        y += r.type === 'doc' ? this.headHeight : this.rowHeight;
        this.offsets.push(y);
      }
    }
    this.fullHeight = this.rows
      ? (this.offsets[this.offsets.length - 1] ?? 0)
      : this.rowCount() * this.rowHeight;
    this.spacerHeight = Math.min(this.fullHeight, MAX_SPACER);
    this.spacer.style.setProperty('height', `${this.spacerHeight}px`);
    if (this.activeRow >= this.rowCount()) this.activeRow = -1;
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /**
   * Asks for hits once scrolling pauses: dragging the scroll bar through 100,000 rows should
   * fetch the page where it stops, not every page it passes.
   */
  private requestRange(start: number, end: number): void {
    if (this.rangeTimer !== null) clearTimeout(this.rangeTimer);
    this.rangeTimer = setTimeout(() => {
      this.rangeTimer = null;
      this.options.onRange(start, end);
    }, RANGE_DELAY_MS);
  }

  /** The rows in view, plus some before and after. */
  private visibleRange(): [number, number] {
    const count = this.rowCount();
    if (count === 0 || this.rowHeight === 0) return [0, 0];
    const top = this.fullTop();
    const bottom = top + Math.max(this.viewHeight, this.rowHeight * 8);
    let first: number;
    let last: number;
    if (this.rows) {
      first = Math.max(0, upperBound(this.offsets, top) - 1);
      last = Math.min(count, upperBound(this.offsets, bottom));
    } else {
      first = Math.floor(top / this.rowHeight);
      last = Math.ceil(bottom / this.rowHeight);
    }
    return [Math.max(0, first - OVERSCAN), Math.min(count, last + OVERSCAN)];
  }

  render(): void {
    const results = this.results;
    if (!results) return;
    const [first, last] = this.visibleRange();
    // Rows that left the range are refilled for rows coming into it, rather than rebuilt.
    const spare: HTMLElement[] = [];
    for (const [row, el] of this.rendered) {
      if (row < first || row >= last) {
        this.rendered.delete(row);
        if (el.dataset.kind === 'hit') spare.push(el);
        else el.remove();
      }
    }
    const missing: number[] = [];
    for (let row = first; row < last; row++) {
      const r = this.rowAt(row);
      if (!r) continue;
      let el = this.rendered.get(row);
      const hit = r.type === 'hit' ? results.hits.get(r.index) : undefined;
      if (r.type === 'hit' && !hit) missing.push(r.index);
      const lost =
        r.type === 'hit' && !hit
          ? results.unavailable.find((u) => r.index >= u.start && r.index < u.end)
          : undefined;
      const key =
        r.type === 'doc'
          ? `doc:${r.docId}:${r.count}`
          : hit
            ? `hit:${hit.id}`
            : lost
              ? 'unavailable'
              : 'loading';
      if (!el || el.dataset.key !== `${results.key}|${key}`) {
        let next: HTMLElement;
        if (hit && el?.dataset.kind === 'hit') next = fillHitRow(el, hit);
        else if (hit && spare.length > 0) next = fillHitRow(spare.pop() as HTMLElement, hit);
        else
          next =
            r.type === 'doc'
              ? docRow(r)
              : hit
                ? fillHitRow(hitRow(), hit)
                : lost
                  ? unavailableRow(lost.message)
                  : loadingRow();
        next.dataset.key = `${results.key}|${key}`;
        next.dataset.row = String(row);
        next.id = `result-${row}`;
        if (el && el !== next) el.replaceWith(next);
        else if (!next.parentNode) this.spacer.append(next);
        el = next;
        this.rendered.set(row, el);
      }
      const transform = `translateY(${this.drawTop(row)}px)`;
      if (el.style.transform !== transform) el.style.setProperty('transform', transform);
      if (r.type === 'hit') {
        setAttr(el, 'aria-selected', row === this.activeRow ? 'true' : 'false');
        if (!this.rows) {
          setAttr(el, 'aria-posinset', String(r.index + 1));
          setAttr(el, 'aria-setsize', String(results.total));
        }
      }
    }
    for (const el of spare) el.remove();
    if (missing.length > 0) this.requestRange(Math.min(...missing), Math.max(...missing) + 1);
    if (this.grouped && results.total > 0) {
      // Grouping needs the hits it groups: fetch on until the cap.
      const wanted = Math.min(results.total, GROUP_LIMIT);
      if (results.hits.size < wanted) this.options.onRange(0, wanted);
    }
    setAttr(
      this.el,
      'aria-activedescendant',
      this.activeId !== null && this.rendered.has(this.activeRow) ? this.activeId : null,
    );
  }
}

function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Hits fetched so far, gathered by document in the order each document first appears. */
function groupRows(results: Results): Row[] {
  const byDoc = new Map<string, { title: string; hits: number[] }>();
  const limit = Math.min(results.total, GROUP_LIMIT);
  for (let i = 0; i < limit; i++) {
    const hit = results.hits.get(i);
    if (!hit) continue;
    const group = byDoc.get(hit.docId) ?? { title: hit.title, hits: [] };
    group.hits.push(i);
    byDoc.set(hit.docId, group);
  }
  const rows: Row[] = [];
  for (const [docId, g] of byDoc) {
    rows.push({ type: 'doc', docId, title: g.title, count: g.hits.length });
    for (const index of g.hits) rows.push({ type: 'hit', index });
  }
  return rows;
}

/** An empty hit row, filled by `fillHitRow`. */
function hitRow(): HTMLElement {
  const meta = h(
    'div',
    { class: 'result-meta' },
    h('span', { class: 'result-speaker' }),
    h('span', { class: 'kind-badge' }),
    h('span', { class: 'result-date' }),
    h('span', { class: 'result-title' }),
  );
  const el = h(
    'div',
    { role: 'option', class: 'result', 'aria-selected': 'false' },
    meta,
    h('div', { class: 'result-snippet' }),
  );
  el.dataset.kind = 'hit';
  return el;
}

/** Writes a hit into a row made by `hitRow`, touching only what differs from what it showed. */
function fillHitRow(el: HTMLElement, hit: Hit): HTMLElement {
  const meta = el.firstElementChild as HTMLElement;
  const snippet = el.lastElementChild as HTMLElement;
  const [speaker, badge, date, title] = Array.from(meta.children) as HTMLElement[];
  if (!speaker || !badge || !date || !title) throw new Error('renderer: a result row lost its parts');
  setAttr(speaker, 'class', `result-speaker${hit.speaker ? '' : ' is-none'}`);
  setText(speaker, hit.speaker ?? 'No speaker');
  setAttr(badge, 'class', `kind-badge kind-${hit.kind}`);
  setText(badge, kindLabel(hit.kind));
  setText(date, hit.date ? dateLabel(hit.date) : 'Undated');
  setAttr(title, 'title', hit.path);
  setText(title, hit.title || hit.path);
  let page = meta.querySelector<HTMLElement>('.result-page');
  if (hit.page === undefined) page?.remove();
  else {
    if (!page) meta.append((page = h('span', { class: 'result-page' })));
    setAttr(page, 'title', hit.ocr ? 'read by OCR' : null);
    setText(page, pageLabel(hit));
  }
  let reported = meta.querySelector<HTMLElement>('.result-group');
  if (!hit.group) reported?.remove();
  else {
    if (!reported) meta.append((reported = h('span', { class: 'result-group' })));
    setText(reported, reportedLabel(hit.group));
  }
  snippet.replaceChildren(
    ...snippetRuns(hit.text, hit.highlights).map((run) =>
      run.mark ? h('mark', {}, run.text) : document.createTextNode(run.text),
    ),
  );
  return el;
}

function docRow(row: { title: string; count: number }): HTMLElement {
  const el = h('div', { role: 'option', class: 'result-doc', 'aria-disabled': 'true' });
  const title = h('span', { class: 'result-doc-title' });
  setText(title, row.title);
  el.append(title, h('span', { class: 'result-doc-count' }, `${row.count}`));
  return el;
}

function unavailableRow(message: string): HTMLElement {
  return h(
    'div',
    { role: 'option', class: 'result is-unavailable', 'aria-selected': 'false' },
    h('div', { class: 'result-meta' }, 'Could not be loaded'),
    h('div', { class: 'result-snippet' }, message),
  );
}

function loadingRow(): HTMLElement {
  return h(
    'div',
    { role: 'option', class: 'result is-loading', 'aria-selected': 'false', 'aria-busy': 'true' },
    h('div', { class: 'result-meta' }, h('span', { class: 'skeleton' }, 'Loading…')),
    h('div', { class: 'result-snippet' }),
  );
}
