/** Page runs of a document read from a paged format, and each passage's place in them. */
import type { PageRun, Passage } from '../common/contract';
import { placeAt } from '../common/pages';
import type { RawPara } from './stages/rawDoc';

/**
 * The page runs of a document from its paragraphs' pages (null when no paragraph has a
 * page): a run starts wherever the page or the OCR confidence changes.
 */
export function pageRuns(
  paragraphs: ReadonlyArray<{ start: number; para: RawPara | undefined }>,
): PageRun[] | null {
  const runs: PageRun[] = [];
  for (const { start, para } of paragraphs) {
    if (para?.page === undefined) continue;
    const last = runs[runs.length - 1];
    if (last && last.page === para.page && last.ocrConfidence === para.ocrConfidence) continue;
    runs.push(
      para.ocrConfidence === undefined
        ? { start, page: para.page }
        : { start, page: para.page, ocrConfidence: para.ocrConfidence },
    );
  }
  if (runs.length === 0) return null;
  (runs[0] as PageRun).start = 0;
  return runs;
}

/** Gives every passage the page it starts on (and OCR's confidence), from the runs. */
export function placePassages(passages: Passage[], pages: readonly PageRun[] | null): void {
  if (!pages) return;
  for (const p of passages) Object.assign(p, placeAt(pages, p.start));
}
