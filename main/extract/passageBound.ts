/**
 * A bound on the length of what reading handles as one paragraph. A file with no paragraph
 * breaks (a scraped speech, a 40 MB dump) would otherwise become one passage that no search
 * result can show and that every later stage walks as a whole. The cut is made by a plain
 * scan of characters (no regular expression runs over the unbounded text).
 */

/**
 * Longest paragraph, in characters, that reading keeps whole: about 300 words. Longer than
 * 99.9% of the paragraphs of news and transcripts (White House briefings: 3 of 188,839 are
 * longer; Kremlin: 2 of 53,312), so in practice only speeches without paragraph breaks and
 * files with none are cut.
 */
export const MAX_PARAGRAPH_CHARS = 2000;

/**
 * Memory budget of reading one file: at most this many bytes of memory per byte of the file,
 * above what the process held before. The corpus reader skips a file whose budget does not fit
 * in the memory left (main/corpus/memoryBudget.ts). Every stage is linear in the text; a file in
 * one paragraph is held once (its clean text is the decoded text), a file of many paragraphs
 * twice while it is read. `bench/eval/bigFile.ts` measures it: 40 MB of text read and indexed
 * peaked at 5.2–5.9 bytes per byte in one paragraph, 6.9–7.4 in paragraphs (bench/eval/RESULTS.md).
 */
export const READING_MEMORY_FACTOR = 8;

/** A cut never leaves a piece shorter than this share of the bound when it can help it. */
const MIN_PIECE_SHARE = 0.25;

const SENTENCE_END = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const OPENERS = new Set(['“', '«', '„']);
/** Abbreviations whose full stop ends no sentence ("Mr. Putin", "U.S. officials"). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'sen',
  'rep',
  'gov',
  'gen',
  'lt',
  'col',
  'jr',
  'sr',
  'capt',
  'rev',
  'sgt',
  'prof',
  'amb',
  'adm',
  'vs',
  'no',
  'e.g',
  'i.e',
]);

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0';
}

/** The word that ends right before `at` (lower case), for telling abbreviations apart. */
function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && at - i < 6 && !isSpace(text[i - 1])) i--;
  return text.slice(i, at).toLowerCase();
}

/**
 * Where a sentence that ends at `i` (a full stop, "!" or "?") is followed by the next one:
 * the index of the first character of the next sentence, or -1 when `i` ends no sentence.
 */
function nextSentenceAt(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && CLOSERS.has(text[j] as string)) j++;
  if (j >= text.length || !isSpace(text[j])) return -1;
  while (j < text.length && isSpace(text[j])) j++;
  const next = text[j];
  if (next === undefined) return -1;
  const opens = next === '"' || OPENERS.has(next) || /[\p{Lu}\p{N}]/u.test(next);
  if (!opens) return -1;
  if (text[i] === '.') {
    const word = wordBefore(text, i);
    if (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(text[i - 1] ?? '')) return -1;
  }
  return j;
}

/**
 * Splits `text` into pieces of at most `max` characters, each ending at a sentence end when
 * one lies in its last three quarters, preferring ends outside quotation marks; else at a
 * space; else (one unbroken word) at `max`. Returns [start, end) offsets of the pieces,
 * trimmed of the whitespace between them. Linear in the length of the text.
 */
export function boundedPieces(text: string, max = MAX_PARAGRAPH_CHARS): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let start = 0;
  let inQuote = false;
  while (text.length - start > max) {
    const limit = start + max;
    const earliest = start + Math.floor(max * MIN_PIECE_SHARE);
    let outside = -1;
    let outsideQuoteState = false;
    let anySentence = -1;
    let anyQuoteState: boolean = inQuote;
    let space = -1;
    let spaceQuoteState: boolean = inQuote;
    let quote: boolean = inQuote;
    for (let i = start; i < limit; i++) {
      const ch = text[i] as string;
      if (ch === '"') quote = !quote;
      else if (OPENERS.has(ch)) quote = true;
      else if (ch === '”' || ch === '»') quote = false;
      if (i < earliest) continue;
      if (isSpace(ch)) {
        space = i;
        spaceQuoteState = quote;
      }
      if (SENTENCE_END.has(ch)) {
        const next = nextSentenceAt(text, i);
        if (next > 0 && next <= limit) {
          // the closing marks right after the stop belong to this sentence
          let end = i + 1;
          while (CLOSERS.has(text[end] as string)) end++;
          let state: boolean = quote;
          for (let k = i + 1; k < end; k++) if (text[k] === '"' || text[k] === '”') state = false;
          anySentence = end;
          anyQuoteState = state;
          if (!state) {
            outside = end;
            outsideQuoteState = state;
          }
        }
      }
    }
    let cut: number;
    if (outside > 0) {
      cut = outside;
      inQuote = outsideQuoteState;
    } else if (anySentence > 0) {
      cut = anySentence;
      inQuote = anyQuoteState;
    } else if (space > 0) {
      cut = space;
      inQuote = spaceQuoteState;
    } else {
      cut = limit;
      // never split a surrogate pair
      if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
      inQuote = quote;
    }
    let end = cut;
    while (end > start && isSpace(text[end - 1])) end--;
    if (end > start) pieces.push([start, end]);
    start = cut;
    while (start < text.length && isSpace(text[start])) start++;
  }
  let end = text.length;
  while (end > start && isSpace(text[end - 1])) end--;
  if (end > start) pieces.push([start, end]);
  return pieces;
}
