/**
 * Stage "paragraphs": a read document's paragraphs cleaned (scraped news: echoes, captions,
 * notes, footers), cut to a bounded length, joined into the document's clean text, and a
 * title when the source gives none.
 */
import { cleanupNews, inferTitle, type CleanPara } from '../cleanup';
import type { DroppedText } from '../dropped';
import { boundedPieces, MAX_PARAGRAPH_CHARS } from '../passageBound';
import type { RawDoc } from './rawDoc';

export interface Paragraphs {
  raw: RawDoc;
  paras: CleanPara[];
  /** Given by the source, else found in the text (an editor's note, a byline). */
  author: string | null;
  title: string;
  /** The clean text: paragraphs joined by a blank line, pieces of one paragraph by a space. */
  text: string;
  /** Offset of each paragraph in `text`. */
  starts: number[];
  /** What the reader and the cleanup left out, by reason. */
  dropped: DroppedText[];
}

/** Paragraphs longer than the bound, cut at sentences; the pieces read on as one paragraph. */
function boundParagraphs(paras: CleanPara[]): CleanPara[] {
  if (paras.every((p) => p.text.length <= MAX_PARAGRAPH_CHARS)) return paras;
  const out: CleanPara[] = [];
  for (const p of paras) {
    if (p.text.length <= MAX_PARAGRAPH_CHARS) {
      out.push(p);
      continue;
    }
    boundedPieces(p.text).forEach(([start, end], n) => {
      out.push({ ...p, text: p.text.slice(start, end), ...(n > 0 ? { joinsPrevious: true } : {}) });
    });
  }
  return out;
}

export function readParagraphs(raw: RawDoc): Paragraphs {
  let paras: CleanPara[];
  let author = raw.author;
  const dropped: DroppedText[] = [...(raw.dropped ?? [])];
  if (raw.news) {
    const cleaned = cleanupNews(raw.paragraphs.map((p) => p.text));
    paras = cleaned.paragraphs;
    author ??= cleaned.author;
    // one by one: a spread of a long list (a file of many repeated lines) overflows the stack
    for (const d of cleaned.dropped) dropped.push(d);
  } else {
    paras = [];
    raw.paragraphs.forEach((p, i) => {
      const text = p.text.trim();
      if (text.length > 0) paras.push({ text, role: 'body', source: i });
    });
  }
  // the one paragraph of a document that has no break, before it is cut for length
  const whole = paras.length === 1 ? (paras[0] as CleanPara).text : null;
  paras = boundParagraphs(paras);

  const title =
    raw.title && raw.title.trim().length > 0
      ? raw.title.replace(/\s+/g, ' ').trim()
      : inferTitle(paras, raw.path.split('/').pop() ?? raw.path);

  const { text, starts } = joinParagraphs(paras, whole);
  return { raw, paras, author: author ?? null, title, text, starts, dropped };
}

/**
 * The clean text and where each paragraph starts in it. A document that is one paragraph,
 * cut into pieces where it had single spaces, is its own clean text: a file with no paragraph
 * break (the largest kind there is) is then held once, not once more as a joined copy.
 */
function joinParagraphs(paras: CleanPara[], whole: string | null): { text: string; starts: number[] } {
  const starts: number[] = [];
  if (whole !== null && paras.every((p, i) => i === 0 || p.joinsPrevious)) {
    let at = 0;
    let same = true;
    for (const [i, p] of paras.entries()) {
      if (i > 0) same &&= whole.charCodeAt(at++) === 32;
      same &&= whole.startsWith(p.text, at);
      starts.push(at);
      at += p.text.length;
      if (!same) break;
    }
    if (same && at === whole.length) return { text: whole, starts };
    starts.length = 0;
  }
  const parts: string[] = [];
  let length = 0;
  for (const p of paras) {
    if (parts.length > 0) {
      const gap = p.joinsPrevious ? ' ' : '\n\n';
      parts.push(gap);
      length += gap.length;
    }
    starts.push(length);
    parts.push(p.text);
    length += p.text.length;
  }
  // joined at once: a long text built by `+=` is a tree of pieces until it is first read
  return { text: parts.join(''), starts };
}
