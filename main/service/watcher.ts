/**
 * Tells when anything under the corpus folder may have changed. It does not say what: the
 * service re-lists the folder and compares file stamps, which is cheap and cannot miss
 * what an event stream may drop (renames, vanished folders, editors' temp files).
 */
import { watch, type FSWatcher } from 'node:fs';

export interface WatcherOptions {
  /** Quiet time after the last event before `onChange` runs, in ms. */
  debounceMs: number;
  /** Poll interval when the platform cannot watch the folder tree, in ms. */
  pollMs: number;
}

export class CorpusWatcher {
  private watcher: FSWatcher | null = null;
  private poller: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private closed = false;
  /** 'events' while fs.watch works, 'polling' after it failed. */
  mode: 'events' | 'polling' = 'events';

  constructor(
    private readonly dir: string,
    private readonly onChange: () => void,
    private readonly options: WatcherOptions,
  ) {
    try {
      // Recursive watching works on macOS, Windows and (Node >= 20) Linux.
      this.watcher = watch(this.dir, { recursive: true, persistent: false }, () => this.changed());
      this.watcher.on('error', () => this.fallBackToPolling());
    } catch {
      this.fallBackToPolling();
    }
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.poller) clearInterval(this.poller);
    if (this.debounce) clearTimeout(this.debounce);
    this.poller = null;
    this.debounce = null;
  }

  private changed(): void {
    if (this.closed) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      if (!this.closed) this.onChange();
    }, this.options.debounceMs);
    this.debounce.unref();
  }

  private fallBackToPolling(): void {
    if (this.closed || this.poller) return;
    this.mode = 'polling';
    try {
      this.watcher?.close();
    } catch {
      // already gone
    }
    this.watcher = null;
    this.poller = setInterval(() => {
      if (!this.closed) this.onChange();
    }, this.options.pollMs);
    this.poller.unref();
  }
}
