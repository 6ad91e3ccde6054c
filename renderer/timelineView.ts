/**
 * "Over time": a line chart of the current search's matches per period, one line per
 * selected speaker or compared term, drawn in SVG above the results. Its points take the
 * focus in turn (a roving tabindex): arrows move, Enter runs the search for that point,
 * Esc closes the chart. The geometry and the words come from model/timeline.ts.
 */
import type { DictumBridge } from '../main/common/bridge';
import type { TimelineResponse } from '../main/common/timeline';
import { h, setAttr, setText } from './dom';
import type { LiveRegion } from './liveRegion';
import type { UiState } from './model/state';
import {
  CHART_SIZE,
  chartGeometry,
  chartNotes,
  chartSummary,
  firstPoint,
  movePoint,
  pointLabel,
  stateForPoint,
  statements,
  timelineRequestFor,
  type PointFocus,
} from './model/timeline';

const SVG = 'http://www.w3.org/2000/svg';
const AXIS_TITLE = { year: 'Year', month: 'Month', day: 'Day' } as const;
/** Waits this long after the last change before asking (typing changes the search at every key). */
const DEBOUNCE_MS = 200;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: Array<SVGElement | string>
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const c of children) el.append(c);
  return el;
}

export interface TimelineViewOptions {
  bridge: Pick<DictumBridge, 'timeline'>;
  live: LiveRegion;
  keys: string;
  /** Runs the search a point stands for. */
  run(next: UiState): void;
  /** Where focus goes when the chart closes or a point's search runs. */
  leave(to: 'search' | 'results'): void;
  state(): UiState;
}

