/**
 * Messages between the SearchService (caller's thread) and its index workers. Every request
 * carries an id and gets exactly one reply with the same id; progress travels as events.
 */
import type { ExtractedDocument, SearchRequest, SearchResponse, SkippedFile } from '../common/contract';
import type { CorpusFile } from '../corpus/corpusReader';
import type { GroupMinima } from '../engine/groupColumn';
import type { GroupMark } from '../engine/quoteGroups';
import type { QuoteDelta } from './quoteLog';

/** Given once, when the worker starts (as `workerData`). */
export interface ShardConfig {
  corpusDir: string;
  shardIndex: number;
  shardCount: number;
  /** The saved index of this shard; null when nothing is saved. */
  cacheFile: string | null;
}

export interface ShardCounts {
  documents: number;
  passages: number;
}

/** What a shard has done since its worker started; tests use it to prove what was (not) re-read. */
export interface ShardStatistics {
  /** Files read and extracted. */
  filesRead: number;
  /** Files whose stamp changed but whose content hash did not: kept as they were. */
  filesUnchangedByHash: number;
  /** Files whose stamp was as recorded but recent enough to hide a change: hashed, found unchanged. */
  filesVerified: number;
  /** Files whose documents were dropped because the file disappeared. */
  filesRemoved: number;
  /** Whether the saved index was loaded, or why not. */
  cache: 'loaded' | 'none' | string;
  saves: number;
}

export interface LoadResult {
  loaded: boolean;
  reason: string | null;
  files: number;
  counts: ShardCounts;
}

export interface SyncResult {
  /** Whether anything in the index changed. */
  changed: boolean;
  /** False when the shard was stopped before every file was read. */
  complete: boolean;
  filesTotal: number;
  counts: ShardCounts;
  /** Files of this shard that could not be read, with the reason. */
  skipped: SkippedFile[];
  /** Problems with the corpus options (reported by shard 0 only, so they are listed once). */
  optionsSkipped: SkippedFile[];
  /** Statements per speaker name as reading gave them (before the corpus names pass). */
  speakers: Array<[string, number]>;
  /** Documents naming each person in full, over the shard's files. */
  people: Array<[string, number]>;
  /** The names pass merges the shard's documents now carry. */
  nameMerges: Array<[string, string]>;
}

export type WorkerRequest =
  | { id: number; type: 'load' }
  | {
      id: number;
      type: 'sync';
      files: CorpusFile[];
      reportOptions: boolean;
      /** The corpus names pass: speaker name as read → merged name (corpusNames.ts); null keeps the shard's. */
      nameMerges: Array<[string, string]> | null;
    }
  | { id: number; type: 'search'; request: SearchRequest; minima?: GroupMinima }
  | { id: number; type: 'groupMinima'; request: SearchRequest }
  | { id: number; type: 'quoteDelta' }
  | { id: number; type: 'groupMarks'; changes: Array<[string, GroupMark | null]> }
  | { id: number; type: 'document'; docId: string }
  | { id: number; type: 'save' }
  | { id: number; type: 'stop' }
  | { id: number; type: 'stats' };

export interface WorkerResults {
  load: LoadResult;
  sync: SyncResult;
  search: SearchResponse;
  groupMinima: GroupMinima;
  quoteDelta: QuoteDelta;
  groupMarks: null;
  document: ExtractedDocument | null;
  save: boolean;
  stop: null;
  stats: ShardStatistics & ShardCounts;
}

export type WorkerRequestType = WorkerRequest['type'];

export type WorkerReply =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string; status?: number };

/** Sent while a sync runs (throttled by the worker). */
export interface ProgressEvent {
  kind: 'progress';
  filesDone: number;
  filesTotal: number;
  counts: ShardCounts;
}

/** Sent before each file is read, so a file that never finishes can be named and skipped. */
export interface ReadingEvent {
  kind: 'reading';
  path: string | null;
  /** While a scan is read by OCR: the pages of `path` read so far, and how many there are. */
  ocr?: { page: number; pages: number };
}

export type WorkerMessage = WorkerReply | ProgressEvent | ReadingEvent;
