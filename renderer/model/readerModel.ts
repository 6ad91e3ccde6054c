/**
 * What the reader shows of a document, worked out without a DOM: which statements are marked
 * and in which speaker's colour, where the query's words occur, and the runs of text that
 * result when both are laid over the clean text.
 */
import type { Hit, Passage, PassageKind } from '../../main/common/contract';
import { parseQuery, type ParsedQuery } from '../../main/common/query';
import { normaliseRanges } from './snippet';

/** How many distinct speaker colours the stylesheet defines (`.sp-0` … `.sp-9`). */
export const SPEAKER_COLOURS = 10;

export interface LegendEntry {
  speaker: string;
  colour: number;
  statements: number;
}

/** Quotes and turns with a speaker are marked; narrative prose is not. */
export function isMarked(p: Passage): boolean {
  return p.speaker !== null && (p.kind === 'quote' || p.kind === 'turn');
}

/** Speakers in order of first appearance, each with a colour and the number of statements. */
export function speakerLegend(passages: readonly Passage[]): LegendEntry[] {
  const byName = new Map<string, LegendEntry>();
  for (const p of [...passages].sort((a, b) => a.start - b.start)) {
    if (!isMarked(p) || p.speaker === null) continue;
    const entry = byName.get(p.speaker);
    if (entry) entry.statements++;
    else byName.set(p.speaker, { speaker: p.speaker, colour: byName.size % SPEAKER_COLOURS, statements: 1 });
  }
  return [...byName.values()];
}

/** The words and phrases of a query that should be highlighted in a text (not its filters or exclusions). */
export function queryTerms(query: string | ParsedQuery): string[] {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  const terms = parsed.groups.flat().map((t) => t.text.trim().toLowerCase());
  return [...new Set(terms.filter((t) => t.length >= 2))];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the terms occur in `text`: a word matches at the start of a word and runs to the
 * word's end (the engine matches prefixes and word forms too), a phrase matches as written
 * with any whitespace between its words. Case is ignored.
 */
export function findTermRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    const words = term.split(/\s+/).filter(Boolean).map(escapeRegExp);
    if (words.length === 0) continue;
    const pattern = words.length === 1 ? `${words[0]}[\\p{L}\\p{N}]*` : words.join('\\s+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}`, 'giu');
    for (const m of text.matchAll(re)) {
      if (m.index !== undefined) ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return normaliseRanges(ranges, text.length);
}

export interface PassageFilter {
  speakers: readonly string[];
  kinds: readonly PassageKind[];
}

/** Whether a passage is one the search could have returned, given its speaker and kind filters. */
export function passageMatches(p: Passage, filter: PassageFilter): boolean {
  if (filter.kinds.length > 0 && !filter.kinds.includes(p.kind)) return false;
  if (filter.speakers.length === 0) return true;
  const who = (p.speaker ?? '').toLowerCase();
  return filter.speakers.some(
    (s) => who !== '' && (who === s.toLowerCase() || who.includes(s.toLowerCase())),
  );
}

/** The hits of a query in a document: term occurrences inside the passages the filters allow. */
export function documentHits(
  text: string,
  passages: readonly Passage[],
  terms: readonly string[],
  filter: PassageFilter,
): Array<[number, number]> {
  if (terms.length === 0) return [];
  const all = findTermRanges(text, terms);
  if (filter.speakers.length === 0 && filter.kinds.length === 0) return all;
  const allowed = passages.filter((p) => passageMatches(p, filter));
  return all.filter(([s, e]) => allowed.some((p) => s >= p.start && e <= p.end));
}

/**
 * A hit's own highlights (the engine's exact matches) as offsets into the document text. A
 * long passage's hit carries only a window of it, starting `textStart` into the passage, so
 * its highlights are shifted by that too. Nothing when the window is not where the hit says
 * (the document changed since the search), so no mark lands on the wrong words.
 */
export function hitRangesInDocument(
  text: string,
  opened: Passage,
  hit: Pick<Hit, 'id' | 'text' | 'highlights' | 'textStart'>,
): Array<[number, number]> {
  if (hit.id !== opened.id) return [];
  const windowStart = opened.start + (hit.textStart ?? 0);
  const windowEnd = windowStart + hit.text.length;
  if (windowEnd > opened.end || text.slice(windowStart, windowEnd) !== hit.text) return [];
  return hit.highlights.map(([s, e]) => [windowStart + s, windowStart + e]);
}

export interface Segment {
  start: number;
  end: number;
  /** Index into the passages array of the marked statement this text belongs to, or -1. */
  passage: number;
  /** Index of the hit this text is part of, or -1. */
  hit: number;
}

/**
 * The text cut at every boundary of a marked passage and of a hit. Where marked passages
 * overlap, the one that starts last (the innermost) wins.
 */
export function segments(
  textLength: number,
  passages: readonly Passage[],
  hits: ReadonlyArray<readonly [number, number]>,
  extraCuts: readonly number[] = [],
): Segment[] {
  const marked = passages
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => isMarked(p) && p.end > p.start && p.start < textLength)
    .sort((a, b) => a.p.start - b.p.start);
  const cuts = new Set<number>([0, textLength, ...extraCuts]);
  for (const { p } of marked) {
    cuts.add(Math.max(0, p.start));
    cuts.add(Math.min(textLength, p.end));
  }
  for (const [s, e] of hits) {
    cuts.add(s);
    cuts.add(e);
  }
  const points = [...cuts].filter((c) => c >= 0 && c <= textLength).sort((a, b) => a - b);
  const out: Segment[] = [];
  let m = 0;
  const active: Array<{ p: Passage; i: number }> = [];
  let h = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    while (m < marked.length && marked[m]!.p.start <= start) active.push(marked[m++]!);
    for (let a = active.length - 1; a >= 0; a--) if (active[a]!.p.end <= start) active.splice(a, 1);
    while (h < hits.length && hits[h]![1] <= start) h++;
    const inHit = h < hits.length && hits[h]![0] <= start && hits[h]![1] >= end;
    const inner = active[active.length - 1];
    out.push({ start, end, passage: inner ? inner.i : -1, hit: inHit ? h : -1 });
  }
  return out;
}