export class TimelineView {
  readonly el: HTMLElement;
  /** The results head's toggle, kept in step with the chart's state. */
  readonly button: HTMLButtonElement;
  private readonly status: HTMLParagraphElement;
  private readonly legend: HTMLUListElement;
  private readonly chart: SVGSVGElement;
  private readonly footnote: HTMLParagraphElement;
  private response: TimelineResponse | null = null;
  private focusAt: PointFocus = { series: 0, bucket: 0 };
  private points: SVGCircleElement[][] = [];
  private requestKey = '';
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: TimelineViewOptions) {
    this.button = h(
      'button',
      { type: 'button', class: 'tool-button', 'aria-expanded': 'false', 'aria-controls': 'timeline' },
      'Over time',
    );
    this.button.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    const close = h('button', { type: 'button', class: 'link-button' }, 'Close');
    close.addEventListener('click', () => this.close());
    this.status = h('p', { class: 'timeline-status', id: 'timeline-summary' });
    this.legend = h('ul', { class: 'timeline-legend', 'aria-label': 'Series' });
    this.chart = svg('svg', {
      class: 'timeline-chart',
      viewBox: `0 0 ${CHART_SIZE.width} ${CHART_SIZE.height}`,
      role: 'group',
      'aria-labelledby': 'timeline-title',
      'aria-describedby': 'timeline-summary',
    });
    this.chart.addEventListener('click', (e) => {
      const point = (e.target as Element).closest('circle[data-series]');
      if (point instanceof SVGCircleElement) this.runPoint(this.pointOf(point));
    });
    this.footnote = h('p', { class: 'timeline-footnote' });
    this.el = h(
      'section',
      // Focusable itself, so focus is in the chart while its first answer is on its way.
      { class: 'timeline', id: 'timeline', 'aria-labelledby': 'timeline-title', hidden: true, tabindex: -1 },
      h(
        'div',
        { class: 'timeline-head' },
        h(
          'h2',
          { class: 'timeline-title', id: 'timeline-title' },
          'Over time',
          h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, options.keys),
        ),
        this.status,
        h('span', { class: 'spacer' }),
        close,
      ),
      this.legend,
      this.chart,
      this.footnote,
    );
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => {
      if (this.isOpen && this.response !== null && this.drawnWidth !== this.chart.clientWidth) this.redraw();
    }).observe(this.chart);
  }

  private drawnWidth = 0;

  /** Draws the current answer again (at a new width), keeping the focused point. */
  private redraw(): void {
    if (this.response === null) return;
    const hadFocus = this.chart.contains(document.activeElement);
    this.draw(this.response);
    this.setRoving();
    if (hadFocus) this.focus();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** The key's three steps: open and focus the chart; focus it; close it (from inside). */
  toggle(active: Element | null): void {
    if (!this.isOpen) this.open();
    else if (active !== null && this.el.contains(active)) this.close();
    else this.focus();
  }

  open(): void {
    this.el.hidden = false;
    setAttr(this.button, 'aria-expanded', 'true');
    this.fetch(true);
    this.focus();
  }

  close(): void {
    const hadFocus = this.el.contains(document.activeElement);
    this.el.hidden = true;
    setAttr(this.button, 'aria-expanded', 'false');
    if (this.timer !== null) clearTimeout(this.timer);
    this.sequence++;
    this.requestKey = '';
    if (hadFocus) this.options.leave('search');
  }

  /** Follows the search while open; asks again only when the request changes. */
  update(): void {
    if (!this.isOpen) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetch(false), DEBOUNCE_MS);
  }

  /** The corpus changed: asks again for the same search (when open). */
  recount(): void {
    this.requestKey = '';
    this.update();
  }

  private focus(): void {
    const point = this.points[this.focusAt.series]?.[this.focusAt.bucket];
    if (point) point.focus();
    else this.el.focus();
  }

  private fetch(force: boolean): void {
    this.timer = null;
    const request = timelineRequestFor(this.options.state());
    const key = JSON.stringify(request);
    if (!force && key === this.requestKey) return;
    this.requestKey = key;
    const ticket = ++this.sequence;
    setAttr(this.el, 'aria-busy', 'true');
    if (this.response === null) setText(this.status, 'Counting…');
    this.options.bridge.timeline(request).then(
      (response) => {
        if (ticket !== this.sequence) return;
        setAttr(this.el, 'aria-busy', null);
        this.render(response);
      },
      (error: unknown) => {
        if (ticket !== this.sequence) return;
        setAttr(this.el, 'aria-busy', null);
        this.requestKey = '';
        setText(this.status, `The chart could not be drawn: ${(error as Error).message}`);
      },
    );
  }

  private render(t: TimelineResponse): void {
    const active = document.activeElement;
    const hadFocus = active === this.el || this.chart.contains(active);
    const previous = this.response;
    this.response = t;
    setText(this.status, chartSummary(t));
    this.legend.replaceChildren(
      ...t.series.map((s, i) =>
        h(
          'li',
          { class: `timeline-key sp-${i % 8}` },
          this.swatch(i),
          h('span', { class: 'timeline-key-label' }, s.label),
          h('span', { class: 'timeline-key-count' }, statements(s.total)),
        ),
      ),
    );
    setText(this.footnote, chartNotes(t).join(' '));
    this.draw(t);
    // The same point when the chart is redrawn for the same series, else the first with matches.
    const same =
      previous !== null &&
      previous.series.length === t.series.length &&
      previous.buckets.join() === t.buckets.join();
    this.focusAt = same ? this.clamped(this.focusAt, t) : firstPoint(t);
    this.setRoving();
    if (hadFocus) this.focus();
  }

  private clamped(at: PointFocus, t: TimelineResponse): PointFocus {
    return {
      series: Math.min(at.series, Math.max(0, t.series.length - 1)),
      bucket: Math.min(at.bucket, Math.max(0, t.buckets.length - 1)),
    };
  }

  private swatch(i: number): SVGSVGElement {
    return svg(
      'svg',
      { class: 'timeline-swatch', viewBox: '0 0 24 8', 'aria-hidden': 'true' },
      svg('line', { x1: 1, y1: 4, x2: 23, y2: 4, class: `timeline-line dash-${i % 4}` }),
    );
  }

  private draw(t: TimelineResponse): void {
    // Drawn at the width it is shown at, so text and points keep their size on any screen.
    const width = Math.max(320, Math.round(this.chart.clientWidth || CHART_SIZE.width));
    const size = { ...CHART_SIZE, width };
    this.chart.setAttribute('viewBox', `0 0 ${width} ${size.height}`);
    const g = chartGeometry(t, size);
    const { plot } = g;
    const axes = svg('g', { class: 'timeline-axes', 'aria-hidden': 'true' });
    for (const tick of g.yTicks) {
      axes.append(
        svg('line', { class: 'timeline-grid', x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y }),
        svg(
          'text',
          { class: 'timeline-tick', x: plot.left - 6, y: tick.y + 4, 'text-anchor': 'end' },
          tick.label,
        ),
      );
    }
    for (const tick of g.xTicks) {
      axes.append(
        svg('line', { class: 'timeline-axis', x1: tick.x, x2: tick.x, y1: plot.bottom, y2: plot.bottom + 4 }),
        svg(
          'text',
          { class: 'timeline-tick', x: tick.x, y: plot.bottom + 16, 'text-anchor': 'middle' },
          tick.label,
        ),
      );
    }
    axes.append(
      svg('line', {
        class: 'timeline-axis',
        x1: plot.left,
        x2: plot.right,
        y1: plot.bottom,
        y2: plot.bottom,
      }),
      svg('line', { class: 'timeline-axis', x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom }),
      svg(
        'text',
        { class: 'timeline-axis-title', x: plot.right, y: size.height - 2, 'text-anchor': 'end' },
        AXIS_TITLE[t.granularity],
      ),
      svg('text', { class: 'timeline-axis-title', x: 2, y: plot.top - 12 }, 'Statements'),
    );
    const series = t.series.map((s, i) => {
      const line = g.lines[i]!;
      const group = svg('g', { class: `sp-${i % 8}` });
      group.append(
        svg('path', { class: `timeline-line dash-${i % 4}`, d: line.path, 'aria-hidden': 'true' }),
      );
      const circles = line.points.map((p) =>
        svg('circle', {
          class: 'timeline-point',
          cx: p.x,
          cy: p.y,
          r: 3.5,
          role: 'button',
          tabindex: -1,
          'data-series': i,
          'data-bucket': p.bucket,
          'aria-label': pointLabel(s, t.buckets[p.bucket]!, p.count),
        }),
      );
      group.append(...circles);
      return { group, circles };
    });
    this.points = series.map((s) => s.circles);
    this.chart.replaceChildren(axes, ...series.map((s) => s.group));
    this.drawnWidth = this.chart.clientWidth;
  }

  private pointOf(el: Element): PointFocus {
    return { series: Number(el.getAttribute('data-series')), bucket: Number(el.getAttribute('data-bucket')) };
  }

  private setRoving(): void {
    for (const row of this.points) for (const c of row) c.setAttribute('tabindex', '-1');
    this.points[this.focusAt.series]?.[this.focusAt.bucket]?.setAttribute('tabindex', '0');
  }

  private onKey(e: KeyboardEvent): void {
    const t = this.response;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
      return;
    }
    const target = e.target instanceof Element ? e.target.closest('circle[data-series]') : null;
    if (t === null || target === null) return;
    const at = this.pointOf(target);
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.runPoint(at);
      return;
    }
    const next = movePoint(at, e.key, t.series.length, t.buckets.length);
    if (next === null) return;
    e.preventDefault();
    this.focusAt = next;
    this.setRoving();
    this.focus();
  }

  private runPoint(at: PointFocus): void {
    const t = this.response;
    if (t === null) return;
    const series = t.series[at.series];
    const key = t.buckets[at.bucket];
    if (series === undefined || key === undefined) return;
    this.focusAt = at;
    this.options.run(stateForPoint(this.options.state(), t, at));
    this.options.live.say(`Showing ${pointLabel(series, key, series.counts[at.bucket] ?? 0)}`);
    this.options.leave('results');
  }
}
