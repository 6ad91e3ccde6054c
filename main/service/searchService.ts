/**
 * The SearchService: the one implementation of the search API behind IPC, HTTP and the CLI.
 *
 * The caller's thread only lists the corpus folder and routes messages. Reading, extracting,
 * indexing, searching and saving happen in index workers, each owning the files whose path
 * hashes to it (a shard). Searches go to every shard and are merged; a document lookup asks
 * every shard and takes the one that has it. Everything that changes the index runs as a
 * task in one queue, so updates never overlap and `ready()` and `reindex()` have a clear end.
 */
import { resolve as resolvePath, basename } from 'node:path';
import { availableParallelism } from 'node:os';
import {
  ContractError,
  type ExtractedDocument,
  type IndexProgress,
  type SearchRequest,
  type SearchResponse,
  type SkippedFile,
  type StatusResponse,
} from '../common/contract';
import { validateDocumentId, validateSearchRequest } from '../common/validate';
import { listCorpusFiles, type CorpusFile } from '../corpus/corpusReader';
import { cacheFilePath, defaultCacheDir, removeStaleCacheFiles } from './cacheFile';
import { sameStamp, stampOf, type FileStamp } from './fileStamp';
import type { ProgressEvent, ShardCounts, ShardStatistics } from './protocol';
import { ShardHandle, WorkerCrashError, WorkerError } from './shardHandle';
import { findDocument, searchShards, shardOf, type ShardEndpoint } from './shardRouting';
import { CorpusWatcher } from './watcher';
import { resolveWorkerEntry, type WorkerEntry } from './workerEntry';
import type { SearchService, SearchServiceOptions } from './index';

/** Timings, for tests; the defaults suit the app. */
export interface ServiceTuning {
  /** How long a search or document request may take before it fails, in ms. */
  requestTimeoutMs: number;
  /** How long loading or saving a shard's index may take, in ms. */
  cacheTimeoutMs: number;
  /** Quiet time after an update before the index is saved, in ms. */
  saveDelayMs: number;
  /** A save waits until no search came in for this long, in ms... */
  saveIdleMs: number;
  /** ...but not longer than this after it was first due, in ms. */
  saveMaxDeferMs: number;
  /** Quiet time after a file event before the folder is re-checked, in ms. */
  watchDebounceMs: number;
  /** Poll interval where the folder cannot be watched, in ms. */
  pollMs: number;
  /** Minimum time between two progress events, in ms. */
  progressIntervalMs: number;
  /** How often a crashed worker is restarted before the service gives up. */
  maxRestarts: number;
  /** A file still being read after this long is skipped and its worker restarted, in ms. */
  fileTimeoutMs: number;
  /** Tests only: the worker hangs on this path (see ShardConfig). */
  hangOnPath?: string;
}

const DEFAULT_TUNING: ServiceTuning = {
  requestTimeoutMs: 30_000,
  cacheTimeoutMs: 120_000,
  saveDelayMs: 2_000,
  saveIdleMs: 1_000,
  saveMaxDeferMs: 60_000,
  watchDebounceMs: 300,
  pollMs: 5_000,
  progressIntervalMs: 100,
  maxRestarts: 3,
  fileTimeoutMs: 120_000,
};

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

interface ShardState {
  counts: ShardCounts;
  filesDone: number;
  filesTotal: number;
  skipped: SkippedFile[];
  /** The file the worker is reading, and since when. */
  reading: { file: CorpusFile; since: number } | null;
  /** This shard's part of the listing being synced, by path. */
  syncing: Map<string, CorpusFile>;
}

interface Quarantined {
  stamp: FileStamp;
  reason: string;
}

type Task = { kind: 'build' } | { kind: 'sync' } | { kind: 'recover'; shard: number };

