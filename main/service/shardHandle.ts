/**
 * The caller's side of one index worker: requests with ids and timeouts, progress events,
 * and a restart when the worker dies, so a crash costs a rebuild, never a hung request.
 */
import { Worker } from 'node:worker_threads';
import { parseWorkerMessage, parseWorkerResult } from './protocolChecks';
import type { WorkerEntry } from './workerEntry';
import type {
  ProgressEvent,
  ReadingEvent,
  ShardConfig,
  WorkerMessage,
  WorkerRequest,
  WorkerRequestType,
  WorkerResults,
} from './protocol';

interface Pending {
  type: WorkerRequestType;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

type RequestPayload<K extends WorkerRequestType> = Omit<Extract<WorkerRequest, { type: K }>, 'id' | 'type'>;

/** An error the worker reported, with the HTTP-like status it carried (404 and so on). */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

/** The worker died (or was given up on) while the request was pending or before it was sent. */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

export interface ShardHandleEvents {
  progress(event: ProgressEvent): void;
  reading(event: ReadingEvent): void;
  /** The worker died; `restarted` says whether a fresh one took its place. */
  crashed(reason: string, restarted: boolean): void;
}

export class ShardHandle {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopping = false;
  private lastError: string | null = null;
  restarts = 0;
  /** Set when the worker kept dying and was given up on. */
  failure: string | null = null;

  constructor(
    readonly config: ShardConfig,
    private readonly entry: WorkerEntry,
    private readonly events: ShardHandleEvents,
    private readonly maxRestarts: number,
  ) {
    this.spawn();
  }

  request<K extends WorkerRequestType>(
    type: K,
    payload: RequestPayload<K>,
    timeoutMs: number | null,
  ): Promise<WorkerResults[K]> {
    const worker = this.worker;
    if (!worker) {
      return Promise.reject(
        this.stopping
          ? new Error('service: closed')
          : new WorkerCrashError(
              this.failure ?? `service: index worker ${this.config.shardIndex + 1} is not running`,
            ),
      );
    }
    const id = this.nextId++;
    return new Promise<WorkerResults[K]>((resolve, reject) => {
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => {
              this.pending.delete(id);
              reject(
                new Error(`service: the index did not answer the ${type} request within ${timeoutMs} ms`),
              );
            }, timeoutMs);
      this.pending.set(id, { type, resolve: resolve as (value: unknown) => void, reject, timer });
      worker.postMessage({ ...payload, id, type } as WorkerRequest);
    });
  }

  /** Stops the worker for good; pending requests fail. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('service: closed'));
    if (worker) await worker.terminate();
  }

  /** Kills the worker (stuck, or in a test); it is restarted as after a crash, for `reason`. */
  async kill(reason?: string): Promise<void> {
    if (reason) this.lastError = reason;
    await this.worker?.terminate();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.entry.file, {
        workerData: this.config,
        execArgv: this.entry.execArgv,
        name: `dictum-index-${this.config.shardIndex + 1}`,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.worker = null;
      this.failure = `service: cannot start index worker ${this.config.shardIndex + 1} (${reason})`;
      // Reported once the caller is set up: this may run inside the constructor.
      queueMicrotask(() => this.events.crashed(reason, false));
      return;
    }
    this.worker = worker;
    this.lastError = null;
    worker.on('message', (message: unknown) => this.receive(message));
    worker.on('error', (error) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.stopping) return;
      const reason = this.lastError ?? `exit code ${code}`;
      this.failAll(
        new WorkerCrashError(
          `service: index worker ${this.config.shardIndex + 1} stopped unexpectedly (${reason})`,
        ),
      );
      if (this.restarts < this.maxRestarts) {
        this.restarts++;
        this.spawn();
        this.events.crashed(reason, true);
      } else {
        this.failure = `service: index worker ${this.config.shardIndex + 1} keeps failing (${reason}); the index is unavailable`;
        this.events.crashed(reason, false);
      }
    });
  }

  private receive(raw: unknown): void {
    let message: WorkerMessage;
    try {
      message = parseWorkerMessage(raw);
    } catch (error) {
      // A worker that says what it must not is broken: it is ended and restarted as after a crash.
      void this.kill(error instanceof Error ? error.message : String(error));
      return;
    }
    if (message.kind === 'progress') {
      this.events.progress(message);
      return;
    }
    if (message.kind === 'reading') {
      this.events.reading(message);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return; // timed out already
    this.pending.delete(message.id);
    if (pending.timer) clearTimeout(pending.timer);
    if (!message.ok) {
      pending.reject(new WorkerError(message.error, message.status));
      return;
    }
    try {
      pending.resolve(parseWorkerResult(pending.type, message.result));
    } catch (error) {
      pending.reject(new WorkerError(error instanceof Error ? error.message : String(error), undefined));
    }
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      if (pending.timer) clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