/** The index of the passage that contains an offset (the innermost marked one first), or -1. */
export function passageAt(passages: readonly Passage[], offset: number): number {
  let best = -1;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i]!;
    if (offset < p.start || offset >= p.end) continue;
    const b = best >= 0 ? passages[best]! : null;
    if (!b || (isMarked(p) && !isMarked(b)) || (isMarked(p) === isMarked(b) && p.start >= b.start)) best = i;
  }
  return best;
}

/** A transcript's speaker label (`MS. PSAKI: `, `Q `) in front of a turn, shown as its badge instead. */
export interface TurnLabel {
  start: number;
  end: number;
  /** The label as written, without its colon. */
  text: string;
}

const MAX_LABEL = 60;
const MAX_LABEL_WORDS = 6;

/**
 * The labels written in front of marked turns: the text from the start of the turn's line
 * to the turn, when it is a few words that read as a label (they end in a colon, or are a
 * single letter such as the `Q` of a press briefing). Keyed by the turn's index in `passages`.
 */
export function turnLabels(text: string, passages: readonly Passage[]): Map<number, TurnLabel> {
  const labels = new Map<number, TurnLabel>();
  passages.forEach((p, i) => {
    if (p.kind !== 'turn' || !isMarked(p) || p.start <= 0) return;
    const lineStart = text.lastIndexOf('\n', p.start - 1) + 1;
    const written = text.slice(lineStart, p.start);
    const trimmed = written.trim();
    if (trimmed === '' || written.length > MAX_LABEL || trimmed.split(/\s+/).length > MAX_LABEL_WORDS) return;
    if (trimmed.endsWith(':') || /^\p{Lu}\.?$/u.test(trimmed)) {
      labels.set(i, { start: lineStart, end: p.start, text: trimmed.replace(/:$/, '').trim() });
    }
  });
  return labels;
}
