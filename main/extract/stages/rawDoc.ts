import type { DroppedText } from '../dropped';

/** What a format reader gives the reading stages: a document's metadata and its paragraphs. */

export interface RawPara {
  text: string;
  /** Speaker label given by the source (JSON paragraphs); undefined when not given. */
  speaker?: string | null;
  /** 1-based page the paragraph starts on, in a paged format (PDF). */
  page?: number;
  /** OCR's confidence (0–1) when the paragraph was read from a scan. */
  ocrConfidence?: number;
}

export interface RawDoc {
  id: string;
  path: string;
  title: string | null;
  author: string | null;
  source: string | null;
  url: string | null;
  /** Normalised metadata date. */
  date: string | null;
  topics: string[];
  /** A speaker for the whole document (a speech): every paragraph is their turn. */
  speaker: string | null;
  paragraphs: RawPara[];
  /** Apply the scraped-news cleanup (plain text without structure). */
  news: boolean;
  /** Paragraph speakers come from the source (do not look for labels). */
  explicitSpeakers: boolean;
  mtimeMs: number;
  /** The id of the e-mail message this document came attached to. */
  attachedTo?: string;
  /** What the format reader left out on purpose (front matter, markup), by reason. */
  dropped?: DroppedText[];
}
