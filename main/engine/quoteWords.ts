/**
 * The words of a quote as quote groups compare them: case, accents, punctuation, curly quotes,
 * ellipses and dashes do not count; only the sequence of words does. Also the word shingles
 * used to find quotes that share their words, and a word-level diff between two versions.
 */
import { fnv1a } from '../common/hash';
import { fold } from './analyzer';

/** Words per shingle: three keeps a one-word change from hiding a shared sentence. */
export const SHINGLE_WORDS = 3;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The words of `text`, lower-cased and without accents or punctuation ("don’t" → "don't"). */
export function quoteWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(WORD)) words.push(fold(match[0]).replace(/’/g, "'"));
  return words;
}

/** The distinct shingle hashes of a word list, sorted ascending (the order prefix filtering uses). */
export function shinglesOf(words: readonly string[]): Uint32Array {
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    hashes.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  return Uint32Array.from(hashes).sort();
}

/** How many values two ascending arrays share. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

export type DiffOp = 'same' | 'added' | 'removed';

/** A run of words that both versions share, or that only the variant has, or only the reference. */
export interface DiffPart {
  op: DiffOp;
  words: string;
}

/**
 * The variant's words against the reference's, word by word (longest common subsequence over
 * the normalised words; the parts show the variant's own spelling). A variant that quotes only
 * part of the reference is a fragment: the reference's words before and after it are left out.
 */
export function wordDiff(reference: string, variant: string): { parts: DiffPart[]; fragment: boolean } {
  const refWords = [...reference.matchAll(WORD)].map((m) => m[0]);
  const varWords = [...variant.matchAll(WORD)].map((m) => m[0]);
  const a = refWords.map((w) => fold(w).replace(/’/g, "'"));
  const b = varWords.map((w) => fold(w).replace(/’/g, "'"));
  const n = a.length;
  const m = b.length;
  // A table of n×m cells; quotes are bounded passages, so this stays small.
  const lcs = new Uint16Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] =
        a[i] === b[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const ops: Array<{ op: DiffOp; word: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ op: 'same', word: varWords[j]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[at(i, j + 1)]! >= lcs[at(i + 1, j)]!)) {
      ops.push({ op: 'added', word: varWords[j]! });
      j++;
    } else {
      ops.push({ op: 'removed', word: refWords[i]! });
      i++;
    }
  }
  let first = 0;
  let last = ops.length;
  while (first < last && ops[first]!.op === 'removed') first++;
  while (last > first && ops[last - 1]!.op === 'removed') last--;
  const fragment = first > 0 || last < ops.length;
  const parts: DiffPart[] = [];
  for (const { op, word } of ops.slice(first, last)) {
    const previous = parts[parts.length - 1];
    if (previous && previous.op === op) previous.words += ` ${word}`;
    else parts.push({ op, words: word });
  }
  return { parts, fragment };
}
