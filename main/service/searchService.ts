/**
 * The SearchService: the one implementation of the search API behind IPC, HTTP and the CLI.
 *
 * The caller's thread only lists the corpus folder and routes messages. Reading, extracting,
 * indexing, searching and saving happen in index workers, each owning the files whose path
 * hashes to it (a shard; routing and merging in shardRouting.ts). Everything that changes the
 * index runs as a task in one queue (taskQueue.ts), so updates never overlap and `ready()` and
 * `reindex()` have a clear end. Saves are scheduled by saveScheduler.ts, the status is kept by
 * statusReporter.ts, and files that hang a worker are set aside by stuckReads.ts.
 */
import { resolve as resolvePath } from 'node:path';
import { availableParallelism } from 'node:os';
import {
  ContractError,
  LIMITS,
  type ExtractedDocument,
  type SearchRequest,
  type SearchResponse,
  type StatusResponse,
} from '../common/contract';
import type { TimelineRequest, TimelineResponse } from '../common/timeline';
import { validateDocumentId, validateSearchRequest, validateTimelineRequest } from '../common/validate';
import { buildTimeline } from '../engine/timeline';
import { listCorpusFiles, type CorpusFile } from '../corpus/listing';
import type { NameMerge } from '../extract/corpusNames';
import { CorpusNamesPass } from './namesPass';
import { cacheFilePath, defaultCacheDir, removeStaleCacheFiles } from './cacheFile';
import { SavedSearchStore } from './savedSearchStore';
import { QuoteGroupSync } from './quoteGroupSync';
import { SaveScheduler, type SaveTiming } from './saveScheduler';
import { ShardHandle, WorkerCrashError, WorkerError } from './shardHandle';
import { findDocument, searchShards, shardOf, type ShardEndpoint } from './shardRouting';
import { StatusReporter, sumStatistics, type ServiceStatistics } from './statusReporter';
import { StuckReads } from './stuckReads';
import { TaskQueue, type Task } from './taskQueue';
import { CorpusWatcher } from './watcher';
import { resolveWorkerEntry, type WorkerEntry } from './workerEntry';
import type { SearchService, SearchServiceOptions } from './serviceApi';

export type { ServiceStatistics } from './statusReporter';

