/**
 * The "Over time" chart without the DOM: the request for the current search, the chart's
 * geometry (one line per series, labelled axes), the names a screen reader hears for each
 * point, moving between points by key, and the search a point stands for.
 */
import type { TimelineRequest, TimelineResponse, TimelineSeries } from '../../main/common/timeline';
import { setDateRange, setQuery, type UiState } from './state';

/** The request for the timeline of the search in `state` (its query, filters and range). */
export function timelineRequestFor(state: UiState): TimelineRequest {
  return {
    q: state.q.trim(),
    speaker: state.speaker,
    topic: state.topic,
    kind: state.kind,
    ...(state.notSpeaker.length > 0 ? { notSpeaker: state.notSpeaker } : {}),
    ...(state.notTopic.length > 0 ? { notTopic: state.notTopic } : {}),
    ...(state.notKind.length > 0 ? { notKind: state.notKind } : {}),
    ...(state.from !== null ? { from: state.from } : {}),
    ...(state.to !== null ? { to: state.to } : {}),
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A period as people say it: `2021`, `March 2021`, `15 March 2021`. */
export function periodLabel(key: string): string {
  const month = MONTHS[Number(key.slice(5, 7)) - 1];
  if (key.length < 7 || month === undefined) return key.slice(0, 4);
  if (key.length < 10) return `${month} ${key.slice(0, 4)}`;
  return `${Number(key.slice(8, 10))} ${month} ${key.slice(0, 4)}`;
}

/** A period on the axis, short: `2021`, `Mar 2021`, `15 Mar`. */
export function tickLabel(key: string): string {
  const month = MONTHS[Number(key.slice(5, 7)) - 1]?.slice(0, 3);
  if (key.length < 7 || month === undefined) return key.slice(0, 4);
  if (key.length < 10) return `${month} ${key.slice(0, 4)}`;
  return `${Number(key.slice(8, 10))} ${month}`;
}

export function statements(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'statement' : 'statements'}`;
}

/** What a screen reader says for a point: `Joe Biden, March 2021: 14 statements`. */
export function pointLabel(series: TimelineSeries, key: string, count: number): string {
  return `${series.label}, ${periodLabel(key)}: ${statements(count)}`;
}

const UNIT = { year: 'year', month: 'month', day: 'day' } as const;

/** One sentence for the chart as a whole. */
export function chartSummary(t: TimelineResponse): string {
  if (t.buckets.length === 0) return 'No dated statements match this search.';
  const first = periodLabel(t.buckets[0]!);
  const last = periodLabel(t.buckets[t.buckets.length - 1]!);
  const span = first === last ? first : `${first} to ${last}`;
  return `Statements per ${UNIT[t.granularity]}, ${span}.`;
}

/** What the chart leaves out or does not show by itself, in sentences under it. */
export function chartNotes(t: TimelineResponse): string[] {
  const notes: string[] = [];
  const undated = t.series.filter((s) => s.undated > 0).map((s) => `${s.label}: ${s.undated}`);
  if (undated.length > 0)
    notes.push(`Not on the chart (undated, or dated only to a coarser period): ${undated.join(', ')}.`);
  // The results list searches the query as typed: every word of every term at once.
  if (t.by === 'term' && t.series.length > 1) {
    const either = t.series.map((s) => s.label).join(' OR ');
    notes.push(`The results list holds statements with all of these words; search ${either} for either.`);
  }
  return [...notes, ...t.notes];
}

export interface ChartSize {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_SIZE: ChartSize = { width: 640, height: 220, left: 44, right: 16, top: 24, bottom: 30 };

export interface ChartPoint {
  series: number;
  bucket: number;
  x: number;
  y: number;
  count: number;
}

export interface ChartGeometry {
  /** Per series: its SVG path and its points, in bucket order. */
  lines: Array<{ path: string; points: ChartPoint[] }>;
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  /** The plot area: where the axes are drawn. */
  plot: { left: number; right: number; top: number; bottom: number };
}

/** The smallest of 1, 2, 5 × 10^k (a whole number) that is at least `v`. */
function niceStep(v: number): number {
  if (v <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * power >= v) return m * power;
  return 10 * power;
}

/** Ticks from 0 to a round top at or above `max`, about four steps. */
export function countTicks(max: number): number[] {
  const step = niceStep(Math.max(1, max) / 4);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Where everything goes in a `size.width` × `size.height` drawing. */
export function chartGeometry(
  t: TimelineResponse,
  size: ChartSize = CHART_SIZE,
  maxXTicks = 7,
): ChartGeometry {
  const plot = {
    left: size.left,
    right: size.width - size.right,
    top: size.top,
    bottom: size.height - size.bottom,
  };
  const n = t.buckets.length;
  const max = Math.max(0, ...t.series.flatMap((s) => s.counts));
  const ticks = countTicks(max);
  const top = ticks[ticks.length - 1]!;
  const xOf = (i: number) =>
    round(n <= 1 ? (plot.left + plot.right) / 2 : plot.left + (i * (plot.right - plot.left)) / (n - 1));
  const yOf = (c: number) => round(plot.bottom - (c / top) * (plot.bottom - plot.top));
  const lines = t.series.map((s, series) => {
    const points = s.counts.map((count, bucket) => ({
      series,
      bucket,
      x: xOf(bucket),
      y: yOf(count),
      count,
    }));
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
    return { path, points };
  });
  const every = Math.max(1, Math.ceil(n / maxXTicks));
  const xTicks: ChartGeometry['xTicks'] = [];
  for (let i = 0; i < n; i += every) xTicks.push({ x: xOf(i), label: tickLabel(t.buckets[i]!) });
  const yTicks = ticks.map((v) => ({ y: yOf(v), label: v.toLocaleString('en-US') }));
  return { lines, xTicks, yTicks, plot };
}

/** The focused point: a series and a bucket. */
export interface PointFocus {
  series: number;
  bucket: number;
}

/**
 * The point a key moves to: ← → along the series, ↑ ↓ to the series above or below in the
 * legend, Home / End to the first / last period; null when the key does not move.
 */
export function movePoint(
  at: PointFocus,
  key: string,
  seriesCount: number,
  bucketCount: number,
): PointFocus | null {
  if (seriesCount === 0 || bucketCount === 0) return null;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowRight':
      return { ...at, bucket: clamp(at.bucket + 1, bucketCount) };
    case 'ArrowLeft':
      return { ...at, bucket: clamp(at.bucket - 1, bucketCount) };
    case 'ArrowDown':
      return { ...at, series: clamp(at.series + 1, seriesCount) };
    case 'ArrowUp':
      return { ...at, series: clamp(at.series - 1, seriesCount) };
    case 'Home':
      return { ...at, bucket: 0 };
    case 'End':
      return { ...at, bucket: bucketCount - 1 };
    default:
      return null;
  }
}

/** The first point with matches (the one focus lands on when the chart is entered). */
export function firstPoint(t: TimelineResponse): PointFocus {
  for (let bucket = 0; bucket < t.buckets.length; bucket++)
    for (let series = 0; series < t.series.length; series++)
      if ((t.series[series]!.counts[bucket] ?? 0) > 0) return { series, bucket };
  return { series: 0, bucket: 0 };
}

/** The search a point stands for: its period, and its speaker or term. */
export function stateForPoint(state: UiState, t: TimelineResponse, at: PointFocus): UiState {
  const series = t.series[at.series];
  const key = t.buckets[at.bucket];
  if (series === undefined || key === undefined) return state;
  let next = setDateRange(state, key, key);
  if (series.speaker !== undefined)
    next = {
      ...next,
      speaker: [series.speaker],
      notSpeaker: next.notSpeaker.filter((s) => s !== series.speaker),
    };
  if (series.q !== undefined) next = setQuery(next, series.q);
  return next;
}
