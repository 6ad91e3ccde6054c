/**
 * Every match of a search, streamed to a writable as it is read: stdout for
 * `dictum search QUERY --format csv|jsonl`, a file for the desktop app's export.
 * Each write waits for the pipe to drain, so `| head` or a slow disk bound memory to a page;
 * a reader that closes the pipe (EPIPE) ends the export quietly.
 */
import type { Writable } from 'node:stream';
import type { SearchRequest } from '../common/contract';
import { exportChunks, type ExportSource } from '../common/exportPages';
import type { ExportFormat } from '../common/exportRows';

/** Writes the export to `out`; resolves with the number of matches written. */
export async function writeExport(
  source: ExportSource,
  request: SearchRequest,
  format: ExportFormat,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  let written = 0;
  let closed = false;
  let failure: Error | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code !== 'EPIPE') failure = error;
  };
  out.on('error', onError);
  try {
    for await (const chunk of exportChunks(source, request, format, (page) => {
      written = page.done;
      onProgress?.(page.done, page.total);
    })) {
      if (closed) break;
      if (!out.write(chunk)) await drained(out);
      if (closed || out.destroyed) break;
    }
  } finally {
    out.off('error', onError);
  }
  if (failure) throw failure;
  return written;
}

/** Resolves when `out` can take more, or will take nothing more; leaves no listener behind. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}
