/**
 * Cleanup of scraped news text (like the seed): repeated lines kept once, photo captions
 * marked, the editor's note turned into the author, footers dropped.
 */
import { dropped as droppedText, type DroppedText } from './dropped';
import { hashParts } from './hash';
import { collapsedChunks, collapseWhitespace } from './whitespace';

export type ParaRole = 'body' | 'caption' | 'note';

export interface CleanPara {
  text: string;
  role: ParaRole;
  /** Index in the input, to carry per-paragraph data (speakers) along. */
  source: number;
  /** A piece of a paragraph cut for length: it follows the previous piece in the same paragraph. */
  joinsPrevious?: boolean;
}

export interface Cleaned {
  paragraphs: CleanPara[];
  author: string | null;
  /** Echoes and footers left out. */
  dropped: DroppedText[];
}

/** "... Heilongjiang Province, November 19, 2019. /Xinhua", "Photo: ...", "(Photo: Reuters)". */
const CAPTION_RE =
  /(?:\s\/\s?(?:Xinhua|CFP|VCG|CGTN|AP|AFP|Reuters|Getty(?: Images)?|EPA|IC|Sputnik|TASS|CNSPHOTO|Shutterstock|[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,2})\s*$)|^(?:\(?(?:File )?Photo(?:graph)?s?(?: credit)?:|Image:|Caption:|Pictured:)/;

const NOTE_AUTHOR_RE =
  /^Editor['’]s [Nn]ote:\s*((?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]*)\s+(?:is|was|serves|writes|works|has been)\b/u;
const BYLINE_RE = /^(?:By|BY|Written by|Author:)\s+((?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]*)\s*$/u;

const FOOTER_RE =
  /^\(?\s*(?:If you want to contribute|Follow us on|Follow (?:CGTN|him|her) on|Subscribe to|Sign up for|Click here|Read more:?|Related:|Copyright ©|©|All rights reserved|Share this article|Download our app|This article (?:was|first) (?:originally )?(?:published|appeared))/i;

/** Paragraphs longer than this are told apart by a hash of their text, not by a copy of it. */
const KEY_CHARS = 4096;

/**
 * What a paragraph is compared by to find repeats: its text with whitespace collapsed, or for
 * a long one (a file in one paragraph) the hash and length of that text, so that the set of
 * paragraphs seen never holds a second copy of a long text.
 */
function repeatKey(text: string): string {
  if (text.length <= KEY_CHARS) return collapseWhitespace(text);
  let length = 0;
  const lengthCounted = function* (): Generator<string> {
    for (const chunk of collapsedChunks(text)) {
      length += chunk.length;
      yield chunk;
    }
  };
  const hash = hashParts(lengthCounted());
  // no short key has a line break (collapsed) or is this long, so none can equal this one
  return length > KEY_CHARS ? `\n${length}:${hash}` : collapseWhitespace(text);
}

/**
 * Cleans paragraphs of a plain news text. Duplicate paragraphs (exact repeats of a longer
 * line, as scrapers produce for captions) are kept once.
 */
export function cleanupNews(paragraphs: readonly string[]): Cleaned {
  const seen = new Set<string>();
  const out: CleanPara[] = [];
  let author: string | null = null;
  // the key of the last paragraph kept: a paragraph that repeats it is a scraper's echo
  let prevKey: string | null = null;
  const dropped: DroppedText[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const text = (paragraphs[i] as string).trim();
    if (text.length === 0) continue;
    const key = repeatKey(text);
    if (key === prevKey || (key.length >= 40 && seen.has(key))) {
      dropped.push(droppedText('repeated paragraph', text));
      continue;
    }
    seen.add(key);
    // footers sit in the last few paragraphs
    if (i >= paragraphs.length - 3 && FOOTER_RE.test(text)) {
      dropped.push(droppedText('footer', text));
      continue;
    }
    let role: ParaRole = 'body';
    const note = NOTE_AUTHOR_RE.exec(text);
    const byline = note ? null : BYLINE_RE.exec(text);
    if (note) {
      author ??= (note[1] as string).trim();
      role = 'note';
    } else if (byline && i < 5) {
      author ??= (byline[1] as string).trim();
      role = 'note';
    } else if (/^Editor['’]s [Nn]ote:/.test(text)) role = 'note';
    else if (text.length < 400 && CAPTION_RE.test(text) && !/["“”]/.test(text)) role = 'caption';
    out.push({ text, role, source: i });
    prevKey = key;
  }
  return { paragraphs: out, author, dropped };
}

/** How much of the first paragraph a title is looked for in, in characters. */
const TITLE_WINDOW = 400;

/** A title for a document that has none: its first short line, else its first sentence. */
export function inferTitle(paragraphs: readonly CleanPara[], fallback: string): string {
  const body = paragraphs.filter((p) => p.role === 'body');
  const first = body[0];
  if (!first) return fallback;
  // only the opening can hold a title; the paragraph may be of any length
  const whole = first.text.length <= TITLE_WINDOW;
  const text = first.text.slice(0, TITLE_WINDOW).replace(/\s+/g, ' ').trim();
  const words = text.split(' ').length;
  if (whole && words <= 16 && !/[.!?:]$/.test(text) && !/^\p{Lu}[\p{Lu}.\s'’-]*:/u.test(text)) return text;
  const sentence = /^(.{20,}?[.!?])(?:\s|$)/.exec(text)?.[1] ?? text;
  if (sentence.length <= 120) return sentence;
  const cut = sentence.slice(0, 110);
  return cut.slice(0, Math.max(40, cut.lastIndexOf(' '))).replace(/[,;:\s]+$/, '') + '…';
}
