/**
 * `dictum search QUERY --format csv|jsonl`: every match, streamed to stdout as it is read.
 * Each write waits for the pipe to drain, so `| head` or a slow disk bound memory to a page;
 * a reader that closes the pipe (EPIPE) ends the export quietly.
 */
import { once } from 'node:events';
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
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (closed || out.destroyed) break;
    }
  } finally {
    out.off('error', onError);
  }
  if (failure) throw failure;
  return written;
}
