/**
 * The citation of one statement, the same from the results list and the reader:
 * `"…the sentences that hold the hit…" — Speaker, Source, “Title”, Date, p. N, URL (accessed D)`.
 * The quote is the sentences that hold the hit, whatever the statement's length, with an
 * ellipsis where it cuts; a statement nobody is known to have made says so; a date read from
 * the text or the file's time is marked as such. Parts that are unknown are left out.
 */
import type { DateSource, ExtractedDocument, Hit, Passage } from '../../main/common/contract';
import { dateLabel } from './histogram';
import { sentenceSpans, type Span } from './sentences';

/** What a citation is made from: the statement, where the hit is in it, and its document. */
export interface CitationInput {
  /** The statement's text. */
  text: string;
  /** Offsets into `text` of the matched words. */
  highlights: ReadonlyArray<readonly [number, number]>;
  /** The hit to quote around (offsets into `text`); else the sentence with most matched words. */
  anchor?: readonly [number, number] | null;
  /** Set when `text` is a window of a longer statement: which sides were cut. */
  window?: { before: boolean; after: boolean };
  speaker: string | null;
  title: string | null;
  source: string | null;
  url: string | null;
  date: string | null;
  dateSource: DateSource | null;
  page?: number | null;
}

export interface Citation {
  quote: string;
  /** "Unattributed" when no speaker is known. */
  speaker: string;
  source: string | null;
  title: string | null;
  /** The date as people read it, marked when it was inferred. */
  date: string | null;
  page: number | null;
  url: string | null;
  /** The day the citation was made, `YYYY-MM-DD`. */
  accessed: string;
}

/** Longest quote, in characters; a longer sentence is cut around the hit. */
export const MAX_QUOTE = 500;

export const UNATTRIBUTED = 'Unattributed';

const DATE_MARKS: Record<DateSource, string> = {
  metadata: '',
  text: ' [date inferred from the text]',
  file: ' [date of the file]',
};

export function buildCitation(input: CitationInput, accessed: Date): Citation {
  const title = input.title?.trim() || null;
  const source = input.source?.trim() || null;
  return {
    quote: quoteAround(input.text, input.highlights, input.anchor ?? null, input.window),
    speaker: input.speaker?.trim() || UNATTRIBUTED,
    source,
    title: title && title !== source ? title : null,
    date: input.date ? `${dateLabel(input.date)}${DATE_MARKS[input.dateSource ?? 'metadata']}` : null,
    page: input.page ?? null,
    url: input.url?.trim() || null,
    accessed: isoDay(accessed),
  };
}

export function formatCitation(c: Citation): string {
  const parts = [
    c.speaker,
    c.source,
    c.title ? `“${c.title}”` : null,
    c.date,
    c.page !== null ? `p. ${c.page}` : null,
    c.url,
  ].filter((x): x is string => x !== null);
  return `"${c.quote}" — ${parts.join(', ')} (accessed ${dateLabel(c.accessed)})`;
}

/** The citation of a search result. */
export function citeHit(hit: Hit, accessed: Date): string {
  return formatCitation(
    buildCitation(
      {
        text: hit.text,
        highlights: hit.highlights,
        // A hit of a long statement carries a window of it; the quote's ellipses count the rest.
        ...(hit.textStart !== undefined
          ? {
              window: {
                before: hit.textStart > 0,
                after: hit.textStart + hit.text.length < (hit.passageLength ?? 0),
              },
            }
          : {}),
        speaker: hit.speaker,
        title: hit.title,
        source: hit.source,
        url: hit.url,
        date: hit.date,
        dateSource: hit.dateSource,
        page: hit.page ?? null,
      },
      accessed,
    ),
  );
}

/**
 * The citation of a statement in the reader. `hits` are offsets into the document's text
 * (the reader's highlights); `current`, the one the user stepped to, is quoted around.
 */
export function citePassage(
  doc: ExtractedDocument,
  passage: Passage,
  hits: ReadonlyArray<readonly [number, number]>,
  current: readonly [number, number] | null,
  accessed: Date,
): string {
  const within = (r: readonly [number, number]): [number, number] | null =>
    r[0] >= passage.start && r[1] <= passage.end ? [r[0] - passage.start, r[1] - passage.start] : null;
  return formatCitation(
    buildCitation(
      {
        text: passage.text,
        highlights: hits.map(within).filter((r): r is [number, number] => r !== null),
        anchor: current ? within(current) : null,
        speaker: passage.speaker,
        title: doc.document.title,
        source: doc.document.source,
        url: doc.document.url,
        date: passage.date ?? doc.document.date,
        dateSource: doc.document.dateSource,
        page: passage.page ?? null,
      },
      accessed,
    ),
  );
}

/**
 * The sentences of `text` that hold the hit: the anchor's sentence (else the one holding
 * most distinct matched words, the first of equals), with the following sentences while they
 * hold matches too and the quote stays under MAX_QUOTE. "…" marks each cut.
 */
export function quoteAround(
  text: string,
  highlights: ReadonlyArray<readonly [number, number]>,
  anchor: readonly [number, number] | null,
  window: { before: boolean; after: boolean } = { before: false, after: false },
): string {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return '';
  const inSpan = (s: Span, r: readonly [number, number]) => r[0] >= s[0] && r[0] < s[1];
  let first = 0;
  if (anchor)
    first = Math.max(
      0,
      spans.findIndex((s) => inSpan(s, anchor)),
    );
  else if (highlights.length > 0) {
    let best = -1;
    spans.forEach((s, i) => {
      const words = new Set(
        highlights.filter((r) => inSpan(s, r)).map((r) => text.slice(r[0], r[1]).toLowerCase()),
      );
      if (words.size > best) [best, first] = [words.size, i];
    });
  }
  let last = first;
  const holdsMatch = (s: Span) => highlights.some((r) => inSpan(s, r));
  while (
    last + 1 < spans.length &&
    holdsMatch(spans[last + 1]!) &&
    spans[last + 1]![1] - spans[first]![0] <= MAX_QUOTE
  )
    last++;
  // A statement too short to stand alone ("Yes.") takes its neighbour.
  if (!highlights.length && first === last) {
    while (last + 1 < spans.length && spans[last + 1]![1] - spans[first]![0] <= MAX_QUOTE) last++;
  }
  let start = spans[first]![0];
  let end = spans[last]![1];
  if (end - start > MAX_QUOTE) {
    // One long sentence: a window around the hit, cut at word boundaries.
    const focus = anchor ?? highlights.find((r) => r[0] >= start && r[0] < end) ?? [start, start];
    const from = Math.max(start, Math.min(focus[0] - Math.floor(MAX_QUOTE / 3), end - MAX_QUOTE));
    const to = Math.min(end, from + MAX_QUOTE);
    start = from > start ? wordStartAfter(text, from) : start;
    end = to < end ? wordEndBefore(text, to) : end;
  }
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  // The statement's own quotation marks would double up with the citation's.
  const bare = body.replace(/^["“”]+|["“”]+$/g, '').trim();
  const before = window.before || text.slice(0, start).replace(/["“”\s]/g, '') !== '' ? '… ' : '';
  const after = window.after || text.slice(end).replace(/["“”\s]/g, '') !== '' ? ' …' : '';
  return `${before}${bare}${after}`;
}

function wordStartAfter(text: string, at: number): number {
  const m = /\s\S/.exec(text.slice(at));
  return m ? at + m.index + 1 : at;
}

function wordEndBefore(text: string, at: number): number {
  const cut = text.slice(0, at).search(/\s\S*$/);
  return cut > 0 ? cut : at;
}

function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
