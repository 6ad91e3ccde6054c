/**
 * Pure document understanding: the decoded text of one file in, ExtractedDocuments out.
 * No Node imports: the corpus reader (main/corpus) does the I/O and decoding.
 */
import type { ExtractedDocument } from '../common/contract';
import type { RawDoc } from './document';
import type { DroppedText } from './dropped';
import { readDocument } from './pipeline';
import {
  applySidecar,
  formatOf,
  FormatError,
  isBinaryFormat,
  readHtml,
  readJson,
  readJsonl,
  readMarkdown,
  readText,
  type Sidecar,
} from './formats';
import { prepare, type ExtractOptions } from './options';
import { rtfRawDocs } from './readers/rtf';

export interface ExtractInput {
  /** Path relative to the corpus, forward slashes (also the id's basis). */
  path: string;
  text: string;
  mtimeMs: number;
  sidecar?: Sidecar | null;
}

/** What reading left out of one document on purpose, by reason (see dropped.ts). */
export interface DocumentDrops {
  id: string;
  dropped: DroppedText[];
}

export type ExtractResult =
  | { ok: true; documents: ExtractedDocument[]; warnings: string[]; dropped: DocumentDrops[] }
  | { ok: false; reason: string };

/** Extracts every document of one file. Never throws: bad input becomes a reason. */
export function extractDocuments(input: ExtractInput, options: ExtractOptions): ExtractResult {
  const format = formatOf(input.path);
  if (!format) return { ok: false, reason: 'extract: unsupported file type' };
  if (isBinaryFormat(format))
    return { ok: false, reason: `extract: ${format} is read from its bytes, not as text` };
  if (input.text.trim().length === 0) return { ok: false, reason: 'extract: empty file' };
  const warnings: string[] = [];
  let raws: RawDoc[];
  try {
    switch (format) {
      case 'text':
        raws = readText(input.path, input.text, input.mtimeMs);
        break;
      case 'markdown':
        raws = readMarkdown(input.path, input.text, input.mtimeMs);
        break;
      case 'html':
        raws = readHtml(input.path, input.text, input.mtimeMs);
        break;
      case 'json':
        raws = readJson(input.path, input.text, input.mtimeMs);
        break;
      case 'rtf':
        raws = rtfRawDocs(input.path, input.text, input.mtimeMs);
        break;
      case 'jsonl':
        raws = readJsonl(input.path, input.text, input.mtimeMs, warnings);
        break;
    }
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, reason: `extract: ${e.message}` };
    return {
      ok: false,
      reason: `extract: cannot read ${format}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  return buildRawDocuments(raws, input.sidecar ?? null, options, warnings);
}

/**
 * From the documents a reader found in one file to extracted documents: the sidecar applied,
 * each read through the same stages. Shared by the text formats and the binary readers.
 */
export function buildRawDocuments(
  raws: RawDoc[],
  sidecar: Sidecar | null,
  options: ExtractOptions,
  warnings: string[],
): ExtractResult {
  const prepared = prepare(options);
  const documents: ExtractedDocument[] = [];
  const dropped: DocumentDrops[] = [];
  for (const raw of raws) {
    // A sidecar describes a single-document file; beside a file of records it says what they
    // share (the publisher, a licence credit), so it fills each record's gaps, never its own.
    if (sidecar) applySidecar(raw, sidecar, raws.length === 1);
    try {
      const read = readDocument(raw, prepared);
      if (read.document.passages.length > 0) {
        documents.push(read.document);
        dropped.push({ id: raw.id, dropped: read.dropped });
      } else if (raws.length > 1) warnings.push(`record ${raw.id}: no readable text`);
    } catch (e) {
      warnings.push(`record ${raw.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (documents.length === 0) {
    return { ok: false, reason: warnings[0] ? `extract: ${warnings[0]}` : 'extract: no readable text' };
  }
  return { ok: true, documents, warnings, dropped };
}

export { defaultExtractOptions, mergeTaxonomy, type ExtractOptions } from './options';
export type { Sidecar } from './formats';
export { formatOf, isBinaryFormat, type BinaryFormat } from './formats';
export type { RawDoc } from './document';
