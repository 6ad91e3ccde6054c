/**
 * The timeline ("Over time"): how many statements of a search fall in each period, one
 * series per selected speaker or per term of a comma-separated comparison. Pure: the
 * service computes it (main/engine/timeline.ts), the renderer draws it, the CLI prints it.
 *
 * Which series a request draws (`series`, default `auto`):
 * - `term`: the query split at its commas (`climate, inflation`), each part searched as a
 *   query of its own with the request's facet selections;
 * - `speaker`: one series per selected speaker (`speaker`), with the query as it is;
 * - `total`: one series, every match of the search;
 * - `auto`: `term` when the query has two parts or more, else `speaker` when a speaker is
 *   selected, else `total`.
 */
import type { Static } from '@sinclair/typebox';
import type { TimelineSeriesMode } from './contractConstants';
import type { TimelineRequestSchema } from './schemas';

export { TIMELINE_MAX_SERIES, TIMELINE_SERIES_MODES, type TimelineSeriesMode } from './contractConstants';

export type TimelineRequest = Static<typeof TimelineRequestSchema>;
export type TimelineSeriesBy = Exclude<TimelineSeriesMode, 'auto'>;

/** The bucket sizes, chosen by the range of the matches as the date facet does (dateFacet.ts). */
export type TimelineGranularity = 'year' | 'month' | 'day';

export interface TimelineSeries {
  /** The speaker's name, the term, or "All matches". */
  label: string;
  /** Set for a speaker series: the speaker filter that makes it. */
  speaker?: string;
  /** Set for a term series: the query that makes it. */
  q?: string;
  /** Every match of the series, dated or not. */
  total: number;
  /** Matches per bucket, aligned with the response's `buckets`. */
  counts: number[];
  /** Matches not on the chart: without a date, or dated less precisely than the buckets (a year on a monthly chart). */
  undated: number;
}

export interface TimelineResponse {
  query: string;
  /** The series mode the request resolved to. */
  by: TimelineSeriesBy;
  granularity: TimelineGranularity;
  /** Every period from the first match to the last, in order: `2021`, `2021-03` or `2021-03-15`. */
  buckets: string[];
  series: TimelineSeries[];
  notes: string[];
  tookMs: number;
}

/** The label of the single series of `by: total`. */
export const ALL_MATCHES_LABEL = 'All matches';

/** A query's comma-separated parts (commas inside double quotes do not split), trimmed, empty ones dropped. */
export function comparisonTerms(q: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of q) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The series mode `auto` stands for, given the query and the selected speakers. */
export function resolveSeriesMode(
  mode: TimelineSeriesMode,
  q: string,
  speakers: readonly string[],
): TimelineSeriesBy {
  if (mode !== 'auto') return mode;
  if (comparisonTerms(q).length >= 2) return 'term';
  if (speakers.length > 0) return 'speaker';
  return 'total';
}