/** Timings, for tests; the defaults suit the app. */
export interface ServiceTuning extends SaveTiming {
  /** How long a search or document request may take before it fails, in ms. */
  requestTimeoutMs: number;
  /** How long loading or saving a shard's index may take, in ms. */
  cacheTimeoutMs: number;
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

export function defaultShardCount(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export class WorkerSearchService implements SearchService {
  readonly corpusDir: string;
  private readonly cacheDir: string | null;
  private readonly tuning: ServiceTuning;
  /** One per shard: the worker that holds its part of the index. */
  protected readonly handles: ShardHandle[] = [];
  private readonly status_: StatusReporter;
  private readonly stuck: StuckReads;
  private readonly queue: TaskQueue;
  private readonly saves: SaveScheduler;
  private updates = 0;
  readonly saved: SavedSearchStore;
  private readonly names = new CorpusNamesPass();
  /** Quote groups span shards: formed here from what each shard reports. */
  private readonly quoteSync: QuoteGroupSync;

  private readonly readyPromise: Promise<StatusResponse>;
  private settleReady: (status: StatusResponse) => void = () => undefined;
  private initialDone = false;
  private watcher: CorpusWatcher | null = null;
  private closing: Promise<void> | null = null;

  constructor(options: SearchServiceOptions, tuning: Partial<ServiceTuning> = {}, entry?: WorkerEntry) {
    this.corpusDir = resolvePath(options.corpusDir);
    this.cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    const shardCount = Math.max(1, Math.floor(options.shards ?? defaultShardCount()));
    this.readyPromise = new Promise((resolve) => (this.settleReady = resolve));
    this.saved = new SavedSearchStore(this.corpusDir, this);
    this.quoteSync = new QuoteGroupSync(
      Array.from({ length: shardCount }, (_, shard) => ({
        quoteDelta: () => this.handles[shard]!.request('quoteDelta', {}, this.tuning.cacheTimeoutMs),
        setGroupMarks: (changes) =>
          this.handles[shard]!.request('groupMarks', { changes }, this.tuning.cacheTimeoutMs),
      })),
    );
    this.stuck = new StuckReads(shardCount, this.tuning.fileTimeoutMs, (shard, reason) => {
      void this.handles[shard]?.kill(reason);
    });
    this.status_ = new StatusReporter(this.corpusDir, shardCount, this.tuning.progressIntervalMs, () =>
      this.stuck.skipped(),
    );
    this.saves = new SaveScheduler(this.tuning, () => this.saveAll());
    this.queue = new TaskQueue({
      started: () => this.stuck.start(),
      run: (task) => this.runTask(task),
      drained: () => this.updatesDone(),
    });

    let workerEntry: WorkerEntry;
    try {
      workerEntry = entry ?? resolveWorkerEntry();
    } catch (error) {
      // A broken installation: reported by status() and every request, never thrown here.
      this.status_.fatalError = errorMessage(error);
      this.status_.phase = 'failed';
      this.initialDone = true;
      this.settleReady(this.status_.snapshot());
      return;
    }
    for (let shardIndex = 0; shardIndex < shardCount; shardIndex++) {
      const cacheFile =
        this.cacheDir === null ? null : cacheFilePath(this.cacheDir, this.corpusDir, shardIndex, shardCount);
      this.handles.push(
        new ShardHandle(
          { corpusDir: this.corpusDir, shardIndex, shardCount, cacheFile },
          workerEntry,
          {
            progress: (event) => this.status_.shardProgress(shardIndex, event),
            reading: (event) => {
              // an OCR page read says how far a scan is, not that a new file began
              if (!event.ocr) this.stuck.reading(shardIndex, event.path);
              this.status_.shardOcr(
                shardIndex,
                event.ocr && event.path ? { path: event.path, ...event.ocr } : null,
              );
            },
            crashed: (reason, restarted) => this.shardCrashed(shardIndex, reason, restarted),
          },
          this.tuning.maxRestarts,
        ),
      );
    }

    void this.queue.enqueue({ kind: 'build' });
    if (options.watch) {
      this.watcher = new CorpusWatcher(this.corpusDir, () => void this.requestSync(), {
        debounceMs: this.tuning.watchDebounceMs,
        pollMs: this.tuning.pollMs,
      });
    }
  }

  // -------------------------------------------------------------------------
  // The search API

  /** Pages of up to LIMITS.exportPageSize hits, for exports; never exposed over IPC or HTTP. */
  exportSearch(raw: SearchRequest): Promise<SearchResponse> {
    return this.search(raw, LIMITS.exportPageSize);
  }

  /** `pageLimit` above LIMITS.pageSize is for exportSearch only (IPC and HTTP validate first). */
  async search(raw: SearchRequest, pageLimit?: number): Promise<SearchResponse> {
    this.assertOpen();
    this.saves.noteRequest();
    const request = validateSearchRequest(raw, pageLimit);
    const started = performance.now();
    const endpoints = this.endpoints();
    let response = await searchShards(request, endpoints).catch(asContractError);
    if (request.group !== undefined) {
      response = await this.quoteSync.describeListing(response, request.group, async (docId, passageId) => {
        const doc = await findDocument(docId, endpoints).catch(() => null);
        return doc?.passages.find((passage) => passage.id === passageId)?.text ?? null;
      });
    }
    // The caller waited for the round trip too, not only for the engine.
    return { ...response, tookMs: Math.max(response.tookMs, round1(performance.now() - started)) };
  }

  async document(rawId: string): Promise<ExtractedDocument> {
    this.assertOpen();
    this.saves.noteRequest();
    const id = validateDocumentId(rawId);
    const document = await findDocument(id, this.endpoints()).catch(asContractError);
    if (!document) throw new ContractError(`document not found: ${id}`, 404);
    return document;
  }

  async status(): Promise<StatusResponse> {
    return this.status_.snapshot();
  }

  /** One merged search per series, so the counts cover every match in every shard. */
  async timeline(raw: TimelineRequest): Promise<TimelineResponse> {
    this.assertOpen();
    return buildTimeline(validateTimelineRequest(raw), (request) => this.search(request));
  }

  // -------------------------------------------------------------------------
  // The service

  onProgress(listener: (status: StatusResponse) => void): () => void {
    return this.status_.onProgress(listener);
  }

  ready(): Promise<StatusResponse> {
    return this.readyPromise;
  }

  async reindex(): Promise<StatusResponse> {
    this.assertOpen();
    await this.requestSync();
    return this.status_.snapshot();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** Sums what the workers have done (for diagnostics, and tests that prove what was re-read). */
  async statistics(): Promise<ServiceStatistics> {
    const timeout = this.tuning.requestTimeoutMs;
    const perShard = await Promise.all(this.handles.map((handle) => handle.request('stats', {}, timeout)));
    return sumStatistics(perShard, {
      restarts: this.handles.reduce((sum, handle) => sum + handle.restarts, 0),
      updates: this.updates,
      watcher: this.watcher ? this.watcher.mode : 'off',
    });
  }

  /** The workers, as the shards a search is routed to. */
  private endpoints(): ShardEndpoint[] {
    const timeout = this.tuning.requestTimeoutMs;
    return this.handles.map((handle) => ({
      search: (request, minima) =>
        handle.request('search', { request, ...(minima ? { minima } : {}) }, timeout),
      groupMinima: (request) => handle.request('groupMinima', { request }, timeout),
      document: (docId) => handle.request('document', { docId }, timeout),
    }));
  }

  // -------------------------------------------------------------------------
  // Index updates

  /** Re-checks the whole folder; a re-check already waiting to run is shared, not repeated. */
  private requestSync(): Promise<void> {
    if (this.closing) return Promise.resolve();
    return this.queue.requestSync();
  }

  private async runTask(task: Task): Promise<void> {
    this.status_.runStartedAt = Date.now();
    try {
      if (task.kind === 'recover') {
        if (this.cacheDir !== null) {
          this.status_.setPhase('loading-cache');
          await this.loadShard(task.shard);
        }
        await this.syncShards([task.shard]);
        await this.quoteSync.refresh([task.shard]);
      } else {
        if (task.kind === 'build' && this.cacheDir !== null) {
          this.status_.setPhase('loading-cache');
          const loaded = await Promise.all(this.handles.map((_, shard) => this.loadShard(shard)));
          const stale = await removeStaleCacheFiles(this.cacheDir, this.corpusDir);
          if (stale > 0 && !loaded.some(Boolean))
            console.warn(
              `service: the saved index of ${this.corpusDir} was written by an older version of Dictum in another format; it is rebuilt from the files once`,
            );
        }
        await this.syncShards(this.handles.map((_, shard) => shard));
        await this.quoteSync.refresh(this.handles.map((_, shard) => shard));
      }
    } catch (error) {
      // A task that fails leaves the index as it was; the status says why.
      this.status_.fatalError = errorMessage(error);
    }
    this.updates++;
    this.status_.runElapsedMs = Date.now() - this.status_.runStartedAt;
  }

  private updatesDone(): void {
    this.stuck.stop();
    const broken = this.handles.some((handle) => handle.failure !== null);
    const empty = this.status_.fatalError !== null && !this.status_.anyDocuments();
    this.status_.setPhase(broken || empty ? 'failed' : 'ready');
    if (!this.initialDone) {
      this.initialDone = true;
      // Before ready() resolves, so that a caller's first list of saved searches waits for the count.
      if (!broken) this.saved.indexChanged();
      this.settleReady(this.status_.snapshot());
      // Not at once: a search that follows ready() (the CLI's) should not wait for a save.
      this.saveSoon(this.tuning.saveIdleMs);
    }
  }

  /** Says whether the shard's saved index was loaded. */
  private async loadShard(shard: number): Promise<boolean> {
    const result = await this.handles[shard]!.request('load', {}, this.tuning.cacheTimeoutMs).catch(
      () => null,
    );
    if (result) this.status_.shards[shard]!.counts = result.counts;
    this.status_.emitSoon();
    return result?.loaded ?? false;
  }

  /** Speaker names merged across the corpus by the names pass (extract/corpusNames.ts). */
  nameMerges(): Promise<NameMerge[]> {
    return Promise.resolve(this.names.list());
  }

  /**
   * Lists the folder and brings the given shards in line with it; then the corpus names pass:
   * when its merges changed, one more sync re-reads the files they rename.
   */
  private async syncShards(shards: number[], namesRound = 0): Promise<void> {
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
    this.status_.fatalError = null;
    this.status_.listingSkipped = listing.skipped;
    const parts: CorpusFile[][] = this.handles.map(() => []);
    for (const file of this.stuck.admit(listing.files))
      parts[shardOf(file.path, this.handles.length)]!.push(file);
    for (const shard of shards) {
      const state = this.status_.shards[shard]!;
      state.filesTotal = parts[shard]!.length;
      state.filesDone = 0;
      this.stuck.syncing(shard, parts[shard]!);
    }
    this.status_.setPhase('reading');

    const results = await Promise.all(
      shards.map(async (shard) => {
        try {
          const result = await this.handles[shard]!.request(
            'sync',
            { files: parts[shard]!, reportOptions: shard === 0, nameMerges: this.names.current() },
            null,
          );
          const state = this.status_.shards[shard]!;
          state.counts = result.counts;
          state.filesDone = result.filesTotal;
          state.skipped = result.skipped;
          if (shard === 0) this.status_.optionsSkipped = result.optionsSkipped;
          this.names.report(shard, result.speakers, result.nameMerges, result.people);
          return result.changed;
        } catch (error) {
          // A crash is repaired by the recovery task it queued; anything else is reported.
          if (!(error instanceof WorkerCrashError)) throw error;
          return false;
        } finally {
          this.stuck.synced(shard);
        }
      }),
    );
    this.status_.emitSoon();
    if (results.some((changed) => changed) && this.initialDone) {
      this.saveSoon(this.tuning.saveDelayMs);
      this.saved.indexChanged();
    }
    // Names planned from names as read do not change by applying them: one more round at most.
    // Loaded when first needed: the readers it brings are not needed to answer searches.
    const { loadCorpusOptions } = await import('../corpus/corpusReader');
    const aliases = await loadCorpusOptions(this.corpusDir).then(
      (loaded) => loaded.options.aliases,
      () => ({}),
    );
    if (this.names.plan(aliases) && namesRound === 0)
      await this.syncShards(
        this.handles.map((_, shard) => shard),
        namesRound + 1,
      );
  }

  private shardCrashed(shard: number, reason: string, restarted: boolean): void {
    const when = new Date().toISOString().slice(11, 19);
    this.status_.crashNote = restarted
      ? `service: index worker ${shard + 1} stopped unexpectedly at ${when} UTC (${reason}); it was restarted and its part of the index rebuilt`
      : (this.handles[shard]!.failure ?? `service: index worker ${shard + 1} failed`);
    this.status_.shards[shard]!.counts = { documents: 0, passages: 0 };
    // The recovery task reports (with its phase) as soon as it starts.
    if (restarted && !this.closing) void this.queue.enqueue({ kind: 'recover', shard });
    else this.status_.emitSoon();
  }

  // -------------------------------------------------------------------------
  // Saving and closing

  private saveSoon(delayMs: number): void {
    if (this.cacheDir === null || this.closing) return;
    this.saves.due(delayMs);
  }

  /** Writes every shard that changed; says whether any did. */
  private async saveAll(): Promise<boolean> {
    if (this.cacheDir === null) return false;
    const results = await Promise.allSettled(
      this.handles.map((handle) => handle.request('save', {}, this.tuning.cacheTimeoutMs)),
    );
    for (const result of results) {
      // A cache that cannot be written costs a rebuild next time, nothing more.
      if (result.status === 'rejected') console.warn(errorMessage(result.reason));
    }
    return results.some((result) => result.status === 'fulfilled' && result.value);
  }

  private async shutDown(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    await this.saved.close();
    this.saves.stop();
    // Updates not started yet are dropped; the one in flight ends after the files at hand
    // (quitting must not wait for a whole corpus), and what was read is saved below.
    this.queue.clear();
    await Promise.all(
      this.handles.map((handle) =>
        // A worker that cannot even take the message is stuck: end it without a restart.
        handle.request('stop', {}, this.tuning.requestTimeoutMs).catch(() => handle.stop()),
      ),
    );
    await this.queue.idle();
    await this.saves.flush();
    this.status_.close();
    await Promise.all(this.handles.map((handle) => handle.stop()));
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('service: the search service is closed');
    if (this.handles.length === 0) throw new Error(this.status_.fatalError ?? 'service: no index worker');
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
