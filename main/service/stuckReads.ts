/**
 * Files that hang a worker. An extractor that never ends on some input blocks its shard's
 * searches too, so a file still being read after `fileTimeoutMs` is set aside until it
 * changes (listed as skipped with the reason), and its worker is ended and restarted.
 */
import type { SkippedFile } from '../common/contract';
import type { CorpusFile } from '../corpus/corpusReader';
import { sameStamp, stampOf, type FileStamp } from './fileStamp';

interface ShardReading {
  /** This shard's part of the listing being synced, by path. */
  syncing: Map<string, CorpusFile>;
  /** The file the worker is reading, and since when. */
  reading: { file: CorpusFile; since: number } | null;
}

export class StuckReads {
  private readonly shards: ShardReading[];
  /** Files that hung a worker; skipped until their stamp changes. */
  private readonly quarantine = new Map<string, { stamp: FileStamp; reason: string }>();
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    shardCount: number,
    private readonly fileTimeoutMs: number,
    /** Ends the worker of `shard` (it is restarted as after a crash). */
    private readonly stopWorker: (shard: number, reason: string) => void,
  ) {
    this.shards = Array.from({ length: shardCount }, () => ({ syncing: new Map(), reading: null }));
  }

  /** The listed files worth reading: those that hung a worker are left out until they change. */
  admit(files: CorpusFile[]): CorpusFile[] {
    const listed = new Set(files.map((file) => file.path));
    for (const path of this.quarantine.keys()) if (!listed.has(path)) this.quarantine.delete(path);
    return files.filter((file) => {
      const stuck = this.quarantine.get(file.path);
      if (stuck && sameStamp(stuck.stamp, file)) return false;
      this.quarantine.delete(file.path);
      return true;
    });
  }

  /** A shard starts syncing these files. */
  syncing(shard: number, files: CorpusFile[]): void {
    this.shards[shard]!.syncing = new Map(files.map((file) => [file.path, file]));
  }

  /** A shard's worker started reading `path` (null: it is done reading). */
  reading(shard: number, path: string | null): void {
    const state = this.shards[shard]!;
    const file = path === null ? undefined : state.syncing.get(path);
    state.reading = file ? { file, since: Date.now() } : null;
  }

  /** A shard's sync ended, one way or another. */
  synced(shard: number): void {
    this.shards[shard]!.reading = null;
    this.shards[shard]!.syncing = new Map();
  }

  /** Watches reads while updates run. */
  start(): void {
    if (this.watchdog) return;
    const every = Math.min(5_000, Math.max(10, this.fileTimeoutMs / 4));
    this.watchdog = setInterval(() => this.check(), every);
    this.watchdog.unref();
  }

  stop(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  skipped(): SkippedFile[] {
    return [...this.quarantine].map(([path, stuck]) => ({ path, reason: stuck.reason }));
  }

  private check(): void {
    const now = Date.now();
    this.shards.forEach((state, shard) => {
      if (!state.reading || now - state.reading.since < this.fileTimeoutMs) return;
      const { file } = state.reading;
      state.reading = null;
      const seconds = Math.round(this.fileTimeoutMs / 100) / 10;
      const reason = `service: reading took longer than ${seconds} s; skipped until the file changes`;
      this.quarantine.set(file.path, { stamp: stampOf(file), reason });
      this.stopWorker(shard, `reading ${file.path} took longer than ${seconds} s`);
    });
  }
}
