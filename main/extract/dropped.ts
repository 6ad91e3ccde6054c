/**
 * What reading leaves out on purpose, counted under a named reason, so that an evaluation can
 * tell text left out by design from text lost by a bug (every word of a source paragraph is
 * either in some passage or under one of these reasons).
 */

export type DropReason =
  /** A Markdown file's YAML header: read as metadata (title, date, tags), not as text. */
  | 'front matter'
  /** Markup around the words: link targets, inline HTML tags. */
  | 'markup'
  /** A paragraph that repeats the one before it or a long one seen earlier (a scraper's echo). */
  | 'repeated paragraph'
  /** "Follow us on …", "Copyright ©": boilerplate at the end of a scraped article. */
  | 'footer'
  /** "MS. PSAKI:" at the start of a turn: it becomes the turn's speaker. */
  | 'speaker label'
  /** A transcript's place or time line ("Brussels, Belgium", "12:42 P.M. PST"): not a statement. */
  | 'dateline'
  /** "he added." left once a quote is taken out: it becomes the quote's speaker. */
  | 'attribution'
  /** Page chrome around an HTML article: navigation, menus, ads. */
  | 'boilerplate';

export interface DroppedText {
  reason: DropReason;
  chars: number;
  /** Words as the evaluation counts them: runs of letters and digits. */
  words: number;
}

export function wordsIn(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) n++;
  return n;
}

export function dropped(reason: DropReason, text: string): DroppedText {
  return { reason, chars: text.length, words: wordsIn(text) };
}

/** The same reasons added up, one entry each, in the order first seen. */
export function sumDropped(list: readonly DroppedText[]): DroppedText[] {
  const byReason = new Map<DropReason, DroppedText>();
  for (const d of list) {
    const sum = byReason.get(d.reason);
    if (sum) {
      sum.chars += d.chars;
      sum.words += d.words;
    } else byReason.set(d.reason, { ...d });
  }
  return [...byReason.values()];
}
