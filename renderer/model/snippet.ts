/**
 * Text with marked ranges, cut into runs the views render as text nodes and `<mark>`s.
 * Pure string work, shared by the result snippets and the reader.
 */
import { mergeRanges } from '../../main/common/ranges';

export interface Run {
  text: string;
  mark: boolean;
}

/** Sorted, clipped to [0, length], overlapping or touching ranges merged, empty ones dropped. */
export function normaliseRanges(
  ranges: ReadonlyArray<readonly [number, number]>,
  length: number,
): Array<[number, number]> {
  const clipped = ranges
    .map(([s, e]): [number, number] => [Math.max(0, Math.min(length, s)), Math.max(0, Math.min(length, e))])
    .filter(([s, e]) => e > s);
  return mergeRanges(clipped);
}

/** The runs of `text` between `start` and `end`, with the given ranges marked. */
export function markRuns(
  text: string,
  ranges: ReadonlyArray<readonly [number, number]>,
  start = 0,
  end = text.length,
): Run[] {
  const runs: Run[] = [];
  let at = start;
  for (const [s, e] of normaliseRanges(ranges, text.length)) {
    if (e <= start || s >= end) continue;
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    if (from > at) runs.push({ text: text.slice(at, from), mark: false });
    runs.push({ text: text.slice(from, to), mark: true });
    at = to;
  }
  if (at < end) runs.push({ text: text.slice(at, end), mark: false });
  return runs;
}

const ELLIPSIS = '…';

/**
 * A snippet of at most about `maxChars` characters around the first marked range: it starts
 * a little before that range (at a word boundary) so the match shows on the first line, and
 * says with an ellipsis where text was cut. Whitespace runs are collapsed to one space.
 */
export function snippetRuns(
  text: string,
  highlights: ReadonlyArray<readonly [number, number]>,
  maxChars = 240,
  lead = 48,
): Run[] {
  const ranges = normaliseRanges(highlights, text.length);
  const first = ranges[0];
  let start = 0;
  if (first && first[0] > lead) {
    start = first[0] - lead;
    // Move forward to the start of a word so the snippet does not open mid-word.
    const space = text.slice(start, first[0]).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const cut = text.slice(start, end).search(/\s\S*$/);
    if (cut > 0 && start + cut > (first?.[1] ?? start)) end = start + cut;
  }
  const runs = markRuns(text, ranges, start, end).map((r) => ({ ...r, text: r.text.replace(/\s+/g, ' ') }));
  if (start > 0) runs.unshift({ text: ELLIPSIS, mark: false });
  if (end < text.length) runs.push({ text: ELLIPSIS, mark: false });
  return runs;
}
