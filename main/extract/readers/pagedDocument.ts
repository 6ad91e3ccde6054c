/** A document read from pages (PDF text layer or OCR), as the reading stages take it. */
import type { RawDoc } from '../document';
import { emptyRawDoc } from '../formats';
import { titleFromLayout, type Layout } from './pageLayout';

export interface PagedMeta {
  title: string | null;
  author: string | null;
}

/**
 * The paragraphs of a laid-out document, each with its page, read like plain text: the
 * same cleanup, speaker labels and turns, so a transcript printed to PDF reads as its text.
 */
export function pagedRawDoc(path: string, mtimeMs: number, layout: Layout, meta: PagedMeta): RawDoc {
  const doc = emptyRawDoc(path, mtimeMs);
  doc.title = meta.title ?? titleFromLayout(layout.paragraphs);
  doc.author = meta.author;
  doc.paragraphs = layout.paragraphs.map((p) => ({
    text: p.text,
    page: p.page,
    ...(p.ocrConfidence !== undefined ? { ocrConfidence: p.ocrConfidence } : {}),
  }));
  doc.news = true;
  return doc;
}
