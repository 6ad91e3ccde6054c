/**
 * `GET /api/events`: indexing progress as Server-Sent Events, so the browser UI follows it
 * without polling. Each event is a plain `message` event (no `event:` field, so
 * `EventSource.onmessage` receives it) whose `data` is a StatusResponse as JSON.
 */
import type { ServerResponse } from 'node:http';
import type { StatusResponse } from '../common/contract';

/** Progress can fire per file; a client gets at most one status per interval (the latest). */
const MIN_INTERVAL_MS = 100;
/** A comment line now and then keeps proxies and idle timers from cutting the stream. */
const HEARTBEAT_MS = 15_000;

export interface StatusSource {
  status(): Promise<StatusResponse>;
  onProgress(listener: (status: StatusResponse) => void): () => void;
}

/** The open event streams, so that shutdown can end them (they would hold close() forever). */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(readonly maxStreams: number) {}

  get size(): number {
    return this.open.size;
  }

  /**
   * Streams status to `res` (whose head is already written) until the client goes away or
   * `closeAll()` runs. Only the latest status matters, so a slow client skips the ones it
   * could not take rather than queueing them.
   */
  stream(res: ServerResponse, source: StatusSource, onError: (error: unknown) => void): void {
    let latest: StatusResponse | null = null;
    let lastSent = 0;
    let timer: NodeJS.Timeout | null = null;
    let blocked = false;
    let ended = false;

    const flush = () => {
      timer = null;
      if (ended || blocked || latest === null) return;
      const status = latest;
      latest = null;
      lastSent = Date.now();
      blocked = !res.write(`data: ${JSON.stringify(status)}\n\n`);
    };
    const push = (status: StatusResponse) => {
      latest = status;
      if (timer || blocked) return;
      const wait = MIN_INTERVAL_MS - (Date.now() - lastSent);
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    };
    const onDrain = () => {
      blocked = false;
      flush();
    };

    const unsubscribe = source.onProgress(push);
    const heartbeat = setInterval(() => {
      if (!blocked) blocked = !res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    const end = () => {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      res.off('drain', onDrain);
      this.open.delete(end);
      if (!res.writableEnded) res.end();
    };
    this.open.add(end);
    res.on('drain', onDrain);
    res.on('close', end);
    res.on('error', end);

    // Tell the browser how soon to reconnect, then send where things stand now.
    res.write('retry: 2000\n\n');
    source.status().then(
      (status) => {
        // A progress event may have overtaken the first status; the newer one wins.
        if (latest === null && lastSent === 0) push(status);
      },
      (error: unknown) => {
        onError(error);
        end();
      },
    );
  }

  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
