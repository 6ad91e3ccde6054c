/**
 * Everything that changes the index is a task in one queue (the initial build, re-checks of
 * the folder, crash recovery), so updates never overlap and each caller learns when its own
 * has run. A re-check already waiting to run is shared, not repeated.
 */

export type Task = { kind: 'build' } | { kind: 'sync' } | { kind: 'recover'; shard: number };

export interface TaskRunner {
  /** The queue starts running after being idle. */
  started(): void;
  run(task: Task): Promise<void>;
  /** The queue ran dry. */
  drained(): void;
}

export class TaskQueue {
  private readonly tasks: Array<{ task: Task; settle: () => void }> = [];
  private running = false;
  private runLoop: Promise<void> = Promise.resolve();
  private queuedSync: Promise<void> | null = null;

  constructor(private readonly runner: TaskRunner) {}

  get busy(): boolean {
    return this.running;
  }

  /** Resolves when the task has run (or was dropped by `clear`); never rejects. */
  enqueue(task: Task): Promise<void> {
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.tasks.push({ task, settle });
    if (!this.running) {
      this.running = true;
      // Started on a later tick, so a caller that keeps the returned promise (requestSync)
      // has stored it before the task is taken off the queue.
      this.runLoop = Promise.resolve().then(() => this.runAll());
    }
    return done;
  }

  /** Queues a re-check of the whole folder, or joins the one already waiting. */
  requestSync(): Promise<void> {
    this.queuedSync ??= this.enqueue({ kind: 'sync' });
    return this.queuedSync;
  }

  /** Drops the tasks not started yet (their callers are told they are done). */
  clear(): void {
    for (const pending of this.tasks.splice(0)) pending.settle();
    this.queuedSync = null;
  }

  /** Resolves when no task is running. */
  async idle(): Promise<void> {
    while (this.running) await this.runLoop;
  }

  private async runAll(): Promise<void> {
    this.runner.started();
    while (this.tasks.length > 0) {
      const next = this.tasks.shift()!;
      if (next.task.kind === 'sync') this.queuedSync = null;
      await this.runner.run(next.task);
      next.settle();
    }
    this.running = false;
    this.runner.drained();
  }
}