export function defaultShardCount(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export class WorkerSearchService implements SearchService {
  readonly corpusDir: string;
  private readonly cacheDir: string | null;
  private readonly tuning: ServiceTuning;
  private readonly handles: ShardHandle[];
  private readonly shardState: ShardState[];
  private readonly listeners = new Set<(status: StatusResponse) => void>();

  private phase: IndexProgress['phase'] = 'starting';
  private runStartedAt = Date.now();
  private runElapsedMs = 0;
  private listingSkipped: SkippedFile[] = [];
  private optionsSkipped: SkippedFile[] = [];
  private fatalError: string | null = null;
  private crashNote: string | null = null;
  /** Files that hung a worker; skipped until they change. */
  private readonly quarantine = new Map<string, Quarantined>();
  private watchdog: NodeJS.Timeout | null = null;

  private readonly tasks: Array<{ task: Task; settle: () => void }> = [];
  private running = false;
  private runLoop: Promise<void> = Promise.resolve();
  private queuedSync: Promise<void> | null = null;
  private updates = 0;

  private readonly readyPromise: Promise<StatusResponse>;
  private settleReady: (status: StatusResponse) => void = () => undefined;
  private initialDone = false;

  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private savePendingSince: number | null = null;
  private lastSaveMs = 0;
  private lastSaveEndedAt = 0;
  private lastRequestAt = 0;
  private watcher: CorpusWatcher | null = null;
  private closing: Promise<void> | null = null;

  private lastEmit = 0;
  private emitTimer: NodeJS.Timeout | null = null;

  constructor(options: SearchServiceOptions, tuning: Partial<ServiceTuning> = {}, entry?: WorkerEntry) {
    this.corpusDir = resolvePath(options.corpusDir);
    this.cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    const shardCount = Math.max(1, Math.floor(options.shards ?? defaultShardCount()));
    this.readyPromise = new Promise((resolve) => (this.settleReady = resolve));

    this.shardState = [];
    this.handles = [];
    let workerEntry: WorkerEntry;
    try {
      workerEntry = entry ?? resolveWorkerEntry();
    } catch (error) {
      // A broken installation: reported by status() and every request, never thrown here.
      this.fatalError = errorMessage(error);
      this.phase = 'failed';
      this.initialDone = true;
      this.settleReady(this.snapshot());
      return;
    }
    for (let shardIndex = 0; shardIndex < shardCount; shardIndex++) {
      this.shardState.push({
        counts: { documents: 0, passages: 0 },
        filesDone: 0,
        filesTotal: 0,
        skipped: [],
        reading: null,
        syncing: new Map(),
      });
      this.handles.push(
        new ShardHandle(
          {
            corpusDir: this.corpusDir,
            shardIndex,
            shardCount,
            cacheFile:
              this.cacheDir === null
                ? null
                : cacheFilePath(this.cacheDir, this.corpusDir, shardIndex, shardCount),
            ...(this.tuning.hangOnPath !== undefined ? { hangOnPath: this.tuning.hangOnPath } : {}),
          },
          workerEntry,
          {
            progress: (event) => this.shardProgress(shardIndex, event),
            reading: (event) => this.shardReading(shardIndex, event.path),
            crashed: (reason, restarted) => this.shardCrashed(shardIndex, reason, restarted),
          },
          this.tuning.maxRestarts,
        ),
      );
    }

    void this.enqueue({ kind: 'build' });
    if (options.watch) {
      this.watcher = new CorpusWatcher(this.corpusDir, () => void this.requestSync(), {
        debounceMs: this.tuning.watchDebounceMs,
        pollMs: this.tuning.pollMs,
      });
    }
  }

  // -------------------------------------------------------------------------
  // The search API

  /** `pageLimit` above LIMITS.pageSize is for exports only (IPC and HTTP validate first). */
  async search(raw: SearchRequest, pageLimit?: number): Promise<SearchResponse> {
    this.assertOpen();
    this.lastRequestAt = Date.now();
    const request = validateSearchRequest(raw, pageLimit);
    const started = performance.now();
    const response = await searchShards(request, this.endpoints()).catch(asContractError);
    // The caller waited for the round trip too, not only for the engine.
    return { ...response, tookMs: Math.max(response.tookMs, round1(performance.now() - started)) };
  }

  async document(rawId: string): Promise<ExtractedDocument> {
    this.assertOpen();
    this.lastRequestAt = Date.now();
    const id = validateDocumentId(rawId);
    const document = await findDocument(id, this.endpoints()).catch(asContractError);
    if (!document) throw new ContractError(`document not found: ${id}`, 404);
    return document;
  }

  /** The workers, as the shards a search is routed to. */
  private endpoints(): ShardEndpoint[] {
    const timeout = this.tuning.requestTimeoutMs;
    return this.handles.map((handle) => ({
      search: (request) => handle.request('search', { request }, timeout),
      document: (docId) => handle.request('document', { docId }, timeout),
    }));
  }

  async status(): Promise<StatusResponse> {
    return this.snapshot();
  }

  // -------------------------------------------------------------------------
  // The service

  onProgress(listener: (status: StatusResponse) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  ready(): Promise<StatusResponse> {
    return this.readyPromise;
  }

  async reindex(): Promise<StatusResponse> {
    this.assertOpen();
    await this.requestSync();
    return this.snapshot();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** Sums what the workers have done (for tests and diagnostics). */
  async statistics(): Promise<ServiceStatistics> {
    const timeout = this.tuning.requestTimeoutMs;
    const perShard = await Promise.all(this.handles.map((handle) => handle.request('stats', {}, timeout)));
    const total: ServiceStatistics = {
      shards: this.handles.length,
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
      restarts: this.handles.reduce((sum, handle) => sum + handle.restarts, 0),
      updates: this.updates,
      watcher: this.watcher ? this.watcher.mode : 'off',
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

  /** Kills one worker as a crash would (tests prove the service recovers). */
  simulateWorkerCrash(shard = 0): Promise<void> {
    return this.handles[shard]?.kill() ?? Promise.resolve();
  }

  // -------------------------------------------------------------------------
  // Index updates

  /** Re-checks the whole folder; a re-check already waiting to run is shared, not repeated. */
  private requestSync(): Promise<void> {
    if (this.closing) return Promise.resolve();
    this.queuedSync ??= this.enqueue({ kind: 'sync' });
    return this.queuedSync;
  }

  private enqueue(task: Task): Promise<void> {
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.tasks.push({ task, settle });
    if (!this.running) {
      this.running = true;
      // Started on a later tick, so a caller that keeps the returned promise (requestSync)
      // has stored it before the task is taken off the queue.
      this.runLoop = Promise.resolve().then(() => this.runTasks());
    }
    return done;
  }

  private async runTasks(): Promise<void> {
    const every = Math.min(5_000, Math.max(10, this.tuning.fileTimeoutMs / 4));
    this.watchdog = setInterval(() => this.checkStuckReads(), every);
    this.watchdog.unref();
    while (this.tasks.length > 0) {
      const next = this.tasks.shift()!;
      if (next.task.kind === 'sync') this.queuedSync = null;
      this.runStartedAt = Date.now();
      try {
        await this.runTask(next.task);
      } catch (error) {
        // A task that fails leaves the index as it was; the status says why.
        this.fatalError = errorMessage(error);
      }
      this.updates++;
      this.runElapsedMs = Date.now() - this.runStartedAt;
      next.settle();
    }
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.running = false;
    const broken = this.handles.some((handle) => handle.failure !== null);
    this.setPhase(broken || (this.fatalError !== null && !this.anyDocuments()) ? 'failed' : 'ready');
    if (!this.initialDone) {
      this.initialDone = true;
      this.settleReady(this.snapshot());
      // Not at once: a search that follows ready() (the CLI's) should not wait for a save.
      this.saveSoon(this.tuning.saveIdleMs);
    }
  }

  private async runTask(task: Task): Promise<void> {
    if (task.kind === 'recover') {
      if (this.cacheDir !== null) {
        this.setPhase('loading-cache');
        await this.loadShard(task.shard);
      }
      await this.syncShards([task.shard]);
      return;
    }
    if (task.kind === 'build' && this.cacheDir !== null) {
      this.setPhase('loading-cache');
      await Promise.all(this.handles.map((_, shard) => this.loadShard(shard)));
      void removeStaleCacheFiles(this.cacheDir, this.corpusDir);
    }
    await this.syncShards(this.handles.map((_, shard) => shard));
  }

  private async loadShard(shard: number): Promise<void> {
    const result = await this.handles[shard]!.request('load', {}, this.tuning.cacheTimeoutMs).catch(
      () => null,
    );
    if (result) this.shardState[shard]!.counts = result.counts;
    this.emitSoon();
  }

  /** Lists the folder and brings the given shards in line with it. */
  private async syncShards(shards: number[]): Promise<void> {
    let listing: Awaited<ReturnType<typeof listCorpusFiles>>;
    try {
      listing = await listCorpusFiles(this.corpusDir);
    } catch (error) {
      const reason = errorMessage(error);
      // The reader names itself in its errors; anything else gets the service's name.
      throw new Error(
        reason.startsWith('corpus:') ? reason : `service: cannot list ${this.corpusDir}: ${reason}`,
      );
    }
    this.fatalError = null;
    this.listingSkipped = listing.skipped;
    const parts: CorpusFile[][] = this.handles.map(() => []);
    const listed = new Set<string>();
    for (const file of listing.files) {
      listed.add(file.path);
      const stuck = this.quarantine.get(file.path);
      if (stuck && sameStamp(stuck.stamp, file)) continue;
      this.quarantine.delete(file.path);
      parts[shardOf(file.path, this.handles.length)]!.push(file);
    }
    for (const path of this.quarantine.keys()) if (!listed.has(path)) this.quarantine.delete(path);
    for (const shard of shards) {
      const state = this.shardState[shard]!;
      state.filesTotal = parts[shard]!.length;
      state.filesDone = 0;
      state.syncing = new Map(parts[shard]!.map((file) => [file.path, file]));
    }
    this.setPhase('reading');

    const results = await Promise.all(
      shards.map(async (shard) => {
        try {
          const result = await this.handles[shard]!.request(
            'sync',
            { files: parts[shard]!, reportOptions: shard === 0 },
            null,
          );
          const state = this.shardState[shard]!;
          state.counts = result.counts;
          state.filesDone = result.filesTotal;
          state.skipped = result.skipped;
          if (shard === 0) this.optionsSkipped = result.optionsSkipped;
          return result.changed;
        } catch (error) {
          // A crash is repaired by the recovery task it queued; anything else is reported.
          if (!(error instanceof WorkerCrashError)) throw error;
          return false;
        } finally {
          this.shardState[shard]!.reading = null;
          this.shardState[shard]!.syncing = new Map();
        }
      }),
    );
    this.emitSoon();
    if (results.some((changed) => changed) && this.initialDone) this.saveSoon(this.tuning.saveDelayMs);
  }

  private shardReading(shard: number, path: string | null): void {
    const state = this.shardState[shard]!;
    const file = path === null ? undefined : state.syncing.get(path);
    state.reading = file ? { file, since: Date.now() } : null;
  }

  /**
   * A worker stuck on one file (an extractor that never ends on some input) blocks its shard's
   * searches too: the file is set aside until it changes, and the worker is restarted.
   */
  private checkStuckReads(): void {
    const now = Date.now();
    this.shardState.forEach((state, shard) => {
      if (!state.reading || now - state.reading.since < this.tuning.fileTimeoutMs) return;
      const { file } = state.reading;
      state.reading = null;
      const seconds = Math.round(this.tuning.fileTimeoutMs / 100) / 10;
      const reason = `service: reading took longer than ${seconds} s; skipped until the file changes`;
      this.quarantine.set(file.path, { stamp: stampOf(file), reason });
      void this.handles[shard]!.kill(`reading ${file.path} took longer than ${seconds} s`);
    });
  }

  private shardCrashed(shard: number, reason: string, restarted: boolean): void {
    const when = new Date().toISOString().slice(11, 19);
    this.crashNote = restarted
      ? `service: index worker ${shard + 1} stopped unexpectedly at ${when} UTC (${reason}); it was restarted and its part of the index rebuilt`
      : (this.handles[shard]!.failure ?? `service: index worker ${shard + 1} failed`);
    this.shardState[shard]!.counts = { documents: 0, passages: 0 };
    // The recovery task reports (with its phase) as soon as it starts.
    if (restarted && !this.closing) void this.enqueue({ kind: 'recover', shard });
    else this.emitSoon();
  }

  // -------------------------------------------------------------------------
  // Saving

  /**
   * Saving blocks a shard's searches for as long as serializing its index takes (seconds for
   * a large one), so saves are spaced out by their own cost and wait for a pause in searching,
   * within `saveMaxDeferMs` of being due. Closing always saves.
   */
  private saveSoon(delayMs: number): void {
    if (this.cacheDir === null || this.closing) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const now = Date.now();
    this.savePendingSince ??= now;
    const deadline = this.savePendingSince + this.tuning.saveMaxDeferMs;
    const at = Math.min(deadline, Math.max(now + delayMs, this.lastSaveEndedAt + 10 * this.lastSaveMs));
    this.saveTimer = setTimeout(() => this.saveWhenIdle(deadline), Math.max(0, at - now));
    this.saveTimer.unref();
  }

  private saveWhenIdle(deadline: number): void {
    this.saveTimer = null;
    const now = Date.now();
    const quietFor = now - this.lastRequestAt;
    if (quietFor < this.tuning.saveIdleMs && now < deadline) {
      this.saveTimer = setTimeout(() => this.saveWhenIdle(deadline), this.tuning.saveIdleMs - quietFor);
      this.saveTimer.unref();
      return;
    }
    this.savePendingSince = null;
    this.saving = this.saving.then(() => this.saveAll());
  }

  private async saveAll(): Promise<void> {
    if (this.cacheDir === null) return;
    const started = Date.now();
    const results = await Promise.allSettled(
      this.handles.map((handle) => handle.request('save', {}, this.tuning.cacheTimeoutMs)),
    );
    this.lastSaveEndedAt = Date.now();
    if (results.some((result) => result.status === 'fulfilled' && result.value)) {
      this.lastSaveMs = this.lastSaveEndedAt - started;
    }
    for (const result of results) {
      // A cache that cannot be written costs a rebuild next time, nothing more.
      if (result.status === 'rejected') console.warn(errorMessage(result.reason));
    }
  }

  private async shutDown(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    // Updates not started yet are dropped; the one in flight ends after the files at hand
    // (quitting must not wait for a whole corpus), and what was read is saved below.
    for (const pending of this.tasks.splice(0)) pending.settle();
    await Promise.all(
      this.handles.map((handle) =>
        // A worker that cannot even take the message is stuck: end it without a restart.
        handle.request('stop', {}, this.tuning.requestTimeoutMs).catch(() => handle.stop()),
      ),
    );
    while (this.running) await this.runLoop;
    await this.saving;
    await this.saveAll();
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.listeners.clear();
    await Promise.all(this.handles.map((handle) => handle.stop()));
  }

  // -------------------------------------------------------------------------
  // Status and progress

  private snapshot(): StatusResponse {
    let documents = 0;
    let passages = 0;
    let filesDone = 0;
    let filesTotal = 0;
    const skipped: SkippedFile[] = [...this.listingSkipped, ...this.optionsSkipped];
    for (const [path, stuck] of this.quarantine) skipped.push({ path, reason: stuck.reason });
    for (const state of this.shardState) {
      documents += state.counts.documents;
      passages += state.counts.passages;
      filesDone += state.filesDone;
      filesTotal += state.filesTotal;
      skipped.push(...state.skipped);
    }
    const busy = this.phase !== 'ready' && this.phase !== 'failed';
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
      },
      skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      error: this.fatalError ?? this.crashNote,
    };
  }

  private anyDocuments(): boolean {
    return this.shardState.some((state) => state.counts.documents > 0);
  }

  private shardProgress(shard: number, event: ProgressEvent): void {
    const state = this.shardState[shard]!;
    state.filesDone = event.filesDone;
    state.filesTotal = event.filesTotal;
    state.counts = event.counts;
    this.emitSoon();
  }

  private setPhase(phase: IndexProgress['phase']): void {
    if (this.phase === phase) return;
    this.phase = phase;
    // Phase changes are news: they go out at once.
    this.emitNow();
  }

  private emitSoon(): void {
    if (this.emitTimer) return;
    const wait = this.tuning.progressIntervalMs - (Date.now() - this.lastEmit);
    if (wait <= 0) {
      this.emitNow();
      return;
    }
    this.emitTimer = setTimeout(() => this.emitNow(), wait);
    this.emitTimer.unref();
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

  private assertOpen(): void {
    if (this.closing) throw new Error('service: the search service is closed');
    if (this.handles.length === 0) throw new Error(this.fatalError ?? 'service: no index worker');
  }
}

/** Keeps the contract's error kinds when they cross the thread boundary. */
function asContractError(error: unknown): never {
  if (error instanceof WorkerError && (error.status === 400 || error.status === 404)) {
    throw new ContractError(error.message, error.status);
  }
  throw error;
}

function errorMessage(error: unknown): string {
  if (error instanceof WorkerError || error instanceof Error) return error.message;
  return String(error);
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
