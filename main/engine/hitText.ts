/**
 * The text a hit carries, bounded whatever the passage's length: the passage itself when it
 * is short, else a window around its densest highlights; at most HIT_HIGHLIGHTS highlights,
 * as offsets into the text carried. A passage of megabytes gives a hit of a few kilobytes;
 * the reader takes the full passage from its document.
 */
import { LIMITS, type Hit } from '../common/contract';
import { highlight, snippet, type Highlighter } from './highlight';

/** Highlights are looked for this many characters at a time (cut at a space), so a long
 * passage is scanned only until enough are found. A phrase across a cut is not marked. */
const SCAN_CHUNK = 65_536;
/** Highlights gathered to place the window in a long passage. */
const WINDOW_CANDIDATES = 1_000;

/** The part of a hit that carries its text; the contract documents each field. */
export type HitText = Pick<
  Hit,
  'text' | 'snippet' | 'highlights' | 'textStart' | 'passageLength' | 'highlightsCut'
>;

export function hitText(passage: string, hl: Highlighter, snippetLength: number): HitText {
  const maxChars = LIMITS.hitTextLength;
  const maxMarks = LIMITS.hitHighlights;
  if (passage.length <= maxChars) {
    const { spans, complete } = highlightUpTo(passage, hl, maxMarks + 1);
    const cut = !complete || spans.length > maxMarks;
    const highlights = spans.slice(0, maxMarks);
    return {
      text: passage,
      snippet: snippet(passage, highlights, snippetLength),
      highlights,
      ...(cut ? { highlightsCut: true as const } : {}),
    };
  }
  const { spans, complete } = highlightUpTo(passage, hl, WINDOW_CANDIDATES);
  const [start, end] = windowAround(passage, spans, maxChars);
  const inside = spans.filter(([s, e]) => s >= start && e <= end);
  const highlights = inside.slice(0, maxMarks).map(([s, e]): [number, number] => [s - start, e - start]);
  const text = passage.slice(start, end);
  const cut = !complete || inside.length !== spans.length || inside.length > maxMarks;
  return {
    text,
    snippet: snippet(text, highlights, snippetLength),
    highlights,
    textStart: start,
    passageLength: passage.length,
    ...(cut ? { highlightsCut: true as const } : {}),
  };
}

/** Highlights from the start of `text`, chunk by chunk, until at least `want` are found. */
export function highlightUpTo(
  text: string,
  hl: Highlighter,
  want: number,
): { spans: Array<[number, number]>; complete: boolean } {
  const spans: Array<[number, number]> = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + SCAN_CHUNK);
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space > from) to = space;
    }
    for (const [s, e] of highlight(text.slice(from, to), hl)) spans.push([s + from, e + from]);
    from = to;
    if (spans.length >= want) return { spans, complete: from >= text.length };
  }
  return { spans, complete: true };
}

/** A window of at most `max` characters starting a little before the densest highlights. */
function windowAround(text: string, spans: Array<[number, number]>, max: number): [number, number] {
  let best = spans[0]?.[0] ?? 0;
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]![0];
    if (j < i) j = i;
    while (j < spans.length && spans[j]![1] <= s + max * 0.75) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = s;
    }
  }
  let start = Math.max(0, best - Math.floor(max / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < best) start = space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + max / 2) end = space;
  }
  return [start, end];
}
