/**
 * Every match of a search, page after page, for exporting: it follows the response's `next`
 * cursor, so it reaches matches beyond any offset limit and holds one page at a time. Pure:
 * the caller passes the service (or anything with its `search` and `document`).
 */
import {
  LIMITS,
  type ExtractedDocument,
  type Hit,
  type SearchApi,
  type SearchRequest,
  type SearchResponse,
} from './contract';
import { exportLine, exportPreamble, type ExportFormat } from './exportRows';

export interface ExportPage {
  /** The page's hits, each with its statement's full text (see `wholeHit`). */
  hits: Hit[];
  /** Matches exported so far, this page included, and the search's total. */
  done: number;
  total: number;
}

/**
 * What an export reads from: the contract's search, and its documents for long statements.
 * A source with `exportSearch` (the service) is paged by LIMITS.exportPageSize, others by the
 * contract's page size: a wrapper that does not pass it on is slower, never wrong.
 */
export type ExportSource = Pick<SearchApi, 'search' | 'document'> & {
  exportSearch?(request: SearchRequest): Promise<SearchResponse>;
};

/**
 * Yields the pages of every match of `request` (its limit, offset and cursor are ignored).
 * Throws when the search stops short of its total, so an export is never silently cut.
 */
export async function* exportPages(
  source: ExportSource,
  request: SearchRequest,
  pageSize?: number,
): AsyncGenerator<ExportPage> {
  const { after: _after, ...base } = request;
  const whole = wholeHits(source);
  let after: string | undefined;
  let done = 0;
  for (;;) {
    const page = { ...base, offset: 0, ...(after ? { after } : {}) };
    const response = source.exportSearch
      ? await source.exportSearch({ ...page, limit: pageSize ?? LIMITS.exportPageSize })
      : await source.search({ ...page, limit: pageSize ?? LIMITS.pageSize });
    done += response.hits.length;
    if (response.hits.length > 0) {
      const hits: Hit[] = [];
      for (const hit of response.hits) hits.push(await whole(hit));
      yield { hits, done, total: response.total };
    }
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
 * A hit of a long statement carries a window of its text (`textStart`); an export wants the
 * whole statement, so it is read from the document (one document kept, as consecutive hits
 * often share one) and the highlights are moved to the whole text.
 */
function wholeHits(source: ExportSource): (hit: Hit) => Promise<Hit> {
  let cached: ExtractedDocument | null = null;
  return async (hit) => {
    if (hit.textStart === undefined) return hit;
    if (cached?.document.id !== hit.docId) cached = await source.document(hit.docId);
    const { textStart, passageLength: _length, ...rest } = hit;
    return {
      ...rest,
      text: cached.text.slice(hit.start, hit.end),
      highlights: hit.highlights.map(([s, e]) => [s + textStart, e + textStart] as [number, number]),
    };
  };
}

/**
 * The text of an export, a page at a time: the preamble (CSV's BOM and header), then each
 * page's lines. Consumers pull (Node's `Readable.from`, a file writer awaiting each write),
 * so a slow reader slows the search down instead of filling memory.
 */
export async function* exportChunks(
  source: ExportSource,
  request: SearchRequest,
  format: ExportFormat,
  onProgress?: (page: ExportPage) => void,
  pageSize?: number,
): AsyncGenerator<string> {
  const preamble = exportPreamble(format);
  if (preamble) yield preamble;
  for await (const page of exportPages(source, request, pageSize)) {
    let chunk = '';
    for (const hit of page.hits) chunk += exportLine(format, hit);
    yield chunk;
    onProgress?.(page);
  }
}
