/**
 * Every match of a search, page after page, for exporting: it follows the response's `next`
 * cursor, so it reaches matches beyond any offset limit and holds one page at a time. Pure:
 * the caller passes the search function (the service, or the HTTP API).
 */
import { LIMITS, type Hit, type SearchRequest, type SearchResponse } from './contract';
import { exportLine, exportPreamble, type ExportFormat } from './exportRows';

export interface ExportPage {
  hits: Hit[];
  /** Matches exported so far, this page included, and the search's total. */
  done: number;
  total: number;
}

export type SearchFn = (request: SearchRequest) => Promise<SearchResponse>;

/**
 * Yields the pages of every match of `request` (its limit, offset and cursor are ignored).
 * Throws when the search stops short of its total, so an export is never silently cut.
 */
export async function* exportPages(
  search: SearchFn,
  request: SearchRequest,
  pageSize: number = LIMITS.pageSize,
): AsyncGenerator<ExportPage> {
  const { after: _after, ...base } = request;
  let after: string | undefined;
  let done = 0;
  for (;;) {
    const response = await search({ ...base, offset: 0, limit: pageSize, ...(after ? { after } : {}) });
    done += response.hits.length;
    if (response.hits.length > 0) yield { hits: response.hits, done, total: response.total };
    if (!response.next || response.hits.length === 0) {
      if (done < response.total) {
        const why = response.notes.length > 0 ? `: ${response.notes.join('; ')}` : '';
        throw new Error(`export: stopped after ${done} of ${response.total} matches${why}`);
      }
      return;
    }
    after = response.next;
  }
}

/**
 * The text of an export, a page at a time: the preamble (CSV's BOM and header), then each
 * page's lines. Consumers pull (Node's `Readable.from`, a file writer awaiting each write),
 * so a slow reader slows the search down instead of filling memory.
 */
export async function* exportChunks(
  search: SearchFn,
  request: SearchRequest,
  format: ExportFormat,
  onProgress?: (page: ExportPage) => void,
): AsyncGenerator<string> {
  const preamble = exportPreamble(format);
  if (preamble) yield preamble;
  for await (const page of exportPages(search, request)) {
    let chunk = '';
    for (const hit of page.hits) chunk += exportLine(format, hit);
    yield chunk;
    onProgress?.(page);
  }
}
