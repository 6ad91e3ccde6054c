/**
 * Pages of a paged document (PDF): which page a character offset of the clean text is on,
 * and whether OCR read it. Shared by extraction, the engine and the renderer.
 */
import type { PageRun, PassagePlace } from './contract';

/** The place of the text starting at `offset`, from the document's page runs. */
export function placeAt(pages: readonly PageRun[] | undefined, offset: number): PassagePlace {
  if (!pages || pages.length === 0) return {};
  let lo = 0;
  let hi = pages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pages[mid] as PageRun).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const run = pages[Math.max(0, found)] as PageRun;
  return run.ocrConfidence === undefined
    ? { page: run.page }
    : { page: run.page, ocr: true, ocrConfidence: run.ocrConfidence };
}

/** "p. 4", or "" for a passage without a page. */
export function pageLabel(place: PassagePlace): string {
  return place.page === undefined ? '' : `p. ${place.page}`;
}
