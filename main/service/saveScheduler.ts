/**
 * When the index is saved. Saving blocks a shard's searches for as long as serializing its
 * index takes (seconds for a large one), so saves are spaced out by their own cost and wait
 * for a pause in searching, within `saveMaxDeferMs` of being due. Closing always saves.
 */

export interface SaveTiming {
  /** Quiet time after an update before the index is saved, in ms. */
  saveDelayMs: number;
  /** A save waits until no search came in for this long, in ms... */
  saveIdleMs: number;
  /** ...but not longer than this after it was first due, in ms. */
  saveMaxDeferMs: number;
}

/** Writes every shard's index; says whether anything was written (its cost then counts). */
export type SaveAll = () => Promise<boolean>;

export class SaveScheduler {
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private pendingSince: number | null = null;
  private lastSaveMs = 0;
  private lastSaveEndedAt = 0;
  private lastRequestAt = 0;
  private closed = false;

  constructor(
    private readonly timing: SaveTiming,
    private readonly saveAll: SaveAll,
  ) {}

  /** A search or lookup came in: a save should not get in its way. */
  noteRequest(): void {
    this.lastRequestAt = Date.now();
  }

  /** The index changed: save it after `delayMs` of quiet, as spacing and searching allow. */
  due(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const now = Date.now();
    this.pendingSince ??= now;
    const deadline = this.pendingSince + this.timing.saveMaxDeferMs;
    const at = Math.min(deadline, Math.max(now + delayMs, this.lastSaveEndedAt + 10 * this.lastSaveMs));
    this.timer = setTimeout(() => this.saveWhenIdle(deadline), Math.max(0, at - now));
    this.timer.unref();
  }

  /** No more scheduled saves (the service is closing); `flush` makes the last one. */
  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Lets a save in progress end, then saves now. */
  async flush(): Promise<void> {
    await this.saving;
    await this.run();
  }

  private saveWhenIdle(deadline: number): void {
    this.timer = null;
    const now = Date.now();
    const quietFor = now - this.lastRequestAt;
    if (quietFor < this.timing.saveIdleMs && now < deadline) {
      this.timer = setTimeout(() => this.saveWhenIdle(deadline), this.timing.saveIdleMs - quietFor);
      this.timer.unref();
      return;
    }
    this.pendingSince = null;
    this.saving = this.saving.then(() => this.run());
  }

  private async run(): Promise<void> {
    const started = Date.now();
    const written = await this.saveAll();
    this.lastSaveEndedAt = Date.now();
    if (written) this.lastSaveMs = this.lastSaveEndedAt - started;
  }
}
