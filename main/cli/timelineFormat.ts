/**
 * `dictum timeline` output: a CSV table (one row per period, one column per series) for a
 * spreadsheet, or aligned text for a terminal.
 */
import { csvField } from '../common/exportRows';
import type { TimelineResponse } from '../common/timeline';

/** RFC 4180 with a header row: `period,<series 1>,<series 2>,…`, then one row per period. */
export function timelineCsv(response: TimelineResponse): string {
  const rows = [['period', ...response.series.map((s) => s.label)].map(csvField).join(',')];
  response.buckets.forEach((period, i) => {
    rows.push([period, ...response.series.map((s) => String(s.counts[i] ?? 0))].map(csvField).join(','));
  });
  return `${rows.join('\r\n')}\r\n`;
}

/** The table as text, with each series' total and what the chart leaves out. */
export function timelineText(response: TimelineResponse): string {
  const lines: string[] = [];
  const header = ['period', ...response.series.map((s) => s.label)];
  const body = response.buckets.map((period, i) => [
    period,
    ...response.series.map((s) => String(s.counts[i] ?? 0)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  lines.push(
    `by ${response.granularity}, ${response.by === 'total' ? 'all matches' : `one series per ${response.by}`}`,
  );
  for (const note of response.notes) lines.push(`note: ${note}`);
  lines.push('', line(header), ...body.map(line), '');
  for (const s of response.series) {
    const undated = s.undated > 0 ? ` (${s.undated} not on the chart: undated or dated less precisely)` : '';
    lines.push(`${s.label}: ${s.total} match${s.total === 1 ? '' : 'es'}${undated}`);
  }
  return `${lines.join('\n')}\n`;
}
