/**
 * Whitespace normalisation that stays cheap on very long text. A global `replace` over a
 * 40 MB paragraph builds a list of millions of parts before joining them (hundreds of MB
 * for a moment); here the text is replaced in chunks of bounded size instead.
 */

/** Characters per chunk: large enough that ordinary paragraphs are one chunk. */
const CHUNK_CHARS = 1 << 16;

// only the runs that change: a single space is left alone, so ordinary text has few matches
const SPACE_RUN = /\s{2,}|[^\S ]/g;
const BLANK_RUN = /[ \t]{2,}|\t/g;
const isSpace = (ch: string): boolean => /\s/.test(ch);
const isBlank = (ch: string): boolean => ch === ' ' || ch === '\t';

/** The text with its runs replaced, chunk by chunk (the chunks joined are the whole result). */
function* replacedChunks(text: string, run: RegExp, inRun: (ch: string) => boolean): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    // a run of spaces is never cut: it is replaced whole, by one space
    while (end < text.length && inRun(text[end] as string)) end++;
    yield text.slice(start, end).replace(run, ' ');
    start = end;
  }
}

function replaceRuns(text: string, run: RegExp, inRun: (ch: string) => boolean): string {
  if (text.length <= CHUNK_CHARS) return text.replace(run, ' ');
  return [...replacedChunks(text, run, inRun)].join('');
}

/** Every run of whitespace (line breaks included) as one space. */
export function collapseWhitespace(text: string): string {
  return replaceRuns(text, SPACE_RUN, isSpace);
}

/**
 * The text with whitespace collapsed, in chunks of bounded size: for looking at a long text
 * (hashing it, measuring it) without holding a second copy of it.
 */
export function collapsedChunks(text: string): Iterable<string> {
  return replacedChunks(text, SPACE_RUN, isSpace);
}

/** Every run of spaces and tabs as one space. */
export function collapseBlanks(text: string): string {
  return replaceRuns(text, BLANK_RUN, isBlank);
}
