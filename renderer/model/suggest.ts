/**
 * Suggestions for a search that found nothing: the nearest spelling of a word, taken from
 * words the corpus really contains, never invented.
 */

import { allowedDistance, editDistance } from '../../main/common/editDistance';

export { allowedDistance, editDistance };

/**
 * The candidate closest to `word` within the allowed distance (ties go to the more frequent
 * candidate, as listed first), or null. Case is ignored; the candidate is returned lower-cased.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  const max = allowedDistance(w);
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const raw of candidates) {
    const c = raw.toLowerCase();
    if (c === w) continue;
    const d = editDistance(w, c, max);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** The words marked in hits (highlight ranges of their text), most frequent first. */
export function highlightedWords(
  hits: ReadonlyArray<{ text: string; highlights: ReadonlyArray<readonly [number, number]> }>,
): string[] {
  const counts = new Map<string, number>();
  for (const h of hits) {
    for (const [s, e] of h.highlights) {
      const word = h.text.slice(s, e).toLowerCase();
      if (/^[\p{L}\p{N}'-]+$/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

/** The query with its last plain word (not a filter, phrase or exclusion) replaced. */
export function replaceLastWord(query: string, replacement: string): string | null {
  const re = /(^|\s)([\p{L}\p{N}'-]+)(\s*)$/u;
  const m = re.exec(query);
  if (!m || m[2]?.startsWith('-')) return null;
  return `${query.slice(0, m.index + (m[1]?.length ?? 0))}${replacement}${m[3] ?? ''}`;
}

/** The last plain word of a query, if it ends in one. */
export function lastWord(query: string): string | null {
  const m = /(^|\s)([\p{L}\p{N}'][\p{L}\p{N}'-]*)\s*$/u.exec(query);
  return m?.[2] ?? null;
}
