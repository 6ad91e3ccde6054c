/**
 * Where the words searched for are in a text: exact and fuzzy terms, prefixes and phrases,
 * as merged character ranges; and the excerpt around the densest of them.
 */
import { mergeRanges } from '../common/ranges';
import { forEachToken, STOP_WORDS, tokenize } from './analyzer';

/** What to mark in a text: words as indexed, prefixes being typed, phrases in order. */
export interface Highlighter {
  exact: Set<string>;
  prefixes: string[];
  phrases: string[][];
}

export function emptyHighlighter(): Highlighter {
  return { exact: new Set(), prefixes: [], phrases: [] };
}

/** Start/end offsets of each occurrence of `words` (folded, stop words included) in `text`. */
export function findPhrase(text: string, words: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (words.length === 0) return out;
  const toks = tokenize(text).filter((t) => !t.extra);
  for (let i = 0; i + words.length <= toks.length; i++) {
    let ok = true;
    for (let j = 0; j < words.length; j++) {
      if (toks[i + j]!.term !== words[j]) {
        ok = false;
        break;
      }
    }
    if (ok) out.push([toks[i]!.start, toks[i + words.length - 1]!.end]);
  }
  return out;
}

/** Offsets of the matched words in `text`: exact and fuzzy terms, prefixes and phrases. */
export function highlight(text: string, hl: Highlighter): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (hl.exact.size > 0 || hl.prefixes.length > 0) {
    forEachToken(text, (term, start, end) => {
      if (STOP_WORDS.has(term) && !hl.prefixes.some((p) => term.startsWith(p))) return;
      if (hl.exact.has(term) || hl.prefixes.some((p) => term.startsWith(p))) spans.push([start, end]);
    });
  }
  for (const words of hl.phrases) spans.push(...findPhrase(text, words));
  return mergeRanges(spans);
}

/** A plain-text excerpt of at most about `max` characters around the densest highlights. */
export function snippet(text: string, highlights: Array<[number, number]>, max: number): string {
  const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return clean(text);
  let bestStart = 0;
  let bestCount = -1;
  for (let i = 0; i < highlights.length; i++) {
    const s = highlights[i]![0];
    let c = 0;
    for (let j = i; j < highlights.length && highlights[j]![1] <= s + max - 40; j++) c++;
    if (c > bestCount) {
      bestCount = c;
      bestStart = s;
    }
  }
  let start = Math.max(0, bestStart - 40);
  if (start > 0) {
    const sp = text.lastIndexOf(' ', start);
    start = sp >= 0 && bestStart - sp < 80 ? sp + 1 : start;
  }
  let end = Math.min(text.length, start + max - 2);
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > start + max / 2) end = sp;
  }
  return `${start > 0 ? '…' : ''}${clean(text.slice(start, end))}${end < text.length ? '…' : ''}`;
}
