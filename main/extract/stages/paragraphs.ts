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
    dropped.push(...cleaned.dropped);
  } else {
    paras = [];
    raw.paragraphs.forEach((p, i) => {
      const text = p.text.trim();
      if (text.length > 0) paras.push({ text, role: 'body', source: i });
    });
  }
  paras = boundParagraphs(paras);

  const title =
    raw.title && raw.title.trim().length > 0
      ? raw.title.replace(/\s+/g, ' ').trim()
      : inferTitle(paras, raw.path.split('/').pop() ?? raw.path);

  const starts: number[] = [];
  let text = '';
  for (const p of paras) {
    if (text.length > 0) text += p.joinsPrevious ? ' ' : '\n\n';
    starts.push(text.length);
    text += p.text;
  }
  return { raw, paras, author: author ?? null, title, text, starts, dropped };
}
