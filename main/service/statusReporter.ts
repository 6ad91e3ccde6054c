/**
 * What the service reports about itself: the status (phase, progress summed over the shards,
 * skipped files, errors) and progress events to listeners, at most one per interval plus
 * every phase change at once.
 */
import { basename } from 'node:path';
import type { IndexProgress, SkippedFile, StatusResponse } from '../common/contract';
import type { ProgressEvent, ShardCounts, ShardStatistics } from './protocol';

export interface ShardProgress {
  counts: ShardCounts;
  filesDone: number;
  filesTotal: number;
  skipped: SkippedFile[];
  /** The scan the shard is reading by OCR, and how far. */
  ocr?: NonNullable<IndexProgress['ocr']>;
}

export class StatusReporter {
  readonly shards: ShardProgress[];
  phase: IndexProgress['phase'] = 'starting';
  /** When the running update started; how long the last one took. */
  runStartedAt = Date.now();
  runElapsedMs = 0;
  /** Files the listing skipped, and problems with the corpus options. */
  listingSkipped: SkippedFile[] = [];
  optionsSkipped: SkippedFile[] = [];
  /** Why the index could not be (fully) built; a worker crash, once repaired. */
  fatalError: string | null = null;
  crashNote: string | null = null;

  private readonly listeners = new Set<(status: StatusResponse) => void>();
  private lastEmit = 0;
  private emitTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly corpusDir: string,
    shardCount: number,
    private readonly intervalMs: number,
    /** Skipped files known elsewhere (files that hung a worker). */
    private readonly moreSkipped: () => SkippedFile[],
  ) {
    this.shards = Array.from({ length: shardCount }, () => ({
      counts: { documents: 0, passages: 0 },
      filesDone: 0,
      filesTotal: 0,
      skipped: [],
    }));
  }

  onProgress(listener: (status: StatusResponse) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  setPhase(phase: IndexProgress['phase']): void {
    if (this.phase === phase) return;
    this.phase = phase;
    // Phase changes are news: they go out at once.
    this.emitNow();
  }

  /** A shard's worker is reading a scan by OCR (its page), or began another file (null). */
  shardOcr(shard: number, ocr: NonNullable<IndexProgress['ocr']> | null): void {
    const state = this.shards[shard]!;
    if (ocr) state.ocr = ocr;
    else delete state.ocr;
    if (ocr) this.emitSoon();
  }

  /** A shard's worker reported progress. */
  shardProgress(shard: number, event: ProgressEvent): void {
    const state = this.shards[shard]!;
    state.filesDone = event.filesDone;
    state.filesTotal = event.filesTotal;
    state.counts = event.counts;
    this.emitSoon();
  }

  anyDocuments(): boolean {
    return this.shards.some((state) => state.counts.documents > 0);
  }

  emitSoon(): void {
    if (this.emitTimer) return;
    const wait = this.intervalMs - (Date.now() - this.lastEmit);
    if (wait <= 0) {
      this.emitNow();
      return;
    }
    this.emitTimer = setTimeout(() => this.emitNow(), wait);
    this.emitTimer.unref();
  }

  /** No more events. */
  close(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.listeners.clear();
  }

  snapshot(): StatusResponse {
    let documents = 0;
    let passages = 0;
    let filesDone = 0;
    let filesTotal = 0;
    const busy = this.phase !== 'ready' && this.phase !== 'failed';
    const skipped: SkippedFile[] = [...this.listingSkipped, ...this.optionsSkipped, ...this.moreSkipped()];
    for (const state of this.shards) {
      documents += state.counts.documents;
      passages += state.counts.passages;
      filesDone += state.filesDone;
      filesTotal += state.filesTotal;
      for (const s of state.skipped) skipped.push(s);
    }
    const ocr = busy ? this.shards.find((state) => state.ocr)?.ocr : undefined;
    return {
      corpus: { path: this.corpusDir, name: basename(this.corpusDir) || this.corpusDir },
      documents,
      passages,
      progress: {
        phase: this.phase,
        filesDone: Math.min(filesDone, filesTotal),
        filesTotal,
        passages,
        elapsedMs: busy ? Date.now() - this.runStartedAt : this.runElapsedMs,
        ...(ocr ? { ocr } : {}),
      },
      skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      error: this.fatalError ?? this.crashNote,
    };
  }

  private emitNow(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.lastEmit = Date.now();
    if (this.listeners.size === 0) return;
    const status = this.snapshot();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A listener's own failure is not the service's.
      }
    }
  }
}

/** What the service has done, summed over its workers; tests use it to prove what was re-read. */
export interface ServiceStatistics extends ShardStatistics, ShardCounts {
  shards: number;
  /** One entry per shard: 'loaded', 'none' or why the saved index was not used. */
  caches: string[];
  restarts: number;
  /** Index updates run (the initial build, re-checks and recoveries). */
  updates: number;
  watcher: 'events' | 'polling' | 'off';
}

export function sumStatistics(
  perShard: Array<ShardStatistics & ShardCounts>,
  service: Pick<ServiceStatistics, 'restarts' | 'updates' | 'watcher'>,
): ServiceStatistics {
  const total: ServiceStatistics = {
    shards: perShard.length,
    caches: perShard.map((s) => s.cache),
    cache: perShard.every((s) => s.cache === 'loaded')
      ? 'loaded'
      : (perShard.find((s) => s.cache !== 'loaded')?.cache ?? 'none'),
    filesRead: 0,
    filesUnchangedByHash: 0,
    filesVerified: 0,
    filesRemoved: 0,
    saves: 0,
    documents: 0,
    passages: 0,
    ...service,
  };
  for (const s of perShard) {
    total.filesRead += s.filesRead;
    total.filesUnchangedByHash += s.filesUnchangedByHash;
    total.filesVerified += s.filesVerified;
    total.filesRemoved += s.filesRemoved;
    total.saves += s.saves;
    total.documents += s.documents;
    total.passages += s.passages;
  }
  return total;
}
