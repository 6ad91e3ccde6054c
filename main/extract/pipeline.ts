/**
 * Reading as a sequence of named stages, each in a file of its own with a typed input and
 * output (main/extract/stages). A format reader (formats.ts, readers/) gives a RawDoc; the
 * stages below, in this order, make it an ExtractedDocument. Each stage's output carries what
 * the stages before it found, so an evaluation can run the pipeline up to any stage and score
 * that stage alone (`readThrough`), and a change to one concern touches one stage.
 *
 * After reading, corpus passes (names merged across documents, quote groups) work on the
 * extracted documents of the whole folder; they are not part of reading one file.
 */
import type { ExtractedDocument } from '../common/contract';
import { sumDropped, type DroppedText } from './dropped';
import type { Prepared } from './options';
import { attributeQuotes, type Attributed } from './stages/attribution';
import { dateDocument, type Dated } from './stages/dating';
import { learnNames, type Named } from './stages/names';
import { readParagraphs, type Paragraphs } from './stages/paragraphs';
import { buildPassages } from './stages/passages';
import { findQuoteSpans, type Quoted } from './stages/quoteSpans';
import type { RawDoc } from './stages/rawDoc';
import { findTurns, type Turns } from './stages/turns';

/** The stages of reading, in the order they run (as spaCy lists its `pipe_names`). */
export const STAGE_NAMES = [
  'paragraphs',
  'dates',
  'names',
  'turns',
  'quotes',
  'attribution',
  'passages',
] as const;

export type StageName = (typeof STAGE_NAMES)[number];

/** What each stage handed on, for evaluating a stage on its own. */
export interface ReadingTrace {
  paragraphs: Paragraphs;
  dates: Dated;
  names: Named;
  turns: Turns;
  quotes: Quoted;
  attribution: Attributed;
  passages: ExtractedDocument;
}

/** Runs every stage and keeps what each one gave. Never throws on odd text. */
export function readThrough(raw: RawDoc, prepared: Prepared): ReadingTrace {
  const paragraphs = readParagraphs(raw);
  const dates = dateDocument(paragraphs);
  const names = learnNames(dates, prepared);
  const turns = findTurns(names);
  const quotes = findQuoteSpans(turns);
  const attribution = attributeQuotes(quotes);
  const passages = buildPassages(attribution, prepared);
  return { paragraphs, dates, names, turns, quotes, attribution, passages };
}

/** A document read, and what reading left out of it on purpose (summed by reason). */
export function readDocument(
  raw: RawDoc,
  prepared: Prepared,
): { document: ExtractedDocument; dropped: DroppedText[] } {
  const trace = readThrough(raw, prepared);
  return { document: trace.passages, dropped: sumDropped(trace.attribution.dropped) };
}

/** From a read document (metadata + paragraphs) to Dictum's ExtractedDocument. */
export function buildDocument(raw: RawDoc, prepared: Prepared): ExtractedDocument {
  return readThrough(raw, prepared).passages;
}
